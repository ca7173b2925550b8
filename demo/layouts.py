"""The published layouts the demo writes, looked up in the catalog (`ingest.catalog`).

A family module names a source by its id and takes everything about the file from its layout: file
name, sheet names, encoding, zip member, the rows above the header and the header itself. Where a
source is published in several forms, the demo picks one by its format, never by a typed name.
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import Any

from demo.writers import csv_bytes
from ingest.catalog import FileLayout, get_source


def layout(source_id: str, form: str | None = None) -> FileLayout:
    """The source's first published layout of format `form`; without `form`, its default one."""
    source = get_source(source_id)
    if form is None:
        return source.default_layout
    for found in source.layouts:
        if found.format == form:
            return found
    raise KeyError(f"{source_id}: no published layout of format {form!r}")


def header(found: FileLayout) -> list[str]:
    """The layout's published header row, in order."""
    if found.header is None:
        raise KeyError(f"{found.file_name}: the catalog gives this layout no header row")
    return list(found.header)


def sheet_name(found: FileLayout) -> str:
    """The sheet the reader reads the table from (the first, for a table over several)."""
    if found.sheet is None:
        raise KeyError(f"{found.file_name}: the catalog names no sheet for this layout")
    return found.sheet


def csv_file(
    found: FileLayout,
    rows: Sequence[Sequence[Any]],
    *,
    bom: bool = False,
    line_end: str = "\n",
    quoting: int = csv.QUOTE_MINIMAL,
) -> bytes:
    """A CSV file in a published layout: the catalog's header row and encoding, then the rows."""
    return csv_bytes(
        header(found), rows, encoding=found.encoding, bom=bom, line_end=line_end, quoting=quoting
    )
