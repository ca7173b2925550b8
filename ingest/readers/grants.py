"""Reader for grant files in the 360Giving Data Standard: CSV, XLSX and JSON, one row per grant.

Publishers use every form the standard allows and some it no longer does: the flat CSV/XLSX layout
with the standard's column titles (in any order, any subset, plus their own columns), early layouts
(combined 'Beneficiary Location:Latitude/Longitude', DD/MM/YYYY HH:MM dates), the JSON package
`{"grants": [...]}` and API responses `{"results": [...]}`. All become the same typed table, the
columns of `ingest/catalog/grants.toml`, with `_row_number` (the row in the file, or the 1-based
position in the JSON array).

A grant that breaks a rule the standard REQUIRES (version 1.4.3: identifier, title, description,
currency, amount awarded, award date, funder and recipient) is kept, with `_reject_column` (the
standard's title), `_reject_value` (as published) and `_reject_reason`, so the money in a file always
reconciles and staging decides what to leave out. What the standard allows (date-only award dates,
placeholder recipient ids) is not rejected. Only a file that cannot be read as its format raises.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import polars as pl

from ingest.catalog import FileLayout, Source
from ingest.errors import PlaceindexError
from ingest.postcodes import normalise_postcode
from ingest.readers.cells import blank, blank_row, cell_text
from ingest.readers.tabular import (
    POLARS_TYPES,
    ROW_NUMBER,
    decode_text,
    layout_for_path,
    load_sheet,
    normalise_header,
    open_workbook,
    parse_csv_text,
)
from ingest.warehouse import REJECT_COLUMNS

UK = ZoneInfo("Europe/London")
STANDARD = "the 360Giving Standard 1.4.3"

# The layout fields this reader honours, by format (see `ingest.readers.tabular.LAYOUT_FIELDS`):
# a grant file's columns are found by the standard's titles, wherever its header is.
LAYOUT_FIELDS: dict[str, frozenset[str]] = {
    "csv": frozenset({"encoding"}),
    "xlsx": frozenset({"sheet"}),
    "json": frozenset(),
}


def output_schema(source: Source) -> dict[str, pl.DataType]:
    """The table every grant file is read into: the catalog's columns (the grants family's, named
    in this reader's vocabulary), then the reject columns, whose marked rows the loader moves to
    meta.rejected_rows."""
    return (
        {ROW_NUMBER: pl.Int64}
        | {column.header: POLARS_TYPES[column.dtype] for column in source.columns}
        | dict.fromkeys(REJECT_COLUMNS, pl.String)
    )


# Grant fields read from a file: (standard column title, JSON path in the grant object). CSV/XLSX
# headers match the title (or, as flatten-tool also accepts, the path joined with '/').
FIELDS: dict[str, tuple[str, tuple[str | int, ...]]] = {
    "grant_id": ("Identifier", ("id",)),
    "title": ("Title", ("title",)),
    "description": ("Description", ("description",)),
    "currency": ("Currency", ("currency",)),
    "amount_awarded": ("Amount Awarded", ("amountAwarded",)),
    "award_date": ("Award Date", ("awardDate",)),
    "funder_id": ("Funding Org:Identifier", ("fundingOrganization", 0, "id")),
    "funder_name": ("Funding Org:Name", ("fundingOrganization", 0, "name")),
    "recipient_id": ("Recipient Org:Identifier", ("recipientOrganization", 0, "id")),
    "recipient_name": ("Recipient Org:Name", ("recipientOrganization", 0, "name")),
    "recipient_charity_number": (
        "Recipient Org:Charity Number",
        ("recipientOrganization", 0, "charityNumber"),
    ),
    "recipient_company_number": (
        "Recipient Org:Company Number",
        ("recipientOrganization", 0, "companyNumber"),
    ),
    "recipient_postcode": ("Recipient Org:Postal Code", ("recipientOrganization", 0, "postalCode")),
    "recipient_country": ("Recipient Org:Country", ("recipientOrganization", 0, "addressCountry")),
    "recipient_individual_id": ("Recipient Ind:Identifier", ("recipientIndividual", "id")),
    "recipient_individual_name": ("Recipient Ind:Name", ("recipientIndividual", "name")),
    "grant_programme_title": ("Grant Programme:Title", ("grantProgramme", 0, "title")),
    "last_modified": ("Last Modified", ("dateModified",)),
}
# Beneficiary Location sub-fields: standard title after 'Beneficiary Location:' -> JSON key.
LOCATION_FIELDS = {
    "name": "name",
    "country code": "countryCode",
    "latitude": "latitude",
    "longitude": "longitude",
    "geographic code": "geoCode",
    "geographic code type": "geoCodeType",
}
# Early layouts put both coordinates in one cell ('51.5, -0.12').
_LAT_LONG = "latitude/longitude"
_LOCATION_TITLE = re.compile(r"^beneficiary location:(?:(\d+):)?(.+)$")
_LOCATION_PATH = re.compile(r"^beneficiarylocation/(\d+)/(\w+)$")

GSS_CODE = re.compile(r"^[EWSNK]\d{8}$")
# Finest first. Decided by the GSS entity prefix: publishers' geoCodeType values are too varied
# ('LAD', 'CMLAD', 'Unitary Authorities', missing) to rank by.
_GSS_RANK = {
    **dict.fromkeys(("E00", "W00", "S00", "N00", "E01", "W01", "S01"), 1),  # OA, LSOA, data zone
    **dict.fromkeys(("E02", "W02", "S02"), 2),  # MSOA, intermediate zone
    **dict.fromkeys(("E05", "W05", "S13", "N08", "E36", "W39"), 3),  # wards, census merged wards
    # districts, unitaries, metropolitan districts, London boroughs, council areas, census merged
    **dict.fromkeys(("E06", "E07", "E08", "E09", "W06", "S12", "N09", "E41", "W40"), 4),
    **dict.fromkeys(("E10", "E11", "E42", "W41"), 5),  # counties
    "E12": 6,  # regions
    **dict.fromkeys(("E92", "W92", "S92", "N92", "K02", "K03", "K04"), 7),  # countries
}
_COUNTRY_RANK = 7
_OTHER_GSS_RANK = 8  # constituencies, health areas ...: a place, but not on this ladder
_NO_CODE_RANK = 9

_DAY_FIRST = ("%d/%m/%Y", "%d/%m/%Y %H:%M", "%d/%m/%Y %H:%M:%S")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_CURRENCY = re.compile(r"^[A-Z]{3}$")
_EXCEL_SERIAL = re.compile(r"^\d{5}(\.\d+)?$")
_EXCEL_EPOCH = date(1899, 12, 30)

_JSON_EXPECTED = 'a 360Giving JSON package {"grants": [...]} or an API response {"results": [...]}'


@dataclass
class _Grant:
    row_number: int
    values: dict[str, Any]
    locations: list[dict[str, Any]]


def read_grants(source: Source, path: Path) -> pl.DataFrame:
    """Read `path` as 360Giving grants: one typed row per grant, rejects marked, not dropped."""
    layout = layout_for_path(source, path)
    if layout.format == "json":
        grants = _json_grants(source, path)
    elif layout.format == "csv":
        grants = _flat_grants(source, path, _read_csv(source, layout, path), xlsx=False)
    elif layout.format == "xlsx":
        grants = _flat_grants(source, path, _read_xlsx(source, layout, path), xlsx=True)
    else:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: format {layout.format!r} has no 360Giving reader "
            "(expected csv, xlsx or json)",
            source_id=source.source_id,
            file=path.name,
        )
    return _to_frame(output_schema(source), grants, xlsx=layout.format == "xlsx")


# --- reading the three forms into _Grant records --------------------------------------------


def _json_grants(source: Source, path: Path) -> list[_Grant]:
    def fail(problem: str) -> PlaceindexError:
        return PlaceindexError(
            f"{source.source_id}: {path.name}: {problem}; expected {_JSON_EXPECTED}",
            source_id=source.source_id,
            file=path.name,
        )

    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise fail(f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    except json.JSONDecodeError as exc:
        raise fail(f"not valid JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})")
    if not isinstance(data, dict):
        raise fail(f"the top level is {_json_type(data)}, not an object")
    key = "grants" if "grants" in data else "results" if "results" in data else None
    if key is None:
        raise fail(f"no 'grants' or 'results' array (top-level keys: {sorted(data)})")
    items = data[key]
    if not isinstance(items, list):
        raise fail(f"'{key}' is {_json_type(items)}, not an array")
    grants = []
    for index, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise PlaceindexError(
                f"{source.source_id}: {path.name}: {key}[{index - 1}] (row {index}) is "
                f"{_json_type(item)}; expected a grant object",
                source_id=source.source_id,
                file=path.name,
                row=index,
            )
        values = {name: _json_path(item, json_path) for name, (_, json_path) in FIELDS.items()}
        locations = _as_list(item.get("beneficiaryLocation"))
        grants.append(
            _Grant(
                index,
                values,
                [
                    {key: location.get(key) for key in LOCATION_FIELDS.values()}
                    for location in locations
                    if isinstance(location, dict)
                ],
            )
        )
    return grants


def _json_type(value: Any) -> str:
    if isinstance(value, bool):
        return "a boolean"
    names = {dict: "an object", list: "an array", str: "a string", int: "a number"}
    return names.get(type(value), "a number" if isinstance(value, float) else "null")


def _as_list(value: Any) -> list[Any]:
    """The standard's arrays; older publishers sometimes give the single object unwrapped."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _json_path(item: Any, json_path: tuple[str | int, ...]) -> Any:
    for step in json_path:
        if isinstance(step, int):
            items = _as_list(item)
            item = items[step] if len(items) > step else None
        else:
            item = item.get(step) if isinstance(item, dict) else None
        if item is None:
            return None
    return item


