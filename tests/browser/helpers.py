"""Browser helpers shared by every test that drives a real browser.

- ``chromium_path()``: the ``chromium`` on PATH, or a clear test failure (a skip only when
  ``NEWS_DIGEST_SKIP_BROWSER=1`` is set);
- ``launch_chromium(playwright)``: that chromium, headless, with the flags a closed network needs;
  Playwright never downloads a browser of its own;
- ``StaticServer``: a threaded ``http.server`` on 127.0.0.1 serving a folder, with its 404.html for
  missing paths, as a static host would;
- ``watched_page(browser)``: a fresh context and page with a ``PageWatcher``, which records console
  errors, uncaught page errors, failed requests and 4xx/5xx responses;
- ``run_axe(page)`` / ``format_violations(...)``: axe-core (installed by ``npm ci --prefix tests/browser``)
  injected into the page, and its violations as readable text;
- ``horizontal_overflow(page)``: how far a page scrolls sideways, and the elements that stick out.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Frame, Page, Playwright, Request, Response, ViewportSize

SKIP_ENV = "NEWS_DIGEST_SKIP_BROWSER"
SCREENSHOTS_ENV = "NEWS_DIGEST_SCREENSHOTS"

# The machine's network is closed: no GPU, no QUIC, none of chromium's own background traffic.
CHROMIUM_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # containers often give /dev/shm 64 MB: ten tabs could crash a page there
)

AXE_JS = Path(__file__).resolve().parent / "node_modules" / "axe-core" / "axe.min.js"

# axe.run() with its default rules (WCAG 2.0–2.2 A and AA, best practices), plus WCAG 2.2's target
# size (2.5.8, AA), which axe leaves off by default.
AXE_OPTIONS: dict[str, Any] = {"rules": {"target-size": {"enabled": True}}}
# The rules whose outcome depends on the colour scheme, for a second pass in dark mode.
AXE_COLOR_RULES: dict[str, Any] = {"runOnly": {"type": "rule", "values": ["color-contrast", "link-in-text-block"]}}

DESKTOP: ViewportSize = {"width": 1200, "height": 900}
MOBILE: ViewportSize = {"width": 375, "height": 812}


def browser_tests_skipped() -> bool:
    """True when the user explicitly asked to skip the browser tests."""
    return os.environ.get(SKIP_ENV) == "1"


def chromium_path() -> str:
    """The chromium on PATH. Without one the calling test fails (skips only under NEWS_DIGEST_SKIP_BROWSER=1)."""
    if browser_tests_skipped():
        pytest.skip(f"browser tests skipped: {SKIP_ENV}=1")
    found = shutil.which("chromium")
    if not found:
        pytest.fail(
            "chromium is not on PATH, so the browser tests cannot run. `make test` installs Debian's package "
            f"(apt-get install chromium); set {SKIP_ENV}=1 to skip these tests on purpose.",
            pytrace=False,
        )
    return found


def launch_chromium(playwright: Playwright) -> Browser:
    """The system chromium, headless, through Playwright's sync API."""
    return playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=list(CHROMIUM_ARGS))


# ---------- Serving a folder ----------


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files like a static host: no request log, and the site's 404.html for a missing path."""

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


