"""Synthetic seeds in the raw formats ingest reads (articles, live blogs, wire copy), for benchmarks.

Mostly articles of about 700 words, some live blogs, written by a deterministic
generator so every run sees the same corpus; plus a site.yaml with about 30
topic rules. Up to 10,000 seeds they are spread over about 60 days (about 170
seeds a day); a bigger corpus spans more days at that same rate (600 days at
100,000), as a real archive grows in days rather than in pieces per day.
"""

from __future__ import annotations

import itertools
import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

EPOCH = "1767225600"
"""SOURCE_DATE_EPOCH for building a synthetic corpus: 2026-01-01, after every page it dates,
so no page is held back as not yet published."""

WORDS = [
    "government",
    "officials",
    "minister",
    "council",
    "police",
    "court",
    "hospital",
    "school",
    "river",
    "harbour",
    "market",
    "bank",
    "energy",
    "election",
    "budget",
    "inquiry",
    "report",
    "agreement",
    "talks",
    "ceasefire",
    "protest",
    "strike",
    "storm",
    "flood",
    "drought",
    "fire",
    "vaccine",
    "clinic",
    "union",
    "workers",
    "farmers",
    "traders",
    "residents",
    "families",
    "children",
    "doctors",
    "teachers",
    "engineers",
    "announced",
    "confirmed",
    "warned",
    "said",
    "denied",
    "promised",
    "expected",
    "reported",
    "described",
    "welcomed",
    "criticised",
    "morning",
    "evening",
    "week",
    "month",
    "year",
    "region",
    "city",
    "village",
    "capital",
    "border",
    "coast",
    "island",
    "valley",
    "district",
]
PLACES = [
    "Lisbon",
    "Nairobi",
    "Osaka",
    "Quito",
    "Tallinn",
    "Hanoi",
    "Accra",
    "Perth",
    "Cork",
    "Tbilisi",
    "Lima",
    "Oslo",
]
FIRST = ["Ana", "Ben", "Chen", "Dara", "Eli", "Fatma", "Gus", "Hira", "Ivo", "Jun", "Kai", "Lea", "Mo", "Nia"]
LAST = ["Reyes", "Okafor", "Lind", "Sato", "Novak", "Haddad", "Costa", "Berg", "Kaur", "Walsh", "Ito", "Moreau"]
OUTLETS = ["CNN", "Reuters", "The Guardian", "AP", "BBC"]
TOPICS = [
    "election", "budget", "flood", "storm", "drought", "wildfire", "strike", "protest", "ceasefire", "vaccine",
    "hospital", "school", "harbour", "energy", "bank", "market", "court", "inquiry", "police", "farmers",
    "traders", "teachers", "doctors", "engineers", "border", "coast", "island", "valley", "capital", "union",
]  # fmt: skip


COMMON = [w for w in WORDS if w not in TOPICS]
_SYLLABLES = ["ka", "lo", "mi", "ren", "tu", "sa", "vel", "dor", "ni", "pa", "quin", "ster", "bra", "ful", "get"]
RARE = [a + b + c for a in _SYLLABLES for b in _SYLLABLES for c in _SYLLABLES]
random.Random(0).shuffle(RARE)
"""About 3,400 made-up words, so that a page's vocabulary is not the whole corpus's."""


@dataclass(frozen=True)
class Event:
    """What a few articles are about: a place, a topic and words of its own."""

    place: str
    topic: str
    words: tuple[str, ...]


def new_event(rng: random.Random) -> Event:
    return Event(rng.choice(PLACES), rng.choice(TOPICS), tuple(rng.sample(RARE[500:], 12)))


_ZIPF = list(itertools.accumulate(1 / (rank + 1) ** 1.1 for rank in range(len(RARE))))
"""Made-up words are drawn as words of a language are: a few often, most rarely."""


def _word(rng: random.Random, event: Event | None = None) -> str:
    roll = rng.random()
    if event is not None and roll < 0.15:
        return rng.choice(event.words)
    return rng.choice(COMMON) if roll < 0.55 else rng.choices(RARE, cum_weights=_ZIPF)[0]


def _sentence(rng: random.Random, n: int, topic: str | None = None, event: Event | None = None) -> str:
    words = [_word(rng, event) for _ in range(n)]
    if topic:
        words[rng.randrange(n)] = topic
    return " ".join(words).capitalize() + "."


