"""England's districts (May 2024) with every headline indicator the overview maps and the index
lists: one row per district."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "loaders"))

import queries
from warehouse import connect, rows, run, write_json


def main() -> None:
    write_json(rows(connect(), queries.DISTRICT_INDICATORS))


run(main)
