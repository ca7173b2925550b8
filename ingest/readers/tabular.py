"""Reader for sources published as one table: a CSV (plain, gzipped, or a member of a zip such as
Nomis's bulk downloads), an XLSX sheet, an R data file's data frame (`ingest.readers.rda`), or a
parquet file.

What belongs here: turning a file's bytes into a polars frame with the catalog's columns, under the
publisher's own headers, typed as the catalog says, plus `_row_number` (the row in the file, so a check
can name it); and what every reader does alike (finding the layout, reading a zip member, decoding
text, finding the catalog's columns in a header row, checking a sheet is there, typing the columns),
so a file gets the same message whichever reader read it. What does not: rules about values (ranges,
uniqueness, row counts) - those are the expectation suites' job, so each rule has one owner. (A file
with no row at all is refused here, like an empty file: it is no version of any published table.)
"""

from __future__ import annotations

import csv
import difflib
import gzip
import io
import tempfile
import zipfile
import zlib
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
    selected = False
    if layout.format in ("csv", "csv.gz"):
        frame, selected = _read_csv(source, layout, path)
        first_data_row = 2
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
    if not selected:
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
        extracted = safe_extract_member(
            path, member, Path(tmp) / PurePosixPath(member).name, source_id=source.source_id
        )
        if extracted.stat().st_size == 0:
            raise PlaceindexError(
                f"{source.source_id}: {path.name}: member {member!r} is empty (0 bytes); expected "
                f"the publisher's {layout.member_format} file",
                source_id=source.source_id,
                file=path.name,
            )
        yield extracted


def require_content(source: Source, path: Path) -> None:
    """An error unless the file holds at least one byte: an empty file is no version of any
    format, and saying so beats each parser's own complaint about it."""
    if path.stat().st_size == 0:
        layout = layout_for_path(source, path)
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: the file is empty (0 bytes); expected the "
            f"publisher's {layout.format} file",
            source_id=source.source_id,
            file=path.name,
        )


def require_rows(source: Source, path: Path, frame: pl.DataFrame) -> None:
    """An error when a file read cleanly but holds no row of data: the publisher's table is never
    empty, and a source without a fixed row count would otherwise load an empty table."""
    if frame.height == 0:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: no rows of data, only the header; expected the "
            "publisher's table (a failed export, or a file cut short after its header?)",
            source_id=source.source_id,
            file=path.name,
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
        )
    if wanted in names:
        return wanted
    nested = [name for name in names if PurePosixPath(name).name == wanted]
    # One match in a subfolder is the same member; anything else is left to the extractor's
    # error, which lists what the archive does hold.
    return nested[0] if len(nested) == 1 else wanted


def _read_csv(source: Source, layout: FileLayout, path: Path) -> tuple[pl.DataFrame, bool]:
    """The file's table, and whether it holds only the catalog's columns already (a plain UTF-8
    file, parsed from disk a batch at a time and each batch cut to the columns read)."""
    data = path.read_bytes()
    gzipped = layout.format == "csv.gz" or data[:2] == b"\x1f\x8b"
    if gzipped:
        data = _gunzip(source, path, data)
    if not _is_utf8(layout.encoding) or data.startswith(_UTF8_BOM):
        text = decode_text(source, layout, path, data)
        del data
        return parse_csv_text(source, path, text), False
    check_text(source, layout, path, data)
    if gzipped:
        # UTF-8 bytes are what polars parses: handed over as they are, not encoded again.
        return parse_csv_text(source, path, None, utf8=data), False
    _require_rows(source, path, data)
    last_line = data[data.rfind(b"\n") + 1 :]
    del data
    return _parse_csv_file(source, path, last_line), True


def _parse_csv_file(source: Source, path: Path, last_line: bytes) -> pl.DataFrame:
    """A plain UTF-8 CSV parsed from disk in batches, each cut to the catalog's columns at once.

    Every column is still parsed, so a row with a field too many is still an error, but only the
    columns read are kept: the 52-column postcode directory (1.35 GB at 100x) peaked at 3.7 GB
    parsed whole and at 1.1 GB this way. A file that does not parse is read whole again to say
    why (`parse_csv_text`)."""
    parts: list[pl.DataFrame] = []
    width = 0
    try:
        picked: list[pl.Expr] | None = None
        for batch in pl.scan_csv(path, infer_schema=False, quote_char='"').collect_batches():
            if picked is None:
                width = batch.width
                positions = header_positions(source, path, batch.columns, "the file")
                picked = [
                    pl.col(batch.columns[position]).alias(name)
                    for name, position in positions.items()
                ]
            parts.append(batch.select(picked))
    except pl.exceptions.PolarsError as exc:
        parse_csv_text(source, path, None, utf8=path.read_bytes())  # raises its own account
        raise _unparsable(source, path, exc) from exc
    if not parts:
        # A header and no rows: no batch says what the header is.
        frame = parse_csv_text(source, path, None, utf8=path.read_bytes())
        return _select_columns(source, path, frame)
    frame = pl.concat(parts, rechunk=True)
    _require_whole_last_row(source, path, last_line, frame.height, width)
    return frame


