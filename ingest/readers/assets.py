"""Reader for survey, social-infrastructure and geography files the generic tabular reader cannot read.

The quirks are the publishers': a disclaimer above the header (ONS explorer download, Windows-1252),
no header row at all (NHS ODS epraccur, documented field by field), a legacy BIFF .xls with title rows
above the header and notes below the table (ONS pubs and bars), R's 'NA' or ONS's '..' for a missing
value. The source's `FileLayout` says which a file has.

Like `ingest.readers.tabular`, the result is the publisher's table as published (long or wide, no
reshaping): the catalog's columns under the publisher's headers, typed as the catalog says, plus
`_row_number`, the row in the file (preamble and title rows counted, so a user can find it). CSV files
are parsed strictly, row by row, so a truncated file or a row with a field too many or too few is an
error naming the row, not a silently padded row.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import polars as pl

from ingest.catalog import FileLayout, Source
from ingest.errors import PlaceindexError
from ingest.readers.cells import (
    NULL_MARK_FIELDS,
    Row,
    blank_null_marks,
    blank_row,
    cell_text,
    drop_blank_rows,
    rows_frame,
)

# The tabular reader's header matching, typing and sheet checks, shared so a missing column or a bad
# number gets the same message whichever reader found it.
from ingest.readers.tabular import (
    ZIP_FIELDS,
    cast_columns,
    decode_text,
    header_positions,
    layout_for_path,
    read_zip_member,
    require_header_row,
    require_sheet,
    unreadable_sheet,
)

# The layout fields this reader honours, by format (see `ingest.readers.tabular.LAYOUT_FIELDS`).
LAYOUT_FIELDS: dict[str, frozenset[str]] = {
    "csv": frozenset({"encoding", "header_row", "has_header"}) | NULL_MARK_FIELDS,
    "xls": frozenset({"sheet", "header_row", "notes_marker"}) | NULL_MARK_FIELDS,
    "zip": ZIP_FIELDS,
}


def read_assets(source: Source, path: Path) -> pl.DataFrame:
    """Read `path` as the source's table: publisher's headers, catalog types, `_row_number`."""
    layout = layout_for_path(source, path)
    if layout.format == "zip":
        return read_zip_member(source, layout, path, read_assets)
    if layout.format == "csv":
        header, rows = _csv_rows(source, layout, path)
    elif layout.format == "xls":
        header, rows = _xls_rows(source, layout, path)
    else:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: format {layout.format!r} has no asset reader",
            source_id=source.source_id,
            file=path.name,
        )
    frame = rows_frame(rows, _positions(source, layout, path, header))
    return cast_columns(source, path, drop_blank_rows(blank_null_marks(layout, frame)))


def _positions(
    source: Source, layout: FileLayout, path: Path, header: list[str] | None
) -> dict[str, int]:
    """Where the catalog's columns are: by header, or by position when there is no header."""
    if header is None:
        return {column.header: position for position, column in enumerate(source.columns)}
    where = f"the header on row {layout.header_row + 1}{_sheet_text(layout)}"
    return header_positions(source, path, header, where, row=layout.header_row + 1)


def _sheet_text(layout: FileLayout) -> str:
    return f" of sheet {layout.sheet!r}" if layout.format == "xls" else ""


# --- CSV --------------------------------------------------------------------------------------


