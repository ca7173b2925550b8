"""Provenance: every loaded source file (meta.source_files) and the refreshes that published."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "loaders"))

import queries
from warehouse import connect, rows, run, write_json


def main() -> None:
    con = connect()
    write_json({"files": rows(con, queries.SOURCE_FILES), "runs": rows(con, queries.REFRESH_RUNS)})


run(main)
