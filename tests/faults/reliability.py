"""docs/reliability.md's table of bad inputs, written from the catalogue (tests/faults/catalogue.py).

`python -m tests.faults.reliability` rewrites the table between the doc's bad-inputs markers and
nothing else; `--check` exits 1 when the table is not what the catalogue gives now. A test runs the
check, and the catalogue's tests hold every row to the product, so the doc cannot go stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from tests.faults.catalogue import (
    ACCEPTED,
    DBT_FAILS,
    DOWNLOAD_REFUSED,
    FAULTS,
    REFUSED,
    SUITE_FAILS,
    Fault,
)

DOC = Path(__file__).resolve().parents[2] / "docs" / "reliability.md"
START = "<!-- bad-inputs:start -->"
END = "<!-- bad-inputs:end -->"


def _code(text: str) -> str:
    """`text` as a code span inside a table cell: pipes escaped, backticks fenced."""
    text = text.replace("|", "\\|")
    if "`" in text:
        return f"`` {text} ``"
    return f"`{text}`"


def _outcome(fault: Fault) -> str:
    if fault.outcome == REFUSED:
        text = f"refused when read ({fault.error}): not loaded, nothing published"
    elif fault.outcome == SUITE_FAILS:
        text = "read, then the blocking GX suite fails: nothing downstream runs, nothing published"
    elif fault.outcome == ACCEPTED:
        text = f"accepted: {fault.rows:,} rows loaded"
    elif fault.outcome == DOWNLOAD_REFUSED:
        text = "download refused (FetchError): no file kept, nothing published"
    elif fault.outcome == DBT_FAILS:
        text = "dbt test fails: nothing published"
    else:
        raise ValueError(f"{fault.fault}: unknown outcome {fault.outcome!r}")
    return f"{text}; {fault.note}" if fault.note else text


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def table() -> str:
    rows = [
        "| # | Fault | Input | Source | Outcome | Message |",
        "|---|---|---|---|---|---|",
    ]
    for number, fault in enumerate(FAULTS, start=1):
        lines = [line for line in fault.message.split("\n") if line.strip()]
        message = "<br>".join(_code(line) for line in lines) if lines else "(none)"
        rows.append(
            f"| {number} | {_cell(fault.fault)} | {_cell(fault.input)} | `{fault.source_id}` | "
            f"{_cell(_outcome(fault))} | {message} |"
        )
    return "\n".join(rows)


def rewritten(doc: str) -> str:
    """The doc with the table between the markers made current; everything else as it was."""
    if doc.count(START) != 1 or doc.count(END) != 1 or doc.index(START) > doc.index(END):
        raise ValueError(f"{DOC.name}: expected one {START} before one {END}")
    head, rest = doc.split(START)
    _, tail = rest.split(END)
    return f"{head}{START}\n{table()}\n{END}{tail}"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    current = DOC.read_text(encoding="utf-8")
    wanted = rewritten(current)
    if "--check" in args:
        if current != wanted:
            print(f"{DOC} is stale: run python -m tests.faults.reliability", file=sys.stderr)
            return 1
        return 0
    if current != wanted:
        DOC.write_text(wanted, encoding="utf-8")
        print(f"rewrote the bad-input table of {DOC}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
