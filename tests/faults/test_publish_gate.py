"""A failing dbt test blocks publishing: one whole refresh of the demo data with one file spoiled so
that every raw check passes and a dbt test fails. (A failing Great Expectations suite is shown to
block it by tests/integration/test_refresh_demo.py::test_a_failing_expectation_suite_blocks_
publishing.)"""

from __future__ import annotations

import subprocess
import sys

import duckdb
import pytest

from tests.faults.catalogue import DBT_FAILS, FAULTS
from tests.faults.harness import cli_failures, dbt_placeholders, placeholders

pytestmark = pytest.mark.faults

(DBT_FAULT,) = (fault for fault in FAULTS if fault.outcome == DBT_FAILS)


def test_a_failing_dbt_test_blocks_publishing(tmp_path, monkeypatch, capsys) -> None:
    from orchestration.cli import main

    sources = tmp_path / "sources"
    subprocess.run([sys.executable, "-P", "-m", "demo", str(sources)], check=True)
    DBT_FAULT.demo_edit(sources)
    home = tmp_path / "home"
    home.mkdir()
    # The last good warehouse: what it holds does not matter to the gate, only that it survives.
    published = home / "placeindex.duckdb"
    con = duckdb.connect(str(published))
    con.execute("create schema marts; create table marts.last_good as select 42 as answer")
    con.close()
    before = published.read_bytes()
    for name in ("PLACEINDEX_HOME", "PLACEINDEX_FROM_DIR", "PLACEINDEX_DEMO", "DAGSTER_HOME"):
        monkeypatch.delenv(name, raising=False)

    code = main(["--home", str(home), "refresh", "--from-dir", str(sources)])

    out, err = capsys.readouterr()
    assert code == 1, out[-3000:]
    assert published.read_bytes() == before
    assert "nothing was published" in err and "\nPublished " not in out
    # The spoiled file passed its suite and was loaded; dbt ran and its test failed.
    assert f"  ok   raw/{DBT_FAULT.source_id}" in out
    assert "  FAIL check raw/" not in out
    printed = [dbt_placeholders(placeholders(line, tmp_path)) for line in cli_failures(err)]
    assert printed == DBT_FAULT.message.split("\n", 1)
