"""LA-level funding allocation sources (ACE Culture Recovery Fund and Project Grants, Levelling Up Fund
priority categories) read from the real published workbooks, and the errors a damaged or re-laid-out
workbook gets. Totals and counts are the ones MANIFEST.md records for the shared files."""

from __future__ import annotations

import shutil
from dataclasses import replace
from datetime import date
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from ingest.catalog import SOURCES, family_sources
from ingest.errors import PlaceindexError
from ingest.readers import READERS, read_source
from ingest.readers.allocations import read_allocations
from tests.conftest import real_file

ALLOCATION_SOURCES = family_sources("allocations")
CRF_SHEETS = ("CRF 1 Grants", "CRF 1 Capital Kickstart", "CRF 2 Grants")
BY_ID = {source.source_id: source for source in ALLOCATION_SOURCES}
CRF = "acearts__culture_recovery_fund"
PROJECT_GRANTS = "acearts__project_grants_2019_20"
LUF = "mhclg__levelling_up_fund_priority"
CRF_FILE = "ACE_CRF_investment_data_published_020421.xlsx"
PROJECT_GRANTS_FILE = "ACE_Project_Grants_Awards_201920_0.xlsx"
LUF_FILE = "Levelling_Up_Fund_list_of_local_authorities_by_priority_category__GM_markup.xlsx"
REAL_FILES = {CRF: CRF_FILE, PROJECT_GRANTS: PROJECT_GRANTS_FILE, LUF: LUF_FILE}
POLARS_TYPES = {"str": pl.String, "int": pl.Int64, "float": pl.Float64, "date": pl.Date}
# The 'Headline Data' sheet's blocks (the publisher's labels, typo included) and the sheet each sums.
HEADLINE_BLOCKS = {
    "CRF 1": "CRF 1 Grants",
    "CRF 1 Captial Kickstart": "CRF 1 Capital Kickstart",
    "CRF 2": "CRF 2 Grants",
}


def read(source_id: str, path: Path | None = None) -> pl.DataFrame:
    return read_source(BY_ID[source_id], path or real_file(REAL_FILES[source_id]))


def with_layout(source_id: str, **changes: object):
    source = BY_ID[source_id]
    return replace(source, layouts=(replace(source.default_layout, **changes),))


def edited(tmp_path: Path, name: str, cells: dict[tuple[str, str], object]) -> Path:
    """A copy of a real workbook, under its own name, with some cells changed."""
    book = openpyxl.load_workbook(real_file(name))
    for (sheet, cell), value in cells.items():
        book[sheet][cell] = value
    path = tmp_path / name
    book.save(path)
    return path


