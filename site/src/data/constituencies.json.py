"""England's Westminster constituencies (July 2024, ultra generalised) with their turnout at the
2024 general election, as GeoJSON for the overview's democracy map."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "loaders"))

import queries
from warehouse import DISTRICT_DECIMALS, connect, feature_collection, rows, run, write_json


def main() -> None:
    write_json(feature_collection(rows(connect(), queries.CONSTITUENCY_TURNOUT), DISTRICT_DECIMALS))


run(main)
