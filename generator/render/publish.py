"""Output edge: bring output/ to exactly the files of a build, touching only what changed.

A first build writes into a staging folder beside output/ and renames it into
place. Later builds change output/ in place, as a small transaction:

1. every new or changed file is written into a hidden staging folder inside
   output/ (``.news-digest-staging-*``), on the same file system as its target;
2. only when every file of the build has been rendered and written is the
   journal ``output/.news-digest-journal`` written: the renames and deletions
   that finish the build;
3. the renames and deletions are carried out and the journal removed.

A build that fails or is killed before step 2 leaves the old site as it was; one
killed during step 3 is finished by the next command that publishes (``recover``).
Unchanged files are never rewritten, so their mtimes stay for rsync and CDN
syncs. Dotfiles (a deploy repository's .git) and files the generator did not
write (a CNAME) are left alone: ``output/.news-digest-files`` lists what it wrote.

For tests only, ``NEWS_DIGEST_KILL_AT=<point>`` makes the process kill itself
with SIGKILL at one of the named ``KILL_POINTS`` of this transaction, so that
tests/test_promises.py can check what each interruption leaves behind.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import UnsafePathError
from ..fsio import inside

MANIFEST = ".news-digest-files"
JOURNAL = ".news-digest-journal"
INNER_STAGING = ".news-digest-staging-"

KILL_AT = "NEWS_DIGEST_KILL_AT"
KILL_POINTS = (
    "staging-created",  # the staging folder exists, empty
    "mid-staging",  # one file staged, the rest not yet
    "staged",  # every page staged, before the manifest and the journal
    "before-commit",  # the journal is written in staging, not yet moved into output/
    "committed",  # the journal is in output/ (the commit point), nothing renamed yet
    "mid-commit",  # the first staged file renamed into place, the rest not yet
    "before-journal-removed",  # every rename and deletion done, the journal still there
)


def _kill_point(name: str) -> None:
    """Test-only hook: SIGKILL this process here when ``NEWS_DIGEST_KILL_AT`` names this
    point. Unset, as it always is outside the tests, it does nothing."""
    if os.environ.get(KILL_AT) == name:
        os.kill(os.getpid(), signal.SIGKILL)


def staging_prefix(output: Path) -> str:
    return f".{output.name}.staging-"


def previous_files(output: Path) -> set[str]:
    """The files the last build wrote, from output/'s manifest."""
    try:
        return set((output / MANIFEST).read_text(encoding="utf-8").splitlines())
    except OSError:
        return set()


