"""The code location: every definition under orchestration/defs/, loaded by Dagster's defs-folder loader.

Each module of `orchestration/defs/` holds one concern (raw assets, dbt, publish, jobs, resources)
and exposes one `Definitions`; logic lives in ingest/, expectations/ and orchestration/lib/.
"""

from pathlib import Path

import dagster as dg

defs = dg.load_from_defs_folder(path_within_project=Path(__file__).resolve().parent)
