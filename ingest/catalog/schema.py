"""What a catalog entry is: a source, its published file layouts and its columns.

The entries themselves are data (`ingest/catalog/*.toml`, one file per source family), read into these
types by `ingest.catalog.load`. Everything a reader needs to know about a file's layout is a field of
`FileLayout`, so a reader takes the layout as it is and never asks which family it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Literal

Dtype = Literal["str", "int", "float", "date"]
# How each dtype is stored in DuckDB.
DUCKDB_TYPES: dict[str, str] = {
    "str": "varchar",
    "int": "bigint",
    "float": "double",
    "date": "date",
}

# Every raw table is `_row_number` (where the row is in the published file), the catalog's columns,
# then the provenance the loader adds: which landed file the row came from, and when.
ROW_NUMBER = "_row_number"
PROVENANCE_COLUMNS: tuple[tuple[str, str], ...] = (
    ("_source_sha256", "varchar"),
    ("_loaded_at", "timestamptz"),
)
Format = Literal["csv", "csv.gz", "xlsx", "xls", "zip", "json", "rda", "parquet", "shp"]
# The column a boundary or place source's geometry is read into, as GeoJSON text, whatever the
# published form (a GeoJSON feature's geometry, an R sf column, a shapefile's shapes).
GEOMETRY_COLUMN = "geometry_geojson"


@dataclass(frozen=True)
class Column:
    """One published column: its header as printed by the publisher and the type it is read as."""

    header: str
    dtype: Dtype = "str"


@dataclass(frozen=True)
class FileLayout:
    """One published form of a source (a source may be published as XLSX and as a CSV export)."""

    file_name: str
    format: Format
    sheet: str | None = None
    encoding: str = "utf-8"
    # For format "zip": the archive member holding the table (Nomis bulk zips hold one CSV per
    # geography level). The landed file is the whole archive, so its sha256 is the publisher's.
    member: str | None = None
    member_format: Format = "csv"
    # The header row exactly as published, in order: every column, read or not, with the
    # publisher's own spacing. Readers match the source's columns in it by normalised text; the demo
    # writes it. None where the file has no header row (JSON, epraccur).
    header: tuple[str, ...] | None = None
    # Rows (CSV: physical lines) above the header; for a file without a header row, above the
    # first data row. 0 = the header is the first row.
    header_row: int = 0
    # False: the file has no header row; the source's columns are the publisher's documented field
    # names, in field order, and every row must have exactly that many fields.
    has_header: bool = True
    # Cell texts the publisher uses for "no value" (R's NA, ONS's '..' for suppressed).
    null_values: tuple[str, ...] = ()
    # Columns whose text is kept even when it is a null mark: ONS's data-marking column holds the
    # same '[x]' that blanks the numbers beside it, and is the only record of why they are blank.
    null_values_kept_in: tuple[str, ...] = ()
    # Spreadsheets: the table ends at its first blank row, and the next non-blank row must start
    # with this text. A blank row inside the table would otherwise cut it short without a word.
    notes_marker: str | None = None
    # Workbooks holding one table over several sheets of one layout, read in this order; `sheet`
    # is then the first of them.
    sheets: tuple[str, ...] = ()
    # The column of the table that names each row's sheet (by the publisher's sheet name): one of
    # the source's columns but not a column of any sheet. Required with several sheets, since the
    # row number alone no longer says where a row is.
    sheet_column: str | None = None
    # Format "rda": an R data file whose data frame holds the table in a package's own shape
    # (ingest/readers/rda.py). `rda_object` names the frame (default: the file's only object);
    # `rda_columns` pairs a published column with the R column that holds it as it is; a long
    # frame (one row per area and category) is pivoted back, each category's column named
    # `rda_header_prefix` + the category + `rda_header_suffix`, its value from `rda_values_from`
    # (Nomis ends some tables' headers with '; measures: Value', which packages strip).
    rda_object: str | None = None
    rda_columns: tuple[tuple[str, str], ...] = ()
    rda_names_from: str | None = None
    rda_values_from: str | None = None
    rda_header_prefix: str = ""
    rda_header_suffix: str = ""
    # An R `sf` data frame's geometry column: read as GeoJSON text into the published column it is
    # paired with in `rda_columns` (the boundary's shape, for DuckDB spatial in the models).
    rda_geometry: str | None = None
    # GeoJSON: the geometry types a feature may have (boundaries are polygons, places points).
    geometry_types: tuple[str, ...] = ("Polygon", "MultiPolygon")
    # Files published beside this one that it cannot be read without (a shapefile's .shx, .dbf,
    # .prj and .cpg), by the suffix that replaces the file's own: found beside it in a local folder
    # and landed with it, so the landing holds the whole published set.
    companions: tuple[str, ...] = ()

    @property
    def companion_names(self) -> tuple[str, ...]:
        """The companion files' names: 'X.shp' with '.dbf' is 'X.dbf'."""
        stem = self.file_name[: len(self.file_name) - len(PurePosixPath(self.file_name).suffix)]
        return tuple(stem + suffix for suffix in self.companions)

    @property
    def sheet_names(self) -> tuple[str, ...]:
        """Every sheet the table is read from, in order."""
        if self.sheets:
            return self.sheets
        return (self.sheet,) if self.sheet is not None else ()


