"""Reader for sources published as one table in a CSV (plain or gzipped) or an XLSX sheet.

What belongs here: turning a file's bytes into a polars frame with the catalog's columns, under the
publisher's own headers, typed as the catalog says, plus `_row_number` (the row in the file, so a check
can name it). What does not: rules about values (ranges, uniqueness, row counts) - those are the
expectation suites' job, so each rule has one owner.
"""

from __future__ import annotations

import gzip
import io
import tempfile
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

import polars as pl

from ingest.catalog import ROW_NUMBER, Column, FileLayout, Source, normalise_header
from ingest.errors import PlaceindexError
from ingest.readers.rda import read_rda_table

# The polars type each catalog dtype is read as, for every reader.
POLARS_TYPES = {"str": pl.String, "int": pl.Int64, "float": pl.Float64, "date": pl.Date}


def layout_for_path(source: Source, path: Path) -> FileLayout:
    for layout in source.layouts:
        if layout.file_name == path.name:
            return layout
    for layout in source.layouts:
        if path.name.lower().endswith("." + layout.format):
            return layout
    expected = ", ".join(source.file_names)
    raise PlaceindexError(
        f"{source.source_id}: {path.name}: not a file of this source (expected one of: {expected})",
        source_id=source.source_id,
        file=path.name,
    )


def read_tabular(source: Source, path: Path) -> pl.DataFrame:
    """Read `path` as the source's table: publisher's headers, catalog types, `_row_number`."""
    layout = layout_for_path(source, path)
    if layout.format == "zip":
        return _read_zip_member(source, layout, path)
    if layout.format in ("csv", "csv.gz"):
        frame, first_data_row = _read_csv(source, layout, path), 2
    elif layout.format == "xlsx":
        frame, first_data_row = _read_xlsx(source, layout, path), 2
    elif layout.format == "rda":
        frame, first_data_row = read_rda_table(source, layout, path), 1
    else:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: format {layout.format!r} has no tabular reader",
            source_id=source.source_id,
            file=path.name,
        )
    frame = _select_columns(source, path, frame)
    frame = frame.with_row_index(ROW_NUMBER, offset=first_data_row).with_columns(
        pl.col(ROW_NUMBER).cast(pl.Int64)
    )
    frame = _drop_blank_rows(frame)
    return cast_columns(source, path, frame)


def _read_zip_member(source: Source, layout: FileLayout, path: Path) -> pl.DataFrame:
    """The table in one member of a published archive, read as if it had been extracted."""
    with extracted_member(source, layout, path) as extracted:
        return read_tabular(
            replace(source, layouts=(replace(layout, file_name=extracted.name, format="csv"),)),
            extracted,
        )


@contextmanager
def extracted_member(source: Source, layout: FileLayout, path: Path) -> Iterator[Path]:
    """The layout's archive member, extracted safely (names and sizes checked) to a temporary file."""
    from ingest.http import safe_extract_member

    assert layout.member is not None, f"{source.source_id}: zip layout without a member"
    member = _member_name(source, path, layout.member)
    with tempfile.TemporaryDirectory(prefix="placeindex-member-") as tmp:
        yield safe_extract_member(
            path, member, Path(tmp) / PurePosixPath(member).name, source_id=source.source_id
        )


def require_zip_container(source: Source, path: Path) -> None:
    """XLSX files are zip containers: anything else is truncated, or an error page."""
    if not zipfile.is_zipfile(path):
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: not a readable XLSX workbook (no complete zip "
            "container); the file may be truncated or an error page",
            source_id=source.source_id,
            file=path.name,
        )


def _member_name(source: Source, path: Path, wanted: str) -> str:
    """The archive's name for `wanted`: itself, or the one member in a folder with that name."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
    except (zipfile.BadZipFile, OSError) as exc:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: not a readable zip archive ({exc}); the download "
            "may be truncated or an error page",
            source_id=source.source_id,
            file=path.name,
        ) from exc
    if wanted in names:
        return wanted
    nested = [name for name in names if PurePosixPath(name).name == wanted]
    # One match in a subfolder is the same member; anything else is left to the extractor's
    # error, which lists what the archive does hold.
    return nested[0] if len(nested) == 1 else wanted


def _read_csv(source: Source, layout: FileLayout, path: Path) -> pl.DataFrame:
    data = path.read_bytes()
    if layout.format == "csv.gz" or data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise PlaceindexError(
                f"{source.source_id}: {path.name}: not a complete gzip file ({exc}); "
                "the download may be truncated",
                source_id=source.source_id,
                file=path.name,
            ) from exc
    return parse_csv_text(source, path, decode_text(source, layout, path, data))


def decode_text(source: Source, layout: FileLayout, path: Path, data: bytes) -> str:
    """The file's text in the layout's encoding (a UTF-8 BOM dropped), or an error naming the line."""
    encoding = (
        "utf-8-sig"
        if layout.encoding.lower().replace("_", "-") in ("utf-8", "utf8")
        else layout.encoding
    )
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: line {line}: bytes are not {layout.encoding} "
            f"({exc.reason} at byte {exc.start}); expected the publisher's {layout.encoding} file",
            source_id=source.source_id,
            file=path.name,
            row=line,
        ) from exc
    return text.lstrip("\ufeff")


def parse_csv_text(source: Source, path: Path, text: str) -> pl.DataFrame:
    """Every cell as text: typing is the catalog's job, so nothing is guessed here."""
    try:
        # Quoted fields may hold line breaks; the parser keeps them inside the value, so a row is
        # a record, not a physical line.
        return pl.read_csv(io.StringIO(text), infer_schema=False, quote_char='"')
    except pl.exceptions.PolarsError as exc:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: cannot be parsed as CSV: {exc}",
            source_id=source.source_id,
            file=path.name,
        ) from exc


