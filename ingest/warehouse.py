"""Loading raw tables into the work DuckDB file, with their provenance.

What belongs here: `raw.<source_id>` tables (the reader's frame plus provenance columns) and the
`meta.source_files` register. A raw table is replaced in one transaction with its register row, so a
failed load leaves the previous table and its provenance together. Modelling is dbt's job.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import duckdb
import polars as pl

from ingest.catalog import DUCKDB_TYPES, PROVENANCE_COLUMNS, ROW_NUMBER, Source
from ingest.landing import Provenance, now_utc

META_SOURCE_FILES_DDL = """
create schema if not exists meta;
create table if not exists meta.source_files (
    source_id varchar primary key,
    title varchar,
    publisher varchar,
    url varchar,
    origin varchar,
    file_name varchar,
    sha256 varchar,
    bytes bigint,
    etag varchar,
    last_modified varchar,
    fetched_at timestamptz,
    loaded_at timestamptz,
    licence varchar,
    attribution varchar,
    vintage varchar,
    rows_loaded bigint,
    synthetic boolean
);
-- Added after the first release: older work databases gain the column on their next load.
alter table meta.source_files add column if not exists rows_rejected bigint default 0;
-- Every file landed (JSON: file_name, sha256, bytes), the main file first: a file read with its
-- companions (a shapefile's .dbf, .shx, ...) has one sha256 per file and the set's in sha256.
alter table meta.source_files add column if not exists files varchar;
create table if not exists meta.rejected_rows (
    source_id varchar,
    file_name varchar,
    row_number bigint,
    column_name varchar,
    value varchar,
    reason varchar,
    loaded_at timestamptz
);
"""
# Readers that apply a standard's rules row by row (360Giving grants) keep every row and mark the
# ones that break a rule in these columns; the loader sends those rows to meta.rejected_rows.
REJECT_COLUMNS = ("_reject_column", "_reject_value", "_reject_reason")


# DuckDB's memory_limit ('4GB') for the refresh's connections to the work database, here and in the
# dbt profile (dbt_project/profiles.yml): a refresh can be held to less than the machine has.
MEMORY_LIMIT_VARIABLE = "PLACEINDEX_DUCKDB_MEMORY_LIMIT"


def duckdb_config() -> dict[str, str]:
    """The DuckDB settings every refresh connection gets; none unless the environment sets one."""
    limit = os.environ.get(MEMORY_LIMIT_VARIABLE, "").strip()
    return {"memory_limit": limit} if limit else {}


def connect(path: Path, *, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    if not read_only:
        path.parent.mkdir(parents=True, exist_ok=True)
    return duckdb.connect(str(path), read_only=read_only, config=duckdb_config())


def ensure_meta(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(META_SOURCE_FILES_DDL)


def loaded_sha256(con: duckdb.DuckDBPyConnection, source_id: str) -> str | None:
    """The sha256 of the file behind `raw.<source_id>`, if that table is there."""
    ensure_meta(con)
    exists = con.execute(
        "select count(*) from information_schema.tables where table_schema = 'raw' "
        "and table_name = ?",
        [source_id],
    ).fetchone()[0]
    if not exists:
        return None
    row = con.execute(
        "select sha256 from meta.source_files where source_id = ?", [source_id]
    ).fetchone()
    return row[0] if row else None


def load_raw(con: duckdb.DuckDBPyConnection, frame: pl.DataFrame, provenance: Provenance) -> int:
    """Replace `raw.<source_id>` with `frame` and register its provenance; returns rows loaded.

    Rows a reader marked as rejected go to `meta.rejected_rows` instead, in the same transaction,
    so a file's accepted and rejected rows always add up to its rows.
    """
    loaded_at = now_utc()
    rejected = frame.head(0)
    if "_reject_reason" in frame.columns:
        is_rejected = pl.col("_reject_reason").is_not_null()
        rejected = frame.filter(is_rejected)
        frame = frame.filter(~is_rejected).drop(*REJECT_COLUMNS)
    table = frame.with_columns(
        pl.lit(provenance.sha256).alias("_source_sha256"),
        pl.lit(loaded_at).str.to_datetime(time_zone="UTC").alias("_loaded_at"),
    )
    ensure_meta(con)
    con.execute("begin transaction")
    try:
        con.execute("create schema if not exists raw")
        con.register("_incoming_frame", table.to_arrow())
        con.execute(
            f'create or replace table raw."{provenance.source_id}" as select * from _incoming_frame'
        )
        con.unregister("_incoming_frame")
        con.execute("delete from meta.source_files where source_id = ?", [provenance.source_id])
        con.execute(
            "insert into meta.source_files (source_id, title, publisher, url, origin, file_name, "
            "sha256, bytes, etag, last_modified, fetched_at, loaded_at, licence, attribution, "
            "vintage, rows_loaded, synthetic, rows_rejected, files) "
            "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                provenance.source_id,
                provenance.title,
                provenance.publisher,
                provenance.url,
                provenance.origin,
                provenance.file_name,
                provenance.sha256,
                provenance.bytes,
                provenance.etag,
                provenance.last_modified,
                provenance.fetched_at,
                loaded_at,
                provenance.licence,
                provenance.attribution,
                provenance.vintage,
                frame.height,
                provenance.synthetic,
                rejected.height,
                json.dumps(list(provenance.files)) if provenance.files else None,
            ],
        )
        con.execute("delete from meta.rejected_rows where source_id = ?", [provenance.source_id])
        if rejected.height:
            rows = rejected.select(
                pl.lit(provenance.source_id).alias("source_id"),
                pl.lit(provenance.file_name).alias("file_name"),
                pl.col("_row_number").alias("row_number"),
                pl.col("_reject_column").alias("column_name"),
                pl.col("_reject_value").cast(pl.String).alias("value"),
                pl.col("_reject_reason").alias("reason"),
                pl.lit(loaded_at).str.to_datetime(time_zone="UTC").alias("loaded_at"),
            )
            con.register("_rejected_frame", rows.to_arrow())
            con.execute("insert into meta.rejected_rows select * from _rejected_frame")
            con.unregister("_rejected_frame")
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return frame.height


def read_table(con: duckdb.DuckDBPyConnection, source_id: str) -> pl.DataFrame:
    return con.execute(f'select * from raw."{source_id}"').pl()


def load_absent(con: duckdb.DuckDBPyConnection, source: Source) -> None:
    """An optional source with no file this time: an empty `raw.<source_id>` and no register row.

    Downstream models then see no rows rather than a missing table, and no provenance is claimed
    for a file that was not read.
    """
    columns = ", ".join(
        [f"{ROW_NUMBER} bigint"]
        + [f'"{column.header}" {DUCKDB_TYPES[column.dtype]}' for column in source.columns]
        + [f"{name} {data_type}" for name, data_type in PROVENANCE_COLUMNS]
    )
    ensure_meta(con)
    con.execute("begin transaction")
    try:
        con.execute("create schema if not exists raw")
        con.execute(f'create or replace table raw."{source.source_id}" ({columns})')
        con.execute("delete from meta.source_files where source_id = ?", [source.source_id])
        con.execute("delete from meta.rejected_rows where source_id = ?", [source.source_id])
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise


def install_extension(name: str) -> None:
    """Install a DuckDB extension from its PyPI wheel (duckdb-extension-<name>), never the network.

    DuckDB would download an extension on first use; this machine-independent copy is installed
    into the user's DuckDB extension folder, where any later connection (dbt's too) can LOAD it.
    """
    from duckdb_extensions import import_extension

    con = duckdb.connect()
    try:
        import_extension(name, con=con)
    finally:
        con.close()
