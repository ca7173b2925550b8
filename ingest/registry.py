"""The 360Giving data registry: where grant-makers list the files they publish.

https://registry.threesixtygiving.org/data.json is a JSON list with one entry per dataset (title,
publisher name and prefix, licence, `distribution[0].downloadURL`, and the datagetter's
`datagetter_metadata.file_type` once it has fetched the file). New publishers are found there
(`placeindex registry`), and a catalogued grant source with a `registry_id` is downloaded from the URL
the registry lists today, since publishers move their files.
"""

from __future__ import annotations

import json
import logging
from pathlib import PurePosixPath
from typing import NamedTuple
from urllib.parse import urlparse

from ingest.catalog import Source
from ingest.errors import PlaceindexError
from ingest.settings import Settings

log = logging.getLogger(__name__)

REGISTRY_SOURCE_ID = "threesixtygiving__registry"
_FILE_TYPES = ("csv", "xlsx", "json")


class RegistryEntry(NamedTuple):
    identifier: str | None
    publisher: str | None
    download_url: str | None
    file_type: str | None
    licence: str | None


def registry_entries(data: list[dict]) -> list[RegistryEntry]:
    """(identifier, publisher name, download URL, file type, licence) for each registry dataset.

    The file type is the datagetter's (it looked at the response headers) when the registry has it,
    otherwise the download URL's extension; None when neither says, since many publishers serve
    files from URLs without one.
    """
    entries = []
    for dataset in data:
        publisher = (dataset.get("publisher") or {}).get("name")
        distributions = dataset.get("distribution") or [{}]
        # The registry's own getter downloads the first distribution only.
        download_url = distributions[0].get("downloadURL") or None
        metadata = dataset.get("datagetter_metadata") or {}
        file_type = metadata.get("file_type") or _type_from_url(download_url)
        entries.append(
            RegistryEntry(
                dataset.get("identifier"),
                publisher,
                download_url,
                file_type,
                dataset.get("license"),
            )
        )
    return entries


def _type_from_url(url: str | None) -> str | None:
    if not url:
        return None
    suffix = PurePosixPath(urlparse(url).path).suffix.lower().lstrip(".")
    return suffix if suffix in _FILE_TYPES else None


def fetch_registry(settings: Settings, url: str | None = None) -> list[RegistryEntry]:
    """Every dataset the 360Giving data registry lists today (raises `http.FetchError`)."""
    from ingest import http

    folder = settings.raw_dir / "_registry"
    folder.mkdir(parents=True, exist_ok=True)
    result = http.fetch(
        url or settings.registry_url,
        folder,
        "data.json",
        source_id=REGISTRY_SOURCE_ID,
        expected_format="json",
        max_bytes=settings.max_download_bytes,
    )
    assert result.path is not None
    try:
        data = json.loads(result.path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlaceindexError(
            f"{REGISTRY_SOURCE_ID}: {url or settings.registry_url}: not a JSON list ({exc})",
            source_id=REGISTRY_SOURCE_ID,
            file="data.json",
        ) from exc
    try:
        if not isinstance(data, list):
            raise TypeError(f"expected a JSON list of datasets, found {type(data).__name__}")
        return registry_entries(data)
    except (TypeError, AttributeError, IndexError) as exc:
        raise PlaceindexError(
            f"{REGISTRY_SOURCE_ID}: {url or settings.registry_url}: not the registry's layout "
            f"({exc})",
            source_id=REGISTRY_SOURCE_ID,
            file="data.json",
        ) from exc


def discovered_url(source: Source, settings: Settings) -> str:
    """The download URL the 360Giving registry lists for the source's dataset today.

    Publishers move their files and the registry follows them, so it is asked first. When it
    cannot be read or no longer lists the dataset, the catalog's URL is used and the log says so:
    a registry outage must not stop a refresh whose files are still where they were.
    """
    try:
        entries = fetch_registry(settings)
    except PlaceindexError as exc:
        log.warning("%s: registry unavailable, using the catalog URL (%s)", source.source_id, exc)
        return source.url
    for entry in entries:
        if entry.identifier == source.registry_id and entry.download_url:
            if entry.download_url != source.url:
                log.info(
                    "%s: the registry lists %s (catalog: %s)",
                    source.source_id,
                    entry.download_url,
                    source.url,
                )
            return entry.download_url
    log.warning(
        "%s: dataset %s not in the registry, using the catalog URL",
        source.source_id,
        source.registry_id,
    )
    return source.url
