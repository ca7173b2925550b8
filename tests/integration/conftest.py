"""The two refreshes the integration tests read, each run once per test session: the demo data and
the real files in ../shared/data. A refresh takes minutes; every module that checks a published
table shares the same one instead of running its own."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import duckdb
import pytest

from orchestration.cli import main


@pytest.fixture(scope="session")
def demo_refresh(tmp_path_factory):
    """(home, terminal output) of `placeindex refresh --demo` into a fresh data folder."""
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


@pytest.fixture(scope="session")
def real_home(shared_data, tmp_path_factory):
    # The inner loop: PLACEINDEX_TEST_REAL_HOME names a data folder a real refresh already
    # published into, and the real-file tests read it instead of refreshing again (minutes).
    reused = os.environ.get("PLACEINDEX_TEST_REAL_HOME")
    if reused:
        return Path(reused)
    home = tmp_path_factory.mktemp("real_home")
    assert main(["--home", str(home), "refresh", "--from-dir", str(shared_data)]) == 0
    return home


@pytest.fixture(scope="session")
def real_db(real_home):
    """The published warehouse of the real refresh, read-only as users open it."""
    con = duckdb.connect(str(real_home / "placeindex.duckdb"), read_only=True)
    yield con
    con.close()
