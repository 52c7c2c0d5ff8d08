"""serve: the HTTP side, the rebuild loop with scripted saves, and a real run with watchfiles."""

from __future__ import annotations

import json
import queue
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from http.client import HTTPResponse
from pathlib import Path

import pytest

from generator.config import load_config
from generator.diagnostics import Diagnostic
from generator.serve import livereload
from generator.serve.server import LiveState, Mount, SiteServer, file_for_url
from generator.serve.session import relevant, serve

from .conftest import make_project, serving


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


_plain = urllib.request.build_opener(_NoRedirect)


def fetch(url: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, method=method)
    try:
        with _plain.open(request, timeout=10) as response:
            assert isinstance(response, HTTPResponse)
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def first_event(url: str) -> dict[str, object]:
    with urllib.request.urlopen(url, timeout=10) as stream:
        for raw in stream:
            line = raw.decode()
            if line.startswith("data: "):
                event: dict[str, object] = json.loads(line[len("data: ") :])
                return event
    raise AssertionError("the event stream ended without an event")


# -- the reload script ------------------------------------------------------


def test_inject_goes_before_the_last_body_end() -> None:
    html = b"<html><body><p>&lt;/body&gt; in text</p></body>\n</html>"
    out = livereload.inject(html, b"<script>x</script>")
    assert out == b"<html><body><p>&lt;/body&gt; in text</p><script>x</script></body>\n</html>"
    assert livereload.inject(b"<p>no body end", b"<s>") == b"<p>no body end<s>"
    assert livereload.inject(b"<BODY></Body >", b"!") == b"<BODY>!</Body >"


def test_script_and_event_carry_the_generation_as_json() -> None:
    snippet = livereload.script('a"b-3', "/news/" + livereload.EVENTS_PATH).decode()
    assert 'const seen = "a\\"b-3";' in snippet
    assert '"/news/__news-digest__/events"' in snippet
    event = livereload.event("s-2", ("x.md:3: warning: bad </script>",))
    assert event.endswith(b"\n\n") and event.startswith(b"data: ")
    assert json.loads(event[len(b"data: ") :]) == {"generation": "s-2", "problems": ["x.md:3: warning: bad </script>"]}


def test_live_state_moves_only_on_changes() -> None:
    state = LiveState("s")
    start = state.snapshot()
    state.publish(changed=False, problems=())
    assert state.snapshot() == start
    state.publish(changed=False, problems=("bad",))
    assert state.snapshot().generation == start.generation and state.snapshot().problems == ("bad",)
    state.publish(changed=True, problems=())
    assert state.snapshot().generation != start.generation
    waited = state.wait(state.snapshot(), timeout=0.05)  # nothing new: returns after the timeout
    assert waited == state.snapshot()


def test_relevant_ignores_hidden_and_editor_files() -> None:
    assert relevant("/p/content/a.md") and relevant("/p/site.yaml")
    for junk in ("/p/content/.ingest.json", "/p/content/.a.md.swp", "/p/content/a.md~", "/p/content/#a.md#"):
        assert not relevant(junk)


# -- the HTTP server --------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Iterator[tuple[str, LiveState]]:
    folder = tmp_path / "site"
    (folder / "sub").mkdir(parents=True)
    (folder / "index.html").write_text(
        '<!DOCTYPE html><html><head><link rel="canonical" href="https://example.org/news/"></head>'
        "<body><a href='sub/'>sub</a></body></html>"
    )
    (folder / "sub" / "index.html").write_text("<html><body>sub page</body></html>")
    (folder / "404.html").write_text("<html><body>gone</body></html>")
    (folder / "feed.xml").write_text("<rss><channel><link>https://example.org/news/</link></channel></rss>")
    (folder / "feed.json").write_text(
        '{"version": "https://jsonfeed.org/version/1.1", "feed_url": "https://example.org/news/feed.json"}'
    )
    (tmp_path / "secret.txt").write_text("outside the site")
    state = LiveState("t")
    server = SiteServer("127.0.0.1", 0, state)
    server.mount = Mount.of(folder, "https://example.org/news/", "127.0.0.1", server.port)
    server.start()
    try:
        yield f"http://127.0.0.1:{server.port}", state
    finally:
        server.stop()


