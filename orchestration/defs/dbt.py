import os
import re
import sys
from functools import cached_property
from pathlib import Path

import dagster as dg
from dagster_dbt import (
    DagsterDbtTranslator,
    DagsterDbtTranslatorSettings,
    DbtCliResource,
    dbt_assets,
)
from dbt import version as dbt_version
from packaging import version

from ingest.warehouse import install_extension
from orchestration.lib.dbt_child import PARENT_PID_VARIABLE
from orchestration.lib.dbt_project import dbt_project, ensure_manifest
from orchestration.lib.raw_assets import WAREHOUSE_POOL
from orchestration.resources import WarehouseResource

dbt_project.prepare_if_dev()


class LocalDbtCliResource(DbtCliResource):
    """The dbt-core installed beside this package, started without two costly preliminaries.

    DbtCliResource.cli() first spawns `dbt --version` and then builds a dbt adapter in this
    process, only to fetch row counts and column metadata on request; this project asks for
    neither. Both are private methods of dagster-dbt, overridden only while they pay:
    `bench/dbt_cli_overhead.py` measured 2.0-2.2 s for `dbt --version` and 0.6-1.5 s for the
    adapter, 2.6-3.7 s per refresh (dagster-dbt 0.29.27, 2-core machine, 2026-12-07); run it
    again after upgrading dagster-dbt.
    """

    @cached_property
    def _cli_version(self) -> version.Version:
        return version.parse(dbt_version.__version__)

    def _initialize_dbt_core_adapter(self, args):
        return None


class PlaceindexDbtTranslator(DagsterDbtTranslator):
    """dbt models grouped by layer and folder (staging by publisher, marts by theme), and every dbt
    test described in the Dagster UI, so a failed check says what it holds without opening dbt."""

    def get_group_name(self, dbt_resource_props) -> str | None:
        return group_for_fqn(dbt_resource_props.get("fqn") or [])

    def get_asset_check_spec(self, asset_spec, manifest, unique_id, project):
        spec = super().get_asset_check_spec(asset_spec, manifest, unique_id, project)
        if spec is None or spec.description:
            return spec
        node = manifest.get("nodes", {}).get(unique_id, {})
        return spec._replace(description=describe_dbt_test(node))


def group_for_fqn(fqn: list[str]) -> str:
    """`placeindex.staging.ons.stg_x` -> staging_ons; `placeindex.marts.fct_x` -> marts."""
    parts = fqn[1:-1]  # without the project and the model's own name
    return re.sub(r"\W", "_", "_".join(parts)) or "dbt"


def describe_dbt_test(node) -> str:
    """A dbt test in words: its own description, a singular test's opening comment, or the generic
    test's name, column and arguments."""
    if node.get("description"):
        return " ".join(node["description"].split())
    comment = re.match(r"\s*\{#-?(.*?)-?#\}", node.get("raw_code") or "", re.DOTALL)
    if comment:
        return " ".join(comment.group(1).split())
    metadata = node.get("test_metadata") or {}
    name = metadata.get("name") or node.get("name", "dbt test")
    kwargs = {
        key: value
        for key, value in (metadata.get("kwargs") or {}).items()
        if key not in ("model", "column_name")
    }
    column = node.get("column_name")
    where = f" on column {column}" if column else ""
    arguments = f" ({', '.join(f'{k}: {v}' for k, v in sorted(kwargs.items()))})" if kwargs else ""
    return f"dbt test {name}{where}{arguments}"


translator = PlaceindexDbtTranslator(
    settings=DagsterDbtTranslatorSettings(
        enable_asset_checks=True,
        enable_source_tests_as_checks=True,
    )
)


@dbt_assets(
    manifest=ensure_manifest(),
    project=dbt_project,
    dagster_dbt_translator=translator,
    pool=WAREHOUSE_POOL,
)
def placeindex_dbt_models(
    context: dg.AssetExecutionContext, dbt: DbtCliResource, warehouse_db: WarehouseResource
):
    # profiles.yml reads the work database's path from the environment.
    os.environ["PLACEINDEX_WORK_DB"] = str(warehouse_db.settings().work_db)
    os.environ[PARENT_PID_VARIABLE] = str(os.getpid())
    # Point-in-polygon models LOAD spatial; it must be installed from its wheel, not downloaded.
    install_extension("spatial")
    yield from dbt.cli(["build"], context=context).stream()


defs = dg.Definitions(
    assets=[placeindex_dbt_models],
    resources={
        # The dbt of this environment, whether or not its bin folder is on PATH, in a process
        # that ends when the refresh does (orchestration/lib/dbt_child.py).
        "dbt": LocalDbtCliResource(
            project_dir=dbt_project,
            dbt_executable=str(Path(sys.executable).parent / "placeindex-dbt"),
        )
    },
)
