"""The demo folder scaled: the inputs that grow in real life, N times over, for `make bench-scale`.

`write_scaled_files(folder, factor)` writes the whole demo folder (so every source is there and the
folder is marked synthetic, as the demo's is), then rewrites the files that grow:

- grants: the catalog's grant sources together hold `GRANTS_PER_FACTOR` x N grants, shared evenly
  between their files, each file in its own form (the CSVs, the XLSX workbook, the two JSON
  documents). The catalog reads one file per grant source, so the grants grow inside those files,
  not into more files. Each file opens with the demo's own grants, byte for byte; the rest are
  copies of them (the demo's deliberate rejects apart) under new identifiers, and a copy of a grant
  to a recipient with a demo postcode is given another postcode from the directory below;
- the postcode directory (ONSPD layout, `ons__postcode_directory`) holds `POSTCODES_PER_FACTOR` x N
  postcodes: the demo's, then made-up ones in sectors placed in demo LSOAs, so every grant's
  postcode is in it and placement by postcode joins the full directory;
- the survey sources: the well-being series runs for `wellbeing_years(N)` years (the demo's 12 at
  1x, 16 at 10x, 20 at 100x), the subnational indicators explorer for `indicator_periods(N)`
  periods of each indicator (1, 10, 20).

Everything else stays at the demo's 1x. Made-up postcodes are in the areas ZR to ZY (ZY10 up; the
demo's own are ZY1..ZY9), which no real postcode uses. Generation is seeded and written a chunk at a
time, so a 100x folder (about 1.5 GB) is written in a few hundred MB of memory. A folder is current
when its `SCALE` stamp names this factor, `SCALE_VERSION` and the demo's version.

`python -m demo.scale FOLDER --factor N` writes FOLDER (unless current) and prints its path.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import io
import json
import math
import random
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Any

import demo
import demo.survey
from demo import DEMO_FILES, README_FILE, replace_folder
from demo.geography import ONSPD, _onspd_csv, _PostcodeRecord
from demo.grants import LLOYDS_NO_DESCRIPTION, LLOYDS_NO_RECIPIENT_ID
from demo.world import SEED, World
from demo.world.areas import Lsoa11, Lsoa21
from demo.world.places import POSTCODE_AREA, haversine_km, in_disc
from demo.writers import FIXED_TIME, ZIP_TIME
from ingest.catalog import FileLayout, Source, family_sources

SCALE_VERSION = "1"
STAMP_FILE = "SCALE"
GRANTS_PER_FACTOR = 10_000
POSTCODES_PER_FACTOR = 27_000

GRANT_SOURCES: tuple[Source, ...] = family_sources("grants")
# Grants the demo writes breaking the standard's required rules on purpose: kept once, not copied.
_NOT_COPIED = frozenset({LLOYDS_NO_RECIPIENT_ID, LLOYDS_NO_DESCRIPTION})
_POSTCODE_TITLE = "Recipient Org:Postal Code"
_CHUNK = 20_000

# Made-up postcode areas, filled from ZY down; a district number of two digits keeps each area's
# postcodes in the directory's order (ZY10 after ZY9), and ZY1..ZY9 stay the demo's.
_AREAS = (POSTCODE_AREA, "ZX", "ZW", "ZV", "ZU", "ZT", "ZS", "ZR")
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"
_DISTRICTS = range(10, 100)
_PER_SECTOR = len(_UNIT_LETTERS) ** 2
_PER_DISTRICT = 10 * _PER_SECTOR
_PER_AREA = len(_DISTRICTS) * _PER_DISTRICT


def grants_total(factor: int) -> int:
    return GRANTS_PER_FACTOR * factor


def postcodes_total(factor: int) -> int:
    return POSTCODES_PER_FACTOR * factor


def wellbeing_years(factor: int) -> int:
    """Years of the well-being series: the demo's 12 at 1x, growing to 20 at 100x."""
    return min(20, len(demo.survey.WELLBEING_YEARS) + round(4 * math.log10(factor)))