def _paragraph(rng: random.Random, topic: str | None = None, event: Event | None = None) -> str:
    return " ".join(_sentence(rng, rng.randint(10, 20), topic if k == 0 else None, event) for k in range(3))


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {rng.choice(LAST)}"


def article(rng: random.Random, when: datetime, event: Event | None = None) -> str:
    event = event or new_event(rng)
    authors = sorted({_name(rng) for _ in range(rng.randint(1, 3))})
    byline = authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " and " + authors[-1]
    outlet = rng.choice(OUTLETS)
    place, topic = event.place, event.topic
    second = rng.choice(TOPICS) if rng.random() < 0.3 else None
    # The main topic is in the title and two paragraphs; sometimes a second one is mentioned.
    paragraphs = [_paragraph(rng, topic if i in (0, 5) else second if i == 9 else None, event) for i in range(14)]
    stamp = when.strftime("%-I:%M %p") + " ET, " + when.strftime("%a %B %-d, %Y")
    lines = [
        f"{place} {topic} {event.words[0]} as {_word(rng, event)} {_word(rng, event)}",
        f"By {byline}, {outlet}",
        f"{rng.randint(2, 6)} minute read",
        f"Updated {stamp}",
        "",
        f"{place}",
        f"{outlet}",
        " — ",
    ]
    for i, p in enumerate(paragraphs):
        lines.append(p)
        lines.append("")
        if i == 6:
            lines += [f"{_word(rng).capitalize()} {_word(rng)} {_word(rng)}", ""]
    return "\n".join(lines) + "\n"


def live_blog(rng: random.Random, when: datetime, posts: int = 8) -> str:
    series = f"{rng.choice(PLACES)} {rng.choice(TOPICS)}"
    lines = [
        f"Live: {series} {_word(rng)} {_word(rng)}",
        "",
        f"{when:%B} {when.day}, {when:%Y} {series}",
        "",
        f"By {_name(rng)} and {_name(rng)}, CNN",
        "",
        f"Updated {(when + timedelta(hours=posts)).strftime('%H%M')} GMT ({when:%B} {when.day}, {when:%Y})".replace(
            "(", ""
        ).replace(")", ""),
        f"{posts} Posts",
    ]
    for k in range(posts):
        t = when + timedelta(minutes=47 * k)
        lines += [
            t.strftime("%-I:%M ") + ("a.m." if t.hour < 12 else "p.m.") + f" ET, {t:%B} {t.day}, {t:%Y}",
            "",
            f"{_word(rng).capitalize()} {_word(rng)} {_word(rng)} in {rng.choice(PLACES)}",
            "",
            f"From CNN’s {_name(rng)}",
            "",
            _paragraph(rng, series.split()[-1]),
            "",
            _paragraph(rng),
            "",
        ]
    return "\n".join(lines) + "\n"


def site_yaml(title: str = "Benchmark digest") -> str:
    rules = "\n".join(f"  - name: {t.capitalize()}\n    match: [{t}, {t}s]" for t in TOPICS)
    return (
        f"title: {title}\ndescription: Synthetic corpus\nbase_url: https://bench.example/\nlanguage: en\n"
        f"timezone: America/New_York\nper_page: 20\nfeed:\n  items: 30\ntopics:\n{rules}\n"
    )


def write_corpus(folder: Path, n: int, seed: int = 1) -> None:
    """``n`` seeds (one live blog in every 25) into folder/seeds, plus folder/site.yaml.

    Articles come in events: each event is covered by one to four articles within
    a day and a half, as a story is by several outlets."""
    rng = random.Random(seed)
    seeds = folder / "seeds"
    seeds.mkdir(parents=True, exist_ok=True)
    start = datetime(2024, 1, 1, 6, 0)
    days = max(60, round(60 * n / 10_000))
    event, first, left = new_event(rng), start, 0
    for i in range(n):
        if left == 0:
            event, first, left = (
                new_event(rng),
                start + timedelta(minutes=rng.randint(0, 60 * 24 * days)),
                rng.randint(1, 4),
            )
        left -= 1
        when = first + timedelta(minutes=rng.randint(0, 60 * 36))
        text = live_blog(rng, when) if i % 25 == 24 else article(rng, when, event)
        (seeds / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    (folder / "site.yaml").write_text(site_yaml(), encoding="utf-8")
