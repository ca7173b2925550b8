"""Shared test fixtures: where the real files are, and fresh data folders."""

from __future__ import annotations

import io
import os
import re
import sys
from functools import cache
from pathlib import Path

import pytest

from ingest.catalog import Source

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"

# Telemetry off for every test run, before any tool is imported.
os.environ.setdefault("DO_NOT_TRACK", "1")
os.environ.setdefault("DBT_SEND_ANONYMOUS_USAGE_STATS", "false")
os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")


@pytest.fixture(scope="session")
def shared_data() -> Path:
    # Real-file tests fail, never skip, when the shared folder is missing: CI must have it.
    assert SHARED_DATA.is_dir(), f"real test data not found at {SHARED_DATA}"
    return SHARED_DATA


def real_file(name: str) -> Path:
    matches = sorted(SHARED_DATA.rglob(name))
    assert matches, f"{name} not found under {SHARED_DATA}"
    return matches[0]


@cache
def _shared_files() -> dict[str, list[Path]]:
    files: dict[str, list[Path]] = {}
    for path in sorted(SHARED_DATA.rglob("*")):
        if path.is_file():
            files.setdefault(path.name, []).append(path)
    return files


def real_source_file(source: Source) -> Path | None:
    """The first of a source's published files (in layout order) in the shared folder, or None."""
    for name in source.file_names:
        if name in _shared_files():
            return _shared_files()[name][0]
    return None


@cache
def _read_real_source(source_id: str):
    from ingest.catalog import get_source
    from ingest.readers import read_source

    source = get_source(source_id)
    path = real_source_file(source)
    assert path is not None, f"{source_id}: none of its published files is in the shared data"
    return read_source(source, path)


def read_real_source(source: Source):
    """The source's real file read by its reader, once per test session: the reader tests and the
    suite tests read the same large files (the LSOA boundaries take 10 s)."""
    return _read_real_source(source.source_id)


def manifest_sha256() -> dict[str, str]:
    """File name -> sha256 as MANIFEST.md records it: one file per heading, or a set of files
    listed under one heading, each with its own sha256 (a shapefile's)."""
    text = (SHARED_DATA / "MANIFEST.md").read_text(encoding="utf-8")
    hashes: dict[str, str] = {}
    for block in re.split(r"\n## ", text):
        heading = block.splitlines()[0].strip()
        found = re.search(r"\*\*sha256\*\*: `([0-9a-f]{64})`", block)
        if found:
            hashes[heading.rsplit("/", 1)[-1]] = found.group(1)
        for name, digest in re.findall(
            r"- `([^`/]+)`: [\d,]+ bytes, sha256 `([0-9a-f]{64})`", block
        ):
            hashes[name] = digest
    return hashes


@pytest.fixture(scope="session")
def demo_refresh(tmp_path_factory):
    """(home, terminal output) of `placeindex refresh --demo` into a fresh data folder."""
    from orchestration.cli import main

    home = tmp_path_factory.mktemp("demo_home")
    capture = pytest.MonkeyPatch()
    stdout = io.StringIO()
    capture.setattr(sys, "stdout", stdout)
    try:
        code = main(["--home", str(home), "refresh", "--demo"])
    finally:
        capture.undo()
    assert code == 0, stdout.getvalue()
    return home, stdout.getvalue()


@pytest.fixture(scope="session")
def demo_home(demo_refresh):
    return demo_refresh[0]
