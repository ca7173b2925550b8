"""The geography family: the ONS IMD and LSOA/ward/district lookups, the LA codes file, the postcode
directory (ONSPD) and Trafford Data Lab's subset of it, the LSOA centroids and Trafford Data Lab's
LSOA 2021 boundaries, all for the demo country (see `demo.world`).

The lookups keep their publishers' quirks: the LSOA 2011 -> 2021 lookup is Windows-1252 (Welsh
names with 'ô'), the ward 2023 one UTF-8 with a byte-order mark; the ONS files list their rows in no
code order, with FID / ObjectId counters. The postcode directory's column order is reconstructed (no
real file was available offline); geographies the demo has no codes for hold ONS pseudo-codes. The
Trafford Data Lab files carry Mockchester under Trafford's labels (`TRAFFORD_LABEL`), and the
boundaries are rectangles that tile a box round Mockchester, each holding its LSOA's centroid and its
libraries' points (so point-in-polygon agrees with them).

Every header, file name, zip member and encoding is the catalog's.
"""

from __future__ import annotations

import csv
import io
import json
import math
import random
from dataclasses import dataclass
from typing import Any

from demo.layouts import csv_file, header, layout
from demo.world import World
from demo.world.areas import (
    BY_CODE,
    DISTRICTS,
    ENGLAND,
    EW,
    GB,
    MOCKCHESTER,
    NI,
    TRAFFORD_LABEL,
    UK,
    WALES,
    Geography,
    Lsoa11,
    Lsoa21,
    msoa_name,
)
from demo.world.libraries import Library, gm_library_point
from demo.world.places import (
    DISTRICT_CENTRES,
    KM_PER_DEGREE,
    NO_GRID_POSTCODE,
    Places,
    Point,
    demo_postcodes,
    haversine_km,
    terminated_postcodes,
)
from demo.writers import r_number, row_by_name, zip_bytes
from ingest.catalog import get_source

IMD_LOOKUP = layout("ons__imd2019_lookup")
LSOA11_LSOA21 = layout("ons__lsoa11_lsoa21_lad22")
LSOA21_WARD23 = layout("ons__lsoa21_ward23_lad23")
LSOA11_WARD19 = layout("ons__lsoa11_ward19_lad19")
WARD19_LAD19 = layout("ons__ward19_lad19")
LA_ALL_CODES = layout("drkane__la_all_codes")
ONSPD = layout("ons__postcode_directory", "zip")
TRAFFORD_POSTCODES = layout("trafforddatalab__trafford_postcodes")
LSOA_LATLONG = layout("drkane__lsoa_latlong")
GM_LSOA21_BOUNDARIES = layout("trafforddatalab__gm_lsoa21_boundaries")
FILES = tuple(
    found.file_name
    for found in (
        IMD_LOOKUP,
        LSOA11_LSOA21,
        LSOA21_WARD23,
        LSOA11_WARD19,
        WARD19_LAD19,
        LA_ALL_CODES,
        ONSPD,
        TRAFFORD_POSTCODES,
        LSOA_LATLONG,
        GM_LSOA21_BOUNDARIES,
    )
)

_ONSPD_HEADER = header(ONSPD)
# The boundary file's feature properties, as the catalog lists them before the reader's geometry
# column.
_AREA_CODE, _AREA_NAME, _ = (
    column.header for column in get_source("trafforddatalab__gm_lsoa21_boundaries").columns
)


def build(world: World) -> dict[str, bytes]:
    files = _lookups(world)
    files[LA_ALL_CODES.file_name] = csv_file(LA_ALL_CODES, _la_all_codes_rows())
    records = _postcode_records(world)
    files[ONSPD.file_name] = zip_bytes([(ONSPD.member, _onspd_csv(world, records))])
    files[TRAFFORD_POSTCODES.file_name] = _trafford_postcodes_csv(world, records)
    files[LSOA_LATLONG.file_name] = _lsoa_latlong_csv(world.places)
    files[GM_LSOA21_BOUNDARIES.file_name] = _gm_lsoa21_geojson(world)
    return files