def _gunzip(source: Source, path: Path, data: bytes) -> bytes:
    """The decompressed bytes, or an error saying whether the file was cut short or damaged: the
    first is a download to repeat, the second a bad copy at the publisher's or on this disk."""

    def fail(detail: str) -> PlaceindexError:
        return PlaceindexError(
            f"{source.source_id}: {path.name}: {detail}",
            source_id=source.source_id,
            file=path.name,
        )

    try:
        return gzip.decompress(data)
    except EOFError:
        raise fail(
            f"the gzip data stops before its end marker after {len(data)} bytes: the file is "
            "truncated (a download cut short?)"
        )
    except (OSError, zlib.error) as exc:
        # zlib.error: the deflate stream itself is broken; BadGzipFile (an OSError): a bad header,
        # or the bytes inflate but their CRC or length is not the one the compressor recorded.
        raise fail(
            f"damaged gzip data ({exc}): the bytes are not the ones the publisher compressed"
        )


# Bytes that say what a file is when it is not the publisher's text at all.
_UTF8_BOM = b"\xef\xbb\xbf"
_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
_ZIP_MAGIC = b"PK\x03\x04"
_PARQUET_MAGIC = b"PAR1"
_SNIFF = 4096


def _is_utf8(encoding: str) -> bool:
    return encoding.lower().replace("_", "-") in ("utf-8", "utf8", "utf-8-sig")


def check_text(source: Source, layout: FileLayout, path: Path, data: bytes) -> None:
    """`decode_text`'s checks without keeping the text: an ASCII file in a UTF-8 layout is not
    decoded at all (every ASCII byte string is UTF-8), any other is decoded and let go."""
    if _is_utf8(layout.encoding) and data.isascii():
        _check_is_text(source, layout, path, data)
        return
    decode_text(source, layout, path, data)


def _text_error(source: Source, path: Path, detail: str, row: int | None = None) -> PlaceindexError:
    return PlaceindexError(
        f"{source.source_id}: {path.name}: {detail}",
        source_id=source.source_id,
        file=path.name,
        row=row,
    )


def _check_is_text(source: Source, layout: FileLayout, path: Path, data: bytes) -> None:
    """Files that are not the publisher's text at all are said as such, not as a bad byte."""
    expected = layout.encoding
    if data[:2] in _UTF16_BOMS and "16" not in expected:
        raise _text_error(
            source,
            path,
            "the file is UTF-16 (it starts with a UTF-16 byte-order mark); expected the "
            f"publisher's {expected} text",
        )
    if data.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        raise _text_error(
            source,
            path,
            "an HTML page, not the publisher's file (an error or login page saved in its place?)",
        )
    if data.startswith(_ZIP_MAGIC):
        raise _text_error(
            source,
            path,
            "a zip archive (an XLSX workbook or a zipped download?), not the publisher's "
            f"{expected} text",
        )
    if "16" not in expected:
        order = _utf16_without_bom(data[:_SNIFF])
        if order is not None:
            raise _text_error(
                source,
                path,
                f"the file is UTF-16 ({order}, without a byte-order mark: every other byte is "
                f"NUL); expected the publisher's {expected} text",
            )
        nul = data.find(b"\x00", 0, _SNIFF)
        if nul != -1:
            raise _text_error(
                source,
                path,
                f"byte {nul} is NUL, so the file is not text (a binary file saved under this "
                f"name?); expected the publisher's {expected} text",
            )
    if not _is_utf8(expected) and data.startswith(_UTF8_BOM):
        raise _text_error(
            source,
            path,
            f"the file is UTF-8 (it starts with a UTF-8 byte-order mark); expected the "
            f"publisher's {expected} text (has the publisher changed the file's encoding?)",
        )


