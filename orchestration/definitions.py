"""Assembles the Dagster definitions; logic lives in ingest/, expectations/ and orchestration/lib/."""

import dagster as dg

from orchestration.defs import dbt, jobs, publish, raw
from orchestration.resources import WarehouseResource

defs = dg.Definitions.merge(
    raw.defs,
    dbt.defs,
    publish.defs,
    jobs.defs,
    dg.Definitions(resources={"warehouse_db": WarehouseResource()}),
)