# --- The ONS lookups and the LA codes file ----------------------------------------------------


def _lookups(world: World) -> dict[str, bytes]:
    """The ONS IMD lookup and the LSOA, ward and district lookups. One random stream orders the
    rows of all three lookups that list them in no code order (as published)."""
    geography, iod = world.geography, world.iod
    files: dict[str, bytes] = {}
    # ONS IMD lookup: FID 1..n over rows in no particular order (as published).
    rng = random.Random(world.seed + 2)
    shuffled = list(iod)
    rng.shuffle(shuffled)
    files[IMD_LOOKUP.file_name] = csv_file(
        IMD_LOOKUP,
        [
            [r.lsoa.code, r.lsoa.name, r.lsoa.district.code, r.lsoa.district.name, r.imd_rank, fid]
            for fid, r in enumerate(shuffled, start=1)
        ],
    )

    # LSOA 2011 -> 2021 -> LAD 2022: Windows-1252 (Welsh names with 'ô'), LF, no BOM.
    files[LSOA11_LSOA21.file_name] = csv_file(
        LSOA11_LSOA21,
        [
            [
                old.code,
                old.name,
                new.code,
                new.name,
                chgind,
                new.district22.code,
                new.district22.name,
                new.district22.welsh_name,
                object_id,
            ]
            for object_id, (old, new, chgind) in enumerate(geography.pairs, start=1)
        ],
    )

    # LSOA 2021 -> ward 2023 -> LAD 2023: UTF-8 with BOM, LF; rows grouped by district and ward.
    rows_23 = []
    for country in ("E", "W"):
        districts = [d for d in DISTRICTS if d.code[0] == country and not d.successor]
        for district in districts:
            wards = [w for w in geography.wards23 if w.district is district]
            rng.shuffle(wards)
            for ward in wards:
                members = [lsoa for lsoa in geography.lsoa21 if lsoa.ward23 is ward]
                rows_23 += [
                    [
                        lsoa.code,
                        lsoa.name,
                        lsoa.welsh_name,
                        ward.code,
                        ward.name,
                        ward.welsh_name,
                        district.code,
                        district.name,
                        district.welsh_name,
                    ]
                    for lsoa in members
                ]
    files[LSOA21_WARD23.file_name] = csv_file(
        LSOA21_WARD23,
        [row + [object_id] for object_id, row in enumerate(rows_23, start=1)],
        bom=True,
    )

    # LSOA 2011 -> ward 2019 -> LAD 2019: FID first, rows grouped by ward (not in LSOA order).
    wards19_ew = [w for w in geography.wards19 if w.code[0] in "EW"]
    english_wards = [w for w in wards19_ew if w.code[0] == "E"]
    rng.shuffle(english_wards)
    rows_19 = []
    for ward in english_wards + [w for w in wards19_ew if w.code[0] == "W"]:
        members = [lsoa for lsoa in geography.lsoa11 if lsoa.ward19 is ward]
        rng.shuffle(members)
        rows_19 += [
            [lsoa.code, lsoa.name, ward.code, ward.name, ward.district.code, ward.district.name]
            for lsoa in members
        ]
    files[LSOA11_WARD19.file_name] = csv_file(
        LSOA11_WARD19, [[fid] + row for fid, row in enumerate(rows_19, start=1)]
    )

    # Ward 2019 -> LAD 2019, UK: England, then Northern Ireland, Scotland, Wales (as published).
    uk_wards = [w for w in english_wards] + [
        w for country in "NSW" for w in geography.wards19 if w.code[0] == country
    ]
    files[WARD19_LAD19.file_name] = csv_file(
        WARD19_LAD19,
        [
            [fid, w.code, w.name, w.district.code, w.district.name]
            for fid, w in enumerate(uk_wards, start=1)
        ],
    )
    return files


