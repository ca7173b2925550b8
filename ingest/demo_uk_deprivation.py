"""Synthetic files of the UK nations' deprivation indices in their published layouts.

Imports `ingest.demo` lazily: `ingest.demo` imports this module.
"""

from __future__ import annotations

from typing import Any

DEMO_FILES: dict[str, str] = {}


def build_uk_deprivation_files(geography: Any, iod: Any, seed: int) -> dict[str, bytes]:
    return {}
