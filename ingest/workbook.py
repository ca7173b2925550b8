"""The published marts as one Excel workbook: a README sheet (provenance, licences, what each sheet
holds), a dictionary sheet, then one sheet per mart with its values rounded for reading
(ingest.dictionary). Written row by row (xlsxwriter's constant-memory mode), so a workbook of
millions of cells never sits in memory.
"""

from __future__ import annotations

import datetime as dt
import decimal
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

import duckdb

from ingest.dictionary import DICTIONARY_FIELDS, data_dictionary, rounded_select, table_grain
from ingest.settings import PUBLISHED_MODE

EXCEL_MAX_ROWS = 1_048_576  # header included
SHEET_NAME_MAX = 31
BATCH_ROWS = 10_000


def sheet_names(tables: Sequence[str]) -> dict[str, str]:
    """Table -> a unique Excel sheet name (at most 31 characters; `fct_` dropped when too long)."""
    names: dict[str, str] = {}
    taken = {"README", "dictionary"}
    for table in tables:
        name = table if len(table) <= SHEET_NAME_MAX else table.removeprefix("fct_")
        name = name[:SHEET_NAME_MAX]
        stem, counter = name, 2
        while name in taken:
            suffix = f"_{counter}"
            name = stem[: SHEET_NAME_MAX - len(suffix)] + suffix
            counter += 1
        taken.add(name)
        names[table] = name
    return names


def _cell(value):
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, list | tuple):
        return "; ".join("" if item is None else str(item) for item in value)
    if isinstance(value, dict):
        return "; ".join(f"{key}: {item}" for key, item in value.items())
    return value


def write_workbook(
    con: duckdb.DuckDBPyConnection,
    path: Path,
    *,
    lineage: Mapping[str, list[tuple[str, str | None]]] | None,
) -> dict[str, int]:
    """Write every mart to `path` (atomically); return table -> rows written."""
    import xlsxwriter

    tables = [
        row[0]
        for row in con.execute(
            "select table_name from duckdb_tables() where schema_name = 'marts' order by 1"
        ).fetchall()
    ]
    counts = {
        table: con.execute(f'select count(*) from marts."{table}"').fetchone()[0]
        for table in tables
    }
    descriptions = dict(
        con.execute(
            "select table_name, comment from duckdb_tables() where schema_name = 'marts'"
        ).fetchall()
    )
    licences = _licences(con)
    run = con.execute(
        "select run_id, published_at, source_mode from meta.refresh_runs "
        "order by published_at desc limit 1"
    ).fetchone()
    synthetic = con.execute(
        "select coalesce(bool_or(synthetic), false) from meta.source_files"
    ).fetchone()[0]
    names = sheet_names(tables)

    tmp = path.with_name(f".{path.name}.part")
    workbook = xlsxwriter.Workbook(
        str(tmp),
        {
            "constant_memory": True,
            "strings_to_numbers": False,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "nan_inf_to_errors": True,
        },
    )
    bold = workbook.add_format({"bold": True})
    try:
        readme = workbook.add_worksheet("README")
        readme_rows: list[list] = [
            ["placeindex: neighbourhood indicators for England and Wales"],
            ["Published", _cell(run[1]) if run else ""],
            ["Refresh run", run[0] if run else ""],
            ["Sources", run[2] if run else ""],
            [
                "Synthetic data",
                "YES: made-up demo data, not official statistics" if synthetic else "no",
            ],
            [
                "Precision",
                (
                    "Values are rounded for reading: 2 decimals for percentages, pounds, rates "
                    "and distances, 6 for coordinates, 4 otherwise. The parquet export keeps "
                    "full precision."
                ),
            ],
            [
                "Licences",
                (
                    "Each sheet's sources and their licences and attribution are listed below; "
                    "reuse must keep the attribution (Open Government Licence, CC BY 4.0, ODbL)."
                ),
            ],
            [],
            [
                "sheet",
                "table",
                "rows",
                "grain",
                "description",
                "sources",
                "licences",
                "attribution",
            ],
        ]
        for table in tables:
            sources = (lineage or {}).get(table, [])
            source_ids = [source_id for source_id, _ in sources]
            readme_rows.append(
                [
                    names[table] if counts[table] < EXCEL_MAX_ROWS else "(too many rows: parquet)",
                    table,
                    counts[table],
                    table_grain(descriptions.get(table)),
                    " ".join((descriptions.get(table) or "").split()),
                    ", ".join(source_ids),
                    " | ".join(dict.fromkeys(licences[s] for s in source_ids if licences.get(s))),
                    " | ".join(dict.fromkeys(text.strip() for _, text in sources if text)),
                ]
            )
        for index, row in enumerate(readme_rows):
            readme.write_row(index, 0, row, bold if index in (0, 8) else None)

        dictionary = workbook.add_worksheet("dictionary")
        dictionary.write_row(0, 0, DICTIONARY_FIELDS, bold)
        for index, column in enumerate(data_dictionary(con), start=1):
            dictionary.write_row(index, 0, [getattr(column, name) for name in DICTIONARY_FIELDS])

        written: dict[str, int] = {}
        for table in tables:
            if counts[table] >= EXCEL_MAX_ROWS:
                continue
            sheet = workbook.add_worksheet(names[table])
            result = con.execute(rounded_select(con, table))
            sheet.write_row(0, 0, [column[0] for column in result.description], bold)
            row_index = 1
            while batch := result.fetchmany(BATCH_ROWS):
                for row in batch:
                    sheet.write_row(row_index, 0, [_cell(value) for value in row])
                    row_index += 1
            written[table] = row_index - 1
        workbook.close()
        os.chmod(tmp, PUBLISHED_MODE)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
    return written


def _licences(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return {
        source_id: " ".join((licence or "").split())
        for source_id, licence in con.execute(
            "select source_id, any_value(licence) from meta.source_files group by source_id"
        ).fetchall()
    }