def _la_all_codes_rows() -> list[list[str]]:
    rows = []
    for district in sorted(DISTRICTS, key=lambda d: d.code):
        active = BY_CODE[district.successor] if district.successor else district
        country = district.country
        upper = (active.code, active.name) if district.successor else None
        upper = upper or district.county or (district.code, district.name)
        combined = district.combined_authority or ("", "")
        region = district.region or ("", "")
        in_ew = country in (ENGLAND, WALES)
        in_gb = country != NI
        rows.append(
            [
                district.code,
                district.name,
                active.code,
                active.name,
                *upper,
                *combined,
                *region,
                *country,
                *(EW if in_ew else ("", "")),
                *(GB if in_gb else ("", "")),
                *UK,
                "FALSE" if district.successor else "TRUE",
                active.code,
                active.name,
            ]
        )
    return rows


# --- Postcode directory (ONSPD layout), Trafford subset and LSOA centroids ----------------------


def _bng(point: Point) -> tuple[int, int]:
    """Approximate OS National Grid easting and northing (Airy 1830 transverse Mercator; the
    WGS84-to-OSGB36 datum shift of ~100 m is ignored, which is plenty for synthetic points)."""
    a, b, f0 = 6377563.396, 6356256.909, 0.9996012717
    lat0, lon0, n0, e0 = math.radians(49.0), math.radians(-2.0), -100000.0, 400000.0
    lat, lon = math.radians(point[0]), math.radians(point[1])
    e2 = 1 - (b * b) / (a * a)
    n = (a - b) / (a + b)
    sin_lat, cos_lat, tan_lat = math.sin(lat), math.cos(lat), math.tan(lat)
    nu = a * f0 / math.sqrt(1 - e2 * sin_lat**2)
    rho = a * f0 * (1 - e2) / (1 - e2 * sin_lat**2) ** 1.5
    eta2 = nu / rho - 1
    d, s = lat - lat0, lat + lat0
    m = (
        b
        * f0
        * (
            (1 + n + 1.25 * n**2 + 1.25 * n**3) * d
            - (3 * n + 3 * n**2 + 2.625 * n**3) * math.sin(d) * math.cos(s)
            + (1.875 * n**2 + 1.875 * n**3) * math.sin(2 * d) * math.cos(2 * s)
            - (35 / 24) * n**3 * math.sin(3 * d) * math.cos(3 * s)
        )
    )
    dl = lon - lon0
    north = (
        m
        + n0
        + nu / 2 * sin_lat * cos_lat * dl**2
        + nu / 24 * sin_lat * cos_lat**3 * (5 - tan_lat**2 + 9 * eta2) * dl**4
        + nu / 720 * sin_lat * cos_lat**5 * (61 - 58 * tan_lat**2 + tan_lat**4) * dl**6
    )
    east = (
        e0
        + nu * cos_lat * dl
        + nu / 6 * cos_lat**3 * (nu / rho - tan_lat**2) * dl**3
        + nu
        / 120
        * cos_lat**5
        * (5 - 18 * tan_lat**2 + tan_lat**4 + 14 * eta2 - 58 * tan_lat**2 * eta2)
        * dl**5
    )
    return round(east), round(north)


@dataclass(frozen=True)
class _PostcodeRecord:
    postcode: str
    lsoa21: Lsoa21 | None
    lsoa11: Lsoa11 | None
    point: Point | None  # None: no grid reference
    introduced: str
    terminated: str = ""


