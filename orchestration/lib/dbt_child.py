"""`placeindex-dbt`: dbt, as the refresh starts it, ended with the refresh however it ends.

dagster-dbt runs dbt as a child process. When the refresh is killed outright (the kernel's OOM
killer, `kill -9`), the child is not told: it went on writing the work database for up to a
minute, holding its lock, so the next refresh failed to open it. Linux lets a process ask to be
killed when its parent dies (PR_SET_PDEATHSIG); DuckDB's write-ahead log makes such a kill safe.
Elsewhere this is plain dbt.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys

PR_SET_PDEATHSIG = 1
PARENT_PID_VARIABLE = "PLACEINDEX_DBT_PARENT_PID"


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return
    # The parent may have died between fork and prctl: then nobody will send the signal.
    expected = os.environ.get(PARENT_PID_VARIABLE)
    if expected and os.getppid() != int(expected):
        os._exit(1)


def parse_once_for_every_data_folder() -> None:
    """Let every data folder share dbt's partial parse.

    dbt parses the whole project again (10-20 s here, every refresh) when the profile's
    connection settings differ from those of the saved parse, and the work database's path is one
    of them: each data folder but the last one parsed paid a full parse per refresh (the tests,
    the benchmark and `--home` users most of all). The path changes no parsed node - the catalog
    name, `placeindex`, is the file's stem and stays in the comparison - so it is left out.
    Called wherever this project runs dbt (here and the parse of `ensure_manifest`), so the saved
    parse and every build compare alike.
    """
    from dbt.adapters.duckdb.credentials import DuckDBCredentials

    keys = DuckDBCredentials._connection_keys
    if getattr(keys, "without_path", False):
        return

    def _connection_keys_without_path(self) -> tuple[str, ...]:
        return tuple(key for key in keys(self) if key != "path")

    _connection_keys_without_path.without_path = True
    DuckDBCredentials._connection_keys = _connection_keys_without_path


def main() -> None:
    _die_with_parent()
    parse_once_for_every_data_folder()
    from dbt.cli.main import cli

    sys.argv[0] = "dbt"
    cli()


if __name__ == "__main__":
    main()
