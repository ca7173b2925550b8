"""A refresh run as users run it (`placeindex refresh` in its own process), watched from outside.

The fault tests kill it, starve it of disk or read beside it; nothing in the product knows it is
under test. Each line the refresh prints is kept with the time it arrived, so a kill can be placed
after the N-th line, or after a file appears, plus a delay.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from orchestration.lib.dbt_project import ensure_manifest, published_marts

VENV_BIN = Path(sys.executable).parent
# The lineage every kill run refreshes: every layer (land, load, suite, staging, intermediate,
# mart, publish) in a quarter of the full refresh's time.
KILL_SELECTION = ("+marts/fct_lsoa21_deprivation", "published_warehouse")
# What a published warehouse holds, whatever was refreshed: every mart and the provenance tables.
REQUIRED = (*published_marts(ensure_manifest()), "meta.source_files", "meta.refresh_runs")


@dataclass
class RefreshProcess:
    process: subprocess.Popen
    started: float
    lines: list[tuple[float, str]] = field(default_factory=list)
    # When the publish copy first appeared beside the published file (seconds from the start).
    publish_copy_at: float | None = None
    _reader: threading.Thread | None = None

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.append((time.monotonic() - self.started, line.rstrip("\n")))

    def _watch_publish_copy(self, folder: Path) -> None:
        # A copy an earlier killed run left is not this run's publish (publish removes it).
        left_before = set(publish_copies(folder))
        while self.process.poll() is None and self.publish_copy_at is None:
            if set(publish_copies(folder)) - left_before:
                self.publish_copy_at = time.monotonic() - self.started
                return
            time.sleep(0.002)

    def text(self) -> str:
        return "\n".join(line for _, line in self.lines)

    def wait(self, timeout: float = 600) -> int:
        code = self.process.wait(timeout=timeout)
        if self._reader is not None:
            self._reader.join(timeout=10)
        return code

    def kill(self) -> None:
        """SIGKILL to the refresh's own process, as the kernel's OOM killer sends it: children it
        started (dbt) are not told."""
        self.process.send_signal(signal.SIGKILL)
        self.wait()

    def wait_for(self, condition: Callable[[], bool], timeout: float = 300) -> bool:
        """Poll until condition holds (True) or the process ended first (False)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if condition():
                return True
            if self.process.poll() is not None:
                return condition()
            time.sleep(0.005)
        raise TimeoutError("the refresh neither reached the point nor ended")


def start_refresh(
    home: Path,
    from_dir: Path,
    *,
    select: Sequence[str] = (),
    preexec_fn: Callable[[], None] | None = None,
    env: dict[str, str] | None = None,
) -> RefreshProcess:
    args = [
        str(VENV_BIN / "placeindex"),
        "--home",
        str(home),
        "refresh",
        "--from-dir",
        str(from_dir),
    ]
    for item in select:
        args += ["--select", item]
    environment = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    environment.pop("DAGSTER_HOME", None)
    process = subprocess.Popen(
        args,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=environment,
        # Its own session: a kill of the test's process group never reaches it by accident.
        start_new_session=True,
        # Only the file-size limit test passes one; it calls setrlimit and nothing else.
        preexec_fn=preexec_fn,  # noqa: PLW1509
    )
    run = RefreshProcess(process=process, started=time.monotonic())
    run._reader = threading.Thread(target=run._read, daemon=True)
    run._reader.start()
    threading.Thread(target=run._watch_publish_copy, args=(home,), daemon=True).start()
    return run


def same_data_other_bytes(sources: Path, target: Path) -> Path:
    """A copy of a source folder whose files hold the same data in other bytes: each workbook's zip
    stored uncompressed, each CSV's lines ended CRLF. A refresh from it reloads every such source
    (a raw table is reloaded only when its file's sha256 changed) and publishes the same numbers,
    as when a publisher re-saves its files."""
    shutil.copytree(sources, target)
    for path in target.iterdir():
        if path.suffix == ".xlsx":
            with zipfile.ZipFile(path) as original:
                members = [(info, original.read(info)) for info in original.infolist()]
            with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_STORED) as stored:
                for info, data in members:
                    info.compress_type = zipfile.ZIP_STORED
                    stored.writestr(info, data)
        elif path.suffix == ".csv":
            data = path.read_bytes()
            if b"\r\n" not in data:
                path.write_bytes(data.replace(b"\n", b"\r\n"))
    return target


def publish_copies(folder: Path) -> list[Path]:
    """The copy a publish writes beside the published file before renaming it over it."""
    return list(folder.glob(".placeindex-*.duckdb.part"))


def published_state(path: Path, required: Sequence[str]) -> tuple[int, list[str]]:
    """(publishes recorded, required tables missing), opening the file read-only as users do."""
    con = duckdb.connect(str(path), read_only=True)
    try:
        tables = {
            f"{schema}.{name}"
            for schema, name in con.execute(
                "select table_schema, table_name from information_schema.tables"
            ).fetchall()
        }
        for table in sorted(tables):
            if table.startswith("marts."):
                con.execute(f"select count(*) from {table}").fetchone()
        runs = con.execute("select count(*) from meta.refresh_runs").fetchone()[0]
    finally:
        con.close()
    return runs, [name for name in required if name not in tables]


def leftover_files(home: Path) -> list[str]:
    """Temporary files a run leaves when it dies: a publish copy, a half-landed file."""
    return sorted(
        str(path.relative_to(home))
        for path in home.rglob("*")
        if path.is_file()
        and (path.name.endswith(".part") or path.name.startswith(".placeindex-"))
        and "dagster" not in path.relative_to(home).parts
    )


def processes_using(path: Path) -> list[int]:
    """PIDs (other than this one) holding the file open: a dbt left running by a killed refresh."""
    holders = []
    target = str(path.resolve())
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            for fd in (entry / "fd").iterdir():
                if os.readlink(fd) == target:
                    holders.append(int(entry.name))
                    break
        except OSError:
            continue
    return holders
