"""One JSON file per English district (May 2024), zipped: `districts/<code>.json` for the page
`/district/<code>`.

One loader writes all of them because each run of a parameterised loader would pay for starting
Python and opening the warehouse again, about 300 times; Framework extracts each page's file from
this archive.
"""

import io
import json
import sys
import zipfile
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "loaders"))

import queries
from warehouse import (
    NEIGHBOURHOOD_DECIMALS,
    connect,
    feature_collection,
    rows,
    run,
)


def by_district(records: list[dict], key: str = "district") -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = defaultdict(list)
    for record in records:
        grouped[record.pop(key)].append(record)
    return grouped


def compact(record: dict) -> dict:
    # Six significant figures is finer than any figure a page shows, and halves the file size.
    return {
        key: float(f"{value:.6g}") if isinstance(value, float) else value
        for key, value in record.items()
    }


def columnar(records: list[dict]) -> dict:
    # Column names once, not once per row: a large district's neighbourhoods shrink by two thirds.
    columns = list(records[0]) if records else []
    return {"columns": columns, "rows": [[record[c] for c in columns] for record in records]}


def main() -> None:
    con = connect()
    districts = rows(con, queries.DISTRICT_INDICATORS)
    wards = by_district([compact(r) for r in rows(con, queries.WARDS)])
    neighbourhoods = by_district([compact(r) for r in rows(con, queries.NEIGHBOURHOODS)])
    lsoa_shapes = by_district(rows(con, queries.NEIGHBOURHOOD_BOUNDARIES))
    ward_shapes = by_district(rows(con, queries.WARD_BOUNDARIES))
    grants = by_district([compact(r) for r in rows(con, queries.DISTRICT_GRANTS)])

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for district in districts:
            code = district["code"]
            page = {
                **district,
                "wards": columnar(wards.get(code, [])),
                "neighbourhoods": columnar(neighbourhoods.get(code, [])),
                "grants": grants.get(code, []),
                "neighbourhood_boundaries": feature_collection(
                    lsoa_shapes.get(code, []), NEIGHBOURHOOD_DECIMALS
                ),
                "ward_boundaries": feature_collection(
                    ward_shapes.get(code, []), NEIGHBOURHOOD_DECIMALS
                ),
            }
            archive.writestr(
                f"{code}.json", json.dumps(page, ensure_ascii=False, separators=(",", ":"))
            )
    sys.stdout.buffer.write(buffer.getvalue())


run(main)
