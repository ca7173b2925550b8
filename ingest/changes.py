"""Has the publisher's file changed since it was landed? Asked without downloading it.

Each file source's URL (for a 360Giving dataset, the one the registry lists today) is asked with
the validators of the last landing from the internet: a conditional request answered 304 means
unchanged; otherwise a different ETag, or failing that a different Last-Modified, means changed.
A source never landed from the internet, or last landed from another URL, is changed (it has to
be fetched from there once). A publisher that sends neither validator, a paged ArcGIS layer (no
file to ask about) and a request that fails are 'unknown': the scheduled full refresh covers them,
and the sensor never refreshes on a guess.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import requests

from ingest.catalog import Source
from ingest.landing import latest_landing
from ingest.settings import Settings

Status = Literal["changed", "unchanged", "unknown"]


@dataclass(frozen=True)
class SourceChange:
    source_id: str
    status: Status
    url: str
    reason: str
    # What the publisher says now (ETag, else Last-Modified): the sensor's cursor remembers it so
    # one release starts one run.
    validator: str | None = None


def check_source(
    source: Source, settings: Settings, session: requests.Session, timeout: float = 20
) -> SourceChange:
    if source.fetch_mode != "file":
        return SourceChange(
            source.source_id,
            "unknown",
            source.url,
            "a feature layer paged by query has no file validator; the scheduled refresh reads it",
        )
    url = source.url
    if source.registry_id:
        from ingest.registry import discovered_url

        url = discovered_url(source, settings)
    previous = latest_landing(settings, source)
    landed = previous.provenance if previous and previous.provenance.origin == "internet" else None
    headers = {}
    if landed is not None and landed.url == url:
        if landed.etag:
            headers["If-None-Match"] = landed.etag
        if landed.last_modified:
            headers["If-Modified-Since"] = landed.last_modified
    try:
        # GET, not HEAD: some publishers' servers refuse HEAD or answer it differently. The body
        # is never read; closing the response drops the connection.
        with session.get(
            url, headers=headers, stream=True, timeout=timeout, allow_redirects=True
        ) as response:
            status_code = response.status_code
            etag = response.headers.get("ETag")
            last_modified = response.headers.get("Last-Modified")
    except requests.RequestException as exc:
        return SourceChange(source.source_id, "unknown", url, f"could not ask: {exc}")
    validator = etag or last_modified
    if status_code == 304:
        return SourceChange(
            source.source_id, "unchanged", url, "HTTP 304 Not Modified", landed_validator(landed)
        )
    if status_code >= 400:
        return SourceChange(source.source_id, "unknown", url, f"HTTP {status_code}", None)
    if landed is None:
        return SourceChange(
            source.source_id, "changed", url, "never downloaded from the publisher", validator
        )
    if landed.url != url:
        return SourceChange(
            source.source_id,
            "changed",
            url,
            f"last landed from {landed.url}, the publisher's URL is now {url}",
            validator,
        )
    if etag and landed.etag:
        same = etag == landed.etag
        reason = f"ETag {etag}" + ("" if same else f" (landed: {landed.etag})")
    elif last_modified and landed.last_modified:
        same = last_modified == landed.last_modified
        reason = f"Last-Modified {last_modified}" + (
            "" if same else f" (landed: {landed.last_modified})"
        )
    else:
        return SourceChange(
            source.source_id,
            "unknown",
            url,
            "the publisher sends no ETag or Last-Modified to compare",
            validator,
        )
    return SourceChange(
        source.source_id, "unchanged" if same else "changed", url, reason, validator
    )


def landed_validator(landed) -> str | None:
    if landed is None:
        return None
    return landed.etag or landed.last_modified


def check_sources(
    sources: list[Source], settings: Settings, session: requests.Session | None = None
) -> list[SourceChange]:
    from ingest.http import make_session

    session = session or make_session(retries=1)
    return [check_source(source, settings, session) for source in sources]
