"""The funding allocations family's demo files: the Culture Recovery Fund's sheets sum to its headline
values and keep the real quirks, Project Grants carry real Excel dates, months and quarters, the
Levelling Up Fund lists the districts by deprivation, and every local authority name matches the
demo LA codes file except the designed mismatches."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import openpyxl
import polars as pl

from demo.allocations import (
    CRF_HEADLINE_BLOCKS,
    CRF_HEADLINE_SHEET,
    CRF_NUMBER_NAME,
    CRF_SAME_NAME,
    LUF_MISSPELT,
    PROJECT_GRANTS_UNMATCHED,
)
from demo.world.areas import DISTRICTS
from ingest.catalog import get_source
from ingest.readers.tabular import ROW_NUMBER
from tests.unit.demo.conftest import demo_file, read

# ---------------------------------------------------------------------------------------------
# Funding allocations: ACE Culture Recovery Fund and Project Grants, Levelling Up Fund
# ---------------------------------------------------------------------------------------------

CRF = "acearts__culture_recovery_fund"
CRF_SHEETS = get_source(CRF).default_layout.sheets
PROJECT_GRANTS = "acearts__project_grants_2019_20"
LUF = "mhclg__levelling_up_fund_priority"
# The column naming each row's local authority, and the names designed to match no LADNM.
ALLOCATION_NAMES = {
    CRF: ("Local Authority", set()),
    PROJECT_GRANTS: ("Local authority", {PROJECT_GRANTS_UNMATCHED}),
    LUF: ("Name", {LUF_MISSPELT[1]}),
}


def _crf_headline(path: Path) -> dict[str, dict[str, tuple[int, int]]]:
    """The 'Headline Data' sheet per award sheet: (awards, £) in total (the block's two 'Total
    ...' rows, as 'total', and its 'Totals' row) and per ONS region."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = list(book[CRF_HEADLINE_SHEET].iter_rows(values_only=True))
    finally:
        book.close()
    blocks: dict[str, dict[str, tuple[int, int]]] = {}
    block: dict[str, tuple[int, int]] = {}
    in_regions, awards = False, 0
    for row in rows:
        label = row[0].strip() if row and isinstance(row[0], str) else None
        if label in CRF_HEADLINE_BLOCKS:
            block = blocks[CRF_HEADLINE_BLOCKS[label]] = {}
            in_regions = False
        elif label == "Total awarded organisations":
            awards = row[1]
        elif label == "Total amount awarded":
            block["total"] = (awards, row[1])
        elif label == "ONS Region*":
            in_regions = True
        elif label == "Totals":
            block["Totals"] = (row[1], row[2])
            in_regions = False
        elif in_regions and label:
            block[label] = (row[1], row[2])
    return blocks


def test_crf_sheet_sums_equal_the_headline_values(demo_dir: Path) -> None:
    frame = read(CRF, demo_dir)
    headline = _crf_headline(demo_dir / demo_file(CRF))
    assert list(headline) == list(CRF_SHEETS)
    for sheet, block in headline.items():
        part = frame.filter(pl.col("Sheet") == sheet)
        total = (part.height, int(part.get_column("£ Awarded").sum()))
        assert block.pop("total") == block.pop("Totals") == total, sheet
        by_region = part.group_by("Region ONS").agg(
            pl.len(), pl.col("£ Awarded").sum().cast(pl.Int64)
        )
        assert block == {region: (n, amount) for region, n, amount in by_region.iter_rows()}


def test_allocation_names_match_the_demo_la_codes_except_the_designed_ones(
    demo_dir: Path,
) -> None:
    ladnm = {name.casefold() for name in read("drkane__la_all_codes", demo_dir).get_column("LADNM")}
    for source_id, (column, designed) in ALLOCATION_NAMES.items():
        names = set(read(source_id, demo_dir).get_column(column))
        assert {name for name in names if name.casefold() not in ladnm} == designed, source_id
        # The 2020-2022 districts: the two merged in 2023 by their own names, not the new one.
        merged = {d.name for d in DISTRICTS if d.successor}
        assert merged <= names
        assert not {d.name for d in DISTRICTS if d.created_2023} & names
    # The misspelt Welsh name is a demo district's, as 'Rhondda Cynon Taff' is 'Rhondda Cynon Taf'.
    right, wrong = LUF_MISSPELT
    assert right.casefold() in ladnm and right not in read(LUF, demo_dir).get_column("Name")
    assert wrong.casefold() not in ladnm


def test_crf_sheets_keep_the_real_quirks(demo_dir: Path) -> None:
    frame = read(CRF, demo_dir)
    assert frame.get_column("Sheet").unique(maintain_order=True).to_list() == list(CRF_SHEETS)
    for sheet in CRF_SHEETS:
        rows = frame.filter(pl.col("Sheet") == sheet).get_column(ROW_NUMBER).to_list()
        assert rows == list(range(2, len(rows) + 2)), sheet
    # A name typed as a number, read as text; two organisations of one name in two LAs.
    numeric = frame.filter(pl.col("Organisation").str.contains(r"^[0-9]+$"))
    assert numeric.select("Sheet", "Organisation").rows() == [
        ("CRF 2 Grants", str(CRF_NUMBER_NAME))
    ]
    book = openpyxl.load_workbook(demo_dir / demo_file(CRF), read_only=True)
    try:
        organisations = [
            row[0] for row in book["CRF 2 Grants"].iter_rows(min_row=2, values_only=True)
        ]
        strand = list(book["CRF 1 Grants"].iter_rows(min_row=2, min_col=8, values_only=True))
    finally:
        book.close()
    assert CRF_NUMBER_NAME in organisations
    assert strand and all(value is None for (value,) in strand)  # 'Strand': header only
    same = frame.filter(pl.col("Organisation") == CRF_SAME_NAME)
    assert same.get_column("Sheet").to_list() == ["CRF 2 Grants"] * 2
    assert same.get_column("Local Authority").n_unique() == 2
    # Organisations that won in several rounds, once per sheet; Welsh and Scottish applicants.
    per_organisation = frame.group_by("Organisation").agg(pl.col("Sheet").n_unique())
    assert per_organisation.get_column("Sheet").max() >= 2
    assert {"Wales", "Scotland"} <= set(frame.get_column("Region ONS"))
    crf1 = frame.filter(pl.col("Sheet") == "CRF 1 Grants").get_column("£ Awarded")
    assert crf1.min() >= 50_000 and crf1.max() <= 3_000_000


def test_project_grants_dates_months_quarters_and_places(demo_dir: Path) -> None:
    frame = read(PROJECT_GRANTS, demo_dir)
    assert frame.get_column(ROW_NUMBER).to_list() == list(range(4, frame.height + 4))
    dates = frame.get_column("Award date")
    assert dates.is_sorted()
    assert dates.min() == date(2019, 4, 1) and dates.max() <= date(2020, 3, 31)
    quarters = frame.with_columns(
        pl.col("Award date").dt.strftime("%B").alias("month"),
        ("Q" + ((pl.col("Award date").dt.month() + 8) % 12 // 3 + 1).cast(pl.String)).alias("q"),
    )
    assert quarters.filter(pl.col("month") != pl.col("Decision Month")).height == 0
    assert quarters.filter(pl.col("q") != pl.col("Decision quarter")).height == 0
    amounts = frame.get_column("Award amount")
    assert amounts.min() == 0 and amounts.max() <= 1_500_000
    assert 5_000 <= amounts.median() <= 40_000
    assert (frame.get_column("Local authority") == PROJECT_GRANTS_UNMATCHED).sum() == 2
    # The same activity of one recipient funded on two dates.
    repeats = frame.group_by("Recipient", "Activity name").len().filter(pl.col("len") > 1)
    assert repeats.height >= 1
    book = openpyxl.load_workbook(demo_dir / demo_file(PROJECT_GRANTS), read_only=True)
    try:
        sheet = book[get_source(PROJECT_GRANTS).default_layout.sheet]
        cells = [row[3] for row in sheet.iter_rows(min_row=4, max_col=4, values_only=True)]
    finally:
        book.close()
    assert cells and all(isinstance(cell, datetime) for cell in cells)  # Excel dates, not text


def test_levelling_up_fund_lists_the_districts_by_deprivation(demo_dir: Path) -> None:
    frame = read(LUF, demo_dir)
    listed = [d for d in DISTRICTS if d.code[0] in "EWS" and not d.created_2023]
    right, wrong = LUF_MISSPELT
    assert sorted(frame.get_column("Name")) == sorted(
        wrong if d.name == right else d.name for d in listed
    )
    assert set(frame.get_column("Country")) == {"England", "Wales", "Scotland"}
    assert set(frame.get_column("Priority category")) == {1, 2, 3}
    rows = frame.select("Priority category", "Name").rows()
    assert rows == sorted(rows)
    # The most deprived demo district is in category 1, the least deprived in 3.
    category = dict(frame.select("Name", "Priority category").rows())
    ranked = sorted((d for d in listed if d.n_lsoa), key=lambda d: d.deprivation)
    assert (category[ranked[-1].name], category[ranked[0].name]) == (1, 3)
