"""How the demo writes bytes: CSV, XLSX, legacy XLS, zip, JSON and ESRI shapefile sets, with
everything that is not the data pinned (timestamps, document properties, member permissions), so two
runs give identical bytes.

What a file's layout is (header, sheet, encoding, rows above the header) comes from the catalog and
is passed in; this module only knows how each format is written. The few layout checks here
(`row_by_name`, `rows_above`, the row width of a CSV) turn a demo that drifted from its catalog
entry into an error instead of a file in the wrong layout.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import re
import struct
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import xlwt

# Pinned so that XLSX and zip bytes do not depend on the clock.
FIXED_TIME = datetime(2019, 9, 26, 9, 30, 0)
ZIP_TIME = (2019, 9, 26, 9, 30, 0)

# Excel number formats the publishers use.
FMT_RANK, FMT_DECILE, FMT_COUNT, FMT_SCORE = "#,##0", "0", "#,##0", "0.000"


def csv_bytes(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    encoding: str = "utf-8",
    bom: bool = False,
    line_end: str = "\n",
    quoting: int = csv.QUOTE_MINIMAL,
) -> bytes:
    """A CSV file: the header, then one record per row, every row as wide as the header."""
    for number, row in enumerate(rows, start=1):
        if len(row) != len(header):
            raise ValueError(
                f"demo CSV row {number} has {len(row)} fields under a header of {len(header)}"
            )
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end, quoting=quoting)
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return codecs.BOM_UTF8 + data if bom else data


def row_by_name(header: Sequence[str], values: dict[str, Any], blank: Any = "") -> list[Any]:
    """A row in `header`'s order from values named by their column; a name the header does not
    have is an error (it would otherwise leave its column silently blank)."""
    unknown = [name for name in values if name not in header]
    if unknown:
        raise ValueError(f"demo row names column(s) {unknown} that the published header lacks")
    return [values.get(name, blank) for name in header]


def rows_above(rows: Sequence[Any], header_row: int, blank: Any) -> list[Any]:
    """The rows above a header (title, instruction, disclaimer), padded with `blank` rows to the
    catalog's `header_row` (the number of rows above the header)."""
    if len(rows) > header_row:
        raise ValueError(
            f"demo writes {len(rows)} rows above a header the catalog puts at row {header_row}"
        )
    return [*rows, *[blank] * (header_row - len(rows))]


@dataclass
class Sheet:
    title: str
    header: Sequence[str] = ()
    rows: Sequence[Sequence[Any]] = ()
    formats: Sequence[str | None] = ()
    text: Sequence[str] = ()  # a text-only sheet: one line per row, in column B from row 2
    # Free-form cells, written first: (coordinate, value, number format or None).
    cells: Sequence[tuple[str, Any, str | None]] = ()
    above: Sequence[Sequence[Any]] = ()  # rows above the header (title rows)
    # Columns of the used range from the header row down: empty cells are written up to this
    # column, as a publisher's sheet has empty columns without a header at its right.
    width: int = 0
    auto_filter: bool = False  # a filter (drop-down menus) on the header row


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """An XLSX workbook of `sheets` in order, its document properties and timestamps pinned."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title)
        for offset, line in enumerate(spec.text):
            if line:
                sheet.cell(row=2 + offset, column=2, value=line)
        for coordinate, value, number_format in spec.cells:
            sheet[coordinate] = value
            if number_format is not None:
                sheet[coordinate].number_format = number_format
        for values in spec.above:
            sheet.append(list(values))
        header_row = 0
        if spec.header:
            sheet.append(list(spec.header))
            header_row = sheet.max_row
        for values in spec.rows:
            sheet.append(list(values))
        for column, number_format in enumerate(spec.formats, start=1):
            if number_format is None:
                continue
            for (cell,) in sheet.iter_rows(min_row=1, min_col=column, max_col=column):
                cell.number_format = number_format
        for row in range(header_row or 1, sheet.max_row + 1) if spec.width else ():
            for column in range(1, spec.width + 1):
                cell = sheet.cell(row=row, column=column)
                if cell.value is None and not cell.has_style:
                    # openpyxl leaves out an empty cell without a style; Excel's default
                    # alignment, set explicitly, keeps it in the file (and the used range).
                    cell.alignment = Alignment(vertical="bottom")
        if spec.auto_filter and header_row:
            last = get_column_letter(len(spec.header))
            sheet.auto_filter.ref = f"A{header_row}:{last}{sheet.max_row}"
    props = workbook.properties
    props.creator = props.lastModifiedBy = "placeindex demo generator (synthetic data)"
    props.title = "SYNTHETIC demo data - not official statistics"
    props.created = props.modified = FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    return pin_zip(buffer.getvalue())


def pin_zip(data: bytes) -> bytes:
    """Rewrite an XLSX zip with fixed member timestamps and a fixed modified date."""
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    members = []
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    content,
                )
            members.append((info.filename, content))
    return zip_bytes(members)


def zip_bytes(members: Sequence[tuple[str, bytes]]) -> bytes:
    """A zip archive of `members` in order, with pinned timestamps and permissions."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in members:
            pinned = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = 0o600 << 16
            target.writestr(pinned, content)
    return out.getvalue()


