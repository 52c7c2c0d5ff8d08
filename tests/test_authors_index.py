"""The author index reads like a name index: by surname, then given names."""

from __future__ import annotations

import re
from pathlib import Path

from generator.site.assemble import surname_first

from .conftest import build_project, make_project


def test_surname_first() -> None:
    assert surname_first("Dara Costa") == "Costa Dara"
    assert surname_first("John Smith Jr.") == "Smith John Jr."
    assert surname_first("Martin Luther King III") == "King Martin Luther III"
    assert surname_first("Cher") == "Cher"


def test_the_author_index_is_sorted_by_surname(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    page = next((project / "content" / "articles").glob("*.md"))
    text = page.read_text(encoding="utf-8")
    # "Zoe Abbott" sorts first by surname and last by given name: the index shows which
    text = text.replace("authors:\n", "authors:\n- Zoe Abbott\n- Aaron Zywicki\n", 1)
    page.write_text(text, encoding="utf-8")
    output = build_project(project)
    html = (output / "authors" / "index.html").read_text(encoding="utf-8")
    names = re.findall(r'<li><a href="[^"]+">([^<]+)</a> <span class="count">', html)
    assert names[0] == "Zoe Abbott" and names[-1] == "Aaron Zywicki"
    assert names == sorted(names, key=lambda n: surname_first(n).casefold())