def _read_csv(source: Source, layout: FileLayout, path: Path) -> pl.DataFrame:
    return parse_csv_text(source, path, decode_text(source, layout, path, path.read_bytes()))


def _read_xlsx(source: Source, layout: FileLayout, path: Path) -> pl.DataFrame:
    workbook = open_workbook(source, path)
    names = workbook.sheet_names
    # The 360Giving template calls the summary sheet 'grants'; single-sheet files name it anything.
    sheet = layout.sheet or next((n for n in names if n.strip().casefold() == "grants"), names[0])
    # All cells as text: date cells arrive as 'YYYY-MM-DD HH:MM:SS', numbers without '.0'.
    return load_sheet(source, path, workbook, sheet)


def _flat_grants(source: Source, path: Path, frame: pl.DataFrame, *, xlsx: bool) -> list[_Grant]:
    by_header = _field_headers()
    fields: dict[str, str] = {}
    locations: dict[tuple[int, str], str] = {}
    for header in frame.columns:
        normal = normalise_header(header)
        field = by_header.get(normal)
        if field is not None:
            fields.setdefault(field, header)
            continue
        location = _location_header(normal)
        if location is not None:
            locations.setdefault(location, header)
    if "grant_id" not in fields:
        raise PlaceindexError(
            f"{source.source_id}: {path.name}: no 'Identifier' column; expected a 360Giving "
            f"{'workbook' if xlsx else 'CSV'} with the standard's column titles, the file has "
            f"{frame.columns}",
            source_id=source.source_id,
            file=path.name,
            column="Identifier",
        )
    frame = frame.with_columns(pl.col(name).cast(pl.String) for name in frame.columns)
    indexes = sorted({index for index, _ in locations})
    grants = []
    for row_number, row in enumerate(frame.iter_rows(), start=2):
        cells = dict(zip(frame.columns, row, strict=True))
        if blank_row(cells.values()):
            continue  # spreadsheets end with formatted but empty rows; they are not grants
        values = {name: _text(cells[fields[name]]) if name in fields else None for name in FIELDS}
        grant_locations = []
        for index in indexes:
            location = {key: None for key in LOCATION_FIELDS.values()}
            for (at, part), header in locations.items():
                if at != index:
                    continue
                if part == _LAT_LONG:
                    location["latitude"], location["longitude"] = _split_lat_long(cells[header])
                else:
                    location[LOCATION_FIELDS[part]] = _text(cells[header])
            if any(value is not None for value in location.values()):
                grant_locations.append(location)
        grants.append(_Grant(row_number, values, grant_locations))
    return grants