def _csv_rows(source: Source, layout: FileLayout, path: Path) -> tuple[list[str] | None, list[Row]]:
    text = decode_text(source, layout, path, path.read_bytes())
    # Preamble lines are skipped as lines, not parsed: a disclaimer need not be valid CSV.
    start = 0
    for _ in range(layout.header_row):
        start = text.find("\n", start) + 1
        if start == 0:
            start = len(text)
            break
    body = text[start:]
    reader = csv.reader(io.StringIO(body, newline=""), strict=True)
    records: list[Row] = []
    row_number = layout.header_row
    try:
        for record in reader:
            row_number += 1
            records.append((row_number, list(record)))
    except csv.Error as exc:
        line = layout.header_row + reader.line_num
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: line {line}: not valid CSV ({exc}); the file may "
            "be truncated inside a quoted value",
            source_id=source.source_id,
            file=path.name,
            row=line,
        )
    # Blank lines carry no fields and no data; the row numbers of the rows after them still count.
    records = [(number, cells) for number, cells in records if cells]
    header: list[str] | None = None
    if layout.has_header:
        if not records:
            raise PlaceindexError(
                f"{source.source_id}: {path.name}: no header row at or after line "
                f"{layout.header_row + 1}; the file is empty or truncated",
                source_id=source.source_id,
                file=path.name,
            )
        (header_number, header), records = records[0], records[1:]
        expected = len(header)
        shape = f"fields, the header on row {header_number} has {expected}"
    else:
        expected = len(source.columns)
        shape = (
            f"fields, the publisher documents {expected} ({source.columns[0].header!r} to "
            f"{source.columns[-1].header!r})"
        )
    for number, cells in records:
        if len(cells) != expected:
            raise PlaceindexError(
                f"{source.source_id}: {path.name}: row {number}: {len(cells)} {shape}; the file "
                "may be truncated or not in this source's layout",
                source_id=source.source_id,
                file=path.name,
                row=number,
            )
    # An empty CSV cell is no value, as in the tabular reader.
    return header, [(n, [cell if cell != "" else None for cell in cells]) for n, cells in records]


# --- legacy Excel (.xls) ----------------------------------------------------------------------


def _xls_rows(source: Source, layout: FileLayout, path: Path) -> tuple[list[str], list[Row]]:
    import xlrd

    try:
        book = xlrd.open_workbook(path, on_demand=True)
    except Exception as exc:  # noqa: BLE001 - xlrd raises assorted errors (and struct errors) for damaged files
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: not a readable XLS workbook ({exc}); the file may "
            "be truncated or an error page",
            source_id=source.source_id,
            file=path.name,
        )
    try:
        require_sheet(source, path, layout.sheet, book.sheet_names())
        try:
            sheet = book.sheet_by_name(layout.sheet)
            table = [
                [_xls_text(cell, book.datemode) for cell in sheet.row(index)]
                for index in range(sheet.nrows)
            ]
        except Exception as exc:  # noqa: BLE001 - xlrd raises assorted errors for a damaged sheet
            raise unreadable_sheet(source, path, layout.sheet, exc)
    finally:
        book.release_resources()
    require_header_row(source, path, layout.sheet, len(table), layout.header_row)
    header = [cell or "" for cell in table[layout.header_row]]
    return header, _table_body(source, layout, path, table)


def _table_body(
    source: Source, layout: FileLayout, path: Path, table: list[list[str | None]]
) -> list[Row]:
    """The rows from below the header to the first blank row after the data; notes are not data."""
    rows: list[Row] = []
    index = layout.header_row + 1
    # Publishers leave a blank row between header and data.
    while index < len(table) and blank_row(table[index]):
        index += 1
    while index < len(table) and not blank_row(table[index]):
        rows.append((index + 1, table[index]))
        index += 1
    end = index + 1  # the blank row that ends the table, as a row number
    while index < len(table) and blank_row(table[index]):
        index += 1
    if layout.notes_marker is not None and index < len(table):
        first = next(cell for cell in table[index] if cell and cell.strip())
        if not first.strip().startswith(layout.notes_marker):
            raise PlaceindexError(
                f"{source.source_id}: {path.name}: sheet {layout.sheet!r}: row {index + 1}: the "
                f"table ends at the blank row {end}, but row {index + 1} is not the notes "
                f"(expected a row starting {layout.notes_marker!r}, found {first!r}); a blank row "
                "inside the table?",
                source_id=source.source_id,
                file=path.name,
                row=index + 1,
            )
    return rows


def _xls_text(cell: Any, datemode: int) -> str | None:
    """A cell as the text a user sees (`cells.cell_text`): xlrd gives numbers, dates and booleans
    as floats, so its cell type says which one a value is; an error cell is Excel's text for it."""
    import xlrd

    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
        return None
    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return cell_text(float(cell.value))
    if cell.ctype == xlrd.XL_CELL_DATE:
        return cell_text(xlrd.xldate.xldate_as_datetime(cell.value, datemode))
    if cell.ctype == xlrd.XL_CELL_BOOLEAN:
        return cell_text(bool(cell.value))
    if cell.ctype == xlrd.XL_CELL_ERROR:
        return xlrd.error_text_from_code.get(cell.value, "#ERROR")
    return cell_text(cell.value)