def _postcode_records(world: World) -> list[_PostcodeRecord]:
    """Every demo postcode, live and terminated, with its LSOAs: a 2021 LSOA's postcodes lie in
    one of the 2011 LSOAs it came from (the nearest to the postcode's point)."""
    geography, places, postcodes = world.geography, world.places, world.postcodes
    rng = random.Random(f"{world.seed}:postcode-directory")
    lsoa21 = {lsoa.code: lsoa for lsoa in geography.lsoa21}
    parents: dict[str, list[Lsoa11]] = {}
    for old, new, _ in geography.pairs:
        parents.setdefault(new.code, []).append(old)
    records = []
    entries = [(postcode, code, "") for postcode, code in postcodes.items()]
    entries += terminated_postcodes(geography)
    for postcode, code, terminated in entries:
        point = places.postcodes[postcode]
        old = min(
            parents[code],
            key=lambda lsoa: (haversine_km(point, places.centroids[lsoa.code]), lsoa.code),
        )
        introduced = f"{rng.choice((1980, 1980, 1980, 1987, 1994, 2001, 2008, 2015))}{rng.choice((1, 6)):02d}"
        if terminated and introduced >= terminated:
            introduced = "198001"
        records.append(_PostcodeRecord(postcode, lsoa21[code], old, point, introduced, terminated))
    records.append(_PostcodeRecord(NO_GRID_POSTCODE, None, None, None, "199912", "200406"))
    records.sort(key=lambda record: record.postcode)
    return records


# Columns holding GSS codes (all but these from the sixth on): ONS pseudo-codes ('E99999999')
# where the demo has no area of that kind.
_ONSPD_NOT_CODES = (
    "usertype",
    "oseast1m",
    "osnrth1m",
    "osgrdind",
    "ur01ind",
    "oac01",
    "ru11ind",
    "oac11",
    "lat",
    "long",
    "imd",
)
_ONSPD_CODE_COLUMNS = tuple(
    column for column in _ONSPD_HEADER[5:] if column not in _ONSPD_NOT_CODES
)


class _Unquoted(str):
    """A value written without quotes in a QUOTE_NONNUMERIC CSV (the ONSPD's lat, long, imd and
    empty fields): the csv module leaves any value with a float conversion unquoted."""

    def __float__(self) -> float:
        return float(str(self) or "nan")


