"""England's district boundaries (May 2024, ultra generalised) as GeoJSON for the overview map."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "loaders"))

import queries
from warehouse import DISTRICT_DECIMALS, connect, feature_collection, rows, run, write_json


def main() -> None:
    write_json(feature_collection(rows(connect(), queries.DISTRICT_BOUNDARIES), DISTRICT_DECIMALS))


run(main)
