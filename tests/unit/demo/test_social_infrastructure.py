"""The social infrastructure family's demo files: assets placed at postcodes of the postcode
directory, charities' postcodes typed as the register has them, the legacy pubs workbook with notes
under its table, one set of libraries listed three ways, and epraccur headerless and fully quoted."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import polars as pl
import pytest
import xlrd

from demo.social_infrastructure import PUBS_BANDS, PUBS_SHEETS, PUBS_YEARS
from demo.world.areas import TRAFFORD_LABEL
from demo.world.places import haversine_km
from ingest.catalog import get_source
from ingest.postcodes import normalise_postcode
from ingest.readers.assets import _xls_text
from tests.unit.demo.conftest import centroids_of, demo_file, lad23_of, quoted_fields, read

ASSET_POSTCODES = [
    ("nhs_ods__epraccur", "Postcode"),
    ("acearts__libraries_2023", "postcode"),
    ("dcms__libraries_2016_geocoded", "postcode"),
    ("trafforddatalab__gm_libraries", "postcode"),
    ("trafforddatalab__charities_trafford", "charity_contact_postcode"),
    ("trafforddatalab__trafford_postcodes", "postcode"),
]


@pytest.mark.parametrize(("source_id", "column"), ASSET_POSTCODES)
def test_asset_postcodes_are_in_the_postcode_directory(
    source_id: str, column: str, demo_dir: Path
) -> None:
    directory = set(read("ons__postcode_directory", demo_dir).get_column("pcds"))
    raw = read(source_id, demo_dir).get_column(column).drop_nulls().to_list()
    assert raw
    for value in raw:
        normalised = normalise_postcode(value)
        assert normalised is not None and normalised in directory, value


def test_charity_postcodes_typed_as_the_register_has_them(demo_dir: Path) -> None:
    frame = read("trafforddatalab__charities_trafford", demo_dir)
    raw = frame.get_column("charity_contact_postcode")
    assert raw.null_count() == 1  # 'NA'
    values = raw.drop_nulls().to_list()
    assert any(value.endswith(" ") and len(value) == 8 for value in values)  # padded
    assert any(re.fullmatch(r"ZY\d O[A-Z]{2}", value) for value in values)  # letter O for zero
    assert any(value == value.lower() and " " not in value for value in values)
    # About a third of the contact addresses are in the district itself (Mockchester, ZY3).
    share = sum(normalise_postcode(v).startswith("ZY3 ") for v in values) / len(values)
    assert 0.25 < share < 0.5
    numbers = frame.get_column("registered_charity_number").to_list()
    assert numbers == sorted(numbers, key=int)
    companies = frame.get_column("charity_company_registration_number").drop_nulls()
    assert companies.len() > 0 and companies.str.contains(r"^\d{8}$").all()


def test_pubs_workbook_is_legacy_xls_with_notes_below_the_table(demo_dir: Path) -> None:
    book = xlrd.open_workbook(demo_dir / demo_file("ons__pubs_bars_by_la"), formatting_info=True)
    assert book.sheet_names() == list(PUBS_SHEETS)
    sheet = book.sheet_by_name("Pubs size LA")
    texts = [[_xls_text(cell, book.datemode) for cell in sheet.row(r)] for r in range(sheet.nrows)]

    def blank(row: list[str | None]) -> bool:
        return all(cell is None or not cell.strip() for cell in row)

    assert texts[0][0].startswith("Number of Public Houses and Bars workplaces")
    assert blank(texts[1]) and blank(texts[3])
    assert texts[2][:4] == [
        "Area code",
        "Area name",
        "Number of employees in public house or bar",
        "2001",
    ]
    assert sheet.cell(2, 3).ctype == xlrd.XL_CELL_NUMBER  # years are numbers, as published
    assert (2, 4, 0, 1) in sheet.merged_cells  # header cells span the blank row below
    end = next(r for r in range(4, sheet.nrows) if blank(texts[r]))
    assert texts[end + 1][0].startswith("Source:")
    assert all(not blank(row) for row in texts[4:end])
    # '..' marks suppressed employment; the workplace counts have none.
    cells = [
        book.sheet_by_name(name).cell_value(r, c)
        for name in PUBS_SHEETS[1:3]
        for r in range(book.sheet_by_name(name).nrows)
        for c in range(book.sheet_by_name(name).ncols)
    ]
    assert ".." in cells
    assert ".." not in [cell.value for row in sheet.get_rows() for cell in row]

    frame = read("ons__pubs_bars_by_la", demo_dir)
    areas = frame.group_by("Area code").agg(pl.col(PUBS_BAND).sort())
    assert all(bands == sorted(PUBS_BANDS) for bands in areas.get_column(PUBS_BAND).to_list())
    codes = set(frame.get_column("Area code"))
    assert {"K02000001", "E92000001", "W92000004", "S92000003", "N92000002"} <= codes
    assert {"E07009902", "E07009903", "S12009901", "N09009901"} <= codes  # districts of 2018
    assert "E06009903" not in codes  # created in 2023
    years = [str(year) for year in PUBS_YEARS]
    assert frame.select(pl.all_horizontal(pl.col(years) % 5 == 0).all()).item()
    any_size = frame.filter(pl.col(PUBS_BAND) == "Any number of employees")
    uk = any_size.filter(pl.col("Area code") == "K02000001").row(0, named=True)
    assert uk["2018"] < uk["2001"]  # pubs closing


PUBS_BAND = "Number of employees in public house or bar"


def test_every_english_lsoa_has_an_open_library_within_a_few_km(demo_dir: Path) -> None:
    centroids = centroids_of(demo_dir)
    libraries_2016 = read("dcms__libraries_2016_geocoded", demo_dir)
    gm = read("trafforddatalab__gm_libraries", demo_dir)
    open_points = libraries_2016.filter(pl.col("closed").is_null()).select("lat", "lng").rows()
    open_points += gm.select("lat", "lon").rows()
    english = [code for code in lad23_of(demo_dir) if code.startswith("E")]
    nearest = sorted(
        min(haversine_km(centroids[code], point) for point in open_points) for code in english
    )
    assert nearest[-1] < 60
    assert nearest[len(nearest) // 2] < 5  # median: a few km
    # Closed (XL), closed and replaced (XLR) and temporarily closed (XLT) libraries, and their years.
    closed = libraries_2016.filter(pl.col("closed").is_not_null())
    assert set(closed.get_column("closed")) == {"XL", "XLR", "XLT"}
    assert closed.get_column("closed_year").null_count() == 0
    assert closed.get_column("type").null_count() == closed.height
    replacements = libraries_2016.filter(pl.col("replacement") == "t")
    assert replacements.height == closed.filter(pl.col("closed") == "XLR").height
    assert libraries_2016.get_column("postcode").str.contains(r"^ZY\d\d").any()  # no space
    # Every library a catchment: nearer to some LSOA than any other library.
    assert libraries_2016.get_column("population").drop_nulls().len() >= libraries_2016.height // 2


def test_libraries_2023_match_demo_authorities_and_2016_list(demo_dir: Path) -> None:
    frame = read("acearts__libraries_2023", demo_dir)
    la = read("drkane__la_all_codes", demo_dir)
    current = la.filter(pl.col("Current") == "TRUE", pl.col("LADCD").str.starts_with("E"))
    upper_tiers = {name.lower() for name in current.get_column("UTLANM")}
    authorities = {name.lower() for name in frame.get_column("authority").drop_nulls()}
    # Every English upper tier of 2023 has libraries in the list, matched by name (any case).
    assert authorities == upper_tiers
    assert frame.get_column("authority").null_count() == 1  # the prison library
    operation = frame.get_column("operation_23")
    assert {"LA", "C", "CR", "ICL", "Closed"} <= set(operation)
    closed = frame.filter(pl.col("closed").is_not_null())
    assert closed.height >= 5 and (closed.get_column("operation_23") == "Closed").all()
    opened = frame.filter(pl.col("statutory_10") == "Facility Not Open")
    assert opened.height >= 3 and opened.get_column("opened").is_not_null().all()
    assert frame.get_column("co_located_other_text").drop_nulls().str.contains("\n").any()
    # The 2016 list and the 2023 list share libraries: same postcodes (2016 often without space).
    postcodes_2016 = {
        normalise_postcode(value)
        for value in read("dcms__libraries_2016_geocoded", demo_dir).get_column("postcode")
    }
    postcodes_2023 = set(frame.get_column("postcode"))
    assert postcodes_2016 <= postcodes_2023


def test_gm_libraries_are_the_mockchester_libraries_open_now(demo_dir: Path) -> None:
    gm = read("trafforddatalab__gm_libraries", demo_dir)
    assert set(gm.select("area_code", "area_name").rows()) == {TRAFFORD_LABEL}
    directory = read("ons__postcode_directory", demo_dir)
    lsoa = dict(directory.select("pcds", "lsoa21").rows())
    lad23 = lad23_of(demo_dir)
    assert {lad23[lsoa[postcode]] for postcode in gm.get_column("postcode")} == {"E08009901"}
    libraries_2023 = read("acearts__libraries_2023", demo_dir).filter(
        pl.col("authority") == "Mockchester", pl.col("operation_23") != "Closed"
    )
    assert set(gm.get_column("name")) == set(libraries_2023.get_column("name"))
    points = dict(directory.select("pcds", pl.concat_list("lat", "long")).rows())
    for postcode, lat, lon in gm.select("postcode", "lat", "lon").rows():
        assert haversine_km((lat, lon), tuple(points[postcode])) < 0.1


def test_epraccur_is_headerless_quoted_and_has_practices_of_every_kind(demo_dir: Path) -> None:
    epraccur = get_source("nhs_ods__epraccur").default_layout
    assert epraccur.member is not None
    with zipfile.ZipFile(demo_dir / epraccur.file_name) as archive:
        assert archive.namelist() == [epraccur.member]
        lines = archive.read(epraccur.member).decode("ascii").split("\n")
    assert lines[-1] == "" and all(quoted_fields(line) == [True] * 27 for line in lines[:-1])
    frame = read("nhs_ods__epraccur", demo_dir)
    active_gp = frame.filter((pl.col("Status Code") == "A") & (pl.col("Prescribing Setting") == 4))
    assert active_gp.height >= 0.6 * frame.height
    assert {"A", "C", "D", "P"} <= set(frame.get_column("Status Code"))
    assert len(set(frame.get_column("Prescribing Setting"))) >= 6
    closed = frame.filter(pl.col("Status Code") == "C")
    assert closed.get_column("Close Date").null_count() == 0
    open_ = frame.filter(pl.col("Status Code") != "C")
    assert open_.get_column("Close Date").null_count() == open_.height
    # Welsh practices are grouped W00, English ones by NHS England region; every district has some.
    directory = read("ons__postcode_directory", demo_dir)
    lad = dict(directory.select("pcds", "oslaua").rows())
    for grouping, postcode in frame.select("National Grouping", "Postcode").rows():
        assert (grouping == "W00") == lad[postcode].startswith("W")
    districts = {lad[postcode] for postcode in active_gp.get_column("Postcode")}
    assert districts == set(lad23_of(demo_dir).values())
