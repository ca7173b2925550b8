"""The UK nations' deprivation indices and mySociety's composite UK index: catalog entries."""

from __future__ import annotations

from ingest.catalog_schema import Source

UK_DEPRIVATION_SOURCES: tuple[Source, ...] = ()
