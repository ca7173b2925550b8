"""Money against pressure for England (funding_by_pressure), with each figure's coverage status."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "loaders"))

import queries
from warehouse import connect, rows, run, write_json


def main() -> None:
    write_json(rows(connect(), queries.FUNDING_BY_PRESSURE))


run(main)
