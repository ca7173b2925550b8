"""Shared test fixtures: where the real files are, and fresh data folders."""

from __future__ import annotations

import fcntl
import io
import json
import os
import re
import sys
from collections.abc import Callable
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


@pytest.hookimpl(trylast=True)  # after pytest's own, which sets up the temporary folders
def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist every worker collects the tests, and collecting imports the Dagster
    definitions, which run `dbt parse` into dbt_project/target when the manifest is older than the
    project. One worker parses while the others wait, then find it fresh: two parses writing one
    target folder at once could leave a manifest half written."""
    config.addinivalue_line(
        "markers",
        "sweep: one test per catalog source over its whole real or demo file (readers, suites, "
        "layouts, the scaled files); in `make test`, left out of the inner loop's `make test-fast`",
    )
    if not hasattr(config, "workerinput"):
        return
    from orchestration.lib.dbt_project import ensure_manifest

    root = config._tmp_path_factory.getbasetemp().parent  # shared by the run's workers
    with open(root / "dbt-parse.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ensure_manifest()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist the longest work starts first, so that no worker is left alone with it
    at the end while the others wait: the kill suite (minutes, after the demo refresh it copies),
    then the files that read the real refresh (which another worker builds meanwhile), then those
    that refresh copies of the demo folder, then the rest (many short files to even out the end).
    The Makefile hands out whole files in this order (--dist loadfile --no-loadscope-reorder); a
    serial run keeps the files' own order."""
    if not hasattr(config, "workerinput"):
        return

    def rank(item: pytest.Item) -> int:
        fixtures = set(getattr(item, "fixturenames", ()))
        if item.path.name == "test_kill.py":
            return 0
        if {"real_home", "real_db"} & fixtures:
            return 1
        if {"demo_home", "demo_refresh"} & fixtures:
            return 2
        return 3

    items.sort(key=rank)


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


def built_once(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Path], tuple[int, str]]
) -> tuple[Path, int, str]:
    """(folder, exit code, output) of `build(folder)`, run once per test run.

    Under pytest-xdist (`make test`) each worker has its own session, so a session fixture would
    refresh once per worker: minutes each, on the same two cores. Here the first worker to ask
    builds into the run's temporary folder that all workers share, holding a lock; the others wait
    for it and read the same folder. A failed build is not tried again: every test that needs it
    fails with the same output. Users of the folder must not change it (copy it first).
    """
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        folder = tmp_path_factory.mktemp(name)
        return folder, *build(folder)
    root = tmp_path_factory.getbasetemp().parent  # the run's folder, above each worker's own
    folder = root / name
    result = root / f"{name}.json"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not result.exists():
            folder.mkdir()
            try:
                code, output = build(folder)
            except BaseException as error:
                code, output = -1, f"{name} raised {error!r}"
                raise
            finally:
                result.write_text(json.dumps({"code": code, "output": output}))
    built = json.loads(result.read_text())
    return folder, built["code"], built["output"]


def run_cli(args: list[str]) -> tuple[int, str]:
    """(exit code, terminal output) of `placeindex <args>`, run in this process."""
    from orchestration.cli import main

    capture = pytest.MonkeyPatch()
    stdout = io.StringIO()
    capture.setattr(sys, "stdout", stdout)
    try:
        code = main(args)
    finally:
        capture.undo()
    return code, stdout.getvalue()


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo's source files (`python -m demo`), written once per test run for every test that
    reads them, on every xdist worker. Read only: a test that changes a file writes a copy."""
    import demo

    def write(folder: Path) -> tuple[int, str]:
        demo.ensure_demo_files(folder / "demo_sources")
        return 0, ""

    folder, _, _ = built_once(tmp_path_factory, "demo_dir", write)
    return folder / "demo_sources"


@pytest.fixture(scope="session")
def demo_refresh(tmp_path_factory):
    """(home, terminal output) of `placeindex refresh --demo` into a fresh data folder, once per
    test run (shared by the xdist workers): tests that change a data folder copy this one."""
    home, code, output = built_once(
        tmp_path_factory,
        "demo_home",
        lambda home: run_cli(["--home", str(home), "refresh", "--demo"]),
    )
    assert code == 0, output
    return home, output


@pytest.fixture(scope="session")
def demo_home(demo_refresh):
    return demo_refresh[0]