@dataclass(frozen=True)
class Source:
    source_id: str
    title: str
    publisher: str
    url: str
    landing_page: str
    layouts: tuple[FileLayout, ...]
    # The columns read into `raw.<source_id>`, in table order.
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    licence: str
    attribution: str
    vintage: str
    geography: str
    release_cadence: str
    # The module of `ingest.readers` that reads the files (`tabular` = ingest/readers/tabular.py).
    reader: str
    expected_rows: int | None = None
    # False where the published file repeats its natural key (the notes say where), so that the
    # structural checks do not demand a uniqueness the publisher does not give.
    key_unique: bool = True
    # Rows of the published file the reader moves to meta.rejected_rows (grants that break the
    # 360Giving required rules): the raw table holds expected_rows minus these.
    rows_rejected: int = 0
    # "file": one HTTP GET of `url`; "arcgis": `url` is a feature layer's query endpoint, paged
    # into a CSV with the published columns; "arcgis_geojson": the same, paged by the key as GeoJSON
    # (geometry included) into one FeatureCollection.
    fetch_mode: Literal["file", "arcgis", "arcgis_geojson"] = "file"
    notes: str = ""
    # An optional source that is absent from a local folder is loaded as an empty table and said
    # so, instead of failing the refresh (e.g. the Census LA members, in the zip but not extracted).
    required: bool = True
    tags: tuple[str, ...] = field(default_factory=tuple)
    # The dataset's identifier in the 360Giving data registry: online, the download URL is the one
    # the registry lists today (publishers move their files), and `url` is the fallback.
    registry_id: str | None = None
    # The areas (GSS codes: districts, regions, countries, K02000001 for the UK) where the file
    # accounts for everything it counts: there a place with nothing in it has none (0); outside
    # them the file says nothing ('not_covered'). Empty when the file covers nowhere completely.
    coverage_codes: tuple[str, ...] = ()
    # Copies of the file at `url`, tried in order only when `url` cannot be downloaded (a 404, a
    # server error after retries, a timeout, an HTML page in its place): the publisher's link may
    # move, a pinned copy of the same bytes does not. File downloads only (fetch_mode "file").
    mirrors: tuple[str, ...] = ()
    # Why `url` is not on the publisher's own file server (a GitHub copy, say), where it is not:
    # one line, e.g. that the publisher publishes from its own repository, or that the catalog
    # describes a derived file whose maker is its publisher. A test lists every such entry.
    url_host_because: str | None = None
    # The catalog file the entry was read from (`census` for ingest/catalog/census.toml).
    family: str = ""

    @property
    def file_names(self) -> tuple[str, ...]:
        return tuple(layout.file_name for layout in self.layouts)

    @property
    def download_urls(self) -> tuple[str, ...]:
        """Where the file is downloaded from, in the order tried: `url`, then each mirror."""
        return (self.url, *self.mirrors)

    @property
    def default_layout(self) -> FileLayout:
        return self.layouts[0]

    def layout_for(self, file_name: str) -> FileLayout:
        for layout in self.layouts:
            if layout.file_name == file_name:
                return layout
        raise KeyError(f"{self.source_id}: no layout for file {file_name!r}")
