"""The grants family's demo files: each reads as the grants reader reads it, with its publisher's
quirks present, its recipients placeable at demo postcodes, and one grant in two files."""

from __future__ import annotations

import csv
import io
import json
import re
from collections import Counter
from datetime import date, datetime, timedelta
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from demo.grants import (
    DUPLICATE_GRANT_ID,
    LLOYDS_NO_DESCRIPTION,
    LLOYDS_NO_RECIPIENT_ID,
    NLCF_AWARD_DATE,
)
from demo.world import SEED
from demo.world.areas import build_geography
from demo.world.places import demo_postcodes
from ingest.catalog import family_sources, get_source
from tests.unit.demo.conftest import demo_file, read, real_file

# ---------------------------------------------------------------------------------------------
# 360Giving grant files: read as the reader reads them, quirks present, placeable in the demo
# ---------------------------------------------------------------------------------------------

GRANT_SOURCES = family_sources("grants")
GRANT_IDS = [source.source_id for source in GRANT_SOURCES]
CSV_GRANT_IDS = [s.source_id for s in GRANT_SOURCES if s.default_layout.format == "csv"]
# Rows per demo file and the grants the reader must reject (standard title -> count).
GRANT_EXPECTED: dict[str, tuple[int, dict[str, int]]] = {
    "trafford__grants_360giving": (36, {}),
    "oxford__grants": (24, {}),
    "indigo_trust__grants_360giving": (30, {}),
    "lloyds_bank_foundation__grants_360giving": (
        40,
        {"Recipient Org:Identifier": 1, "Description": 1},
    ),
    "nlcf__awards_for_all_2004_sample": (25, {}),
    "threesixtygiving__covid19_tracker_2020": (48, {}),
}
GSS = re.compile(r"^[EWSNK]\d{8}$")


def _json_grants(demo_dir: Path, source_id: str) -> list[dict]:
    document = json.loads((demo_dir / demo_file(source_id)).read_bytes())
    return document.get("grants") or document["results"]


def _rejects(frame: pl.DataFrame) -> dict[str, int]:
    marked = frame.filter(pl.col("_reject_column").is_not_null())
    return dict(marked.group_by("_reject_column").len().iter_rows())


def test_grant_expectations_cover_every_grant_source() -> None:
    assert set(GRANT_EXPECTED) == set(GRANT_IDS)


@pytest.mark.parametrize("source_id", GRANT_IDS)
def test_grant_file_reads_with_expected_rows_and_rejects(source_id: str, demo_dir: Path) -> None:
    rows, rejects = GRANT_EXPECTED[source_id]
    frame = read(source_id, demo_dir)
    assert frame.height == rows
    assert _rejects(frame) == rejects
    assert frame.get_column("award_date").null_count() == 0
    amounts = frame.get_column("amount_awarded")
    assert amounts.null_count() == 0
    assert amounts.min() > 0 and amounts.max() <= 200_000  # small-charity grants
    assert frame.get_column("funder_id").null_count() == 0
    currencies = Counter(frame.get_column("currency"))
    expected = {"GBP": rows - 1, "USD": 1} if "covid" in source_id else {"GBP": rows}
    assert currencies == expected


@pytest.mark.parametrize("source_id", CSV_GRANT_IDS)
def test_grant_csv_quoted_and_ended_like_real_file(
    source_id: str, demo_dir: Path, shared_data: Path
) -> None:
    source = get_source(source_id)

    def rewritten(data: bytes) -> bytes:
        rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\r\n").writerows(rows)
        return buffer.getvalue().encode("utf-8")

    real = real_file(source, shared_data).read_bytes()
    ours = (demo_dir / demo_file(source_id)).read_bytes()
    # The real files are exactly minimal quoting with CRLF records; so must the demo ones be.
    assert rewritten(real) == real
    assert rewritten(ours) == ours
    bare_lf = re.compile(rb"[^\r]\n")
    assert bool(bare_lf.search(ours)) == bool(bare_lf.search(real))


def test_trafford_layout_council_grants(demo_dir: Path) -> None:
    frame = read("trafford__grants_360giving", demo_dir)
    places = frame.select("beneficiary_geo_code", "beneficiary_geo_code_type").unique().rows()
    assert places == [("E08009901", "MD")]  # the whole (metropolitan) borough, every grant
    with_postcode = frame.filter(pl.col("recipient_postcode").is_not_null()).height
    assert 3 <= with_postcode < frame.height // 4
    schemes = {code.split("-")[0] + "-" + code.split("-")[1] for code in frame["recipient_id"]}
    assert {"GB-CHC", "GB-COH", "360G-mockchester"} <= schemes
    amounts = (demo_dir / demo_file("trafford__grants_360giving")).read_text(encoding="utf-8")
    assert re.search(r",GBP,,\d+\.\d{1,2},,\d{4}-\d\d-\d\d,", amounts)  # pence, ISO dates


