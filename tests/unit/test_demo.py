"""The synthetic demo files: readable as every catalog source, consistent, deterministic, and laid out
exactly as the real published files (headers compared with the real files in shared/data)."""

from __future__ import annotations

import csv
import gzip
import io
import json
import re
import zipfile
from collections import Counter
from dataclasses import replace
from datetime import date, datetime, timedelta
from itertools import pairwise
from pathlib import Path

import openpyxl
import polars as pl
import pytest
import xlrd

from ingest import demo
from ingest.catalog import SOURCES, FileLayout, Source, family_sources, get_source
from ingest.catalog_allocations import CRF_SHEETS
from ingest.catalog_legacy import QS405EW_TENURE, TS016_RESIDENCE, TS019_MIGRANT, TS054_TENURE
from ingest.landing import find_in_dir
from ingest.postcodes import normalise_postcode
from ingest.readers import read_source
from ingest.readers.assets import _xls_text
from ingest.readers.tabular import ROW_NUMBER
from ingest.warehouse import REJECT_COLUMNS


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo.ensure_demo_files(tmp_path_factory.mktemp("demo") / "demo_sources")


def read(source_id: str, folder: Path) -> pl.DataFrame:
    source = get_source(source_id)
    return read_source(source, find_in_dir(source, folder))


# ---------------------------------------------------------------------------------------------
# Every source lands and reads
# ---------------------------------------------------------------------------------------------


def test_every_catalog_source_has_a_demo_file() -> None:
    assert set(demo.DEMO_FILES) == {source.source_id for source in SOURCES}
    forms = set()
    for source in SOURCES:
        file_name = demo.DEMO_FILES[source.source_id]
        assert file_name in source.file_names
        forms.add(source.layout_for(file_name).format)
    # Census tables land both as the Nomis bulk zip and as the extracted member.
    assert {"zip", "csv"} <= forms


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.source_id)
def test_source_file_found_by_name_and_read(source: Source, demo_dir: Path) -> None:
    path = find_in_dir(source, demo_dir)
    assert path.name == demo.DEMO_FILES[source.source_id]
    frame = read_source(source, path)
    # The grants reader marks rejects in extra columns the loader moves to meta.rejected_rows.
    rejects = list(REJECT_COLUMNS) if source.reader == "grants" else []
    assert frame.columns == [ROW_NUMBER] + [column.header for column in source.columns] + rejects
    assert frame.height > 0
    for key in source.key:
        assert frame.get_column(key).null_count() == 0
    # Key is unique, as the expectation suites will require.
    assert frame.select(source.key).is_duplicated().sum() == 0


# ---------------------------------------------------------------------------------------------
# Determinism, version stamp and README
# ---------------------------------------------------------------------------------------------