def _onspd_csv(world: World, records: list[_PostcodeRecord]) -> bytes:
    """The ONSPD: header unquoted, text quoted, lat/long/imd as bare numbers (as the ONS writes its
    postcode products); geographies the demo has no codes for hold ONS pseudo-codes."""
    geography = world.geography
    rng = random.Random(f"{world.seed}:onspd")
    msoa11 = {m.name: m.code for m in world.msoas[0]}
    msoa21 = {m.name: m.code for m in world.msoas[1]}
    imd = {row.lsoa.code: row.imd_rank for row in world.iod}
    welsh = sorted(lsoa.code for lsoa in geography.lsoa11 if lsoa.code[0] == "W")
    wimd = dict(zip(welsh, rng.sample(range(1, len(welsh) + 1), len(welsh)), strict=True))
    lines = [",".join(_ONSPD_HEADER)]
    for record in records:
        outward, inward = record.postcode.split(" ")
        values: dict[str, Any] = dict.fromkeys(_ONSPD_HEADER, "")
        values |= {
            "pcd": f"{outward:<4}{inward}",
            "pcd2": f"{outward:<5}{inward}",
            "pcds": record.postcode,
            "dointr": record.introduced,
            "doterm": record.terminated,
            "usertype": "1" if record.postcode.endswith(("ZQ", "YX")) else "0",
        }
        if record.lsoa21 is None or record.lsoa11 is None or record.point is None:
            pseudo = "E99999999"
            for column in _ONSPD_CODE_COLUMNS:
                values[column] = pseudo
            values |= {
                "usertype": "0",
                "oseast1m": "",
                "osnrth1m": "",
                "osgrdind": "9",
                "lat": _Unquoted("99.999999"),
                "long": _Unquoted("0.000000"),
                "imd": _Unquoted("0"),
                "ctry": "E92000001",
                "lsoa01": "",
                "msoa01": "",
                "oa01": "",
                "ur01ind": "",
                "oac01": "",
            }
        else:
            district = record.lsoa21.district22
            current = geography.district23[district.code]
            country = district.country[0]
            pseudo = f"{country[0]}99999999"
            east, north = _bng(record.point)
            for column in _ONSPD_CODE_COLUMNS:
                values[column] = pseudo
            values |= {
                "oscty": district.county[0] if district.county else pseudo,
                "oslaua": current.code,
                "osward": record.lsoa21.ward23.code if record.lsoa21.ward23 else pseudo,
                "oseast1m": f"{east:06d}",
                "osnrth1m": f"{north:07d}",
                "osgrdind": "1",
                "ctry": country,
                "rgn": district.region[0] if district.region else pseudo,
                "lsoa11": record.lsoa11.code,
                "msoa11": msoa11[msoa_name(record.lsoa11.name)],
                "lsoa21": record.lsoa21.code,
                "msoa21": msoa21[msoa_name(record.lsoa21.name)],
                "lat": _Unquoted(f"{record.point[0]:.6f}"),
                "long": _Unquoted(f"{record.point[1]:.6f}"),
                "imd": _Unquoted(
                    str(imd.get(record.lsoa11.code) or wimd.get(record.lsoa11.code, 0))
                ),
                "ru11ind": "A1"
                if district.urban >= 0.5
                else ("C1" if district.urban > 0.2 else "D1"),
                "oac11": "",
                "lsoa01": "",
                "msoa01": "",
                "oa01": "",
                "ur01ind": "",
                "oac01": "",
            }
        buffer = io.StringIO()
        # Empty fields bare (',,'), so a live postcode's doterm reads as missing, not as ''.
        csv.writer(buffer, lineterminator="", quoting=csv.QUOTE_NONNUMERIC).writerow(
            [
                _Unquoted(value) if value == "" else value
                for value in row_by_name(_ONSPD_HEADER, values)
            ]
        )
        lines.append(buffer.getvalue())
    # Line endings of the real file not confirmed offline: LF, as the other ONS lookups here.
    return ("\n".join(lines) + "\n").encode(ONSPD.encoding)


def _trafford_postcodes_csv(world: World, records: list[_PostcodeRecord]) -> bytes:
    """Trafford Data Lab's subset of the ONSPD, for Mockchester under Trafford's labels (see
    TRAFFORD_LABEL): live and terminated postcodes (no doterm column), those with a grid
    reference, with ward 2024 (the demo's 2023 wards), MSOA 2021 and a House of Commons
    Library-style MSOA name, and the council's locality."""
    geography, places = world.geography, world.places
    msoa21 = {m.name: m.code for m in world.msoas[1]}
    centre = DISTRICT_CENTRES[MOCKCHESTER]
    hcl_names: dict[str, str] = {}
    taken: set[str] = set()
    for lsoa in sorted(geography.lsoa21, key=lambda lsoa: lsoa.code):
        if lsoa.district22.code != MOCKCHESTER:
            continue
        code = msoa21[msoa_name(lsoa.name)]
        if code in hcl_names:
            continue
        base = lsoa.ward23.name if lsoa.ward23 else "Mockchester"
        name = base
        for suffix in ("", " North", " South", " East", " West", " Park", " Village"):
            name = base + suffix
            if name not in taken:
                break
        taken.add(name)
        hcl_names[code] = name
    rows = []
    for record in records:
        if record.lsoa21 is None or record.point is None:
            continue
        if record.lsoa21.district22.code != MOCKCHESTER:
            continue
        lsoa = record.lsoa21
        north_km = (places.centroids[lsoa.code][0] - centre[0]) * KM_PER_DEGREE
        east_km = haversine_km((centre[0], centre[1]), (centre[0], places.centroids[lsoa.code][1]))
        if places.centroids[lsoa.code][1] < centre[1]:
            east_km = -east_km
        # The council's four localities, by where the LSOA lies from the district's centre.
        if abs(east_km) > abs(north_km):
            locality = "West" if east_km < 0 else "Central"
        else:
            locality = "North" if north_km > 0 else "South"
        assert lsoa.ward23 is not None
        msoa = msoa21[msoa_name(lsoa.name)]
        rows.append(
            [
                record.postcode,
                lsoa.ward23.code,
                lsoa.ward23.name,
                msoa,
                hcl_names[msoa],
                lsoa.code,
                TRAFFORD_LABEL[1] + lsoa.name[len(lsoa.district22.short_name) :],
                locality,
                *TRAFFORD_LABEL,
                r_number(record.point[1]),
                r_number(record.point[0]),
            ]
        )
    return csv_file(TRAFFORD_POSTCODES, rows)


