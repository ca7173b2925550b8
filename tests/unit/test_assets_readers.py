"""Survey, social-infrastructure and geography sources read from the real published files, and the
errors a damaged or re-laid-out file gets."""

from __future__ import annotations

import shutil
import zipfile
from dataclasses import replace

import polars as pl
import pytest

from ingest.catalog import SOURCES
from ingest.errors import PlaceindexError
from ingest.readers import READERS, read_source
from ingest.readers.assets import _table_body
from tests.conftest import real_file

NEW_SOURCES = tuple(
    source
    for source in SOURCES
    if source.family in ("survey", "social_infrastructure")
    or source.source_id
    in (
        "ons__postcode_directory",
        "trafforddatalab__trafford_postcodes",
        "drkane__lsoa_latlong",
        "trafforddatalab__gm_lsoa21_boundaries",
    )
)
BY_ID = {source.source_id: source for source in NEW_SOURCES}

SURVEY = "ons_subnational_indicators_explorer_machine_readable.csv"
EPRACCUR = "epraccur.csv"
PUBS = "publichousesandbarsbylocalauthority20012018.xls"
GM_LIBRARIES = "gm_libraries.csv"
POLARS_TYPES = {"str": pl.String, "int": pl.Int64, "float": pl.Float64}


def read(source_id: str, path=None) -> pl.DataFrame:
    source = BY_ID[source_id]
    return read_source(source, path or real_file(source.file_names[-1]))


def test_sources_are_in_the_catalog_once_with_registered_readers():
    assert len(BY_ID) == len(NEW_SOURCES)
    catalog_ids = [source.source_id for source in SOURCES]
    assert all(catalog_ids.count(source_id) == 1 for source_id in BY_ID)
    assert all(source.reader in READERS for source in NEW_SOURCES)


@pytest.mark.parametrize("source", NEW_SOURCES, ids=lambda s: s.source_id)
def test_every_source_reads_its_real_file(shared_data, source):
    available = [name for name in source.file_names if list(shared_data.rglob(name))]
    if not available:
        # Only the national postcode directory is too big for the shared folder.
        assert not source.required, f"no real file for {source.source_id}"
        return
    frame = read_source(source, real_file(available[0]))
    assert frame.columns == ["_row_number"] + [column.header for column in source.columns]
    assert frame.dtypes == [pl.Int64] + [POLARS_TYPES[column.dtype] for column in source.columns]
    assert frame.height == source.expected_rows


# --- survey -----------------------------------------------------------------------------------


def test_survey_wellbeing_of_trafford_and_preamble_rows(shared_data):
    frame = read("ons__subnational_indicators")
    trafford = frame.filter(pl.col("AREANM") == "Trafford", pl.col("Period") == "202021")
    values = dict(trafford.select("Indicator", "Value").iter_rows())
    assert values["Average life satisfaction ratings"] == 7.29
    assert values["Average anxiety ratings"] == 3.45
    # A disclaimer and a blank line above the header: the first data row is line 4.
    assert frame.row(0, named=True)["_row_number"] == 4
    assert frame.row(0, named=True)["AREACD"] == "E06000001"


def test_survey_thousands_separators_na_and_cp1252(shared_data):
    frame = read("ons__subnational_indicators")
    housing = frame.filter(
        pl.col("AREANM") == "Trafford", pl.col("Indicator").str.starts_with("Net additions")
    ).row(0, named=True)
    assert housing["Value"] == 1_081  # published as "1,081"
    assert housing["MAD"] is None  # published as NA
    assert frame.get_column("Value").null_count() == 12  # 11 'NA' and City of London's 'na'
    assert "£ million" in frame.get_column("Unit").to_list()
    assert frame.filter(pl.col("Indicator").str.contains("16–64")).height > 0


def _wellbeing_file(tmp_path):
    from demo import DEMO_FILES, SEED
    from demo.survey import wellbeing_csv

    path = tmp_path / DEMO_FILES["ons__wellbeing_local_authority"]
    path.write_bytes(wellbeing_csv(SEED))
    return path