def indicator_periods(factor: int) -> int:
    """Periods of each subnational indicator: the explorer's latest one at 1x, 20 at 100x."""
    return min(20, max(1, round(10 * math.log10(factor))))


# --- postcodes -----------------------------------------------------------------------------------


def made_up_postcode(index: int) -> str:
    """The `index`th made-up postcode (0-based), in filling order: ZY10 0AA, ZY10 0AB, ..."""
    area, rest = divmod(index, _PER_AREA)
    if area >= len(_AREAS):
        raise ValueError(f"only {len(_AREAS) * _PER_AREA:,} made-up postcodes; asked for {index:,}")
    district, rest = divmod(rest, _PER_DISTRICT)
    sector, unit = divmod(rest, _PER_SECTOR)
    first, second = divmod(unit, len(_UNIT_LETTERS))
    return (
        f"{_AREAS[area]}{_DISTRICTS[district]} {sector}"
        f"{_UNIT_LETTERS[first]}{_UNIT_LETTERS[second]}"
    )


def _made_up_records(world: World, area: int, count: int) -> Iterator[_PostcodeRecord]:
    """The first `count` made-up postcodes of area number `area`, in order: each sector in one
    demo LSOA 2021 (as real sectors cluster), each postcode near its centre, a quarter terminated."""
    geography, places = world.geography, world.places
    rng = random.Random(f"{world.seed}:scale:postcodes:{_AREAS[area]}")
    lsoas = sorted(geography.lsoa21, key=lambda lsoa: lsoa.code)
    parents: dict[str, list[Lsoa11]] = {}
    for old, new, _ in geography.pairs:
        parents.setdefault(new.code, []).append(old)
    lsoa: Lsoa21 = lsoas[0]
    for offset in range(count):
        if offset % _PER_SECTOR == 0:
            lsoa = rng.choice(lsoas)
        point = in_disc(rng, places.centroids[lsoa.code], 0.35)
        olds = parents[lsoa.code]
        old = olds[0]
        if len(olds) > 1:
            old = min(olds, key=lambda o: (haversine_km(point, places.centroids[o.code]), o.code))
        introduced = (
            f"{rng.choice((1980, 1980, 1987, 1994, 2001, 2008, 2015))}{rng.choice((1, 6)):02d}"
        )
        terminated = ""
        if rng.random() < 0.25:
            terminated = f"{rng.randint(1996, 2024)}{rng.choice((2, 5, 8, 11)):02d}"
            if introduced >= terminated:
                introduced = "198001"
        yield _PostcodeRecord(
            made_up_postcode(area * _PER_AREA + offset), lsoa, old, point, introduced, terminated
        )


