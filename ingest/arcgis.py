"""Download an ONS Open Geography Portal lookup or boundary set from its ArcGIS feature layer.

The portal's CSV exports come and go (the hub answers 404 for some items), while every lookup is also
a public feature layer. Its query endpoint pages JSON (at most a few thousand records a page), so this
module pages through it and writes the CSV the portal would have exported: the published columns in
their published order, UTF-8. Boundaries are paged the same way as GeoJSON and written as one
FeatureCollection: one unpaged query answers only the layer's maxRecordCount features (2,000),
fewer than the 35,672 LSOAs. The readers then treat either like any other copy of the file.
"""

from __future__ import annotations

import csv
import json
import logging
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import requests

from ingest.errors import PlaceindexError

log = logging.getLogger(__name__)

PAGE_SIZE = 2000
MAX_PAGES = 1000  # 2 million rows: far above any ONS lookup; stops a server that never says "done"


def fetch_feature_layer(
    query_url: str,
    dest_dir: Path,
    file_name: str,
    *,
    source_id: str,
    columns: list[str],
    session: requests.Session,
    timeout: tuple[float, float] = (10, 120),
) -> Path:
    """Page every record of the layer into `dest_dir/file_name` (atomically) and return its path."""
    wanted = {column.casefold(): column for column in columns}
    count = 0
    with _atomic_text_file(dest_dir, file_name, newline="") as (handle, final):
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        pages = _paged(
            lambda at: _page(query_url, at, source_id, session, timeout), query_url, source_id
        )
        for count, (offset, feature) in enumerate(pages, start=1):
            attributes = {
                key.casefold(): value for key, value in feature.get("attributes", {}).items()
            }
            missing = [name for key, name in wanted.items() if key not in attributes]
            if missing:
                raise PlaceindexError(
                    f"{source_id}: {query_url}: record {offset + 1} has no field(s) "
                    f"{missing}; expected the published columns {columns}",
                    source_id=source_id,
                    column=missing[0],
                )
            writer.writerow(["" if attributes[key] is None else attributes[key] for key in wanted])
    log.info("%s: %d records from %s", source_id, count, query_url)
    return final


def _page(
    query_url: str,
    offset: int,
    source_id: str,
    session: requests.Session,
    timeout: tuple[float, float],
) -> tuple[list[dict], bool]:
    params = {
        "where": "1=1",
        "outFields": "*",
        "returnGeometry": "false",
        "orderByFields": "ObjectId",
        "resultOffset": str(offset),
        "resultRecordCount": str(PAGE_SIZE),
        "f": "json",
    }
    body = _query(query_url, params, offset, source_id, session, timeout)
    features = body.get("features")
    if not isinstance(features, list):
        raise PlaceindexError(
            f"{source_id}: {query_url}: expected a JSON object with 'features', got keys "
            f"{sorted(body)[:10]}",
            source_id=source_id,
        )
    return features, bool(body.get("exceededTransferLimit"))


def _query(
    url: str,
    params: dict[str, str],
    offset: int,
    source_id: str,
    session: requests.Session,
    timeout: tuple[float, float],
) -> dict:
    """One page of a feature layer's query, as a JSON object; any failure names the page."""
    try:
        response = session.get(url, params=params, timeout=timeout)
        response.raise_for_status()
        body = response.json()
    except (requests.RequestException, ValueError) as exc:
        raise PlaceindexError(
            f"{source_id}: {url}: {params['f']} page at offset {offset} failed: {exc}",
            source_id=source_id,
        ) from exc
    if not isinstance(body, dict):
        raise PlaceindexError(
            f"{source_id}: {url}: expected a JSON object at offset {offset}, got "
            f"{type(body).__name__}",
            source_id=source_id,
        )
    if "error" in body:
        raise PlaceindexError(
            f"{source_id}: {url}: the feature service answered an error at offset {offset}: "
            f"{body['error']}",
            source_id=source_id,
        )
    return body


def fetch_feature_layer_geojson(
    query_url: str,
    dest_dir: Path,
    file_name: str,
    *,
    source_id: str,
    order_by: str,
    session: requests.Session,
    timeout: tuple[float, float] = (10, 300),
) -> Path:
    """Page every feature of the layer, geometry included, into one GeoJSON FeatureCollection at
    `dest_dir/file_name` (atomically) and return its path.

    The catalog URL's own query string (one unpaged request) is replaced by paging parameters;
    pages are ordered by `order_by`, a unique field of the layer, so none overlaps or skips.
    """
    base_url = urlunsplit(urlsplit(query_url)._replace(query="", fragment=""))
    count = 0
    with _atomic_text_file(dest_dir, file_name) as (handle, final):
        handle.write('{"type": "FeatureCollection", "features": [\n')
        pages = _paged(
            lambda at: _geojson_page(base_url, at, order_by, source_id, session, timeout),
            base_url,
            source_id,
        )
        for count, (_, feature) in enumerate(pages, start=1):
            if count > 1:
                handle.write(",\n")
            json.dump(feature, handle, ensure_ascii=False, separators=(",", ":"))
        handle.write("\n]}\n")
    log.info("%s: %d features from %s", source_id, count, base_url)
    return final


def _geojson_page(
    base_url: str,
    offset: int,
    order_by: str,
    source_id: str,
    session: requests.Session,
    timeout: tuple[float, float],
) -> tuple[list[dict], bool]:
    params = {
        "where": "1=1",
        "outFields": "*",
        "outSR": "4326",
        "returnGeometry": "true",
        "orderByFields": order_by,
        "resultOffset": str(offset),
        "resultRecordCount": str(PAGE_SIZE),
        "f": "geojson",
    }
    body = _query(base_url, params, offset, source_id, session, timeout)
    features = body.get("features")
    if body.get("type") != "FeatureCollection" or not isinstance(features, list):
        raise PlaceindexError(
            f"{source_id}: {base_url}: expected a GeoJSON FeatureCollection at offset {offset}, "
            f"got keys {sorted(body)[:10]}",
            source_id=source_id,
        )
    # The GeoJSON form says "more pages" inside its properties; the JSON form at the top level.
    properties = body.get("properties") or {}
    more = properties.get("exceededTransferLimit", body.get("exceededTransferLimit", False))
    return features, bool(more)


@contextmanager
def _atomic_text_file(dest_dir: Path, file_name: str, newline: str | None = None):
    """(open handle, final path): written to a temporary file beside the final one, renamed into
    place only when the block ends cleanly, and removed if it fails."""
    with tempfile.NamedTemporaryFile(
        "w", dir=dest_dir, delete=False, suffix=".part", newline=newline, encoding="utf-8"
    ) as handle:
        tmp_path = Path(handle.name)
        final = dest_dir / file_name
        try:
            yield handle, final
        except BaseException:
            handle.close()
            tmp_path.unlink(missing_ok=True)
            raise
    os.replace(tmp_path, final)


def _paged(
    page: Callable[[int], tuple[list[dict], bool]], url: str, source_id: str
) -> Iterator[tuple[int, dict]]:
    """(offset, feature) for every feature of a layer, page after page until the service says
    there are no more, and never past MAX_PAGES (a server that never says "done")."""
    offset = 0
    for _ in range(MAX_PAGES):
        features, more = page(offset)
        for index, feature in enumerate(features):
            yield offset + index, feature
        offset += len(features)
        if not more or not features:
            return
    raise PlaceindexError(
        f"{source_id}: {url}: still paging after {MAX_PAGES} pages", source_id=source_id
    )
