"""A refresh that runs out of disk: said as such, naming the step; nothing published; the last
good warehouse kept; the failed run's temporary files gone; and the next refresh, given space,
succeeds.

Two ways to run out: the data folder on a small tmpfs (where this machine lets the tests mount one:
root), sized so that everything fits except the publish copy; and a file-size limit
(RLIMIT_FSIZE, any machine) that stops the first write past it, wherever that falls.
"""

from __future__ import annotations

import os
import re
import resource
import shutil
import subprocess
from pathlib import Path

import pytest

from ingest.landing import sha256_of
from tests.faults.refresh_process import (
    KILL_SELECTION,
    REQUIRED,
    leftover_files,
    published_state,
    start_refresh,
)

pytestmark = pytest.mark.faults


def _folder_bytes(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def _copy_home(demo_home: Path, target: Path) -> Path:
    shutil.copytree(
        demo_home,
        target,
        ignore=shutil.ignore_patterns("dagster", "exports", "logs", "demo_sources"),
    )
    return target


@pytest.fixture
def tmpfs(tmp_path: Path, demo_home: Path):
    """A tmpfs with room for the data folder and 20 MB more: less than the publish copy needs."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root; test_file_size_limit covers this machine")
    mount = tmp_path / "small_disk"
    mount.mkdir()
    needed = _folder_bytes(demo_home) - _folder_bytes(demo_home / "demo_sources")
    size = needed + 20 * 2**20
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(mount)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "--lazy", str(mount)], check=False)


def test_full_disk_at_publish(tmpfs: Path, demo_home: Path) -> None:
    home = _copy_home(demo_home, tmpfs / "home")
    published = home / "placeindex.duckdb"
    before = sha256_of(published)
    run = start_refresh(home, demo_home / "demo_sources", select=KILL_SELECTION)
    assert run.wait() == 1
    text = run.text()
    failure = re.search(
        r"  - published_warehouse: ingest.errors.PlaceindexError: publish: out of disk space in "
        r"(\S+) while copying the work database .*",
        text,
    )
    assert failure, text
    assert failure.group(1) == str(home)
    assert "Nothing was published. Free some space, or set PLACEINDEX_HOME" in failure.group(0)
    assert f"The last good warehouse is unchanged: {published}" in text
    assert sha256_of(published) == before
    assert published_state(published, REQUIRED)[1] == []
    # The half-written copy is gone: the space it took is free again.
    assert leftover_files(home) == []
    assert shutil.disk_usage(tmpfs).free > 15 * 2**20


def test_file_size_limit(tmp_path: Path, demo_home: Path) -> None:
    home = _copy_home(demo_home, tmp_path / "home")
    published = home / "placeindex.duckdb"
    before = sha256_of(published)
    # Smaller than the work database: the first write past it fails, wherever it falls.
    limit = (home / "work" / "placeindex.duckdb").stat().st_size // 2

    def limit_file_size() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    run = start_refresh(
        home, demo_home / "demo_sources", select=KILL_SELECTION, preexec_fn=limit_file_size
    )
    assert run.wait() == 1
    text = run.text()
    failure = re.search(r"  - (\S+): .*out of disk space.*", text)
    assert failure, text
    print(f"\nfile-size limit of {limit:,} bytes:\n{failure.group(0)}")
    assert "Traceback" not in text
    assert f"The last good warehouse is unchanged: {published}" in text
    assert sha256_of(published) == before
    assert leftover_files(home) == []
    # With the limit gone the next refresh succeeds, with no clean-up.
    again = start_refresh(home, demo_home / "demo_sources", select=KILL_SELECTION)
    assert again.wait() == 0, again.text()
    assert published_state(published, REQUIRED)[1] == []
