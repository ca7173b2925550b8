"""PLACEINDEX_DUCKDB_MEMORY_LIMIT reaches both kinds of connection a refresh opens to the work
database: the loads' (`ingest.warehouse.connect`) and dbt's (the profile's `settings`, set on each
cursor dbt-duckdb opens). Unset, neither sets a limit, so DuckDB's default stands."""

from __future__ import annotations

import os
from argparse import Namespace
from pathlib import Path

import duckdb
import pytest
from dbt.adapters.duckdb.environments import Environment
from dbt.config.profile import Profile, read_profile
from dbt.config.renderer import ProfileRenderer
from dbt.flags import set_from_args
from dbt_common.context import set_invocation_context

from ingest import warehouse
from orchestration.lib.dbt_project import DBT_PROJECT_DIR

VARIABLE = warehouse.MEMORY_LIMIT_VARIABLE


def _limit(con: duckdb.DuckDBPyConnection) -> str:
    return con.execute("select current_setting('memory_limit')").fetchone()[0]


def _dbt_limit(path: Path) -> tuple[dict[str, str], str]:
    """The settings dbt renders from the project's profile, and the limit a dbt cursor has."""
    set_from_args(Namespace(), None)
    set_invocation_context(dict(os.environ))
    profile = Profile.from_raw_profiles(
        raw_profiles=read_profile(str(DBT_PROJECT_DIR)),
        profile_name="placeindex",
        renderer=ProfileRenderer({}),
    )
    credentials = profile.credentials
    credentials.path = str(path)
    con = Environment.initialize_db(credentials)
    try:
        cursor = con.cursor()
        Environment.initialize_cursor(credentials, cursor)
        return dict(credentials.settings or {}), _limit(cursor)
    finally:
        con.close()


def test_unset_leaves_duckdbs_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(VARIABLE, raising=False)
    default = _limit(duckdb.connect())
    con = warehouse.connect(tmp_path / "work.duckdb")
    try:
        assert _limit(con) == default
    finally:
        con.close()
    assert _dbt_limit(tmp_path / "dbt.duckdb") == ({}, default)


def test_the_limit_reaches_the_loads_and_dbt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(VARIABLE, "4GB")
    con = warehouse.connect(tmp_path / "work.duckdb")
    try:
        # 4 GB is 4 * 10^9 bytes, which DuckDB shows in GiB.
        assert _limit(con) == "3.7 GiB"
    finally:
        con.close()
    assert _dbt_limit(tmp_path / "dbt.duckdb") == ({"memory_limit": "4GB"}, "3.7 GiB")
