"""The expectations every raw table gets from its catalog entry: what the catalog already says.

A suite file (`suites/<source_id>.json`) holds only the value rules the catalog cannot say (ranges,
patterns, category sets, not-null). What it can say is built here and checked by Great Expectations
in the same run, before the value rules:
- each catalog column exists;
- the catalog's key is unique (unless the entry says `key_unique = false`: a published file whose
  natural key repeats, its notes say where);
- the row count the publisher fixes (`expected_rows`, less the rows the reader rejects), flagged as
  a publisher row count so that synthetic demo files, which are smaller, skip it.
"""

from __future__ import annotations

from typing import Any

from ingest.catalog import Source

PUBLISHER_ROW_COUNT = "publisher_row_count"


def structural_expectations(source: Source) -> list[dict[str, Any]]:
    """The catalog's expectations for `raw.<source_id>`, as GX 1.x expectation dicts."""
    expectations: list[dict[str, Any]] = [
        {"type": "expect_column_to_exist", "kwargs": {"column": column.header}}
        for column in source.columns
    ]
    if source.key_unique:
        if len(source.key) == 1:
            expectations.append(
                {"type": "expect_column_values_to_be_unique", "kwargs": {"column": source.key[0]}}
            )
        else:
            expectations.append(
                {
                    "type": "expect_compound_columns_to_be_unique",
                    "kwargs": {"column_list": list(source.key)},
                }
            )
    if source.expected_rows is not None:
        rows = source.expected_rows - source.rows_rejected
        notes = f"fixed by the publisher: {source.geography}"
        if source.rows_rejected:
            notes += (
                f"; {source.expected_rows:,} in the file, of which the reader rejects "
                f"{source.rows_rejected:,} (they are in meta.rejected_rows)"
            )
        expectations.append(
            {
                "type": "expect_table_row_count_to_equal",
                "kwargs": {"value": rows},
                "meta": {PUBLISHER_ROW_COUNT: True, "notes": notes},
            }
        )
    return expectations
