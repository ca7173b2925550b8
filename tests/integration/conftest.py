"""The real refresh the integration tests read, run once per test run from the files in
../shared/data (the demo refresh is in tests/conftest.py, shared with the fault suite). A refresh
takes minutes; every module that checks a published table shares the same one, on every xdist
worker."""

from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from tests.conftest import built_once, run_cli


@pytest.fixture(scope="session")
def real_home(shared_data, tmp_path_factory):
    # The inner loop: PLACEINDEX_TEST_REAL_HOME names a data folder a real refresh already
    # published into, and the real-file tests read it instead of refreshing again (minutes).
    reused = os.environ.get("PLACEINDEX_TEST_REAL_HOME")
    if reused:
        return Path(reused)
    # Once per test run, however many xdist workers ask (tests/conftest.py); read, never changed.
    home, code, output = built_once(
        tmp_path_factory,
        "real_home",
        lambda home: run_cli(["--home", str(home), "refresh", "--from-dir", str(shared_data)]),
    )
    assert code == 0, output
    return home


@pytest.fixture(scope="session")
def real_db(real_home):
    """The published warehouse of the real refresh, read-only as users open it."""
    con = duckdb.connect(str(real_home / "placeindex.duckdb"), read_only=True)
    yield con
    con.close()
