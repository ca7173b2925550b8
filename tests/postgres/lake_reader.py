"""An analyst's process reading the lake while releases are committed (tests/postgres).

    python -m tests.postgres.lake_reader CATALOG SQL READY_FILE STOP_FILE OUT_FILE [PAUSE_S]

Runs SQL (one row) over and over, on one read-only attach and, every tenth query, on a new one,
until STOP_FILE exists; then writes to OUT_FILE the distinct rows it saw, how many queries it ran
and every error. READY_FILE is written once the first query has run.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from ingest.lake import Lake, connect


def main(catalog: str, sql: str, ready: Path, stop: Path, out: Path, pause: float = 0.01) -> None:
    lake = Lake(catalog=catalog)
    seen: dict[str, int] = {}
    errors: list[str] = []
    queries = 0
    con = None
    while True:
        stopping = stop.exists()
        try:
            if con is None or queries % 10 == 0:
                if con is not None:
                    con.close()
                con = connect(lake, read_only=True)
            row = con.execute(sql).fetchone()
            key = json.dumps(list(row), default=str)
            seen[key] = seen.get(key, 0) + 1
        except Exception as exc:  # noqa: BLE001 - every error is the finding, whatever its type
            errors.append(f"{type(exc).__name__}: {exc}")
            con = None
        queries += 1
        if queries == 1:
            ready.write_text("ready")
        if stopping:
            break
        time.sleep(pause)
    out.write_text(json.dumps({"seen": seen, "queries": queries, "errors": errors}))


if __name__ == "__main__":
    catalog, sql, ready, stop, out = sys.argv[1:6]
    pause = float(sys.argv[6]) if len(sys.argv) > 6 else 0.01
    main(catalog, sql, Path(ready), Path(stop), Path(out), pause)
