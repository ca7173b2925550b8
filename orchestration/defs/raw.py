import dagster as dg

from ingest.catalog import SOURCES
from orchestration.lib.raw_assets import build_raw_asset

raw_assets = [build_raw_asset(source) for source in SOURCES]

defs = dg.Definitions(assets=raw_assets)
