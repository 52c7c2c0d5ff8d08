"""The ledger is written as ``json.dumps(doc, indent=1, ensure_ascii=False)`` always was,
byte for byte, though each entry is now written once and kept."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.ledger import LEDGER_FORMAT, Ledger, LedgerEntry, ledger_bytes, load_ledger, save_ledger

_TEXT = st.text(st.sampled_from('ab"\\é\u2028\n\t\x01\x1f\x7f/ z✓😀'), max_size=12)
_ENTRY = st.builds(LedgerEntry, _TEXT, _TEXT, _TEXT, _TEXT, _TEXT, _TEXT, st.one_of(st.none(), _TEXT))
_LEDGER = st.dictionaries(_TEXT, _ENTRY, max_size=6)


def _as_json_wrote_it(ledger: Ledger, fingerprint: str) -> bytes:
    pages = {p: {k: v for k, v in asdict(ledger[p]).items() if v is not None} for p in sorted(ledger)}
    doc = {"format": LEDGER_FORMAT, "parser": fingerprint, "pages": pages}
    return (json.dumps(doc, indent=1, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


@given(_LEDGER, _TEXT)
@settings(max_examples=300, deadline=None)
def test_ledger_bytes_as_json_dumps_wrote_them(ledger: Ledger, fingerprint: str) -> None:
    assert ledger_bytes(ledger, fingerprint) == _as_json_wrote_it(ledger, fingerprint)
    assert ledger_bytes(ledger, fingerprint) == _as_json_wrote_it(ledger, fingerprint)  # kept entries too


def test_saved_ledger_reads_back(tmp_path: Path) -> None:
    ledger = {
        "articles/a.md": LedgerEntry("seeds/a.txt", "", "id-a", "a", "0" * 64, "1" * 64),
        "live/b.md": LedgerEntry("seeds/b.txt", "post-1", "id-b", "b", "2" * 64, "3" * 64, "2024-01-02T00:00:00+00:00"),
    }
    save_ledger(tmp_path, ledger, "fp")
    assert load_ledger(tmp_path) == (ledger, "fp", None)
