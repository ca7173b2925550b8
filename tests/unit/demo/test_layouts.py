"""The demo files are laid out exactly as the real published files: each source's header (and sheet
names, title rows, used range), byte-order mark, line endings, encoding, quoting and JSON style
compared with the real file in shared/data."""

from __future__ import annotations

import csv
import gzip
import io
import json
import zipfile
from dataclasses import replace
from pathlib import Path

import openpyxl
import pyarrow.parquet
import pytest
import xlrd

import demo
from ingest.catalog import SOURCES, FileLayout, Source, get_source
from ingest.readers.assets import _xls_text
from tests.conftest import real_source_file
from tests.unit.demo.conftest import lines, quoted_fields, real_file, real_file_or_none


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
            for n, q in enumerate(quoted_fields(first_line))
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


def _json_style(data: bytes) -> tuple[int | None, bool, bool]:
    """(indent, ends with a newline, bytes are exactly json.dumps of the content in that style):
    what decides the bytes of a JSON file besides its content. A file on one line is compact
    (no indent, no spaces after separators, UTF-8 as is); an indented one escapes to ASCII."""
    newline = data.endswith(b"\n")
    content = json.loads(data)
    if b"\n" not in data.rstrip(b"\n"):
        dumped = json.dumps(content, ensure_ascii=False, separators=(",", ":"))
        return None, newline, (dumped + ("\n" if newline else "")).encode("utf-8") == data
    second_line = data.split(b"\n")[1]
    indent = len(second_line) - len(second_line.lstrip(b" "))
    dumped = json.dumps(content, indent=indent) + ("\n" if newline else "")
    return indent, newline, dumped.encode("ascii") == data


def _header_of(path: Path, source: Source) -> tuple[list[str], list[str] | None]:
    data, layout = _table(path, source)
    if layout.format == "xlsx":
        return _xlsx_header(path, layout)
    if layout.format == "xls":
        return _xls_header(path, layout)
    if layout.format == "json":
        return _json_header(data), None
    if layout.format == "parquet":
        return pyarrow.parquet.read_schema(path).names, None
    if layout.format == "shp":
        return _dbf_field_names(path.with_suffix(".dbf").read_bytes()), None
    return _csv_header(data, layout), None


def _dbf_field_names(data: bytes) -> list[str]:
    """A shapefile's 'header': its .dbf's field names, in order (32-byte descriptors after the
    32-byte table header, up to the 0x0D terminator)."""
    names = []
    for start in range(32, len(data), 32):
        if data[start : start + 1] == b"\r":
            return names
        names.append(data[start : start + 11].split(b"\0", 1)[0].decode("ascii"))
    return names


# Levels of which shared/data holds no real file: a sibling level's file, which Nomis writes in
# the same layout.


@pytest.mark.sweep
@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.source_id)
def test_header_identical_to_real_file(source: Source, demo_dir: Path, shared_data: Path) -> None:
    # `shared_data` (conftest) fails, never skips, when the real files are missing.
    real = real_file_or_none(source, shared_data)
    ours = demo_dir / demo.DEMO_FILES[source.source_id]
    demo_header, demo_sheets = _header_of(ours, source)
    if real is None:
        # Only an optional source, or one whose real copy is in another form (an R data file),
        # has no real file to compare with.
        assert not source.required or real_source_file(source) is not None, source.source_id
        catalog = [column.header for column in source.columns]
        if source.source_id == "ons__postcode_directory":
            # The national postcode directory is too big for the shared folder: its demo header is
            # the published column list, lat at 0-based position 41 where users of the February
            # 2025 release index it.
            published = list(get_source("ons__postcode_directory").default_layout.header)
            assert demo_header == published and len(set(demo_header)) == len(demo_header)
            assert set(catalog) <= set(demo_header)
            assert demo_header.index("lat") == 41 and demo_header.index("long") == 42
            return
        # Other optional sources with no copy at hand (IoD2025 Files 2-9): the demo header holds
        # the catalog's columns, in the catalog's order, once each (their notes say what else was
        # taken from research rather than from a file).
        if "| properties:" in demo_header:
            # A GeoJSON file's columns are its features' properties (and the reader's geometry).
            start = demo_header.index("| properties:") + 1
            demo_header = [*demo_header[start:-1], "geometry_geojson"]
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
        demo_lines, real_lines = lines(demo_bytes, demo_layout), lines(real_bytes, real_layout)
        assert [line == "" for line in demo_lines[:first]] == [
            line == "" for line in real_lines[:first]
        ]
        if _has_header(real_layout):
            assert demo_lines[first] == real_lines[first]
        else:
            assert quoted_fields(demo_lines[first]) == quoted_fields(real_lines[first])
    if real_layout.format == demo_layout.format == "json":
        assert _json_style(demo_bytes) == _json_style(real_bytes)
    if real_layout.format == demo_layout.format == "xlsx":
        # Title rows (blank where the real ones are) and the used range's width.
        assert _workbook_shape(ours, demo_layout) == _workbook_shape(real, real_layout)


CENSUS_SOURCES = [source for source in SOURCES if {"census", "population"} & set(source.tags)]


@pytest.mark.parametrize("source", CENSUS_SOURCES, ids=lambda source: source.source_id)
def test_data_rows_quoted_like_real_file(source: Source, demo_dir: Path, shared_data: Path) -> None:
    if real_file_or_none(source, shared_data) is None:
        # The real copy at hand is an R data file: how the publisher quotes is not known here.
        assert real_source_file(source) is not None, source.source_id
        return
    real_bytes, real_layout = _table(real_file(source, shared_data), source)
    demo_bytes, demo_layout = _table(demo_dir / demo.DEMO_FILES[source.source_id], source)
    # First data rows: neither has a comma in a name, so quoting there is the layout's own.
    real_row = lines(real_bytes, real_layout)[1]
    demo_row = lines(demo_bytes, demo_layout)[1]
    assert quoted_fields(demo_row) == quoted_fields(real_row)


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.source_id)
def test_demo_header_is_the_catalog_layouts(source: Source, demo_dir: Path) -> None:
    # The demo writes each file's header from its catalog layout (the real-file comparison above
    # then checks the catalog itself); files without a header row have nothing to compare.
    layout = source.layout_for(demo.DEMO_FILES[source.source_id])
    table_layout = _table(demo_dir / layout.file_name, source)[1]
    if table_layout.header is None:
        return
    demo_header, _ = _header_of(demo_dir / layout.file_name, source)
    expected = list(table_layout.header)
    if len(table_layout.sheet_names) > 1:
        # A table over several sheets: each sheet's header, after the sheet's name. Only the first
        # sheet has the catalog's last, unread, column (the Culture Recovery Fund's 'Strand').
        first, *others = table_layout.sheet_names
        expected = [f"sheet {first!r}:", *expected]
        for sheet in others:
            expected += [f"sheet {sheet!r}:", *table_layout.header[:-1]]
    assert demo_header == expected