def _write_onspd(path: Path, world: World, total: int) -> int:
    """The ONSPD zip: the demo's postcodes and made-up ones to `total`, in postcode order, its one
    member deflated as it is written. Returns how many are made up."""
    with zipfile.ZipFile(path) as archive:
        lines = archive.read(ONSPD.member).split(b"\n")
    header, demo_lines = lines[0], [line for line in lines[1:] if line]
    made_up = total - len(demo_lines)
    counts = [min(_PER_AREA, max(0, made_up - area * _PER_AREA)) for area in range(len(_AREAS))]
    info = zipfile.ZipInfo(ONSPD.member, date_time=ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.external_attr = 0o600 << 16
    with zipfile.ZipFile(path, "w") as archive, archive.open(info, "w", force_zip64=True) as out:
        out.write(header + b"\n")
        # Areas in the directory's order: ZR ... ZX, then ZY, whose demo postcodes come first.
        for area in reversed(range(len(_AREAS))):
            if _AREAS[area] == POSTCODE_AREA:
                out.write(b"\n".join(demo_lines) + b"\n")
            chunk: list[_PostcodeRecord] = []
            for record in _made_up_records(world, area, counts[area]):
                chunk.append(record)
                if len(chunk) == _CHUNK:
                    out.write(_onspd_rows(world, chunk))
                    chunk = []
            if chunk:
                out.write(_onspd_rows(world, chunk))
    return made_up


def _onspd_rows(world: World, records: list[_PostcodeRecord]) -> bytes:
    """ONSPD lines for `records` as the demo writes its own, without the header line."""
    data = _onspd_csv(world, records)
    return data[data.index(b"\n") + 1 :]


# --- grants --------------------------------------------------------------------------------------


def _per_file(factor: int) -> list[int]:
    total, files = grants_total(factor), len(GRANT_SOURCES)
    return [total // files + (1 if index < total % files else 0) for index in range(files)]


class _Postcodes:
    """New recipient postcodes for copied grants, drawn from the made-up ones (all in the
    directory); a grant whose recipient has no demo postcode keeps what it has."""

    def __init__(self, rng: random.Random, made_up: int) -> None:
        self.rng, self.made_up = rng, made_up

    def replacing(self, value: Any) -> Any:
        if not isinstance(value, str) or not value.strip().upper().startswith(POSTCODE_AREA):
            return value
        return made_up_postcode(self.rng.randrange(self.made_up))


def _copy_id(identifier: str, serial: int) -> str:
    return f"{identifier}-S{serial}"


def _write_grants(folder: Path, factor: int, made_up: int, seed: int) -> None:
    for source, rows in zip(GRANT_SOURCES, _per_file(factor), strict=True):
        path = folder / DEMO_FILES[source.source_id]
        layout = source.layout_for(path.name)
        postcodes = _Postcodes(random.Random(f"{seed}:scale:grants:{source.source_id}"), made_up)
        writer = {"csv": _grants_csv, "xlsx": _grants_xlsx, "json": _grants_json}[layout.format]
        writer(path, layout, rows, postcodes)


def _copies(templates: list[Any], count: int) -> Iterator[tuple[int, Any]]:
    for serial in range(1, count + 1):
        yield serial, templates[(serial - 1) % len(templates)]


def _grants_csv(path: Path, layout: FileLayout, rows: int, postcodes: _Postcodes) -> None:
    data = path.read_bytes()
    line_end = "\r\n" if data.split(b"\n", 1)[0].endswith(b"\r") else "\n"
    records = list(csv.reader(io.StringIO(data.decode(layout.encoding), newline="")))
    header, published = records[0], records[1:]
    identifier = header.index("Identifier")
    postcode = header.index(_POSTCODE_TITLE) if _POSTCODE_TITLE in header else None
    templates = [row for row in published if row[identifier] not in _NOT_COPIED]
    with path.open("ab") as out:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator=line_end)
        for serial, template in _copies(templates, rows - len(published)):
            row = list(template)
            row[identifier] = _copy_id(template[identifier], serial)
            if postcode is not None:
                row[postcode] = postcodes.replacing(template[postcode])
            writer.writerow(row)
            if serial % _CHUNK == 0:
                out.write(buffer.getvalue().encode(layout.encoding))
                buffer.seek(0)
                buffer.truncate()
        out.write(buffer.getvalue().encode(layout.encoding))


def _grants_xlsx(path: Path, layout: FileLayout, rows: int, postcodes: _Postcodes) -> None:
    """The workbook rewritten row by row (constant memory), the demo's rows first, with the demo's
    number formats; its properties pinned as the demo pins them."""
    import xlsxwriter
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True)
    sheet_rows = list(book[layout.sheet or book.sheetnames[0]].iter_rows(values_only=True))
    book.close()
    header, published = list(sheet_rows[0]), [list(row) for row in sheet_rows[1:]]
    identifier, postcode = header.index("Identifier"), header.index(_POSTCODE_TITLE)
    templates = [row for row in published if row[identifier] not in _NOT_COPIED]

    path.unlink()
    workbook = xlsxwriter.Workbook(str(path), {"constant_memory": True})
    workbook.set_properties(
        {
            "author": "placeindex demo generator (synthetic data)",
            "title": "SYNTHETIC demo data - not official statistics",
            "created": FIXED_TIME,
        }
    )
    formats = {
        "Amount Awarded": workbook.add_format({"num_format": "0.00"}),
        "Award Date": workbook.add_format({"num_format": "DD/MM/YYYY"}),
        "Planned Dates:Start Date": workbook.add_format({"num_format": "DD/MM/YYYY"}),
        "Planned Dates:End Date": workbook.add_format({"num_format": "DD/MM/YYYY"}),
        "Planned Dates:Duration (months)": workbook.add_format({"num_format": "0"}),
    }
    column_formats = [formats.get(title) for title in header]
    sheet = workbook.add_worksheet(layout.sheet or "grants")
    sheet.write_row(0, 0, header)

    def write(number: int, values: list[Any]) -> None:
        for column, value in enumerate(values):
            if value is None:
                continue
            cell_format = column_formats[column]
            if isinstance(value, date):
                sheet.write_datetime(number, column, value, cell_format)
            elif isinstance(value, int | float):
                sheet.write_number(number, column, value, cell_format)
            else:
                sheet.write_string(number, column, str(value))

    for number, values in enumerate(published, start=1):
        write(number, values)
    for serial, template in _copies(templates, rows - len(published)):
        values = list(template)
        values[identifier] = _copy_id(template[identifier], serial)
        values[postcode] = postcodes.replacing(template[postcode])
        write(len(published) + serial, values)
    workbook.close()