def _field_headers() -> dict[str, str]:
    headers = {}
    for name, (title, json_path) in FIELDS.items():
        headers[normalise_header(title)] = name
        headers["/".join(str(step) for step in json_path).casefold()] = name
    return headers


def _location_header(normal: str) -> tuple[int, str] | None:
    """(index, sub-field) of 'Beneficiary Location:[N:]Name' or 'beneficiaryLocation/N/name'."""
    if match := _LOCATION_TITLE.match(normal):
        index, part = match.groups()
        if part in LOCATION_FIELDS or part == _LAT_LONG:
            return int(index or 0), part
        return None
    if match := _LOCATION_PATH.match(normal):
        keys = {key.casefold(): title for title, key in LOCATION_FIELDS.items()}
        part = keys.get(match.group(2))
        return (int(match.group(1)), part) if part else None
    return None


def _split_lat_long(value: Any) -> tuple[str | None, str | None]:
    text = _text(value)
    if text is None:
        return None, None
    parts = [part for part in re.split(r"[,;\s]+", text) if part]
    # Anything but a pair cannot be told apart (which number is which?), so neither is guessed.
    return (parts[0], parts[1]) if len(parts) == 2 else (None, None)


def _text(value: Any) -> str | None:
    """A published value as text (`cells.cell_text`), but a cell of spaces is missing too, and a
    JSON true or false keeps JSON's spelling, as the file has it."""
    if blank(value):
        return None
    if isinstance(value, bool):
        return json.dumps(value)
    return cell_text(value)