def test_wellbeing_dataset_keeps_confidence_limits_and_the_suppression_mark(tmp_path):
    from demo.survey import WELLBEING_SUPPRESSED_AREA

    frame = read("ons__wellbeing_local_authority", _wellbeing_file(tmp_path))
    suppressed = frame.filter(
        pl.col("administrative-geography") == WELLBEING_SUPPRESSED_AREA[0],
        pl.col("yyyy-yy") == WELLBEING_SUPPRESSED_AREA[1],
    )
    assert suppressed.height == 20  # 4 measures x 5 estimates, all '[x]'
    assert suppressed.get_column("Data marking").unique().to_list() == ["[x]"]
    assert suppressed.select("v4_3", "Lower limit", "Upper limit").null_count().row(0) == (20,) * 3
    observed = frame.filter(pl.col("Data marking").is_null())
    assert observed.select("v4_3", "Lower limit", "Upper limit").null_count().row(0) == (0,) * 3
    assert (observed["Lower limit"] <= observed["v4_3"]).all()
    assert (observed["v4_3"] <= observed["Upper limit"]).all()


def test_wellbeing_text_in_a_confidence_limit_names_row_and_column(tmp_path):
    path = _wellbeing_file(tmp_path)
    lines = path.read_bytes().split(b"\n")
    fields = lines[5].split(b",")
    fields[2] = b"n/a"
    lines[5] = b",".join(fields)
    path.write_bytes(b"\n".join(lines))
    with pytest.raises(PlaceindexError) as error:
        read("ons__wellbeing_local_authority", path)
    assert str(error.value) == (
        f"ons__wellbeing_local_authority: {path.name}: row 6, column 'Lower limit': "
        "expected a number, found 'n/a' (1 such row(s))"
    )


# --- social infrastructure --------------------------------------------------------------------


def test_trafford_libraries_2023_status(shared_data):
    frame = read("acearts__libraries_2023")
    trafford = frame.filter(pl.col("authority") == "Trafford")
    assert trafford.height == 16
    by_name = {row["name"]: row for row in trafford.iter_rows(named=True)}
    assert by_name["Altrincham"]["operation_23"] == "LA"
    assert by_name["Altrincham"]["statutory_23"] == "Yes"
    assert by_name["Bowfell"]["operation_23"] == "Closed"
    assert by_name["Bowfell"]["closed"] == 2015
    # Rows are records: 11 quoted cells hold line breaks, so the last record is row 3,488.
    assert frame.get_column("_row_number").max() == 3_488


def test_libraries_2016_coordinates_and_closure(shared_data):
    frame = read("dcms__libraries_2016_geocoded")
    rows = {row["name"]: row for row in frame.head(2).iter_rows(named=True)}
    assert rows["Barking"]["id"] == 1
    assert rows["Barking"]["postcode"] == "IG117NB"
    assert rows["Barking"]["lat"] == pytest.approx(51.536387, abs=1e-6)
    assert rows["Barking"]["lng"] == pytest.approx(0.079994, abs=1e-6)
    assert rows["Castle Green"]["closed"] == "XL"
    assert rows["Castle Green"]["closed_year"] == 2013
    assert rows["Castle Green"]["population"] == 15_935


def test_gp_practice_postcode_status_and_active_count(shared_data):
    frame = read("nhs_ods__epraccur")
    practice = frame.filter(pl.col("Organisation Code") == "P91013").row(0, named=True)
    assert practice["Name"] == "BOUNDARY HOUSE MEDICAL CENTRE"
    assert practice["Postcode"] == "M33 2RH"
    assert practice["Status Code"] == "A"
    assert practice["Prescribing Setting"] == 4
    closed = frame.filter(pl.col("Organisation Code") == "A81003").row(0, named=True)
    assert (closed["Status Code"], closed["Close Date"]) == ("C", "20171031")
    # No header row: the first practice is row 1.
    assert frame.row(0, named=True)["_row_number"] == 1
    assert dict(frame.group_by("Status Code").len().iter_rows()) == {
        "A": 12_396,
        "C": 3_877,
        "D": 253,
        "P": 8,
    }
    active_in_england = frame.filter(
        pl.col("Status Code") == "A",
        pl.col("Prescribing Setting") == 4,
        pl.col("National Grouping") != "W00",
    )
    assert active_in_england.height == 6_253


def test_gp_practices_read_from_the_ods_zip_equal_the_csv(shared_data, tmp_path):
    archive = tmp_path / "epraccur.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        zipped.write(real_file(EPRACCUR), "epraccur.csv")
    assert read("nhs_ods__epraccur", archive).equals(read("nhs_ods__epraccur"))


