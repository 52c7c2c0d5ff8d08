"""A short run of the fuzzer (`make fuzz` runs it for minutes)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from .fuzzing import BODY, SEED, TITLE, check_pipeline, check_seed, short_settings


@short_settings(300)
@given(SEED)
def test_fuzz_seed_parser(text: str) -> None:
    check_seed(text)


@short_settings(12)
@given(st.lists(SEED, max_size=3), st.lists(TITLE, max_size=3), st.lists(BODY, max_size=3))
def test_fuzz_ingest_and_render(seeds: list[str], titles: list[str], bodies: list[str]) -> None:
    check_pipeline(seeds, titles, bodies)
