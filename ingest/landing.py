"""Raw landing: get a source's bytes from where the settings say, and keep them with provenance.

Landed files are immutable: `<raw_dir>/<source_id>/<sha256>/<file_name>` beside `provenance.json`,
and `<raw_dir>/<source_id>/latest.json` names the newest landing, so a conditional GET can reuse its
ETag and an unchanged source is neither downloaded nor reloaded. A file published with companion
files it cannot be read without (a shapefile's .shx, .dbf, .prj and .cpg: the layout's
`companions`) lands with them in the same folder, named by the digest of the whole set, so a change
to any one of them is a new landing and a reload. What does not belong here: parsing (readers) and
loading (warehouse).
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ingest.catalog import FileLayout, Source
from ingest.errors import PlaceindexError
from ingest.registry import discovered_url
from ingest.settings import Settings

if TYPE_CHECKING:
    from ingest.http import FetchResult

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Provenance:
    """Where a landing came from. `sha256` names the landing: the file's own digest or, for a file
    landed with companions, `set_sha256` of them all; `bytes` counts every file landed; `files`
    lists each one (name, sha256, bytes), the main file first, so each can be checked against the
    publisher's own checksum."""

    source_id: str
    title: str
    publisher: str
    url: str
    origin: str  # "internet", "dir:<folder>" or "demo"
    file_name: str
    sha256: str
    bytes: int
    etag: str | None
    last_modified: str | None
    fetched_at: str
    licence: str
    attribution: str
    vintage: str
    synthetic: bool
    # Empty in landings written before companion files were landed.
    files: tuple[dict[str, Any], ...] = ()

    def to_json(self) -> str:
        return json.dumps(asdict(self), indent=2, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Provenance:
        fields = json.loads(text)
        return cls(**{**fields, "files": tuple(fields.get("files", ()))})


@dataclass(frozen=True)
class LandedFile:
    path: Path
    provenance: Provenance
    downloaded: bool  # False when the source was unchanged (HTTP 304) and the last landing reused


def now_utc() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def set_sha256(digests: list[tuple[str, str]]) -> str:
    """The digest of a set of files, given as (file name, sha256) in order: the sha256 of the lines
    `sha256sum` prints for them, so `sha256sum X.shp X.shx X.dbf X.prj X.cpg | sha256sum` gives
    it from the landed (or the published) files."""
    listing = "".join(f"{digest}  {name}\n" for name, digest in digests)
    return hashlib.sha256(listing.encode("utf-8")).hexdigest()


def files_digest(members: list[tuple[Path, str]]) -> tuple[list[dict], str]:
    """Each file's entry (file name, sha256, bytes) and the digest a landing is named by: the
    file's sha256, or for a file with companions the set's (`set_sha256`)."""
    files = [
        {"file_name": name, "sha256": sha256_of(found), "bytes": found.stat().st_size}
        for found, name in members
    ]
    digest = (
        files[0]["sha256"]
        if len(files) == 1
        else set_sha256([(entry["file_name"], entry["sha256"]) for entry in files])
    )
    return files, digest


def latest_landing(settings: Settings, source: Source) -> LandedFile | None:
    pointer = settings.raw_dir / source.source_id / "latest.json"
    if not pointer.exists():
        return None
    provenance = Provenance.from_json(pointer.read_text())
    path = settings.raw_dir / source.source_id / provenance.sha256 / provenance.file_name
    if not path.exists():
        return None
    return LandedFile(path=path, provenance=provenance, downloaded=False)


# The version stamp the demo generator (`python -m demo FOLDER`) writes last into its folder; a test
# keeps the two names in step. A file found in a folder holding it is marked synthetic.
SYNTHETIC_MARKER = "DEMO_VERSION"


def is_synthetic_folder(folder: Path) -> bool:
    return (folder / SYNTHETIC_MARKER).is_file()


def is_synthetic_file(path: Path, root: Path) -> bool:
    """True when a folder between the file and the root of the search (both included) is one the
    demo generator wrote: a local folder may hold real files and, somewhere below, the demo's."""
    for folder in (path.parent, *path.parent.parents):
        if is_synthetic_folder(folder):
            return True
        if folder == root:
            break
    return False


class SourceFileNotFound(PlaceindexError):
    """None of a source's published file names is in the local folder."""


class CompanionFileNotFound(PlaceindexError):
    """A source's file is in the local folder, but a file it cannot be read without is not."""


def find_in_dir(source: Source, folder: Path) -> Path:
    """A source's file in a local folder, by its published file name, at any depth."""
    if not folder.is_dir():
        raise PlaceindexError(
            f"{source.source_id}: source folder {folder} does not exist", source_id=source.source_id
        )
    for file_name in source.file_names:
        direct = folder / file_name
        if direct.is_file():
            return _inside(source, folder, direct)
        matches = sorted(p for p in folder.rglob(file_name) if p.is_file())
        if matches:
            return _inside(source, folder, matches[0])
    raise SourceFileNotFound(
        f"{source.source_id}: none of {list(source.file_names)} found under {folder} "
        "(files are matched by their published name)",
        source_id=source.source_id,
        file=source.file_names[0],
    )


def _inside(source: Source, folder: Path, path: Path) -> Path:
    """`path`, if it really lies in `folder`: a symbolic link out of the folder is refused, so a
    refresh from a folder reads nothing its owner did not put there."""
    if not path.resolve().is_relative_to(folder.resolve()):
        raise PlaceindexError(
            f"{source.source_id}: {path} leads outside the source folder {folder} (to "
            f"{path.resolve()}); only files inside the folder are read",
            source_id=source.source_id,
            file=path.name,
        )
    return path


def find_companions(source: Source, layout: FileLayout, found: Path) -> list[Path]:
    """The layout's companion files, beside `found` (the published set keeps them together)."""
    missing = [name for name in layout.companion_names if not (found.parent / name).is_file()]
    if missing:
        raise CompanionFileNotFound(
            f"{source.source_id}: {found.name} cannot be read without its companion file(s) "
            f"{missing}, expected beside it in {found.parent} (the published set is "
            f"{[layout.file_name, *layout.companion_names]})",
            source_id=source.source_id,
            file=missing[0],
        )
    return [_inside(source, found.parent, found.parent / name) for name in layout.companion_names]


def remove_partial_files(settings: Settings, source: Source) -> None:
    """A run killed while landing leaves `.part` files (a download, a copy) that nothing will
    finish: they go before the next landing. Only one refresh writes a data folder at a time."""
    folder = settings.raw_dir / source.source_id
    if folder.is_dir():
        for partial in folder.rglob("*.part"):
            partial.unlink(missing_ok=True)


def land_source(source: Source, settings: Settings) -> LandedFile:
    """Land the source's current bytes (download, local folder or demo) and record provenance."""
    remove_partial_files(settings, source)
    previous = latest_landing(settings, source)
    if settings.source_mode == "internet":
        return _land_from_internet(source, settings, previous)
    if settings.source_mode == "demo":
        folder, origin = settings.demo_dir, "demo"
        if not is_synthetic_folder(folder):
            raise PlaceindexError(
                f"{source.source_id}: no demo files in {folder}; write them with "
                f"`python -m demo {folder}` (`placeindex refresh --demo` does this first)",
                source_id=source.source_id,
            )
    else:
        assert settings.from_dir is not None
        folder, origin = settings.from_dir, f"dir:{settings.from_dir}"
    found = find_in_dir(source, folder)
    companions = find_companions(source, source.layout_for(found.name), found)
    # Files the demo generator wrote are synthetic however the folder is named on the command line.
    synthetic = is_synthetic_file(found, folder)
    return _keep(
        source,
        settings,
        found,
        companions=companions,
        file_name=found.name,
        origin=origin,
        url=source.url,
        etag=None,
        last_modified=None,
        synthetic=synthetic,
        move=False,
    )


def _land_from_internet(
    source: Source, settings: Settings, previous: LandedFile | None
) -> LandedFile:
    from ingest import http

    incoming = settings.raw_dir / source.source_id / "_incoming"
    incoming.mkdir(parents=True, exist_ok=True)
    layout = source.default_layout
    reusable = previous if previous and previous.provenance.origin == "internet" else None
    if source.fetch_mode == "arcgis":
        from ingest.arcgis import fetch_feature_layer

        path = fetch_feature_layer(
            source.url,
            incoming,
            layout.file_name,
            source_id=source.source_id,
            columns=[column.header for column in source.columns],
            session=http.make_session(),
        )
        url, etag, last_modified = source.url, None, None
    elif source.fetch_mode == "arcgis_geojson":
        from ingest.arcgis import fetch_feature_layer_geojson

        path = fetch_feature_layer_geojson(
            source.url,
            incoming,
            layout.file_name,
            source_id=source.source_id,
            order_by=source.key[0],
            session=http.make_session(),
        )
        url, etag, last_modified = source.url, None, None
    else:
        result = _download(source, settings, incoming, layout, reusable)
        if result.status == "not_modified" and reusable is not None:
            # Only the URL the last landing came from was asked conditionally.
            log.info(
                "%s: unchanged at source (HTTP 304); reusing %s", source.source_id, reusable.path
            )
            return reusable
        assert result.path is not None
        path, url = result.path, result.url
        etag, last_modified = result.etag, result.last_modified
    return _keep(
        source,
        settings,
        path,
        file_name=layout.file_name,
        origin="internet",
        url=url,
        etag=etag,
        last_modified=last_modified,
        synthetic=False,
        move=True,
    )


def _download(
    source: Source,
    settings: Settings,
    incoming: Path,
    layout: FileLayout,
    reusable: LandedFile | None,
) -> FetchResult:
    """The file from the first of its URLs that serves it: the one the 360Giving registry lists
    today (for a grant source), the catalog's `url`, then each mirror in order."""
    from ingest import http

    first = discovered_url(source, settings) if source.registry_id else source.url
    urls = list(dict.fromkeys((first, *source.download_urls)))
    failures: list[tuple[str, PlaceindexError]] = []
    for url in urls:
        # A validator of the file at another URL says nothing about this one.
        validator = reusable if reusable is not None and reusable.provenance.url == url else None
        try:
            result = http.fetch(
                url,
                incoming,
                layout.file_name,
                source_id=source.source_id,
                expected_format=layout.format,
                etag=validator.provenance.etag if validator else None,
                last_modified=validator.provenance.last_modified if validator else None,
                max_bytes=settings.max_download_bytes,
            )
        except PlaceindexError as exc:
            failures.append((url, exc))
            if len(urls) > len(failures):
                log.warning("%s (trying the next URL)", exc)
            continue
        if failures:
            log.warning(
                "%s: downloaded from %s%s, after %s failed",
                source.source_id,
                "mirror " if url in source.mirrors else "",
                url,
                ", ".join(tried for tried, _ in failures),
            )
        return result
    if len(failures) == 1:
        raise failures[0][1]
    lines = "".join(f"\n  - {url}: {_without_prefix(source, url, exc)}" for url, exc in failures)
    raise http.FetchError(
        f"{source.source_id}: none of its {len(failures)} download URLs served the file:{lines}",
        source_id=source.source_id,
        file=layout.file_name,
        url=failures[-1][0],
    )


def _without_prefix(source: Source, url: str, exc: PlaceindexError) -> str:
    """The error's own words: fetch's messages start with the source and the URL, which a list
    of URLs already names."""
    return str(exc).removeprefix(f"{source.source_id}: {url}: ")


def _keep(
    source: Source,
    settings: Settings,
    path: Path,
    *,
    companions: list[Path] | None = None,
    file_name: str,
    origin: str,
    url: str,
    etag: str | None,
    last_modified: str | None,
    synthetic: bool,
    move: bool,
) -> LandedFile:
    # The main file first: provenance names it, and the reader opens it.
    members = [(path, file_name), *((companion, companion.name) for companion in companions or ())]
    files, digest = files_digest(members)
    target_dir = settings.raw_dir / source.source_id / digest
    target_dir.mkdir(parents=True, exist_ok=True)
    for found, name in members:
        _land_file(found, target_dir / name, move=move)
    target = target_dir / file_name
    provenance = Provenance(
        source_id=source.source_id,
        title=source.title,
        publisher=source.publisher,
        url=url,
        origin=origin,
        file_name=file_name,
        sha256=digest,
        bytes=sum(entry["bytes"] for entry in files),
        etag=etag,
        last_modified=last_modified,
        fetched_at=now_utc(),
        licence=source.licence,
        attribution=source.attribution,
        vintage=source.vintage,
        synthetic=synthetic,
        files=tuple(files),
    )
    _write_atomic(target_dir / "provenance.json", provenance.to_json())
    _write_atomic(settings.raw_dir / source.source_id / "latest.json", provenance.to_json())
    return LandedFile(path=target, provenance=provenance, downloaded=True)


def _land_file(path: Path, target: Path, *, move: bool) -> None:
    """Copy (or move) a file to its place in a landing, unless the same bytes are already there."""
    if target.exists():
        if move:
            path.unlink(missing_ok=True)
        return
    # Copy beside the target then rename, so a crash never leaves a half-written file; a landing
    # with a file missing is completed next time, and latest.json is written only once all are in.
    with tempfile.NamedTemporaryFile(dir=target.parent, delete=False, suffix=".part") as tmp:
        tmp_path = Path(tmp.name)
    try:
        if move:
            shutil.move(path, tmp_path)
        else:
            shutil.copyfile(path, tmp_path)
        os.replace(tmp_path, target)
    finally:
        tmp_path.unlink(missing_ok=True)


def _write_atomic(path: Path, text: str) -> None:
    tmp = path.with_suffix(path.suffix + ".part")
    tmp.write_text(text)
    os.replace(tmp, path)
