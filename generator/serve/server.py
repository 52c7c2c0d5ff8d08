"""The HTTP side of ``serve``: output/ on 127.0.0.1, under base_url's sub-path.

Responses are the built files with two changes made on the way out, never on
disk: absolute links to base_url point at this server instead, and HTML pages
carry the live-reload script (livereload.py). One extra path streams the build
state to open pages as server-sent events.
"""

from __future__ import annotations

import mimetypes
import re
import socket
import threading
from dataclasses import dataclass
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from ..render.urls import Urls
from . import livereload

KEEPALIVE_SECONDS = 15.0
_HOST = re.compile(r"[A-Za-z0-9.-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")
_REWRITTEN = {
    "text/html",
    "application/xml",
    "text/xml",
    "application/rss+xml",
    "application/atom+xml",
    "application/json",
}


@dataclass(frozen=True)
class Snapshot:
    generation: str
    problems: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    """Those of ``problems`` that are only warnings: a quiet note on the page, not the red banner."""


class LiveState:
    """What open pages are told: which build they should show, and its problems.

    The generation changes only when a rebuild changed files, so a no-op save
    does not reload anything. The session part makes a restarted server count as
    a change too.
    """

    def __init__(self, session: str) -> None:
        self._changed = threading.Condition()
        self._session = session
        self._count = 0
        self._problems: tuple[str, ...] = ()
        self._warnings: tuple[str, ...] = ()
        self.closed = False

    def snapshot(self) -> Snapshot:
        with self._changed:
            return self._current()

    def publish(self, *, changed: bool, problems: tuple[str, ...], warnings: tuple[str, ...] = ()) -> None:
        """A rebuild's outcome: ``problems`` are its errors and warnings, ``warnings`` those of them
        that are only warnings."""
        with self._changed:
            if changed:
                self._count += 1
            self._problems = problems
            self._warnings = tuple(w for w in warnings if w in problems)
            self._changed.notify_all()

    def wait(self, last: Snapshot | None, timeout: float) -> Snapshot:
        """The state once it differs from ``last`` (or after ``timeout``)."""
        with self._changed:
            self._changed.wait_for(lambda: self.closed or self._current() != last, timeout)
            return self._current()

    def close(self) -> None:
        with self._changed:
            self.closed = True
            self._changed.notify_all()

    def _current(self) -> Snapshot:
        return Snapshot(f"{self._session}-{self._count}", self._problems, self._warnings)


@dataclass(frozen=True)
class Mount:
    """Where the site is on disk, where it is served, and what it calls itself."""

    folder: Path
    prefix: str
    """base_url's path, with slashes at both ends: ``/`` or ``/news/``."""
    base_url: str
    address: str
    """``host:port`` the server listens on, for links when a request names no usable host."""

    @classmethod
    def of(cls, folder: Path, base_url: str, host: str, port: int) -> Mount:
        urls = Urls(base_url)
        shown_host = f"[{host}]" if ":" in host else host
        return cls(folder, urls.prefix, urls.base_url, f"{shown_host}:{port}")

    @property
    def local_url(self) -> str:
        return self.local_url_for(None)

    def local_url_for(self, host_header: str | None) -> str:
        """The site's address as the browser reached it (its Host header), so links work from
        another device too when serving on 0.0.0.0."""
        host = host_header if host_header and _HOST.fullmatch(host_header) else self.address
        return f"http://{host}{self.prefix}"


def file_for_url(folder: Path, rel: str) -> Path | None:
    """The file for a site-relative URL path, or None if it is not one of the site's
    (symlinks leading out of the folder included)."""
    parts = [p for p in rel.split("/") if p]
    if any(p in (".", "..") or "\\" in p or "\0" in p for p in parts):
        return None
    target = folder.joinpath(*parts)
    if target.is_dir():
        target = target / "index.html"
    if not target.is_file() or not target.resolve().is_relative_to(folder.resolve()):
        return None
    return target


class SiteServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, host: str, port: int, state: LiveState, verbose: bool = False) -> None:
        self.address_family = socket.AF_INET6 if ":" in host else socket.AF_INET
        super().__init__((host, port), _Handler)
        self.state = state
        self.verbose = verbose
        self.mount: Mount | None = None  # replaced whole (one reference), so readers need no lock

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def start(self) -> threading.Thread:
        thread = threading.Thread(target=self.serve_forever, name="news-digest-http", daemon=True)
        thread.start()
        return thread

    def stop(self) -> None:
        self.state.close()
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: SiteServer
    server_version = "news-digest-serve"

    def do_GET(self) -> None:
        self._respond(send_body=True)

    def do_HEAD(self) -> None:
        self._respond(send_body=False)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)

    def _respond(self, send_body: bool) -> None:
        mount = self.server.mount
        if mount is None:
            self._plain(HTTPStatus.SERVICE_UNAVAILABLE, "The site is still being built; reload in a moment.")
            return
        path = urlsplit(self.path).path
        if not path.startswith(mount.prefix):
            if mount.prefix.startswith(path.rstrip("/") + "/"):  # "/" or "/news" for "/news/"
                self._redirect(mount.prefix)
            else:
                self._not_found(mount, send_body)
            return
        rel = unquote(path[len(mount.prefix) :])
        if rel == livereload.EVENTS_PATH:
            self._events(send_body)
            return
        target = file_for_url(mount.folder, rel)
        if target is None:
            self._not_found(mount, send_body)
            return
        if target.name == "index.html" and not path.endswith("/") and not rel.endswith("index.html"):
            query = urlsplit(self.path).query
            self._redirect(path + "/" + (f"?{query}" if query else ""))  # path is still percent-encoded
            return
        self._file(mount, target, HTTPStatus.OK, send_body)

    def _file(self, mount: Mount, target: Path, status: HTTPStatus, send_body: bool) -> None:
        snapshot = self.server.state.snapshot()  # before reading: a page never claims a newer build than it is
        try:
            body = target.read_bytes()
        except OSError:
            self._plain(HTTPStatus.NOT_FOUND, "Not found.")
            return
        kind = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if kind in _REWRITTEN:
            body = body.replace(mount.base_url.encode(), mount.local_url_for(self.headers.get("Host")).encode())
        if kind == "text/html":
            body = livereload.inject(body, livereload.script(snapshot.generation, self._events_url(mount)))
        charset = "; charset=utf-8" if kind.startswith("text/") or kind.endswith(("xml", "json")) else ""
        self._send(status, kind + charset, body, send_body)

    def _not_found(self, mount: Mount, send_body: bool) -> None:
        page = mount.folder / "404.html"
        if page.is_file():
            self._file(mount, page, HTTPStatus.NOT_FOUND, send_body)
        else:
            snapshot = self.server.state.snapshot()
            html = b"<!DOCTYPE html><html lang=en><title>Not found</title><body><p>Not found.</p></body></html>"
            body = livereload.inject(html, livereload.script(snapshot.generation, self._events_url(mount)))
            self._send(HTTPStatus.NOT_FOUND, "text/html; charset=utf-8", body, send_body)

    @staticmethod
    def _events_url(mount: Mount) -> str:
        return mount.prefix + livereload.EVENTS_PATH

    def _events(self, send_body: bool) -> None:
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if not send_body:
            return
        state = self.server.state
        last: Snapshot | None = None
        try:
            while not state.closed:
                now = state.wait(last, KEEPALIVE_SECONDS)
                if now == last:
                    self.wfile.write(b": still here\n\n")
                else:
                    self.wfile.write(livereload.event(now.generation, now.problems, now.warnings))
                self.wfile.flush()
                last = now
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            return  # the page went away

    def _redirect(self, location: str) -> None:
        self.send_response(HTTPStatus.FOUND)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _plain(self, status: HTTPStatus, text: str) -> None:
        self._send(status, "text/plain; charset=utf-8", text.encode(), True)

    def _send(self, status: HTTPStatus, kind: str, body: bytes, send_body: bool) -> None:
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            if send_body:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError, ConnectionAbortedError):
            return  # the browser went away mid-answer (a tab reloading): nothing to report
