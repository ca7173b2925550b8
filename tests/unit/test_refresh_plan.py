"""What a refresh has to do, decided from the files' sha256 and the code's, before anything runs."""

from __future__ import annotations

import shutil
from pathlib import Path

import duckdb
import pytest

from ingest.catalog import get_source
from ingest.refresh_plan import ABSENT, code_sha256, folder_digest, plan_refresh
from ingest.settings import Settings
from tests.conftest import real_source_file

# Two required sources and an optional one, each a single real file.
LOOKUP, RURALITY, OPTIONAL = (
    get_source("ons__imd2019_lookup"),
    get_source("ons__ruc21_lsoa21"),
    get_source("mhclg__iod2019_file7"),
)
CODE = "c0de" * 16


def _warehouse(path: Path, shas: dict[str, str], code: str | None = CODE) -> None:
    """A warehouse file as a publish leaves it: raw tables, their register rows, the last run."""
    con = duckdb.connect(str(path))
    con.execute("create schema raw; create schema meta")
    con.execute("create table meta.source_files (source_id varchar, sha256 varchar)")
    for source_id, sha in shas.items():
        con.execute(f'create table raw."{source_id}" (x integer)')
        if sha != ABSENT:
            con.execute("insert into meta.source_files values (?, ?)", [source_id, sha])
    con.execute(
        "create table meta.refresh_runs (run_id varchar, published_at timestamptz"
        + (", code_sha256 varchar)" if code is not None else ")")
    )
    values = "('run-1', '2026-12-01 10:00:00+00'" + (f", '{code}')" if code else ")")
    con.execute(f"insert into meta.refresh_runs values {values}")
    con.close()


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A source folder holding the two required sources' real files (the optional one absent)."""
    sources = tmp_path / "sources"
    sources.mkdir()
    for source in (LOOKUP, RURALITY):
        shutil.copyfile(real_source_file(source), sources / source.file_names[0])
    return sources


def _settings(tmp_path: Path, folder: Path) -> Settings:
    settings = Settings(home=tmp_path / "home", from_dir=folder)
    settings.work_db.parent.mkdir(parents=True)
    return settings


def _published(settings: Settings, folder: Path, **override: str) -> dict[str, str]:
    shas = {
        LOOKUP.source_id: folder_digest(LOOKUP, folder),
        RURALITY.source_id: folder_digest(RURALITY, folder),
        OPTIONAL.source_id: ABSENT,
        **override,
    }
    _warehouse(settings.published_db, shas)
    _warehouse(settings.work_db, shas)
    return shas


def test_same_files_and_code_have_nothing_to_do(tmp_path, folder):
    settings = _settings(tmp_path, folder)
    _published(settings, folder)
    plan = plan_refresh(settings, (LOOKUP, RURALITY, OPTIONAL), code=CODE)
    assert plan.nothing_to_do
    assert plan.unchanged == (LOOKUP.source_id, RURALITY.source_id, OPTIONAL.source_id)
    assert (plan.published_run_id, plan.published_at) == ("run-1", "2026-12-01 10:00:00+00")


def test_a_file_with_new_bytes_is_the_only_source_refreshed(tmp_path, folder):
    settings = _settings(tmp_path, folder)
    _published(settings, folder)
    path = folder / RURALITY.file_names[0]
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    plan = plan_refresh(settings, (LOOKUP, RURALITY, OPTIONAL), code=CODE)
    assert list(plan.changed) == [RURALITY.source_id]
    assert plan.changed[RURALITY.source_id].startswith("new bytes (sha256 ")
    assert plan.unchanged == (LOOKUP.source_id, OPTIONAL.source_id)


def test_bytes_loaded_by_a_failed_refresh_are_refreshed(tmp_path, folder):
    """The work database holds a file the published one does not: it must be reloaded (and its
    models rebuilt), not published later beside models never built from it."""
    settings = _settings(tmp_path, folder)
    shas = _published(settings, folder)
    settings.work_db.unlink()
    _warehouse(settings.work_db, {**shas, LOOKUP.source_id: "f" * 64})
    plan = plan_refresh(settings, (LOOKUP, RURALITY, OPTIONAL), code=CODE)
    assert plan.changed == {
        LOOKUP.source_id: "the work database holds other bytes than the published file"
    }


def test_an_optional_file_that_appears_or_a_new_source_is_refreshed(tmp_path, folder):
    settings = _settings(tmp_path, folder)
    _published(settings, folder)
    shutil.copyfile(real_source_file(OPTIONAL), folder / OPTIONAL.file_names[0])
    new_source = get_source("ons__lsoa21_ward24_lad24")
    shutil.copyfile(real_source_file(new_source), folder / new_source.file_names[0])
    plan = plan_refresh(settings, (LOOKUP, RURALITY, OPTIONAL, new_source), code=CODE)
    assert plan.changed == {
        OPTIONAL.source_id: "now in the folder",
        new_source.source_id: "not in the published warehouse",
    }


def test_a_missing_required_file_goes_to_the_refresh_to_report(tmp_path, folder):
    settings = _settings(tmp_path, folder)
    _published(settings, folder)
    (folder / LOOKUP.file_names[0]).unlink()
    plan = plan_refresh(settings, (LOOKUP, RURALITY, OPTIONAL), code=CODE)
    assert plan.changed == {LOOKUP.source_id: "its file is not in the folder"}


@pytest.mark.parametrize(
    ("setup", "because"),
    [
        ("other code", "the code changed since the last publish"),
        ("no code recorded", "the published warehouse does not record the code that built it"),
        ("no warehouse", "there is no published warehouse yet"),
        ("internet", "sources come from the publishers"),
    ],
)
def test_everything_runs_when_the_files_cannot_be_compared(tmp_path, folder, setup, because):
    settings = _settings(tmp_path, folder)
    _published(settings, folder)
    code = CODE
    if setup == "other code":
        code = "d" * 64
    elif setup == "no code recorded":
        settings.published_db.unlink()
        _warehouse(settings.published_db, {LOOKUP.source_id: "x"}, code=None)
    elif setup == "no warehouse":
        settings.published_db.unlink()
    elif setup == "internet":
        settings = Settings(home=settings.home)
    plan = plan_refresh(settings, (LOOKUP, RURALITY, OPTIONAL), code=code)
    assert plan.everything_because.startswith(because)
    assert not plan.nothing_to_do


def test_code_digest_follows_the_code_and_not_what_runs_leave(tmp_path):
    root = tmp_path / "repo"
    (root / "dbt_project" / "models").mkdir(parents=True)
    (root / "ingest").mkdir()
    (root / "dbt_project" / "models" / "m.sql").write_text("select 1")
    (root / "ingest" / "reader.py").write_text("X = 1\n")
    first = code_sha256(root)
    # dbt's target, logs and bytecode change on every run without the code changing.
    for generated in ("dbt_project/target/manifest.json", "ingest/__pycache__/reader.pyc"):
        (root / generated).parent.mkdir(parents=True, exist_ok=True)
        (root / generated).write_text("{}")
    assert code_sha256(root) == first
    (root / "dbt_project" / "models" / "m.sql").write_text("select 2")
    assert code_sha256(root) != first
