"""Write-audit-publish: atomic swap, a failed publish changes nothing, readers are never blocked."""

from __future__ import annotations

import errno
from pathlib import Path

import duckdb
import pytest

from ingest.errors import PlaceindexError
from ingest.publish import publish


def _work_db(path, rows: int):
    con = duckdb.connect(str(path))
    con.execute("create schema marts; create schema meta")
    con.execute(f"create table marts.dim_lsoa21 as select range as n from range({rows})")
    con.execute("create table meta.source_files as select 1 as x")
    con.close()


def test_publish_swaps_in_a_copy_and_records_the_run(tmp_path):
    work, published = tmp_path / "work.duckdb", tmp_path / "placeindex.duckdb"
    _work_db(work, 7)
    summary = publish(work, published, run_id="r1", source_mode="demo")
    assert summary.tables["marts.dim_lsoa21"] == 7
    con = duckdb.connect(str(published), read_only=True)
    assert con.execute("select run_id, tables_published from meta.refresh_runs").fetchall() == [
        ("r1", 1)
    ]
    con.close()
    assert not list(tmp_path.glob("*.part"))


def test_each_publish_keeps_the_runs_published_before_it(tmp_path):
    work, published = tmp_path / "work.duckdb", tmp_path / "placeindex.duckdb"
    _work_db(work, 2)
    for run_id in ("r1", "r2", "r3"):
        publish(work, published, run_id=run_id, source_mode="demo")
    con = duckdb.connect(str(published), read_only=True)
    assert con.execute("select run_id from meta.refresh_runs order by published_at").fetchall() == [
        ("r1",),
        ("r2",),
        ("r3",),
    ]
    con.close()


def test_failed_publish_leaves_the_published_file_byte_identical(tmp_path):
    work, published = tmp_path / "work.duckdb", tmp_path / "placeindex.duckdb"
    _work_db(work, 3)
    publish(work, published, run_id="good", source_mode="demo")
    before = published.read_bytes()
    with pytest.raises(PlaceindexError, match=r"lacks \['marts.fct_lsoa21_deprivation'\]"):
        publish(
            work,
            published,
            run_id="bad",
            source_mode="demo",
            required_tables=("marts.fct_lsoa21_deprivation",),
        )
    assert published.read_bytes() == before
    assert not list(tmp_path.glob("*.part"))


def test_reader_keeps_its_snapshot_while_a_new_file_is_published(tmp_path):
    work, published = tmp_path / "work.duckdb", tmp_path / "placeindex.duckdb"
    _work_db(work, 3)
    publish(work, published, run_id="one", source_mode="demo")
    reader = duckdb.connect(str(published), read_only=True)
    _work_db(tmp_path / "work2.duckdb", 5)
    publish(tmp_path / "work2.duckdb", published, run_id="two", source_mode="demo")
    # The open reader still sees the file it opened; a new reader sees the new one.
    assert reader.execute("select count(*) from marts.dim_lsoa21").fetchone()[0] == 3
    reader.close()
    fresh = duckdb.connect(str(published), read_only=True)
    assert fresh.execute("select count(*) from marts.dim_lsoa21").fetchone()[0] == 5
    fresh.close()


def test_a_full_disk_at_publish_is_said_as_such_and_keeps_the_last_good_file(tmp_path, monkeypatch):
    work, published = tmp_path / "work.duckdb", tmp_path / "placeindex.duckdb"
    _work_db(work, 3)
    publish(work, published, run_id="good", source_mode="demo")
    before = published.read_bytes()

    def full_disk(source, target):
        Path(target).write_bytes(b"half a copy")
        raise OSError(errno.ENOSPC, "No space left on device", str(target))

    monkeypatch.setattr("ingest.publish.shutil.copyfile", full_disk)
    with pytest.raises(PlaceindexError) as raised:
        publish(work, published, run_id="full", source_mode="demo")
    message = str(raised.value)
    assert message.startswith(f"publish: out of disk space in {tmp_path} while copying the work")
    assert message.endswith(
        "Nothing was published. Free some space, or set PLACEINDEX_HOME to a folder on a larger "
        "disk."
    )
    # Raised without `from`, so the refresh prints this message rather than the bare OSError.
    assert raised.value.__cause__ is None
    assert published.read_bytes() == before
    # The half copy is gone: the space it took is free again.
    assert sorted(path.name for path in tmp_path.iterdir()) == ["placeindex.duckdb", "work.duckdb"]
