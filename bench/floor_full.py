"""The full floor: every source read and every model's SQL run once, with no checks, provenance,
landing, publishing or orchestration - the least a full refresh of this project costs here.

`python bench/floor_full.py DATA FOLDER`:
1. reads every catalog source found in DATA with the project's own readers (polars, fastexcel and
   the project's R data reader: the plain way to read each layout) and hands each frame to DuckDB
   as `raw.<source_id>`; an optional source not in DATA is an empty table of its columns, as the
   refresh loads it;
2. compiles the dbt project against that database (timed apart: a hand-written pipeline keeps its
   SQL in files), then runs each model's compiled SQL once in dependency order as `create table`
   or `create view` - the Python model through its own `model` function - with no tests,
   contracts or column comments.
Prints the seconds of each phase and the floor (read + models) on the last line.
"""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import time
from graphlib import TopologicalSorter
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from ingest.catalog import SOURCES
from ingest.errors import PlaceindexError
from ingest.landing import find_in_dir
from ingest.readers import read_source
from ingest.warehouse import install_extension, load_absent

DBT_DIR = REPO / "dbt_project"
# Compiled SQL names its database by the file's stem, as the refresh's work database is named.
DATABASE_NAME = "placeindex.duckdb"


def read_sources(data: Path, con: duckdb.DuckDBPyConnection) -> int:
    con.execute("create schema if not exists raw")
    rows = 0
    for source in SOURCES:
        try:
            path = find_in_dir(source, data)
        except PlaceindexError:
            if source.required:
                raise
            load_absent(con, source)
            continue
        frame = read_source(source, path)
        if "_reject_reason" in frame.columns:
            frame = frame.filter(frame["_reject_reason"].is_null()).drop(
                [c for c in frame.columns if c.startswith("_reject_")]
            )
        con.register("_frame", frame.to_arrow())
        con.execute(f'create or replace table raw."{source.source_id}" as select * from _frame')
        con.unregister("_frame")
        rows += frame.height
    return rows


def compile_project(database: Path, target: Path) -> dict:
    env = {**os.environ, "PLACEINDEX_WORK_DB": str(database), "DO_NOT_TRACK": "1"}
    dbt = Path(sys.executable).parent / "dbt"
    subprocess.run(
        [
            str(dbt),
            "compile",
            "--quiet",
            "--select",
            "resource_type:model",
            "--target-path",
            str(target),
        ],
        cwd=DBT_DIR,
        env=env,
        check=True,
    )
    return json.loads((target / "manifest.json").read_text(encoding="utf-8"))


class _Config(dict):
    def __call__(self, **_: object) -> None:  # dbt.config(materialized=...) inside the model
        return None


class _Dbt:
    """What a dbt Python model of this project uses of its `dbt` argument."""

    def __init__(self, node: dict, con: duckdb.DuckDBPyConnection, manifest: dict) -> None:
        self.config = _Config(node["config"])
        self._con, self._manifest = con, manifest

    def ref(self, name: str) -> duckdb.DuckDBPyRelation:
        (node,) = (
            n
            for n in self._manifest["nodes"].values()
            if n["resource_type"] == "model" and n["name"] == name
        )
        return self._con.sql(f'select * from "{node["schema"]}"."{node["alias"]}"')


def run_python_model(node: dict, con: duckdb.DuckDBPyConnection, manifest: dict) -> None:
    spec = importlib.util.spec_from_file_location(
        node["name"], DBT_DIR / node["original_file_path"]
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    frame = module.model(_Dbt(node, con, manifest), con)
    con.register("_model_frame", frame.to_arrow())
    con.execute(
        f'create or replace table "{node["schema"]}"."{node["alias"]}" as '
        "select * from _model_frame"
    )
    con.unregister("_model_frame")


def run_models(con: duckdb.DuckDBPyConnection, manifest: dict) -> dict[str, float]:
    """Seconds per model, each run once in dependency order."""
    models = {
        uid: node
        for uid, node in manifest["nodes"].items()
        if node["resource_type"] == "model" and node["config"].get("enabled", True)
    }
    order = TopologicalSorter(
        {
            uid: [d for d in node["depends_on"]["nodes"] if d in models]
            for uid, node in models.items()
        }
    ).static_order()
    seconds = {}
    for uid in order:
        node = models[uid]
        started = time.monotonic()
        con.execute(f'create schema if not exists "{node["schema"]}"')
        for hook in node["config"].get("pre-hook", []):
            con.execute(hook["sql"])
        if node["language"] == "python":
            run_python_model(node, con, manifest)
        else:
            kind = "view" if node["config"]["materialized"] == "view" else "table"
            relation = f'"{node["schema"]}"."{node["alias"]}"'
            con.execute(f"create or replace {kind} {relation} as {node['compiled_code']}")
        seconds[node["name"]] = time.monotonic() - started
    return seconds


def main(data: str, folder: str) -> int:
    work = Path(folder)
    work.mkdir(parents=True, exist_ok=True)
    database = work / DATABASE_NAME
    database.unlink(missing_ok=True)
    install_extension("spatial")

    started = time.monotonic()
    con = duckdb.connect(str(database))
    rows = read_sources(Path(data), con)
    con.close()
    read_s = time.monotonic() - started

    started = time.monotonic()
    manifest = compile_project(database, work / "target")
    compile_s = time.monotonic() - started

    started = time.monotonic()
    con = duckdb.connect(str(database))
    models = run_models(con, manifest)
    con.close()
    models_s = time.monotonic() - started

    print(f"read {len(SOURCES)} sources ({rows:,} rows): {read_s:.1f} s")
    print(f"dbt compile (not in the floor): {compile_s:.1f} s")
    slowest = sorted(models.items(), key=lambda item: -item[1])[:5]
    print(f"{len(models)} models' SQL once: {models_s:.1f} s; slowest:")
    for name, seconds in slowest:
        print(f"  {name:<48}{seconds:6.1f} s")
    print(f"full floor {read_s + models_s:.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:3]))
