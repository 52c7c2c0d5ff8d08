"""One writer at a time: builds started together wait for each other, a stale lock
is taken over, and the one waiting says whom it waits for."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

from generator.config import load_config
from generator.lock import LOCK_NAME, exclusive, holder
from generator.serve.session import rebuild

from .conftest import REPO, make_project, tree


def _env() -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(REPO), "NO_COLOR": "1"}


def _start(project: Path, *args: str, stderr: int | object = subprocess.PIPE) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "generator", *args],
        cwd=project,
        env=_env(),
        stdout=subprocess.DEVNULL,
        stderr=stderr,  # type: ignore[arg-type]
        text=True,
    )


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_two_builds_started_together_both_succeed_and_leave_a_clean_builds_output(tmp_path: Path) -> None:
    clean = make_project(tmp_path / "clean")
    assert _start(clean, "build", "-j", "1").wait(timeout=120) == 0
    expected = tree(clean / "output")
    assert expected
    for n in range(20):
        project = make_project(tmp_path / f"p{n}")
        procs = [_start(project, "build", "-j", "1") for _ in range(2)]
        results = [(p.wait(timeout=120), p.stderr.read() if p.stderr else "") for p in procs]
        for code, err in results:
            assert code == 0, err
        assert tree(project / "output") == expected, f"round {n}"
        assert not list(project.glob(".output.staging-*")), f"round {n}: staging left behind"


def test_the_lock_is_exclusive_and_the_waiter_is_told_the_holders_pid(tmp_path: Path) -> None:
    told: list[int | None] = []
    entered = threading.Event()

    def second() -> None:
        with exclusive(tmp_path, told.append):
            entered.set()

    with exclusive(tmp_path):
        assert holder(tmp_path / LOCK_NAME) == os.getpid()
        waiter = threading.Thread(target=second)
        waiter.start()
        _wait_for(lambda: bool(told))  # told before it waits, however slow the machine
        assert not entered.is_set()  # it waits while the lock is held
        assert told == [os.getpid()]
    waiter.join(timeout=10)
    assert entered.is_set()


def test_a_stale_lock_of_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    dead = _dead_pid()
    (project / ".cache").mkdir()
    (project / ".cache" / LOCK_NAME).write_text(f"{dead}\n", encoding="ascii")
    told: list[int | None] = []
    with exclusive(project / ".cache", told.append):
        assert told == []
    proc = _start(project, "build")
    code, err = proc.wait(timeout=120), proc.stderr.read() if proc.stderr else ""
    assert code == 0, err
    assert "waiting" not in err
    assert holder(project / ".cache" / LOCK_NAME) not in (None, dead)


def test_a_build_waits_for_the_holder_and_names_its_pid(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    log = tmp_path / "stderr.txt"
    with exclusive(project / ".cache"), log.open("w") as err:
        proc = _start(project, "build", stderr=err)
        deadline = time.monotonic() + 60
        while "waiting" not in log.read_text() and time.monotonic() < deadline:
            assert proc.poll() is None, log.read_text()
            time.sleep(0.05)
        time.sleep(0.2)
        assert proc.poll() is None  # still waiting: nothing built yet
        assert not (project / "output").exists()
    assert proc.wait(timeout=120) == 0, log.read_text()
    text = log.read_text()
    assert f"waiting for process {os.getpid()} to finish" in text.splitlines()[0]
    assert (project / "output" / "index.html").is_file()


def test_serves_rebuilds_take_the_same_lock(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    config = load_config(project / "site.yaml")[0]
    said: list[str] = []
    done = threading.Event()

    def run() -> None:
        rebuild(config, 1, lambda d: None, said.append, False)
        done.set()

    with exclusive(project / ".cache"):
        worker = threading.Thread(target=run)
        worker.start()
        _wait_for(lambda: bool(said))
        assert not done.is_set()
        assert f"process {os.getpid()}" in said[0]
    worker.join(timeout=60)
    assert done.is_set() and (project / "output" / "index.html").is_file()


def _wait_for(check: Callable[[], bool], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        assert time.monotonic() < deadline, "timed out waiting"
        time.sleep(0.02)
