"""Readers: one module per kind of file, each turning a landed file into a polars frame.

A catalog entry names its reader by module (`reader = "tabular"` is `ingest/readers/tabular.py`);
`read_source` dispatches on that name, so the orchestration layer never needs to know which family a
source belongs to. Each reader module declares in `LAYOUT_FIELDS` the layout fields it honours, by
format; tests/unit/test_layout_fields.py holds every catalog entry to its reader's list. What the
readers share lives in `tabular` (the base) and `cells` (a cell's text, blank cells and null marks).
"""

from __future__ import annotations

from pathlib import Path

import polars as pl

from ingest.catalog import Source
from ingest.readers import allocations, assets, geojson, grants, tabular
from ingest.readers.tabular import Reader

READERS: dict[str, Reader] = {
    "tabular": tabular.read_tabular,
    "assets": assets.read_assets,
    "allocations": allocations.read_allocations,
    "grants": grants.read_grants,
    "geojson": geojson.read_geojson,
}


def read_source(source: Source, path: Path) -> pl.DataFrame:
    try:
        reader = READERS[source.reader]
    except KeyError:
        raise KeyError(f"{source.source_id}: no reader named {source.reader!r}") from None
    tabular.require_content(source, path)
    frame = reader(source, path)
    tabular.require_rows(source, path, frame)
    return frame
