"""The fair floor: fct_lsoa21_deprivation built the fastest plain way a competent engineer would,
from the same real files: polars reads them (fastexcel for the workbooks), DuckDB runs the model.

`python bench/floor_polars.py DATA DATABASE` reads the six files bench/floor.sql reads, hands the
frames to DuckDB as tables and runs floor.sql's modelling statements (everything from its first
model on) unchanged, so the two floors differ only in how the files are read. No checks,
provenance or orchestration.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb
import polars as pl

MODEL_START = "create or replace table lsoa11 as"


def read_files(data: Path) -> dict[str, pl.DataFrame]:
    iod = data / "iod2019"
    return {
        "file1": pl.read_excel(
            iod / "File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx", sheet_name="IMD2019"
        ),
        "file2": pl.read_csv(iod / "File_2_-_IoD2019_Domains_of_Deprivation.csv.gz"),
        "file3": pl.read_excel(
            iod / "File_3_-_IoD2019_Supplementary_Indices_-_IDACI_and_IDAOPI.xlsx",
            sheet_name="IoD2019 IDACI & IDAOPI",
        ),
        "file6": pl.read_excel(
            iod / "File_6_-_IoD2019_Population_Denominators.xlsx",
            sheet_name="Population Denominators",
        ),
        "file9": pl.read_excel(
            iod / "File_9_-_IoD2019_Transformed_Scores.xlsx",
            sheet_name="IoD2019 Transformed Scores",
        ),
        "lookup": pl.read_csv(
            data / "lookups" / "LSOA_2011_to_LSOA_2021_Lookup_E_W.csv", encoding="cp1252"
        ),
    }


def main(data: str, database: str) -> int:
    frames = read_files(Path(data))
    sql = (Path(__file__).with_name("floor.sql")).read_text()
    model = sql[sql.index(MODEL_START) :]
    con = duckdb.connect(database)
    for name, frame in frames.items():
        con.register(f"{name}_frame", frame)
        con.execute(f"create or replace table {name} as select * from {name}_frame")
    for statement in (part.strip() for part in model.split(";")):
        if statement:
            result = con.execute(statement)
    print(f"fct_lsoa21_deprivation_rows {result.fetchone()[0]}")
    con.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(*sys.argv[1:3]))
