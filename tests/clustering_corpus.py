"""A labelled corpus for the clustering quality test, made from templates.

Each event has its own place, people and numbers, and belongs to an event type
(flood, strike, election…); several events share a type, so stories about
*different* floods must stay apart. Each event is covered 1–4 times: the original,
a reworded version (synonyms, sentences reordered), a truncated one, and one with
a different headline. A few towns see two unrelated events of different types.
Filler sentences shared by every story add noise.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

PLACES = [
    "Riverton", "Lakeport", "Ashford", "Milbrook", "Dunmore", "Carrow", "Eastwick", "Fennimore", "Glenhaven",
    "Harlow", "Ivybridge", "Jasper Bay", "Kingsmere", "Larkspur", "Moorfield", "Northam", "Oakridge", "Penrose",
    "Quarry Hill", "Redcliffe", "Stonebury", "Thornton", "Upton Vale", "Westmarch", "Yarrowby", "Zelton",
    "Brackwater", "Coldharbour", "Deepdale", "Elmstead", "Foxley", "Greywell", "Hollins", "Ironbridge",
    "Juniper Falls", "Kestrel Point", "Lindow", "Marrick", "Netherby", "Orwell Cross",
]  # fmt: skip
PEOPLE = [
    "Amara Osei", "Bruno Keller", "Chiara Ricci", "Dmitri Volkov", "Elena Marsh", "Farid Haddad", "Grace Tan",
    "Hugo Lindqvist", "Ines Duarte", "Jonah Park", "Kofi Mensah", "Lena Fischer", "Mateo Alvarez", "Nadia Rahman",
    "Oscar Brandt", "Priya Nair", "Quentin Leroy", "Rosa Delgado", "Samir Aziz", "Tessa Hale", "Umar Farouk",
    "Vera Sokolova", "Wen Li", "Ximena Ortiz", "Yusuf Demir", "Zara Whitfield", "Anton Berg", "Bianca Moretti",
    "Carlos Mendes", "Daria Novak", "Emil Sorensen", "Fatima Zahra", "Gustavo Lima", "Hana Kobayashi",
    "Ivan Petrov", "Julia Weber", "Kenji Sato", "Leila Karimi", "Marco Bianchi", "Nora Quinn",
    "Olga Ivanova", "Pablo Ruiz", "Rania Saleh", "Stefan Horvat", "Tomas Novak", "Ulla Berg", "Viktor Kral",
    "Wanda Zielinska", "Yara Haddad", "Zoltan Kiss",
]  # fmt: skip
TYPES = {
    "flood": (
        ["flood", "river", "levee", "evacuated", "rainfall", "burst"],
        ["deluge", "waterway", "embankment", "moved out", "downpour", "breached"],
    ),
    "strike": (
        ["strike", "union", "walkout", "wages", "picket", "dockworkers"],
        ["stoppage", "labour group", "walk-out", "pay", "protest line", "port workers"],
    ),
    "election": (
        ["election", "ballots", "mayor", "turnout", "candidate", "recount"],
        ["vote", "ballot papers", "city leader", "participation", "contender", "tally"],
    ),
    "fire": (
        ["wildfire", "blaze", "firefighters", "hectares", "smoke", "containment"],
        ["bushfire", "flames", "fire crews", "acres", "haze", "control lines"],
    ),
    "trial": (
        ["trial", "jury", "verdict", "prosecutors", "fraud", "sentencing"],
        ["court case", "jurors", "ruling", "the prosecution", "embezzlement", "punishment"],
    ),
    "outbreak": (
        ["outbreak", "virus", "vaccinations", "clinics", "infections", "quarantine"],
        ["epidemic", "pathogen", "jabs", "health centres", "cases", "isolation"],
    ),
}
FILLER = [
    "Officials said more details would be released later in the day.",
    "The government has faced growing pressure over the past week.",
    "Police asked residents to stay calm and follow official guidance.",
    "Local media carried live updates throughout the afternoon.",
    "Analysts said the situation remained fluid.",
]


def _person(k: int) -> str:
    """A distinct name for every k below 2,500 (first and last names recombined)."""
    first = PEOPLE[k % len(PEOPLE)].split()[0]
    last = PEOPLE[(k + 7 * (k // len(PEOPLE))) % len(PEOPLE)].split()[-1]
    return f"{first} {last}"


@dataclass(frozen=True)
class Item:
    event: int
    key: str
    when: datetime
    title: str
    text: str


def _story(rng: random.Random, kind: str, place: str, people: list[str], number: int, reword: bool) -> list[str]:
    words, synonyms = TYPES[kind]
    w = synonyms if reword else words
    a, b = people
    sentences = [
        f"In {place}, the {w[0]} involving {number} people dominated the day as {a} spoke to reporters.",
        f"{a} said the {w[1]} and the {w[2]} were the main concern in {place}.",
        f"{b} warned that the {w[3]} could change quickly, citing the {w[4]} seen near {place}.",
        f"By evening {number} cases of {w[5]} were reported around {place}, according to {b}.",
        rng.choice(FILLER),
        rng.choice(FILLER),
    ]
    if reword:
        sentences[0], sentences[1] = sentences[1], sentences[0]
    return sentences


def make_corpus(events: int = 40, seed: int = 7) -> list[Item]:
    rng = random.Random(seed)
    start = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
    kinds = list(TYPES)
    items: list[Item] = []
    for e in range(events):
        kind = kinds[e % len(kinds)]
        place = PLACES[e % 35]  # a few towns have two unrelated events
        people = [_person(2 * e), _person(2 * e + 1)]
        number = rng.randint(12, 900)
        when = start + timedelta(hours=rng.randint(0, 24 * 10))
        w = TYPES[kind][0]
        copies = rng.choice([1, 1, 2, 3, 4])
        variants = [
            (f"{place} {w[0]}: {people[0]} warns over {w[1]}", _story(rng, kind, place, people, number, False)),
            (f"{people[0]} speaks out as {w[0]} hits {place}", _story(rng, kind, place, people, number, True)),
            (f"{w[0].capitalize()} in {place} affects {number}", _story(rng, kind, place, people, number, False)[:2]),
            (f"What we know about the {place} {w[0]}", _story(rng, kind, place, people, number, True)[1:5]),
        ]
        for c in range(copies):
            title, sentences = variants[c]
            lag = timedelta(minutes=rng.randint(0, 12 * 60))
            items.append(Item(e, f"e{e:02d}-v{c}", when + lag, title, " ".join(sentences)))
    return sorted(items, key=lambda i: (i.when, i.key))


def pair_scores(items: list[Item], clusters: list[list[str]]) -> tuple[float, float]:
    """Pairwise precision and recall of ``clusters`` against the planted events."""
    event = {i.key: i.event for i in items}
    predicted = {key: n for n, members in enumerate(clusters) for key in members}
    keys = sorted(event)
    tp = fp = fn = 0
    for x in range(len(keys)):
        for y in range(x + 1, len(keys)):
            same_truth = event[keys[x]] == event[keys[y]]
            same_pred = predicted[keys[x]] == predicted[keys[y]]
            tp += same_truth and same_pred
            fp += same_pred and not same_truth
            fn += same_truth and not same_pred
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return precision, recall
