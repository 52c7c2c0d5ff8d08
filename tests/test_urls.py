"""URLs: relative links agree with the file system's idea of relative paths."""

from __future__ import annotations

import posixpath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.render.urls import Urls

SEGMENT = st.sampled_from(["a", "b", "2023", "12", "topics", "page", "x-y"])
FOLDER = st.lists(SEGMENT, max_size=4).map(lambda parts: "".join(p + "/" for p in parts))
FILE = st.tuples(FOLDER, st.sampled_from(["feed.xml", "style.css", "404.html"])).map("".join)


def reference(path: str, from_path: str) -> str:
    here = from_path if from_path.endswith("/") or not from_path else posixpath.dirname(from_path)
    rel = posixpath.relpath(path or ".", here or ".")
    return rel + "/" if path.endswith("/") or not path else rel


@given(st.one_of(FOLDER, FILE), FOLDER)
def test_relative_matches_posixpath(path: str, from_path: str) -> None:
    assert Urls.relative(path, from_path) == reference(path, from_path)
    # Resolving the link from the page gives the target back.
    resolved = posixpath.normpath(posixpath.join(from_path or ".", Urls.relative(path, from_path)))
    assert resolved == (posixpath.normpath(path) if path else ".")


def test_story_and_term_urls() -> None:
    urls = Urls("https://example.org/news")
    assert urls.base_url == "https://example.org/news/"
    assert urls.term("places", "tel-aviv", 2) == "places/tel-aviv/page/2/"
    assert urls.absolute(urls.feed(urls.topic("gaza"), "atom")) == "https://example.org/news/topics/gaza/atom.xml"
    assert urls.absolute(urls.feed(urls.topic("gaza"), "json")) == "https://example.org/news/topics/gaza/feed.json"
    with pytest.raises(ValueError, match="unknown feed format"):
        urls.feed("", "xml")