class Publisher:
    """One build's changes to output/. Use as a context manager: leaving it with
    an exception discards everything written so far."""

    def __init__(self, output: Path) -> None:
        self.output = output
        self.fresh = not output.exists()
        if output.is_symlink() or (output.exists() and not output.is_dir()):
            raise UnsafePathError(f"{output} exists and is not a folder; refusing to replace it", str(output))
        output.parent.mkdir(parents=True, exist_ok=True)
        recover(output)
        self.written: list[str] = []
        self._staged: set[str] = set()
        """``written`` as a set, for ``current``."""
        self.folders: set[str] = set()
        if self.fresh:
            self.root = Path(tempfile.mkdtemp(prefix=staging_prefix(output), dir=output.parent))
        else:
            self.root = Path(tempfile.mkdtemp(prefix=INNER_STAGING, dir=output))
        os.chmod(self.root, 0o777 & ~_umask())  # mkdtemp makes it private; a web server must read it
        _kill_point("staging-created")

    def __enter__(self) -> Publisher:
        return self

    def __exit__(self, kind: object, exc: object, tb: object) -> None:
        if kind is not None:
            self.abort()

    def same(self, rel: str, data: bytes) -> bool:
        """Whether output/ already holds exactly ``data`` at ``rel``."""
        if self.fresh:
            return False
        try:
            path = self.output / rel
            return not path.is_symlink() and path.stat().st_size == len(data) and path.read_bytes() == data
        except OSError:
            return False

    def write(self, rel: str, data: bytes) -> None:
        """Stage ``data`` as the new content of ``rel`` (site-relative)."""
        self.stage(rel, data)
        self.staged(rel)

    def stage(self, rel: str, data: bytes) -> None:
        """Write a file into the staging folder only; a worker process may do
        this, and the parent then records it with ``staged``."""
        parts = rel.split("/")
        if rel.startswith("/") or "\\" in rel or any(part in ("", ".", "..") for part in parts):
            raise UnsafePathError(f"not a path inside the site: {rel!r}", rel)
        # The staging folder is new and only this build makes entries in it, so no
        # link can lead out of it: a path with plain parts only stays inside.
        folder = os.path.join(self.root, *parts[:-1])
        if folder not in self.folders:
            os.makedirs(folder, exist_ok=True)
            self.folders.add(folder)
        with open(os.path.join(folder, parts[-1]), "wb") as handle:
            handle.write(data)

    def staged(self, rel: str) -> None:
        self.written.append(rel)
        self._staged.add(rel)
        if len(self.written) == 1:
            _kill_point("mid-staging")

    def current(self, rels: Iterable[str]) -> dict[str, Path]:
        """Where each file this build publishes at ``rels`` lies now: staged, or left in output/."""
        staged = self._staged
        return {rel: (self.root if self.fresh or rel in staged else self.output) / rel for rel in rels}

    def finish(self, files: Iterable[str]) -> None:
        """Make output/ hold exactly ``files`` (every path of this build)."""
        _kill_point("staged")
        names = sorted(files)
        manifest = "".join(f"{rel}\n" for rel in names).encode("utf-8")
        if self.fresh:
            (self.root / MANIFEST).write_bytes(manifest)
            os.rename(self.root, self.output)
            return
        if not self.same(MANIFEST, manifest):
            self.write(MANIFEST, manifest)
        gone = sorted(previous_files(self.output) - set(names))
        if not self.written and not gone:
            self.abort()  # nothing changed: output/ is left exactly as it was
            return
        staged = self.root.name
        journal = {"renames": [(f"{staged}/{rel}", rel) for rel in self.written], "deletes": gone}
        journal_tmp = self.root / JOURNAL
        journal_tmp.write_text(json.dumps(journal), encoding="utf-8")
        _kill_point("before-commit")
        os.replace(journal_tmp, self.output / JOURNAL)  # the commit point
        _kill_point("committed")
        recover(self.output)

    def abort(self) -> None:
        shutil.rmtree(self.root, ignore_errors=True)


def recover(output: Path) -> None:
    """Finish a build that was killed after its commit point, or clear away what a
    build killed before it left behind."""
    for leftover in sorted(output.parent.glob(staging_prefix(output) + "*")):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)
    if not output.is_dir():
        return
    journal = output / JOURNAL
    try:
        plan = json.loads(journal.read_text(encoding="utf-8"))
    except FileNotFoundError:
        plan = None
    except (OSError, ValueError):
        plan = {"renames": [], "deletes": []}  # unreadable: it cannot have been committed whole
    if plan is not None:
        for n, (staged, rel) in enumerate(plan["renames"]):
            source = output / staged
            if source.is_file() and not source.is_symlink():
                target = inside(output / rel, output)
                target.parent.mkdir(parents=True, exist_ok=True)
                os.replace(source, target)
            if n == 0:
                _kill_point("mid-commit")
        for rel in plan["deletes"]:
            _delete(output, rel)
        _kill_point("before-journal-removed")
        journal.unlink()
    for leftover in sorted(output.glob(INNER_STAGING + "*")):
        if leftover.is_dir() and not leftover.is_symlink():
            shutil.rmtree(leftover, ignore_errors=True)


def _delete(output: Path, rel: str) -> None:
    try:
        path = inside(output / rel, output)
    except UnsafePathError:
        return
    if path.is_file() or path.is_symlink():
        path.unlink()
        parent = path.parent
        while parent != output.resolve():  # drop folders the deletion left empty
            try:
                parent.rmdir()
            except OSError:
                break
            parent = parent.parent


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def public_path(path: str) -> str:
    """A path in a staging folder as the output file it stands for, for messages:
    ``.output.staging-x/a.html`` and ``output/.news-digest-staging-x/a.html`` are ``output/a.html``."""
    parts = path.split("/")
    kept = []
    for part in parts:
        if part.startswith(INNER_STAGING):
            continue
        if part.startswith(".") and ".staging-" in part:
            part = part[1 : part.index(".staging-")]
        kept.append(part)
    return "/".join(kept)


def left_behind(output: Path, shown: str) -> str:
    """What a build that failed left of output/ (``shown`` is how to name it)."""
    if (output / JOURNAL).exists():
        return f"{shown}/ is part-way through its update; the next build finishes it"
    if not output.exists():
        return f"{shown}/ was not created"
    return f"{shown}/ was left as it was"
