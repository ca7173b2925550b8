import dagster as dg

from ingest.publish import publish
from orchestration.defs.dbt import placeindex_dbt_models
from orchestration.lib.raw_assets import WAREHOUSE_POOL
from orchestration.resources import WarehouseResource

REQUIRED_TABLES = (
    "marts.dim_lsoa21",
    "marts.fct_lsoa11_deprivation",
    "marts.fct_lsoa21_deprivation",
    "marts.fct_lsoa21_housing_tenure",
    "marts.fct_msoa21_tenure_change",
    "marts.fct_lsoa21_transience",
    "marts.fct_grants",
    "marts.fct_lsoa21_funding",
    "marts.fct_lad_funding",
    "marts.funding_by_imd_decile",
    "marts.fct_lad_survey_results",
    "marts.fct_lad_allocations",
    "marts.fct_lsoa21_social_infrastructure",
    "marts.neighbourhood_indicators",
    "marts.ward19_indicators",
    "marts.lad_indicators",
    "marts.utla_indicators",
    "marts.region_indicators",
    "marts.country_indicators",
    "marts.lad19_iod2019_summaries",
    "marts.utla_iod2019_summaries",
    "marts.lad24_iod2025_summaries",
    "marts.fct_uk_small_area_deprivation",
    "marts.fct_wales_lsoa21_deprivation",
    "meta.source_files",
    "meta.rejected_rows",
)


@dg.asset(
    key="published_warehouse",
    group_name="serve",
    kinds={"duckdb"},
    pool=WAREHOUSE_POOL,
    deps=[placeindex_dbt_models],
    description=(
        "The read-only DuckDB file users query (data/placeindex.duckdb): a copy of the work "
        "database, swapped in atomically only when every upstream check has passed."
    ),
)
def published_warehouse(context, warehouse_db: WarehouseResource) -> dg.MaterializeResult:
    settings = warehouse_db.settings()
    summary = publish(
        settings.work_db,
        settings.published_db,
        run_id=context.run.run_id,
        source_mode=settings.source_mode,
        required_tables=REQUIRED_TABLES,
    )
    marts = {name: rows for name, rows in summary.tables.items() if name.startswith("marts.")}
    return dg.MaterializeResult(
        metadata={
            "path": str(summary.path),
            "published_at": summary.published_at,
            "tables": dg.MetadataValue.json(marts),
            "dagster/row_count": sum(marts.values()),
        }
    )


defs = dg.Definitions(assets=[published_warehouse])
