"""Full-text search: Pagefind's index of the story pages, made at build time.

Pagefind (the ``pagefind[bin]`` package: a static search index, built once, read
by a small script in the reader's browser, no server) indexes the final HTML of
every article and live blog. The templates mark what it reads:
``data-pagefind-body`` on a story's main content, ``data-pagefind-meta`` for the
date and outlet a result shows beside the headline, ``data-pagefind-ignore`` on
the related coverage and the links under a story. List pages carry no such mark
and are never given to Pagefind.

How it fits the build's transaction (build.py, publish.py): the index is made
after every page is rendered and staged, from the page files as they will be
published (the staged copy of a changed page, the file in ``output/`` of a kept
one), and its files are staged like any other output, so pages and index reach
``output/`` in the same commit and the index is listed in the manifest (never
deleted as stale output). The index is split into bundles by period (bundles.py),
each its own Pagefind index in ``pagefind/<bundle>/``, its files recorded under
the bundle's ``key``: its pages' own fingerprints and the Pagefind binary. A
bundle whose key is unchanged and whose files are as the last build left them is
not indexed again and its files are not touched (searchindex.py decides).

Pagefind runs as its command-line binary (one process per bundle, one bundle
after another, each on every core, reading the bundle's pages from a folder of
hard links in the staging area), with ``--silent``, no config file (it runs in an empty folder) and no
``PAGEFIND_*`` settings from the environment, so the same pages give the same
index, byte for byte.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import GeneratorError
from .urls import Urls

ROOT = Urls.search_index()
"""Where the index lives in the site: ``pagefind/``, one folder per bundle (bundles.py)."""
WORK = ".search-index"
"""The folder, inside the build's staging folder, where Pagefind reads and writes; removed after."""


def binary() -> Path:
    """The Pagefind executable the ``pagefind`` package finds (its ``pagefind_bin`` wheel's)."""
    try:
        from pagefind.service import get_executable
    except ImportError:
        found = None
    else:
        found = get_executable()
    if found is None or not found.is_file():
        raise GeneratorError(
            "search is on, but the Pagefind binary is missing: install the project's dependencies "
            "(pip install 'pagefind[bin]'), or set 'search: false' in site.yaml"
        )
    return found


def engine_identity(engine: Path | None = None) -> str:
    """The indexing binary as an input of the build: its path, size and time, which an
    upgrade of Pagefind changes ("missing" when there is none)."""
    try:
        found = engine or binary()
        st = found.stat()
    except (GeneratorError, OSError):
        return "missing"
    return f"{found}:{st.st_size}:{st.st_mtime_ns}"


def search_key(bundle: str, pages: Iterable[tuple[str, str]], made_by: str) -> str:
    """What a bundle is made from: its name, each indexed file with its fingerprint, and the binary that indexes."""
    digest = hashlib.blake2b(f"pagefind\n{made_by}\n{bundle}\n".encode(), digest_size=16)
    for path, fingerprint in sorted(pages):
        digest.update(f"{path}\0{fingerprint}\n".encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


def index_files(paths: Iterable[str]) -> dict[str, list[str]]:
    """The paths among ``paths`` that belong to the search index, by bundle (the folder under ``pagefind/``)."""
    found: dict[str, list[str]] = {}
    for path in sorted(paths):
        if path.startswith(ROOT) and "/" in path[len(ROOT) :]:
            found.setdefault(path[len(ROOT) :].split("/", 1)[0], []).append(path)
    return found


def build_index(pages: Mapping[str, Path], scratch: Path, engine: Path, bundle: str) -> dict[str, bytes]:
    """Pagefind's index of ``pages`` (output path → the file holding its final bytes), as the files
    of the bundle ``bundle`` (``pagefind/<bundle>/...``), by output path.

    ``scratch`` is a folder of the build's own (in its staging area); it is removed afterwards.
    An empty ``pages`` gives no index (Pagefind refuses a site without pages)."""
    if not pages:
        return {}
    site, made = scratch / "site", scratch / "bundle"
    try:
        for rel, source in pages.items():
            target = site / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)  # the same file system: no copy
            except OSError:
                shutil.copyfile(source, target)
        env = {name: value for name, value in os.environ.items() if not name.startswith("PAGEFIND_")}
        command = [str(engine), "--site", str(site), "--output-path", str(made), "--silent"]
        try:
            done = subprocess.run(command, cwd=scratch, env=env, capture_output=True, text=True, check=False)
        except OSError as exc:
            raise GeneratorError(f"cannot run Pagefind ({engine}) to build the search index: {exc}") from None
        if done.returncode != 0:
            said = " ".join((done.stderr or done.stdout).split())[-500:] or f"exit status {done.returncode}"
            raise GeneratorError(f"Pagefind could not build the search index (bundle {bundle}): {said}")
        return {
            Urls.search_bundle(bundle, path.relative_to(made).as_posix()): path.read_bytes()
            for path in sorted(made.rglob("*"))
            if path.is_file()
        }
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