def test_trafford_pub_counts_2001_and_2018(shared_data):
    frame = read("ons__pubs_bars_by_la")
    trafford = frame.filter(
        pl.col("Area code") == "E08000009",
        pl.col("Number of employees in public house or bar") == "Any number of employees",
    ).row(0, named=True)
    assert trafford["Area name"] == "Trafford"
    assert (trafford["2001"], trafford["2018"]) == (110, 85)
    assert trafford["_row_number"] == 115  # the spreadsheet row
    # Title, blank, header and blank rows above; notes below are not read as areas.
    assert frame.row(0, named=True)["_row_number"] == 5
    assert frame.get_column("Area code").n_unique() == 405
    assert frame.get_column("Area code").str.contains(r"^[EKNSW]\d{8}$").all()


def test_charities_na_is_missing_and_numbers_keep_leading_zeros(shared_data):
    frame = read("trafforddatalab__charities_trafford")
    assert frame.get_column("charity_company_registration_number").null_count() == 553
    cheshire = frame.filter(pl.col("registered_charity_number") == "214927").row(0, named=True)
    assert cheshire["charity_name"] == "THE CHESHIRE WILDLIFE TRUST LIMITED"
    assert cheshire["charity_company_registration_number"] == "00738693"


def test_gm_libraries_points(shared_data):
    frame = read("trafforddatalab__gm_libraries")
    assert frame.filter(pl.col("area_code") == "E08000009").height == 13
    assert frame.get_column("email").null_count() == 7  # published as NA
    assert frame.get_column("lat").is_between(53.3, 53.7).all()


# --- geography --------------------------------------------------------------------------------


def test_trafford_postcode_lsoa_and_every_trafford_library_matches(shared_data):
    postcodes = read("trafforddatalab__trafford_postcodes")
    by_postcode = {row["postcode"]: row for row in postcodes.iter_rows(named=True)}
    assert by_postcode["WA14 1AH"]["lsoa_code"] == "E01006075"  # Altrincham library
    assert by_postcode["WA14 1AH"]["lsoa_name"] == "Trafford 025B"
    assert by_postcode["M33 2RH"]["ward_name"] == "Sale Moor"
    assert postcodes.get_column("lsoa_code").n_unique() == 139
    libraries = read("acearts__libraries_2023").filter(pl.col("authority") == "Trafford")
    assert set(libraries.get_column("postcode")) <= set(by_postcode)


def test_lsoa_centroid_of_a_trafford_lsoa(shared_data):
    frame = read("drkane__lsoa_latlong")
    centre = frame.filter(pl.col("LSOACD") == "E01006112").row(0, named=True)
    assert centre["latitude"] == pytest.approx(53.4615, abs=1e-4)
    assert centre["longitude"] == pytest.approx(-2.2617, abs=1e-4)
    assert frame.filter(pl.col("LSOACD") != pl.col("lsoa11cd")).height == 0


def test_postcode_directory_reads_its_zip_member(tmp_path):
    # Made-up rows in the ONSPD layout: the real directory is far too big for the shared folder.
    header = "pcd,pcd2,pcds,dointr,doterm,usertype,oslaua,lsoa11,lsoa21,lat,long,imd\n"
    rows = (
        "ZZ1 1ZZ,ZZ1  1ZZ,ZZ1 1ZZ,202001,,0,E08000009,E01000001,E01000001,53.4,-2.3,1\n"
        "ZZ1 1ZY,ZZ1  1ZY,ZZ1 1ZY,198001,202212,1,E08000009,E01000002,E01000003,99.999999,0,2\n"
    )
    archive = tmp_path / "ONSPD_FEB_2025.zip"
    with zipfile.ZipFile(archive, "w") as zipped:
        zipped.writestr("Data/ONSPD_FEB_2025_UK.csv", header + rows)
    frame = read("ons__postcode_directory", archive)
    assert frame.get_column("lsoa21").to_list() == ["E01000001", "E01000003"]
    assert frame.get_column("lat").to_list() == [53.4, 99.999999]
    assert frame.get_column("doterm").to_list() == [None, "202212"]


