"""Resources: what varies between environments (where the warehouse lives, where sources come from).

Values left unset fall back to the environment (`PLACEINDEX_HOME`, `PLACEINDEX_FROM_DIR`,
`PLACEINDEX_DEMO`), which is how the CLI and the schedule share one job definition.
"""

from __future__ import annotations

import dagster as dg
import duckdb

from ingest import warehouse
from ingest.settings import Settings, load_settings


class WarehouseResource(dg.ConfigurableResource):
    home: str | None = None
    from_dir: str | None = None
    demo: bool | None = None

    def settings(self) -> Settings:
        settings = load_settings(home=self.home, from_dir=self.from_dir, demo=self.demo)
        settings.ensure_dirs()
        return settings

    def connect(self) -> duckdb.DuckDBPyConnection:
        return warehouse.connect(self.settings().work_db)
