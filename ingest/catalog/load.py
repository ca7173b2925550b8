"""Read the catalog's TOML files into `Source`s, refusing anything malformed with a message naming the
file, the source and the field.

A family file has an optional `[defaults]` table, whose keys every `[[sources]]` entry of the file
takes unless it sets its own, and the entries. An entry's `columns` list the publisher's header in
published order; a column the pipeline does not read is marked `read = false` (it stays in the
layout's `header`, which the demo writes), and `as_published` keeps the publisher's spacing where it
differs from `header` (a trailing space). A layout with a `header` of its own keeps it: grant files
name their columns in the 360Giving vocabulary, which their reader maps to one table.
"""

from __future__ import annotations

import re
import tomllib
from pathlib import Path, PurePosixPath
from typing import Any, get_args

from ingest.catalog.schema import GEOMETRY_COLUMN, Column, Dtype, FileLayout, Format, Source
from ingest.errors import PlaceindexError

SOURCE_ID = re.compile(r"^[a-z0-9_]+__[a-z0-9_]+$")
GSS_CODE = re.compile(r"^[EWSNK]\d{8}$")

# Every field an entry may have: its type, and whether it must be given.
_SOURCE_FIELDS: dict[str, tuple[type, bool]] = {
    "source_id": (str, True),
    "title": (str, True),
    "publisher": (str, True),
    "url": (str, True),
    "landing_page": (str, True),
    "layouts": (list, True),
    "columns": (list, True),
    "key": (list, True),
    "licence": (str, True),
    "attribution": (str, True),
    "vintage": (str, True),
    "geography": (str, True),
    "release_cadence": (str, True),
    "reader": (str, True),
    "expected_rows": (int, False),
    "key_unique": (bool, False),
    "rows_rejected": (int, False),
    "fetch_mode": (str, False),
    "notes": (str, False),
    "required": (bool, False),
    "tags": (list, False),
    "registry_id": (str, False),
    "coverage_codes": (list, False),
    "mirrors": (list, False),
    "url_host_because": (str, False),
}
# Readers are the modules of ingest/readers/; checked by file, so the catalog imports no reader.
READERS_DIR = Path(__file__).resolve().parents[1] / "readers"
_LAYOUT_KEYS = {
    "file_name": str,
    "format": str,
    "sheet": str,
    "encoding": str,
    "member": str,
    "member_format": str,
    "header": list,
    "header_row": int,
    "has_header": bool,
    "null_values": list,
    "null_values_kept_in": list,
    "notes_marker": str,
    "sheets": list,
    "sheet_column": str,
    "rda_object": str,
    "rda_columns": dict,
    "rda_names_from": str,
    "rda_values_from": str,
    "rda_header_prefix": str,
    "rda_header_suffix": str,
    "rda_geometry": str,
    "geometry_types": list,
    "companions": list,
}
_COLUMN_KEYS = {"header": str, "dtype": str, "read": bool, "as_published": str}
_FORMATS = get_args(Format)
_DTYPES = get_args(Dtype)


def _is(value: Any, kind: type) -> bool:
    # TOML's true is not a number of rows.
    return isinstance(value, kind) and not (kind is int and isinstance(value, bool))


class CatalogError(PlaceindexError):
    """A catalog file is not valid TOML or an entry breaks the catalog's rules."""


def normalise_header(text: str) -> str:
    """Header text as compared: case, BOMs, line breaks and runs of spaces do not matter."""
    return re.sub(r"\s+", " ", text.replace("\ufeff", "")).strip().casefold()