def test_trafford_postcodes_are_not_in_the_postcode_directory_layout(shared_data, tmp_path):
    # Why the Trafford subset is its own source: the Lab renamed ONSPD's columns.
    renamed = tmp_path / "ONSPD_FEB_2025_UK.csv"
    shutil.copyfile(real_file("trafford_postcodes.csv"), renamed)
    with pytest.raises(PlaceindexError) as error:
        read("ons__postcode_directory", renamed)
    assert str(error.value).startswith(
        "ons__postcode_directory: ONSPD_FEB_2025_UK.csv: missing column(s) ['pcd', 'pcds', "
        "'dointr', 'doterm', 'oslaua', 'usertype', 'lsoa11', 'long', 'lsoa21']"
    )


# --- errors -----------------------------------------------------------------------------------


def test_wrong_sheet_is_a_clear_error(shared_data, tmp_path):
    # Another publisher's legacy workbook saved under the pubs file's name.
    wrong = tmp_path / PUBS
    shutil.copyfile(real_file("NIMDM17_SOAresults.xls"), wrong)
    with pytest.raises(PlaceindexError) as error:
        read("ons__pubs_bars_by_la", wrong)
    assert str(error.value) == (
        f"ons__pubs_bars_by_la: {PUBS}: no sheet 'Pubs size LA'; the workbook has ['Metadata', "
        "'MDM', 'Income', 'Employment', 'Health and Disability', 'Education, Skills and "
        "Training ', 'Access to Services', 'Living Environment', 'Crime and Disorder', "
        "'IDAC and IDAP']"
    )


def test_truncated_workbook_is_a_clear_error(shared_data, tmp_path):
    data = real_file(PUBS).read_bytes()
    truncated = tmp_path / PUBS
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(
        PlaceindexError,
        match=rf"^ons__pubs_bars_by_la: {PUBS}: (not a readable XLS workbook|sheet 'Pubs size LA' "
        "cannot be read)",
    ):
        read("ons__pubs_bars_by_la", truncated)


def test_missing_column_names_the_column_and_header_row(shared_data, tmp_path):
    data = real_file(SURVEY).read_bytes()
    changed = tmp_path / SURVEY
    changed.write_bytes(data.replace(b",Unit,Value,MAD", b",Unit,Val,MAD", 1))
    with pytest.raises(PlaceindexError) as error:
        read("ons__subnational_indicators", changed)
    assert str(error.value) == (
        f"ons__subnational_indicators: {SURVEY}: missing column(s) ['Value']; the header on row 3 "
        "has ['AREACD', 'AREANM', 'Geography', 'Indicator', 'Category', 'Period', 'Measure', "
        "'Unit', 'Val', 'MAD']"
    )
    assert (error.value.source_id, error.value.row, error.value.column) == (
        "ons__subnational_indicators",
        3,
        "Value",
    )


def test_text_in_a_number_column_names_row_and_column(shared_data, tmp_path):
    data = real_file(SURVEY).read_bytes()
    changed = tmp_path / SURVEY
    changed.write_bytes(data.replace(b"\xa3,31.85,", b"\xa3,31.85 pounds,", 1))
    with pytest.raises(PlaceindexError) as error:
        read("ons__subnational_indicators", changed)
    assert str(error.value) == (
        f"ons__subnational_indicators: {SURVEY}: row 4, column 'Value': expected a number, "
        "found '31.85 pounds' (1 such row(s))"
    )


def test_headerless_row_with_too_few_fields(shared_data, tmp_path):
    data = real_file(EPRACCUR).read_bytes()
    # The file cut off after the second practice's postcode.
    end = data.index(b'"TS18 2AW",') + len(b'"TS18 2AW"')
    truncated = tmp_path / EPRACCUR
    truncated.write_bytes(data[:end] + b"\n")
    with pytest.raises(PlaceindexError) as error:
        read("nhs_ods__epraccur", truncated)
    assert str(error.value) == (
        f"nhs_ods__epraccur: {EPRACCUR}: row 2: 10 fields, the publisher documents 27 "
        "('Organisation Code' to 'Null (field 27)'); the file may be truncated or not in this "
        "source's layout"
    )
    assert error.value.row == 2


