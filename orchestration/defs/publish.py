import dagster as dg

from ingest.lake import lake_from_env, publish_release
from ingest.publish import publish
from ingest.refresh_plan import CODE_TAG
from orchestration.defs.dbt import placeindex_dbt_models
from orchestration.lib.dbt_project import (
    ensure_manifest,
    mart_sources,
    published_marts,
    read_manifest,
)
from orchestration.lib.raw_assets import WAREHOUSE_POOL
from orchestration.resources import WarehouseResource

MANIFEST = ensure_manifest()
# Every mart of the dbt project, read from its manifest, and the provenance tables.
REQUIRED_TABLES = published_marts(MANIFEST) + ("meta.source_files", "meta.rejected_rows")
# Which raw sources each mart is built from, from the same manifest: published as meta.mart_sources.
MART_SOURCES = mart_sources(read_manifest(MANIFEST))


@dg.asset(
    key="published_warehouse",
    group_name="serve",
    kinds={"duckdb"},
    pool=WAREHOUSE_POOL,
    deps=[placeindex_dbt_models],
    description=(
        "The read-only DuckDB file users query (data/placeindex.duckdb): a copy of the work "
        "database, swapped in atomically only when every upstream check has passed. With "
        "PLACEINDEX_LAKE set, the same copy is first committed to the DuckLake as a release."
    ),
)
def published_warehouse(context, warehouse_db: WarehouseResource) -> dg.MaterializeResult:
    settings = warehouse_db.settings()
    lake = lake_from_env()
    code = _built_by(context.run)

    def release(copy):
        return publish_release(
            lake,
            copy,
            run_id=context.run.run_id,
            source_mode=settings.source_mode,
            code_sha256=code,
        )

    summary = publish(
        settings.work_db,
        settings.published_db,
        run_id=context.run.run_id,
        source_mode=settings.source_mode,
        required_tables=REQUIRED_TABLES,
        mart_sources=MART_SOURCES,
        code_sha256=code,
        release=release if lake is not None else None,
    )
    marts = {name: rows for name, rows in summary.tables.items() if name.startswith("marts.")}
    return dg.MaterializeResult(
        metadata={
            "path": str(summary.path),
            "published_at": summary.published_at,
            "tables": dg.MetadataValue.json(marts),
            "mart_sources": dg.MetadataValue.json(
                {name: list(MART_SOURCES.get(name, ())) for name in marts}
            ),
            "dagster/row_count": sum(marts.values()),
            **(
                {"lake_release": summary.release.snapshot_id, "lake": lake.shown}
                if summary.release is not None and summary.release.snapshot_id is not None
                else {}
            ),
        }
    )


def _built_by(run: dg.DagsterRun) -> str | None:
    """The code the published warehouse was wholly built by, as the CLI tags a refresh of
    everything (or of what changed since a publish by the same code). A run of a hand-picked
    selection, or one the CLI did not start, records none: the next CLI refresh then rebuilds
    everything rather than trust it."""
    return run.tags.get(CODE_TAG)


defs = dg.Definitions(assets=[published_warehouse])
