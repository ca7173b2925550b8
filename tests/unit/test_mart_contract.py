"""Numbers that read the same in every table: one naming rule for districts and one for units,
checked over every mart's YAML (the contract each published table is built to)."""

from __future__ import annotations

import re

import pytest
import yaml

from tests.conftest import REPO_ROOT

MART_YAMLS = sorted((REPO_ROOT / "dbt_project/models/marts").rglob("*.yml"))
MARTS = {
    model["name"]: model
    for path in MART_YAMLS
    for model in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("models", [])
}
DISTRICT_COLUMNS = ("lad23_code", "lad23_name", "lad24_code", "lad24_name")


def _columns(model: dict) -> list[str]:
    return [column["name"] for column in model.get("columns", [])]


def _is_lsoa_grain(model: dict) -> bool:
    """One row per LSOA 2021: its lsoa21_code column is tested unique."""
    for column in model.get("columns", []):
        if column["name"] == "lsoa21_code":
            return any(test == "unique" for test in column.get("data_tests", []))
    return False


LSOA_GRAIN = sorted(name for name, model in MARTS.items() if _is_lsoa_grain(model))


def test_the_lsoa_grain_marts_are_found():
    assert {"dim_lsoa21", "fct_lsoa21_deprivation", "fct_lsoa21_pressures"} <= set(LSOA_GRAIN)
    assert len(LSOA_GRAIN) >= 10


@pytest.mark.parametrize("mart", LSOA_GRAIN)
def test_every_lsoa_grain_mart_carries_the_2023_and_2024_districts(mart):
    columns = _columns(MARTS[mart])
    assert set(DISTRICT_COLUMNS) <= set(columns), mart
    if mart != "dim_lsoa21":  # the geography spine holds every vintage; the facts these two
        vintages = {c for c in columns if re.fullmatch(r"lad\d\d_(code|name)", c)}
        assert vintages == set(DISTRICT_COLUMNS), (mart, vintages)


@pytest.mark.parametrize("mart", sorted(MARTS))
def test_units_are_named_by_one_rule(mart):
    for column in _columns(MARTS[mart]):
        # 0-1 shares end in _share (the IoD's published proportions too), 0-100 in _pct, changes
        # in percentage points in _pp: never "proportion", never a share and a percent at once.
        assert "proportion" not in column, (mart, column)
        assert not column.endswith("_share_pct"), (mart, column)
        assert not re.search(r"_(percent|perc|ratio)$", column), (mart, column)


@pytest.mark.parametrize("mart", sorted(MARTS))
def test_every_mart_and_column_is_described(mart):
    model = MARTS[mart]
    assert (model.get("description") or "").strip(), mart
    undescribed = [c["name"] for c in model.get("columns", []) if not c.get("description")]
    assert not undescribed, (mart, undescribed)


CONSTRAINED = [
    (mart, column["name"], column["data_type"], constraint)
    for mart, model in MARTS.items()
    for column in model.get("columns", [])
    for constraint in column.get("constraints", [])
]


def test_constraints_are_only_on_marts_whose_contract_duckdb_enforces():
    assert len(CONSTRAINED) > 300
    for mart, column, _, _ in CONSTRAINED:
        assert MARTS[mart]["config"]["contract"]["enforced"] is True, (mart, column)


@pytest.mark.parametrize(
    "mart, column, data_type, constraint",
    [c for c in CONSTRAINED if c[3]["type"] == "check"],
    ids=lambda value: value if isinstance(value, str) and " " not in value else "",
)
def test_a_check_constraint_is_about_its_own_column_and_refuses_a_bad_value(
    mart, column, data_type, constraint
):
    """Each CHECK names its own column only, and DuckDB enforces it as written: a value that
    breaks it is refused with the mart's expression in the message, a null passes (as the dbt
    tests they replaced let nulls pass; not_null says otherwise where it matters)."""
    import duckdb

    expression = constraint["expression"]
    code = re.sub(r"'(?:[^']|'')*'", "''", expression)  # without its string literals
    names = set(re.findall(r"\b[a-z][a-z0-9_]*\b", code)) - {"and", "or", "in", "not"}
    assert names == {column}, (mart, expression)
    con = duckdb.connect()
    con.execute(f"create table t ({column} {data_type} check ({expression}))")
    con.execute("insert into t values (null)")
    if data_type == "varchar":
        candidates = ["'not one of them'"]
    elif data_type in ("integer", "bigint", "smallint"):
        candidates = ["-32768", "32767"]
    else:
        candidates = ["-1e300", "1e300"]
    refused = []
    for bad in candidates:
        try:
            con.execute(f"insert into t values ({bad})")
        except duckdb.ConstraintException as exc:
            refused.append(str(exc))
    assert refused, (mart, expression)
    assert all("CHECK constraint failed on table t" in message for message in refused)
