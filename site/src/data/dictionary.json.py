"""The data dictionary: every published table and column with its type, unit and meaning, read
from the descriptions persisted in the warehouse (the same as `placeindex describe` and the
exports' DATA_DICTIONARY files)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "loaders"))
sys.path.insert(0, str(Path(__file__).resolve().parents[3]))

from warehouse import connect, run, write_json

from ingest.dictionary import data_dictionary, mart_descriptions, table_grain


def main() -> None:
    con = connect()
    descriptions = mart_descriptions(con)
    tables = [
        {"table": name, "grain": table_grain(text), "description": text}
        for name, text in descriptions.items()
    ]
    columns = [
        {
            "table": column.table,
            "column": column.column,
            "data_type": column.data_type,
            "unit": column.unit,
            "description": column.description,
        }
        for column in data_dictionary(con)
    ]
    write_json({"tables": tables, "columns": columns})


run(main)
