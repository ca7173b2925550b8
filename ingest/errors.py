"""The project's one error type.

Every failure a user can cause (a bad file, a missing column, a source that cannot be fetched) raises
`PlaceindexError` with a message that names the source, the file, the row or column and what was
expected, so the CLI can print it as it is and the run stops before anything is published.
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
