"""What the dbt manifest says about the marts: which are published, which raw sources feed each."""

from __future__ import annotations

from orchestration.lib.dbt_project import mart_sources


def _model(name: str, schema: str, materialized: str = "table") -> dict:
    return {
        "resource_type": "model",
        "name": name,
        "alias": name,
        "schema": schema,
        "config": {"materialized": materialized},
    }


def _source(source_name: str, name: str) -> dict:
    return {"resource_type": "source", "source_name": source_name, "name": name}


# raw.a -> stg_a -> int_x -> fct_x, and stg_a -> int_y -> fct_x again: raw.a by two paths.
# raw.b -> stg_b -> int_x; fct_y reads fct_x (a mart one further away) and a seed.
MANIFEST = {
    "nodes": {
        "model.p.stg_a": _model("stg_a", "staging", "view"),
        "model.p.stg_b": _model("stg_b", "staging", "view"),
        "model.p.int_x": _model("int_x", "intermediate"),
        "model.p.int_y": _model("int_y", "intermediate", "ephemeral"),
        "model.p.fct_x": _model("fct_x", "marts"),
        "model.p.fct_y": _model("fct_y", "marts"),
        "model.p.fct_z": _model("fct_z", "marts"),
        "model.p.helper": _model("helper", "marts", "ephemeral"),
        "seed.p.codes": {"resource_type": "seed", "name": "codes", "schema": "seeds", "config": {}},
    },
    "sources": {
        "source.p.raw.a": _source("raw", "a"),
        "source.p.raw.b": _source("raw", "b"),
        "source.p.raw.c": _source("raw", "c"),
        "source.p.other.d": _source("other", "d"),
    },
    "parent_map": {
        "model.p.stg_a": ["source.p.raw.a"],
        "model.p.stg_b": ["source.p.raw.b"],
        "model.p.int_x": ["model.p.stg_a", "model.p.stg_b"],
        "model.p.int_y": ["model.p.stg_a", "source.p.other.d"],
        "model.p.fct_x": ["model.p.int_x", "model.p.int_y"],
        "model.p.fct_y": ["model.p.fct_x", "seed.p.codes"],
        "model.p.fct_z": ["seed.p.codes"],
        "model.p.helper": ["source.p.raw.c"],
        "seed.p.codes": [],
    },
}


def test_a_mart_lists_each_raw_source_upstream_of_it_once():
    lineage = mart_sources(MANIFEST)
    # Two models away from raw.a and raw.b; raw.a reached through int_x and int_y counts once.
    assert lineage["marts.fct_x"] == ("a", "b")
    # A mart reading another mart inherits its sources; a seed is not a raw source.
    assert lineage["marts.fct_y"] == ("a", "b")
    assert lineage["marts.fct_z"] == ()


def test_only_published_marts_and_only_the_raw_source_count():
    lineage = mart_sources(MANIFEST)
    # Staging, intermediate and ephemeral models are not published; `other.d` is not `raw`.
    assert list(lineage) == ["marts.fct_x", "marts.fct_y", "marts.fct_z"]
    assert "d" not in {source for sources in lineage.values() for source in sources}


def test_depends_on_serves_when_the_manifest_has_no_parent_map():
    nodes = {
        unique_id: {**node, "depends_on": {"nodes": MANIFEST["parent_map"][unique_id]}}
        for unique_id, node in MANIFEST["nodes"].items()
    }
    lineage = mart_sources({"nodes": nodes, "sources": MANIFEST["sources"]})
    assert lineage == mart_sources(MANIFEST)


def test_dbt_is_found_without_the_environment_activated():
    """`make dev` runs Dagster with the environment's Python but not its bin folder on PATH;
    dagster-dbt must still find this environment's dbt (the code location failed to load)."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import shutil, orchestration.lib.dbt_project; print(shutil.which('dbt'))",
        ],
        # The system's default search path only: not this environment's bin folder.
        env={"PATH": os.defpath, "HOME": str(Path.home())},
        capture_output=True,
        text=True,
        check=True,
    )
    assert Path(result.stdout.strip()) == Path(sys.executable).parent / "dbt"


def test_the_work_database_path_does_not_force_a_full_dbt_parse():
    """dbt compares the profile's connection settings with its saved parse; the work database's
    path differs between data folders and must not count, its catalog name must."""
    from dbt.adapters.duckdb.credentials import DuckDBCredentials

    from orchestration.lib.dbt_child import parse_once_for_every_data_folder

    def settings(path: str) -> dict:
        credentials = DuckDBCredentials.from_dict({"path": path, "schema": "main"})
        return dict(credentials.connection_info())

    parse_once_for_every_data_folder()
    parse_once_for_every_data_folder()  # a second call changes nothing
    one, other = settings("/one/placeindex.duckdb"), settings("/other/placeindex.duckdb")
    assert one == other
    assert one["database"] == "placeindex" and "path" not in one
    assert settings("/one/elsewhere.duckdb")["database"] == "elsewhere"
