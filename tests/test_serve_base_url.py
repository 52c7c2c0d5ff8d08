"""serve re-reads site.yaml on save: a base_url moved to a sub-path (and back) is
served at its new address without a restart, and other keys take effect too."""

from __future__ import annotations

import re
from pathlib import Path

from generator.diagnostics import Diagnostic
from generator.serve import livereload

from .conftest import make_project
from .test_serve import Saves, fetch, first_event, serve_in_thread, wait_until


def test_saved_base_url_and_title_are_served_without_a_restart(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    yaml_file = project / "site.yaml"
    saves = Saves()
    said: list[str] = []
    shown: list[Diagnostic] = []
    port: dict[str, int] = {}

    def say(text: str) -> None:
        said.append(text)
        if match := re.search(r"127\.0\.0\.1:(\d+)/", text):
            port.setdefault("port", int(match.group(1)))

    runner = serve_in_thread(project, saves, say, shown.append)
    wait_until(lambda: "port" in port)
    root = f"http://127.0.0.1:{port['port']}"
    assert fetch(root + "/")[0] == 200 and fetch(root + "/news/")[0] == 404

    before = first_event(root + "/" + livereload.EVENTS_PATH)["generation"]
    original = yaml_file.read_text(encoding="utf-8")
    title = re.search(r"^title: (.+)$", original, re.M)
    assert title is not None
    moved = original.replace("base_url: https://example.org/", "base_url: https://example.org/news/").replace(
        title.group(0), "title: Renamed While Serving", 1
    )
    assert moved.count("/news/") == 1
    yaml_file.write_text(moved, encoding="utf-8")
    saves.put({str(yaml_file.resolve())})
    wait_until(lambda: fetch(root + "/news/")[0] == 200)

    status, _, body = fetch(root + "/news/")
    assert status == 200 and b"Renamed While Serving" in body
    assert fetch(root + "/")[1].get("Location") == "/news/", "the old root now points at the sub-path"
    assert first_event(root + "/news/" + livereload.EVENTS_PATH)["generation"] != before
    assert (project / "output" / "index.html").exists()

    # And back to the root, still without a restart.
    yaml_file.write_text(original, encoding="utf-8")
    saves.put({str(yaml_file.resolve())})
    wait_until(lambda: fetch(root + "/")[0] == 200)
    assert fetch(root + "/news/")[0] == 404
    assert b"Renamed While Serving" not in fetch(root + "/")[2]
    assert not [d for d in shown if d.level.value == "error"]
    saves.put(None)
    runner.join(timeout=20)
    assert not runner.is_alive()
