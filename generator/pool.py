"""Running a function over many items on every core.

Worker processes are forked, so they start with everything the parent has
already built (settings, the site model, the items themselves): only item
numbers go to a worker, and only results come back. Where fork is unavailable,
or the work is small, the items are processed in this process instead, in the
same order, with the same results.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

StageProgress = Callable[[str, int, int], None]
"""Told ``(stage, done, total)`` as items of a named stage finish (the progress bar draws it)."""
StepProgress = Callable[[int, int], None]
"""Told ``(done, total)`` as items of one step finish."""

MIN_PARALLEL = 64
"""Below this many items, starting workers costs more than it saves."""

_task: Callable[[Any], Any] | None = None
_items: Sequence[Any] = ()


def default_jobs() -> int:
    env = os.environ.get("NEWS_DIGEST_JOBS", "").strip()
    if env.isdigit() and int(env) > 0:
        return int(env)
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return max(1, os.cpu_count() or 1)


def isolated(task: Callable[[], R], jobs: int) -> R:
    """``task()``, run in a forked child when more than one process is allowed, so
    that the memory it churns through goes back to the system when the child ends
    instead of staying in this process (and in every worker forked from it later)."""
    global _task
    if jobs <= 1 or "fork" not in multiprocessing.get_all_start_methods():
        return task()
    _task = lambda _: task()  # noqa: E731  (the child calls it through _run)
    try:
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            result: R = pool.submit(_run, None).result()
            return result
    finally:
        _task = None


def _run(item: Any) -> Any:
    assert _task is not None
    return _task(item)


def _run_nth(n: int) -> Any:
    """In a worker: the task on the parent's n-th item (inherited by fork, not sent)."""
    return _run(_items[n])


def parallel_map(task: Callable[[T], R], items: Sequence[T], jobs: int, chunk: int = 0) -> Iterator[R]:
    """``map(task, items)`` in order, spread over ``jobs`` forked processes."""
    global _task, _items
    if jobs <= 1 or len(items) < MIN_PARALLEL or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(task, items)
        return
    _task, _items = task, items
    try:
        size = chunk or max(1, min(64, len(items) // (jobs * 8)))
        # An executor, not a Pool: a worker that dies stops the work with an error
        # (BrokenProcessPool) instead of leaving this process waiting for ever.
        with ProcessPoolExecutor(jobs, mp_context=multiprocessing.get_context("fork")) as pool:
            yield from pool.map(_run_nth, range(len(items)), chunksize=size)
    finally:
        _task, _items = None, ()
