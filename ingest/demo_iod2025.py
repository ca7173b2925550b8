"""Synthetic IoD2025 files in MHCLG's published layouts (see `ingest.demo` for the demo country).

Imports `ingest.demo` lazily: `ingest.demo` imports this module.
"""

from __future__ import annotations

from typing import Any

DEMO_FILES: dict[str, str] = {}


def build_iod2025_files(geography: Any, iod: Any, seed: int) -> dict[str, bytes]:
    return {}
