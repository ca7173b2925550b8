"""What orchestration/defs/dbt.py's LocalDbtCliResource saves per refresh, printed in seconds.

dagster-dbt's DbtCliResource.cli() runs `dbt --version` in a subprocess and builds a dbt adapter in
this process before every dbt command; the project's resource skips both by overriding two private
methods. This prints what each costs on this machine, three times, so the override is kept only
while it pays: run `.venv/bin/python bench/dbt_cli_overhead.py` after upgrading dagster-dbt.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

from dagster_dbt import DbtCliResource

from orchestration.lib.dbt_project import dbt_project, ensure_manifest


def main() -> None:
    ensure_manifest()
    # The profile names the work database; an empty one is enough to build the adapter.
    os.environ["PLACEINDEX_WORK_DB"] = str(Path(tempfile.mkdtemp()) / "bench.duckdb")
    dbt = str(Path(sys.executable).parent / "dbt")
    for run in range(1, 4):
        resource = DbtCliResource(project_dir=dbt_project, dbt_executable=dbt)
        started = time.perf_counter()
        resource._cli_version  # noqa: B018 - the property runs `dbt --version`
        version_s = time.perf_counter() - started
        started = time.perf_counter()
        resource._initialize_dbt_core_adapter(["build"])
        adapter_s = time.perf_counter() - started
        print(
            f"run {run}: `dbt --version` {version_s:.2f} s, adapter {adapter_s:.2f} s, "
            f"saved per refresh {version_s + adapter_s:.2f} s"
        )


if __name__ == "__main__":
    main()
