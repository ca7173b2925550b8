"""English Indices of Deprivation 2025: the catalog entries for MHCLG's IoD2025 files.

LSOA 2021 based (33,755 LSOAs), local authority districts on their 2024 codes.
"""

from __future__ import annotations

from ingest.catalog_schema import Source

IOD2025_SOURCES: tuple[Source, ...] = ()
