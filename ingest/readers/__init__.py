"""Readers: one per source family, each turning a landed file into a polars frame.

The catalog names a source's reader; `read_source` dispatches on that name, so the orchestration
layer never needs to know which family a source belongs to.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import polars as pl

from ingest.catalog import Source
from ingest.readers.allocations import read_allocation
from ingest.readers.assets import read_asset
from ingest.readers.geojson import read_geojson
from ingest.readers.grants import read_grants
from ingest.readers.tabular import read_tabular

Reader = Callable[[Source, Path], pl.DataFrame]

READERS: dict[str, Reader] = {
    "iod": read_tabular,
    "ons_lookup": read_tabular,
    "census": read_tabular,
    "geojson": read_geojson,
    "grants": read_grants,
    "asset": read_asset,
    "allocation": read_allocation,
}


def read_source(source: Source, path: Path) -> pl.DataFrame:
    try:
        reader = READERS[source.reader]
    except KeyError:
        raise KeyError(f"{source.source_id}: no reader named {source.reader!r}") from None
    return reader(source, path)