def test_byte_identical_across_runs(demo_dir: Path, tmp_path: Path) -> None:
    again = demo.ensure_demo_files(tmp_path / "again")
    names = sorted(p.name for p in demo_dir.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    for name in names:
        assert (demo_dir / name).read_bytes() == (again / name).read_bytes(), name


def test_rewritten_only_when_missing_or_stale(tmp_path: Path) -> None:
    folder = demo.ensure_demo_files(tmp_path / "demo_sources")
    stamp = folder / demo.VERSION_FILE
    assert stamp.read_text().strip() == demo.DEMO_VERSION
    marker = folder / "marker.txt"
    marker.write_text("kept while the version matches")
    demo.ensure_demo_files(folder)
    assert marker.exists()
    stamp.write_text("an older version\n")
    demo.ensure_demo_files(folder)
    assert not marker.exists()
    assert stamp.read_text().strip() == demo.DEMO_VERSION
    # Nothing is left beside the folder (no staging or retired copies).
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == [
        "demo_sources"
    ]


def test_readme_says_synthetic(demo_dir: Path) -> None:
    text = (demo_dir / demo.README_FILE).read_text(encoding="utf-8")
    assert "SYNTHETIC" in text
    assert "placeindex" in text
    assert "not official statistics" in text.lower()


def test_generation_is_fast(tmp_path: Path) -> None:
    import time

    start = time.perf_counter()
    demo.write_demo_files(tmp_path / "timed")
    assert time.perf_counter() - start < 3.0


# ---------------------------------------------------------------------------------------------
# Geography is consistent across files
# ---------------------------------------------------------------------------------------------


def test_chgind_has_every_change_type(demo_dir: Path) -> None:
    lookup = read("ons__lsoa11_lsoa21_lad22", demo_dir)
    assert set(lookup.get_column("CHGIND")) == {"U", "S", "M", "X"}
    pairs = lookup.select("LSOA11CD", "LSOA21CD", "CHGIND").rows()
    per_old = Counter(old for old, _, _ in pairs)
    per_new = Counter(new for _, new, _ in pairs)
    for old, new, chgind in pairs:
        if chgind == "U":
            assert old == new and per_old[old] == 1 and per_new[new] == 1
        elif chgind == "S":
            assert per_old[old] >= 2 and per_new[new] == 1
        elif chgind == "M":
            assert per_old[old] == 1 and per_new[new] >= 2
        else:
            assert per_old[old] >= 2 and per_new[new] >= 2


def test_lsoa21_sets_agree(demo_dir: Path) -> None:
    lookup = read("ons__lsoa11_lsoa21_lad22", demo_dir)
    wards = read("ons__lsoa21_ward23_lad23", demo_dir)
    assert set(lookup.get_column("LSOA21CD")) == set(wards.get_column("LSOA21CD"))
    assert wards.get_column("ObjectId").to_list() == list(range(1, wards.height + 1))
    english = wards.filter(pl.col("LSOA21CD").str.starts_with("E"))
    assert english.get_column("LSOA21NMW").null_count() == english.height
    welsh = wards.filter(pl.col("LSOA21CD").str.starts_with("W"))
    assert welsh.height > 0 and welsh.get_column("LAD23NMW").null_count() == 0


def test_lsoa11_sets_agree(demo_dir: Path) -> None:
    lookup = set(read("ons__lsoa11_lsoa21_lad22", demo_dir).get_column("LSOA11CD"))
    ward19 = read("ons__lsoa11_ward19_lad19", demo_dir)
    assert lookup == set(ward19.get_column("LSOA11CD"))
    codes = ward19.get_column("LSOA11CD").to_list()
    assert codes != sorted(codes)  # rows not in LSOA order, as published
    assert ward19.get_column("FID").to_list() == list(range(1, ward19.height + 1))
    english = {code for code in lookup if code.startswith("E")}
    for source_id in (
        "mhclg__iod2019_file1",
        "mhclg__iod2019_file2",
        "mhclg__iod2019_file3",
        "mhclg__iod2019_file6",
        "mhclg__iod2019_file9",
    ):
        frame = read(source_id, demo_dir)
        assert set(frame.get_column("LSOA code (2011)")) == english, source_id
    imd = read("ons__imd2019_lookup", demo_dir)
    assert set(imd.get_column("LSOA11CD")) == english


def test_wards_and_districts_resolve(demo_dir: Path) -> None:
    ward_lad = read("ons__ward19_lad19", demo_dir)
    ward_codes = set(ward_lad.get_column("WD19CD"))
    assert {code[:3] for code in ward_codes} == {"E05", "W05", "S13", "N08"}
    assert set(read("ons__lsoa11_ward19_lad19", demo_dir).get_column("WD19CD")) <= ward_codes
    la = read("drkane__la_all_codes", demo_dir)
    lad_codes = set(la.get_column("LADCD"))
    assert set(ward_lad.get_column("LAD19CD")) <= lad_codes
    assert set(read("ons__lsoa11_lsoa21_lad22", demo_dir).get_column("LAD22CD")) <= lad_codes
    assert set(read("ons__lsoa21_ward23_lad23", demo_dir).get_column("LAD23CD")) <= lad_codes
    reorganised = la.filter(pl.col("LADCD") != pl.col("LADCD_ACTIVE"))
    assert reorganised.height >= 1
    assert set(reorganised.get_column("Current")) == {"FALSE"}
    active = set(la.filter(pl.col("Current") == "TRUE").get_column("LADCD"))
    assert set(reorganised.get_column("LADCD_ACTIVE")) <= active


# ---------------------------------------------------------------------------------------------
# IoD2019 values agree with one another
# ---------------------------------------------------------------------------------------------


def test_imd_rank_is_rank_of_weighted_file9_score(demo_dir: Path) -> None:
    file9 = read("mhclg__iod2019_file9", demo_dir)
    score_columns = [f"{name} Score - exponentially transformed" for name in demo.DOMAINS]
    weights = (225, 225, 135, 135, 93, 93, 93)  # Income ... Living Environment, per mille
    scored = sorted(
        (
            -sum(w * round(v * 1000) for w, v in zip(weights, row[1:], strict=True)),
            row[0],
        )
        for row in file9.select("LSOA code (2011)", *score_columns).rows()
    )
    expected = {code: rank for rank, (_, code) in enumerate(scored, start=1)}
    n = len(expected)

    file1 = read("mhclg__iod2019_file1", demo_dir)
    ranks = dict(
        file1.select("LSOA code (2011)", "Index of Multiple Deprivation (IMD) Rank").rows()
    )
    assert ranks == expected
    for code, decile in file1.select(
        "LSOA code (2011)", "Index of Multiple Deprivation (IMD) Decile"
    ).rows():
        assert decile == -(-expected[code] * 10 // n)

    rank_header = "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)"
    for source_id in ("mhclg__iod2019_file2", "mhclg__iod2019_file3"):
        frame = read(source_id, demo_dir)
        assert dict(frame.select("LSOA code (2011)", rank_header).rows()) == expected
    imd = read("ons__imd2019_lookup", demo_dir)
    assert dict(imd.select("LSOA11CD", "IMD19").rows()) == expected


def test_domain_ranks_follow_transformed_scores(demo_dir: Path) -> None:
    file9 = read("mhclg__iod2019_file9", demo_dir).sort("LSOA code (2011)")
    file2 = read("mhclg__iod2019_file2", demo_dir).sort("LSOA code (2011)")
    n = file9.height
    file2_names = (
        "Income",
        "Employment",
        "Education, Skills and Training",
        "Health Deprivation and Disability",
        "Crime",
        "Barriers to Housing and Services",
        "Living Environment",
    )
    for short, name in zip(demo.DOMAINS, file2_names, strict=True):
        scores = file9.get_column(f"{short} Score - exponentially transformed")
        assert 0 < scores.min() and scores.max() < 100
        ranks = file2.get_column(f"{name} Rank (where 1 is most deprived)")
        assert sorted(ranks.to_list()) == list(range(1, n + 1))
        # Higher transformed score = more deprived = smaller rank.
        by_rank = scores.gather(ranks.arg_sort()).to_list()
        assert by_rank == sorted(by_rank, reverse=True)


def test_population_parts_sum_to_total(demo_dir: Path) -> None:
    file6 = read("mhclg__iod2019_file6", demo_dir)
    total, children, middle, older, working = (
        c.header for c in get_source("mhclg__iod2019_file6").columns[4:]
    )
    assert (file6[children] + file6[middle] + file6[older] == file6[total]).all()
    assert file6[total].min() >= 1000 and file6[total].max() <= 3000
    fractions = set((file6[working] % 1).to_list())
    assert fractions <= {0.0, 0.25, 0.5, 0.75} and len(fractions) > 1


# ---------------------------------------------------------------------------------------------
# Encodings and layout: the quirks are really there, and headers equal the real files'
# ---------------------------------------------------------------------------------------------


def test_cp1252_lookup_is_not_utf8(demo_dir: Path) -> None:
    data = (demo_dir / demo.LSOA11_LSOA21).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "ô" in data.decode("cp1252")
    assert not data.startswith(b"\xef\xbb\xbf")


def test_ward23_lookup_is_utf8_with_bom(demo_dir: Path) -> None:
    data = (demo_dir / demo.LSOA21_WARD23).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "ô".encode() in data and b"\r\n" not in data


def _preamble_rows(layout: FileLayout) -> int:
    """Lines above the header (or, in a file without one, above the first data row)."""
    return layout.header_row


def _has_header(layout: FileLayout) -> bool:
    return layout.has_header


def _csv_header(data: bytes, layout: FileLayout) -> list[str]:
    """The header's cells; for a file without a header row, its first row's shape instead (the
    number of fields and which are quoted), since its cells are data."""
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    encoding = layout.encoding if layout.encoding != "utf-8" else "utf-8-sig"
    first_line = data.decode(encoding).splitlines()[_preamble_rows(layout)]
    if not _has_header(layout):
        return [
            f"field {n}: {'quoted' if q else 'bare'}"
            for n, q in enumerate(_quoted_fields(first_line))
        ]
    return next(csv.reader(io.StringIO(first_line)))


def _xls_header(path: Path, layout: FileLayout) -> tuple[list[str], list[str]]:
    """A legacy workbook's header row (cells as the reader sees them) and its sheet names."""
    book = xlrd.open_workbook(path, on_demand=True)
    try:
        sheet = book.sheet_by_name(layout.sheet)
        row = sheet.row(_preamble_rows(layout))
        header = [_xls_text(cell, book.datemode) for cell in row]
        return [text for text in header if text is not None], list(book.sheet_names())
    finally:
        book.release_resources()


def _xlsx_header(path: Path, layout: FileLayout) -> tuple[list[str], list[str]]:
    """The header row's cells (below any title rows); for a table over several sheets, every
    sheet's header in order, each after its sheet's name."""
    sheets = layout.sheet_names
    header_row = _preamble_rows(layout) + 1
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        header: list[str] = []
        for sheet in sheets:
            rows = workbook[sheet].iter_rows(
                min_row=header_row, max_row=header_row, values_only=True
            )
            cells = [value for value in next(rows) if value is not None]
            header += cells if len(sheets) == 1 else [f"sheet {sheet!r}:", *cells]
        return header, list(workbook.sheetnames)
    finally:
        workbook.close()


def _workbook_shape(path: Path, layout: FileLayout) -> list[tuple[str, list[bool], int]]:
    """Per sheet of the table: which rows above the header are blank, and how many columns the
    used range has (empty columns without a header included)."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        shape = []
        for sheet in layout.sheet_names:
            worksheet = workbook[sheet]
            blank: list[bool] = []
            if layout.header_row:  # (max_row=0 would mean every row)
                above = worksheet.iter_rows(max_row=layout.header_row, values_only=True)
                blank = [all(value is None for value in row) for row in above]
            shape.append((sheet, blank, worksheet.max_column))
        return shape
    finally:
        workbook.close()


def _layout_of(source: Source, file_name: str) -> FileLayout:
    """The layout of a source's file; a stand-in real file is read as the source's CSV form."""
    try:
        return source.layout_for(file_name)
    except KeyError:
        return next(layout for layout in source.layouts if layout.format == "csv")


def _table(path: Path, source: Source) -> tuple[bytes, FileLayout]:
    """The bytes of the table a file holds (for a zip, its member's) and their layout."""
    layout = _layout_of(source, path.name)
    if layout.format != "zip":
        return path.read_bytes(), layout
    assert layout.member is not None
    with zipfile.ZipFile(path) as archive:
        data = archive.read(layout.member)
    member = replace(layout, file_name=layout.member, format=layout.member_format, member=None)
    return data, member


def _json_header(data: bytes) -> list[str]:
    """A JSON file's 'header': its top-level keys in order, then its first grant's keys as a set
    (grants from different funders carry different keys, so only the first is comparable); for a
    GeoJSON FeatureCollection, its name and CRS, then its first feature's keys, property names and
    geometry type, in order."""
    document = json.loads(data)
    if document.get("type") == "FeatureCollection":
        first = document["features"][0]
        return [
            *document,
            f"| name: {document.get('name')}",
            f"| crs: {json.dumps(document.get('crs'))}",
            "| first feature:",
            *first,
            "| properties:",
            *first["properties"],
            f"| geometry: {first['geometry']['type']}",
        ]
    first = (document.get("grants") or document.get("results"))[0]
    return [*document, "| first grant:", *sorted(first)]


def _json_style(data: bytes) -> tuple[int, bool, bool]:
    """(indent, ends with a newline, bytes are exactly json.dumps of the content with that indent
    and ASCII escapes): what decides the bytes of a JSON file besides its content."""
    second_line = data.split(b"\n")[1]
    indent = len(second_line) - len(second_line.lstrip(b" "))
    newline = data.endswith(b"\n")
    dumped = json.dumps(json.loads(data), indent=indent) + ("\n" if newline else "")
    return indent, newline, dumped.encode("ascii") == data


def _header_of(path: Path, source: Source) -> tuple[list[str], list[str] | None]:
    data, layout = _table(path, source)
    if layout.format == "xlsx":
        return _xlsx_header(path, layout)
    if layout.format == "xls":
        return _xls_header(path, layout)
    if layout.format == "json":
        return _json_header(data), None
    return _csv_header(data, layout), None


# Levels of which shared/data holds no real file: a sibling level's file, which Nomis writes in
# the same layout.
_REAL_LAYOUT_STAND_IN = {
    "ons__census2021_ts054_ctry": "census2021-ts054-lsoa.csv",
    "ons__census2021_ts054_rgn": "census2021-ts054-lsoa.csv",
    "ons__census2021_ts054_ltla": "census2021-ts054-lsoa.csv",
    "ons__census2011_qs405ew_lsoa": "QS405EW_tenure-households_msoa2011.csv",
}


def _real_file_or_none(source: Source, shared_data: Path) -> Path | None:
    names = [*source.file_names, *(layout.member for layout in source.layouts if layout.member)]
    stand_in = _REAL_LAYOUT_STAND_IN.get(source.source_id)
    if stand_in is not None:
        names.append(stand_in)
    for file_name in names:
        matches = sorted(shared_data.rglob(file_name))
        if matches:
            return matches[0]
    return None


def _real_file(source: Source, shared_data: Path) -> Path:
    real = _real_file_or_none(source, shared_data)
    assert real is not None, (
        f"{source.source_id}: no real file {source.file_names} in {shared_data}"
    )
    return real


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.source_id)
def test_header_identical_to_real_file(source: Source, demo_dir: Path, shared_data: Path) -> None:
    # `shared_data` (conftest) fails, never skips, when the real files are missing.
    real = _real_file_or_none(source, shared_data)
    ours = demo_dir / demo.DEMO_FILES[source.source_id]
    demo_header, demo_sheets = _header_of(ours, source)
    if real is None:
        assert not source.required, f"{source.source_id}: no real file in {shared_data}"
        catalog = [column.header for column in source.columns]
        if source.source_id == "ons__postcode_directory":
            # The national postcode directory is too big for the shared folder: its demo header is
            # the published column list, lat at 0-based position 41 where users of the February
            # 2025 release index it.
            assert demo_header == demo.ONSPD_HEADER and len(set(demo_header)) == len(demo_header)
            assert set(catalog) <= set(demo_header)
            assert demo_header.index("lat") == 41 and demo_header.index("long") == 42
            return
        # Other optional sources with no copy at hand (IoD2025 Files 2-9): the demo header holds
        # the catalog's columns, in the catalog's order, once each (their notes say what else was
        # taken from research rather than from a file).
        assert len(set(demo_header)) == len(demo_header)
        assert [header for header in demo_header if header in set(catalog)] == catalog
        return
    real_header, real_sheets = _header_of(real, source)
    assert demo_header == real_header
    if real_sheets is not None and demo_sheets is not None:
        assert demo_sheets == real_sheets
    real_bytes, real_layout = _table(real, source)
    demo_bytes, demo_layout = _table(ours, source)
    if real_layout.format == demo_layout.format == "csv":
        assert demo_bytes.startswith(b"\xef\xbb\xbf") == real_bytes.startswith(b"\xef\xbb\xbf")
        assert (b"\r\n" in demo_bytes) == (b"\r\n" in real_bytes)
        assert demo_bytes.endswith(b"\n") == real_bytes.endswith(b"\n")
        real_utf8 = _decodes(real_bytes, "utf-8")
        assert _decodes(demo_bytes, "utf-8") == real_utf8
        # The same quoting, not just the same cells: Nomis quotes some tables' text and not others'.
        # Above the header, the same number of lines, blank where the real file's are blank.
        first = _preamble_rows(real_layout)
        demo_lines, real_lines = _lines(demo_bytes, demo_layout), _lines(real_bytes, real_layout)
        assert [line == "" for line in demo_lines[:first]] == [
            line == "" for line in real_lines[:first]
        ]
        if _has_header(real_layout):
            assert demo_lines[first] == real_lines[first]
        else:
            assert _quoted_fields(demo_lines[first]) == _quoted_fields(real_lines[first])
    if real_layout.format == demo_layout.format == "json":
        assert _json_style(demo_bytes) == _json_style(real_bytes)
    if real_layout.format == demo_layout.format == "xlsx":
        # Title rows (blank where the real ones are) and the used range's width.
        assert _workbook_shape(ours, demo_layout) == _workbook_shape(real, real_layout)


def _lines(data: bytes, layout: FileLayout) -> list[str]:
    encoding = layout.encoding if layout.encoding != "utf-8" else "utf-8-sig"
    return data.decode(encoding).splitlines()


def _quoted_fields(line: str) -> list[bool]:
    """Whether each field of a CSV line is written in quotes."""
    quoted: list[bool] = []
    position = 0
    while True:
        if line.startswith('"', position):
            end = position + 1
            while True:
                end = line.index('"', end)
                if not line.startswith('""', end):
                    break
                end += 2
            quoted.append(True)
            position = end + 1
        else:
            end = line.find(",", position)
            quoted.append(False)
            position = len(line) if end < 0 else end
        if position >= len(line):
            return quoted
        position += 1


CENSUS_SOURCES = [source for source in SOURCES if {"census", "population"} & set(source.tags)]


@pytest.mark.parametrize("source", CENSUS_SOURCES, ids=lambda source: source.source_id)
def test_data_rows_quoted_like_real_file(source: Source, demo_dir: Path, shared_data: Path) -> None:
    real_bytes, real_layout = _table(_real_file(source, shared_data), source)
    demo_bytes, demo_layout = _table(demo_dir / demo.DEMO_FILES[source.source_id], source)
    # First data rows: neither has a comma in a name, so quoting there is the layout's own.
    real_row = _lines(real_bytes, real_layout)[1]
    demo_row = _lines(demo_bytes, demo_layout)[1]
    assert _quoted_fields(demo_row) == _quoted_fields(real_row)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Census tables: categories add up, levels agree, geography matches the lookups
# ---------------------------------------------------------------------------------------------

TS054_LEVEL_IDS = [f"ons__census2021_ts054_{level}" for level in demo.TS054_LEVELS]
TS054_SUBTOTALS = {
    TS054_TENURE[0]: [TS054_TENURE[i] for i in (2, 3, 5, 7, 8, 10, 11, 12)],
    TS054_TENURE[1]: [TS054_TENURE[2], TS054_TENURE[3]],
    TS054_TENURE[4]: [TS054_TENURE[5]],
    TS054_TENURE[6]: [TS054_TENURE[7], TS054_TENURE[8]],
    TS054_TENURE[9]: [TS054_TENURE[10], TS054_TENURE[11]],
}
QS405EW_SUBTOTALS = {
    QS405EW_TENURE[0]: [QS405EW_TENURE[i] for i in (2, 3, 4, 6, 7, 9, 10, 11, 12, 13)],
    QS405EW_TENURE[1]: [QS405EW_TENURE[2], QS405EW_TENURE[3]],
    QS405EW_TENURE[5]: [QS405EW_TENURE[6], QS405EW_TENURE[7]],
    QS405EW_TENURE[8]: [QS405EW_TENURE[i] for i in (9, 10, 11, 12)],
}


def _assert_adds_up(frame: pl.DataFrame, subtotals: dict[str, list[str]]) -> None:
    counts = [column for parts in subtotals.values() for column in parts]
    assert frame.select(pl.min_horizontal(counts).min()).item() >= 0
    for total, parts in subtotals.items():
        wrong = frame.filter(pl.col(total) != pl.sum_horizontal(parts))
        assert wrong.height == 0, (total, wrong.head(3))


def _msoa_of(name: pl.Expr) -> pl.Expr:
    return name.str.slice(0, name.str.len_chars() - 1)


@pytest.mark.parametrize("source_id", TS054_LEVEL_IDS)
def test_ts054_leaves_add_up_in_every_row(source_id: str, demo_dir: Path) -> None:
    _assert_adds_up(read(source_id, demo_dir), TS054_SUBTOTALS)


@pytest.mark.parametrize("level", ["msoa", "lsoa"])
def test_qs405ew_leaves_add_up_in_every_row(level: str, demo_dir: Path) -> None:
    frame = read(f"ons__census2011_qs405ew_{level}", demo_dir)
    _assert_adds_up(frame, QS405EW_SUBTOTALS)
    assert set(frame.get_column("Rural Urban")) == {"Total"}


def test_ts054_higher_levels_are_perturbed_lsoa_sums(demo_dir: Path) -> None:
    lad22 = read("ons__lsoa11_lsoa21_lad22", demo_dir).select("LSOA21CD", "LAD22CD").unique()
    la = read("drkane__la_all_codes", demo_dir).select(
        pl.col("LADCD").alias("LAD22CD"),
        # Wales is published as a region of its own, under its country code.
        pl.coalesce(pl.col("RGNCD").replace("", None), pl.col("CTRYCD")).alias("rgn"),
        pl.col("CTRYCD").alias("ctry"),
    )
    lsoas = (
        read("ons__census2021_ts054_lsoa", demo_dir)
        .join(lad22, left_on="geography code", right_on="LSOA21CD", how="left")
        .join(la, on="LAD22CD", how="left")
        .with_columns(msoa=_msoa_of(pl.col("geography")), ltla=pl.col("LAD22CD"))
    )
    assert lsoas.select(pl.col("ltla", "rgn", "ctry").null_count()).row(0) == (0, 0, 0)
    perturbed_cells = 0
    for level in ("msoa", "ltla", "rgn", "ctry"):
        key = "geography" if level == "msoa" else "geography code"
        published = read(f"ons__census2021_ts054_{level}", demo_dir)
        exact = lsoas.group_by(level).agg(pl.col(TS054_TENURE).sum())
        assert set(published.get_column(key)) == set(exact.get_column(level)), level
        joined = published.join(exact, left_on=key, right_on=level, suffix="_exact")
        differences = joined.select(
            [(pl.col(c) - pl.col(f"{c}_exact")).abs().max().alias(c) for c in TS054_TENURE]
        ).row(0)
        assert max(differences) <= 3, (level, differences)
        perturbed_cells += joined.select(
            sum((pl.col(c) != pl.col(f"{c}_exact")).sum() for c in TS054_TENURE)
        ).item()
    # Not the exact sums: a pipeline that checks levels must use a tolerance, as with real data.
    assert perturbed_cells > 0
    # Wales is one area published twice; cell keys give it the same numbers both times.
    wales = [
        read(f"ons__census2021_ts054_{level}", demo_dir)
        .filter(pl.col("geography code") == "W92000004")
        .drop(ROW_NUMBER)
        .rows()
        for level in ("rgn", "ctry")
    ]
    assert wales[0] == wales[1] and len(wales[0]) == 1


def test_ts054_lsoas_are_the_demo_lsoa21s(demo_dir: Path) -> None:
    lsoas = read("ons__census2021_ts054_lsoa", demo_dir)
    ward23 = read("ons__lsoa21_ward23_lad23", demo_dir)
    lookup = read("ons__lsoa11_lsoa21_lad22", demo_dir)
    names = dict(lsoas.select("geography code", "geography").rows())
    assert names == dict(ward23.select("LSOA21CD", "LSOA21NM").rows())
    assert set(names) == set(lookup.get_column("LSOA21CD"))
    msoas = read("ons__census2021_ts054_msoa", demo_dir)
    assert {name[:-1] for name in names.values()} == set(msoas.get_column("geography"))
    for code, name in msoas.select("geography code", "geography").rows():
        assert re.fullmatch(r"[EW]029\d{5}", code), code
        country = {lsoa_code[0] for lsoa_code, lsoa in names.items() if lsoa[:-1] == name}
        assert country == {code[0]}, name


def test_qs405ew_msoas_are_exact_sums_of_lsoa11s(demo_dir: Path) -> None:
    lsoas = read("ons__census2011_qs405ew_lsoa", demo_dir)
    lookup = read("ons__lsoa11_lsoa21_lad22", demo_dir)
    assert dict(lsoas.select("geography code", "geography").rows()) == dict(
        lookup.select("LSOA11CD", "LSOA11NM").rows()
    )
    exact = lsoas.group_by(_msoa_of(pl.col("geography")).alias("geography")).agg(
        pl.col(QS405EW_TENURE).sum()
    )
    msoas = read("ons__census2011_qs405ew_msoa", demo_dir)
    assert msoas.get_column("geography").is_unique().all()
    assert exact.sort("geography").rows() == (
        msoas.select("geography", *QS405EW_TENURE).sort("geography").rows()
    )


def test_msoa_code_kept_exactly_when_its_lsoas_are_unchanged(demo_dir: Path) -> None:
    def by_msoa(source_id: str) -> dict[str, set[str]]:
        frame = read(source_id, demo_dir).select(
            _msoa_of(pl.col("geography")).alias("msoa"), "geography code"
        )
        return {
            msoa: set(codes) for msoa, codes in frame.group_by("msoa").agg("geography code").rows()
        }

    lsoas11 = by_msoa("ons__census2011_qs405ew_lsoa")
    lsoas21 = by_msoa("ons__census2021_ts054_lsoa")
    code11 = dict(
        read("ons__census2011_qs405ew_msoa", demo_dir).select("geography", "geography code").rows()
    )
    code21 = dict(
        read("ons__census2021_ts054_msoa", demo_dir).select("geography", "geography code").rows()
    )
    assert set(lsoas11) == set(lsoas21) == set(code11) == set(code21)
    kept = {name for name in code11 if code11[name] == code21[name]}
    assert kept == {name for name in code11 if lsoas11[name] == lsoas21[name]}
    assert 0 < len(kept) < len(code11)
    # A changed MSOA's 2011 code is not reused for another area in 2021.
    assert len(set(code11.values()) | set(code21.values())) == len(code11) + len(code11) - len(kept)


def test_tenure_leans_with_deprivation_and_private_renting_grew(demo_dir: Path) -> None:
    imd = read("ons__imd2019_lookup", demo_dir).select("LSOA11CD", "IMD19")
    n = imd.height
    ts054 = read("ons__census2021_ts054_lsoa", demo_dir)
    qs405ew = read("ons__census2011_qs405ew_lsoa", demo_dir)
    tenure = TS054_TENURE
    joined = (
        imd.join(ts054, left_on="LSOA11CD", right_on="geography code")  # unchanged LSOAs
        .join(qs405ew, left_on="LSOA11CD", right_on="geography code", suffix="_2011")
        .with_columns(
            social=pl.col(tenure[6]) / pl.col(tenure[0]),
            private21=pl.col(tenure[9]) / pl.col(tenure[0]),
            private11=pl.col(QS405EW_TENURE[8]) / pl.col(QS405EW_TENURE[0]),
        )
    )
    assert joined.height > 0.8 * n
    most = joined.filter(pl.col("IMD19") <= n // 5).get_column("social").mean()
    least = joined.filter(pl.col("IMD19") > n - n // 5).get_column("social").mean()
    assert most > 2 * least
    growth = joined.get_column("private21") - joined.get_column("private11")
    assert growth.mean() > 0.02
    assert growth.std() > 0.02 and (growth < 0).any()


def test_ts019_and_ts016_categories_add_up_to_totals(demo_dir: Path) -> None:
    ts019 = read("ons__census2021_ts019_lsoa", demo_dir)
    ts016 = read("ons__census2021_ts016_lsoa", demo_dir)
    _assert_adds_up(ts019, {TS019_MIGRANT[0]: list(TS019_MIGRANT[1:])})
    _assert_adds_up(ts016, {TS016_RESIDENCE[0]: list(TS016_RESIDENCE[1:])})
    lsoa21 = set(read("ons__census2021_ts054_lsoa", demo_dir).get_column("geography code"))
    assert (
        set(ts019.get_column("geography code")) == set(ts016.get_column("geography code")) == lsoa21
    )
    total, same, student, within, outside = TS019_MIGRANT
    shares = ts019.select(
        pl.col(total),
        (pl.col(same) / pl.col(total)).alias("same"),
        (pl.col(within) / pl.col(total)).alias("within"),
        (pl.col(outside) / pl.col(total)).alias("outside"),
        (pl.col(student) / pl.col(total)).alias("student"),
    )
    assert shares[total].min() >= 1200 and shares[total].max() <= 2600
    assert shares["same"].min() > 0.75
    assert 0.035 <= shares["within"].min() and shares["within"].max() <= 0.175
    assert shares["outside"].max() <= 0.03 and shares["student"].max() <= 0.05
    # TS016 counts all usual residents, TS019 only those aged 1 and over.
    both = ts019.join(ts016, on="geography code")
    ratio = both.get_column(TS016_RESIDENCE[0]) / both.get_column(total)
    assert ratio.min() > 1.0 and ratio.max() < 1.02


def test_census_zips_hold_their_members_at_the_root(demo_dir: Path) -> None:
    for source in SOURCES:
        layout = source.layout_for(demo.DEMO_FILES[source.source_id])
        if layout.format != "zip":
            continue
        with zipfile.ZipFile(demo_dir / layout.file_name) as archive:
            assert layout.member in archive.namelist()
            assert {info.date_time for info in archive.infolist()} == {demo._ZIP_TIME}


def test_population_2019_layout_and_values(demo_dir: Path) -> None:
    data = (demo_dir / demo.POPULATION_2019).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" not in data
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[0] == "lsoa,pop"
    styles: set[tuple[str, str, str]] = set()
    for line in lines[1:]:
        code, value = line.split(",", 1)
        number = int(value.strip('"').replace(",", ""))
        if re.fullmatch(r'"\d{1,3}(,\d{3})+"', value):
            written = "quoted with separator"
        else:
            assert re.fullmatch(r"\d+", value), line
            written = "plain"
        country = "E/W" if code[0] in "EW" else "S/NI"
        styles.add((country, "1,000 or more" if number >= 1000 else "under 1,000", written))
    # As published: only English and Welsh values of 1,000 or more are quoted with a separator.
    assert styles == {
        ("E/W", "1,000 or more", "quoted with separator"),
        ("E/W", "under 1,000", "plain"),
        ("S/NI", "1,000 or more", "plain"),
        ("S/NI", "under 1,000", "plain"),
    }

    population = dict(read("mysociety__population_2019", demo_dir).select("lsoa", "pop").rows())
    lsoa11 = set(read("ons__lsoa11_lsoa21_lad22", demo_dir).get_column("LSOA11CD"))
    assert {code for code in population if code[0] in "EW"} == lsoa11
    assert any(code.startswith("S01") for code in population)
    assert any(re.fullmatch(r"95[A-Z]{2}\d{2}[SW]\d", code) for code in population)
    file6 = read("mhclg__iod2019_file6", demo_dir)
    for code, mid2015 in file6.select(
        "LSOA code (2011)", "Total population: mid 2015 (excluding prisoners)"
    ).rows():
        assert 0.95 <= population[code] / mid2015 <= 1.06, code


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
    document = json.loads((demo_dir / demo.DEMO_FILES[source_id]).read_bytes())
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

    real = _real_file(source, shared_data).read_bytes()
    ours = (demo_dir / demo.DEMO_FILES[source_id]).read_bytes()
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
    amounts = (demo_dir / demo.TRAFFORD_GRANTS).read_text(encoding="utf-8")
    assert re.search(r",GBP,,\d+\.\d{1,2},,\d{4}-\d\d-\d\d,", amounts)  # pence, ISO dates


def test_oxford_layout_council_extras(demo_dir: Path) -> None:
    text = (demo_dir / demo.OXFORD_GRANTS).read_text(encoding="utf-8")
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
    data = (demo_dir / demo.INDIGO_GRANTS).read_bytes()
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
        (demo.LLOYDS_NO_DESCRIPTION, "Description", None),
        (demo.LLOYDS_NO_RECIPIENT_ID, "Recipient Org:Identifier", None),
    ]
    # The rejected grants are otherwise complete: named recipient, money, date.
    assert marked.get_column("recipient_name").null_count() == 0
    assert marked.get_column("amount_awarded").null_count() == 0

    workbook = openpyxl.load_workbook(demo_dir / demo.LLOYDS_GRANTS)
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
    assert {grant["awardDate"] for grant in grants} == {demo.NLCF_AWARD_DATE}
    assert re.fullmatch(r"\d{4}-03-31T23:00:00\.000Z", demo.NLCF_AWARD_DATE)
    published = date.fromisoformat(demo.NLCF_AWARD_DATE[:10])
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


def test_demo_postcodes_are_valid_made_up_and_in_demo_lsoas(demo_dir: Path) -> None:
    geography = demo.build_geography()
    postcodes = demo.demo_postcodes(geography)
    assert postcodes == demo.demo_postcodes(demo.build_geography())  # deterministic
    for postcode in postcodes:
        assert normalise_postcode(postcode) == postcode  # the UK format, as normalised
        assert re.fullmatch(r"ZY[1-9] \d[A-Z]{2}", postcode)
    lsoa21 = set(read("ons__lsoa21_ward23_lad23", demo_dir).get_column("LSOA21CD"))
    assert set(postcodes.values()) == lsoa21  # every demo LSOA 2021, and nothing else
    # One postcode district per demo district: ZY1 is Synthetown's.
    lad = dict(read("ons__lsoa21_ward23_lad23", demo_dir).select("LSOA21CD", "LAD23CD").rows())
    by_district = {postcode.split()[0]: set() for postcode in postcodes}
    for postcode, code in postcodes.items():
        by_district[postcode.split()[0]].add(code)
    assert all(lad[code] == "E06009901" for code in by_district["ZY1"])


@pytest.mark.parametrize("source_id", GRANT_IDS)
def test_every_well_formed_grant_postcode_is_a_demo_postcode(
    source_id: str, demo_dir: Path
) -> None:
    postcodes = demo.demo_postcodes(demo.build_geography())
    frame = read(source_id, demo_dir).filter(pl.col("recipient_postcode").is_not_null())
    for raw, normalised in frame.select(
        "recipient_postcode", "recipient_postcode_normalised"
    ).rows():
        if normalised is not None:
            assert normalised in postcodes, raw


def test_lloyds_postcodes_include_mistyped_ones(demo_dir: Path) -> None:
    postcodes = demo.demo_postcodes(demo.build_geography())
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
        demo.DUPLICATE_GRANT_ID: [
            "trafford__grants_360giving",
            "threesixtygiving__covid19_tracker_2020",
        ]
    }
    # The same grant both times: money, date and recipient agree.
    columns = ["amount_awarded", "award_date", "recipient_id", "funder_id"]
    copies = [
        frames[source_id].filter(pl.col("grant_id") == demo.DUPLICATE_GRANT_ID).select(columns)
        for source_id in shared[demo.DUPLICATE_GRANT_ID]
    ]
    assert copies[0].rows() == copies[1].rows()


# ---------------------------------------------------------------------------------------------
# Survey, social infrastructure and postcode geography: layouts, and the files agree
# ---------------------------------------------------------------------------------------------

ASSET_POSTCODES = [
    ("nhs_ods__epraccur", "Postcode"),
    ("acearts__libraries_2023", "postcode"),
    ("dcms__libraries_2016_geocoded", "postcode"),
    ("trafforddatalab__gm_libraries", "postcode"),
    ("trafforddatalab__charities_trafford", "charity_contact_postcode"),
    ("trafforddatalab__trafford_postcodes", "postcode"),
]


def _centroids(demo_dir: Path) -> dict[str, tuple[float, float]]:
    frame = read("drkane__lsoa_latlong", demo_dir)
    return {
        code: (lat, lon)
        for code, lat, lon in frame.select("LSOACD", "latitude", "longitude").rows()
    }


def _lad23(demo_dir: Path) -> dict[str, str]:
    return dict(read("ons__lsoa21_ward23_lad23", demo_dir).select("LSOA21CD", "LAD23CD").rows())


def test_postcode_directory_places_every_demo_postcode(demo_dir: Path) -> None:
    postcodes = demo.demo_postcodes(demo.build_geography())
    directory = read("ons__postcode_directory", demo_dir)
    live = directory.filter(pl.col("doterm").is_null())
    assert dict(live.select("pcds", "lsoa21").rows()) == postcodes
    assert (directory.get_column("pcd").str.len_chars() == 7).all()
    terminated = directory.filter(pl.col("doterm").is_not_null())
    assert terminated.height >= 9
    assert (terminated.get_column("doterm") > terminated.get_column("dointr")).all()
    no_grid = directory.filter(pl.col("pcds") == demo.NO_GRID_POSTCODE).row(0, named=True)
    assert (no_grid["lat"], no_grid["long"]) == (99.999999, 0.0)

    placed = directory.filter(pl.col("lat") < 99)
    # Each postcode's LSOA 2011 is one the LSOA 2021 came from; its district is the 2023 one.
    pairs = set(read("ons__lsoa11_lsoa21_lad22", demo_dir).select("LSOA11CD", "LSOA21CD").rows())
    lad23 = _lad23(demo_dir)
    centroids = _centroids(demo_dir)
    for lsoa11, lsoa21, oslaua, lat, lon in placed.select(
        "lsoa11", "lsoa21", "oslaua", "lat", "long"
    ).rows():
        assert (lsoa11, lsoa21) in pairs
        assert oslaua == lad23[lsoa21]
        assert demo.haversine_km((lat, lon), centroids[lsoa21]) < 0.5
    # Merged districts' postcodes are in the new unitary authority.
    assert "E06009903" in set(placed.get_column("oslaua"))
    assert not {"E07009902", "E07009903"} & set(placed.get_column("oslaua"))


def test_postcode_directory_quotes_text_and_leaves_numbers_and_blanks_bare(demo_dir: Path) -> None:
    with zipfile.ZipFile(demo_dir / demo.ONSPD_ZIP) as archive:
        assert archive.namelist() == [demo.ONSPD_MEMBER]
        lines = archive.read(demo.ONSPD_MEMBER).decode("utf-8").splitlines()
    assert lines[0] == ",".join(demo.ONSPD_HEADER)
    header = demo.ONSPD_HEADER
    fields = next(csv.reader(io.StringIO(lines[1])))
    quoted = _quoted_fields(lines[1])
    for name in ("pcd", "pcds", "dointr", "oslaua", "lsoa11", "lsoa21", "usertype"):
        assert quoted[header.index(name)], name
    for name in ("lat", "long", "imd", "doterm"):
        assert not quoted[header.index(name)], name
    assert fields[header.index("doterm")] == ""


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


def test_survey_file_is_windows_1252_below_a_disclaimer(demo_dir: Path) -> None:
    data = (demo_dir / demo.SURVEY_INDICATORS).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    text = data.decode("cp1252")
    assert "£" in text and "16–64" in text  # bytes 0xA3 and 0x96
    lines = text.split("\n")
    assert lines[0] == demo.SURVEY_PREAMBLE and lines[1] == ""
    assert lines[2] == ",".join(demo.SURVEY_HEADER)
    frame = read("ons__subnational_indicators", demo_dir)
    assert frame.get_column("_row_number").min() == 4  # rows counted from the disclaimer
    life = frame.filter(pl.col("Indicator") == "Average life satisfaction ratings")
    assert set(life.get_column("Period")) == {"202021"}
    assert 6 < life.get_column("Value").min() and life.get_column("Value").max() < 9
    # Values with thousands separators are quoted and read as numbers.
    assert re.search(r',"\d{1,2},\d{3}",', text)
    assert frame.get_column("Value").max() > 1000
    # Well-being rows name Welsh districts with a trailing space, as published.
    welsh = life.filter(pl.col("AREACD").str.starts_with("W06"))
    assert welsh.height == 2 and welsh.get_column("AREANM").str.ends_with(" ").all()


def test_survey_leaves_out_one_district_and_suppresses_one_value(demo_dir: Path) -> None:
    frame = read("ons__subnational_indicators", demo_dir)
    districts = frame.filter(pl.col("AREACD").str.contains(r"^E0[6-9]"))
    codes = {
        indicator: set(group.get_column("AREACD"))
        for (indicator,), group in districts.group_by("Indicator")
    }
    left_out, indicator = demo.SURVEY_LEFT_OUT
    assert left_out not in codes[indicator]
    # ... though the publisher gives the other districts of the nation, and this one elsewhere.
    assert len(codes[indicator]) >= 6
    assert all(left_out in found for name, found in codes.items() if name != indicator)
    la = read("drkane__la_all_codes", demo_dir)
    assert la.filter(pl.col("LADCD") == left_out).get_column("Current").to_list() == ["TRUE"]
    # A published 'NA' for a suppressed value, and one row under a neighbour's code.
    code, name = demo.SURVEY_NA
    suppressed = frame.filter((pl.col("AREACD") == code) & (pl.col("Indicator") == name))
    assert suppressed.get_column("Value").to_list() == [None]
    named, written, indicator = demo.SURVEY_MISLABELLED
    rows = frame.filter((pl.col("AREACD") == written) & (pl.col("Indicator") == indicator))
    names = dict(la.select("LADCD", "LADNM").rows())
    assert sorted(rows.get_column("AREANM")) == sorted([names[named], names[written]])
    # District values on the codes of 2022: the two districts merged in 2023 still separate.
    assert {"E07009902", "E07009903"} <= set(districts.get_column("AREACD"))
    assert "E06009903" not in set(frame.get_column("AREACD"))


def test_pubs_workbook_is_legacy_xls_with_notes_below_the_table(demo_dir: Path) -> None:
    book = xlrd.open_workbook(demo_dir / demo.PUBS_XLS, formatting_info=True)
    assert book.sheet_names() == list(demo.PUBS_SHEETS)
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
        for name in demo.PUBS_SHEETS[1:3]
        for r in range(book.sheet_by_name(name).nrows)
        for c in range(book.sheet_by_name(name).ncols)
    ]
    assert ".." in cells
    assert ".." not in [cell.value for row in sheet.get_rows() for cell in row]

    frame = read("ons__pubs_bars_by_la", demo_dir)
    areas = frame.group_by("Area code").agg(pl.col(PUBS_BAND).sort())
    assert all(bands == sorted(demo.PUBS_BANDS) for bands in areas.get_column(PUBS_BAND).to_list())
    codes = set(frame.get_column("Area code"))
    assert {"K02000001", "E92000001", "W92000004", "S92000003", "N92000002"} <= codes
    assert {"E07009902", "E07009903", "S12009901", "N09009901"} <= codes  # districts of 2018
    assert "E06009903" not in codes  # created in 2023
    years = [str(year) for year in demo.PUBS_YEARS]
    assert frame.select(pl.all_horizontal(pl.col(years) % 5 == 0).all()).item()
    any_size = frame.filter(pl.col(PUBS_BAND) == "Any number of employees")
    uk = any_size.filter(pl.col("Area code") == "K02000001").row(0, named=True)
    assert uk["2018"] < uk["2001"]  # pubs closing


PUBS_BAND = "Number of employees in public house or bar"


def test_centroids_cover_every_demo_lsoa(demo_dir: Path) -> None:
    latlong = read("drkane__lsoa_latlong", demo_dir)
    assert (latlong.get_column("LSOACD") == latlong.get_column("lsoa11cd")).all()
    codes = latlong.get_column("LSOACD").to_list()
    assert codes == sorted(codes)
    lookup = read("ons__lsoa11_lsoa21_lad22", demo_dir)
    lsoas = set(lookup.get_column("LSOA11CD")) | set(lookup.get_column("LSOA21CD"))
    assert lsoas <= set(codes)
    assert set(demo.SCOTTISH_DATA_ZONES) | set(demo.NI_SUPER_OUTPUT_AREAS) <= set(codes)
    centroids = _centroids(demo_dir)
    for code in lsoas:  # inside England and Wales
        lat, lon = centroids[code]
        assert 50.0 < lat < 55.8 and -5.5 < lon < 1.8, code
    # A split LSOA's parts lie near their parent; a merged one between its parents.
    for old, new, chgind in lookup.select("LSOA11CD", "LSOA21CD", "CHGIND").rows():
        if chgind in ("S", "M"):
            assert demo.haversine_km(centroids[old], centroids[new]) < 5, (old, new)


def test_every_english_lsoa_has_an_open_library_within_a_few_km(demo_dir: Path) -> None:
    centroids = _centroids(demo_dir)
    libraries_2016 = read("dcms__libraries_2016_geocoded", demo_dir)
    gm = read("trafforddatalab__gm_libraries", demo_dir)
    open_points = libraries_2016.filter(pl.col("closed").is_null()).select("lat", "lng").rows()
    open_points += gm.select("lat", "lon").rows()
    english = [code for code in _lad23(demo_dir) if code.startswith("E")]
    nearest = sorted(
        min(demo.haversine_km(centroids[code], point) for point in open_points) for code in english
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
    assert set(gm.select("area_code", "area_name").rows()) == {demo.TRAFFORD_LABEL}
    directory = read("ons__postcode_directory", demo_dir)
    lsoa = dict(directory.select("pcds", "lsoa21").rows())
    lad23 = _lad23(demo_dir)
    assert {lad23[lsoa[postcode]] for postcode in gm.get_column("postcode")} == {"E08009901"}
    libraries_2023 = read("acearts__libraries_2023", demo_dir).filter(
        pl.col("authority") == "Mockchester", pl.col("operation_23") != "Closed"
    )
    assert set(gm.get_column("name")) == set(libraries_2023.get_column("name"))
    points = dict(directory.select("pcds", pl.concat_list("lat", "long")).rows())
    for postcode, lat, lon in gm.select("postcode", "lat", "lon").rows():
        assert demo.haversine_km((lat, lon), tuple(points[postcode])) < 0.1


def test_epraccur_is_headerless_quoted_and_has_practices_of_every_kind(demo_dir: Path) -> None:
    with zipfile.ZipFile(demo_dir / demo.EPRACCUR_ZIP) as archive:
        assert archive.namelist() == [demo.EPRACCUR_MEMBER]
        lines = archive.read(demo.EPRACCUR_MEMBER).decode("ascii").split("\n")
    assert lines[-1] == "" and all(_quoted_fields(line) == [True] * 27 for line in lines[:-1])
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
    assert districts == set(_lad23(demo_dir).values())


def test_trafford_postcodes_are_the_mockchester_part_of_the_directory(demo_dir: Path) -> None:
    subset = read("trafforddatalab__trafford_postcodes", demo_dir)
    directory = read("ons__postcode_directory", demo_dir)
    joined = subset.join(directory, left_on="postcode", right_on="pcds", how="left")
    assert joined.get_column("lsoa21").null_count() == 0
    assert (joined.get_column("lsoa_code") == joined.get_column("lsoa21")).all()
    assert ((joined.get_column("lat") - joined.get_column("lat_right")).abs() < 1e-6).all()
    assert joined.get_column("doterm").drop_nulls().len() >= 1  # terminated ones kept
    mockchester = {code for code, lad in _lad23(demo_dir).items() if lad == "E08009901"}
    assert set(subset.get_column("lsoa_code")) == mockchester
    assert set(subset.select("la_code", "la_name").rows()) == {demo.TRAFFORD_LABEL}
    names = dict(read("ons__lsoa21_ward23_lad23", demo_dir).select("LSOA21CD", "LSOA21NM").rows())
    for code, name in subset.select("lsoa_code", "lsoa_name").unique().rows():
        assert name.split(" ")[-1] == names[code].split(" ")[-1]  # 'Trafford 001A' for '... 001A'
    wards = dict(read("ons__lsoa21_ward23_lad23", demo_dir).select("LSOA21CD", "WD23CD").rows())
    assert all(wards[lsoa] == ward for lsoa, ward in subset.select("lsoa_code", "ward_code").rows())
    assert set(subset.get_column("locality")) == {"North", "Central", "South", "West"}
    postcodes = subset.get_column("postcode").to_list()
    assert postcodes == sorted(postcodes)


BOUNDARIES = "trafforddatalab__gm_lsoa21_boundaries"
# One feature a line, as GDAL writes GeoJSON: properties, then a MultiPolygon of lon/lat pairs.
_FEATURE_LINE = re.compile(
    r'^\{ "type": "Feature", "properties": \{ "area_code": "E01\d{6}", "area_name": "[^"]+" \}, '
    r'"geometry": \{ "type": "MultiPolygon", "coordinates": \[ \[ \[ \[ -?\d[^"]* \] \] \] \] \} \}'
    r",?$"
)


def _ring_area(ring: list[list[float]]) -> float:
    """Signed area (shoelace) in square degrees: negative for a clockwise ring."""
    return sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in pairwise(ring)) / 2


def _in_ring(lon: float, lat: float, ring: list[list[float]]) -> bool:
    """Whether a point is inside a ring (even-odd rule: a ray east crosses it an odd number of
    times)."""
    inside = False
    for (x0, y0), (x1, y1) in pairwise(ring):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _in_multipolygon(lon: float, lat: float, geometry: dict) -> bool:
    polygons = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polygons = [polygons]
    return any(
        _in_ring(lon, lat, outer) and not any(_in_ring(lon, lat, hole) for hole in holes)
        for outer, *holes in polygons
    )


def _boundaries(demo_dir: Path) -> dict[str, dict]:
    frame = read(BOUNDARIES, demo_dir)
    return {
        code: json.loads(text)
        for code, text in frame.select("area_code", "geometry_geojson").rows()
    }


def _containing(boundaries: dict[str, dict], lat: float, lon: float) -> list[str]:
    return [code for code, geometry in boundaries.items() if _in_multipolygon(lon, lat, geometry)]


def test_boundaries_are_laid_out_like_the_real_file(demo_dir: Path, shared_data: Path) -> None:
    ours = (demo_dir / demo.GM_LSOA21_BOUNDARIES).read_bytes().decode("utf-8").split("\n")
    real_path = next(shared_data.rglob(demo.GM_LSOA21_BOUNDARIES))
    real = real_path.read_bytes().decode("utf-8").split("\n")
    # The same five lines above the features (the collection's name and CRS included), the same
    # three below (']', '}' and a final newline), and every feature on a line of its own.
    assert ours[:5] == real[:5]
    assert ours[-3:] == real[-3:] == ["]", "}", ""]
    for lines in (ours, real):
        features = lines[5:-3]
        assert all(_FEATURE_LINE.match(line) for line in features)
        assert all(line.endswith(",") for line in features[:-1]) and features[-1].endswith("} }")
        collection = json.loads("\n".join(lines))
        codes = [f["properties"]["area_code"] for f in collection["features"]]
        assert codes == sorted(codes)
        # Rings run clockwise, as the publisher's (ESRI) export writes them.
        for feature in collection["features"]:
            for outer, *_ in feature["geometry"]["coordinates"]:
                assert _ring_area(outer) < 0


def test_boundaries_tile_mockchester_and_hold_the_centroids(demo_dir: Path) -> None:
    frame = read(BOUNDARIES, demo_dir)
    boundaries = _boundaries(demo_dir)
    mockchester = {code for code, lad in _lad23(demo_dir).items() if lad == "E08009901"}
    assert set(boundaries) == mockchester
    # Named as the Trafford postcode subset names the same LSOAs ('Trafford 001A').
    subset = read("trafforddatalab__trafford_postcodes", demo_dir)
    assert dict(frame.select("area_code", "area_name").rows()) == dict(
        subset.select("lsoa_code", "lsoa_name").unique().rows()
    )
    # Each an axis-aligned rectangle (south, west, north, east); together they tile their
    # bounding box: no two overlap and their areas add up to the box's.
    boxes: dict[str, tuple[float, float, float, float]] = {}
    for code, geometry in boundaries.items():
        ((ring,),) = geometry["coordinates"]  # one polygon, no holes
        lons, lats = {x for x, _ in ring}, {y for _, y in ring}
        assert len(ring) == 5 and len(lons) == len(lats) == 2, code
        boxes[code] = (min(lats), min(lons), max(lats), max(lons))
        assert (
            abs(abs(_ring_area(ring)) - (max(lats) - min(lats)) * (max(lons) - min(lons))) < 1e-12
        )
    codes = sorted(boxes)
    for i, first in enumerate(codes):
        for second in codes[i + 1 :]:
            (s1, w1, n1, e1), (s2, w2, n2, e2) = boxes[first], boxes[second]
            assert min(n1, n2) <= max(s1, s2) or min(e1, e2) <= max(w1, w2), (first, second)
    south, west = min(b[0] for b in boxes.values()), min(b[1] for b in boxes.values())
    north, east = max(b[2] for b in boxes.values()), max(b[3] for b in boxes.values())
    total = sum((n - s) * (e - w) for s, w, n, e in boxes.values())
    assert total == pytest.approx((north - south) * (east - west), rel=1e-12)
    # Every Mockchester centroid inside its own LSOA's polygon and no other.
    centroids = _centroids(demo_dir)
    for code in codes:
        assert _containing(boundaries, *centroids[code]) == [code]


def test_every_gm_library_lies_in_exactly_one_boundary(demo_dir: Path) -> None:
    boundaries = _boundaries(demo_dir)
    directory = read("ons__postcode_directory", demo_dir)
    lsoa = dict(directory.select("pcds", "lsoa21").rows())
    gm = read("trafforddatalab__gm_libraries", demo_dir)
    assert gm.height >= 3
    for name, postcode, lat, lon in gm.select("name", "postcode", "lat", "lon").rows():
        # In one polygon: its postcode's LSOA (point-in-polygon agrees with the postcode).
        assert _containing(boundaries, lat, lon) == [lsoa[postcode]], name
    # So are the Mockchester libraries of the 2016 list, at their postcodes' points.
    listed_2016 = read("dcms__libraries_2016_geocoded", demo_dir)
    in_mockchester = 0
    for postcode, lat, lng in listed_2016.select("postcode", "lat", "lng").rows():
        code = lsoa.get(normalise_postcode(postcode))
        if code in boundaries:
            in_mockchester += 1
            assert _containing(boundaries, lat, lng) == [code], postcode
        else:
            assert _containing(boundaries, lat, lng) == [], postcode
    assert in_mockchester >= gm.height


# ---------------------------------------------------------------------------------------------
# Funding allocations: ACE Culture Recovery Fund and Project Grants, Levelling Up Fund
# ---------------------------------------------------------------------------------------------

CRF = "acearts__culture_recovery_fund"
PROJECT_GRANTS = "acearts__project_grants_2019_20"
LUF = "mhclg__levelling_up_fund_priority"
# The column naming each row's local authority, and the names designed to match no LADNM.
ALLOCATION_NAMES = {
    CRF: ("Local Authority", set()),
    PROJECT_GRANTS: ("Local authority", {demo.PROJECT_GRANTS_UNMATCHED}),
    LUF: ("Name", {demo.LUF_MISSPELT[1]}),
}


def _crf_headline(path: Path) -> dict[str, dict[str, tuple[int, int]]]:
    """The 'Headline Data' sheet per award sheet: (awards, £) in total (the block's two 'Total
    ...' rows, as 'total', and its 'Totals' row) and per ONS region."""
    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        rows = list(book[demo.CRF_HEADLINE_SHEET].iter_rows(values_only=True))
    finally:
        book.close()
    blocks: dict[str, dict[str, tuple[int, int]]] = {}
    block: dict[str, tuple[int, int]] = {}
    in_regions, awards = False, 0
    for row in rows:
        label = row[0].strip() if row and isinstance(row[0], str) else None
        if label in demo.CRF_HEADLINE_BLOCKS:
            block = blocks[demo.CRF_HEADLINE_BLOCKS[label]] = {}
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
    headline = _crf_headline(demo_dir / demo.CRF_WORKBOOK)
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
        merged = {d.name for d in demo.DISTRICTS if d.successor}
        assert merged <= names
        assert not {d.name for d in demo.DISTRICTS if d.created_2023} & names
    # The misspelt Welsh name is a demo district's, as 'Rhondda Cynon Taff' is 'Rhondda Cynon Taf'.
    right, wrong = demo.LUF_MISSPELT
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
        ("CRF 2 Grants", str(demo.CRF_NUMBER_NAME))
    ]
    book = openpyxl.load_workbook(demo_dir / demo.CRF_WORKBOOK, read_only=True)
    try:
        organisations = [
            row[0] for row in book["CRF 2 Grants"].iter_rows(min_row=2, values_only=True)
        ]
        strand = list(book["CRF 1 Grants"].iter_rows(min_row=2, min_col=8, values_only=True))
    finally:
        book.close()
    assert demo.CRF_NUMBER_NAME in organisations
    assert strand and all(value is None for (value,) in strand)  # 'Strand': header only
    same = frame.filter(pl.col("Organisation") == demo.CRF_SAME_NAME)
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
    assert (frame.get_column("Local authority") == demo.PROJECT_GRANTS_UNMATCHED).sum() == 2
    # The same activity of one recipient funded on two dates.
    repeats = frame.group_by("Recipient", "Activity name").len().filter(pl.col("len") > 1)
    assert repeats.height >= 1
    book = openpyxl.load_workbook(demo_dir / demo.PROJECT_GRANTS_WORKBOOK, read_only=True)
    try:
        sheet = book[demo.PROJECT_GRANTS_SHEET]
        cells = [row[3] for row in sheet.iter_rows(min_row=4, max_col=4, values_only=True)]
    finally:
        book.close()
    assert cells and all(isinstance(cell, datetime) for cell in cells)  # Excel dates, not text


def test_levelling_up_fund_lists_the_districts_by_deprivation(demo_dir: Path) -> None:
    frame = read(LUF, demo_dir)
    listed = [d for d in demo.DISTRICTS if d.code[0] in "EWS" and not d.created_2023]
    right, wrong = demo.LUF_MISSPELT
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