def load_family(path: Path) -> tuple[Source, ...]:
    """Every entry of one family file, in file order."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise CatalogError(f"catalog {path.name}: cannot be read as TOML: {exc}") from exc
    unknown = set(data) - {"defaults", "sources"}
    if unknown:
        raise CatalogError(
            f"catalog {path.name}: unknown top-level key(s) {sorted(unknown)}; "
            "expected [defaults] and [[sources]]"
        )
    defaults = data.get("defaults", {})
    if not isinstance(defaults, dict):
        raise CatalogError(f"catalog {path.name}: [defaults] must be a table")
    entries = data.get("sources")
    if not isinstance(entries, list) or not entries:
        raise CatalogError(f"catalog {path.name}: no [[sources]] entries")
    family = path.stem
    sources: list[Source] = []
    columns_of: dict[str, Any] = {}
    for index, entry in enumerate(entries, start=1):
        if not isinstance(entry, dict):
            raise CatalogError(f"catalog {path.name}: entry {index} of [[sources]] is not a table")
        entry = {**defaults, **entry}
        # The same published table at another level (TS054 by LSOA, MSOA, ...): its columns are
        # the earlier entry's, named instead of typed again.
        if "columns_from" in entry:
            if "columns" in entry:
                raise CatalogError(
                    f"catalog {path.name}: source {entry.get('source_id')!r}: columns or "
                    "columns_from, not both"
                )
            donor = entry.pop("columns_from")
            if donor not in columns_of:
                raise CatalogError(
                    f"catalog {path.name}: source {entry.get('source_id')!r}: columns_from "
                    f"{donor!r} is not an earlier entry of this file"
                )
            entry["columns"] = columns_of[donor]
        source = _source(path.name, family, entry)
        columns_of[source.source_id] = entry["columns"]
        sources.append(source)
    return tuple(sources)


def check_unique(sources: tuple[Source, ...]) -> None:
    seen: dict[str, str] = {}
    for source in sources:
        if source.source_id in seen:
            raise CatalogError(
                f"catalog: source {source.source_id!r} is in both {seen[source.source_id]}.toml "
                f"and {source.family}.toml"
            )
        seen[source.source_id] = source.family


def _source(file: str, family: str, entry: dict[str, Any]) -> Source:
    where = f"catalog {file}: source {entry.get('source_id', '(no source_id)')!r}"
    missing = [
        name for name, (_, required) in _SOURCE_FIELDS.items() if required and name not in entry
    ]
    if missing:
        raise CatalogError(f"{where}: missing {missing}")
    unknown = set(entry) - set(_SOURCE_FIELDS)
    if unknown:
        raise CatalogError(f"{where}: unknown field(s) {sorted(unknown)}")
    for name, value in entry.items():
        kind = _SOURCE_FIELDS[name][0]
        if not _is(value, kind):
            raise CatalogError(f"{where}: {name} must be {kind.__name__}, not {value!r}")
        if kind is str and not value.strip():
            raise CatalogError(f"{where}: {name} must be non-empty text")
    if not SOURCE_ID.match(entry["source_id"]):
        raise CatalogError(f"{where}: source_id must be <publisher>__<dataset> in lower case")
    if not entry["url"].startswith(("https://", "http://")):
        raise CatalogError(f"{where}: url {entry['url']!r} is not an http(s) URL")
    mirrors = entry.get("mirrors", [])
    if not all(_is(mirror, str) and mirror.startswith("https://") for mirror in mirrors):
        raise CatalogError(f"{where}: mirrors must be https URLs, not {mirrors!r}")
    if len(set(mirrors)) != len(mirrors) or entry["url"] in mirrors:
        raise CatalogError(f"{where}: mirrors must be distinct and differ from url")
    if mirrors and entry.get("fetch_mode", "file") != "file":
        raise CatalogError(
            f"{where}: mirrors are copies of one file, so only a file download (fetch_mode "
            "'file') tries them"
        )
    if "\n" in entry.get("url_host_because", ""):
        raise CatalogError(f"{where}: url_host_because must be one line")
    if not (READERS_DIR / f"{entry['reader']}.py").is_file():
        known = sorted(p.stem for p in READERS_DIR.glob("*.py") if p.stem != "__init__")
        raise CatalogError(
            f"{where}: reader {entry['reader']!r} is no module of ingest/readers/ ({known})"
        )
    for name in ("key", "tags", "coverage_codes"):
        items = entry.get(name, [])
        if not all(_is(item, str) for item in items) or len(set(items)) != len(items):
            raise CatalogError(f"{where}: {name} must list distinct texts, not {items!r}")
    if not all(GSS_CODE.match(code) for code in entry.get("coverage_codes", [])):
        raise CatalogError(f"{where}: coverage_codes must be GSS codes (E92000001, E08000009...)")

    published, columns = _columns(where, entry["columns"])
    layouts = tuple(
        _layout(f"{where}: layout {index}", layout, published)
        for index, layout in enumerate(entry["layouts"], start=1)
    )
    if not layouts:
        raise CatalogError(f"{where}: no layouts")
    names = [layout.file_name for layout in layouts]
    if len(set(names)) != len(names):
        raise CatalogError(f"{where}: two layouts have one file name: {names}")
    # The first layout is the one fetched from `url`, and a fetch brings one file.
    if layouts[0].companions:
        raise CatalogError(
            f"{where}: {layouts[0].file_name}: a layout with companion files is found in a local "
            "folder only, so it cannot be the first (the one fetched from url)"
        )
    headers = {column.header for column in columns}
    key = tuple(entry["key"])
    if not key or any(name not in headers for name in key):
        raise CatalogError(f"{where}: key {list(key)} must name read columns")
    for layout in layouts:
        if layout.sheet_column is not None and layout.sheet_column not in headers:
            raise CatalogError(
                f"{where}: {layout.file_name}: sheet_column {layout.sheet_column!r} is not a column"
            )
        for kept in layout.null_values_kept_in:
            if kept not in headers:
                raise CatalogError(
                    f"{where}: {layout.file_name}: null_values_kept_in names no column {kept!r}"
                )
    expected_rows = entry.get("expected_rows")
    if expected_rows is not None and expected_rows < 1:
        raise CatalogError(f"{where}: expected_rows must be a positive whole number")
    rows_rejected = entry.get("rows_rejected", 0)
    if rows_rejected < 0 or (rows_rejected and (expected_rows or 0) <= rows_rejected):
        raise CatalogError(f"{where}: rows_rejected must be 0 or more and fewer than expected_rows")
    fetch_mode = entry.get("fetch_mode", "file")
    if fetch_mode not in ("file", "arcgis", "arcgis_geojson"):
        raise CatalogError(
            f"{where}: fetch_mode must be 'file', 'arcgis' or 'arcgis_geojson', not {fetch_mode!r}"
        )
    return Source(
        source_id=entry["source_id"],
        title=entry["title"],
        publisher=entry["publisher"],
        url=entry["url"],
        landing_page=entry["landing_page"],
        layouts=layouts,
        columns=columns,
        key=key,
        licence=entry["licence"],
        attribution=entry["attribution"],
        vintage=entry["vintage"],
        geography=entry["geography"],
        release_cadence=entry["release_cadence"],
        reader=entry["reader"],
        expected_rows=expected_rows,
        key_unique=entry.get("key_unique", True),
        rows_rejected=rows_rejected,
        fetch_mode=fetch_mode,
        notes=entry.get("notes", ""),
        required=entry.get("required", True),
        tags=tuple(entry.get("tags", ())),
        registry_id=entry.get("registry_id"),
        coverage_codes=tuple(entry.get("coverage_codes", ())),
        mirrors=tuple(mirrors),
        url_host_because=entry.get("url_host_because"),
        family=family,
    )


def _columns(where: str, entries: Any) -> tuple[tuple[str, ...], tuple[Column, ...]]:
    """(the published header text in order, the columns read)."""
    if not isinstance(entries, list) or not entries:
        raise CatalogError(f"{where}: columns must be a non-empty list")
    published: list[str] = []
    columns: list[Column] = []
    seen: set[str] = set()
    for index, item in enumerate(entries, start=1):
        if not isinstance(item, dict) or "header" not in item:
            raise CatalogError(f"{where}: column {index} must be a table with a header")
        unknown = set(item) - set(_COLUMN_KEYS)
        if unknown:
            raise CatalogError(
                f"{where}: column {item['header']!r}: unknown key(s) {sorted(unknown)}"
            )
        for name, kind in _COLUMN_KEYS.items():
            if name in item and not isinstance(item[name], kind):
                raise CatalogError(
                    f"{where}: column {item['header']!r}: {name} must be {kind.__name__}"
                )
        header = item["header"]
        normalised = normalise_header(header)
        if normalised in seen:
            raise CatalogError(f"{where}: column {header!r} is listed twice")
        seen.add(normalised)
        as_published = item.get("as_published", header)
        if normalise_header(as_published) != normalised:
            raise CatalogError(
                f"{where}: column {header!r}: as_published {as_published!r} differs in more than "
                "spacing"
            )
        published.append(as_published)
        dtype = item.get("dtype", "str")
        if dtype not in _DTYPES:
            raise CatalogError(f"{where}: column {header!r}: dtype must be one of {_DTYPES}")
        if item.get("read", True):
            columns.append(Column(header, dtype))
        elif "dtype" in item:
            raise CatalogError(f"{where}: column {header!r} is not read, so it has no dtype")
    if not columns:
        raise CatalogError(f"{where}: no column is read")
    return tuple(published), tuple(columns)


def _layout(where: str, item: Any, published: tuple[str, ...]) -> FileLayout:
    if not isinstance(item, dict) or "file_name" not in item or "format" not in item:
        raise CatalogError(f"{where}: must be a table with file_name and format")
    where = f"{where} ({item['file_name']!r})"
    unknown = set(item) - set(_LAYOUT_KEYS)
    if unknown:
        raise CatalogError(f"{where}: unknown field(s) {sorted(unknown)}")
    for name, kind in _LAYOUT_KEYS.items():
        if name in item and not _is(item[name], kind):
            raise CatalogError(f"{where}: {name} must be {kind.__name__}")
        values = item.get(name)
        if isinstance(values, dict):
            values = [*values, *values.values()]
        if isinstance(values, list) and not all(_is(value, str) for value in values):
            raise CatalogError(f"{where}: {name} must hold texts only")
    for name in ("format", "member_format"):
        if name in item and item[name] not in _FORMATS:
            raise CatalogError(f"{where}: {name} must be one of {_FORMATS}")
    fmt = item["format"]
    if (fmt == "zip") != ("member" in item):
        raise CatalogError(f"{where}: a zip layout names its member, and only a zip layout does")
    workbook = fmt in ("xlsx", "xls") or (
        fmt == "zip" and item.get("member_format") in ("xlsx", "xls")
    )
    if ("sheet" in item or "sheets" in item) and not workbook:
        raise CatalogError(f"{where}: only a workbook has sheets")
    sheets = tuple(item.get("sheets", ()))
    sheet = item.get("sheet", sheets[0] if sheets else None)
    if sheets and sheet != sheets[0]:
        raise CatalogError(f"{where}: sheet {sheet!r} is not the first of {list(sheets)}")
    if len(sheets) > 1 and "sheet_column" not in item:
        raise CatalogError(f"{where}: several sheets need a sheet_column")
    if item.get("header_row", 0) < 0:
        raise CatalogError(f"{where}: header_row must be 0 or more")
    rda_fields = [name for name in item if name.startswith("rda_")]
    if rda_fields and fmt != "rda":
        raise CatalogError(f"{where}: {rda_fields} belong to an R data layout (format rda)")
    if fmt == "rda":
        if not item.get("rda_columns"):
            raise CatalogError(f"{where}: an R data layout names its columns (rda_columns)")
        pivot = [name for name in ("rda_names_from", "rda_values_from") if name in item]
        if len(pivot) == 1:
            raise CatalogError(f"{where}: rda_names_from and rda_values_from go together")
        unknown = [
            h for h in item["rda_columns"] if normalise_header(h) not in _normalised(published)
        ]
        if unknown:
            raise CatalogError(f"{where}: rda_columns names no published column {unknown}")
    has_header = item.get("has_header", True)
    header = item.get("header")
    if "geometry_types" in item and fmt != "json":
        raise CatalogError(f"{where}: geometry_types belong to a GeoJSON layout (format json)")
    companions = item.get("companions", [])
    own_suffix = PurePosixPath(item["file_name"]).suffix
    if companions and not own_suffix:
        raise CatalogError(f"{where}: a file with companions needs a suffix for them to replace")
    for suffix in companions:
        if not re.fullmatch(r"\.[A-Za-z0-9_.]+", suffix) or suffix == own_suffix:
            raise CatalogError(
                f"{where}: companion {suffix!r} must be a file suffix ('.dbf') other than the "
                f"file's own ({own_suffix!r})"
            )
    if len(set(companions)) != len(companions):
        raise CatalogError(f"{where}: companions must be distinct, not {companions!r}")
    if fmt == "shp" and header is None:
        # A shapefile's "header" is its .dbf's field list; its shapes are the geometry column.
        header = [text for text in published if normalise_header(text) != GEOMETRY_COLUMN]
    # An R data file or a parquet file has no header row: its columns are the frame's.
    if header is None and has_header and fmt not in ("json", "rda", "parquet"):
        sheet_column = item.get("sheet_column")
        header = [text for text in published if text != sheet_column]
    return FileLayout(
        file_name=item["file_name"],
        format=fmt,
        sheet=sheet,
        encoding=item.get("encoding", "utf-8"),
        member=item.get("member"),
        member_format=item.get("member_format", "csv"),
        header=tuple(header) if header is not None else None,
        header_row=item.get("header_row", 0),
        has_header=has_header,
        null_values=tuple(item.get("null_values", ())),
        null_values_kept_in=tuple(item.get("null_values_kept_in", ())),
        notes_marker=item.get("notes_marker"),
        sheets=sheets,
        sheet_column=item.get("sheet_column"),
        rda_object=item.get("rda_object"),
        rda_columns=tuple(item.get("rda_columns", {}).items()),
        rda_names_from=item.get("rda_names_from"),
        rda_values_from=item.get("rda_values_from"),
        rda_header_prefix=item.get("rda_header_prefix", ""),
        rda_header_suffix=item.get("rda_header_suffix", ""),
        rda_geometry=item.get("rda_geometry"),
        geometry_types=tuple(item.get("geometry_types", ("Polygon", "MultiPolygon"))),
        companions=tuple(companions),
    )


def _normalised(texts: tuple[str, ...]) -> set[str]:
    return {normalise_header(text) for text in texts}