def _grants_json(path: Path, layout: FileLayout, rows: int, postcodes: _Postcodes) -> None:
    """The document rewritten with its grant array grown, one grant dumped at a time: the text
    around the array is the demo's own (indent, key order, final newline or none)."""
    data = path.read_bytes()
    document = json.loads(data)
    key = "grants" if "grants" in document else "results"
    published: list[dict[str, Any]] = document[key]
    templates = [item for item in published if item.get("id") not in _NOT_COPIED]
    indent = 4 if data.startswith(b"{\n    ") else 2
    if key == "results":
        # An API page holding every result: its paging says so.
        document["meta"]["totalResults"] = rows
        document["meta"]["pagination"] |= {"perPageCount": rows, "totalPages": 1}
    marker = "placeindex scale: the grants go here"
    text = json.dumps({**document, key: [marker]}, indent=indent)
    at = text.index(json.dumps(marker))
    line_start = text.rindex("\n", 0, at) + 1
    head, pad, tail = text[:line_start], text[line_start:at], text[at + len(json.dumps(marker)) :]
    final = b"\n" if data.endswith(b"\n") else b""

    def dumped(item: dict[str, Any]) -> bytes:
        lines = json.dumps(item, indent=indent).split("\n")
        return "\n".join(pad + line for line in lines).encode("ascii")

    with path.open("wb") as out:
        out.write(head.encode("ascii"))
        out.write(b",\n".join(dumped(item) for item in published))
        for serial, template in _copies(templates, rows - len(published)):
            item = dict(template, id=_copy_id(template["id"], serial))
            recipients = item.get("recipientOrganization")
            if recipients:
                first = dict(recipients[0])
                if "postalCode" in first:
                    first["postalCode"] = postcodes.replacing(first["postalCode"])
                item["recipientOrganization"] = [first, *recipients[1:]]
            out.write(b",\n" + dumped(item))
        out.write(tail.encode("ascii") + final)


# --- survey --------------------------------------------------------------------------------------


