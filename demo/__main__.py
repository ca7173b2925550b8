"""`python -m demo FOLDER`: write the demo files into FOLDER (unless they are current) and print its
path."""

from __future__ import annotations

import sys
from pathlib import Path

from demo import ensure_demo_files

USAGE = (
    "usage: python -m demo FOLDER\n"
    "Write the synthetic demo files (every catalog source, in its published layout) into FOLDER,\n"
    "unless FOLDER already holds the current demo version, and print FOLDER's path."
)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1 or args[0] in ("-h", "--help"):
        stream = sys.stdout if args[:1] in (["-h"], ["--help"]) else sys.stderr
        print(USAGE, file=stream)
        return 0 if stream is sys.stdout else 2
    print(ensure_demo_files(Path(args[0])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