def decode_text(source: Source, layout: FileLayout, path: Path, data: bytes) -> str:
    """The file's text in the layout's encoding (a UTF-8 BOM dropped), or an error that names the
    encoding found where it can tell (UTF-16, UTF-8, cp1252) and the line of the first bad byte."""
    _check_is_text(source, layout, path, data)
    expected = layout.encoding
    utf8 = _is_utf8(expected)
    try:
        text = data.decode("utf-8-sig" if utf8 else expected)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        found = ""
        if utf8 and _decodes(data, "cp1252"):
            found = (
                f"; it reads as cp1252 (Windows Latin) text ({_around(data, exc.start)!r}), so "
                "it was saved in that encoding"
            )
        raise _text_error(
            source,
            path,
            f"line {line}: bytes are not {expected} (byte 0x{data[exc.start]:02X} at offset "
            f"{exc.start}: {exc.reason}){found}; expected the publisher's {expected} file",
            row=line,
        )
    if not utf8 and not data.isascii() and _decodes(data, "utf-8"):
        # Every non-ASCII byte forms a UTF-8 sequence: in real cp1252 (or Latin) text that does
        # not happen, so this is UTF-8 that would otherwise be read as 'MÃ´n' for 'Môn'.
        at = next(index for index, byte in enumerate(data) if byte > 0x7F)
        line = data[:at].count(b"\n") + 1
        raise _text_error(
            source,
            path,
            f"line {line}: the file is UTF-8 text ({_around(data, at, 'utf-8')!r}), not the "
            f"publisher's {expected} (has the publisher changed the file's encoding?)",
            row=line,
        )
    return text.lstrip("\ufeff")


def _utf16_without_bom(head: bytes) -> str | None:
    """'little-endian' or 'big-endian' when ASCII text was saved as UTF-16 with no byte-order mark
    (each character a NUL beside its byte), else None."""
    pairs = len(head) // 2
    if pairs < 4:
        return None
    odd_nuls = head[1 : pairs * 2 : 2].count(0)
    even_nuls = head[0 : pairs * 2 : 2].count(0)
    if odd_nuls >= 0.9 * pairs and even_nuls == 0:
        return "little-endian"
    if even_nuls >= 0.9 * pairs and odd_nuls == 0:
        return "big-endian"
    return None


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True


def _around(data: bytes, at: int, encoding: str = "cp1252") -> str:
    """The field (or 30 bytes either side) holding byte `at`, decoded: what a user can search for."""
    start = max(data.rfind(b",", 0, at), data.rfind(b"\n", 0, at), at - 30) + 1
    ends = [end for end in (data.find(b",", at), data.find(b"\n", at)) if end != -1]
    end = min([*ends, len(data), at + 30])
    return data[start:end].decode(encoding, errors="replace").strip().strip('"')


def parse_csv_text(
    source: Source, path: Path, text: str | None, *, utf8: bytes | None = None
) -> pl.DataFrame:
    """Every cell as text: typing is the catalog's job, so nothing is guessed here. `utf8` is
    the text as UTF-8 bytes, when the caller has them; then `text` may be None, and the bytes are
    decoded again only to explain a file that does not parse."""
    if text is None and utf8 is None:
        raise TypeError("parse_csv_text needs the text or its UTF-8 bytes")
    content: str | bytes = text if text is not None else utf8  # type: ignore[assignment]

    def full_text() -> str:
        return text if text is not None else content.decode("utf-8")  # type: ignore[union-attr]

    # Not `text.strip()`, which copies the whole text; nor a StringIO, which holds 4 bytes a
    # character and which polars reads back and encodes again: a 1.3 GB file took 11 GB.
    _require_rows(source, path, content)
    try:
        # Quoted fields may hold line breaks; the parser keeps them inside the value, so a row is
        # a record, not a physical line.
        frame = pl.read_csv(
            text.encode("utf-8") if utf8 is None else utf8,  # type: ignore[union-attr]
            infer_schema=False,
            quote_char='"',
        )
    except pl.exceptions.PolarsError as exc:
        text = full_text()
        # Every quote mark of a well-formed CSV is one of a pair.
        if text.count('"') % 2:
            raise _text_error(
                source,
                path,
                "the file ends inside a quoted value (its quote marks do not pair up): it looks "
                "truncated (a download cut short?)",
            )
        ragged = _ragged_row(text)
        if ragged is not None:
            row, fields, width = ragged
            raise _text_error(
                source,
                path,
                f"row {row}: {fields} fields, the header on row 1 has {width}; the file may be "
                "truncated or not in this source's layout",
                row=row,
            )
        raise _unparsable(source, path, exc)
    _require_whole_last_row(source, path, content, frame.height, frame.width)
    return frame


def _require_rows(source: Source, path: Path, content: str | bytes) -> None:
    if not content or content.isspace():
        raise _text_error(
            source,
            path,
            "no header row: the file holds only blank lines; expected the publisher's CSV",
        )


