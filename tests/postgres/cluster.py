"""A throwaway PostgreSQL cluster: initdb into a temporary folder, a free port on 127.0.0.1.

PostgreSQL refuses to run as root, so under root (CI containers) the server runs as the `postgres`
system user Debian's package creates, or `nobody`, in a folder that user owns. Trust authentication
on 127.0.0.1 only; the cluster and its folder are removed when the tests end.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "placeindex"
REQUIRED_VARIABLE = "PLACEINDEX_POSTGRES_TESTS"


def find_bin(name: str) -> str | None:
    """A PostgreSQL server program: PLACEINDEX_PG_BIN, the PATH, or Debian's versioned folder."""
    folder = os.environ.get("PLACEINDEX_PG_BIN")
    if folder and (Path(folder) / name).is_file():
        return str(Path(folder) / name)
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return versions[-1] if versions else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _server_user() -> str | None:
    """Who runs the server: None (this user) unless this is root."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise RuntimeError("running as root, and neither a postgres nor a nobody user exists")


@dataclass
class Cluster:
    folder: Path
    port: int
    run_as: str | None
    pg_ctl: str

    host = "127.0.0.1"
    user = SUPERUSER

    def libpq(self, dbname: str) -> str:
        """A libpq connection string (DuckDB's postgres extension, DuckLake)."""
        return f"dbname={dbname} host={self.host} port={self.port} user={self.user}"

    def dagster_env(self, dbname: str) -> dict[str, str]:
        """The variables orchestration/templates/dagster-postgres.yaml reads."""
        return {
            "PLACEINDEX_DAGSTER_PG_HOST": self.host,
            "PLACEINDEX_DAGSTER_PG_PORT": str(self.port),
            "PLACEINDEX_DAGSTER_PG_USER": self.user,
            "PLACEINDEX_DAGSTER_PG_DB": dbname,
        }

    def create_database(self, dbname: str) -> None:
        import psycopg2  # dagster-postgres's driver

        con = psycopg2.connect(self.libpq("postgres"))
        try:
            con.autocommit = True
            with con.cursor() as cursor:
                cursor.execute(f'create database "{dbname}"')
        finally:
            con.close()

    def stop(self) -> None:
        _run(self.run_as, [self.pg_ctl, "-D", str(self.folder / "data"), "-m", "immediate", "stop"])
        shutil.rmtree(self.folder, ignore_errors=True)


def _run(run_as: str | None, command: list[str]) -> subprocess.CompletedProcess:
    if run_as is not None:
        command = ["runuser", "-u", run_as, "--", *command]
    return subprocess.run(command, capture_output=True, text=True, check=False)


def start_cluster() -> Cluster:
    initdb, pg_ctl = find_bin("initdb"), find_bin("pg_ctl")
    if initdb is None or pg_ctl is None:
        raise FileNotFoundError(
            "PostgreSQL's initdb and pg_ctl were not found (Debian: apt-get install postgresql; "
            "or set PLACEINDEX_PG_BIN to their folder)"
        )
    run_as = _server_user()
    # Under /tmp, not pytest's folder: the server's user must be able to reach it.
    folder = Path(tempfile.mkdtemp(prefix="placeindex-pg-"))
    if run_as is not None:
        entry = pwd.getpwnam(run_as)
        os.chown(folder, entry.pw_uid, entry.pw_gid)
    data = folder / "data"
    done = _run(
        run_as,
        [initdb, "-D", str(data), "-A", "trust", "-U", SUPERUSER, "-E", "UTF8", "--no-sync"],
    )
    if done.returncode != 0:
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(f"initdb failed:\n{done.stdout}\n{done.stderr}")
    for _attempt in range(3):
        port = free_port()
        options = (
            f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
        )
        done = _run(
            run_as,
            [
                pg_ctl,
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "server.log"),
                "-w",
                "start",
            ],
        )
        if done.returncode == 0:
            return Cluster(folder=folder, port=port, run_as=run_as, pg_ctl=pg_ctl)
    log = (folder / "server.log").read_text() if (folder / "server.log").exists() else ""
    shutil.rmtree(folder, ignore_errors=True)
    raise RuntimeError(f"PostgreSQL did not start:\n{done.stdout}\n{done.stderr}\n{log}")
