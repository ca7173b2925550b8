"""What a cell holds, the same for every reader: the text a user sees in it, or no value.

What belongs here: a spreadsheet or JSON value as text, and when a cell, a row or a publisher's mark
means "no value". What does not: typing the text as the catalog says (`tabular.cast_columns`) or
finding the table in a file (each reader's own module).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, time
from typing import Any

import polars as pl

from ingest.catalog import ROW_NUMBER, FileLayout

# A row as read from a file: (row number in the file, cell texts; None for an empty cell).
Row = tuple[int, list[str | None]]

# The layout fields `blank_null_marks` honours, for the readers that call it to declare.
NULL_MARK_FIELDS = frozenset({"null_values", "null_values_kept_in"})


def blank(value: Any) -> bool:
    """An empty cell, or one of spaces only: publishers' blank cells are either."""
    return value is None or (isinstance(value, str) and value.strip() == "")


def blank_row(cells: Iterable[Any]) -> bool:
    return all(blank(cell) for cell in cells)


def cell_text(value: Any) -> str | None:
    """A cell as the text a user sees: 1927 is '1927', 2.0 is '2', a date cell at midnight is
    'YYYY-MM-DD', TRUE is 'TRUE', an empty cell (or empty text) is None."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # Spreadsheets store every number as a float; a whole one is shown without '.0'.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    text = str(value)
    return text if text != "" else None


def rows_frame(rows: list[Row], positions: dict[str, int]) -> pl.DataFrame:
    """`_row_number`, then each named column as text from its position in the rows (None where a
    row stops short of it)."""
    data: dict[str, pl.Series] = {
        ROW_NUMBER: pl.Series(ROW_NUMBER, [number for number, _ in rows], pl.Int64)
    }
    for name, position in positions.items():
        values = [cells[position] if position < len(cells) else None for _, cells in rows]
        data[name] = pl.Series(name, values, pl.String)
    return pl.DataFrame(data)


def blank_null_marks(layout: FileLayout, frame: pl.DataFrame) -> pl.DataFrame:
    """The publisher's marks for "no value" (R's 'NA', ONS's '..' or '[x]') as null, in every text
    column but those the layout keeps them in (a data-marking column is the only record of why the
    numbers beside it are blank) and the reader's own (`_row_number`, the sheet column)."""
    marks = sorted({mark.strip() for mark in layout.null_values})
    if not marks:
        return frame
    kept = {ROW_NUMBER, *layout.null_values_kept_in}
    if layout.sheet_column is not None:
        kept.add(layout.sheet_column)
    return frame.with_columns(
        pl.when(pl.col(name).str.strip_chars().is_in(marks))
        .then(None)
        .otherwise(pl.col(name))
        .alias(name)
        for name in frame.columns
        if name not in kept
    )


def drop_blank_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """Spreadsheets often end with formatted but empty rows; they are not data."""
    data_columns = [name for name in frame.columns if name != ROW_NUMBER]
    blank_cells = pl.all_horizontal(
        [pl.col(name).is_null() | (pl.col(name).str.strip_chars() == "") for name in data_columns]
    )
    return frame.filter(~blank_cells)
