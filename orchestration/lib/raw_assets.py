"""Factory: one raw asset per catalog source, each with its blocking Great Expectations check.

The asset lands the source's bytes, parses them and loads `raw.<source_id>` (skipping the parse when
the same bytes are already loaded), then validates the table as read back from DuckDB. The check is
blocking: when it fails, nothing downstream runs in that refresh, so nothing is published.
"""

from __future__ import annotations

import dagster as dg

from expectations.validate import validate
from ingest import warehouse
from ingest.catalog import Source
from ingest.landing import SourceFileNotFound, land_source
from ingest.readers import read_source
from orchestration.resources import WarehouseResource

WAREHOUSE_POOL = "placeindex_warehouse"
CHECK_NAME = "great_expectations_suite"


def raw_asset_key(source: Source) -> dg.AssetKey:
    return dg.AssetKey(["raw", source.source_id])


def build_raw_asset(source: Source) -> dg.AssetsDefinition:
    key = raw_asset_key(source)

    @dg.asset(
        key=key,
        # One group per catalog family (raw_census, raw_grants, ...), as the catalog files are.
        group_name=f"raw_{source.family}" if source.family else "raw",
        kinds={"python", "duckdb"},
        pool=WAREHOUSE_POOL,
        description=f"{source.title} ({source.publisher}). {source.notes}".strip(),
        metadata={
            "url": dg.MetadataValue.url(source.url),
            "landing_page": dg.MetadataValue.url(source.landing_page),
            "licence": source.licence,
            "attribution": source.attribution,
            "vintage": source.vintage,
            "geography": source.geography,
            "release_cadence": source.release_cadence,
        },
        check_specs=[
            dg.AssetCheckSpec(
                CHECK_NAME,
                asset=key,
                blocking=True,
                description=(
                    "Great Expectations: the columns, key and row count of the catalog entry, "
                    f"then the value rules of expectations/suites/{source.source_id}.json"
                ),
            )
        ],
    )
    def _raw_asset(context, warehouse_db: WarehouseResource):
        settings = warehouse_db.settings()
        try:
            landed = land_source(source, settings)
        except SourceFileNotFound as exc:
            if source.required:
                raise
            yield from _absent_optional_source(context, source, warehouse_db, exc)
            return
        provenance = landed.provenance
        con = warehouse_db.connect()
        try:
            if warehouse.loaded_sha256(con, source.source_id) == provenance.sha256:
                context.log.info(f"{source.source_id}: same bytes already loaded; not reloaded")
                reloaded = False
            else:
                frame = read_source(source, landed.path)
                warehouse.load_raw(con, frame, provenance)
                reloaded = True
            table = warehouse.read_table(con, source.source_id)
            rows_rejected = con.execute(
                "select count(*) from meta.rejected_rows where source_id = ?", [source.source_id]
            ).fetchone()[0]
        finally:
            con.close()
        report = validate(source.source_id, table, synthetic=provenance.synthetic)
        yield dg.MaterializeResult(
            metadata={
                "dagster/row_count": table.height,
                "sha256": provenance.sha256,
                "bytes": provenance.bytes,
                "file_name": provenance.file_name,
                # Each file of a set landed with companions, with its own sha256.
                "files": dg.MetadataValue.json(list(provenance.files)),
                "origin": provenance.origin,
                "url": dg.MetadataValue.url(provenance.url),
                "fetched_at": provenance.fetched_at,
                "vintage": provenance.vintage,
                "licence": provenance.licence,
                "synthetic": provenance.synthetic,
                "reloaded": reloaded,
                "rows_rejected": rows_rejected,
                "preview": dg.MetadataValue.md(
                    "```\n" + str(table.drop("_source_sha256", "_loaded_at").head(5)) + "\n```"
                ),
            },
            check_results=[
                dg.AssetCheckResult(
                    check_name=CHECK_NAME,
                    passed=report.success,
                    severity=dg.AssetCheckSeverity.ERROR,
                    description=None if report.success else report.message(),
                    metadata={
                        "expectations_evaluated": report.evaluated,
                        "expectations_failed": len(report.failed),
                    },
                )
            ],
        )

    return _raw_asset


def _absent_optional_source(context, source: Source, warehouse_db: WarehouseResource, exc):
    context.log.warning(f"{exc}; optional, so raw.{source.source_id} is loaded empty")
    con = warehouse_db.connect()
    try:
        warehouse.load_absent(con, source)
    finally:
        con.close()
    yield dg.MaterializeResult(
        metadata={"dagster/row_count": 0, "available": False, "reason": str(exc)},
        check_results=[
            dg.AssetCheckResult(
                check_name=CHECK_NAME,
                passed=True,
                description="optional source not in this folder: nothing to check",
                metadata={"expectations_evaluated": 0, "expectations_failed": 0},
            )
        ],
    )
