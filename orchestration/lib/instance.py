"""The persistent Dagster instance CLI refreshes record their runs in (DATA/dagster by default).

Dagster's SQLite event log opens a new engine, and commits with a full sync, for every one of the
~4,000 events a refresh writes (3 connections for each asset or check event): measured at 70 s on
a 73 s refresh. This storage keeps one engine per database file and syncs in WAL's NORMAL mode,
which SQLite documents as safe against corruption (a power cut can lose the last events, never
break the file). The layout on disk is Dagster's own, so `dagster dev` reads it unchanged.
"""

from __future__ import annotations

import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as db
from dagster._core.storage.event_log.sqlite.sqlite_event_log import (
    INDEX_SHARD_NAME,
    SqliteEventLogStorage,
)
from dagster._core.storage.sqlite import create_db_conn_string

WRITTEN_BY = "# Written by placeindex."
INSTANCE_YAML = """\
# Written by placeindex. One writer at a time on the work database: every asset that writes to it
# is in the pool placeindex_warehouse, limited to one step at a time; runs of the refresh job are
# limited to one at a time by their tag.
concurrency:
  pools:
    default_limit: 1
  runs:
    tag_concurrency_limits:
      - key: placeindex/writer
        limit: 1
telemetry:
  enabled: false
# Dagster's own SQLite layout (history/runs), written with one engine per file: see
# orchestration/lib/instance.py.
event_log_storage:
  module: orchestration.lib.instance
  class: PlaceindexSqliteEventLogStorage
  config:
    base_dir: {event_log_dir}
"""


MAX_OPEN_ENGINES = 16


def _set_pragmas(dbapi_connection, _record) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class PlaceindexSqliteEventLogStorage(SqliteEventLogStorage):
    def __init__(self, base_dir: str, inst_data=None):
        self._engines: dict[str, db.engine.Engine] = {}
        self._engines_lock = threading.Lock()
        self._tables_seen: set[str] = set()
        super().__init__(base_dir, inst_data=inst_data)

    @classmethod
    def from_config_value(cls, inst_data, config_value):
        return cls(inst_data=inst_data, **config_value)

    def _engine(self, shard: str) -> db.engine.Engine:
        with self._engines_lock:
            engine = self._engines.get(shard)
            if engine is None:
                # The webserver reads many runs' files over its life: keep the newest few open.
                while len(self._engines) >= MAX_OPEN_ENGINES:
                    self._engines.pop(next(iter(self._engines))).dispose()
                engine = db.create_engine(
                    create_db_conn_string(self._base_dir, shard),
                    connect_args={"timeout": 30, "check_same_thread": False},
                )
                db.event.listen(engine, "connect", _set_pragmas)
                self._engines[shard] = engine
            return engine

    @contextmanager
    def _connect(self, shard: str) -> Iterator[db.engine.Connection]:
        with self._db_lock:
            engine = self._engine(shard)
            if shard not in self._initialized_dbs:
                self._initdb(engine)
                self._initialized_dbs.add(shard)
            with engine.connect() as conn, conn.begin():
                yield conn

    def has_table(self, table_name: str) -> bool:
        # Asked before every asset check event, each time with a new engine; a table Dagster's
        # migrations created does not go away, so a yes is remembered.
        if table_name in self._tables_seen:
            return True
        engine = self._engine(INDEX_SHARD_NAME)
        with engine.connect() as conn:
            found = bool(engine.dialect.has_table(conn, table_name))
        if found:
            self._tables_seen.add(table_name)
        return found

    def dispose(self) -> None:
        super().dispose()
        with self._engines_lock:
            for engine in self._engines.values():
                engine.dispose()
            self._engines.clear()


def ensure_instance_config(dagster_home: str | os.PathLike[str]) -> None:
    """Write DAGSTER_HOME/dagster.yaml unless the user wrote their own (e.g. PostgreSQL storage):
    a file placeindex wrote earlier is brought up to date."""
    home = Path(dagster_home).resolve()
    path = home / "dagster.yaml"
    wanted = INSTANCE_YAML.format(event_log_dir=home / "history" / "runs")
    if path.exists() and (
        not path.read_text().startswith(WRITTEN_BY) or path.read_text() == wanted
    ):
        return
    home.mkdir(parents=True, exist_ok=True)
    path.write_text(wanted)


# Tags of a run the CLI started: which process on which machine ran it, so a later refresh can tell
# a run that is still going from one whose process was killed.
RUN_PID_TAG = "placeindex/pid"
RUN_HOST_TAG = "placeindex/host"


def cli_run_tags() -> dict[str, str]:
    return {RUN_PID_TAG: str(os.getpid()), RUN_HOST_TAG: socket.gethostname()}


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def fail_abandoned_runs(instance) -> list[str]:
    """Mark failed the CLI runs on this machine whose process is gone, and free their pool slots.

    A refresh killed outright never records its end: its run stays 'started' in the UI and keeps
    the one slot of the warehouse pool, so the next run would wait for it forever. Called under
    the refresh's writer lock.
    """
    import dagster as dg

    abandoned = []
    runs = instance.get_runs(
        filters=dg.RunsFilter(
            statuses=[
                dg.DagsterRunStatus.STARTED,
                dg.DagsterRunStatus.STARTING,
                dg.DagsterRunStatus.NOT_STARTED,
            ],
            tags={RUN_HOST_TAG: socket.gethostname()},
        )
    )
    for run in runs:
        pid = int(run.tags.get(RUN_PID_TAG, "0") or 0)
        if pid and _alive(pid) and pid != os.getpid():
            continue
        instance.report_run_failed(
            run,
            message=f"The refresh process (pid {pid}) ended without finishing the run "
            "(killed, or the machine stopped); marked failed by the next refresh.",
        )
        instance.event_log_storage.free_concurrency_slots_for_run(run.run_id)
        abandoned.append(run.run_id)
    return abandoned


# A refresh's events take about 15 MB of SQLite: a daily schedule would grow the instance by
# 5 GB a year. The newest runs are what the UI is read for; meta.refresh_runs keeps every publish.
KEEP_RUNS_VARIABLE = "PLACEINDEX_DAGSTER_KEEP_RUNS"
DEFAULT_KEEP_RUNS = 30


def prune_runs(instance, keep: int | None = None) -> int:
    """Delete all but the newest `keep` finished runs of the refresh job; how many went."""
    import dagster as dg
    from dagster._core.storage.dagster_run import FINISHED_STATUSES

    keep = int(os.environ.get(KEEP_RUNS_VARIABLE, DEFAULT_KEEP_RUNS)) if keep is None else keep
    if keep <= 0:
        return 0
    finished = instance.get_runs(
        filters=dg.RunsFilter(job_name="refresh", statuses=list(FINISHED_STATUSES))
    )
    for run in finished[keep:]:  # newest first
        instance.delete_run(run.run_id)
    return max(0, len(finished) - keep)