def _require_whole_last_row(
    source: Source, path: Path, content: str | bytes, rows: int, width: int
) -> None:
    cut = _cut_last_row(content, width)
    if cut is not None:
        row = rows + 1
        raise _text_error(
            source,
            path,
            f"row {row}, the last, has {cut} of the header's {width} fields and the file ends "
            "without a line break: it looks truncated (a download cut short?)",
            row=row,
        )


def _unparsable(source: Source, path: Path, exc: Exception) -> PlaceindexError:
    # Polars' own text ends with advice on its options, which a user cannot set.
    return _text_error(source, path, f"cannot be parsed as CSV: {str(exc).strip().splitlines()[0]}")


def _ragged_row(text: str) -> tuple[int, int, int] | None:
    """(row, its fields, the header's) of the first row whose field count is not the header's."""
    reader = csv.reader(io.StringIO(text, newline=""))
    width: int | None = None
    row = 0
    try:
        for record in reader:
            if not record:
                continue
            row += 1
            if width is None:
                width = len(record)
            elif len(record) != width:
                return row, len(record), width
    except csv.Error:
        # A file the csv module cannot read either (a stray quote opening a huge field): polars'
        # own account of it is the one to give.
        return None
    return None


def _cut_last_row(content: str | bytes, width: int) -> int | None:
    """The fields of the last row when a file stops part-way through it: fewer than the header's,
    with no line break after them. (Polars pads a short row with nulls without a word.)"""
    if isinstance(content, bytes):
        # Only the last line is decoded (a cut may fall inside a character: replaced).
        content = content[content.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")
    if not content or content[-1] in "\r\n":
        return None
    tail = content[content.rfind("\n") + 1 :]
    if tail.count('"') % 2:
        # The end of a quoted value that spans lines: the parser read that row whole.
        return None
    fields = len(next(csv.reader([tail]), []))
    return fields if fields < width else None


def open_workbook(source: Source, path: Path):
    """The XLSX workbook (fastexcel), or an error saying the file is not one."""
    import fastexcel

    require_zip_container(source, path)
    try:
        return fastexcel.read_excel(path)
    except Exception as exc:  # noqa: BLE001 - calamine raises its own error types for corrupt workbooks
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: not a readable XLSX workbook: {exc}",
            source_id=source.source_id,
            file=path.name,
        )


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
    except Exception as exc:  # noqa: BLE001 - calamine raises its own error types for a damaged sheet
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: sheet {sheet!r} cannot be read: {exc}",
            source_id=source.source_id,
            file=path.name,
        )


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
            f"{source.source_id}: {path.name}: {_not_parquet(path, exc)}",
            source_id=source.source_id,
            file=path.name,
        )
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
        )


def _not_parquet(path: Path, exc: Exception) -> str:
    """What is wrong with a file the parquet reader refused, from its first and last bytes: a
    parquet file starts and ends with PAR1, and its schema is in the footer before the last one."""
    with path.open("rb") as handle:
        head = handle.read(64)
        handle.seek(max(0, path.stat().st_size - 4))
        tail = handle.read(4)
    if head.lstrip()[:15].lower().startswith((b"<!doctype html", b"<html")):
        return "an HTML page, not the publisher's file (an error or login page saved in its place?)"
    if head.startswith(_PARQUET_MAGIC) and tail != _PARQUET_MAGIC:
        return (
            f"the parquet data stops before its footer after {path.stat().st_size} bytes (it "
            "starts with PAR1 but does not end with it): the file is truncated (a download cut "
            "short?)"
        )
    return f"not a readable parquet file ({exc}); the download may be truncated or an error page"


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
            f"{where} has {list(header)}{_renamed(missing, header, wanted)}",
            source_id=source.source_id,
            file=path.name,
            row=row,
            column=missing[0],
        )
    return {name: found[normalise_header(name)] for name in wanted}


def _renamed(missing: list[str], header: Sequence[str], wanted: Sequence[str]) -> str:
    """'; renamed? ...' pairing each missing column with a header of the file that no wanted
    column matched and that differs from it by a word or two; '' when none does. A publisher that
    rewords a heading is the usual cause, and the pair says what to change in the catalog."""
    wanted_normal = {normalise_header(name) for name in wanted}
    spare = {
        normalise_header(text): text
        for text in header
        if text.strip() and normalise_header(text) not in wanted_normal
    }
    pairs = []
    for name in missing:
        close = difflib.get_close_matches(normalise_header(name), list(spare), n=1, cutoff=0.8)
        if close:
            pairs.append(f"{name!r} now {spare.pop(close[0])!r}")
    return f"; renamed? {', '.join(pairs)}" if pairs else ""


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
