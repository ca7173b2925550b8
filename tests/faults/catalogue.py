"""The bad-input catalogue: each way a source file or a download goes wrong, what the product then
does, and the exact message a user reads.

Every input is made at test time from a real published file (../shared/data), read and changed in a
temporary folder; nothing of the real data is kept in the repository. Each fault runs through the
code a refresh runs:
- a file fault lands the file from a folder and materializes the source's raw asset (land, read with
  the catalog's reader and layout, load, then the blocking Great Expectations check), as
  `placeindex refresh --from-dir DIR` does for that source;
- a network fault calls `ingest.http.fetch`, as a refresh's landing does, against a local server
  that misbehaves on purpose (with the refresh's retries, without their waits, and a 0.5 s read
  timeout instead of 120 s);
- the failing dbt test spoils one file of the demo data and runs a whole refresh
  (tests/faults/test_publish_gate.py).

`message` is what the user reads, with the temporary folder shown as `<tmp>` and the local server's
port as `<port>`. tests/faults/test_bad_inputs.py checks each entry against the product;
`python -m tests.faults.reliability` writes the table of docs/reliability.md from this list.
"""

from __future__ import annotations

import csv
import io
import struct
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from tests.conftest import SHARED_DATA

# How a fault ends, as the catalogue says it.
REFUSED = "refused"  # the raw asset's step fails with the message: the source is not loaded
SUITE_FAILS = "suite fails"  # read and loaded, then the blocking GX check fails with the message
ACCEPTED = "accepted"  # read, loaded and checked: nothing wrong for the product
DOWNLOAD_REFUSED = "download refused"  # ingest.http.fetch raises FetchError; no file is kept
DBT_FAILS = "dbt test fails"  # every raw check passes, a dbt test fails: nothing is published

CHECK = "great_expectations_suite"
# The error classes as the refresh names them (Dagster records the class's module path).
ERROR_CLASSES = {
    "PlaceindexError": "ingest.errors.PlaceindexError",
    "FetchError": "ingest.http.FetchError",
    "SourceFileNotFound": "ingest.landing.SourceFileNotFound",
}


@dataclass(frozen=True)
class Fault:
    """One bad input. `files` makes the source folder's files (name -> bytes) for a file fault,
    `serve` is the local server's route for a network fault, `demo_edit` spoils the demo's files
    for a whole refresh."""

    fault: str  # the fault, as the fault-injection issue names it
    input: str  # what exactly is fed in
    source_id: str
    outcome: str  # REFUSED, SUITE_FAILS, ACCEPTED, DOWNLOAD_REFUSED or DBT_FAILS
    message: str = ""  # the exact message (empty when accepted)
    error: str = "PlaceindexError"  # the class the refresh names beside a REFUSED message
    files: Callable[[], dict[str, bytes]] | None = None
    serve: Callable[..., None] | None = None
    demo_edit: Callable[[Path], None] | None = None  # spoils a copy of the demo's files
    fetch_options: dict = field(default_factory=dict)
    rows: int | None = None  # rows loaded, when accepted
    note: str = ""  # what the outcome means, when the outcome alone does not say

    @property
    def kind(self) -> str:
        if self.demo_edit is not None:
            return "refresh"
        return "network" if self.serve is not None else "file"


# --- real files, read at test time ---------------------------------------------------------------


@cache
def real(relative: str) -> bytes:
    path = SHARED_DATA / relative
    assert path.is_file(), f"real test data missing: {path}"
    return path.read_bytes()


