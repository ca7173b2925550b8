"""The DuckLake settings and dates as users type them (no PostgreSQL needed)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from ingest.lake import LakeError, lake_from_env, mask_password, parse_when


def test_no_lake_unless_one_is_configured():
    assert lake_from_env({}) is None
    assert lake_from_env({"PLACEINDEX_LAKE": "  "}) is None


def test_the_lake_settings_are_read_and_the_data_folder_made_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    lake = lake_from_env(
        {
            "PLACEINDEX_LAKE": "ducklake:postgres:dbname=lake host=db.example password=s3cret",
            "PLACEINDEX_LAKE_DATA_PATH": "lake-files",
            "PLACEINDEX_LAKE_KEEP_DAYS": "365",
        }
    )
    assert lake.catalog == "postgres:dbname=lake host=db.example password=s3cret"
    assert lake.data_path == f"{tmp_path / 'lake-files'}/"
    assert lake.keep_days == 365
    assert lake.shown == "postgres:dbname=lake host=db.example password=***"
    s3 = lake_from_env(
        {"PLACEINDEX_LAKE": "postgres:dbname=lake", "PLACEINDEX_LAKE_DATA_PATH": "s3://b/p/"}
    )
    assert s3.data_path == "s3://b/p/" and s3.keep_days is None


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"PLACEINDEX_LAKE": "sqlite:lake.db"},
            (
                "PLACEINDEX_LAKE='sqlite:lake.db': expected a DuckLake catalog in PostgreSQL, "
                "postgres:dbname=NAME host=HOST [port=PORT user=USER]"
            ),
        ),
        (
            {"PLACEINDEX_LAKE": "postgres:dbname=lake", "PLACEINDEX_LAKE_KEEP_DAYS": "a year"},
            (
                "PLACEINDEX_LAKE_KEEP_DAYS='a year': expected a whole number of days above 0 "
                "(unset keeps every release)"
            ),
        ),
    ],
)
def test_bad_lake_settings_say_what_was_expected(env, message):
    with pytest.raises(LakeError) as raised:
        lake_from_env(env)
    assert str(raised.value) == message


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        (
            'Unable to connect to Postgres at "dbname=x password=hunter2": refused',
            'Unable to connect to Postgres at "dbname=x password=***": refused',
        ),
        ("dbname=x password='hunter 2' host=h", "dbname=x password=*** host=h"),
        (
            "postgresql://placeindex:hunter2@127.0.0.1:1/lake",
            "postgresql://placeindex:***@127.0.0.1:1/lake",
        ),
    ],
)
def test_a_password_in_an_error_is_masked(text, masked):
    assert mask_password(text) == masked


def test_as_of_a_date_means_by_the_end_of_that_day_utc():
    assert parse_when("2026-03-03") == datetime(2026, 3, 3, 23, 59, 59, 999999, tzinfo=UTC)
    # A time means the whole of the minute or second it names, as `placeindex releases` prints it.
    assert parse_when("2026-03-03T09:30") == datetime(2026, 3, 3, 9, 30, 59, 999999, tzinfo=UTC)
    assert parse_when("2026-03-03T09:30:15+00:00") == datetime(
        2026, 3, 3, 9, 30, 15, 999999, tzinfo=UTC
    )
    assert parse_when("2026-03-03T09:30+01:00") == datetime(
        2026, 3, 3, 8, 30, 59, 999999, tzinfo=UTC
    )
    assert parse_when("2026-03-03 09:30:15.250000") == datetime(
        2026, 3, 3, 9, 30, 15, 250000, tzinfo=UTC
    )
    # Expiring "before" a date or time starts where it starts.
    assert parse_when("2026-03-03", end=False) == datetime(2026, 3, 3, tzinfo=UTC)
    assert parse_when("2026-03-03T09:30", end=False) == datetime(2026, 3, 3, 9, 30, tzinfo=UTC)
    with pytest.raises(LakeError, match=r"--as-of '3 March': expected a date \(2026-03-03\)"):
        parse_when("3 March")


def test_a_refresh_with_an_unreachable_lake_stops_before_any_work(tmp_path, monkeypatch, capsys):
    from orchestration import cli
    from tests.postgres.cluster import free_port

    port = free_port()  # closed once found: nothing listens there
    monkeypatch.setenv(
        "PLACEINDEX_LAKE", f"postgres:dbname=lake host=127.0.0.1 port={port} password=hunter2"
    )
    monkeypatch.setenv("PLACEINDEX_LAKE_DATA_PATH", str(tmp_path / "lake"))
    code = cli.main(["--home", str(tmp_path / "home"), "refresh", "--from-dir", str(tmp_path)])
    assert code == cli.EXIT_FAILED
    err = capsys.readouterr().err
    assert err.startswith(
        f"placeindex refresh: lake postgres:dbname=lake host=127.0.0.1 port={port} "
        "password=***: could not attach it:"
    )
    assert "hunter2" not in err
    assert not (tmp_path / "home" / "placeindex.duckdb").exists()
