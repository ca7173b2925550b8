"""The data dictionary of the published marts, and the rounding a human-readable export applies.

Descriptions come from the dbt YAML, persisted into the DuckDB file as table and column comments
(dbt `persist_docs`), so the file describes itself. Units follow from the naming rules every mart
keeps (`_pct` 0-100, `_share` 0-1, `_pp` percentage points, `_gbp`, `_per_1k`, `_km`, ...); the
grain is the "Grain:" sentence each mart's description ends with.

CSV and xlsx are read by people: their numbers are rounded to the precision the unit is published
at (two decimals for percentages, pounds, rates and distances; six for coordinates; four for shares,
scores and indices). Parquet keeps full precision for further computation.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

FLOAT_TYPES = ("DOUBLE", "FLOAT", "REAL")

# (test on the column name, unit text); first match wins. Kept beside the naming rules of STYLE.
_UNIT_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), unit)
    for pattern, unit in (
        (r"_per_head_gbp$", "GBP per resident"),
        (r"_gbp$", "GBP"),
        (r"_pct$", "percent (0-100)"),
        (r"_pp$", "percentage points"),
        (r"(_share|^proportion|_proportion)$", "share (0-1)"),
        (r"_per_1k$", "per 1,000"),
        (r"_km$", "kilometres"),
        (r"(^|_)(latitude|longitude|lat|long)$", "degrees (WGS84)"),
        (r"_rank$", "rank (1 = first in the order the description gives)"),
        (r"_decile$", "decile (1-10)"),
        (r"_quintile$", "quintile (1-5)"),
        (r"_status$", "status label"),
        (r"_code$", "code"),
        (r"_codes$", "codes"),
        (r"_name$", "name"),
        (r"_names$", "names"),
        (r"(_score|_index|_h)$", "score (see description)"),
        (r"_weight$", "weight"),
        (r"(_year|^year)$", "year"),
        (r"(_date|_at)$", "date or time"),
    )
)


def column_unit(name: str, data_type: str) -> str:
    """The unit of a mart column, from the naming rules and its type."""
    for pattern, unit in _UNIT_RULES:
        if pattern.search(name):
            return unit
    if data_type == "BOOLEAN" or name.startswith(("is_", "has_")):
        return "true/false"
    if data_type in ("BIGINT", "INTEGER", "HUGEINT", "SMALLINT", "UBIGINT", "UINTEGER"):
        return "count"
    return ""


def column_precision(name: str, data_type: str) -> int | None:
    """Decimal places a CSV or xlsx shows for a column; None leaves the value as it is."""
    if data_type not in FLOAT_TYPES and not data_type.startswith("DECIMAL"):
        return None
    unit = column_unit(name, data_type)
    if unit.startswith("degrees"):
        return 6
    if unit in ("share (0-1)", "score (see description)", "weight") or unit == "":
        return 4
    return 2


_GRAIN = re.compile(r"Grain:\s*(.+?)(?:\.(?:\s|$)|$)", re.DOTALL)


def table_grain(description: str | None) -> str:
    """The "Grain: ..." sentence of a mart's description, without the label."""
    if not description:
        return ""
    found = _GRAIN.search(description)
    return " ".join(found.group(1).split()) if found else ""


@dataclass(frozen=True)
class DictionaryColumn:
    table: str
    grain: str
    column: str
    data_type: str
    unit: str
    description: str


def mart_descriptions(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Mart table -> its description (the persisted comment), in name order."""
    return {
        name: " ".join((comment or "").split())
        for name, comment in con.execute(
            "select table_name, comment from duckdb_tables() "
            "where schema_name = 'marts' order by table_name"
        ).fetchall()
    }


def data_dictionary(
    con: duckdb.DuckDBPyConnection, table: str | None = None
) -> list[DictionaryColumn]:
    """Every column of the marts (or of one), in table and column order."""
    descriptions = mart_descriptions(con)
    rows = con.execute(
        "select table_name, column_name, data_type, comment from duckdb_columns() "
        "where schema_name = 'marts' and (? is null or table_name = ?) "
        "order by table_name, column_index",
        [table, table],
    ).fetchall()
    return [
        DictionaryColumn(
            table=table_name,
            grain=table_grain(descriptions.get(table_name)),
            column=column_name,
            data_type=data_type,
            unit=column_unit(column_name, data_type),
            description=" ".join((comment or "").split()),
        )
        for table_name, column_name, data_type, comment in rows
    ]


DICTIONARY_FIELDS = ("table", "grain", "column", "data_type", "unit", "description")


def write_dictionary_csv(columns: list[DictionaryColumn], path: Path) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(DICTIONARY_FIELDS)
        for column in columns:
            writer.writerow([getattr(column, field) for field in DICTIONARY_FIELDS])


def write_dictionary_markdown(
    columns: list[DictionaryColumn], descriptions: dict[str, str], path: Path
) -> None:
    lines = [
        "# placeindex data dictionary",
        "",
        (
            "Every published table (schema `marts`) and its columns: type, unit and meaning. Units "
            "follow the naming rules: `_pct` 0-100, `_share` 0-1, `_pp` percentage points, `_gbp` "
            "pounds, `_per_1k` per 1,000."
        ),
        "",
    ]
    by_table: dict[str, list[DictionaryColumn]] = {}
    for column in columns:
        by_table.setdefault(column.table, []).append(column)
    for table, table_columns in by_table.items():
        lines += [f"## {table}", "", descriptions.get(table, ""), ""]
        if table_columns[0].grain:
            lines += [f"**Grain:** {table_columns[0].grain}", ""]
        lines += ["| column | type | unit | description |", "|---|---|---|---|"]
        lines += [
            f"| `{column.column}` | {column.data_type} | {column.unit} | "
            f"{column.description.replace('|', '/')} |"
            for column in table_columns
        ]
        lines.append("")
    path.write_text("\n".join(lines), encoding="utf-8")


def rounded_select(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """`select` of a mart with its floating columns rounded for people to read."""
    items = []
    for name, data_type in con.execute(
        "select column_name, data_type from duckdb_columns() "
        "where schema_name = 'marts' and table_name = ? order by column_index",
        [table],
    ).fetchall():
        quoted = '"' + name.replace('"', '""') + '"'
        places = column_precision(name, data_type)
        items.append(quoted if places is None else f"round({quoted}, {places}) as {quoted}")
    return f'select {", ".join(items)} from marts."{table}"'