def _lsoa_latlong_csv(places: Places) -> bytes:
    """One geometric centre per LSOA 2011 and 2021 code (the union; unchanged codes once), data
    zone and NI super output area, in code order; lsoa11cd repeats LSOACD, as in the real file."""
    rows = [
        [code, repr(point[0]), repr(point[1]), code]
        for code, point in sorted(places.centroids.items())
    ]
    return csv_file(LSOA_LATLONG, rows)


# --- LSOA 2021 boundaries (Trafford Data Lab's Greater Manchester GeoJSON) ---------------------

GM_LSOA21_COLLECTION = "gm_lsoa_generalised"  # the collection's name in the real file
_CRS84 = "urn:ogc:def:crs:OGC:1.3:CRS84"
_BOUNDARY_MARGIN_KM = 0.5  # beyond the outermost Mockchester point, all round

Box = tuple[float, float, float, float]  # (south, west, north, east): latitudes and longitudes


def _cut(below: float, above: float) -> float:
    """A short number strictly between two coordinates: their midpoint, rounded to the fewest
    decimals (4 at least, about 10 m) that keep it strictly between them."""
    middle = (below + above) / 2
    for decimals in range(4, 16):
        cut = round(middle, decimals)
        if below < cut < above:
            return cut
    return middle


def _aspect(box: Box) -> float:
    """How elongated a box is: its longer side over its shorter, on the ground."""
    south, west, north, east = box
    height = (north - south) * KM_PER_DEGREE
    width = (east - west) * KM_PER_DEGREE * math.cos(math.radians((north + south) / 2))
    return max(height / width, width / height)


def _guillotine(anchors: dict[str, list[Point]], box: Box, out: dict[str, Box]) -> None:
    """Cut `box` in two, again and again, by straight lines (a parallel or a meridian) that keep
    every LSOA's anchor points on one side, until each piece holds one LSOA's: the pieces tile the
    box, with no gap or overlap, and each holds its own LSOA's points strictly inside. Of the cuts
    that separate, the one whose more elongated half is the least so (no slivers)."""
    codes = sorted(anchors)
    if len(codes) == 1:
        out[codes[0]] = box
        return
    south, west, north, east = box
    best: tuple[tuple[float, int, int], list[str], list[str], tuple[Box, Box]] | None = None
    for axis in (0, 1):  # 0: cut along a parallel (a latitude), 1: along a meridian
        low = {code: min(point[axis] for point in anchors[code]) for code in codes}
        high = {code: max(point[axis] for point in anchors[code]) for code in codes}
        order = sorted(codes, key=lambda code: (low[code], code))
        for k in range(1, len(order)):
            below = max(high[code] for code in order[:k])
            above = min(low[code] for code in order[k:])
            if not below < above:
                continue
            cut = _cut(below, above)
            if axis == 0:
                halves = ((south, west, cut, east), (cut, west, north, east))
            else:
                halves = ((south, west, north, cut), (south, cut, north, east))
            score = (max(map(_aspect, halves)), abs(2 * k - len(order)), axis)
            if best is None or score < best[0]:
                best = (score, order[:k], order[k:], halves)
    if best is None:
        raise ValueError(f"demo boundaries: no straight cut separates the LSOAs {codes}")
    _, first, second, halves = best
    _guillotine({code: anchors[code] for code in first}, halves[0], out)
    _guillotine({code: anchors[code] for code in second}, halves[1], out)


