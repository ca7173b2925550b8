"""Reader for sources published as one table: a CSV (plain, gzipped, or a member of a zip such as
Nomis's bulk downloads), an XLSX sheet, an R data file's data frame (`ingest.readers.rda`), or a
parquet file.

What belongs here: turning a file's bytes into a polars frame with the catalog's columns, under the
publisher's own headers, typed as the catalog says, plus `_row_number` (the row in the file, so a check
can name it); and what every reader does alike (finding the layout, reading a zip member, decoding
text, finding the catalog's columns in a header row, checking a sheet is there, typing the columns),
so a file gets the same message whichever reader read it. What does not: rules about values (ranges,
uniqueness, row counts) - those are the expectation suites' job, so each rule has one owner.
"""

from __future__ import annotations

import gzip
import io
import tempfile
import zipfile
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path, PurePosixPath
from typing import Any

import polars as pl

from ingest.catalog import ROW_NUMBER, Column, FileLayout, Source, normalise_header
from ingest.errors import PlaceindexError
from ingest.readers import rda
from ingest.readers.cells import NULL_MARK_FIELDS, blank_null_marks, drop_blank_rows

# The polars type each catalog dtype is read as, for every reader.
POLARS_TYPES = {"str": pl.String, "int": pl.Int64, "float": pl.Float64, "date": pl.Date}

# The layout fields `read_zip_member` honours; the member's own are those of its format.
ZIP_FIELDS = frozenset({"member", "member_format"})

# The layout fields this reader honours, by format (besides file_name and format). The catalog
# accepts every field on every layout, so a test holds each source to its reader's list: a field
# set and not honoured would be read as if it were not there.
LAYOUT_FIELDS: dict[str, frozenset[str]] = {
    "csv": frozenset({"encoding"}) | NULL_MARK_FIELDS,
    "csv.gz": frozenset({"encoding"}) | NULL_MARK_FIELDS,
    "xlsx": frozenset({"sheet"}) | NULL_MARK_FIELDS,
    "rda": rda.LAYOUT_FIELDS | NULL_MARK_FIELDS,
    "parquet": NULL_MARK_FIELDS,
    "zip": ZIP_FIELDS,
}

Reader = Callable[[Source, Path], pl.DataFrame]


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
        return read_zip_member(source, layout, path, read_tabular)
    if layout.format in ("csv", "csv.gz"):
        frame, first_data_row = _read_csv(source, layout, path), 2
    elif layout.format == "xlsx":
        frame, first_data_row = _read_xlsx(source, layout, path), 2
    elif layout.format == "rda":
        frame, first_data_row = rda.read_rda_table(source, layout, path), 1
    elif layout.format == "parquet":
        # No header row: a row's number is its position in the file.
        frame, first_data_row = _read_parquet(source, path), 1
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
    frame = drop_blank_rows(blank_null_marks(layout, frame))
    return cast_columns(source, path, frame)


def read_zip_member(source: Source, layout: FileLayout, path: Path, read: Reader) -> pl.DataFrame:
    """The table in one member of a published archive, read by `read` as if it had been extracted:
    as the layout's `member_format`, with the layout's other fields."""
    with extracted_member(source, layout, path) as extracted:
        inner = replace(layout, file_name=extracted.name, format=layout.member_format, member=None)
        return read(replace(source, layouts=(inner,)), extracted)


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
        with path.open("rb") as handle:
            start = handle.read(64).lstrip()[:15].lower()
        if start.startswith((b"<!doctype html", b"<html")):
            raise PlaceindexError(
                f"{source.source_id}: {path.name}: an HTML page, not the publisher's workbook (an "
                "error or login page saved in its place?)",
                source_id=source.source_id,
                file=path.name,
            )
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
    # Two files that are not the publisher's text at all are said as such, not as a bad byte.
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") and "16" not in layout.encoding:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: the file is UTF-16 (it starts with a UTF-16 "
            f"byte-order mark); expected the publisher's {layout.encoding} text",
            source_id=source.source_id,
            file=path.name,
        )
    if data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: an HTML page, not the publisher's file (an error or "
            "login page saved in its place?)",
            source_id=source.source_id,
            file=path.name,
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