# --- checking and typing ----------------------------------------------------------------------


def _to_frame(schema: dict[str, pl.DataType], grants: list[_Grant], *, xlsx: bool) -> pl.DataFrame:
    columns: dict[str, list[Any]] = {name: [] for name in schema}
    for grant in grants:
        row = _output_row(grant, xlsx=xlsx)
        for name in schema:
            columns[name].append(row.get(name))
    return pl.DataFrame(columns, schema=schema)


def _output_row(grant: _Grant, *, xlsx: bool) -> dict[str, Any]:
    values = grant.values
    amount = _number(values["amount_awarded"])
    award_date = _award_date(values["award_date"], xlsx=xlsx)
    locations = [_repair_location(location) for location in grant.locations]
    finest = min(locations, key=_location_rank, default={})
    row: dict[str, Any] = {name: _text(values[name]) for name in FIELDS} | {
        ROW_NUMBER: grant.row_number,
        "amount_awarded": amount,
        "award_date": award_date,
        "recipient_postcode_normalised": normalise_postcode(_text(values["recipient_postcode"])),
        "beneficiary_location_name": finest.get("name"),
        "beneficiary_geo_code": finest.get("geoCode"),
        "beneficiary_geo_code_type": finest.get("geoCodeType"),
        "beneficiary_latitude": finest.get("latitude"),
        "beneficiary_longitude": finest.get("longitude"),
        "beneficiary_locations_json": json.dumps(locations, ensure_ascii=False),
    }
    reject = _first_broken_rule(values, amount, award_date)
    if reject is not None:
        row["_reject_column"], row["_reject_value"], row["_reject_reason"] = reject
    return row


