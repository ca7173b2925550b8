"""Which warehouse the site was built from, and whether it holds synthetic demo data.

Every page reads this to say so: a build from the demo shows SYNTHETIC DEMO DATA on every page.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "loaders"))

import queries
from warehouse import connect, rows, run, write_json


def main() -> None:
    con = connect()
    latest = rows(con, queries.LATEST_RUN)
    counts = rows(con, queries.SOURCE_FILE_COUNTS)[0]
    write_json(
        {
            "run": latest[0] if latest else None,
            "source_files": counts["source_files"],
            "synthetic_files": counts["synthetic_files"],
            "synthetic": counts["synthetic_files"] > 0,
        }
    )


run(main)