class StaticServer:
    """A threaded HTTP server on 127.0.0.1 and a free port, serving ``root`` from a background thread.

    The port is bound when the object is made, so ``url`` is known before ``root`` is filled
    (a site can be built with it as its ``base_url``). Use it as a context manager.
    """

    def __init__(self, root: Path, host: str = "127.0.0.1") -> None:
        self.root = root
        handler = functools.partial(_QuietHandler, directory=str(root))
        self._server = http.server.ThreadingHTTPServer((host, 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="static-server", daemon=True)
        port = self._server.server_address[1]
        self.url = f"http://{host}:{port}"

    def start(self) -> StaticServer:
        self._thread.start()
        return self

    def close(self) -> None:
        if self._thread.is_alive():
            self._server.shutdown()
            self._thread.join(timeout=5)
        self._server.server_close()

    def __enter__(self) -> StaticServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---------- Watching a page ----------


@dataclass
class PageWatcher:
    """Everything that went wrong on a page: console errors, page errors, failed and 4xx/5xx requests.

    ``expect_status(url, status)`` allows one response on purpose (a 404 page's own 404). A request
    cancelled (``net::ERR_ABORTED``) while its document was later replaced by another, as the favicon
    is when a test moves on right after the load event, is not a problem; any other failure is.
    ``problems()`` lists them; ``assert_clean()`` fails with them; ``reset()`` starts afresh.
    """

    page: Page
    expected: dict[str, int] = field(default_factory=dict)
    _found: list[str] = field(default_factory=list)
    _documents: int = 0  # main-frame documents committed so far
    _document_of: dict[Request, int] = field(default_factory=dict)
    _cancelled: list[tuple[Request, int]] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.page.on("framenavigated", self._on_navigated)
        self.page.on("request", self._on_request)
        self.page.on("requestfailed", self._on_request_failed)
        self.page.on("response", self._on_response)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", self._on_page_error)

    def expect_status(self, url: str, status: int) -> None:
        """A response of ``status`` from ``url`` is expected, not a problem."""
        self.expected[url] = status

    def _on_navigated(self, frame: Frame) -> None:
        if frame == self.page.main_frame:
            self._documents += 1

    def _on_request(self, request: Request) -> None:
        self._document_of[request] = self._documents

    def _on_request_failed(self, request: Request) -> None:
        if request.failure == "net::ERR_ABORTED":
            self._cancelled.append((request, self._document_of.get(request, self._documents)))
        else:
            self._found.append(f"request failed: {request.method} {request.url}: {request.failure}")

    def _on_response(self, response: Response) -> None:
        if response.status >= 400 and self.expected.get(response.url) != response.status:
            self._found.append(f"HTTP {response.status}: {response.request.method} {response.url}")

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        where = message.location.get("url", "")
        if where in self.expected and "status of" in message.text:
            return  # the browser's own note about a response we expected
        self._found.append(f"console error: {message.text} ({where})")

    def _on_page_error(self, error: Exception) -> None:
        self._found.append(f"page error: {error}")

    def reset(self) -> None:
        """Forget the problems and expected responses so far, to reuse the page for another check."""
        self._found.clear()
        self._cancelled.clear()
        self.expected.clear()

    def problems(self) -> list[str]:
        """Every problem seen so far."""
        cancelled = [
            f"request cancelled: {request.method} {request.url}"
            for request, document in self._cancelled
            if document == self._documents  # its page is still the one shown: nothing replaced it
        ]
        return self._found + cancelled

    def assert_clean(self, where: str = "") -> None:
        """Fail with every problem seen so far."""
        problems = self.problems()
        if problems:
            listing = "\n  ".join(problems)
            raise AssertionError(f"browser problems{' on ' + where if where else ''}:\n  {listing}")


@contextmanager
def watched_page(
    browser: Browser, viewport: ViewportSize = DESKTOP, **options: Any
) -> Iterator[tuple[Page, PageWatcher]]:
    """A new context and page with a ``PageWatcher``; the context is closed afterwards.

    ``options`` go to ``browser.new_context`` (e.g. ``color_scheme="dark"``, ``reduced_motion="reduce"``).
    """
    context = browser.new_context(viewport=viewport, **options)
    try:
        page = context.new_page()
        yield page, PageWatcher(page)
    finally:
        context.close()


# ---------- axe-core ----------


@functools.cache
def axe_source() -> str:
    """The text of axe.min.js, as installed from the npm registry by `make test`."""
    if not AXE_JS.is_file():
        pytest.fail(
            f"{AXE_JS} is missing: run `make test` (or `npm ci --prefix tests/browser`) to install axe-core.",
            pytrace=False,
        )
    return AXE_JS.read_text(encoding="utf-8")


def run_axe(page: Page, options: dict[str, Any] | None = None) -> list[dict[str, Any]]:
    """Inject axe-core into the page (once) and return the violations of ``axe.run()`` on the whole document.

    ``options`` are axe.run's (default ``AXE_OPTIONS``); ``AXE_COLOR_RULES`` runs only the colour rules."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(content=axe_source())
    result: dict[str, Any] = page.evaluate(
        "async (options) => await window.axe.run(document, options)",
        {"resultTypes": ["violations"], **(AXE_OPTIONS if options is None else options)},
    )
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def format_violations(violations: list[dict[str, Any]], limit: int = 5) -> str:
    """One block per rule: id, impact, help, and the selectors of the first ``limit`` offending nodes."""
    lines = []
    for violation in violations:
        nodes = violation["nodes"]
        lines.append(f"{violation['id']} ({violation.get('impact')}): {violation['help']} — {len(nodes)} node(s)")
        for node in nodes[:limit]:
            target = " ".join(" >>> ".join(part) if isinstance(part, list) else part for part in node["target"])
            summary = " ".join((node.get("failureSummary") or "").split())
            lines.append(f"    {target}: {summary}")
        if len(nodes) > limit:
            lines.append(f"    … and {len(nodes) - limit} more")
    return "\n".join(lines)


# ---------- Layout ----------

_OVERFLOW_JS = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.classList.length ? '.' + [...el.classList].join('.') : '');
  const path = (el) => {
    const parts = [];
    for (let node = el; node && node !== root && parts.length < 4; node = node.parentElement) parts.unshift(describe(node));
    return parts.join(' > ');
  };
  const clipped = (el) => {
    for (let node = el.parentElement; node && node !== document.body; node = node.parentElement) {
      if (getComputedStyle(node).overflowX !== 'visible') return true;
    }
    return false;
  };
  const offenders = [];
  for (const el of document.body.querySelectorAll('*')) {
    const right = el.getBoundingClientRect().right + window.scrollX;
    if (right > width + 0.5 && !clipped(el)) offenders.push(`${path(el)} (right edge ${Math.round(right)}px)`);
    if (offenders.length >= 8) break;
  }
  return {scrollWidth: root.scrollWidth, clientWidth: width, offenders};
}"""


def horizontal_overflow(page: Page) -> dict[str, Any]:
    """``scrollWidth``, ``clientWidth`` of the document, and up to 8 elements whose right edge sticks out."""
    result: dict[str, Any] = page.evaluate(_OVERFLOW_JS)
    return result