def require_sheet(source: Source, path: Path, sheet: str | None, names: list[str]) -> None:
    """An error naming the sheets the workbook does have, unless `sheet` is one of `names`."""
    if sheet not in names:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: no sheet {sheet!r}; the workbook has {names}",
            source_id=source.source_id,
            file=path.name,
        )


def require_header_row(
    source: Source, path: Path, sheet: str | None, rows: int, header_row: int
) -> None:
    """An error unless the sheet's `rows` reach its header, `header_row` rows down."""
    if rows <= header_row:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: sheet {sheet!r} has {rows} rows; "
            f"expected the header on row {header_row + 1}",
            source_id=source.source_id,
            file=path.name,
        )


def unreadable_sheet(
    source: Source, path: Path, sheet: str | None, exc: Exception
) -> PlaceindexError:
    """The error for a sheet whose cells cannot be read (openpyxl and xlrd raise many kinds)."""
    return PlaceindexError(
        f"{source.source_id}: {path.name}: sheet {sheet!r} cannot be read ({exc}); "
        "the file may be truncated",
        source_id=source.source_id,
        file=path.name,
    )


def load_sheet(source: Source, path: Path, workbook, sheet: str | None) -> pl.DataFrame:
    """One sheet, every cell as text, or an error naming the sheets the workbook does have."""
    require_sheet(source, path, sheet, workbook.sheet_names)
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


def _read_parquet(source: Source, path: Path) -> pl.DataFrame:
    """The catalog's columns of a parquet file, found by name in its schema and read as text, so
    that they are typed (and a bad value reported) exactly as a CSV's are. Columns the catalog does
    not read (a pandas index saved beside the data) are never loaded."""
    try:
        names = list(pl.read_parquet_schema(path))
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: not a readable parquet file ({exc}); the download "
            "may be truncated or an error page",
            source_id=source.source_id,
            file=path.name,
        ) from exc
    positions = header_positions(source, path, names, "the file")
    try:
        frame = pl.read_parquet(path, columns=[names[position] for position in positions.values()])
        return frame.select(pl.all().cast(pl.String))
    except (pl.exceptions.PolarsError, OSError) as exc:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: parquet data cannot be read ({exc}); the file may "
            "be truncated",
            source_id=source.source_id,
            file=path.name,
        ) from exc


def header_positions(
    source: Source,
    path: Path,
    header: Sequence[str],
    where: str,
    *,
    row: int | None = None,
    columns: Sequence[str] | None = None,
) -> dict[str, int]:
    """Where each of the catalog's `columns` (default: all the source's) is in a header row, as
    {catalog header: position}; or an error naming the missing ones and what the header `where`
    ('the file', 'the header on row 3 of sheet 'X'') has, with `row` its row number if it has one.

    Headers match by normalised text (publishers re-save files and change nothing else); of two
    cells alike the first is the column, and a blank cell names no column."""
    found: dict[str, int] = {}
    for position, text in enumerate(header):
        if text.strip():
            found.setdefault(normalise_header(text), position)
    wanted = [column.header for column in source.columns] if columns is None else columns
    missing = [name for name in wanted if normalise_header(name) not in found]
    if missing:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: missing column(s) {missing}; "
            f"{where} has {list(header)}",
            source_id=source.source_id,
            file=path.name,
            row=row,
            column=missing[0],
        )
    return {name: found[normalise_header(name)] for name in wanted}


def _select_columns(source: Source, path: Path, frame: pl.DataFrame) -> pl.DataFrame:
    positions = header_positions(source, path, frame.columns, "the file")
    return frame.select(
        pl.col(frame.columns[position]).alias(name) for name, position in positions.items()
    )


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