def xls_workbook() -> xlwt.Workbook:
    """An empty legacy (.xls, BIFF8) workbook, as xlwt writes one."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    book.owner = "placeindex demo"
    return book


def xls_bytes(book: xlwt.Workbook) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def json_bytes(document: Any, *, indent: int, final_newline: bool) -> bytes:
    """JSON with ASCII escapes, indented as the publisher indents it."""
    return (json.dumps(document, indent=indent) + ("\n" if final_newline else "")).encode("ascii")


def number(value: float) -> int | float:
    """A value as a publisher's export writes it: a whole number without '.0'."""
    return int(value) if float(value).is_integer() else value


def r_number(value: float, places: int = 6) -> str:
    """A coordinate as R writes a 6-decimal number: '53.46207', '-2.26046'."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


# --- ESRI shapefiles ------------------------------------------------------------------------------

# (x, y) positions of one ring, closed: exteriors clockwise, holes counter-clockwise, as ESRI
# winds them.
ShapeRing = Sequence[tuple[float, float]]


@dataclass(frozen=True)
class DbfField:
    """A .dbf field as ArcGIS declares it: C (text, width in bytes), N (integer) or F (a real,
    which ArcGIS writes with 6 significant digits in exponent notation, ' -7.86480e-01', whatever
    decimals it declares)."""

    name: str
    kind: str
    width: int
    decimals: int = 0

    def cell(self, value: Any, encoding: str) -> bytes:
        if self.kind == "C":
            data = ("" if value is None else str(value)).encode(encoding)
            if len(data) > self.width:
                raise ValueError(f"demo .dbf: {value!r} is wider than field {self.name}")
            return data.ljust(self.width, b" ")
        if self.kind == "N":
            text = "" if value is None else str(int(value))
        else:
            text = "" if value is None else f"{value:.5e}"
        if len(text) > self.width:
            raise ValueError(f"demo .dbf: {value!r} is wider than field {self.name}")
        return text.rjust(self.width).encode("ascii")


def shapefile_set(
    records: Sequence[tuple[Sequence[Any], Sequence[ShapeRing]]],
    fields: Sequence[DbfField],
    *,
    prj: str,
    encoding: str,
    cpg: str,
    updated: tuple[int, int, int],
) -> dict[str, bytes]:
    """A polygon shapefile's files by suffix (.shp, .shx, .dbf, .prj, .cpg): each record's field
    values in `fields` order and its rings, every ring of a multipolygon in one record, as ESRI
    writes them. `updated` is the .dbf's last-update date (pinned, not the clock)."""
    polygon = 5
    contents = []
    for values, rings in records:
        if len(values) != len(fields):
            raise ValueError(f"demo .dbf record has {len(values)} values for {len(fields)} fields")
        points = [point for ring in rings for point in ring]
        starts, at = [], 0
        for ring in rings:
            starts.append(at)
            at += len(ring)
        contents.append(
            struct.pack("<i4d2i", polygon, *_box(points), len(rings), len(points))
            + struct.pack(f"<{len(starts)}i", *starts)
            + b"".join(struct.pack("<2d", x, y) for x, y in points)
        )
    everything = [point for _, rings in records for ring in rings for point in ring]
    box = _box(everything)
    body, index, offset = [], [], 50  # in 16-bit words, after the 100-byte header
    for number, content in enumerate(contents, start=1):
        words = len(content) // 2
        body.append(struct.pack(">2i", number, words) + content)
        index.append(struct.pack(">2i", offset, words))
        offset += 4 + words
    shp = b"".join(body)
    shx = b"".join(index)
    return {
        ".shp": _shape_header(100 + len(shp), polygon, box) + shp,
        ".shx": _shape_header(100 + len(shx), polygon, box) + shx,
        ".dbf": _dbf(fields, [values for values, _ in records], encoding, updated),
        ".prj": prj.encode("ascii"),
        ".cpg": cpg.encode("ascii"),
    }


def _box(points: Sequence[tuple[float, float]]) -> tuple[float, float, float, float]:
    xs, ys = [x for x, _ in points], [y for _, y in points]
    return min(xs), min(ys), max(xs), max(ys)


def _shape_header(size: int, shape_type: int, box: tuple[float, float, float, float]) -> bytes:
    """The 100-byte header of a .shp or .shx: file code, length in words, version, shape type and
    the bounding box (z and m unused)."""
    return (
        struct.pack(">7i", 9994, 0, 0, 0, 0, 0, size // 2)
        + struct.pack("<2i", 1000, shape_type)
        + struct.pack("<8d", *box, 0.0, 0.0, 0.0, 0.0)
    )


def _dbf(
    fields: Sequence[DbfField],
    rows: Sequence[Sequence[Any]],
    encoding: str,
    updated: tuple[int, int, int],
) -> bytes:
    """A dBASE III table: header, field descriptors, records (each after a blank deletion flag),
    end-of-file mark."""
    year, month, day = updated
    record_bytes = 1 + sum(field.width for field in fields)
    header_bytes = 32 + 32 * len(fields) + 1
    header = struct.pack(
        "<4BIHH20x", 0x03, year - 1900, month, day, len(rows), header_bytes, record_bytes
    )
    descriptors = b"".join(
        struct.pack(
            "<11sc4xBB14x",
            field.name.encode("ascii"),
            field.kind.encode("ascii"),
            field.width,
            field.decimals,
        )
        for field in fields
    )
    records = b"".join(
        b" "
        + b"".join(field.cell(value, encoding) for field, value in zip(fields, row, strict=True))
        for row in rows
    )
    return header + descriptors + b"\r" + records + b"\x1a"
