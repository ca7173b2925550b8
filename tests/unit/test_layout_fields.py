"""Every layout field a catalog entry sets is one its reader honours.

The catalog loader accepts every `FileLayout` field on every layout (it imports no reader), so a field
a reader does not read (a `header_row` on a tabular CSV, `notes_marker` on a CSV of the assets
reader) would be read as if it were not there. Each reader module declares the fields it honours,
by format, in `LAYOUT_FIELDS`; these tests hold every source to its reader's list.
"""

from __future__ import annotations

import importlib
from dataclasses import MISSING, fields, replace
from types import ModuleType
from typing import get_args

import pytest

from ingest.catalog import SOURCES, FileLayout, Format, Source
from ingest.readers import READERS, tabular

# What every layout has, and no reader is asked to do anything with: the file's name and format
# (every reader finds its layout by them), and the published header row, which the demo writes and
# the catalog derives from the columns for every layout; readers find the catalog's columns in the
# file's own header instead.
EVERY_LAYOUT = frozenset({"file_name", "format", "header"})


def _set_fields(layout: FileLayout) -> set[str]:
    """The fields the layout sets to other than their default."""
    return {
        field.name
        for field in fields(FileLayout)
        if field.default is MISSING or getattr(layout, field.name) != field.default
    } - EVERY_LAYOUT


def _reader(source: Source) -> ModuleType:
    return importlib.import_module(f"ingest.readers.{source.reader}")


def _ignored(reader: ModuleType, layout: FileLayout) -> list[str]:
    """The fields `layout` sets that `reader` does not honour for its format (for a zip, the
    archive's fields and its member's format's)."""
    honoured = reader.LAYOUT_FIELDS.get(layout.format)
    if honoured is None:
        return ["format"]
    if layout.format == "zip":
        member = reader.LAYOUT_FIELDS.get(layout.member_format)
        if member is None:
            return ["member_format"]
        honoured = honoured | member
    return sorted(_set_fields(layout) - honoured)


def test_every_reader_declares_the_layout_fields_it_honours() -> None:
    layout_fields = {field.name for field in fields(FileLayout)}
    for name in READERS:
        declared = importlib.import_module(f"ingest.readers.{name}").LAYOUT_FIELDS
        assert set(declared) <= set(get_args(Format)), name
        for honoured in declared.values():
            assert honoured <= layout_fields - EVERY_LAYOUT, (name, honoured - layout_fields)


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.source_id)
def test_every_layout_field_a_source_sets_is_one_its_reader_honours(source: Source) -> None:
    reader = _reader(source)
    for layout in source.layouts:
        ignored = _ignored(reader, layout)
        assert not ignored, (
            f"{source.source_id}: {layout.file_name}: the {source.reader} reader does not "
            f"honour {ignored} for format {layout.format!r}"
        )


@pytest.mark.parametrize(
    ("changes", "ignored"),
    [
        ({"header_row": 2}, ["header_row"]),
        ({"has_header": False, "notes_marker": "Source:"}, ["has_header", "notes_marker"]),
        ({"sheet": "Data"}, ["sheet"]),
        ({"format": "xlsx", "encoding": "cp1252"}, ["encoding"]),
        ({"format": "xls"}, ["format"]),
        ({"format": "zip", "member": "data.xls", "member_format": "xls"}, ["member_format"]),
        ({"null_values": ("NA",), "null_values_kept_in": ("Notes",)}, []),
    ],
)
def test_a_field_the_tabular_reader_would_ignore_is_found(changes, ignored) -> None:
    layout = replace(FileLayout("table.csv", "csv"), **changes)
    assert _ignored(tabular, layout) == ignored