def test_headerless_row_with_a_field_too_many(shared_data, tmp_path):
    lines = real_file(EPRACCUR).read_bytes().split(b"\n")
    lines[2] = lines[2] + b',"EXTRA"'
    changed = tmp_path / EPRACCUR
    changed.write_bytes(b"\n".join(lines))
    with pytest.raises(PlaceindexError) as error:
        read("nhs_ods__epraccur", changed)
    assert str(error.value) == (
        f"nhs_ods__epraccur: {EPRACCUR}: row 3: 28 fields, the publisher documents 27 "
        "('Organisation Code' to 'Null (field 27)'); the file may be truncated or not in this "
        "source's layout"
    )


def test_row_shorter_than_its_header(shared_data, tmp_path):
    lines = real_file(GM_LIBRARIES).read_bytes().split(b"\n")
    lines[5] = lines[5].rsplit(b",", 2)[0]
    changed = tmp_path / GM_LIBRARIES
    changed.write_bytes(b"\n".join(lines))
    with pytest.raises(PlaceindexError) as error:
        read("trafforddatalab__gm_libraries", changed)
    assert str(error.value) == (
        f"trafforddatalab__gm_libraries: {GM_LIBRARIES}: row 6: 8 fields, the header on row 1 "
        "has 10; the file may be truncated or not in this source's layout"
    )


def test_file_truncated_inside_a_quoted_value(shared_data, tmp_path):
    data = real_file(EPRACCUR).read_bytes()
    end = data.index(b'"QUEENS PARK MEDICAL CENTRE"') + len(b'"QUEENS PARK')
    truncated = tmp_path / EPRACCUR
    truncated.write_bytes(data[:end])
    with pytest.raises(PlaceindexError) as error:
        read("nhs_ods__epraccur", truncated)
    assert str(error.value) == (
        f"nhs_ods__epraccur: {EPRACCUR}: line 2: not valid CSV (unexpected end of data); the "
        "file may be truncated inside a quoted value"
    )


def test_utf8_file_with_a_windows_1252_byte_names_the_line(shared_data, tmp_path):
    lines = real_file(GM_LIBRARIES).read_bytes().split(b"\n")
    lines[2] = lines[2].replace(b"Library", b"Library \xa3", 1)
    changed = tmp_path / GM_LIBRARIES
    changed.write_bytes(b"\n".join(lines))
    with pytest.raises(
        PlaceindexError,
        match=rf"^trafforddatalab__gm_libraries: {GM_LIBRARIES}: line 3: bytes are not utf-8 ",
    ):
        read("trafforddatalab__gm_libraries", changed)


def test_blank_row_inside_a_spreadsheet_table_is_not_taken_for_its_end():
    layout = BY_ID["ons__pubs_bars_by_la"].default_layout
    source = BY_ID["ons__pubs_bars_by_la"]
    table = [
        ["Title", None],
        [None, None],
        ["Area code", "Area name"],
        [None, None],
        ["E08000009", "Trafford"],
        [None, None],
        ["E08000010", "Wigan"],
        [None, None],
        ["Source: Inter-Departmental Business Register", None],
    ]
    with pytest.raises(PlaceindexError) as error:
        _table_body(source, layout, real_file(PUBS), table)
    assert str(error.value) == (
        f"ons__pubs_bars_by_la: {PUBS}: sheet 'Pubs size LA': row 7: the table ends at the blank "
        "row 6, but row 7 is not the notes (expected a row starting 'Source:', found "
        "'E08000010'); a blank row inside the table?"
    )
    del table[5]
    rows = _table_body(source, layout, real_file(PUBS), table)
    assert rows == [(5, ["E08000009", "Trafford"]), (6, ["E08000010", "Wigan"])]


def test_an_unknown_layout_change_is_not_read_silently(shared_data, tmp_path):
    # The survey file republished without its disclaimer: row 3 is then a data row, not a header.
    lines = real_file(SURVEY).read_bytes().split(b"\n")
    changed = tmp_path / SURVEY
    changed.write_bytes(b"\n".join(lines[2:]))
    with pytest.raises(
        PlaceindexError,
        match=rf"^ons__subnational_indicators: {SURVEY}: missing column\(s\) \['AREACD', ",
    ):
        read("ons__subnational_indicators", changed)
    source = replace(
        BY_ID["ons__subnational_indicators"],
        layouts=(replace(BY_ID["ons__subnational_indicators"].default_layout, header_row=0),),
    )
    assert read_source(source, changed).height == 10_758