TS054 = "census2021/census2021-ts054-lsoa.csv"
TS054_NAME = "census2021-ts054-lsoa.csv"
TS054_ZIP = "census2021-ts054.zip"
IMD_LOOKUP = "iod2019/Index_of_Multiple_Deprivation_(December_2019)_Lookup_in_England.csv"
IMD_LOOKUP_NAME = "Index_of_Multiple_Deprivation_(December_2019)_Lookup_in_England.csv"
IMD_FILE1 = "iod2019/File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx"
IMD_FILE1_NAME = "File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx"
IOD_FILE2_GZ = "iod2019/File_2_-_IoD2019_Domains_of_Deprivation.csv.gz"
IOD_FILE2_GZ_NAME = "File_2_-_IoD2019_Domains_of_Deprivation.csv.gz"
GE2024 = "democracy/house-of-commons-library/HoC-GE2024-results-by-constituency.csv"
GE2024_NAME = "HoC-GE2024-results-by-constituency.csv"
LOOKUP_11_21 = "lookups/LSOA_2011_to_LSOA_2021_Lookup_E_W.csv"
LOOKUP_11_21_NAME = "LSOA_2011_to_LSOA_2021_Lookup_E_W.csv"
PARL10_OVERLAP = "democracy/mysociety-geographic-overlaps/PARL10_PARL25_combo_overlap.parquet"
PARL10_OVERLAP_NAME = "PARL10_PARL25_combo_overlap.parquet"

HTML_PAGE = (
    b'<!DOCTYPE html>\n<html lang="en"><head><title>Sign in</title></head>\n'
    b'<body><h1>Sign in to continue</h1><form action="/login"></form></body></html>\n'
)


def _lines(relative: str) -> list[bytes]:
    return real(relative).split(b"\n")


def _edit_field(relative: str, line: int, column: int, value: bytes) -> bytes:
    """The file with one field of one physical line (0 = the header) replaced."""
    lines = _lines(relative)
    fields = lines[line].split(b",")
    fields[column] = value
    lines[line] = b",".join(fields)
    return b"\n".join(lines)


def _ts054_text() -> str:
    return real(TS054).decode("utf-8")


def _reversed_columns(text: str) -> str:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\n")
    for record in csv.reader(io.StringIO(text, newline="")):
        writer.writerow(list(reversed(record)))
    return out.getvalue()


def _cut_at_line_break(data: bytes) -> bytes:
    half = len(data) // 2
    return data[: data.index(b"\n", half) + 1]


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _zeros_zip(member: str, inflated: int, *, declared: int, crc: int | None = None) -> bytes:
    """A zip archive whose one member inflates to `inflated` zero bytes from a few MB, declaring
    `declared` bytes. Deflate's best is about 1000:1, so the stream is one compressed MiB of zeros
    repeated: each piece ends in a full flush, which makes it a stand-alone run of the stream."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    mib = bytes(1 << 20)
    piece = compressor.compress(mib) + compressor.flush(zlib.Z_FULL_FLUSH)
    pieces, rest = divmod(inflated, len(mib))
    assert rest == 0, "whole MiBs only"
    stream = piece * pieces + compressor.flush(zlib.Z_FINISH)
    if crc is None:
        crc = 0
        for _ in range(pieces):
            crc = zlib.crc32(mib, crc)
    name = member.encode()
    dos_date = (1 << 5) | 1  # 1980-01-01
    # Version 2.0, no flags, deflated, the time and date, then CRC-32 and both sizes, then the name.
    entry = (20, 0, 8, 0, dos_date, crc, len(stream), declared, len(name), 0)
    local = struct.pack("<4s5H3L2H", b"PK\x03\x04", *entry)
    # The directory's entry adds the version that made it, a comment, disk, attributes, offset 0.
    central = struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *entry, 0, 0, 0, 0, 0)
    offset = len(local) + len(name) + len(stream)
    directory = central + name
    end = struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, 1, 1, len(directory), offset, 0)
    return local + name + stream + directory + end


def _renamed_sheet(relative: str, old: str, new: str) -> bytes:
    """The workbook as the publisher might re-save it with one sheet renamed."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(SHARED_DATA / relative) as original,
        zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for info in original.infolist():
            content = original.read(info.filename)
            if info.filename == "xl/workbook.xml":
                before = f'name="{old}"'.encode()
                assert content.count(before) == 1
                content = content.replace(before, f'name="{new}"'.encode())
            copy.writestr(info, content)
    return buffer.getvalue()


WARD23_LOOKUP_NAME = "LSOA_(2021)_to_Electoral_Ward_(2023)_to_LAD_(2023)_Best_Fit_Lookup_in_EW.csv"