def _first_broken_rule(
    values: dict[str, Any], amount: float | None, award_date: date | None
) -> tuple[str, str | None, str] | None:
    """(standard title, value as published, reason) for the first required rule the grant breaks."""
    individual = any(
        _text(values[name]) is not None
        for name in ("recipient_individual_id", "recipient_individual_name")
    )
    recipient = (
        ("recipient_individual_id", "the recipient individual's identifier"),
        ("recipient_individual_name", "the recipient individual's name"),
    )
    if not individual:
        recipient = (
            ("recipient_id", "the recipient organisation's identifier, e.g. GB-CHC-1234567"),
            ("recipient_name", "the recipient organisation's name"),
        )
    checks: Iterable[tuple[str, bool, str]] = (
        ("grant_id", _text(values["grant_id"]) is not None, "a grant identifier"),
        ("title", _text(values["title"]) is not None, "a title for the grant"),
        ("description", _text(values["description"]) is not None, "a description of the grant"),
        (
            "currency",
            _CURRENCY.match((_text(values["currency"]) or "").strip()) is not None,
            "a three-letter ISO 4217 currency code such as GBP",
        ),
        (
            "amount_awarded",
            amount is not None,
            "the amount awarded as a number, without commas or currency symbols",
        ),
        (
            "award_date",
            award_date is not None,
            "the award date as YYYY-MM-DD or an ISO 8601 date-time",
        ),
        ("funder_id", _text(values["funder_id"]) is not None, "the funder's identifier"),
        ("funder_name", _text(values["funder_name"]) is not None, "the funder's name"),
        *((name, _text(values[name]) is not None, what) for name, what in recipient),
    )
    for name, ok, expected in checks:
        if ok:
            continue
        published = _published(values[name])
        found = "nothing" if published is None or published.strip() == "" else repr(published)
        title = FIELDS[name][0]
        reason = f"{title} is required by {STANDARD}: expected {expected}, found {found}"
        return title, published, reason
    return None


def _published(value: Any) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else json.dumps(value)


def _number(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        # json.loads accepts NaN and Infinity, which are not amounts.
        return float(value) if math.isfinite(value) else None
    text = _text(value)
    if text is None or not _NUMBER.match(text.strip()):
        return None
    return float(text.strip())


def _award_date(value: Any, *, xlsx: bool) -> date | None:
    """The local UK calendar date of an award: '2004-03-31T23:00:00.000Z' is 1 April 2004.

    A time-zoned value is converted to Europe/London before the date is taken, because funders'
    systems store local midnight as UTC. A value without a zone is already local.
    """
    text = _text(value)
    if text is None:
        return None
    text = text.strip()
    if xlsx and _EXCEL_SERIAL.match(text):
        # A date cell saved without its date format reads as the serial day number.
        return _EXCEL_EPOCH + timedelta(days=int(float(text)))
    try:
        parsed = datetime.fromisoformat(text)
    except ValueError:
        parsed = None
        for pattern in _DAY_FIRST:
            try:
                parsed = datetime.strptime(text, pattern)
                break
            except ValueError:
                continue
        if parsed is None:
            return None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UK)
    return parsed.date()


def _repair_location(location: dict[str, Any]) -> dict[str, Any]:
    repaired = {key: _text(value) for key, value in location.items()}
    for key in ("latitude", "longitude"):
        repaired[key] = _number(location.get(key))
    code = (repaired["geoCode"] or "").strip()
    code_type = (repaired["geoCodeType"] or "").strip()
    # Some publishers' exports put the type in geoCode and the GSS code in geoCodeType.
    if not GSS_CODE.match(code.upper()) and GSS_CODE.match(code_type.upper()):
        code, code_type = code_type, code
    if GSS_CODE.match(code.upper()):
        code = code.upper()
    repaired["geoCode"] = code or None
    repaired["geoCodeType"] = code_type or None
    return repaired


def _location_rank(location: dict[str, Any]) -> int:
    code = location.get("geoCode") or ""
    if GSS_CODE.match(code):
        return _GSS_RANK.get(code[:3], _OTHER_GSS_RANK)
    # A location given only by its country ('UK', 'GB') is a country, whatever its name.
    return _COUNTRY_RANK if location.get("countryCode") and not code else _NO_CODE_RANK