def test_pages_are_served_under_the_sub_path_with_the_script(site: tuple[str, LiveState]) -> None:
    root, _ = site
    status, headers, body = fetch(root + "/news/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    assert b'data-news-digest="live-reload"' in body
    assert body.index(b"live-reload") < body.index(b"</body>")
    assert f'href="{root}/news/"'.encode() in body, "absolute links to base_url point at the local server"
    assert b"https://example.org" not in body


def test_redirects_and_not_found(site: tuple[str, LiveState]) -> None:
    root, _ = site
    assert fetch(root + "/")[0:2][0] == 302 and fetch(root + "/")[1]["Location"] == "/news/"
    assert fetch(root + "/news")[1]["Location"] == "/news/"
    status, headers, _ = fetch(root + "/news/sub")
    assert status == 302 and headers["Location"] == "/news/sub/"
    status, _, body = fetch(root + "/news/nothing/here/")
    assert status == 404 and b"gone" in body and b"live-reload" in body
    for escape in ("/news/../secret.txt", "/news/%2e%2e/secret.txt", "/news/sub/..%2f..%2fsecret.txt"):
        status, _, body = fetch(root + escape)
        assert status == 404 and b"outside the site" not in body, escape
    assert fetch(root + "/elsewhere/")[0] == 404


def test_redirects_keep_encoding_and_query(site: tuple[str, LiveState], tmp_path: Path) -> None:
    root, _ = site
    folder = tmp_path / "site" / "a b"
    folder.mkdir()
    (folder / "index.html").write_text("<html><body>spaced</body></html>")
    status, headers, _ = fetch(root + "/news/a%20b?x=1")
    assert status == 302 and headers["Location"] == "/news/a%20b/?x=1"
    assert fetch(root + "/news/a%20b/")[0] == 200


def test_links_follow_the_host_the_browser_used(site: tuple[str, LiveState]) -> None:
    root, _ = site
    port = root.rsplit(":", 1)[1]
    request = urllib.request.Request(root + "/news/", headers={"Host": f"news.local:{port}"})
    with urllib.request.urlopen(request, timeout=10) as response:
        body = response.read()
    assert f'href="http://news.local:{port}/news/"'.encode() in body
    hostile = urllib.request.Request(root + "/news/", headers={"Host": '"><script>x</script>'})
    with urllib.request.urlopen(hostile, timeout=10) as response:
        body = response.read()
    assert b"<script>x</script>" not in body and f'href="{root}/news/"'.encode() in body


def test_symlinks_out_of_the_site_are_not_served(site: tuple[str, LiveState], tmp_path: Path) -> None:
    root, _ = site
    (tmp_path / "site" / "leak.txt").symlink_to(tmp_path / "secret.txt")
    status, _, body = fetch(root + "/news/leak.txt")
    assert status == 404 and b"outside the site" not in body


def test_head_of_the_event_stream_ends(site: tuple[str, LiveState]) -> None:
    root, _ = site
    status, headers, body = fetch(root + "/news/" + livereload.EVENTS_PATH, method="HEAD")
    assert status == 200 and headers["Content-Type"] == "text/event-stream" and body == b""


@pytest.mark.parametrize("name", ["feed.xml", "feed.json"])
def test_feeds_are_rewritten_but_get_no_script(site: tuple[str, LiveState], name: str) -> None:
    root, _ = site
    status, headers, body = fetch(root + "/news/" + name)
    assert status == 200 and b"<script" not in body and f"{root}/news/".encode() in body
    assert b"https://example.org/" not in body and headers["Content-Type"].endswith("; charset=utf-8")
    status, headers, body = fetch(root + "/news/" + name, method="HEAD")
    assert status == 200 and body == b"" and int(headers["Content-Length"]) > 0


def test_events_report_generation_and_problems(site: tuple[str, LiveState]) -> None:
    root, state = site
    url = root + "/news/" + livereload.EVENTS_PATH
    first = first_event(url)
    assert first == {"generation": state.snapshot().generation, "problems": []}
    state.publish(changed=False, problems=("content/a.md:2: warning: skipped",))
    assert first_event(url) == {"generation": first["generation"], "problems": ["content/a.md:2: warning: skipped"]}
    state.publish(changed=True, problems=())
    assert first_event(url)["generation"] != first["generation"]


def test_locate_stays_inside(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "index.html").write_text("x")
    assert file_for_url(tmp_path, "a/") == tmp_path / "a" / "index.html"
    assert file_for_url(tmp_path, "a") == tmp_path / "a" / "index.html"
    assert file_for_url(tmp_path, "a/../../etc/passwd") is None
    assert file_for_url(tmp_path, "missing/") is None


# -- the rebuild loop, with saves scripted --------------------------------


class Saves:
    """Stands in for watchfiles: the test says when a batch of files changed.

    The serve loop handles one batch fully (rebuild, new generation) before it asks
    for the next, so once it has asked for one more batch than were sent, every
    batch sent so far has had its effect: ``handled`` tells the test so."""

    def __init__(self) -> None:
        self.batches: queue.Queue[set[str] | None] = queue.Queue()
        self.sent = 0
        self.asked = 0

    def put(self, batch: set[str] | None) -> None:
        self.sent += 1
        self.batches.put(batch)

    def handled(self) -> bool:
        return self.asked > self.sent

    def __call__(self, folders: tuple[Path, ...]) -> Iterator[set[str]]:
        while True:
            self.asked += 1
            batch = self.batches.get()
            if batch is None:
                return
            yield batch


def wait_until(check: object, timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if callable(check) and check():
            return
        time.sleep(0.05)
    raise AssertionError("timed out waiting")


def serve_in_thread(
    project: Path, saves: Saves, say: Callable[[str], None], show: Callable[[Diagnostic], None]
) -> threading.Thread:
    """``serve`` on the project's site.yaml in a started daemon thread, on a free port,
    with saves told by the test; ``saves.put(None)`` ends it."""
    config = load_config(project / "site.yaml")[0]
    runner = threading.Thread(
        target=serve,
        args=(project / "site.yaml", config),
        kwargs={"host": "127.0.0.1", "port": 0, "jobs": 1, "show": show, "say": say, "changes": saves},
        daemon=True,
    )
    runner.start()
    return runner


def test_loop_rebuilds_on_save_and_survives_bad_edits(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", base_url="https://example.org/news/")
    saves = Saves()
    said: list[str] = []
    shown: list[Diagnostic] = []
    port_holder: dict[str, int] = {}

    def say(text: str) -> None:
        said.append(text)
        if match := re.search(r":(\d+)/news/", text):
            port_holder["port"] = int(match.group(1))

    runner = serve_in_thread(project, saves, say, shown.append)
    wait_until(lambda: "port" in port_holder)
    base = f"http://127.0.0.1:{port_holder['port']}/news/"
    events = base + livereload.EVENTS_PATH
    start = first_event(events)
    assert start["problems"] == []

    page = next((project / "content").rglob("*.md"))
    text = page.read_text(encoding="utf-8")
    old_title = re.search(r"^title: (.+)$", text, re.M)
    assert old_title
    page.write_text(text.replace(old_title.group(0), "title: Saved just now", 1), encoding="utf-8")
    saves.put({str(page)})
    wait_until(lambda: first_event(events)["generation"] != start["generation"])
    assert b"Saved just now" in fetch(base)[2]
    built = list((project / "output").rglob("*.html"))
    assert len(built) > 10 and b"Saved just now" in (project / "output" / "index.html").read_bytes()
    assert all(b"live-reload" not in p.read_bytes() for p in built), "the reload script is never written to output/"

    # A changed seed: ingest rewrites its pages, and their change events do not cause a second rebuild.
    seed = project / "seeds" / "2023-12-02-new.txt"
    seed.write_text(  # dated and signed: ingest has nothing to warn about, so the banner stays clear
        "Doha talks resume\nBy Ana Ruiz, Reuters\nUpdated 10:00 AM GMT, Sat December 2, 2023\n\n"
        "Mediators in Doha met again on Saturday.\n",
        encoding="utf-8",
    )
    before = first_event(events)["generation"]
    saves.put({str(seed)})
    wait_until(lambda: first_event(events)["generation"] != before)
    rebuilt = sum(1 for line in said if line.startswith("rebuilt"))
    written = [str(p) for p in (project / "content").rglob("*.md") if b"Doha" in p.read_bytes()]
    assert written, "ingest rewrote the seed's page"
    saves.put(set(written) | {str(project / "content" / ".ingest.json")})
    saves.put({str(project / "content" / "notes.md~")})  # an editor's backup: ignored too
    wait_until(saves.handled)
    assert sum(1 for line in said if line.startswith("rebuilt")) == rebuilt, "no rebuild for them"
    page.write_text(page.read_text(encoding="utf-8"), encoding="utf-8")
    saves.put({str(page)})  # a real save after them: the one rebuild that follows
    wait_until(saves.handled)
    assert sum(1 for line in said if line.startswith("rebuilt")) == rebuilt + 1

    # A bad site.yaml: the error is shown, the old site stays up, the banner gets it.
    good_yaml = (project / "site.yaml").read_text(encoding="utf-8")
    (project / "site.yaml").write_text(good_yaml + "\ntopics: [\n", encoding="utf-8")
    saves.put({str(project / "site.yaml")})
    wait_until(lambda: bool(first_event(events)["problems"]))
    problems = first_event(events)["problems"]
    assert isinstance(problems, list) and re.match(r".*site\.yaml:\d+: error: not valid YAML", problems[0])
    assert any("not valid YAML" in d.message for d in shown)
    assert fetch(base)[0] == 200 and b"Saved just now" in fetch(base)[2]

    # Fixed again: the banner clears.
    (project / "site.yaml").write_text(good_yaml, encoding="utf-8")
    saves.put({str(project / "site.yaml")})
    wait_until(lambda: first_event(events)["problems"] == [])

    # Broken front matter: a warning for that file, the rest of the site still served.
    page.write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    saves.put({str(page)})
    wait_until(lambda: any(page.name in str(p) for p in first_event(events)["problems"]))  # type: ignore[attr-defined]
    assert fetch(base)[0] == 200
    saves.put(None)
    runner.join(timeout=20)
    assert not runner.is_alive()


# -- a real run: the command, watchfiles and a save -----------------------


def test_serve_command_picks_up_a_save(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    with serving(project) as url:
        status, _, body = fetch(url)
        assert status == 200 and b"The Daily Brief" in body
        page = next((project / "content").rglob("*.md"))
        text = page.read_text(encoding="utf-8")
        title = re.search(r"^title: (.+)$", text, re.M)
        assert title
        page.write_text(text.replace(title.group(0), "title: Edited while serving", 1), encoding="utf-8")
        wait_until(lambda: b"Edited while serving" in fetch(url)[2], timeout=30)
        built = (project / "output" / "index.html").read_bytes()
        assert b"Edited while serving" in built and b"live-reload" not in built and b"127.0.0.1" not in built


def test_ctrl_c_while_the_first_build_runs_stops_serve(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", with_content=False)
    proc = subprocess.Popen(
        [sys.executable, "-m", "generator", "serve", "--port", "0", "-v"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    deadline = time.monotonic() + 30
    while not (project / "content" / "articles").exists() and time.monotonic() < deadline:
        time.sleep(0.01)  # ingest has begun writing: the first build is under way
    proc.send_signal(signal.SIGINT)
    try:
        out, _ = proc.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError("serve hung after Ctrl+C") from None
    assert proc.returncode == 0, out
    assert "stopped" in out
