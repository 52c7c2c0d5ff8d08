"""The home page and digests as a front page, in a real browser: at 1280 px a lead story with a
larger headline and the key points beside it, the next stories side by side, the live module at
the side; at 375 px one column; axe-core clean in light and dark; the screenshots in docs/images/."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, ViewportSize

from .conftest import ServedSite
from .helpers import AXE_COLOR_RULES, MOBILE, format_violations, horizontal_overflow, run_axe, watched_page
from .test_site import keep_screenshot, open_kind, png_size

WIDE: ViewportSize = {"width": 1280, "height": 900}

_BOXES = """() => {
  const box = (el) => { const r = el.getBoundingClientRect(); return {x: r.x, y: r.y, w: r.width, h: r.height}; };
  const size = (el) => parseFloat(getComputedStyle(el).fontSize);
  const lead = document.querySelector('.stories-lead > .story .card-title');
  const grid = [...document.querySelectorAll('.stories-grid > .story')];
  const side = document.querySelector('.live-timeline');
  const points = document.querySelector('.key-points');
  return {
    lead: lead && {box: box(lead), size: size(lead)},
    others: grid.map((li) => ({box: box(li), size: size(li.querySelector('.card-title'))})),
    side: side && box(side),
    points: points && box(points),
    leadStory: box(document.querySelector('.stories-lead > .story')),
    main: box(document.querySelector('main')),
  };
}"""


def layout(page: Page) -> dict[str, Any]:
    found: dict[str, Any] = page.evaluate(_BOXES)
    return found


def side_by_side(boxes: list[dict[str, float]]) -> int:
    """How many of the boxes share a row with another one (same top, different left)."""
    return sum(
        1 for a in boxes if any(b is not a and abs(b["y"] - a["y"]) < 2 and abs(b["x"] - a["x"]) > 50 for b in boxes)
    )


@pytest.mark.parametrize("kind", ["home", "digest"])
def test_front_page_layout_at_1280(browser: Browser, front_site: ServedSite, kind: str) -> None:
    with watched_page(browser, viewport=WIDE) as (page, watcher):
        open_kind(page, front_site, kind)
        found = layout(page)
        watcher.assert_clean(page.url)
    assert found["lead"] and len(found["others"]) >= 2, found
    others = [o["size"] for o in found["others"]]
    assert found["lead"]["size"] > max(others), f"the lead headline ({found['lead']['size']}px) is not larger: {others}"
    assert side_by_side([o["box"] for o in found["others"]]) >= 2, f"no two cards side by side: {found['others']}"
    lead, points, side = found["leadStory"], found["points"], found["side"]
    assert points["x"] > lead["x"] + lead["w"] - 1 and points["y"] < lead["y"] + lead["h"], (
        f"the key points are not beside the lead story: {points} / {lead}"
    )
    assert side["x"] > max(o["box"]["x"] + o["box"]["w"] for o in found["others"]) - 1, (
        "the live module is not at the side"
    )
    assert found["main"]["w"] > 1000, "the front page uses the width of the screen"


def test_front_page_is_one_column_at_375(browser: Browser, front_site: ServedSite) -> None:
    with watched_page(browser, viewport=MOBILE) as (page, watcher):
        open_kind(page, front_site, "home")
        found = layout(page)
        overflow = horizontal_overflow(page)
        watcher.assert_clean(page.url)
    assert side_by_side([o["box"] for o in found["others"]]) == 0, found["others"]
    lead, points, side = found["leadStory"], found["points"], found["side"]
    assert lead["y"] < points["y"] < found["others"][0]["box"]["y"] < side["y"], "lead, key points, stories, live"
    assert overflow["scrollWidth"] <= overflow["clientWidth"], overflow


@pytest.mark.parametrize("kind", ["home", "digest", "article", "live blog"])
def test_front_site_has_no_axe_violations_light_and_dark(browser: Browser, front_site: ServedSite, kind: str) -> None:
    for viewport in (WIDE, MOBILE):
        with watched_page(browser, viewport=viewport, color_scheme="light") as (page, watcher):
            open_kind(page, front_site, kind)
            violations = run_axe(page)
            assert not violations, f"axe on {kind} at {viewport['width']} px:\n{format_violations(violations)}"
            page.emulate_media(color_scheme="dark")
            violations = run_axe(page, AXE_COLOR_RULES)
            assert not violations, f"axe (dark) on {kind} at {viewport['width']} px:\n{format_violations(violations)}"
            watcher.assert_clean(page.url)


SHOTS = [(kind, viewport) for kind in ("home", "digest", "article", "live blog") for viewport in (WIDE, MOBILE)]


@pytest.mark.parametrize(
    ("kind", "viewport"), SHOTS, ids=[f"{kind.replace(' ', '-')}-{viewport['width']}" for kind, viewport in SHOTS]
)
def test_screenshot(
    browser: Browser, front_site: ServedSite, tmp_path: Path, kind: str, viewport: ViewportSize
) -> None:
    """docs/images/<kind>-<width>.png; `make screenshots` keeps them (NEWS_DIGEST_SCREENSHOTS)."""
    name = f"{kind.replace(' ', '-')}-{viewport['width']}.png"
    with watched_page(browser, viewport=viewport, color_scheme="light") as (page, watcher):
        open_kind(page, front_site, kind)
        shot = tmp_path / name
        page.screenshot(path=shot)
        watcher.assert_clean(page.url)
    assert png_size(shot) == (viewport["width"], viewport["height"])
    assert 10_000 < shot.stat().st_size < 400_000
    keep_screenshot(shot)
