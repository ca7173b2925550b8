"""Settings: every path and switch that varies between machines, read from the environment once.

| variable | default | meaning |
|---|---|---|
| PLACEINDEX_HOME | ./data | root of everything the pipeline writes |
| PLACEINDEX_FROM_DIR | (unset) | take each source from this folder, found by its published file name |
| PLACEINDEX_DEMO | (unset) | `1` = land DATA/demo_sources, which `python -m demo` writes |
| PLACEINDEX_MAX_DOWNLOAD_BYTES | 2147483648 | refuse larger downloads |
| PLACEINDEX_REGISTRY_URL | the 360Giving data registry | where grant files are discovered |

The opt-in DuckLake release target's settings (PLACEINDEX_LAKE, PLACEINDEX_LAKE_DATA_PATH,
PLACEINDEX_LAKE_KEEP_DAYS) are read by ingest/lake.py.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

REGISTRY_URL = "https://registry.threesixtygiving.org/data.json"

# Published files (the warehouse, exports): readable by all, writable by their owner only, whatever
# the umask of the run.
PUBLISHED_MODE = 0o644


@dataclass(frozen=True)
class Settings:
    home: Path
    from_dir: Path | None = None
    demo: bool = False
    max_download_bytes: int = 2 * 1024**3
    registry_url: str = REGISTRY_URL

    @property
    def raw_dir(self) -> Path:
        return self.home / "raw"

    @property
    def demo_dir(self) -> Path:
        return self.home / "demo_sources"

    @property
    def work_db(self) -> Path:
        """The single-writer DuckDB file every refresh builds; users never read it.

        Named as the published file: DuckDB names a database after its file, and dbt's views
        (staging, some intermediate models) refer to their tables by that name, so they resolve
        in the published copy only if both files carry one name.
        """
        return self.home / "work" / "placeindex.duckdb"

    @property
    def published_db(self) -> Path:
        return self.home / "placeindex.duckdb"

    @property
    def exports_dir(self) -> Path:
        return self.home / "exports"

    @property
    def logs_dir(self) -> Path:
        return self.home / "logs"

    @property
    def dagster_home(self) -> Path:
        return self.home / "dagster"

    @property
    def source_mode(self) -> str:
        if self.demo:
            return "demo"
        if self.from_dir is not None:
            return "dir"
        return "internet"

    def ensure_dirs(self) -> None:
        for path in (self.raw_dir, self.work_db.parent, self.exports_dir, self.dagster_home):
            path.mkdir(parents=True, exist_ok=True)


def load_settings(
    *, home: Path | str | None = None, from_dir: Path | str | None = None, demo: bool | None = None
) -> Settings:
    """Settings from explicit arguments first, then the environment, then defaults."""
    env = os.environ
    home_path = Path(home or env.get("PLACEINDEX_HOME") or "data").resolve()
    from_dir_value = from_dir or env.get("PLACEINDEX_FROM_DIR") or None
    demo_value = demo if demo is not None else env.get("PLACEINDEX_DEMO", "") not in ("", "0")
    return Settings(
        home=home_path,
        from_dir=Path(from_dir_value).resolve() if from_dir_value and not demo_value else None,
        demo=demo_value,
        max_download_bytes=int(env.get("PLACEINDEX_MAX_DOWNLOAD_BYTES", 2 * 1024**3)),
        registry_url=env.get("PLACEINDEX_REGISTRY_URL") or REGISTRY_URL,
    )
