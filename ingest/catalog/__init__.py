"""The source catalog: one entry per published file the pipeline reads, kept as data.

Each source family is one TOML file beside this module (`iod2019.toml`, `census.toml`, ...), read and
validated into `Source`s once, at import. Everything else (raw assets, structural checks, provenance,
dbt sources YAML, the README's table of sources, the demo's headers) is generated or checked from these
entries, so adding a source to a family is one entry here, one value suite, one staging model and its
YAML, and one demo builder.

A source lists its columns by the publisher's own header text. Readers match headers case- and
whitespace-insensitively (publishers re-save files and change nothing else) and store the raw table
under the publisher's header, so `raw.<source_id>` can be checked against the file by eye.
"""

from __future__ import annotations

from pathlib import Path

from ingest.catalog.load import CatalogError, check_unique, load_family, normalise_header
from ingest.catalog.schema import (
    DUCKDB_TYPES,
    GEOMETRY_COLUMN,
    PROVENANCE_COLUMNS,
    ROW_NUMBER,
    Column,
    Dtype,
    FileLayout,
    Format,
    Source,
)

CATALOG_DIR = Path(__file__).resolve().parent


def load_catalog(folder: Path = CATALOG_DIR) -> tuple[Source, ...]:
    """Every source of every family file in `folder`, families in file-name order."""
    sources = tuple(
        source for path in sorted(folder.glob("*.toml")) for source in load_family(path)
    )
    check_unique(sources)
    return sources


SOURCES: tuple[Source, ...] = load_catalog()
_BY_ID = {source.source_id: source for source in SOURCES}
FAMILIES: tuple[str, ...] = tuple(dict.fromkeys(source.family for source in SOURCES))


def get_source(source_id: str) -> Source:
    try:
        return _BY_ID[source_id]
    except KeyError:
        known = ", ".join(sorted(_BY_ID))
        raise KeyError(f"unknown source {source_id!r}; the catalog has: {known}") from None


def source_ids() -> tuple[str, ...]:
    return tuple(_BY_ID)


def family_sources(family: str) -> tuple[Source, ...]:
    """The sources of one family file, in file order."""
    found = tuple(source for source in SOURCES if source.family == family)
    if not found:
        raise KeyError(f"no catalog family {family!r}; the catalog has: {', '.join(FAMILIES)}")
    return found


__all__ = [
    "CATALOG_DIR",
    "DUCKDB_TYPES",
    "FAMILIES",
    "GEOMETRY_COLUMN",
    "PROVENANCE_COLUMNS",
    "ROW_NUMBER",
    "SOURCES",
    "CatalogError",
    "Column",
    "Dtype",
    "FileLayout",
    "Format",
    "Source",
    "family_sources",
    "get_source",
    "load_catalog",
    "normalise_header",
    "source_ids",
]
