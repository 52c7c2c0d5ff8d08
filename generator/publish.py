"""Output edge: put a complete site into output/ all at once.

Everything is written into a staging folder beside output/, then swapped in
(atomically where the system allows), so a failed or killed build leaves the old
site exactly as it was. Files whose bytes did not change are hard-linked from the
old site, keeping their mtimes for rsync and CDN syncs. Dotfiles in output/ (a
deploy repository's .git) are carried over, and so is every other file the
generator did not write (a CNAME, a verification file): the list of what it
wrote is kept in output/.news-digest-files. Nothing outside output/ is deleted
but the staging folders this module itself creates.
"""

from __future__ import annotations

import ctypes
import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .errors import UnsafePathError
from .fsio import inside

MANIFEST = ".news-digest-files"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def staging_prefix(output: Path) -> str:
    return f".{output.name}.staging-"


def publish(files: Mapping[str, bytes], output: Path) -> int:
    """Replace output/ with exactly ``files`` (site-relative path → bytes).
    Returns how many files changed."""
    parent = output.parent
    parent.mkdir(parents=True, exist_ok=True)
    _recover_leftovers(output)
    staging = Path(tempfile.mkdtemp(prefix=staging_prefix(output), dir=parent))
    os.chmod(staging, 0o777 & ~_umask())  # mkdtemp makes it private; a web server must read it
    changed = 0
    try:
        _keep_foreign_files(output, staging, files)
        (staging / MANIFEST).write_text("".join(f"{rel}\n" for rel in sorted(files)), encoding="utf-8")
        for rel in sorted(files):
            data = files[rel]
            target = inside(staging / rel, staging)
            target.parent.mkdir(parents=True, exist_ok=True)
            if not _link_if_same(output / rel, target, data):
                target.write_bytes(data)
                changed += 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    _swap_in(staging, output)
    return changed


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _keep_foreign_files(output: Path, staging: Path, files: Mapping[str, bytes]) -> None:
    """Carry over the files of output/ that no build of ours wrote."""
    if not output.is_dir():
        return
    try:
        ours = set((output / MANIFEST).read_text(encoding="utf-8").splitlines())
    except OSError:
        ours = set()
    for path in sorted(output.rglob("*")):
        rel = path.relative_to(output).as_posix()
        if rel.split("/")[0].startswith(".") or rel in ours or rel in files or not path.is_file() or path.is_symlink():
            continue
        target = staging / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        try:
            os.link(path, target)
        except OSError:
            shutil.copy2(path, target)


def _link_if_same(old: Path, new: Path, data: bytes) -> bool:
    try:
        if old.is_symlink() or old.stat().st_size != len(data) or old.read_bytes() != data:
            return False
        os.link(old, new)
        return True
    except OSError:
        return False


def _swap_in(staging: Path, output: Path) -> None:
    if not output.exists():
        os.rename(staging, output)
        return
    if output.is_symlink() or not output.is_dir():
        shutil.rmtree(staging, ignore_errors=True)
        raise UnsafePathError(f"{output} exists and is not a folder; refusing to replace it", str(output))
    if not _exchange(staging, output):
        old = Path(tempfile.mkdtemp(prefix=staging_prefix(output), dir=output.parent))
        os.rmdir(old)
        os.rename(output, old)
        os.rename(staging, output)
        staging = old
    # `staging` now holds the previous site: keep its dotfiles, drop the rest.
    _carry_dotfiles(staging, output)
    shutil.rmtree(staging, ignore_errors=True)


def _carry_dotfiles(old: Path, output: Path) -> None:
    for entry in sorted(old.iterdir()):
        if entry.name.startswith(".") and not (output / entry.name).exists():
            os.rename(entry, output / entry.name)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step (Linux renameat2); False where unsupported."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError):
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(str(a)), _AT_FDCWD, os.fsencode(str(b)), _RENAME_EXCHANGE)
    return bool(result == 0)


def _recover_leftovers(output: Path) -> None:
    """Remove staging folders of a build that was killed; rescue dotfiles if the
    kill fell between swapping and carrying them over."""
    for leftover in sorted(output.parent.glob(staging_prefix(output) + "*")):
        if leftover.is_dir() and not leftover.is_symlink():
            if output.is_dir():
                _carry_dotfiles(leftover, output)
            shutil.rmtree(leftover, ignore_errors=True)
