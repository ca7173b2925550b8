"""Loading raw tables: rejected rows are kept apart, and a file's rows always add up."""

from __future__ import annotations

import json

import polars as pl

from ingest import warehouse
from ingest.landing import Provenance


def _provenance(sha256: str = "a" * 64) -> Provenance:
    return Provenance(
        source_id="example__grants",
        title="Example grants",
        publisher="Example",
        url="https://example.org/grants.csv",
        origin="demo",
        file_name="grants.csv",
        sha256=sha256,
        bytes=100,
        etag=None,
        last_modified=None,
        fetched_at="2026-01-01T00:00:00+00:00",
        licence="OGL",
        attribution="Example",
        vintage="2026",
        synthetic=True,
    )


def _grants(reasons: list[str | None]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "_row_number": list(range(2, 2 + len(reasons))),
            "grant_id": [f"G{i}" for i in range(len(reasons))],
            "amount_awarded": [100.0 * (i + 1) for i in range(len(reasons))],
            "_reject_column": ["Recipient Org:Identifier" if r else None for r in reasons],
            "_reject_value": ["" if r else None for r in reasons],
            "_reject_reason": reasons,
        }
    )


def test_rejected_rows_go_to_meta_and_rows_add_up(tmp_path):
    con = warehouse.connect(tmp_path / "work.duckdb")
    reason = "expected a recipient organisation identifier (required by 360Giving)"
    loaded = warehouse.load_raw(con, _grants([None, reason, None]), _provenance())
    assert loaded == 2
    assert con.execute('select grant_id from raw."example__grants" order by 1').fetchall() == [
        ("G0",),
        ("G2",),
    ]
    assert "_reject_reason" not in con.execute('select * from raw."example__grants"').pl().columns
    assert con.execute(
        "select source_id, file_name, row_number, column_name, reason from meta.rejected_rows"
    ).fetchall() == [("example__grants", "grants.csv", 3, "Recipient Org:Identifier", reason)]
    assert con.execute(
        "select rows_loaded, rows_rejected from meta.source_files where source_id = 'example__grants'"
    ).fetchone() == (2, 1)
    # A corrected file replaces the rejects of the previous one.
    warehouse.load_raw(con, _grants([None, None, None]), _provenance("b" * 64))
    assert con.execute("select count(*) from meta.rejected_rows").fetchone()[0] == 0
    con.close()


def test_older_register_gains_the_rejected_column(tmp_path):
    con = warehouse.connect(tmp_path / "work.duckdb")
    con.execute("create schema meta")
    con.execute(
        "create table meta.source_files (source_id varchar primary key, title varchar, "
        "publisher varchar, url varchar, origin varchar, file_name varchar, sha256 varchar, "
        "bytes bigint, etag varchar, last_modified varchar, fetched_at timestamptz, "
        "loaded_at timestamptz, licence varchar, attribution varchar, vintage varchar, "
        "rows_loaded bigint, synthetic boolean)"
    )
    warehouse.load_raw(con, _grants([None]), _provenance())
    assert con.execute("select rows_rejected from meta.source_files").fetchone() == (0,)
    con.close()


def test_every_landed_file_is_registered_with_its_sha256(tmp_path):
    from dataclasses import replace

    con = warehouse.connect(tmp_path / "work.duckdb")
    files = (
        {"file_name": "areas.shp", "sha256": "c" * 64, "bytes": 60},
        {"file_name": "areas.dbf", "sha256": "d" * 64, "bytes": 40},
    )
    warehouse.load_raw(con, _grants([None]), replace(_provenance(), files=files))
    (stored,) = con.execute("select files from meta.source_files").fetchone()
    assert json.loads(stored) == list(files)
    # A landing written before files were listed registers none.
    warehouse.load_raw(con, _grants([None]), _provenance())
    assert con.execute("select files from meta.source_files").fetchone() == (None,)
    con.close()
