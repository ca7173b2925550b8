"""Does a refresh have anything to do? Decided before Dagster, dbt or a reader is started.

The published warehouse records the sha256 of every file it was built from (`meta.source_files`)
and of the code that built it (`meta.refresh_runs.code_sha256`: the readers, catalog, suites, dbt
project and locked package versions). A refresh from a folder (or the demo) hashes the files it
would land and compares:

- nothing differs: nothing is loaded, built or published, and the published file keeps its bytes
  and its modification time;
- some sources differ: only they are landed and loaded, and only the models, checks and publish
  downstream of them run (the publish is still the whole warehouse, all or nothing);
- no warehouse yet, other code, or sources from the internet: everything runs.

A source is also refreshed when the work database holds other bytes for it than the published file
(a refresh that loaded it and then failed): otherwise those bytes would be published later beside
models that were never rebuilt from them.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from ingest.catalog import SOURCES, Source
from ingest.landing import SourceFileNotFound, files_digest, find_companions, find_in_dir
from ingest.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[1]
# What decides the warehouse's contents besides the source files. Generated or run-time folders
# (dbt's target and logs, bytecode) are left out: they change without the code changing.
CODE_PATHS = (
    "ingest",
    "expectations",
    "orchestration",
    "dbt_project",
    "pyproject.toml",
    "uv.lock",
)
NOT_CODE = {"__pycache__", "target", "logs", "dbt_packages", ".user.yml"}
# The run tag the CLI sets on a run of only the changed sources (and what depends on them), which
# it starts only when the published warehouse was built by this code.
CODE_TAG = "placeindex/code_sha256"
ABSENT = "absent"  # an optional source with no file: loaded empty, with no register row


@dataclass(frozen=True)
class RefreshPlan:
    # Why everything must run (None when the sources can be compared one by one).
    everything_because: str | None
    # source_id -> why it is refreshed
    changed: dict[str, str] = field(default_factory=dict)
    unchanged: tuple[str, ...] = ()
    published_run_id: str | None = None
    published_at: str | None = None

    @property
    def nothing_to_do(self) -> bool:
        return self.everything_because is None and not self.changed


def code_sha256(root: Path = REPO_ROOT) -> str:
    """One digest over the code that turns source files into the warehouse (path and bytes of
    each file, in path order)."""
    digest = hashlib.sha256()
    for name in CODE_PATHS:
        top = root / name
        paths = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in paths:
            relative = path.relative_to(root)
            if not path.is_file() or NOT_CODE.intersection(relative.parts):
                continue
            if path.suffix == ".pyc":
                continue
            digest.update(f"{relative.as_posix()}\0{path.stat().st_size}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


def folder_digest(source: Source, folder: Path) -> str:
    """The sha256 a landing of this source from `folder` would record (ABSENT for an optional
    source with no file there)."""
    try:
        found = find_in_dir(source, folder)
    except SourceFileNotFound:
        if source.required:
            raise
        return ABSENT
    companions = find_companions(source, source.layout_for(found.name), found)
    members = [(found, found.name), *((companion, companion.name) for companion in companions)]
    return files_digest(members)[1]


@dataclass(frozen=True)
class _Loaded:
    """What a warehouse file holds: source_id -> sha256 (ABSENT) for every raw table."""

    sources: dict[str, str]
    code_sha256: str | None = None
    run_id: str | None = None
    published_at: str | None = None


def _loaded(path: Path, *, read_only: bool) -> _Loaded:
    con = duckdb.connect(str(path), read_only=read_only)
    try:
        tables = {
            name
            for (name,) in con.execute(
                "select table_name from information_schema.tables where table_schema = 'raw'"
            ).fetchall()
        }
        shas = dict(con.execute("select source_id, sha256 from meta.source_files").fetchall())
        sources = {source_id: shas.get(source_id, ABSENT) for source_id in tables}
        columns = {
            name
            for (name,) in con.execute(
                "select column_name from information_schema.columns "
                "where table_schema = 'meta' and table_name = 'refresh_runs'"
            ).fetchall()
        }
        if "code_sha256" not in columns:
            return _Loaded(sources)
        row = con.execute(
            "select code_sha256, run_id, published_at::varchar from meta.refresh_runs "
            "order by published_at desc limit 1"
        ).fetchone()
    finally:
        con.close()
    return _Loaded(sources, *row) if row else _Loaded(sources)


def plan_refresh(
    settings: Settings, sources: tuple[Source, ...] = SOURCES, code: str | None = None
) -> RefreshPlan:
    """Call with the writer lock held: the work database is opened (and its log replayed)."""
    if settings.source_mode == "internet":
        return RefreshPlan(
            "sources come from the publishers, so each is fetched (a conditional request where "
            "the publisher sends validators) and compared as it lands"
        )
    if not settings.published_db.exists():
        return RefreshPlan("there is no published warehouse yet")
    if not settings.work_db.exists():
        return RefreshPlan(f"there is no work database ({settings.work_db})")
    try:
        published = _loaded(settings.published_db, read_only=True)
        work = _loaded(settings.work_db, read_only=False)
    except duckdb.Error as exc:
        return RefreshPlan(f"the warehouse could not be compared ({exc})")
    if published.code_sha256 is None:
        return RefreshPlan("the published warehouse does not record the code that built it")
    if published.code_sha256 != (code or code_sha256()):
        return RefreshPlan(
            "the code changed since the last publish (readers, catalog, suites, dbt models or "
            "package versions)"
        )
    folder = settings.demo_dir if settings.source_mode == "demo" else settings.from_dir
    assert folder is not None
    changed, unchanged = {}, []
    for source in sources:
        source_id = source.source_id
        try:
            now = folder_digest(source, folder)
        except SourceFileNotFound:
            # The refresh itself says which file is missing, the way it always does.
            changed[source_id] = "its file is not in the folder"
            continue
        before = published.sources.get(source_id)
        if before is None:
            changed[source_id] = "not in the published warehouse"
        elif now != before:
            changed[source_id] = (
                "its file is gone (optional)"
                if now == ABSENT
                else "now in the folder"
                if before == ABSENT
                else f"new bytes (sha256 {now[:12]}…, published {before[:12]}…)"
            )
        elif work.sources.get(source_id) != before:
            changed[source_id] = "the work database holds other bytes than the published file"
        else:
            unchanged.append(source_id)
    return RefreshPlan(
        None,
        changed,
        tuple(unchanged),
        published_run_id=published.run_id,
        published_at=published.published_at,
    )