@contextlib.contextmanager
def _lent(module: ModuleType, **values: Any) -> Iterator[None]:
    """The survey writers read their indicator and year lists from module constants: a longer
    series is written by lending them longer ones for the one call."""
    saved = {name: getattr(module, name) for name in values}
    for name, value in values.items():
        setattr(module, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(module, name, value)


def earlier_periods(period: str, count: int) -> list[str]:
    """`count` periods of an indicator's kind, oldest first, ending with `period`: '2020' years,
    '202021' financial years, '201820' three-year spans."""
    first = int(period[:4])
    if len(period) == 4:
        return [str(first - back) for back in reversed(range(count))]
    span = (int(period[4:]) - first) % 100
    return [f"{first - back}{(first - back + span) % 100:02d}" for back in reversed(range(count))]


def _write_survey(folder: Path, factor: int, seed: int) -> None:
    survey = demo.survey
    periods = indicator_periods(factor)
    specs = tuple(
        replace(spec, period=period)
        for spec in survey.SURVEY_INDICATORS_SPEC
        for period in earlier_periods(spec.period, periods)
    )
    last = int(survey.WELLBEING_YEARS[-1][:4])
    years = tuple(
        f"{year}-{(year + 1) % 100:02d}"
        for year in range(last - wellbeing_years(factor) + 1, last + 1)
    )
    with _lent(survey, SURVEY_INDICATORS_SPEC=specs):
        (folder / survey.SURVEY.file_name).write_bytes(survey.survey_csv(seed))
    with _lent(survey, WELLBEING_YEARS=years):
        (folder / survey.WELLBEING.file_name).write_bytes(survey.wellbeing_csv(seed))


# --- the folder ----------------------------------------------------------------------------------

_README = """
SCALED x{factor} FOR BENCHMARKING (demo.scale, scale version {version})

The inputs that grow in real life are {factor} times the scale benchmark's base: {grants:,} grants
across the grant files (copies of the demo's grants under new identifiers), {postcodes:,} postcodes
in the postcode directory (made-up ones in the areas ZR to ZY, ZY10 up, each in a demo LSOA), the
well-being series over {years} years and each subnational indicator over {periods} period(s).
Everything else is the demo's. Still synthetic: not official statistics.
"""


def stamp(factor: int, seed: int = SEED) -> str:
    return (
        f"factor {factor}\nscale version {SCALE_VERSION}\ndemo version {demo.DEMO_VERSION}\n"
        f"seed {seed}\n"
    )


def is_current(folder: Path, factor: int, seed: int = SEED) -> bool:
    try:
        written = (folder / STAMP_FILE).read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return False
    return written == stamp(factor, seed) and demo.is_current(folder)


def write_scaled_files(folder: Path, factor: int, seed: int = SEED) -> None:
    """Write the demo folder scaled by `factor` into `folder`; the stamp goes last."""
    if factor < 1:
        raise ValueError(f"factor must be 1 or more, not {factor}")
    world = World(seed)
    demo.write_demo_files(folder, seed)
    onspd = folder / DEMO_FILES["ons__postcode_directory"]
    made_up = _write_onspd(onspd, world, postcodes_total(factor))
    _write_grants(folder, factor, made_up, seed)
    _write_survey(folder, factor, seed)
    note = _README.format(
        factor=factor,
        version=SCALE_VERSION,
        grants=grants_total(factor),
        postcodes=postcodes_total(factor),
        years=wellbeing_years(factor),
        periods=indicator_periods(factor),
    )
    with (folder / README_FILE).open("a", encoding="utf-8") as readme:
        readme.write(note)
    (folder / STAMP_FILE).write_text(stamp(factor, seed), encoding="ascii")


def ensure_scaled_files(folder: Path, factor: int, seed: int = SEED) -> Path:
    """`folder`, written first unless it is current: into a sibling that replaces it by rename,
    so an interrupted run never leaves half a folder looking current."""
    folder = Path(folder)
    if is_current(folder, factor, seed):
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    replace_folder(folder, lambda staging: write_scaled_files(staging, factor, seed))
    return folder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m demo.scale",
        description="Write the synthetic demo folder with the inputs that grow scaled by FACTOR.",
    )
    parser.add_argument("folder", type=Path)
    parser.add_argument("--factor", type=int, default=1, help="1 = the benchmark's base (1x)")
    args = parser.parse_args(argv)
    if args.factor < 1:
        parser.error("--factor must be 1 or more")
    print(ensure_scaled_files(args.folder, args.factor))
    return 0


if __name__ == "__main__":
    sys.exit(main())