def build_lsoa21_boundaries(
    geography: Geography, places: Places, libraries: list[Library]
) -> dict[str, Box]:
    """A rectangle per Mockchester LSOA 2021 (the district the Trafford Data Lab files carry):
    together they tile a box round the district (no gaps, no overlaps), and each holds its LSOA's
    centroid and every library of that LSOA, where the 2016 list and the Greater Mockchester list
    put it, strictly inside (so a point-in-polygon test agrees with the libraries' postcodes)."""
    lsoas = [lsoa.code for lsoa in geography.lsoa21 if lsoa.district22.code == MOCKCHESTER]
    anchors: dict[str, list[Point]] = {code: [places.centroids[code]] for code in lsoas}
    for library in libraries:
        if library.district.code == MOCKCHESTER:
            anchors[library.lsoa.code] += [library.point, gm_library_point(library)]
    postcodes = demo_postcodes(geography)
    points = [point for code in lsoas for point in anchors[code]] + [
        places.postcodes[postcode]
        for postcode, code in [
            *postcodes.items(),
            *(t[:2] for t in terminated_postcodes(geography)),
        ]
        if code in anchors
    ]
    lat_margin = _BOUNDARY_MARGIN_KM / KM_PER_DEGREE
    lon_margin = lat_margin / math.cos(math.radians(DISTRICT_CENTRES[MOCKCHESTER][0]))
    box = (
        math.floor((min(p[0] for p in points) - lat_margin) * 1000) / 1000,
        math.floor((min(p[1] for p in points) - lon_margin) * 1000) / 1000,
        math.ceil((max(p[0] for p in points) + lat_margin) * 1000) / 1000,
        math.ceil((max(p[1] for p in points) + lon_margin) * 1000) / 1000,
    )
    rectangles: dict[str, Box] = {}
    _guillotine(anchors, box, rectangles)
    return rectangles


def _gm_lsoa21_geojson(world: World) -> bytes:
    """Trafford Data Lab's LSOA 2021 boundaries as GDAL writes GeoJSON: the collection's name and
    an OGC CRS84 member (lon/lat), one feature a line in code order, MultiPolygon geometries with
    clockwise rings, for Mockchester under Trafford's labels ('Trafford 001A' for 'Mockchester
    001A', as the Trafford postcodes file names them; see TRAFFORD_LABEL)."""
    rectangles = build_lsoa21_boundaries(world.geography, world.places, world.libraries)
    names = {lsoa.code: lsoa for lsoa in world.geography.lsoa21}
    features = []
    for code in sorted(rectangles):
        lsoa = names[code]
        south, west, north, east = rectangles[code]
        ring = ((west, north), (east, north), (east, south), (west, south), (west, north))
        coordinates = ", ".join(f"[ {lon!r}, {lat!r} ]" for lon, lat in ring)
        properties = {
            _AREA_CODE: code,
            _AREA_NAME: TRAFFORD_LABEL[1] + lsoa.name[len(lsoa.district22.short_name) :],
        }
        features.append(
            '{ "type": "Feature", "properties": { '
            + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in properties.items())
            + ' }, "geometry": { "type": "MultiPolygon", "coordinates": [ [ [ '
            + coordinates
            + " ] ] ] } }"
        )
    lines = [
        "{",
        '"type": "FeatureCollection",',
        f'"name": "{GM_LSOA21_COLLECTION}",',
        f'"crs": {{ "type": "name", "properties": {{ "name": "{_CRS84}" }} }},',
        '"features": [',
        ",\n".join(features),
        "]",
        "}",
        "",
    ]
    return "\n".join(lines).encode(GM_LSOA21_BOUNDARIES.encoding)
