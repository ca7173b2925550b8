import dagster as dg

refresh_job = dg.define_asset_job(
    "refresh",
    selection=dg.AssetSelection.all(),
    description=(
        "Full refresh: fetch, land, parse, load and check every source, build and test the dbt "
        "models, then publish data/placeindex.duckdb if every check passed."
    ),
    # One process, one writer: DuckDB allows a single writing process per file.
    executor_def=dg.in_process_executor,
    tags={"placeindex/writer": "work_db"},
)

daily_refresh = dg.ScheduleDefinition(
    name="daily_refresh",
    job=refresh_job,
    cron_schedule="0 5 * * *",
    execution_timezone="Europe/London",
    default_status=dg.DefaultScheduleStatus.STOPPED,
)

defs = dg.Definitions(jobs=[refresh_job], schedules=[daily_refresh])
