"""serve's live reload: errors and warnings apart in the events, one stream shared by the tabs.

The script's behaviour is checked in a real browser (tests/browser/test_serve_tabs.py); these
are the payload and the server side, and a light check that the script has its parts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from generator.config import load_config
from generator.diagnostics import Diagnostic
from generator.serve import livereload
from generator.serve.server import LiveState, Mount, SiteServer
from generator.serve.session import rebuild

from .conftest import make_project
from .test_serve import first_event


def _payload(raw: bytes) -> dict[str, object]:
    assert raw.startswith(b"data: ") and raw.endswith(b"\n\n")
    data: dict[str, object] = json.loads(raw[len(b"data: ") :])
    return data


def test_event_names_the_warnings_among_the_problems() -> None:
    error, warning = "site.yaml:3: error: bad", "content/x.md: warning: kept your edit: x"
    assert _payload(livereload.event("g-1", (error, warning), (warning,))) == {
        "generation": "g-1",
        "problems": [error, warning],
        "warnings": [warning],
    }
    assert _payload(livereload.event("g-1", (error,))) == {"generation": "g-1", "problems": [error]}
    assert _payload(livereload.event("g-1", ())) == {"generation": "g-1", "problems": []}


def test_live_state_keeps_the_warnings_and_a_change_of_them_is_news() -> None:
    state = LiveState("s")
    state.publish(changed=False, problems=("a: warning: w",), warnings=("a: warning: w", "not a problem"))
    first = state.snapshot()
    assert first.problems == ("a: warning: w",) and first.warnings == ("a: warning: w",)
    state.publish(changed=False, problems=("a: warning: w",))  # the same text, now an error
    assert state.snapshot() != first and state.snapshot().warnings == ()
    assert state.snapshot().generation == first.generation


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, LiveState]]:
    (tmp_path / "index.html").write_text("<html><body>home</body></html>")
    state = LiveState("t")
    site = SiteServer("127.0.0.1", 0, state)
    site.mount = Mount.of(tmp_path, "https://example.org/", "127.0.0.1", site.port)
    site.start()
    try:
        yield f"http://127.0.0.1:{site.port}/{livereload.EVENTS_PATH}", state
    finally:
        site.stop()


def test_the_stream_carries_errors_and_warnings_apart(server: tuple[str, LiveState]) -> None:
    url, state = server
    state.publish(changed=False, problems=("e: error: x", "w: warning: y"), warnings=("w: warning: y",))
    event = first_event(url)
    assert event["problems"] == ["e: error: x", "w: warning: y"] and event["warnings"] == ["w: warning: y"]
    state.publish(changed=False, problems=("w: warning: y",), warnings=("w: warning: y",))
    assert first_event(url)["warnings"] == ["w: warning: y"]
    state.publish(changed=False, problems=())
    assert "warnings" not in first_event(url)


def test_a_rebuild_sorts_its_notes_into_errors_and_warnings(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    config = load_config(project / "site.yaml")[0]
    shown: list[Diagnostic] = []
    assert rebuild(config, 1, shown.append, lambda _: None, False).warnings == ()
    page = next((project / "content").rglob("*.md"))
    page.write_text("---\ntitle: [unclosed\n---\nbody\n", encoding="utf-8")
    result = rebuild(config, 1, shown.append, lambda _: None, False)
    assert result.warnings and all(w in result.problems for w in result.warnings)
    assert any(page.name in w and ": warning: " in w for w in result.warnings)
    assert all(": error: " in p for p in result.problems if p not in result.warnings)


def test_the_script_shares_one_stream_and_lets_warnings_be_dismissed() -> None:
    snippet = livereload.script("g-1", "/news/" + livereload.EVENTS_PATH).decode()
    assert "new BroadcastChannel(" in snippet and "navigator.locks.request(" in snippet
    assert snippet.count("new EventSource(") == 1, "one place opens a stream: the leader, or each tab without locks"
    assert "sessionStorage.setItem(" in snippet and json.dumps(livereload.DISMISSED_KEY) in snippet
    assert '"alert"' in snippet and '"status"' in snippet and 'aria-label", "Dismiss' in snippet
    assert "%" not in snippet.replace("%(", ""), "every placeholder was filled"


def test_a_browser_that_hangs_up_mid_answer_is_no_error() -> None:
    """A tab reloading while its page is sent: the write fails with a broken pipe,
    which serve lets go quietly instead of printing a traceback."""
    import io
    from http import HTTPStatus

    from generator.serve.server import _Handler

    class Gone(io.BufferedIOBase):
        def write(self, data: object) -> int:
            raise BrokenPipeError(32, "Broken pipe")

    handler = object.__new__(_Handler)
    handler.wfile = Gone()
    handler.request_version = "HTTP/1.1"
    handler.requestline = "GET / HTTP/1.1"
    handler.command = "GET"
    handler.client_address = ("127.0.0.1", 1)
    handler.log_request = lambda *args: None  # type: ignore[method-assign]
    handler._send(HTTPStatus.OK, "text/html", b"<p>hello</p>", True)  # must not raise
