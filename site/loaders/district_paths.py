"""Print every district page: its route, name and region, tab-separated, one per line.

observablehq.config.js reads this for the district routes and the site search.
"""

import queries
from warehouse import connect, rows, run


def main() -> None:
    for row in rows(connect(), queries.DISTRICT_PAGES):
        print(f"/district/{row['code']}\t{row['name']}\t{row['region'] or ''}")


if __name__ == "__main__":
    run(main)
