import os
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


translator = DagsterDbtTranslator(
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
    # Point-in-polygon models LOAD spatial; it must be installed from its wheel, not downloaded.
    install_extension("spatial")
    yield from dbt.cli(["build"], context=context).stream()


defs = dg.Definitions(
    assets=[placeindex_dbt_models],
    resources={
        # The dbt of this environment, whether or not its bin folder is on PATH.
        "dbt": LocalDbtCliResource(
            project_dir=dbt_project, dbt_executable=str(Path(sys.executable).parent / "dbt")
        )
    },
)
