"""A reader of the published warehouse, as an analyst's script is: `python -m tests.faults.reader
WAREHOUSE STOP_FILE OUT_FILE` opens the file read-only, runs one query over several tables, closes
it, and again, until STOP_FILE exists. Each answer (or error) is a JSON line of OUT_FILE.

The query reads the publishes recorded, the last one's run and time, a mart's size and the sources
loaded, in one statement: a reader that saw part of one warehouse and part of another would give a
combination neither had.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

import duckdb

QUERY = """
select
    (select count(*) from meta.refresh_runs) as publishes,
    (select arg_max(run_id, published_at) from meta.refresh_runs) as last_run_id,
    (select max(published_at)::varchar from meta.refresh_runs) as published_at,
    (select count(*) from marts.fct_lsoa21_deprivation) as deprivation_rows,
    (select count(*) from meta.source_files) as sources_loaded
"""


def answer(warehouse: Path) -> list:
    con = duckdb.connect(str(warehouse), read_only=True)
    try:
        return list(con.execute(QUERY).fetchone())
    finally:
        con.close()


def main(warehouse: str, stop_file: str, out_file: str) -> int:
    with open(out_file, "w", encoding="utf-8") as out:
        while not Path(stop_file).exists():
            try:
                record = {"t": time.time(), "answer": answer(Path(warehouse))}
            except Exception as exc:  # noqa: BLE001 - any error at all is what the test counts
                record = {"t": time.time(), "error": f"{type(exc).__name__}: {exc}"}
            out.write(json.dumps(record) + "\n")
            out.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:4]))
