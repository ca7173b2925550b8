"""Each published table knows its sources: meta.mart_sources, meta.mart_attribution and the export.

A small hand-built work database stands in for a refresh; tests/integration/test_refresh_demo.py
checks the same on the demo warehouse.
"""

from __future__ import annotations

import csv

import duckdb
import pyarrow.parquet as pq
import pytest

from ingest.publish import publish
from ingest.warehouse import ensure_meta
from orchestration.cli import main

OSM = "© OpenStreetMap contributors"
OGL = "Contains public sector information licensed under the Open Government Licence v3.0"
# A quote must survive the SQL the export writes the metadata with.
AREAS = "Areas by O'Neill's office, OGL v3.0"


def _work_db(path) -> None:
    con = duckdb.connect(str(path))
    ensure_meta(con)
    con.execute("create schema marts")
    con.execute("create table marts.fct_places as select range as n from range(3)")
    con.execute("create table marts.fct_areas as select range as n from range(2)")
    con.executemany(
        "insert into meta.source_files (source_id, publisher, url, licence, attribution, vintage, "
        "synthetic) values (?, ?, ?, ?, ?, ?, false)",
        [
            ["osm__places", "OpenStreetMap contributors", "https://osm.org", "ODbL", OSM, "2026"],
            ["ons__lookup", "ONS", "https://ons.example", "OGL v3.0", OGL, "2021"],
            ["ons__codes", "ONS", "https://ons.example", "OGL v3.0", OGL, "2023"],
            ["ons__areas", "O'Neill's office", "https://o.example", "OGL v3.0", AREAS, "2021"],
        ],
    )
    con.close()


LINEAGE = {
    # ons__missing is upstream but was not loaded (an optional file): it has no attribution row.
    "marts.fct_places": ("osm__places", "ons__lookup", "ons__missing"),
    "marts.fct_areas": ("ons__areas", "ons__lookup", "ons__codes", "ons__lookup"),
    "marts.not_built": ("osm__places",),
}


@pytest.fixture
def home(tmp_path):
    _work_db(tmp_path / "work.duckdb")
    return tmp_path


def test_publish_records_each_marts_sources_and_their_attribution(home):
    publish(
        home / "work.duckdb",
        home / "placeindex.duckdb",
        run_id="r1",
        source_mode="demo",
        mart_sources=LINEAGE,
    )
    con = duckdb.connect(str(home / "placeindex.duckdb"), read_only=True)
    try:
        lineage = con.execute("select * from meta.mart_sources order by 1, 2").fetchall()
        attribution = con.execute(
            "select mart_name, source_id, publisher, licence, attribution, synthetic "
            "from meta.mart_attribution where mart_name = 'marts.fct_places' order by 2"
        ).fetchall()
    finally:
        con.close()
    assert lineage == [
        ("marts.fct_areas", "ons__areas"),
        ("marts.fct_areas", "ons__codes"),
        ("marts.fct_areas", "ons__lookup"),
        ("marts.fct_places", "ons__lookup"),
        ("marts.fct_places", "ons__missing"),
        ("marts.fct_places", "osm__places"),
    ]
    assert attribution == [
        ("marts.fct_places", "ons__lookup", "ONS", "OGL v3.0", OGL, False),
        ("marts.fct_places", "osm__places", "OpenStreetMap contributors", "ODbL", OSM, False),
    ]


def test_export_carries_sources_and_attribution_beside_every_table(home, capsys):
    publish(
        home / "work.duckdb",
        home / "placeindex.duckdb",
        run_id="r1",
        source_mode="demo",
        mart_sources=LINEAGE,
    )
    assert main(["--home", str(home), "export"]) == 0
    assert "Attribution unavailable" not in capsys.readouterr().err
    places = pq.read_schema(home / "exports" / "fct_places.parquet").metadata
    assert places[b"sources"] == b"ons__lookup,osm__places"
    assert places[b"attribution"].decode() == f"{OGL} | {OSM}"
    # Two sources under one attribution text: the text once.
    areas = pq.read_schema(home / "exports" / "fct_areas.parquet").metadata
    assert areas[b"sources"] == b"ons__areas,ons__codes,ons__lookup"
    assert areas[b"attribution"].decode() == f"{AREAS} | {OGL}"
    with open(home / "exports" / "ATTRIBUTION.csv", newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == [
        "table", "source_id", "publisher", "licence", "attribution", "url", "vintage"
    ]  # fmt: skip
    assert [(row["table"], row["source_id"], row["publisher"]) for row in rows] == [
        ("fct_areas", "ons__areas", "O'Neill's office"),
        ("fct_areas", "ons__codes", "ONS"),
        ("fct_areas", "ons__lookup", "ONS"),
        ("fct_places", "ons__lookup", "ONS"),
        ("fct_places", "osm__places", "OpenStreetMap contributors"),
    ]
    assert rows[-1]["attribution"] == OSM and rows[-1]["url"] == "https://osm.org"


def test_export_of_a_warehouse_published_before_lineage_says_attribution_is_unavailable(
    home, capsys
):
    # No mapping: the copy has no meta.mart_sources, like a file published by an older version.
    publish(home / "work.duckdb", home / "placeindex.duckdb", run_id="old", source_mode="demo")
    stale = home / "exports" / "ATTRIBUTION.csv"
    stale.parent.mkdir()
    stale.write_text("table,source_id\nsomething,else\n")
    assert main(["--home", str(home), "export"]) == 0
    captured = capsys.readouterr()
    assert "Exported 2 marts" in captured.out
    assert "Attribution unavailable" in captured.err and "meta.mart_sources" in captured.err
    assert duckdb.sql(f"select count(*) from '{home}/exports/fct_places.csv'").fetchone()[0] == 3
    metadata = pq.read_schema(home / "exports" / "fct_places.parquet").metadata or {}
    assert b"sources" not in metadata
    # An attribution file left by an earlier export would describe another warehouse.
    assert not stale.exists()
