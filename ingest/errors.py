"""The project's one error type.

Every failure a user can cause (a bad file, a missing column, a source that cannot be fetched) raises
`PlaceindexError` with a message that names the source, the file, the row or column and what was
expected, so the CLI can print it as it is and the run stops before anything is published.

Raised while handling a lower-level error, it is raised without `from`: the lower error stays
attached as its context (a traceback and the Dagster UI still show it), but is not its cause. The
refresh's summary of a failed run follows an error's causes to the deepest one and prints that, so
a cause would put a bare `EOFError: Compressed file ended...` where this message should be
(tests/faults holds every catalogued message to what the refresh prints).
"""

from __future__ import annotations


class PlaceindexError(Exception):
    """The one error type of the project: message names source, file, row/column and what was expected."""

    def __init__(
        self,
        message: str,
        *,
        source_id: str | None = None,
        file: str | None = None,
        row: int | None = None,
        column: str | None = None,
    ):
        super().__init__(message)
        self.source_id = source_id
        self.file = file
        self.row = row
        self.column = column
