"""Reader for the local-authority funding allocation workbooks (`ingest/catalog/allocations.toml`).

The quirks are the publishers': title and instruction rows above the header (ACE Project Grants), one
table split over several sheets of the same layout (the Culture Recovery Fund's rounds), a header with
a trailing space, empty columns without a header at the right of the used range, a name typed as a
number. The source's `FileLayout` says which a file has (`header_row`, `sheets`, `sheet_column`).

Like the other readers, the result is the publisher's table as published: the catalog's columns under
the publisher's headers, typed as the catalog says ("date" for Excel date cells), plus `_row_number`,
the row in the sheet (title rows counted, so a user can find it). With several sheets the rows are
stacked in the layout's order and the layout's sheet column names each row's sheet.

Cells are read with openpyxl, not calamine (fastexcel): calamine starts a sheet at its first non-empty
row, which would shift every row number of a sheet whose top rows are empty. Formula cells are read as
the values the publisher's spreadsheet cached. A value in a column without a header is an error, not
dropped without a word.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import polars as pl

from ingest.catalog import ROW_NUMBER, FileLayout, Source, normalise_header
from ingest.errors import PlaceindexError
from ingest.readers.cells import (
    NULL_MARK_FIELDS,
    Row,
    blank,
    blank_null_marks,
    blank_row,
    cell_text,
    rows_frame,
)
from ingest.readers.tabular import (
    cast_columns,
    header_positions,
    layout_for_path,
    require_header_row,
    require_sheet,
    require_zip_container,
    unreadable_sheet,
)

# The layout fields this reader honours, by format (see `ingest.readers.tabular.LAYOUT_FIELDS`).
LAYOUT_FIELDS: dict[str, frozenset[str]] = {
    "xlsx": frozenset({"sheet", "sheets", "sheet_column", "header_row"}) | NULL_MARK_FIELDS,
}


def read_allocations(source: Source, path: Path) -> pl.DataFrame:
    """Read `path` as the source's table: publisher's headers, catalog types, `_row_number`."""
    layout = _workbook_layout(source, layout_for_path(source, path), path)
    book = _open_workbook(source, path)
    try:
        available = list(book.sheetnames)
        for sheet in layout.sheet_names:
            require_sheet(source, path, sheet, available)
        frames = [
            _sheet_frame(source, layout, path, sheet, _sheet_rows(source, path, book, sheet))
            for sheet in layout.sheet_names
        ]
    finally:
        book.close()

    def where(row: dict[str, Any]) -> str:
        sheet = row[layout.sheet_column] if layout.sheet_column else layout.sheet
        return f"sheet {sheet!r}, row {row[ROW_NUMBER]}"

    return cast_columns(source, path, pl.concat(frames, how="vertical"), where)


def _workbook_layout(source: Source, layout: FileLayout, path: Path) -> FileLayout:
    if layout.format != "xlsx" or layout.sheet is None:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: format {layout.format!r} has no allocation reader "
            "(it reads a named sheet of an xlsx workbook)",
            source_id=source.source_id,
            file=path.name,
        )
    return layout


def _open_workbook(source: Source, path: Path) -> Any:
    import openpyxl

    require_zip_container(source, path)
    try:
        # data_only: a formula cell's cached value, not its formula text.
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises assorted errors (KeyError, XML errors) for damage
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: not a readable XLSX workbook: {exc}",
            source_id=source.source_id,
            file=path.name,
        )


def _sheet_rows(source: Source, path: Path, book: Any, sheet: str) -> list[Row]:
    """Every row of the sheet from row 1, numbered as in the spreadsheet (empty rows included)."""
    try:
        worksheet = book[sheet]
        # The stored dimension may be missing or wrong; read every row the sheet holds. Rows the
        # file leaves out come back empty, so the numbering stays the spreadsheet's.
        worksheet.reset_dimensions()
        return [
            (number, [cell_text(value) for value in values])
            for number, values in enumerate(
                worksheet.iter_rows(min_row=1, min_col=1, values_only=True), start=1
            )
        ]
    except Exception as exc:  # noqa: BLE001 - openpyxl raises assorted errors for a damaged sheet
        raise unreadable_sheet(source, path, sheet, exc)


def _column_letter(position: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(position + 1)


def _sheet_frame(
    source: Source, layout: FileLayout, path: Path, sheet: str, rows: list[Row]
) -> pl.DataFrame:
    """One sheet's table: the catalog's columns as text, `_row_number`, and the sheet column."""
    require_header_row(source, path, sheet, len(rows), layout.header_row)
    header_number = layout.header_row + 1
    header = [cell or "" for cell in rows[layout.header_row][1]]
    while header and not header[-1].strip():
        header.pop()
    if layout.sheet_column is not None and any(
        normalise_header(text) == normalise_header(layout.sheet_column) for text in header
    ):
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: the header on row {header_number} of sheet "
            f"{sheet!r} has a column {layout.sheet_column!r}, the name this source gives the "
            "column naming the sheet",
            source_id=source.source_id,
            file=path.name,
            row=header_number,
            column=layout.sheet_column,
        )
    positions = header_positions(
        source,
        path,
        header,
        f"the header on row {header_number} of sheet {sheet!r}",
        row=header_number,
        columns=[c.header for c in source.columns if c.header != layout.sheet_column],
    )
    body = [(number, cells) for number, cells in rows[header_number:] if not blank_row(cells)]
    unnamed = {position for position, text in enumerate(header) if not text.strip()}
    for number, cells in body:
        for position, cell in enumerate(cells):
            if not blank(cell) and (position >= len(header) or position in unnamed):
                raise PlaceindexError(
                    f"{source.source_id}: {path.name}: sheet {sheet!r}, row {number}, column "
                    f"{_column_letter(position)}: {cell!r} is in a column without a header (the "
                    f"header on row {header_number} has {header}); the sheet is not in this "
                    "source's layout",
                    source_id=source.source_id,
                    file=path.name,
                    row=number,
                )
    frame = rows_frame(body, positions)
    if layout.sheet_column is not None:
        frame = frame.with_columns(pl.lit(sheet, pl.String).alias(layout.sheet_column))
    return blank_null_marks(layout, frame)
