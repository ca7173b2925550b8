"""The helpers several of the family test files share (the demo folder they read, `demo_dir`, is
tests/conftest.py's)."""

from __future__ import annotations

from pathlib import Path

import polars as pl

import demo
from ingest.catalog import SOURCES, FileLayout, Source, get_source
from ingest.landing import find_in_dir
from ingest.readers import read_source


def read(source_id: str, folder: Path) -> pl.DataFrame:
    source = get_source(source_id)
    return read_source(source, find_in_dir(source, folder))


def demo_file(source_id: str) -> str:
    """The name of the file the demo writes for a source."""
    return demo.DEMO_FILES[source_id]


def columns(source_id: str) -> list[str]:
    """The columns the catalog reads from a source, in table order."""
    return [column.header for column in get_source(source_id).columns]


def lines(data: bytes, layout: FileLayout) -> list[str]:
    encoding = layout.encoding if layout.encoding != "utf-8" else "utf-8-sig"
    return data.decode(encoding).splitlines()


def quoted_fields(line: str) -> list[bool]:
    """Whether each field of a CSV line is written in quotes."""
    quoted: list[bool] = []
    position = 0
    while True:
        if line.startswith('"', position):
            end = position + 1
            while True:
                end = line.index('"', end)
                if not line.startswith('""', end):
                    break
                end += 2
            quoted.append(True)
            position = end + 1
        else:
            end = line.find(",", position)
            quoted.append(False)
            position = len(line) if end < 0 else end
        if position >= len(line):
            return quoted
        position += 1


def real_file_or_none(source: Source, shared_data: Path) -> Path | None:
    """A real copy of one of the source's published layouts the demo can be compared with: not
    an R package's data frame, which holds the same table in a shape of its own. For a level of
    which the shared folder holds no file (TS054 by region, QS405EW by LSOA), a sibling level's,
    which the publisher writes in the same layout (the catalog gives both one header)."""
    siblings = [
        other
        for other in SOURCES
        if other.family == source.family
        and other.source_id != source.source_id
        and source.default_layout.header is not None
        and other.default_layout.header == source.default_layout.header
    ]
    for candidate in (source, *siblings):
        layouts = [layout for layout in candidate.layouts if layout.format != "rda"]
        names = [
            *(layout.file_name for layout in layouts),
            *(layout.member for layout in layouts if layout.member),
        ]
        for file_name in names:
            matches = sorted(shared_data.rglob(file_name))
            if matches:
                return matches[0]
    return None


def real_file(source: Source, shared_data: Path) -> Path:
    real = real_file_or_none(source, shared_data)
    assert real is not None, (
        f"{source.source_id}: no real file {source.file_names} in {shared_data}"
    )
    return real


def centroids_of(demo_dir: Path) -> dict[str, tuple[float, float]]:
    frame = read("drkane__lsoa_latlong", demo_dir)
    return {
        code: (lat, lon)
        for code, lat, lon in frame.select("LSOACD", "latitude", "longitude").rows()
    }


def lad23_of(demo_dir: Path) -> dict[str, str]:
    return dict(read("ons__lsoa21_ward23_lad23", demo_dir).select("LSOA21CD", "LAD23CD").rows())
