"""Readers on the real published files, and the errors a bad file gets."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date, datetime, time

import polars as pl
import pytest

from ingest.catalog import SOURCES, FileLayout, get_source
from ingest.errors import PlaceindexError
from ingest.readers import read_source
from ingest.readers.cells import cell_text
from ingest.warehouse import REJECT_COLUMNS
from tests.conftest import read_real_source, real_file, real_source_file

FILE1 = "File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx"
LOOKUP_11_21 = "LSOA_2011_to_LSOA_2021_Lookup_E_W.csv"
WARDS = "Ward_to_Local_Authority_District_(December_2019)_Lookup_in_the_United_Kingdom.csv"


@pytest.mark.sweep
@pytest.mark.parametrize("source", SOURCES, ids=lambda s: s.source_id)
def test_every_source_reads_its_real_file(shared_data, source):
    if real_source_file(source) is None:
        # Only optional sources may lack a real file (the Census LA members live in the zip).
        assert not source.required, f"no real file for {source.source_id}"
        return
    frame = read_real_source(source)
    # Rows a reader rejects are marked in REJECT_COLUMNS and leave the raw table on loading.
    loaded = [name for name in frame.columns if name not in REJECT_COLUMNS]
    assert loaded == ["_row_number"] + [column.header for column in source.columns]
    if source.expected_rows is not None:
        assert frame.height == source.expected_rows


def test_imd_rank_of_named_lsoas(shared_data):
    frame = read_source(get_source("mhclg__iod2019_file1"), real_file(FILE1))
    ranks = dict(
        frame.select("LSOA code (2011)", "Index of Multiple Deprivation (IMD) Rank").iter_rows()
    )
    assert ranks["E01000001"] == 29_199  # City of London 001A
    assert ranks["E01033768"] == 1_833  # Liverpool 037F
    assert frame.schema["Index of Multiple Deprivation (IMD) Rank"] == pl.Int64


def test_lsoa_lookup_change_indicator_counts_and_cp1252(shared_data):
    frame = read_source(get_source("ons__lsoa11_lsoa21_lad22"), real_file(LOOKUP_11_21))
    counts = dict(frame.group_by("CHGIND").len().iter_rows())
    assert counts == {"U": 33_647, "S": 1_900, "M": 239, "X": 10}
    assert "Ynys Môn" in frame.get_column("LAD22NMW").to_list()


def test_file2_csv_export_has_bom_stripped(shared_data):
    frame = read_source(
        get_source("mhclg__iod2019_file2"),
        real_file("File_2_-_IoD2019_Domains_of_Deprivation.csv.gz"),
    )
    assert frame.columns[1] == "LSOA code (2011)"
    first = frame.row(0, named=True)
    assert first["LSOA code (2011)"] == "E01000001"
    assert first["Income Rank (where 1 is most deprived)"] == 32_831


def test_wrong_sheet_is_a_clear_error(shared_data, tmp_path):
    # File 3's workbook saved under File 1's name: right format, wrong sheet.
    wrong = tmp_path / FILE1
    shutil.copyfile(
        real_file("File_3_-_IoD2019_Supplementary_Indices_-_IDACI_and_IDAOPI.xlsx"), wrong
    )
    with pytest.raises(PlaceindexError) as error:
        read_source(get_source("mhclg__iod2019_file1"), wrong)
    assert str(error.value) == (
        f"mhclg__iod2019_file1: {FILE1}: no sheet 'IMD2019'; "
        "the workbook has ['Notes', 'IoD2019 IDACI & IDAOPI']"
    )


def test_truncated_workbook_is_a_clear_error(shared_data, tmp_path):
    data = real_file(FILE1).read_bytes()
    truncated = tmp_path / FILE1
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(
        PlaceindexError, match=r"^mhclg__iod2019_file1: File_1_.*not a readable XLSX"
    ):
        read_source(get_source("mhclg__iod2019_file1"), truncated)


def test_missing_column_names_the_column(shared_data, tmp_path):
    text = real_file(LOOKUP_11_21).read_bytes().decode("cp1252")
    lines = [",".join(line.split(",")[:4] + line.split(",")[5:]) for line in text.splitlines()[:50]]
    broken = tmp_path / LOOKUP_11_21
    broken.write_bytes(("\n".join(lines) + "\n").encode("cp1252"))
    with pytest.raises(PlaceindexError) as error:
        read_source(get_source("ons__lsoa11_lsoa21_lad22"), broken)
    assert error.value.column == "CHGIND"
    assert str(error.value).startswith(
        f"ons__lsoa11_lsoa21_lad22: {LOOKUP_11_21}: missing column(s) ['CHGIND']"
    )


def test_text_in_a_number_column_names_row_and_column(shared_data, tmp_path):
    name = "Index_of_Multiple_Deprivation_(December_2019)_Lookup_in_England.csv"
    lines = real_file(name).read_text().splitlines()[:20]
    fields = lines[5].split(",")
    fields[4] = "n/a"
    lines[5] = ",".join(fields)
    broken = tmp_path / name
    broken.write_text("\n".join(lines) + "\n")
    with pytest.raises(PlaceindexError) as error:
        read_source(get_source("ons__imd2019_lookup"), broken)
    assert str(error.value) == (
        f"ons__imd2019_lookup: {name}: row 6, column 'IMD19': expected a whole number, "
        "found 'n/a' (1 such row(s))"
    )


def test_utf8_file_with_wrong_encoding_is_reported_with_line(shared_data, tmp_path):
    data = real_file(LOOKUP_11_21).read_bytes()
    broken = tmp_path / LOOKUP_11_21
    broken.write_bytes(data)
    source = get_source("ons__lsoa11_lsoa21_lad22")
    utf8_source = type(source)(
        **{
            **source.__dict__,
            "layouts": (type(source.layouts[0])(LOOKUP_11_21, "csv", encoding="utf-8"),),
        }
    )
    with pytest.raises(PlaceindexError, match=r"line \d+: bytes are not utf-8"):
        read_source(utf8_source, broken)


def test_a_utf16_copy_of_a_real_file_is_said_to_be_utf16(shared_data, tmp_path):
    # The real file saved again as UTF-16 (as a spreadsheet's "Unicode text" export does).
    text = real_file(LOOKUP_11_21).read_bytes().decode("cp1252")
    broken = tmp_path / LOOKUP_11_21
    broken.write_bytes(text.encode("utf-16"))
    with pytest.raises(PlaceindexError) as raised:
        read_source(get_source("ons__lsoa11_lsoa21_lad22"), broken)
    assert str(raised.value) == (
        f"ons__lsoa11_lsoa21_lad22: {LOOKUP_11_21}: the file is UTF-16 (it starts with a UTF-16 "
        "byte-order mark); expected the publisher's cp1252 text"
    )


def test_an_html_page_in_place_of_a_csv_is_said_to_be_html(tmp_path):
    page = tmp_path / LOOKUP_11_21
    page.write_bytes(
        b"\n<!DOCTYPE html>\n<html><head><title>Service unavailable</title></head></html>"
    )
    with pytest.raises(PlaceindexError) as raised:
        read_source(get_source("ons__lsoa11_lsoa21_lad22"), page)
    assert str(raised.value) == (
        f"ons__lsoa11_lsoa21_lad22: {LOOKUP_11_21}: an HTML page, not the publisher's file (an "
        "error or login page saved in its place?)"
    )


def test_an_html_page_in_place_of_a_workbook_is_said_to_be_html(tmp_path):
    source = get_source("mhclg__iod2019_file1")
    page = tmp_path / source.file_names[0]
    page.write_bytes(b"<html><body>Sign in to continue</body></html>")
    with pytest.raises(PlaceindexError) as raised:
        read_source(source, page)
    assert str(raised.value) == (
        f"mhclg__iod2019_file1: {page.name}: an HTML page, not the publisher's workbook (an error "
        "or login page saved in its place?)"
    )


TS054_LSOA = "census2021-ts054-lsoa.csv"


def _nomis_zip(tmp_path, members: dict[str, bytes], name: str = "census2021-ts054.zip"):
    import zipfile

    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for member, data in members.items():
            archive.writestr(member, data)
    return path


def test_census_member_read_from_the_bulk_zip_equals_the_extracted_file(shared_data, tmp_path):
    lsoa = real_file(TS054_LSOA)
    archive = _nomis_zip(
        tmp_path,
        {
            "census2021-ts054-lsoa.csv": lsoa.read_bytes(),
            "census2021-ts054-msoa.csv": real_file("census2021-ts054-msoa.csv").read_bytes(),
            "metadata/ts054-2021-2.txt": b"metadata",
        },
    )
    source = get_source("ons__census2021_ts054_lsoa")
    from_zip = read_source(source, archive)
    assert from_zip.equals(read_source(source, lsoa))
    assert from_zip.height == 35_672
    msoa = read_source(get_source("ons__census2021_ts054_msoa"), archive)
    assert msoa.height == 7_264


def test_census_member_in_a_subfolder_of_the_zip_is_found(shared_data, tmp_path):
    archive = _nomis_zip(
        tmp_path,
        {
            "census2021-ts054/census2021-ts054-msoa.csv": real_file(
                "census2021-ts054-msoa.csv"
            ).read_bytes()
        },
    )
    assert read_source(get_source("ons__census2021_ts054_msoa"), archive).height == 7_264


def test_missing_zip_member_names_what_the_archive_holds(tmp_path):
    archive = _nomis_zip(tmp_path, {"census2021-ts054-oa.csv": b"date,geography\n"})
    with pytest.raises(PlaceindexError) as error:
        read_source(get_source("ons__census2021_ts054_lsoa"), archive)
    message = str(error.value)
    assert "census2021-ts054-lsoa.csv" in message and "census2021-ts054-oa.csv" in message


def test_truncated_zip_is_a_clear_error(shared_data, tmp_path):
    archive = _nomis_zip(
        tmp_path, {"census2021-ts054-lsoa.csv": real_file(TS054_LSOA).read_bytes()}
    )
    archive.write_bytes(archive.read_bytes()[:5000])
    with pytest.raises(PlaceindexError) as error:
        read_source(get_source("ons__census2021_ts054_lsoa"), archive)
    assert "census2021-ts054.zip" in str(error.value)
    assert "not a readable zip archive" in str(error.value)


def test_tenure_counts_of_a_named_lsoa(shared_data):
    frame = read_source(get_source("ons__census2021_ts054_lsoa"), real_file(TS054_LSOA))
    row = frame.filter(pl.col("geography code") == "E01000001").row(0, named=True)
    assert row["geography"] == "City of London 001A"
    total = row["Tenure of household: Total: All households"]
    leaves = [
        "Tenure of household: Owned: Owns outright",
        "Tenure of household: Owned: Owns with a mortgage or loan",
        "Tenure of household: Shared ownership: Shared ownership",
        "Tenure of household: Social rented: Rents from council or Local Authority",
        "Tenure of household: Social rented: Other social rented",
        "Tenure of household: Private rented: Private landlord or letting agency",
        "Tenure of household: Private rented: Other private rented",
        "Tenure of household: Lives rent free",
    ]
    assert sum(row[leaf] for leaf in leaves) == total
    assert frame.get_column("Tenure of household: Total: All households").sum() == 24_783_417


def test_quoted_census_headers_with_commas(shared_data):
    frame = read_source(
        get_source("ons__census2021_ts016_lsoa"), real_file("census2021-ts016-lsoa.csv")
    )
    column = (
        "Length of residence in the UK: 5 years or more, but less than 10 years; measures: Value"
    )
    assert frame.schema[column] == pl.Int64
    assert (
        frame.get_column(
            "Length of residence in the UK: Total: All usual residents; measures: Value"
        ).sum()
        == 59_597_217
    )
    migrants = read_source(
        get_source("ons__census2021_ts019_lsoa"), real_file("census2021-ts019-lsoa.csv")
    )
    total = "Migrant indicator: Total: All usual residents; measures: Value"
    assert migrants.get_column(total).sum() == 58_990_061


def test_population_thousands_separators_and_bom(shared_data):
    frame = read_source(get_source("mysociety__population_2019"), real_file("2019_population.csv"))
    assert frame.columns[1] == "lsoa"  # the BOM is not part of the header
    populations = dict(frame.select("lsoa", "pop").iter_rows())
    assert populations["E01011949"] == 1_954  # published as "1,954"
    assert frame.schema["pop"] == pl.Int64


def test_null_marks_in_a_csv_are_blank_except_in_the_columns_that_keep_them(tmp_path):
    # Made-up rows: 'NA' is no value in a number column, but a council's name here, so it stays.
    path = tmp_path / WARDS
    path.write_text(
        "FID,WD19CD,WD19NM,LAD19CD,LAD19NM\n"
        "1,E05008942,Burn Valley,E06000001,Hartlepool\n"
        "NA,E05012285, NA ,E06000018,NA\n"
    )
    source = get_source("ons__ward19_lad19")
    layout = replace(source.default_layout, null_values=("NA",), null_values_kept_in=("LAD19NM",))
    frame = read_source(replace(source, layouts=(layout,)), path)
    assert frame.rows() == [
        (2, 1, "E05008942", "Burn Valley", "E06000001", "Hartlepool"),
        (3, None, "E05012285", None, "E06000018", "NA"),
    ]


def test_a_zip_member_is_read_as_its_member_format(tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Wards"
    sheet.append(["FID", "WD19CD", "WD19NM", "LAD19CD", "LAD19NM"])
    sheet.append([1, "E05008942", "Burn Valley", "E06000001", "Hartlepool"])
    workbook = tmp_path / "wards.xlsx"
    book.save(workbook)
    archive = _nomis_zip(tmp_path, {"wards.xlsx": workbook.read_bytes()}, name="wards.zip")
    source = get_source("ons__ward19_lad19")
    in_zip = FileLayout(
        "wards.zip", "zip", sheet="Wards", member="wards.xlsx", member_format="xlsx"
    )
    frame = read_source(replace(source, layouts=(in_zip,)), archive)
    assert frame.rows() == [(2, 1, "E05008942", "Burn Valley", "E06000001", "Hartlepool")]
    alone = FileLayout("wards.xlsx", "xlsx", sheet="Wards")
    assert frame.equals(read_source(replace(source, layouts=(alone,)), workbook))


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (2001.0, "2001"),
        (0.25, "0.25"),
        (1927, "1927"),
        (True, "TRUE"),
        (datetime(2019, 9, 26), "2019-09-26"),
        (datetime(2019, 9, 26, 13, 30), "2019-09-26T13:30:00"),
        (date(2019, 9, 26), "2019-09-26"),
        (time(9, 5), "09:05:00"),
        ("  Trafford ", "  Trafford "),
        ("", None),
        (None, None),
    ],
)
def test_a_cell_reads_as_the_text_a_user_sees(value, text):
    assert cell_text(value) == text


LSOA_OVERLAP = "LSOA11_PARL25_combo_overlap.parquet"


def test_parquet_rows_are_numbered_from_1_and_the_pandas_index_is_not_loaded(shared_data):
    source = get_source("mysociety__lsoa11_parl25_overlap")
    frame = read_source(source, real_file(LSOA_OVERLAP))
    assert "__index_level_0__" not in frame.columns
    assert frame.row(0, named=True)["_row_number"] == 1
    assert frame.row(0, named=True)["LSOA11"] == "95AA01S1"
    assert frame.schema["overlap_pop"] == pl.Float64
    # An LSOA in three constituencies, one of them a sliver of area with nobody in it.
    rows = (
        frame.filter(pl.col("LSOA11") == "E01011639")
        .sort("PARL25")
        .select("PARL25", "overlap_pop", "original_pop")
        .rows()
    )
    assert rows == [
        ("UKPARL.2025.LEA", 0.0, 0.0),
        ("UKPARL.2025.LSO", 53.07, 1486.0),
        ("UKPARL.2025.WKF", 1432.93, 1486.0),
    ]


def test_a_file_that_is_not_parquet_is_a_clear_error(tmp_path):
    path = tmp_path / LSOA_OVERLAP
    path.write_text("<!DOCTYPE html><html>moved</html>\n")
    with pytest.raises(PlaceindexError) as error:
        read_source(get_source("mysociety__lsoa11_parl25_overlap"), path)
    assert str(error.value) == (
        f"mysociety__lsoa11_parl25_overlap: {LSOA_OVERLAP}: an HTML page, not the publisher's "
        "file (an error or login page saved in its place?)"
    )


def test_a_truncated_parquet_file_is_a_clear_error(shared_data, tmp_path):
    path = tmp_path / LSOA_OVERLAP
    path.write_bytes(real_file(LSOA_OVERLAP).read_bytes()[:100_000])
    with pytest.raises(PlaceindexError) as error:
        read_source(get_source("mysociety__lsoa11_parl25_overlap"), path)
    assert str(error.value) == (
        f"mysociety__lsoa11_parl25_overlap: {LSOA_OVERLAP}: the parquet data stops before its "
        "footer after 100000 bytes (it starts with PAR1 but does not end with it): the file is "
        "truncated (a download cut short?)"
    )


def _overlap_parquet(path, **changes) -> None:
    """Made-up rows in the layout of mySociety's overlap file, with `changes` to its columns
    (None drops one)."""
    columns = {
        "LSOA11": ["E01011639", "E01011639"],
        "PARL25": ["UKPARL.2025.LSO", "UKPARL.2025.WKF"],
        "overlap_area": [314187.22, 2280537.52],
        "original_area": [2830398.6, 2830398.6],
        "percentage_overlap_area": [0.11, 0.81],
        "percentage_overlap_pop": [0.04, 0.96],
        "overlap_pop": [53.07, 1432.93],
        "original_pop": [1486.0, 1486.0],
        "__index_level_0__": [7, 3],
    }
    columns.update(changes)
    pl.DataFrame(
        {name: values for name, values in columns.items() if values is not None}
    ).write_parquet(path)


def test_a_parquet_file_missing_a_column_names_it(tmp_path):
    path = tmp_path / LSOA_OVERLAP
    _overlap_parquet(path, overlap_pop=None)
    with pytest.raises(PlaceindexError) as error:
        read_source(get_source("mysociety__lsoa11_parl25_overlap"), path)
    assert error.value.column == "overlap_pop"
    assert str(error.value) == (
        f"mysociety__lsoa11_parl25_overlap: {LSOA_OVERLAP}: missing column(s) ['overlap_pop']; "
        "the file has ['LSOA11', 'PARL25', 'overlap_area', 'original_area', "
        "'percentage_overlap_area', 'percentage_overlap_pop', 'original_pop', '__index_level_0__']"
    )


def test_a_bad_value_in_a_parquet_file_gets_the_message_a_csv_would(tmp_path):
    # A number column saved as text: typed like a CSV cell, so the same error names row and column.
    path = tmp_path / LSOA_OVERLAP
    _overlap_parquet(path, overlap_pop=["53.07", "n/a"])
    with pytest.raises(PlaceindexError) as error:
        read_source(get_source("mysociety__lsoa11_parl25_overlap"), path)
    assert str(error.value) == (
        f"mysociety__lsoa11_parl25_overlap: {LSOA_OVERLAP}: row 2, column 'overlap_pop': "
        "expected a number, found 'n/a' (1 such row(s))"
    )
    assert error.value.row == 2
    _overlap_parquet(path)
    frame = read_source(get_source("mysociety__lsoa11_parl25_overlap"), path)
    assert frame.select("_row_number", "PARL25", "overlap_pop").rows() == [
        (1, "UKPARL.2025.LSO", 53.07),
        (2, "UKPARL.2025.WKF", 1432.93),
    ]