def open_workbook(source: Source, path: Path):
    """The XLSX workbook (fastexcel), or an error saying the file is not one."""
    import fastexcel

    require_zip_container(source, path)
    try:
        return fastexcel.read_excel(path)
    except Exception as exc:  # calamine raises its own error types for corrupt workbooks
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: not a readable XLSX workbook: {exc}",
            source_id=source.source_id,
            file=path.name,
        ) from exc


def load_sheet(source: Source, path: Path, workbook, sheet: str | None) -> pl.DataFrame:
    """One sheet, every cell as text, or an error naming the sheets the workbook does have."""
    if sheet not in workbook.sheet_names:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: no sheet {sheet!r}; "
            f"the workbook has {workbook.sheet_names}",
            source_id=source.source_id,
            file=path.name,
        )
    try:
        loaded = workbook.load_sheet_by_name(sheet, dtypes="string")
        return pl.from_arrow(loaded.to_arrow())
    except Exception as exc:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: sheet {sheet!r} cannot be read: {exc}",
            source_id=source.source_id,
            file=path.name,
        ) from exc


def _read_xlsx(source: Source, layout: FileLayout, path: Path) -> pl.DataFrame:
    return load_sheet(source, path, open_workbook(source, path), layout.sheet)


def _select_columns(source: Source, path: Path, frame: pl.DataFrame) -> pl.DataFrame:
    found = {normalise_header(name): name for name in frame.columns}
    renames: dict[str, str] = {}
    missing: list[str] = []
    for column in source.columns:
        actual = found.get(normalise_header(column.header))
        if actual is None:
            missing.append(column.header)
        else:
            renames[actual] = column.header
    if missing:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: missing column(s) {missing}; "
            f"the file has {frame.columns}",
            source_id=source.source_id,
            file=path.name,
            column=missing[0],
        )
    return frame.select([pl.col(actual).alias(header) for actual, header in renames.items()])


def _drop_blank_rows(frame: pl.DataFrame) -> pl.DataFrame:
    """Spreadsheets often end with formatted but empty rows; they are not data."""
    data_columns = [name for name in frame.columns if name != ROW_NUMBER]
    blank = pl.all_horizontal(
        [pl.col(name).is_null() | (pl.col(name).str.strip_chars() == "") for name in data_columns]
    )
    return frame.filter(~blank)


# What a cell must look like for each catalog dtype, as error messages say it.
EXPECTED = {
    "int": "a whole number",
    "float": "a number",
    "str": "text",
    "date": "a date (an Excel date cell or YYYY-MM-DD text)",
}


def _at_row(row: dict[str, Any]) -> str:
    return f"row {row[ROW_NUMBER]}"


def cast_columns(
    source: Source,
    path: Path,
    frame: pl.DataFrame,
    where: Callable[[dict[str, Any]], str] = _at_row,
) -> pl.DataFrame:
    """Text cells typed as the catalog says, or an error naming the first bad cell (`where` says
    where it is: 'row 12', or 'sheet 'CRF 2 Grants', row 12'); `_row_number` and the columns."""
    typed = frame.with_columns(_typed(column) for column in source.columns)
    for column in source.columns:
        if column.dtype == "str":
            continue
        raw = frame.get_column(column.header)
        present = raw.is_not_null() & (raw.str.strip_chars() != "")
        # A number that is not whole where an integer is expected is null in `typed` too.
        failing = frame.filter(present & typed.get_column(column.header).is_null())
        if failing.height:
            first = failing.row(0, named=True)
            raise PlaceindexError(
                f"{source.source_id}: {path.name}: {where(first)}, column {column.header!r}: "
                f"expected {EXPECTED[column.dtype]}, found {first[column.header]!r} "
                f"({failing.height} such row(s))",
                source_id=source.source_id,
                file=path.name,
                row=first[ROW_NUMBER],
                column=column.header,
            )
    return typed.select([ROW_NUMBER] + [column.header for column in source.columns])


def _number(text: pl.Expr) -> pl.Expr:
    # Surrounding spaces and thousands separators ('1,954') are the publishers' habit.
    return text.str.strip_chars().str.replace_all(",", "").cast(pl.Float64, strict=False)


def _typed(column: Column) -> pl.Expr:
    text = pl.col(column.header)
    if column.dtype == "str":
        return text
    if column.dtype == "date":
        value = text.str.strip_chars().str.to_date("%Y-%m-%d", strict=False)
    elif column.dtype == "int":
        # Spreadsheets hold whole numbers as floats ("29199.0"); a value that is not whole (or
        # too big) is null here and an error above, never rounded.
        number = _number(text)
        value = pl.when(number % 1 == 0).then(number).otherwise(None).cast(pl.Int64, strict=False)
    else:
        value = _number(text)
    return value.cast(POLARS_TYPES[column.dtype]).alias(column.header)
