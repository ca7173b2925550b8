"""The isolation measures after a refresh from the real files in ../shared/data, checked against the
files by hand: OpenStreetMap's places to meet, the British Red Cross's modelled loneliness, ONS's
garden space, and intermediate.int_lsoa21_isolation_indicators built from them."""

from __future__ import annotations

import csv
import json
import math

import openpyxl
import pytest

from tests.conftest import real_file
from tests.integration import scalar

REACH_KM = 1.6
# Leeds 112A (Hunslet): a city LSOA with both kinds of place within a mile of its centroid.
LEEDS_112A = "E01011467"
# Manchester 001, an MSOA unchanged from 2011 to 2021.
MANCHESTER_001 = "E02001045"


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance on a sphere of the Earth's mean radius (IUGG), as the model's macro."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    h = (
        math.sin((phi2 - phi1) / 2) ** 2
        + math.cos(phi1) * math.cos(phi2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def test_places_to_meet_arrive_whole_by_kind(real_db):
    assert scalar(real_db, "select count(*) from raw.openstreetmap__places_to_meet") == 13_316
    kinds = dict(
        real_db.execute(
            "select place_kind, count(*) from staging.stg_openstreetmap__places_to_meet group by 1"
        ).fetchall()
    )
    assert kinds == {"community_centre": 8_499, "village_hall": 4_497, "social_centre": 320}
    unnamed = (
        "select count(*) from staging.stg_openstreetmap__places_to_meet where place_name is null"
    )
    assert scalar(real_db, unnamed) == 652


def test_modelled_loneliness_matches_the_published_summary(real_db):
    mean, low, high, rows = real_db.execute(
        "select avg(lonely_at_least_some_of_the_time_pct), "
        "min(lonely_at_least_some_of_the_time_pct), max(lonely_at_least_some_of_the_time_pct), "
        "count(*) from staging.stg_british_red_cross__loneliness_lsoa21"
    ).fetchone()
    assert rows == 33_755
    assert (round(mean, 1), round(low, 1), round(high, 1)) == (25.3, 18.5, 38.4)
    # Every English LSOA has it, as a model's estimate; no Welsh one does.
    statuses = dict(
        real_db.execute(
            "select ctry_name || ' ' || lonely_at_least_some_of_the_time_pct_status, count(*) "
            "from intermediate.int_lsoa21_isolation_indicators group by 1"
        ).fetchall()
    )
    assert statuses == {"England modelled": 33_755, "Wales missing": 1_917}


def test_garden_space_msoas_reconcile_with_the_districts(real_db):
    by_country = dict(
        real_db.execute(
            "select left(msoa11_code, 1), count(*) from staging.stg_ons__garden_space_msoa11 "
            "group by 1"
        ).fetchall()
    )
    assert by_country == {"E": 6_791, "W": 410, "S": 1_279}
    sums = (
        "select sum(address_count), sum(private_outdoor_space_address_count) "
        "from staging.{} where {} like 'E%'"
    )
    msoas = real_db.execute(sums.format("stg_ons__garden_space_msoa11", "msoa11_code")).fetchone()
    districts = real_db.execute(sums.format("stg_ons__garden_space_lad", "lad20_code")).fetchone()
    # England's total in the workbook's Country sheet, reached from both levels.
    assert msoas == districts == (24_724_905, 21_851_280)
    assert scalar(real_db, "select count(*) from staging.stg_ons__garden_space_lad") == 371


def test_private_outdoor_space_of_a_named_msoa_read_from_the_workbook(real_db):
    book = openpyxl.load_workbook(real_file("garden-space-2020.xlsx"), read_only=True)
    try:
        row = next(
            row
            for row in book["MSOA gardens"].iter_rows(min_row=2, values_only=True)
            if row[0] == MANCHESTER_001
        )
    finally:
        book.close()
    assert row[:6] == (MANCHESTER_001, "Manchester 001", 3_853, 3_472, 569_774.1, 0.901)
    values = real_db.execute(
        "select distinct private_outdoor_space_pct, private_outdoor_space_pct_status "
        "from intermediate.int_lsoa21_isolation_indicators where msoa21_code = ?",
        [MANCHESTER_001],
    ).fetchall()
    # Unchanged since 2011, so its LSOAs get the workbook's own share, unrounded.
    assert values == [(pytest.approx(100 * 3_472 / 3_853), "from_msoa")]
    assert round(values[0][0] / 100, 3) == row[5]


def test_isolation_indicators_cover_every_lsoa_with_statuses(real_db):
    table = "intermediate.int_lsoa21_isolation_indicators"
    assert scalar(real_db, f"select count(*) from {table}") == 35_672
    # Every English LSOA has a nearest place to meet; Welsh ones are not measured.
    rows = dict(
        real_db.execute(
            f"select ctry_name || ' ' || nearest_place_to_meet_km_status, count(*) from {table} "
            "where (nearest_place_to_meet_km is null) = "
            "(nearest_place_to_meet_km_status = 'missing') group by 1"
        ).fetchall()
    )
    assert rows == {"England observed": 33_755, "Wales missing": 1_917}
    # The farthest English centroid from a place to meet is under 8 km away (7.58 km measured).
    assert scalar(real_db, f"select max(nearest_place_to_meet_km) from {table}") < 8
    # Garden space covers Wales too.
    assert scalar(real_db, f"select count(private_outdoor_space_pct) from {table}") == 35_672


def _centroid(code: str) -> tuple[float, float]:
    with real_file("lsoa_latlong.csv").open(encoding="utf-8-sig", newline="") as handle:
        row = next(row for row in csv.DictReader(handle) if row["LSOACD"] == code)
    return float(row["latitude"]), float(row["longitude"])


def _open_library_points() -> list[tuple[str, float, float]]:
    """Static libraries open in 2023, by name, at the 2016 geocoded list's point for their postcode
    (outside Trafford the offline postcode directory has no point, so the 2016 list places them)."""
    points: dict[str, list[tuple[float, float]]] = {}
    path = real_file("libraries_england_2016_geocoded.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["lat"] and row["lng"]:
                key = row["postcode"].upper().replace(" ", "")
                points.setdefault(key, []).append((float(row["lat"]), float(row["lng"])))
    placed: list[tuple[str, float, float]] = []
    path = real_file("libraries_england_2023.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            is_open = row["operation_23"].strip() != "Closed" and not row["closed"].strip()
            static = row["type"].strip().lower() in (
                "static library",
                "static local history library",
            )
            found = points.get(row["postcode"].upper().replace(" ", ""))
            if is_open and static and found:
                placed.append(
                    (
                        row["name"],
                        sum(lat for lat, _ in found) / len(found),
                        sum(lon for _, lon in found) / len(found),
                    )
                )
    return placed


def test_places_within_reach_of_leeds_112a_counted_by_hand(real_db):
    lat, lon = _centroid(LEEDS_112A)
    document = json.loads(real_file("infra.geojson").read_bytes())
    points = [(f["properties"]["name"], f["geometry"]["coordinates"]) for f in document["features"]]
    halls = [(name, haversine_km(lat, lon, y, x)) for name, (x, y) in points]
    halls = [(name, km) for name, km in halls if km <= REACH_KM]
    assert sorted(name for name, _ in halls) == [
        "City and Holbeck Children's Centre",
        "Dewsbury Road Community Hub",
        "Richmond Hill Community Centre",
        "Trinity Network",
        "Woodhouse Hill Community Centre",
    ]
    libraries = [(name, haversine_km(lat, lon, y, x)) for name, y, x in _open_library_points()]
    libraries = [(name, km) for name, km in libraries if km <= REACH_KM]
    assert sorted(name for name, _ in libraries) == ["Dewsbury Road Library", "Hunslet Library"]
    row = real_db.execute(
        "select places_to_meet_within_reach_count, community_places_within_reach_count, "
        "open_libraries_within_reach_count, nearest_place_to_meet_km, "
        "places_to_meet_within_reach_per_1k, usual_residents "
        "from intermediate.int_lsoa21_isolation_indicators where lsoa21_code = ?",
        [LEEDS_112A],
    ).fetchone()
    count, community, open_libraries, nearest, per_1k, residents = row
    assert (count, community, open_libraries) == (7, 5, 2)
    # Hunslet Library, a quarter of a kilometre from the centroid.
    assert nearest == pytest.approx(min(km for _, km in halls + libraries), abs=1e-9)
    assert nearest == pytest.approx(0.2507, abs=1e-4)
    assert per_1k == pytest.approx(1000 * 7 / residents)