def headline_totals(path: Path) -> dict[str, tuple[int, int]]:
    """Awards and £ per round from the CRF 'Headline Data' sheet: formulas, read as cached."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = list(book["Headline Data"].iter_rows(values_only=True))
    finally:
        book.close()
    found: dict[str, dict[str, int]] = {}
    sheet = None
    for row in rows:
        label = row[0].strip() if row and isinstance(row[0], str) else None
        if label in HEADLINE_BLOCKS:
            sheet = HEADLINE_BLOCKS[label]
            found[sheet] = {}
        elif sheet is not None and label in ("Total awarded organisations", "Total amount awarded"):
            found[sheet][label] = row[1]
    return {
        sheet: (values["Total awarded organisations"], values["Total amount awarded"])
        for sheet, values in found.items()
    }


# --- catalog and readers ----------------------------------------------------------------------


def test_sources_are_registered_with_their_reader():
    assert len(BY_ID) == len(ALLOCATION_SOURCES) == 3
    assert READERS["allocations"] is read_allocations
    assert all(source.reader == "allocations" for source in ALLOCATION_SOURCES)
    # Not in the catalog yet; once they are, the catalog's entries must be these.
    catalog = {source.source_id: source for source in SOURCES}
    for source_id, source in BY_ID.items():
        assert catalog.get(source_id, source) == source


@pytest.mark.parametrize("source", ALLOCATION_SOURCES, ids=lambda s: s.source_id)
def test_every_source_reads_its_real_file(shared_data, source):
    frame = read(source.source_id)
    assert frame.columns == ["_row_number"] + [column.header for column in source.columns]
    assert frame.dtypes == [pl.Int64] + [POLARS_TYPES[column.dtype] for column in source.columns]
    assert frame.height == source.expected_rows
    assert frame.select(pl.struct(list(source.key)).is_unique().all()).item()


# --- Culture Recovery Fund --------------------------------------------------------------------


def test_crf_sheets_in_one_table_with_their_awards(shared_data):
    frame = read(CRF)
    counts = dict(frame.group_by("Sheet").len().iter_rows())
    assert counts == {"CRF 1 Grants": 2_011, "CRF 1 Capital Kickstart": 74, "CRF 2 Grants": 2_272}
    # Stacked in the layout's order; each row numbered within its sheet (header on row 1).
    assert frame.get_column("Sheet").unique(maintain_order=True).to_list() == list(CRF_SHEETS)
    for sheet, count in counts.items():
        rows = frame.filter(pl.col("Sheet") == sheet).get_column("_row_number")
        assert rows.to_list() == list(range(2, count + 2)), sheet
    # The publisher's 'Organisation ' (trailing space) is read as the catalog's 'Organisation';
    # 'Strand' (CRF 1 only, empty) is not read.
    assert "Strand" not in frame.columns
    assert frame.get_column("Organisation").null_count() == 0


def test_crf_1_grants_sum_to_the_headline_totals(shared_data):
    frame = read(CRF)
    crf1 = frame.filter(pl.col("Sheet") == "CRF 1 Grants")
    assert (crf1.height, crf1.get_column("£ Awarded").sum()) == (2_011, 430_260_856)
    totals = headline_totals(real_file(CRF_FILE))
    assert totals["CRF 1 Grants"] == (2_011, 430_260_856)
    assert set(totals) == set(CRF_SHEETS)
    for sheet, (awards, amount) in totals.items():
        part = frame.filter(pl.col("Sheet") == sheet)
        assert (part.height, part.get_column("£ Awarded").sum()) == (awards, amount), sheet


def test_crf_organisation_named_by_a_number_stays_text(shared_data):
    frame = read(CRF)
    numeric = frame.filter(pl.col("Organisation").str.contains(r"^[0-9]+$"))
    assert numeric.select("Sheet", "Organisation").rows() == [("CRF 2 Grants", "1927")]


def test_crf_local_authorities_as_published(shared_data):
    names = set(read(CRF).get_column("Local Authority"))
    # Publisher's (and ONS's) 2020 names, with their commas.
    assert {"Bristol, City of", "Herefordshire, County of"} <= names


# --- Project Grants 2019/20 -------------------------------------------------------------------


def test_project_grants_below_title_rows(shared_data):
    frame = read(PROJECT_GRANTS)
    assert frame.height == 4_535
    assert frame.get_column("Award amount").sum() == 100_315_447
    assert frame.get_column("Award amount").min() >= 0
    # Title row, instruction row, header on row 3: data rows 4 to 4,538.
    assert frame.get_column("_row_number").to_list() == list(range(4, 4_539))
    dates = frame.get_column("Award date")
    assert (dates.min(), dates.max()) == (date(2019, 4, 1), date(2020, 3, 24))


def test_project_grant_dates_agree_with_decision_month_and_quarter(shared_data):
    frame = read(PROJECT_GRANTS).with_columns(
        pl.col("Award date").dt.strftime("%B").alias("month"),
        ("Q" + ((pl.col("Award date").dt.month() + 8) % 12 // 3 + 1).cast(pl.String)).alias("q"),
    )
    assert frame.filter(pl.col("month") != pl.col("Decision Month")).height == 0
    assert frame.filter(pl.col("q") != pl.col("Decision quarter")).height == 0


# --- Levelling Up Fund ------------------------------------------------------------------------


def test_levelling_up_fund_priority_categories(shared_data):
    frame = read(LUF)
    assert frame.height == 368
    assert dict(frame.group_by("Country").len().iter_rows()) == {
        "England": 314,
        "Scotland": 32,
        "Wales": 22,
    }
    assert dict(frame.group_by("Priority category").len().iter_rows()) == {1: 123, 2: 123, 3: 122}
    assert frame.get_column("_row_number").to_list() == list(range(2, 370))


def test_levelling_up_fund_spells_rhondda_cynon_taff_with_ff(shared_data):
    # ONS spells it 'Rhondda Cynon Taf': matching names to codes must say so or handle it.
    frame = read(LUF)
    rows = frame.filter(pl.col("Name").str.starts_with("Rhondda"))
    assert rows.select("Country", "Name").rows() == [("Wales", "Rhondda Cynon Taff")]
    assert "Rhondda Cynon Taf" not in frame.get_column("Name").to_list()


# --- row numbers --------------------------------------------------------------------------------


def test_row_numbers_are_the_spreadsheets_with_empty_rows_above_and_inside(tmp_path):
    # Made-up rows. Calamine would start this sheet at its first non-empty row (row 3).
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Levelling Up Fund Index"
    sheet["A3"], sheet["B3"], sheet["C3"] = "Country", "Name", "Priority category"
    sheet.append(["England", "Testshire", 1])
    sheet.append([])
    sheet.append(["Wales", "Sampleton", 2.0])
    path = tmp_path / LUF_FILE
    book.save(path)
    source = with_layout(LUF, header_row=2)
    frame = read_source(source, path)
    assert frame.rows() == [(4, "England", "Testshire", 1), (6, "Wales", "Sampleton", 2)]


def test_null_marks_are_blank_except_in_the_columns_that_keep_them(tmp_path):
    # Made-up rows: 'n/a' is no value in a number column, but a name here, so its column keeps it.
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Levelling Up Fund Index"
    sheet.append(["Country", "Name", "Priority category"])
    sheet.append(["England", "n/a", " n/a "])
    sheet.append(["n/a", "Sampleton", 2])
    path = tmp_path / LUF_FILE
    book.save(path)
    source = with_layout(LUF, null_values=("n/a",), null_values_kept_in=("Name",))
    frame = read_source(source, path)
    assert frame.rows() == [(2, "England", "n/a", None), (3, None, "Sampleton", 2)]


# --- errors ------------------------------------------------------------------------------------


def test_wrong_workbook_is_a_missing_sheet(shared_data, tmp_path):
    # Another publisher's workbook saved under the Project Grants file's name.
    wrong = tmp_path / PROJECT_GRANTS_FILE
    shutil.copyfile(real_file(LUF_FILE), wrong)
    with pytest.raises(PlaceindexError) as error:
        read(PROJECT_GRANTS, wrong)
    assert str(error.value) == (
        f"{PROJECT_GRANTS}: {PROJECT_GRANTS_FILE}: no sheet 'Project Grants Awards'; the workbook "
        "has ['Levelling Up Fund Index']"
    )
    assert (error.value.source_id, error.value.file) == (PROJECT_GRANTS, PROJECT_GRANTS_FILE)


def test_a_missing_crf_sheet_is_named(shared_data):
    source = with_layout(
        CRF, sheet="CRF 1 Grants", sheets=("CRF 1 Grants", "CRF 3 Grants"), sheet_column="Sheet"
    )
    with pytest.raises(PlaceindexError) as error:
        read_source(source, real_file(CRF_FILE))
    assert str(error.value) == (
        f"{CRF}: {CRF_FILE}: no sheet 'CRF 3 Grants'; the workbook has ['Headline Data', "
        "'CRF 1 Grants', 'CRF 1 Capital Kickstart', 'CRF 2 Grants']"
    )


def test_missing_column_names_column_header_row_and_sheet(shared_data, tmp_path):
    path = edited(tmp_path, LUF_FILE, {("Levelling Up Fund Index", "C1"): "Priority"})
    with pytest.raises(PlaceindexError) as error:
        read(LUF, path)
    assert str(error.value) == (
        f"{LUF}: {LUF_FILE}: missing column(s) ['Priority category']; the header on row 1 of "
        "sheet 'Levelling Up Fund Index' has ['Country', 'Name', 'Priority']"
    )
    assert (error.value.row, error.value.column) == (1, "Priority category")


def test_missing_column_in_a_later_crf_sheet(shared_data, tmp_path):
    path = edited(tmp_path, CRF_FILE, {("CRF 2 Grants", "F1"): "LA"})
    with pytest.raises(PlaceindexError) as error:
        read(CRF, path)
    assert str(error.value) == (
        f"{CRF}: {CRF_FILE}: missing column(s) ['Local Authority']; the header on row 1 of sheet "
        "'CRF 2 Grants' has ['Organisation ', '£ Awarded', 'Discipline', 'Applicant ACE Area', "
        "'Region ONS', 'LA', 'Constituency']"
    )


def test_header_expected_below_the_title_rows(shared_data):
    # Read as if the header were on row 1: the title row is not the header.
    with pytest.raises(PlaceindexError, match=r"missing column\(s\) \['Recipient', ") as error:
        read_source(with_layout(PROJECT_GRANTS, header_row=0), real_file(PROJECT_GRANTS_FILE))
    assert "the header on row 1 of sheet 'Project Grants Awards' has " in str(error.value)


def test_text_amount_names_sheet_row_and_column(shared_data, tmp_path):
    path = edited(tmp_path, CRF_FILE, {("CRF 2 Grants", "B5"): "tbc"})
    with pytest.raises(PlaceindexError) as error:
        read(CRF, path)
    assert str(error.value) == (
        f"{CRF}: {CRF_FILE}: sheet 'CRF 2 Grants', row 5, column '£ Awarded': expected a number, "
        "found 'tbc' (1 such row(s))"
    )
    assert (error.value.row, error.value.column) == (5, "£ Awarded")


def test_text_date_and_fractional_amount_are_errors(shared_data, tmp_path):
    sheet = "Project Grants Awards"
    path = edited(tmp_path, PROJECT_GRANTS_FILE, {(sheet, "D7"): "31/04/2019"})
    with pytest.raises(PlaceindexError) as error:
        read(PROJECT_GRANTS, path)
    assert str(error.value) == (
        f"{PROJECT_GRANTS}: {PROJECT_GRANTS_FILE}: sheet '{sheet}', row 7, column 'Award date': "
        "expected a date (an Excel date cell or YYYY-MM-DD text), found '31/04/2019' "
        "(1 such row(s))"
    )
    path = edited(tmp_path, PROJECT_GRANTS_FILE, {(sheet, "C9"): 1000.5})
    with pytest.raises(PlaceindexError) as error:
        read(PROJECT_GRANTS, path)
    assert str(error.value) == (
        f"{PROJECT_GRANTS}: {PROJECT_GRANTS_FILE}: sheet '{sheet}', row 9, column 'Award "
        "amount': expected a whole number, found '1000.5' (1 such row(s))"
    )


def test_priority_category_that_is_not_a_number(shared_data, tmp_path):
    path = edited(tmp_path, LUF_FILE, {("Levelling Up Fund Index", "C10"): "high"})
    with pytest.raises(PlaceindexError) as error:
        read(LUF, path)
    assert str(error.value) == (
        f"{LUF}: {LUF_FILE}: sheet 'Levelling Up Fund Index', row 10, column 'Priority "
        "category': expected a whole number, found 'high' (1 such row(s))"
    )


def test_value_in_the_unnamed_column_is_an_error(shared_data, tmp_path):
    # The empty fourth column is ignored only while it is empty.
    path = edited(tmp_path, LUF_FILE, {("Levelling Up Fund Index", "D5"): "GM"})
    with pytest.raises(PlaceindexError) as error:
        read(LUF, path)
    assert str(error.value) == (
        f"{LUF}: {LUF_FILE}: sheet 'Levelling Up Fund Index', row 5, column D: 'GM' is in a "
        "column without a header (the header on row 1 has ['Country', 'Name', 'Priority "
        "category']); the sheet is not in this source's layout"
    )
    assert error.value.row == 5


def test_truncated_workbook_is_a_clear_error(shared_data, tmp_path):
    data = real_file(LUF_FILE).read_bytes()
    truncated = tmp_path / LUF_FILE
    truncated.write_bytes(data[: len(data) // 2])
    with pytest.raises(PlaceindexError) as error:
        read(LUF, truncated)
    assert str(error.value) == (
        f"{LUF}: {LUF_FILE}: not a readable XLSX workbook (no complete zip container); the file "
        "may be truncated or an error page"
    )