def _misencode_first_ward(folder: Path) -> None:
    """The demo's LSOA-ward 2023 lookup with its first ward's name, in every row, as UTF-8 decoded
    as code page 850 leaves it: a box-drawing character inside ('Mill├brook'), which no staging
    repair undoes. Every raw expectation still holds; dim_lsoa21's readable_text test does not."""
    path = folder / WARD23_LOOKUP_NAME
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")))
    column = rows[0].index("WD23NM")
    ward = rows[1][column]
    for row in rows[1:]:
        if row[column] == ward:
            row[column] = ward[:4] + "\u251c" + ward[4:]
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\n").writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8-sig")


def _gzip_damaged() -> bytes:
    data = bytearray(real(IOD_FILE2_GZ))
    data[1000:1016] = bytes(16)
    return bytes(data)


# --- the local server's routes -------------------------------------------------------------------


def _status(code: int) -> Callable[..., None]:
    def handle(handler, server) -> None:
        handler.send_error(code)

    return handle


def _never_answers(handler, server) -> None:
    server.stall()


def _redirects_to_itself(handler, server) -> None:
    handler.send_response(302)
    handler.send_header("Location", handler.path)
    handler.end_headers()


def _body(
    *, announce: int | None = None, send: int | None = None, stall: bool = False
) -> Callable[..., None]:
    """200 with the IMD 2019 lookup's first `send` bytes (all: None), announcing `announce` bytes
    (None: no Content-Length); then the server stalls (`stall`) or closes the connection."""

    def handle(handler, server) -> None:
        data = real(IMD_LOOKUP)
        length = f"Content-Length: {announce}\r\n" if announce is not None else ""
        head = f"HTTP/1.0 200 OK\r\nContent-Type: text/csv\r\n{length}\r\n".encode()
        try:
            # One write for the head and the bytes sent: a busy machine cannot open a gap between
            # them that the client's read timeout would take for the stall.
            handler.wfile.write(head + (data if send is None else data[:send]))
            handler.wfile.flush()
        except OSError:
            return  # the client hung up: it refused the body
        if stall:
            server.stall()

    return handle


def _html_page(handler, server) -> None:
    handler.send_response(200)
    handler.send_header("Content-Type", "text/html; charset=utf-8")
    handler.send_header("Content-Length", str(len(HTML_PAGE)))
    handler.end_headers()
    handler.wfile.write(HTML_PAGE)


TS054_BYTES = 2_605_429  # the real files' sizes (MANIFEST.md), as messages give them
LOOKUP_BYTES = 1_960_608
CAP = LOOKUP_BYTES // 10

# --- the catalogue --------------------------------------------------------------------------------

TS054_ID = "ons__census2021_ts054_lsoa"
LOOKUP_ID = "ons__imd2019_lookup"
PREFIX_TS054 = f"{TS054_ID}: {TS054_NAME}"
URL_LOOKUP = f"{LOOKUP_ID}: http://127.0.0.1:<port>/{IMD_LOOKUP_NAME}"
TS054_HEADER = (
    "['date', 'geography', 'geography code', 'Tenure of household: Total: All households', "
    "'Tenure of household: Owned', 'Tenure of household: Owned: Owned outright', "
    "'Tenure of household: Owned: Owns with a mortgage or loan', "
    "'Tenure of household: Shared ownership', "
    "'Tenure of household: Shared ownership: Shared ownership', "
    "'Tenure of household: Social rented', "
    "'Tenure of household: Social rented: Rents from council or Local Authority', "
    "'Tenure of household: Social rented: Other social rented', "
    "'Tenure of household: Private rented', "
    "'Tenure of household: Private rented: Private landlord or letting agency', "
    "'Tenure of household: Private rented: Other private rented', "
    "'Tenure of household: Lives rent free']"
)

