"""The plain-paragraph fast path writes exactly what Python-Markdown writes, or declines."""

from __future__ import annotations

import markdown
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.site.markup import plain_paragraphs, render_markdown

PIECES = st.sampled_from(
    [
        *"abcXYZé019 '\"“‘(.,-—=#>*_[]<&`\\\t\x02",
        "  ",
        "\n",
        "\n\n",
        "- ",
        "1. ",
        "\xa0",
        "## ",
        "# ",
        "####### ",
        "\n## ",
        "    ",
        "+ ",
        "===",
    ]
)


def _markdown(text: str) -> str:
    return markdown.Markdown(extensions=["sane_lists"], output_format="html").convert(text)


@settings(max_examples=1500, deadline=None)
@given(st.lists(PIECES, max_size=40).map("".join))
def test_fast_path_equals_python_markdown_or_declines(text: str) -> None:
    fast = plain_paragraphs(text)
    if fast is not None:
        assert fast == _markdown(text)


def test_plain_bodies_take_the_fast_path() -> None:
    body = "First paragraph, with “quotes” and a dash — here.\nSecond line.\n\n## A heading\n\nLast one."
    fast = plain_paragraphs(body)
    assert fast is not None
    assert fast == _markdown(body)
    assert "<h2>A heading</h2>" in fast


def test_anything_else_goes_to_python_markdown() -> None:
    for text in ["A *word*", "- a list", "1984. A year", "A  \nhard break", "Text\n## heading under it", "A & B"]:
        assert plain_paragraphs(text) is None, text
    assert render_markdown("A *word*", 10_000, 5) == "<p>A <em>word</em></p>"