def test_oxford_layout_council_extras(demo_dir: Path) -> None:
    text = (demo_dir / demo_file("oxford__grants")).read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    years = Counter(row["Award Year"] for row in rows)
    assert {"2017/19", "`2017/18"} <= set(years)  # the council's data-entry slips
    for row in rows:
        award = date.fromisoformat(row["Award Date"])
        assert award.month == 2  # the February before the financial year
        assert row["Award Year"].lstrip("`").startswith(str(award.year))
    assert any("£" in row["How Paid"] for row in rows)
    frame = read("oxford__grants", demo_dir)
    assert frame.select("beneficiary_geo_code", "beneficiary_geo_code_type").unique().rows() == [
        ("E07009901", "LAD")
    ]


def test_indigo_layout_early_feed(demo_dir: Path) -> None:
    data = (demo_dir / demo_file("indigo_trust__grants_360giving")).read_bytes()
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))
    for row in rows:
        datetime.strptime(row["Award Date"], "%d/%m/%Y %H:%M")
        datetime.strptime(row["Last modified"], "%d/%m/%Y %H:%M")
    frame = read("indigo_trust__grants_360giving", demo_dir)
    first = frame.row(0, named=True)
    assert first["award_date"] == datetime.strptime(rows[0]["Award Date"][:10], "%d/%m/%Y").date()
    assert frame.get_column("description").str.contains("\n").sum() >= 1
    dummies = frame.filter(pl.col("recipient_id") == "DUMMY01")
    assert (
        dummies.height >= 2 and dummies.get_column("_reject_column").null_count() == dummies.height
    )
    countries = Counter(row["Recipient Org:Country"] for row in rows)
    assert countries["UK"] + countries["UNITED KINGDOM"] >= 10
    assert (
        sum(n for country, n in countries.items() if country not in ("UK", "UNITED KINGDOM")) >= 10
    )
    postcodes = dict(frame.select("recipient_postcode", "recipient_postcode_normalised").rows())
    letter_o = [raw for raw in postcodes if raw and re.fullmatch(r"ZY\d O[A-Z]{2}", raw)]
    assert len(letter_o) == 1 and postcodes[letter_o[0]] == letter_o[0].replace(" O", " 0")


def test_lloyds_layout_rejects_and_excel_dates(demo_dir: Path) -> None:
    frame = read("lloyds_bank_foundation__grants_360giving", demo_dir)
    marked = frame.filter(pl.col("_reject_column").is_not_null()).sort("_reject_column")
    assert marked.select("grant_id", "_reject_column", "_reject_value").rows() == [
        (LLOYDS_NO_DESCRIPTION, "Description", None),
        (LLOYDS_NO_RECIPIENT_ID, "Recipient Org:Identifier", None),
    ]
    # The rejected grants are otherwise complete: named recipient, money, date.
    assert marked.get_column("recipient_name").null_count() == 0
    assert marked.get_column("amount_awarded").null_count() == 0

    workbook = openpyxl.load_workbook(
        demo_dir / demo_file("lloyds_bank_foundation__grants_360giving")
    )
    sheet = workbook["grants"]
    header = [cell.value for cell in sheet[1]]
    row_of = {row[0].value: row[0].row for row in sheet.iter_rows(min_row=2)}
    for grant_id, row_number in marked.select("grant_id", "_row_number").rows():
        assert row_of[grant_id] == row_number  # the sheet row, header = row 1
    award = sheet.cell(row=2, column=header.index("Award Date") + 1)
    assert isinstance(award.value, datetime) and award.number_format == "DD/MM/YYYY"
    dates = dict(frame.select("grant_id", "award_date").rows())
    for row in sheet.iter_rows(min_row=2):
        assert dates[row[0].value] == row[header.index("Award Date")].value.date()
    assert frame.get_column("recipient_postcode").null_count() == 0  # every grant has one
    assert frame.filter(pl.col("beneficiary_geo_code").is_not_null()).height == 0


def test_nlcf_bst_midnight_is_the_next_day(demo_dir: Path) -> None:
    grants = _json_grants(demo_dir, "nlcf__awards_for_all_2004_sample")
    assert {grant["awardDate"] for grant in grants} == {NLCF_AWARD_DATE}
    assert re.fullmatch(r"\d{4}-03-31T23:00:00\.000Z", NLCF_AWARD_DATE)
    published = date.fromisoformat(NLCF_AWARD_DATE[:10])
    frame = read("nlcf__awards_for_all_2004_sample", demo_dir)
    assert frame.get_column("award_date").unique().to_list() == [published + timedelta(days=1)]
    # Ward first, district second; the district is a demo LAD 2019, most wards demo wards.
    assert [
        [location["geoCodeType"] for location in grant["beneficiaryLocation"]] for grant in grants
    ] == [["WD", "CMLAD"]] * len(grants)
    assert set(frame.get_column("beneficiary_geo_code_type")) == {"WD"}
    ward_lad = read("ons__ward19_lad19", demo_dir)
    wards = dict(ward_lad.select("WD19CD", "LAD19CD").rows())
    known = 0
    for grant in grants:
        ward, district = (location["geoCode"] for location in grant["beneficiaryLocation"])
        assert district in set(wards.values())
        if ward in wards:
            known += 1
            assert wards[ward] == district
    assert len(grants) // 2 < known < len(grants)  # some wards of a later recoding


