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


def main() -> None:
    _die_with_parent()
    from dbt.cli.main import cli

    sys.argv[0] = "dbt"
    cli()


if __name__ == "__main__":
    main()
