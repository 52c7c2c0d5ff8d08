"""How times read on a page: in the site's zone, with the zone's abbreviation.

``5:51 p.m. EST`` for a clock, ``5:51 p.m. EST, Dec 2, 2023`` for a moment. A piece whose
source printed only its day (front matter ``date_precision: day``) shows the day alone, and
its ``<time datetime>`` is that day, never an invented midnight. Every other ``datetime``
attribute keeps the exact moment with its offset."""

from __future__ import annotations

from datetime import date, datetime, tzinfo

from markupsafe import Markup, escape

from ..dates import iso
from ..schema import DAY_PRECISION as DAY


def zone_label(moment: datetime) -> str:
    """The zone's abbreviation at that moment (EST, GMT, CEST), or ``UTC+3`` where the zone has none."""
    name = moment.tzname() or ""
    if name and name[0] not in "+-":
        return name
    offset = moment.utcoffset()
    if offset is None:
        return ""
    minutes = int(offset.total_seconds()) // 60
    sign, minutes = ("+" if minutes >= 0 else "-"), abs(minutes)
    hours, rest = divmod(minutes, 60)
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")


def clock(moment: datetime) -> str:
    """``5:51 p.m. EST``: the time of day, in the moment's own zone."""
    hour = moment.hour % 12 or 12
    text = f"{hour}:{moment:%M} {'a.m.' if moment.hour < 12 else 'p.m.'}"
    label = zone_label(moment)
    return f"{text} {label}" if label else text


def short_day(day: date) -> str:
    return f"{day:%b} {day.day}, {day:%Y}"


def when(moment: datetime) -> str:
    """``5:51 p.m. EST, Dec 2, 2023``."""
    return f"{clock(moment)}, {short_day(moment)}"


class Moments:
    """The time filters of the templates, for one site zone."""

    def __init__(self, zone: tzinfo) -> None:
        self.zone = zone

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    def clock(self, moment: datetime, precision: str | None = None) -> str:
        local = self.local(moment)
        return f"{local:%b} {local.day}" if precision == DAY else clock(local)

    def when(self, moment: datetime, precision: str | None = None) -> str:
        local = self.local(moment)
        return short_day(local) if precision == DAY else when(local)

    def iso(self, moment: datetime, precision: str | None = None) -> str:
        """The ``datetime`` attribute: the exact moment with its offset, or the day alone."""
        return self.local(moment).date().isoformat() if precision == DAY else iso(moment)

    def stamp(self, moment: datetime, style: str = "when", precision: str | None = None) -> Markup:
        """``<time datetime="…">…</time>`` for a moment, written as ``clock`` or ``when``."""
        text = self.clock(moment, precision) if style == "clock" else self.when(moment, precision)
        return Markup('<time datetime="{}">{}</time>').format(self.iso(moment, precision), escape(text))

    def filters(self) -> dict[str, object]:
        return {
            "clock": self.clock,
            "when": self.when,
            "iso": self.iso,
            "stamp": self.stamp,
            # A page's own publication time, with its precision: p|published, p|published("clock").
            "published": lambda page, style="when": self.stamp(page.date, style, page.date_precision),
        }