def test_covid_tracker_lsoas_are_demo_codes_and_quirks_present(demo_dir: Path) -> None:
    lookup = read("ons__lsoa11_lsoa21_lad22", demo_dir)
    lsoa11 = set(lookup.get_column("LSOA11CD"))
    lsoa21 = set(lookup.get_column("LSOA21CD"))
    grants = _json_grants(demo_dir, "threesixtygiving__covid19_tracker_2020")
    locations = [location for grant in grants for location in grant.get("beneficiaryLocation", [])]
    lsoa_codes = [loc["geoCode"] for loc in locations if loc.get("geoCodeType") == "LSOA"]
    assert len(lsoa_codes) >= 10
    assert set(lsoa_codes) <= lsoa11 | lsoa21
    # Funders gave 2011 codes, some of LSOAs that were split or merged in 2021.
    assert len(set(lsoa_codes) - lsoa21) >= 3
    frame = read("threesixtygiving__covid19_tracker_2020", demo_dir)
    placed = frame.filter(pl.col("beneficiary_geo_code_type") == "LSOA")
    assert set(placed.get_column("beneficiary_geo_code")) == set(lsoa_codes)

    swapped = [loc for loc in locations if GSS.match(loc.get("geoCodeType") or "")]
    assert len(swapped) >= 2 and all(not GSS.match(loc["geoCode"]) for loc in swapped)
    types = frame.get_column("beneficiary_geo_code_type").drop_nulls()
    assert not types.str.contains(r"^[EWSNK]\d{8}$").any()  # the reader repaired them
    lad_codes = set(read("drkane__la_all_codes", demo_dir).get_column("LADCD"))
    district_types = {"NMD", "UA", "LONB", "MD", "Unitary Authorities"}
    districts = frame.filter(pl.col("beneficiary_geo_code_type").is_in(district_types))
    assert set(districts.get_column("beneficiary_geo_code")) <= lad_codes
    assert {"NMD", "UA"} <= set(districts.get_column("beneficiary_geo_code_type"))

    assert any("geoCodeType" not in location for location in locations)
    assert sum("beneficiaryLocation" not in grant for grant in grants) >= 2
    forms = Counter(re.sub(r"\d", "9", grant["awardDate"]) for grant in grants)
    assert set(forms) == {"9999-99-99", "9999-99-99T99:99:99+99:99", "9999-99-99T99:99:99.999Z"}
    dates = frame.get_column("award_date")
    assert date(2020, 3, 17) <= dates.min() and dates.max() <= date(2020, 5, 5)
    postal = [r.get("postalCode") for grant in grants for r in grant["recipientOrganization"]]
    assert sum(code is not None for code in postal) >= 10


@pytest.mark.parametrize("source_id", GRANT_IDS)
def test_every_well_formed_grant_postcode_is_a_demo_postcode(
    source_id: str, demo_dir: Path
) -> None:
    postcodes = demo_postcodes(build_geography(SEED))
    frame = read(source_id, demo_dir).filter(pl.col("recipient_postcode").is_not_null())
    for raw, normalised in frame.select(
        "recipient_postcode", "recipient_postcode_normalised"
    ).rows():
        if normalised is not None:
            assert normalised in postcodes, raw


def test_lloyds_postcodes_include_mistyped_ones(demo_dir: Path) -> None:
    postcodes = demo_postcodes(build_geography(SEED))
    frame = read("lloyds_bank_foundation__grants_360giving", demo_dir)
    pairs = frame.select("recipient_postcode", "recipient_postcode_normalised").rows()
    repaired = [raw for raw, normalised in pairs if normalised and raw != normalised]
    assert any("  " in raw for raw in repaired)  # double space
    assert any(re.search(r" O", raw) for raw in repaired)  # letter O for zero
    assert len(repaired) >= 4
    unrepairable = [raw for raw, normalised in pairs if normalised is None]
    assert len(unrepairable) >= 1 and all(raw not in postcodes for raw in unrepairable)


def test_one_grant_is_in_two_files(demo_dir: Path) -> None:
    files_of: dict[str, list[str]] = {}
    frames = {source_id: read(source_id, demo_dir) for source_id in GRANT_IDS}
    for source_id, frame in frames.items():
        for grant_id in frame.get_column("grant_id"):
            files_of.setdefault(grant_id, []).append(source_id)
    shared = {grant_id: ids for grant_id, ids in files_of.items() if len(ids) > 1}
    assert shared == {
        DUPLICATE_GRANT_ID: [
            "trafford__grants_360giving",
            "threesixtygiving__covid19_tracker_2020",
        ]
    }
    # The same grant both times: money, date and recipient agree.
    columns = ["amount_awarded", "award_date", "recipient_id", "funder_id"]
    copies = [
        frames[source_id].filter(pl.col("grant_id") == DUPLICATE_GRANT_ID).select(columns)
        for source_id in shared[DUPLICATE_GRANT_ID]
    ]
    assert copies[0].rows() == copies[1].rows()
