"""England as a whole: the five pressures and where they coincide, and IoD 2019 -> 2025."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "loaders"))

import queries
from warehouse import connect, rows, run, write_json


def main() -> None:
    con = connect()
    england = rows(con, queries.ENGLAND_3PLUS)
    write_json(
        {
            "england": england[0] if england else None,
            "pressure_counts": rows(con, queries.PRESSURE_COUNTS)[0],
            "pressures_coinciding": rows(con, queries.PRESSURES_COINCIDING),
            "pressure_pairs": rows(con, queries.PRESSURE_PAIRS),
            "areas_with_3plus": rows(con, queries.AREAS_WITH_3PLUS),
            "imd_decile_change": rows(con, queries.IMD_DECILE_CHANGE),
        }
    )


run(main)
