"""The catalog moved from Python modules to TOML files: the new SOURCES equals the old, field by field.

Kept until the old modules (`ingest/catalog_legacy.py` and the `ingest/catalog_*.py` families) are
deleted. Differences on purpose, each checked here:
- `reader` names the module of `ingest.readers` (`tabular`), not a family label (`iod`);
- the reader-specific layout classes (`AssetLayout`, `WorkbookLayout`) are one `FileLayout`;
- `extra_columns_allowed` is gone (nothing read it);
- new: `family` (the TOML file) and `FileLayout.header` (the published header, which the demo writes);
- `ons__postcode_directory` lists its columns in the published order.
"""

from __future__ import annotations

import dataclasses

import pytest

from ingest import catalog_legacy
from ingest.catalog import SOURCES, get_source, normalise_header

OLD = {source.source_id: source for source in catalog_legacy.SOURCES}
READER_MODULE = {
    "iod": "tabular",
    "ons_lookup": "tabular",
    "census": "tabular",
    "asset": "assets",
    "allocation": "allocations",
    "grants": "grants",
    "geojson": "geojson",
}
REORDERED = {"ons__postcode_directory"}
SOURCE_FIELDS = [
    f.name
    for f in dataclasses.fields(catalog_legacy.Source)
    if f.name not in ("reader", "layouts", "columns", "extra_columns_allowed")
]
LAYOUT_DEFAULTS = {
    f.name: f.default for f in dataclasses.fields(get_source("mhclg__iod2019_file1").layouts[0])
}


def test_same_sources():
    assert sorted(OLD) == sorted(source.source_id for source in SOURCES)


def test_grant_sources_keep_their_order():
    # The order breaks ties when one grant is in two files.
    old = [s.source_id for s in catalog_legacy.SOURCES if s.reader == "grants"]
    assert old == [s.source_id for s in SOURCES if s.reader == "grants"]


@pytest.mark.parametrize("source_id", sorted(OLD))
def test_source_fields_equal(source_id):
    old, new = OLD[source_id], get_source(source_id)
    for name in SOURCE_FIELDS:
        assert getattr(new, name) == getattr(old, name), name
    assert new.reader == READER_MODULE[old.reader]
    new_columns = [(c.header, c.dtype) for c in new.columns]
    old_columns = [(c.header, c.dtype) for c in old.columns]
    if source_id in REORDERED:
        assert sorted(new_columns) == sorted(old_columns)
    else:
        assert new_columns == old_columns


@pytest.mark.parametrize("source_id", sorted(OLD))
def test_layout_fields_equal(source_id):
    old, new = OLD[source_id], get_source(source_id)
    assert len(new.layouts) == len(old.layouts)
    for old_layout, new_layout in zip(old.layouts, new.layouts, strict=True):
        for name, default in LAYOUT_DEFAULTS.items():
            if name == "header":
                continue
            assert getattr(new_layout, name) == getattr(old_layout, name, default), name


@pytest.mark.parametrize("source_id", sorted(OLD))
def test_published_header_holds_every_read_column(source_id):
    source = get_source(source_id)
    for layout in source.layouts:
        if layout.header is None or source.reader == "grants":
            continue
        published = {normalise_header(text) for text in layout.header}
        read = [c.header for c in source.columns if c.header != layout.sheet_column]
        assert [h for h in read if normalise_header(h) not in published] == []
