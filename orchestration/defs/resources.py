import dagster as dg

from orchestration.resources import WarehouseResource

# Where the warehouse and the sources are comes from the environment (PLACEINDEX_HOME, ...), as the
# CLI and the schedule share one job definition.
defs = dg.Definitions(resources={"warehouse_db": WarehouseResource()})
