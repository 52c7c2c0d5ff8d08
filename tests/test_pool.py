"""The process pool: same results as a plain map, items never pickled, work isolated in a child."""

from __future__ import annotations

import os
import signal
import threading
from concurrent.futures.process import BrokenProcessPool

import pytest

from generator.pool import MIN_PARALLEL, isolated, parallel_map


def test_parallel_map_matches_map_in_order() -> None:
    items = list(range(MIN_PARALLEL * 3))
    assert list(parallel_map(lambda n: n * n, items, jobs=2)) == [n * n for n in items]


def test_items_reach_workers_by_fork_not_by_pickle() -> None:
    lock = threading.Lock()  # cannot be pickled: sending it to a worker would fail
    items = [(n, lock) for n in range(MIN_PARALLEL * 2)]
    pids = list(parallel_map(lambda item: (item[0], os.getpid()), items, jobs=2))
    assert [n for n, _ in pids] == list(range(len(items)))
    assert {pid for _, pid in pids} - {os.getpid()}, "the work ran in worker processes"


def test_isolated_runs_in_a_child_and_returns_its_result() -> None:
    parent = os.getpid()
    assert isolated(lambda: os.getpid(), jobs=2) != parent
    assert isolated(lambda: os.getpid(), jobs=1) == parent
    held = {"big": list(range(1000))}
    assert isolated(lambda: sum(held["big"]), jobs=2) == sum(range(1000))


def test_isolated_passes_errors_on() -> None:
    def fail() -> int:
        raise ValueError("from the child")

    with pytest.raises(ValueError, match="from the child"):
        isolated(fail, jobs=2)


def test_a_worker_that_dies_stops_the_work_with_an_error() -> None:
    """A worker killed mid-task (out of memory, a signal) must not leave the build
    waiting for ever: the map fails, at once."""
    parent = os.getpid()

    def die_in_a_worker(n: int) -> int:
        if n == MIN_PARALLEL and os.getpid() != parent:
            os.kill(os.getpid(), signal.SIGKILL)
        return n

    with pytest.raises(BrokenProcessPool):
        list(parallel_map(die_in_a_worker, list(range(MIN_PARALLEL * 2)), jobs=2))
