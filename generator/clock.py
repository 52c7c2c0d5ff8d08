"""The clock that dates content: SOURCE_DATE_EPOCH wins when set.

Ingest takes the time of a seed's first ingest from here when the seed has no
date of its own, and a build decides by it which pages are still held back (a
future date, an embargo): the commands read it once and pass it down as a value.
Nothing else that ends up in content/ or output/ reads the time; ``filestate``
reads it only to tell whether a file might still be changing."""

from __future__ import annotations

import os
from datetime import UTC, datetime


def now() -> datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.fromtimestamp(int(epoch), tz=UTC)
    return datetime.now(tz=UTC).replace(microsecond=0)
