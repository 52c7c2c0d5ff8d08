"""Curly quotes: the rules on headline-like text, and properties of curling HTML (markup and
code untouched, nothing but quote characters changed, curling twice changes nothing)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from generator import frontmatter
from generator.config import Topic, load_config
from generator.site.markup import render_markdown
from generator.site.prepare import Prepared, Preparer, Settings
from generator.site.topics import TopicRules
from generator.site.typography import curl, curl_html

from .conftest import make_project


@pytest.mark.parametrize(
    ("straight", "curled"),
    [
        ('Talks reach "dead end," officials say', "Talks reach “dead end,” officials say"),
        ("The minister's office", "The minister’s office"),
        ("The editors' desk", "The editors’ desk"),
        ("'Quoted' at the start", "‘Quoted’ at the start"),
        ("Back to the '90s", "Back to the ’90s"),
        ('"Hello," she said. "Bye."', "“Hello,” she said. “Bye.”"),
        ('He said ("no")', "He said (“no”)"),
        ("No quotes at all", "No quotes at all"),
        ("Already “curled” and it’s fine", "Already “curled” and it’s fine"),
        ("\"'Hi,' she said,\" he wrote", "“‘Hi,’ she said,” he wrote"),
        ("'\"Quoted,\" he said'", "‘“Quoted,” he said’"),
    ],
)
def test_curl_text(straight: str, curled: str) -> None:
    assert curl(straight) == curled


def test_quotes_beside_inline_markup_read_across_the_tags() -> None:
    assert curl_html("<p>\"<em>'inner'</em>\" she said</p>") == "<p>“<em>‘inner’</em>” she said</p>"
    assert curl_html('<p>He said "<em>never</em>" twice</p>') == "<p>He said “<em>never</em>” twice</p>"
    assert curl_html('<p>"<a href="/x">linked</a>" words</p>') == '<p>“<a href="/x">linked</a>” words</p>'


def test_code_attributes_and_comments_are_left_as_written() -> None:
    html = (
        '<p>Use <code>say "hi"</code> or <kbd>\'q\'</kbd>, it\'s "easy"</p>\n'
        '<pre><code>print("x")\nit\'s\n</code></pre>\n'
        '<p><a href="/a" title=\'t\'>"go"</a></p><!-- "kept" -->'
    )
    assert curl_html(html) == (
        "<p>Use <code>say \"hi\"</code> or <kbd>'q'</kbd>, it’s “easy”</p>\n"
        '<pre><code>print("x")\nit\'s\n</code></pre>\n'
        '<p><a href="/a" title=\'t\'>“go”</a></p><!-- "kept" -->'
    )


def test_a_quote_never_reads_across_a_paragraph() -> None:
    # Without the block edge, the second paragraph's opening quote would follow "end." and close.
    assert curl_html('<p>The end.</p><p>"Next," he said.</p>') == "<p>The end.</p><p>“Next,” he said.</p>"


_PIECES = st.sampled_from([*"ab '\"().,-\n`*_", "it's", "**x**", "`c'd`", "    code 'x'\n", "<b>", "</b>"])
_TEXT = st.lists(_PIECES, max_size=40).map("".join)
_TAGS = re.compile(r"<[^>]*>")
_CODE = re.compile(r"<(code|pre|kbd)>.*?</\1>", re.S)


def _straighten(text: str) -> str:
    return text.translate(str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"}))


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_curling_markdown_changes_only_quotes_and_never_code(source: str) -> None:
    html = render_markdown(source, 100_000, 5.0)
    curled = curl_html(html)
    assert _straighten(curled) == _straighten(html), "only quote characters change"
    assert _TAGS.findall(curled) == _TAGS.findall(html), "markup is left as it was"
    assert _CODE.findall(curled) == _CODE.findall(html)
    assert [m.group() for m in _CODE.finditer(curled)] == [m.group() for m in _CODE.finditer(html)]
    outside = _TAGS.sub("", _CODE.sub("", curled))
    assert '"' not in outside and "'" not in outside, "every straight quote outside code is curled"
    assert curl_html(curled) == curled, "curling twice changes nothing"


def test_topic_rules_match_the_quotes_the_writer_typed(tmp_path: Path) -> None:
    """Curling is for readers: a rule with a straight apostrophe still finds the body's words."""
    config = load_config(make_project(tmp_path / "p", with_content=False) / "site.yaml")[0]
    config = replace(config, topics=(Topic("Women's rights", "womens-rights", ("women's rights",)),))
    data = frontmatter.render(
        {"title": "A vote in the assembly", "kind": "article", "date": "2023-12-03T10:00:00-05:00"},
        'The assembly debated women\'s rights and "equal pay" late into the night.',
    ).encode("utf-8")
    prepared = Preparer(Settings.of(config), TopicRules.compile(config.topics))(data, "a.md")
    assert isinstance(prepared, Prepared), prepared
    assert prepared.topic_hits, "the rule no longer matches once the body's quotes are curled"
    assert "women’s rights and “equal pay”" in prepared.body_html
