"""What a catalog entry is: the published columns, file layouts and source metadata.

Kept apart from the entries themselves so that source families in their own modules
(`ingest.catalog_funding`, ...) can build entries without importing the whole catalog.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

OGL = (
    "Open Government Licence v3.0 "
    "(https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/)"
)

Dtype = Literal["str", "int", "float", "date"]
Format = Literal["csv", "csv.gz", "xlsx", "xls", "zip", "json"]


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


@dataclass(frozen=True)
class Source:
    source_id: str
    title: str
    publisher: str
    url: str
    landing_page: str
    layouts: tuple[FileLayout, ...]
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    licence: str
    attribution: str
    vintage: str
    geography: str
    release_cadence: str
    reader: str
    expected_rows: int | None = None
    # "file": one HTTP GET of `url`; "arcgis": `url` is a feature layer's query endpoint, paged
    # into a CSV with the published columns.
    fetch_mode: Literal["file", "arcgis"] = "file"
    notes: str = ""
    extra_columns_allowed: bool = True
    # An optional source that is absent from a local folder is loaded as an empty table and said
    # so, instead of failing the refresh (e.g. the Census LA members, in the zip but not extracted).
    required: bool = True
    tags: tuple[str, ...] = field(default_factory=tuple)
    # The dataset's identifier in the 360Giving data registry: online, the download URL is the one
    # the registry lists today (publishers move their files), and `url` is the fallback.
    registry_id: str | None = None

    @property
    def file_names(self) -> tuple[str, ...]:
        return tuple(layout.file_name for layout in self.layouts)

    @property
    def default_layout(self) -> FileLayout:
        return self.layouts[0]

    def layout_for(self, file_name: str) -> FileLayout:
        for layout in self.layouts:
            if layout.file_name == file_name:
                return layout
        raise KeyError(f"{self.source_id}: no layout for file {file_name!r}")