FAULTS: tuple[Fault, ...] = (
    # --- the file itself --------------------------------------------------------------------------
    Fault(
        "truncated file",
        "the IMD 2019 workbook (File 1, XLSX) cut to its first half",
        "mhclg__iod2019_file1",
        REFUSED,
        (
            "mhclg__iod2019_file1: File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx: not a "
            "readable XLSX workbook (no complete zip container); the file may be truncated or an "
            "error page"
        ),
        files=lambda: {IMD_FILE1_NAME: real(IMD_FILE1)[: len(real(IMD_FILE1)) // 2]},
    ),
    Fault(
        "truncated file",
        "the Census 2021 TS054 LSOA CSV cut to its first half, part-way through a row",
        TS054_ID,
        REFUSED,
        (
            f"{PREFIX_TS054}: row 17848, the last, has 13 of the header's 16 fields and the file "
            "ends without a line break: it looks truncated (a download cut short?)"
        ),
        files=lambda: {TS054_NAME: real(TS054)[: len(real(TS054)) // 2]},
    ),
    Fault(
        "truncated file",
        "the TS054 LSOA CSV cut at the first line break after its middle",
        TS054_ID,
        SUITE_FAILS,
        (
            "ons__census2021_ts054_lsoa: expect_table_row_count_to_equal failed: expected 35,672 "
            "rows, observed 17,847"
        ),
        files=lambda: {TS054_NAME: _cut_at_line_break(real(TS054))},
        note="each row read is whole, so only the publisher's row count can tell",
    ),
    Fault(
        "truncated file",
        "IoD 2019 File 2 (csv.gz) cut to its first half",
        "mhclg__iod2019_file2",
        REFUSED,
        (
            "mhclg__iod2019_file2: File_2_-_IoD2019_Domains_of_Deprivation.csv.gz: the gzip data "
            "stops before its end marker after 572788 bytes: the file is truncated (a download "
            "cut short?)"
        ),
        files=lambda: {IOD_FILE2_GZ_NAME: real(IOD_FILE2_GZ)[: len(real(IOD_FILE2_GZ)) // 2]},
    ),
    Fault(
        "truncated file",
        "the PARL10-PARL25 overlap (parquet) cut to its first half",
        "mysociety__parl10_parl25_overlap",
        REFUSED,
        (
            "mysociety__parl10_parl25_overlap: PARL10_PARL25_combo_overlap.parquet: the parquet "
            "data stops before its footer after 29711 bytes (it starts with PAR1 but does not end "
            "with it): the file is truncated (a download cut short?)"
        ),
        files=lambda: {PARL10_OVERLAP_NAME: real(PARL10_OVERLAP)[: len(real(PARL10_OVERLAP)) // 2]},
    ),
    Fault(
        "truncated file",
        "the TS054 LSOA CSV cut inside a quoted place name",
        TS054_ID,
        REFUSED,
        (
            f"{PREFIX_TS054}: the file ends inside a quoted value (its quote marks do not pair "
            "up): it looks truncated (a download cut short?)"
        ),
        files=lambda: {TS054_NAME: real(TS054)[: real(TS054).index(b'"', 2000) + 5]},
    ),
    Fault(
        "corrupt gzip",
        "IoD 2019 File 2 (csv.gz) with 16 bytes of its deflate stream zeroed",
        "mhclg__iod2019_file2",
        REFUSED,
        (
            "mhclg__iod2019_file2: File_2_-_IoD2019_Domains_of_Deprivation.csv.gz: damaged gzip "
            "data (Error -3 while decompressing data: invalid distance too far back): the bytes "
            "are not the ones the publisher compressed"
        ),
        files=lambda: {IOD_FILE2_GZ_NAME: _gzip_damaged()},
    ),
    Fault(
        "an HTML page in place of a CSV",
        "a sign-in page saved under the TS054 LSOA CSV's name",
        TS054_ID,
        REFUSED,
        (
            f"{PREFIX_TS054}: an HTML page, not the publisher's file (an error or login page saved "
            "in its place?)"
        ),
        files=lambda: {TS054_NAME: HTML_PAGE},
    ),
    Fault(
        "an HTML page in place of an XLSX",
        "a sign-in page saved under IMD 2019 File 1's name",
        "mhclg__iod2019_file1",
        REFUSED,
        (
            "mhclg__iod2019_file1: File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx: an HTML "
            "page, not the publisher's workbook (an error or login page saved in its place?)"
        ),
        files=lambda: {IMD_FILE1_NAME: HTML_PAGE},
    ),
    Fault(
        "a workbook in place of a CSV",
        "IMD 2019 File 1 (XLSX) saved under the TS054 LSOA CSV's name",
        TS054_ID,
        REFUSED,
        (
            f"{PREFIX_TS054}: a zip archive (an XLSX workbook or a zipped download?), not the "
            "publisher's utf-8 text"
        ),
        files=lambda: {TS054_NAME: real(IMD_FILE1)},
    ),
    Fault(
        "UTF-16 where UTF-8 is expected",
        "the TS054 LSOA CSV saved as UTF-16 with a byte-order mark (Excel's 'Unicode text')",
        TS054_ID,
        REFUSED,
        (
            f"{PREFIX_TS054}: the file is UTF-16 (it starts with a UTF-16 byte-order mark); "
            "expected the publisher's utf-8 text"
        ),
        files=lambda: {TS054_NAME: _ts054_text().encode("utf-16")},
    ),
    Fault(
        "UTF-16 where UTF-8 is expected",
        "the TS054 LSOA CSV saved as UTF-16 little-endian without a byte-order mark",
        TS054_ID,
        REFUSED,
        (
            f"{PREFIX_TS054}: the file is UTF-16 (little-endian, without a byte-order mark: every "
            "other byte is NUL); expected the publisher's utf-8 text"
        ),
        files=lambda: {TS054_NAME: _ts054_text().encode("utf-16-le")},
    ),
    Fault(
        "cp1252 where UTF-8 is expected",
        "the House of Commons Library GE2024 results saved as cp1252 (Windows Latin)",
        "hoc_library__ge2024_results",
        REFUSED,
        (
            "hoc_library__ge2024_results: HoC-GE2024-results-by-constituency.csv: line 90: bytes "
            "are not utf-8 (byte 0xE2 at offset 16002: invalid continuation byte); it reads as "
            "cp1252 (Windows Latin) text ('Siân'), so it was saved in that encoding; expected "
            "the publisher's utf-8 file"
        ),
        files=lambda: {GE2024_NAME: real(GE2024).decode().encode("cp1252", errors="replace")},
    ),
    Fault(
        "UTF-8 where cp1252 is expected",
        "the ONS LSOA 2011-2021 lookup (published in cp1252) saved as UTF-8",
        "ons__lsoa11_lsoa21_lad22",
        REFUSED,
        (
            "ons__lsoa11_lsoa21_lad22: LSOA_2011_to_LSOA_2021_Lookup_E_W.csv: line 33654: the "
            "file is UTF-8 text ('Ynys Môn'), not the publisher's cp1252 (has the publisher "
            "changed the file's encoding?)"
        ),
        files=lambda: {LOOKUP_11_21_NAME: real(LOOKUP_11_21).decode("cp1252").encode("utf-8")},
    ),
    Fault(
        "empty file",
        "a 0-byte file under the TS054 LSOA CSV's name",
        TS054_ID,
        REFUSED,
        f"{PREFIX_TS054}: the file is empty (0 bytes); expected the publisher's csv file",
        files=lambda: {TS054_NAME: b""},
    ),
    Fault(
        "header only",
        "the TS054 LSOA CSV's header line alone",
        TS054_ID,
        REFUSED,
        (
            f"{PREFIX_TS054}: no rows of data, only the header; expected the publisher's table (a "
            "failed export, or a file cut short after its header?)"
        ),
        files=lambda: {TS054_NAME: _lines(TS054)[0] + b"\n"},
    ),
    Fault(
        "renamed column",
        "the TS054 LSOA CSV with 'Owned: Owns outright' reworded 'Owned: Owned outright'",
        TS054_ID,
        REFUSED,
        (
            f"{PREFIX_TS054}: missing column(s) ['Tenure of household: Owned: Owns outright']; "
            f"the file has {TS054_HEADER}; renamed? 'Tenure of household: Owned: Owns outright' "
            "now 'Tenure of household: Owned: Owned outright'"
        ),
        files=lambda: {
            TS054_NAME: real(TS054).replace(b"Owned: Owns outright", b"Owned: Owned outright", 1)
        },
    ),
    Fault(
        "extra column",
        "the TS054 LSOA CSV with a 'Notes' column added at the end of every row",
        TS054_ID,
        ACCEPTED,
        files=lambda: {
            TS054_NAME: b"\n".join(
                line + (b",Notes" if number == 0 else b",") if line else line
                for number, line in enumerate(_lines(TS054))
            )
        },
        rows=35_672,
        note="the reader finds the catalog's columns by their header and reads only those",
    ),
    Fault(
        "columns reordered",
        "the TS054 LSOA CSV with its columns in reverse order",
        TS054_ID,
        ACCEPTED,
        files=lambda: {TS054_NAME: _reversed_columns(_ts054_text()).encode("utf-8")},
        rows=35_672,
        note="columns are found by header, not position",
    ),
    Fault(
        "extra field in a row",
        "the TS054 LSOA CSV with a stray comma added to row 5",
        TS054_ID,
        REFUSED,
        (
            f"{PREFIX_TS054}: row 5: 17 fields, the header on row 1 has 16; the file may be "
            "truncated or not in this source's layout"
        ),
        files=lambda: {
            TS054_NAME: _edit_field(TS054, 4, 3, _lines(TS054)[4].split(b",")[3] + b",")
        },
    ),
    Fault(
        "duplicate keys",
        "the IMD 2019 lookup with row 4's LSOA code replaced by row 3's",
        "ons__imd2019_lookup",
        SUITE_FAILS,
        (
            "ons__imd2019_lookup: column 'LSOA11CD': expect_column_values_to_be_unique failed: 1 "
            "duplicate value(s), e.g. 'E01000104' at row(s) 3, 4"
        ),
        files=lambda: {
            IMD_LOOKUP_NAME: _edit_field(IMD_LOOKUP, 3, 0, _lines(IMD_LOOKUP)[2].split(b",")[0])
        },
        note="read, then the catalog key's unique expectation fails",
    ),
    Fault(
        "text in a numeric column",
        "the TS054 LSOA CSV with 'n/a' as row 6's count of owned homes",
        TS054_ID,
        REFUSED,
        (
            f"{PREFIX_TS054}: row 6, column 'Tenure of household: Owned': expected a whole number, "
            "found 'n/a' (1 such row(s))"
        ),
        files=lambda: {TS054_NAME: _edit_field(TS054, 5, 4, b"n/a")},
    ),
    Fault(
        "out-of-range rank",
        "the IMD 2019 lookup with row 4's IMD rank 40000 (of 32,844 LSOAs)",
        "ons__imd2019_lookup",
        SUITE_FAILS,
        (
            "ons__imd2019_lookup: column 'IMD19': expect_column_values_to_be_between failed: 1 "
            "value(s) outside 1..32,844, e.g. 40000 at row(s) 4"
        ),
        files=lambda: {IMD_LOOKUP_NAME: _edit_field(IMD_LOOKUP, 3, 4, b"40000")},
        note="read, then the suite's range rule fails",
    ),
    Fault(
        "failing GX suite (value rule)",
        "the LSOA 2011-2021 lookup with row 2's LSOA 2011 code 'X99999999'",
        "ons__lsoa11_lsoa21_lad22",
        SUITE_FAILS,
        (
            "ons__lsoa11_lsoa21_lad22: column 'LSOA11CD': expect_column_values_to_match_regex "
            "failed: 1 value(s) not matching '^[EW]01\\\\d{6}$', e.g. 'X99999999' at row(s) 2"
        ),
        files=lambda: {LOOKUP_11_21_NAME: _edit_field(LOOKUP_11_21, 1, 0, b"X99999999")},
        note=(
            "blocks everything downstream: no dbt, no publish, the published file byte-identical "
            "(tests/integration/test_refresh_demo.py::test_a_failing_expectation_suite_blocks_"
            "publishing)"
        ),
    ),
    Fault(
        "wrong sheet",
        "IMD 2019 File 1 with its sheet 'IMD2019' renamed 'IMD 2019'",
        "mhclg__iod2019_file1",
        REFUSED,
        (
            "mhclg__iod2019_file1: File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx: no sheet "
            "'IMD2019'; the workbook has ['Notes', 'IMD 2019']"
        ),
        files=lambda: {IMD_FILE1_NAME: _renamed_sheet(IMD_FILE1, "IMD2019", "IMD 2019")},
    ),
    Fault(
        "file missing",
        "a folder without the TS054 files (neither the zip nor the CSV)",
        TS054_ID,
        REFUSED,
        (
            "ons__census2021_ts054_lsoa: none of ['census2021-ts054.zip', "
            "'census2021-ts054-lsoa.csv'] found under <tmp>/sources (files are matched by their "
            "published name)"
        ),
        error="SourceFileNotFound",
        files=lambda: {"README.txt": b"not the file\n"},
    ),
    # --- archives ---------------------------------------------------------------------------------
    Fault(
        "zip member path traversal",
        "the TS054 zip holding the LSOA CSV as '../census2021-ts054-lsoa.csv'",
        TS054_ID,
        REFUSED,
        (
            "ons__census2021_ts054_lsoa: census2021-ts054.zip: member "
            "'../census2021-ts054-lsoa.csv': expected a relative path inside the archive but the "
            "name contains a '..' component"
        ),
        error="FetchError",
        files=lambda: {TS054_ZIP: _zip({"../" + TS054_NAME: real(TS054)})},
    ),
    Fault(
        "zip bomb",
        "a 3 MB TS054 zip whose LSOA member inflates to 3 GiB of zeros, and says so",
        TS054_ID,
        REFUSED,
        (
            "ons__census2021_ts054_lsoa: census2021-ts054.zip: member "
            "'census2021-ts054-lsoa.csv': expected at most 2147483648 bytes uncompressed but the "
            "archive declares 3221225472 bytes; refusing to extract"
        ),
        error="FetchError",
        files=lambda: {TS054_ZIP: _zeros_zip(TS054_NAME, 3 << 30, declared=3 << 30)},
    ),
    Fault(
        "zip bomb",
        "the same zip declaring its member to be the real CSV's 2,605,429 bytes",
        TS054_ID,
        REFUSED,
        (
            "ons__census2021_ts054_lsoa: census2021-ts054.zip: member "
            "'census2021-ts054-lsoa.csv': expected a readable zip member but extraction failed: "
            "Bad CRC-32 for file 'census2021-ts054-lsoa.csv' (the archive is damaged or "
            "misstates the member's size)"
        ),
        error="FetchError",
        files=lambda: {
            TS054_ZIP: _zeros_zip(
                TS054_NAME, 3 << 30, declared=TS054_BYTES, crc=zlib.crc32(real(TS054))
            )
        },
    ),
    Fault(
        "zip without the member",
        "the TS054 zip holding only the MSOA CSV",
        TS054_ID,
        REFUSED,
        (
            "ons__census2021_ts054_lsoa: census2021-ts054.zip: member "
            "'census2021-ts054-lsoa.csv': expected this member in the archive but it holds "
            "'census2021-ts054-msoa.csv'"
        ),
        error="FetchError",
        files=lambda: {TS054_ZIP: _zip({"census2021-ts054-msoa.csv": real(TS054)})},
    ),
    Fault(
        "empty zip member",
        "the TS054 zip holding a 0-byte LSOA CSV",
        TS054_ID,
        REFUSED,
        (
            "ons__census2021_ts054_lsoa: census2021-ts054.zip: member "
            "'census2021-ts054-lsoa.csv' is empty (0 bytes); expected the publisher's csv file"
        ),
        files=lambda: {TS054_ZIP: _zip({TS054_NAME: b""})},
    ),
    # --- a whole refresh: tests/faults/test_publish_gate.py --------------------------------------
    Fault(
        "failing dbt test",
        "the demo's LSOA-ward 2023 lookup, its first ward's name mis-encoded ('Mill\u251cbrook')",
        "ons__lsoa21_ward23_lad23",
        DBT_FAILS,
        (
            "check marts/dim_lsoa21:readable_text_dim_lsoa21_ward23_name failed: see the Dagster "
            "UI\n"
            "placeindex_dbt_models: dagster_dbt.errors.DagsterDbtCliRuntimeError: The dbt CLI "
            "process with command\n\n`<python-bin>/<dbt> build --select fqn:*`\n\nfailed with exit "
            "code `1`. Check the stdout in the Dagster compute logs for the full information about "
            "the error, or view the dbt debug log: "
            "<repo>/dbt_project/target/placeindex_dbt_models-<run>/dbt.log.\n\nErrors parsed from "
            "dbt logs:\n\n<i> of <n> FAIL 15 readable_text_dim_lsoa21_ward23_name "
            "... [FAIL 15 in <t>s]\n\nFailure in test "
            "readable_text_dim_lsoa21_ward23_name (models/marts/dim_lsoa21.yml)\n\n  Got 15 "
            "results, configured to fail if != 0"
        ),
        demo_edit=_misencode_first_ward,
        note=(
            "the raw checks pass, dbt builds and tests; the failed test stops the publish and the "
            "published file stays byte-identical"
        ),
    ),
    # --- the download: ingest.http.fetch, as a refresh lands a file from its URL ------------------
    Fault(
        "HTTP 404",
        "the IMD 2019 lookup's URL answers 404 Not Found",
        LOOKUP_ID,
        DOWNLOAD_REFUSED,
        f"{URL_LOOKUP}: expected HTTP 200 with the file but got HTTP 404 Not Found",
        serve=_status(404),
    ),
    Fault(
        "HTTP 500",
        "the URL answers 500 Internal Server Error to the first request and every retry",
        LOOKUP_ID,
        DOWNLOAD_REFUSED,
        (
            f"{URL_LOOKUP}: expected HTTP 200 with the file but got HTTP 500 Internal Server Error "
            "after 3 retries"
        ),
        serve=_status(500),
    ),
    Fault(
        "timeout",
        "the server accepts the connection and never answers",
        LOOKUP_ID,
        DOWNLOAD_REFUSED,
        f"{URL_LOOKUP}: timed out waiting for the server to respond (read timeout 0.5 s)",
        serve=_never_answers,
    ),
    Fault(
        "redirect loop",
        "the URL redirects to itself",
        LOOKUP_ID,
        DOWNLOAD_REFUSED,
        (
            f"{URL_LOOKUP}: expected the file but the server kept redirecting (Exceeded 30 "
            f"redirects; the last to http://127.0.0.1:<port>/{IMD_LOOKUP_NAME}): a redirect loop, "
            "or a page that needs a login"
        ),
        serve=_redirects_to_itself,
    ),
    Fault(
        "slow body",
        "the lookup's length announced, its first 64 KiB sent, then nothing",
        LOOKUP_ID,
        DOWNLOAD_REFUSED,
        (
            f"{URL_LOOKUP}: the server stopped sending part-way through the file: no data for 0.5 "
            "s (read timeout) after 65536 of the 1960608 announced bytes"
        ),
        serve=_body(send=65536, stall=True, announce=LOOKUP_BYTES),
    ),
    Fault(
        "wrong Content-Length",
        "the lookup's length announced, half of it sent, the connection closed",
        LOOKUP_ID,
        DOWNLOAD_REFUSED,
        (
            f"{URL_LOOKUP}: download truncated: the server announced 1960608 bytes "
            "(Content-Length) but closed the connection after 980304"
        ),
        serve=_body(send=LOOKUP_BYTES // 2, announce=LOOKUP_BYTES),
    ),
    Fault(
        "file 10x larger than the size cap",
        f"the lookup ({LOOKUP_BYTES:,} bytes) against a cap of {CAP:,} bytes, its length announced",
        LOOKUP_ID,
        DOWNLOAD_REFUSED,
        (
            f"{URL_LOOKUP}: expected at most 196060 bytes but the server announced 1960608 bytes "
            "(Content-Length); refusing to download"
        ),
        serve=_body(announce=LOOKUP_BYTES),
        fetch_options={"max_bytes": CAP},
    ),
    Fault(
        "file 10x larger than the size cap",
        "the same, sent without a Content-Length",
        LOOKUP_ID,
        DOWNLOAD_REFUSED,
        (
            f"{URL_LOOKUP}: expected at most 196060 bytes but the server sent more, without "
            "announcing a length (no Content-Length); stopped at the cap, nothing kept"
        ),
        serve=_body(),
        fetch_options={"max_bytes": CAP},
    ),
    Fault(
        "an HTML page in place of a CSV",
        "a sign-in page served with HTTP 200 at the lookup's URL",
        LOOKUP_ID,
        DOWNLOAD_REFUSED,
        (
            f"{URL_LOOKUP}: expected a csv file (text with no NUL bytes in the first 4 KiB) but "
            "the server sent an HTML page (starts with '<!DOCTYPE html')"
        ),
        serve=_html_page,
    ),
)
