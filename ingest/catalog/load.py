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
from pathlib import Path
from typing import Any, get_args

from ingest.catalog.schema import Column, Dtype, FileLayout, Format, Source
from ingest.errors import PlaceindexError

SOURCE_ID = re.compile(r"^[a-z0-9_]+__[a-z0-9_]+$")

_SOURCE_REQUIRED = (
    "source_id",
    "title",
    "publisher",
    "url",
    "landing_page",
    "layouts",
    "columns",
    "key",
    "licence",
    "attribution",
    "vintage",
    "geography",
    "release_cadence",
    "reader",
)
_SOURCE_OPTIONAL = (
    "expected_rows",
    "key_unique",
    "rows_rejected",
    "fetch_mode",
    "notes",
    "required",
    "tags",
    "registry_id",
)
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
}
_COLUMN_KEYS = {"header": str, "dtype": str, "read": bool, "as_published": str}
_FORMATS = get_args(Format)
_DTYPES = get_args(Dtype)


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
    entries = data.get("sources")
    if not isinstance(entries, list) or not entries:
        raise CatalogError(f"catalog {path.name}: no [[sources]] entries")
    family = path.stem
    return tuple(_source(path.name, family, {**defaults, **entry}) for entry in entries)


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
    missing = [name for name in _SOURCE_REQUIRED if name not in entry]
    if missing:
        raise CatalogError(f"{where}: missing {missing}")
    unknown = set(entry) - set(_SOURCE_REQUIRED) - set(_SOURCE_OPTIONAL)
    if unknown:
        raise CatalogError(f"{where}: unknown field(s) {sorted(unknown)}")
    if not SOURCE_ID.match(entry["source_id"]):
        raise CatalogError(f"{where}: source_id must be <publisher>__<dataset> in lower case")
    for name in ("title", "publisher", "url", "landing_page", "licence", "attribution", "vintage"):
        if not isinstance(entry[name], str) or not entry[name].strip():
            raise CatalogError(f"{where}: {name} must be non-empty text")
    if not entry["url"].startswith(("https://", "http://")):
        raise CatalogError(f"{where}: url {entry['url']!r} is not an http(s) URL")

    published, columns = _columns(where, entry["columns"])
    layouts = tuple(_layout(where, layout, published) for layout in _list(where, entry, "layouts"))
    if not layouts:
        raise CatalogError(f"{where}: no layouts")
    headers = {column.header for column in columns}
    key = tuple(_list(where, entry, "key"))
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
    if expected_rows is not None and (not isinstance(expected_rows, int) or expected_rows < 1):
        raise CatalogError(f"{where}: expected_rows must be a positive whole number")
    rows_rejected = entry.get("rows_rejected", 0)
    if not isinstance(rows_rejected, int) or rows_rejected < 0:
        raise CatalogError(f"{where}: rows_rejected must be a whole number, 0 or more")
    if rows_rejected and expected_rows is None:
        raise CatalogError(f"{where}: rows_rejected needs expected_rows")
    fetch_mode = entry.get("fetch_mode", "file")
    if fetch_mode not in ("file", "arcgis"):
        raise CatalogError(f"{where}: fetch_mode must be 'file' or 'arcgis', not {fetch_mode!r}")
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
        key_unique=bool(entry.get("key_unique", True)),
        rows_rejected=rows_rejected,
        fetch_mode=fetch_mode,
        notes=entry.get("notes", ""),
        required=bool(entry.get("required", True)),
        tags=tuple(_list(where, entry, "tags") if "tags" in entry else ()),
        registry_id=entry.get("registry_id"),
        family=family,
    )


def _list(where: str, entry: dict[str, Any], name: str) -> list[Any]:
    value = entry[name]
    if not isinstance(value, list):
        raise CatalogError(f"{where}: {name} must be a list")
    return value


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
        raise CatalogError(f"{where}: a layout must be a table with file_name and format")
    where = f"{where}: layout {item['file_name']!r}"
    unknown = set(item) - set(_LAYOUT_KEYS)
    if unknown:
        raise CatalogError(f"{where}: unknown field(s) {sorted(unknown)}")
    for name, kind in _LAYOUT_KEYS.items():
        if name in item and not isinstance(item[name], kind):
            raise CatalogError(f"{where}: {name} must be {kind.__name__}")
    for name in ("format", "member_format"):
        if name in item and item[name] not in _FORMATS:
            raise CatalogError(f"{where}: {name} must be one of {_FORMATS}")
    fmt = item["format"]
    if (fmt == "zip") != ("member" in item):
        raise CatalogError(f"{where}: a zip layout names its member, and only a zip layout does")
    if ("sheet" in item or "sheets" in item) and fmt not in ("xlsx", "xls"):
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
    # An R data file has no header row: its columns are the frame's.
    if header is None and has_header and fmt not in ("json", "rda"):
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
    )


def _normalised(texts: tuple[str, ...]) -> set[str]:
    return {normalise_header(text) for text in texts}
