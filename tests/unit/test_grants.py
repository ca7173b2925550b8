"""The 360Giving grants reader on the real grant files, small files written here, and bad files."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date, datetime

import polars as pl
import pytest

from ingest.catalog import FileLayout, family_sources
from ingest.errors import PlaceindexError
from ingest.postcodes import normalise_postcode
from ingest.readers import read_source
from ingest.registry import RegistryEntry, registry_entries
from ingest.warehouse import REJECT_COLUMNS
from tests.conftest import real_file

GRANT_SOURCES = family_sources("grants")
GRANT_COLUMNS = GRANT_SOURCES[0].columns
SOURCES = {source.source_id: source for source in GRANT_SOURCES}
TRAFFORD = SOURCES["trafford__grants_360giving"]
OXFORD = SOURCES["oxford__grants"]
INDIGO = SOURCES["indigo_trust__grants_360giving"]
LLOYDS = SOURCES["lloyds_bank_foundation__grants_360giving"]
NLCF = SOURCES["nlcf__awards_for_all_2004_sample"]
COVID = SOURCES["threesixtygiving__covid19_tracker_2020"]
JSON_EXPECTED = 'a 360Giving JSON package {"grants": [...]} or an API response {"results": [...]}'


def read(source):
    return read_source(source, real_file(source.file_names[0]))


def rejects(frame: pl.DataFrame) -> dict[str, int]:
    marked = frame.filter(pl.col("_reject_column").is_not_null())
    return dict(marked.group_by("_reject_column").len().iter_rows())


# --- the real files ---------------------------------------------------------------------------


@pytest.mark.parametrize("source", GRANT_SOURCES, ids=lambda s: s.source_id)
def test_every_real_grant_file_reads_one_row_per_grant(shared_data, source):
    frame = read(source)
    assert frame.columns == [
        "_row_number",
        *(column.header for column in GRANT_COLUMNS),
        *REJECT_COLUMNS,
    ]
    assert frame.height == source.expected_rows
    assert frame.get_column("grant_id").n_unique() == frame.height
    assert frame.schema["amount_awarded"] == pl.Float64
    assert frame.schema["award_date"] == pl.Date
    assert frame.schema["beneficiary_latitude"] == pl.Float64
    assert frame.get_column("award_date").null_count() == 0
    # A grant is rejected with both a column and a reason, or not at all.
    half = pl.col("_reject_column").is_null() != pl.col("_reject_reason").is_null()
    assert frame.filter(half).height == 0


def test_catalog_entries_describe_the_reader_output(shared_data):
    assert [s.expected_rows for s in GRANT_SOURCES] == [555, 105, 269, 4_116, 50, 1_978]
    for source in GRANT_SOURCES:
        assert source.reader == "grants"
        assert source.key == ("grant_id",)
        assert source.tags == ("funding",)
        assert source.columns == GRANT_COLUMNS
        assert source.default_layout.format in ("csv", "xlsx", "json")
        assert source.url.startswith("https://")


@pytest.mark.parametrize(
    ("source", "total"),
    [
        (TRAFFORD, 1_291_436.54),
        (OXFORD, 1_255_243.00),
        (INDIGO, 8_053_545.40),
        (LLOYDS, 115_795_635.69),
        (COVID, 28_340_400.74),
    ],
    ids=lambda value: getattr(value, "source_id", str(value)),
)
def test_money_reconciles_across_accepted_and_rejected_rows(shared_data, source, total):
    frame = read(source)
    assert frame.get_column("amount_awarded").null_count() == 0
    assert round(frame.get_column("amount_awarded").sum(), 2) == total


@pytest.mark.parametrize(
    ("source", "expected"),
    [(TRAFFORD, {}), (OXFORD, {}), (INDIGO, {}), (NLCF, {}), (COVID, {})],
    ids=lambda value: getattr(value, "source_id", str(value)),
)
def test_files_that_meet_the_required_rules_reject_nothing(shared_data, source, expected):
    assert rejects(read(source)) == expected


def test_lloyds_rejects_the_grants_without_recipient_id_or_description(shared_data):
    frame = read(LLOYDS)
    # MANIFEST names the missing Recipient Org:Identifier; 1.4.3 also requires a Description,
    # which five grants leave empty.
    assert rejects(frame) == {"Recipient Org:Identifier": 1, "Description": 5}
    leeds = frame.filter(pl.col("_reject_column") == "Recipient Org:Identifier").row(0, named=True)
    assert leeds["grant_id"] == "360G-LBFEW-75903"
    assert leeds["recipient_name"] == "University of Leeds"
    assert leeds["_row_number"] == 2_363
    assert leeds["_reject_value"] is None
    assert leeds["_reject_reason"] == (
        "Recipient Org:Identifier is required by the 360Giving Standard 1.4.3: expected the "
        "recipient organisation's identifier, e.g. GB-CHC-1234567, found nothing"
    )
    # Rejected grants keep their money so the file's total still adds up.
    assert leeds["amount_awarded"] == 144_087.0


def test_lloyds_excel_dates_and_postcodes(shared_data):
    frame = read(LLOYDS)
    by_year = dict(
        frame.group_by(pl.col("award_date").dt.year()).len().sort("award_date").iter_rows()
    )
    assert by_year == {2010: 868, 2011: 729, 2012: 807, 2013: 797, 2014: 530, 2015: 385}
    pairs = dict(frame.select("recipient_postcode", "recipient_postcode_normalised").iter_rows())
    assert pairs["WF14 OQL"] == "WF14 0QL"
    assert pairs["LA4  5HE"] == "LA4 5HE"
    assert pairs["NN1 5LRL"] is None


def test_nlcf_bst_midnight_is_the_local_date_and_ward_is_finest(shared_data):
    frame = read(NLCF)
    assert frame.get_column("award_date").unique().to_list() == [date(2004, 4, 1)]
    assert frame.get_column("_row_number").to_list() == list(range(1, 51))
    first = frame.row(0, named=True)
    assert first["beneficiary_geo_code_type"] == "WD"
    assert first["beneficiary_geo_code"].startswith("E05")
    kept = json.loads(first["beneficiary_locations_json"])
    assert [location["geoCodeType"] for location in kept] == ["WD", "CMLAD"]
    assert first["grant_programme_title"] == "Awards for All"


def test_covid_tracker_swapped_pair_is_repaired_and_lsoas_kept(shared_data):
    frame = read(COVID)
    southend = frame.filter(pl.col("grant_id") == "360G-tudortrust-93319").row(0, named=True)
    assert southend["beneficiary_geo_code"] == "E06000033"
    assert southend["beneficiary_geo_code_type"] == "UA"
    assert southend["_reject_column"] is None
    codes = frame.get_column("beneficiary_geo_code")
    assert codes.str.contains(r"^E01\d{6}$").sum() == 853
    # No GSS code is left in the type column after the repair.
    assert frame.get_column("beneficiary_geo_code_type").str.contains(r"^[EWSNK]\d{8}$").sum() == 0
    assert frame.filter(pl.col("currency") == "USD").height == 1


def test_covid_tracker_date_forms_give_the_same_calendar_dates(shared_data):
    frame = read(COVID)
    dates = frame.get_column("award_date")
    assert (dates.min(), dates.max()) == (date(2020, 3, 17), date(2020, 5, 5))


def test_indigo_early_layout(shared_data):
    frame = read(INDIGO)
    first = frame.row(0, named=True)
    assert first["award_date"] == date(2001, 3, 26)  # '26/03/2001 00:00', day first
    assert first["last_modified"] == "29/04/2015 12:10"  # as published
    # Placeholder recipient ids are allowed by the standard: kept, visible, not rejected.
    dummies = frame.filter(pl.col("recipient_id") == "DUMMY01")
    assert dummies.height == 76
    assert dummies.get_column("_reject_column").null_count() == 76
    # Descriptions with bare line breaks stay one grant each.
    assert frame.get_column("description").str.contains("\n").any()


def test_oxford_extra_council_columns_are_ignored(shared_data):
    frame = read(OXFORD)
    assert "Award Year" not in frame.columns
    assert frame.get_column("beneficiary_geo_code").unique().to_list() == ["E07000178"]
    assert frame.get_column("beneficiary_geo_code_type").unique().to_list() == ["LAD"]


# --- small files written here -----------------------------------------------------------------


def _grant(**changes):
    grant = {
        "id": "360G-example-1",
        "title": "Example grant",
        "description": "For an example",
        "currency": "GBP",
        "amountAwarded": 1000,
        "awardDate": "2021-06-30T23:00:00Z",
        "recipientOrganization": [{"id": "GB-CHC-1", "name": "Example Charity"}],
        "fundingOrganization": [{"id": "GB-CHC-2", "name": "Example Funder"}],
    }
    grant.update(changes)
    return {key: value for key, value in grant.items() if value is not None}


def _read_json(tmp_path, data):
    path = tmp_path / NLCF.file_names[0]
    path.write_text(json.dumps(data), encoding="utf-8")
    return read_source(NLCF, path)


def test_json_package_dates_locations_and_rules(tmp_path):
    grants = [
        _grant(),
        _grant(
            id="360G-example-2",
            awardDate="2021-01-05",
            beneficiaryLocation=[
                {"name": "England", "geoCode": "E92000001", "geoCodeType": "CTRY"},
                {"name": "Somewhere", "geoCode": "LSOA", "geoCodeType": "E01000001"},
                {"name": "District", "geoCode": "E07000114", "geoCodeType": "NMD"},
                {"name": "A middle layer", "geoCode": "E02000001", "geoCodeType": "MSOA"},
            ],
        ),
        _grant(id="360G-example-3", awardDate="2021-07-01T00:00:00+00:00", currency="Pounds"),
        _grant(id="360G-example-4", amountAwarded="£1,000"),
        _grant(id="360G-example-5", awardDate="31st June"),
        _grant(
            id="360G-example-6",
            recipientOrganization=None,
            recipientIndividual={"id": "360G-example-IND-1", "name": "Individual recipient"},
        ),
        _grant(id="360G-example-7", description=""),
    ]
    frame = _read_json(tmp_path, {"grants": grants})
    rows = {row["grant_id"]: row for row in frame.iter_rows(named=True)}
    assert rows["360G-example-1"]["award_date"] == date(2021, 7, 1)  # BST midnight as UTC
    assert rows["360G-example-2"]["award_date"] == date(2021, 1, 5)
    assert rows["360G-example-3"]["award_date"] == date(2021, 7, 1)
    finest = rows["360G-example-2"]
    assert (finest["beneficiary_geo_code"], finest["beneficiary_geo_code_type"]) == (
        "E01000001",
        "LSOA",
    )
    assert len(json.loads(finest["beneficiary_locations_json"])) == 4
    assert finest["_reject_column"] is None
    assert rows["360G-example-6"]["_reject_column"] is None  # a recipient individual is enough
    marked = {
        grant_id: (row["_reject_column"], row["_reject_value"])
        for grant_id, row in rows.items()
        if row["_reject_column"]
    }
    assert marked == {
        "360G-example-3": ("Currency", "Pounds"),
        "360G-example-4": ("Amount Awarded", "£1,000"),
        "360G-example-5": ("Award Date", "31st June"),
        "360G-example-7": ("Description", ""),
    }
    assert rows["360G-example-3"]["_reject_reason"] == (
        "Currency is required by the 360Giving Standard 1.4.3: expected a three-letter ISO 4217 "
        "currency code such as GBP, found 'Pounds'"
    )


def test_csv_with_bom_crlf_and_line_breaks_in_quotes(tmp_path):
    header = (
        "\ufeffidentifier ,TITLE,Description,Currency,Amount Awarded,Award Date,"
        "Recipient Org:Identifier,Recipient Org:Name,Recipient Org:Postal Code,"
        "Funding Org:Identifier,Funding Org:Name,Beneficiary Location:0:Geographic Code,"
        "Beneficiary Location:1:Geographic Code,Beneficiary Location:Latitude/Longitude"
    )
    rows = [
        (
            '360G-x-1,A grant,"Two\nlines",GBP,250.5,31/03/2015 00:00,GB-CHC-1,A,wf14 oql,'
            'F-1,Funder,E07000114,E05005101,"53.5, -2.3"'
        ),
        "360G-x-2,B grant,One line,GBP,,2015-03-31,GB-CHC-2,B,,F-1,Funder,,,",
        ",,,,,,,,,,,,,",
    ]
    path = tmp_path / TRAFFORD.file_names[0]
    path.write_bytes(("\r\n".join([header, *rows]) + "\r\n").encode("utf-8"))
    frame = read_source(TRAFFORD, path)
    assert frame.get_column("_row_number").to_list() == [2, 3]
    first, second = frame.iter_rows(named=True)
    assert first["description"] == "Two\nlines"
    assert first["award_date"] == date(2015, 3, 31)
    assert first["recipient_postcode"] == "wf14 oql"
    assert first["recipient_postcode_normalised"] == "WF14 0QL"
    assert first["beneficiary_geo_code"] == "E05005101"
    # The coordinates belong to the first location, the district; the ward is finer.
    district, ward = json.loads(first["beneficiary_locations_json"])
    assert (district["latitude"], district["longitude"]) == (53.5, -2.3)
    assert ward == {
        "name": None,
        "countryCode": None,
        "latitude": None,
        "longitude": None,
        "geoCode": "E05005101",
        "geoCodeType": None,
    }
    assert first["beneficiary_latitude"] is None
    assert second["_reject_column"] == "Amount Awarded"
    assert second["_reject_value"] is None


def test_xlsx_first_sheet_and_excel_dates(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Sheet1"
    sheet.append(
        [
            "Identifier",
            "Title",
            "Description",
            "Currency",
            "Amount Awarded",
            "Award Date",
            "Recipient Org:Identifier",
            "Recipient Org:Name",
            "Funding Org:Identifier",
            "Funding Org:Name",
        ]
    )
    sheet.append(
        ["360G-x-1", "T", "D", "GBP", 1200, datetime(2014, 3, 31), "GB-CHC-1", "R", "F-1", "F"]
    )
    name = "grants_example.xlsx"
    workbook.save(tmp_path / name)
    source = replace(LLOYDS, layouts=(FileLayout(name, "xlsx"),))
    frame = read_source(source, tmp_path / name)
    row = frame.row(0, named=True)
    assert (row["award_date"], row["amount_awarded"]) == (date(2014, 3, 31), 1200.0)
    assert row["_reject_column"] is None


# --- files that cannot be read ----------------------------------------------------------------


def test_truncated_workbook_is_a_clear_error(shared_data, tmp_path):
    data = real_file(LLOYDS.file_names[0]).read_bytes()
    truncated = tmp_path / LLOYDS.file_names[0]
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(PlaceindexError) as error:
        read_source(LLOYDS, truncated)
    assert str(error.value) == (
        f"lloyds_bank_foundation__grants_360giving: {LLOYDS.file_names[0]}: not a readable XLSX "
        "workbook (no complete zip container); the file may be truncated or an error page"
    )
    assert error.value.source_id == LLOYDS.source_id


def test_json_without_grants_is_a_clear_error(tmp_path):
    with pytest.raises(PlaceindexError) as error:
        _read_json(tmp_path, {"meta": {}, "facets": []})
    assert str(error.value) == (
        f"nlcf__awards_for_all_2004_sample: {NLCF.file_names[0]}: no 'grants' or 'results' array "
        f"(top-level keys: ['facets', 'meta']); expected {JSON_EXPECTED}"
    )


def test_malformed_json_is_a_clear_error(tmp_path):
    path = tmp_path / NLCF.file_names[0]
    path.write_text('{"grants": [', encoding="utf-8")
    with pytest.raises(PlaceindexError) as error:
        read_source(NLCF, path)
    assert str(error.value) == (
        f"nlcf__awards_for_all_2004_sample: {NLCF.file_names[0]}: not valid JSON (line 1, "
        f"column 13: Expecting value); expected {JSON_EXPECTED}"
    )


def test_csv_without_identifier_column_is_a_clear_error(tmp_path):
    path = tmp_path / TRAFFORD.file_names[0]
    path.write_text("Grant ref,Title\n1,A grant\n", encoding="utf-8")
    with pytest.raises(PlaceindexError) as error:
        read_source(TRAFFORD, path)
    assert str(error.value) == (
        f"trafford__grants_360giving: {TRAFFORD.file_names[0]}: no 'Identifier' column; expected "
        "a 360Giving CSV with the standard's column titles, the file has ['Grant ref', 'Title']"
    )
    assert error.value.column == "Identifier"


# --- postcodes and the registry ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        ("WF14 OQL", "WF14 0QL"),
        ("LA4  5HE", "LA4 5HE"),
        ("NN1 5LRL", None),
        ("WF1 2 SD", "WF1 2SD"),
        ("so16 7ab", "SO16 7AB"),  # an O that is a letter stays a letter
        ("OL11 4EE", "OL11 4EE"),
        ("W6 OLE", "W6 0LE"),
        ("SE11 5P", None),
        ("8001", None),
        ("", None),
        (None, None),
    ],
)
def test_normalise_postcode(published, expected):
    assert normalise_postcode(published) == expected


def test_registry_entries():
    registry = [
        {
            "title": "Example Trust grants",
            "identifier": "a001",
            "license": "https://creativecommons.org/licenses/by/4.0/",
            "publisher": {"name": "Example Trust", "prefix": "360G-example"},
            "distribution": [
                {
                    "downloadURL": "https://example.org/grants.xlsx",
                    "accessURL": "https://example.org/",
                }
            ],
        },
        {
            "title": "Example Council grants",
            "license": "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
            "publisher": {"name": "Example Council", "prefix": "360G-council"},
            "distribution": [{"downloadURL": "https://example.org/export?id=7", "accessURL": ""}],
            "datagetter_metadata": {"file_type": "csv", "downloads": True},
        },
        {"title": "Nothing to fetch", "publisher": {"name": "Example Fund"}, "license": ""},
    ]
    assert registry_entries(registry) == [
        RegistryEntry(
            "a001",
            "Example Trust",
            "https://example.org/grants.xlsx",
            "xlsx",
            "https://creativecommons.org/licenses/by/4.0/",
        ),
        RegistryEntry(
            None,
            "Example Council",
            "https://example.org/export?id=7",
            "csv",
            "http://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
        ),
        RegistryEntry(None, "Example Fund", None, None, ""),
    ]
