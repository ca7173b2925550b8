"""One contract per catalog source: what adding a source must bring, checked for every entry.

For each source: the demo writes a file the source's reader reads into the catalog's columns and
that passes the source's Great Expectations suite (as synthetic data); the suite loads with every
expectation; dbt has it as a `raw` source; and exactly one staging model reads it, named and filed
by publisher, with a YAML that states its grain. A new source that lacks one of these fails here,
naming itself.
"""

from __future__ import annotations

import json
from pathlib import Path

import polars as pl
import pytest

import demo
from expectations.validate import (
    PUBLISHER_ROW_COUNT,
    PUBLISHER_VALUES,
    load_suite,
    suite_json,
    validate,
)
from ingest.catalog import ROW_NUMBER, SOURCES, Source
from ingest.landing import find_in_dir
from ingest.readers import read_source
from ingest.warehouse import REJECT_COLUMNS
from orchestration.lib.dbt_project import DBT_PROJECT_DIR, ensure_manifest

IDS = [source.source_id for source in SOURCES]


@pytest.fixture(scope="module")
def manifest() -> dict:
    return json.loads(ensure_manifest().read_text(encoding="utf-8"))


def _staging_models(manifest: dict, source: Source) -> list[dict]:
    node_id = f"source.placeindex.raw.{source.source_id}"
    return [
        node
        for node in manifest["nodes"].values()
        if node["resource_type"] == "model"
        and node["schema"] == "staging"
        and node_id in node["depends_on"]["nodes"]
    ]


@pytest.mark.sweep
@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_its_demo_file_reads_into_the_catalog_columns_and_passes_its_suite(
    source: Source, demo_dir: Path
) -> None:
    path = find_in_dir(source, demo_dir)
    assert path.name == demo.DEMO_FILES[source.source_id]
    frame = read_source(source, path)
    # The grants reader marks rejects in extra columns the loader moves to meta.rejected_rows.
    if "_reject_reason" in frame.columns:
        frame = frame.filter(pl.col("_reject_reason").is_null()).drop(*REJECT_COLUMNS)
    assert frame.columns == [ROW_NUMBER] + [column.header for column in source.columns]
    assert frame.height > 0
    report = validate(source.source_id, frame, synthetic=True)
    assert report.success, report.message()


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_its_suite_loads_with_every_expectation(source: Source) -> None:
    expectations = suite_json(source.source_id)["expectations"]
    assert len(load_suite(source.source_id).expectations) == len(expectations)
    # Synthetic data skips only what pins the real file (its row count, the publisher's values).
    pinned = [
        e
        for e in expectations
        if (e.get("meta") or {}).keys() & {PUBLISHER_ROW_COUNT, PUBLISHER_VALUES}
    ]
    assert len(load_suite(source.source_id, synthetic=True).expectations) == len(
        expectations
    ) - len(pinned)


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_dbt_has_it_as_a_raw_source(source: Source, manifest: dict) -> None:
    node = manifest["sources"][f"source.placeindex.raw.{source.source_id}"]
    assert node["meta"]["url"] == source.url
    assert [column for column in node["columns"] if column != "_row_number"][
        : len(source.columns)
    ] == [column.header for column in source.columns]


@pytest.mark.parametrize("source", SOURCES, ids=IDS)
def test_one_staging_model_reads_it_filed_by_publisher_with_its_yaml(
    source: Source, manifest: dict
) -> None:
    models = _staging_models(manifest, source)
    assert len(models) == 1, [model["name"] for model in models]
    (model,) = models
    publisher = source.source_id.split("__")[0]
    assert model["name"].startswith(f"stg_{publisher}__")
    assert model["original_file_path"] == f"models/staging/{publisher}/{model['name']}.sql"
    assert model["patch_path"] == f"placeindex://models/staging/{publisher}/{model['name']}.yml"
    # The description states the grain (STYLE.md: "its description states the grain").
    assert "one row per" in model["description"].casefold(), model["description"]


def test_a_staging_model_reads_one_source_and_no_model() -> None:
    # Unions and joins belong in intermediate models.
    manifest = json.loads(ensure_manifest().read_text(encoding="utf-8"))
    for node in manifest["nodes"].values():
        if node["resource_type"] == "model" and node["schema"] == "staging":
            parents = node["depends_on"]["nodes"]
            assert len(parents) == 1 and parents[0].startswith("source."), node["name"]
    assert (DBT_PROJECT_DIR / "models" / "staging").is_dir()
