"""How long the demo package takes to write every source's synthetic files, printed in seconds.

`placeindex refresh --demo` writes them first, so their time is part of every demo refresh and of
the test suite's session fixture. Three runs into fresh temporary folders:
`.venv/bin/python bench/demo_generation.py`.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import demo


def main() -> None:
    for run in range(1, 4):
        with tempfile.TemporaryDirectory(prefix="placeindex-demo-bench-") as folder:
            started = time.perf_counter()
            demo.write_demo_files(Path(folder) / "sources")
            elapsed = time.perf_counter() - started
            files = sum(1 for path in Path(folder).rglob("*") if path.is_file())
        print(f"run {run}: {elapsed:.2f} s for {files} files")


if __name__ == "__main__":
    main()
