"""The geography family: the ONS IMD and LSOA/ward/district lookups (wards of 2019, 2023 and 2024),
the Rural Urban Classification 2021, the LA codes file, the postcode directory (ONSPD) and Trafford
Data Lab's subset of it, the LSOA centroids, Trafford Data Lab's Greater Manchester LSOA 2021
boundaries, the national LSOA 2021, ward 2023 and district 2024 boundaries, and the Westminster
constituency boundaries of July 2024 as ONS's shapefile set, all for the demo country (see
`demo.world`).

The lookups keep their publishers' quirks: the LSOA 2011 -> 2021 lookup is Windows-1252 (Welsh
names with 'ô'), the ward 2023 one UTF-8 with a byte-order mark; the ONS files list their rows in no
code order, with FID / ObjectId counters. The postcode directory's column order is reconstructed (no
real file was available offline); geographies the demo has no codes for hold ONS pseudo-codes. The
Trafford Data Lab files carry Mockchester under Trafford's labels (`TRAFFORD_LABEL`), and the
boundaries are rectangles that tile a box round Mockchester, each holding its LSOA's centroid and its
libraries' points (so point-in-polygon agrees with them). The national LSOA boundaries tile a box
round every district the same way (Mockchester's rectangles are the Greater Manchester file's); a
ward's boundary is the outline of its LSOAs' rectangles, a district's its box (two boxes for the
district two merged into), and the Scottish and Northern Irish areas of the UK-wide files are boxes
round their centres. A constituency (the democracy family's, drawn on LSOAs 2011) is the outline of
the LSOA 2021 rectangles most of whose people it holds, written in British National Grid metres
(the OS Helmert shift included, so it reads back on the rectangles' corners).

Every header, file name, zip member and encoding is the catalog's.
"""

from __future__ import annotations

import csv
import io
import json
import math
import random
import uuid
from dataclasses import dataclass
from typing import Any

from demo.democracy import Constituency, seats_2024
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
    District,
    Geography,
    Lsoa11,
    Lsoa21,
    Ward,
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
from demo.writers import DbfField, r_number, row_by_name, shapefile_set, zip_bytes
from ingest.catalog import get_source

IMD_LOOKUP = layout("ons__imd2019_lookup")
LSOA11_LSOA21 = layout("ons__lsoa11_lsoa21_lad22")
LSOA21_WARD23 = layout("ons__lsoa21_ward23_lad23")
LSOA21_WARD24 = layout("ons__lsoa21_ward24_lad24")
RUC21_LSOA21 = layout("ons__ruc21_lsoa21")
LSOA11_WARD19 = layout("ons__lsoa11_ward19_lad19")
WARD19_LAD19 = layout("ons__ward19_lad19")
LA_ALL_CODES = layout("drkane__la_all_codes")
ONSPD = layout("ons__postcode_directory", "zip")
TRAFFORD_POSTCODES = layout("trafforddatalab__trafford_postcodes")
LSOA_LATLONG = layout("drkane__lsoa_latlong")
GM_LSOA21_BOUNDARIES = layout("trafforddatalab__gm_lsoa21_boundaries")
LSOA21_BOUNDARIES = layout("ons__lsoa21_boundaries")
WARD23_BOUNDARIES = layout("ons__ward23_boundaries")
LAD24_BOUNDARIES = layout("ons__lad24_boundaries")
PCON24_BOUNDARIES = layout("ons__pcon24_boundaries", "shp")
FILES = tuple(
    name
    for found in (
        IMD_LOOKUP,
        LSOA11_LSOA21,
        LSOA21_WARD23,
        LSOA21_WARD24,
        RUC21_LSOA21,
        LSOA11_WARD19,
        WARD19_LAD19,
        LA_ALL_CODES,
        ONSPD,
        TRAFFORD_POSTCODES,
        LSOA_LATLONG,
        GM_LSOA21_BOUNDARIES,
        LSOA21_BOUNDARIES,
        WARD23_BOUNDARIES,
        LAD24_BOUNDARIES,
        PCON24_BOUNDARIES,
    )
    for name in (found.file_name, *found.companion_names)
)

_ONSPD_HEADER = header(ONSPD)
# The boundary file's feature properties, as the catalog lists them before the reader's geometry
# column.
_AREA_CODE, _AREA_NAME, _ = (
    column.header for column in get_source("trafforddatalab__gm_lsoa21_boundaries").columns
)


def build(world: World) -> dict[str, bytes]:
    files = _lookups(world)
    files[LSOA21_WARD24.file_name] = _lsoa21_ward24_csv(world)
    files[RUC21_LSOA21.file_name] = _ruc21_csv(world)
    files[LA_ALL_CODES.file_name] = csv_file(LA_ALL_CODES, _la_all_codes_rows())
    records = _postcode_records(world)
    files[ONSPD.file_name] = zip_bytes([(ONSPD.member, _onspd_csv(world, records))])
    files[TRAFFORD_POSTCODES.file_name] = _trafford_postcodes_csv(world, records)
    files[LSOA_LATLONG.file_name] = _lsoa_latlong_csv(world.places)
    files[GM_LSOA21_BOUNDARIES.file_name] = _gm_lsoa21_geojson(world)
    boxes = _national_boxes(world)
    files.update(_national_boundaries(world, boxes))
    files.update(_pcon24_shapefile(world, boxes))
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


# --- Wards of May 2024 and the Rural Urban Classification 2021 --------------------------------

# Wards recoded by the boundary reviews that took effect in May 2024 (E0592xxxx): one in
# Synthetown, one in Fakeley; every other 2024 ward is its 2023 self.
_RECODED_2024 = ("E06009901", "E07009901")


def wards24(geography: Geography) -> dict[str, Ward]:
    """LSOA 2021 code -> its best-fit ward of May 2024: the 2023 ward, except the first ward (by
    code) of each district in `_RECODED_2024`, which has a new code and the same name."""
    recoded: dict[str, Ward] = {}
    for serial, district_code in enumerate(_RECODED_2024, start=1):
        old = min(
            (w for w in geography.wards23 if w.district.code == district_code),
            key=lambda ward: ward.code,
        )
        recoded[old.code] = Ward(f"E0592{serial:04d}", old.name, old.district, old.welsh_name)
    found = {}
    for lsoa in geography.lsoa21:
        assert lsoa.ward23 is not None
        found[lsoa.code] = recoded.get(lsoa.ward23.code, lsoa.ward23)
    return found


def _lsoa21_ward24_csv(world: World) -> bytes:
    """The LSOA 2021 -> ward 2024 -> LAD 2024 lookup as the feature layer pages it: ObjectId 1..n
    over rows grouped by district and ward (England, then Wales). The districts of 2024 are the
    demo's 2023 ones (each ward's district)."""
    geography = world.geography
    rng = random.Random(f"{world.seed}:ward24")
    of_lsoa = wards24(geography)
    rows: list[list[Any]] = []
    for country in ("E", "W"):
        districts = sorted({w.district.code for w in of_lsoa.values() if w.code[0] == country})
        for district_code in districts:
            wards = sorted(
                {w.code: w for w in of_lsoa.values() if w.district.code == district_code}.values(),
                key=lambda ward: ward.code,
            )
            rng.shuffle(wards)
            for ward in wards:
                district = ward.district
                rows += [
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
                    for lsoa in geography.lsoa21
                    if of_lsoa[lsoa.code] is ward
                ]
    return csv_file(
        LSOA21_WARD24, [row + [object_id] for object_id, row in enumerate(rows, start=1)]
    )


# The six classes of the 2021 classification: code -> (name, urban/rural flag).
RUC21_CLASSES: dict[str, tuple[str, str]] = {
    "UN1": ("Urban: Nearer to a major town or city", "Urban"),
    "UF1": ("Urban: Further from a major town or city", "Urban"),
    "RLN1": ("Larger rural: Nearer to a major town or city", "Rural"),
    "RLF1": ("Larger rural: Further from a major town or city", "Rural"),
    "RSN1": ("Smaller rural: Nearer to a major town or city", "Rural"),
    "RSF1": ("Smaller rural: Further from a major town or city", "Rural"),
}


def ruc21_class(district: District, rng: random.Random) -> str:
    """A plausible class for an LSOA of `district`: rural in proportion to how rural the district
    is (none in a city), 'further from a major town or city' mostly in the most rural districts."""
    rural = rng.random() < max(0.0, 0.7 - district.urban)
    further = rng.random() < (0.5 if district.urban < 0.2 else 0.1)
    size = "U" if not rural else rng.choice(("RL", "RS"))
    return f"{size}{'F' if further else 'N'}1"


def _ruc21_csv(world: World) -> bytes:
    """The Rural Urban Classification of every demo LSOA 2021, in code order, ObjectId 1..n."""
    rng = random.Random(f"{world.seed}:ruc21")
    rows = []
    for object_id, lsoa in enumerate(sorted(world.geography.lsoa21, key=lambda x: x.code), 1):
        code = ruc21_class(lsoa.district22, rng)
        name, flag = RUC21_CLASSES[code]
        rows.append([lsoa.code, lsoa.name, code, name, flag, object_id])
    return csv_file(RUC21_LSOA21, rows)


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
    east, north = _transverse_mercator(point[0], point[1])
    return round(east), round(north)


# WGS84 to OSGB36: the OS's 7-parameter Helmert transformation (A guide to coordinate systems in
# Great Britain, section 6.6): metres, seconds of arc, parts per million. PROJ inverts it when it
# reads British National Grid without the OSTN15 grid, so a boundary written with it reads back
# where the demo drew it (to millimetres), in line with the demo's other boundaries.
_HELMERT = {"tx": -446.448, "ty": 125.157, "tz": -542.060, "s": 20.4894}
_HELMERT_ROTATION = {"rx": -0.1502, "ry": -0.2470, "rz": -0.8421}
_WGS84 = (6378137.000, 6356752.3142)
_AIRY = (6377563.396, 6356256.909)


def _national_grid(lon: float, lat: float) -> tuple[float, float]:
    """The OS National Grid easting and northing of a WGS84 position, datum shift included."""
    a, b = _WGS84
    e2 = 1 - (b * b) / (a * a)
    phi, lam = math.radians(lat), math.radians(lon)
    nu = a / math.sqrt(1 - e2 * math.sin(phi) ** 2)
    x = nu * math.cos(phi) * math.cos(lam)
    y = nu * math.cos(phi) * math.sin(lam)
    z = (1 - e2) * nu * math.sin(phi)
    scale = 1 + _HELMERT["s"] / 1e6
    rx, ry, rz = (math.radians(v / 3600) for v in _HELMERT_ROTATION.values())
    x, y, z = (
        _HELMERT["tx"] + scale * x - rz * y + ry * z,
        _HELMERT["ty"] + rz * x + scale * y - rx * z,
        _HELMERT["tz"] - ry * x + rx * y + scale * z,
    )
    a, b = _AIRY
    e2 = 1 - (b * b) / (a * a)
    p = math.hypot(x, y)
    phi = math.atan2(z, p * (1 - e2))
    for _ in range(10):
        nu = a / math.sqrt(1 - e2 * math.sin(phi) ** 2)
        phi = math.atan2(z + e2 * nu * math.sin(phi), p)
    return _transverse_mercator(math.degrees(phi), math.degrees(math.atan2(y, x)))


def _transverse_mercator(latitude: float, longitude: float) -> tuple[float, float]:
    """The National Grid projection (Airy 1830 transverse Mercator) of an OSGB36 position."""
    a, b, f0 = _AIRY[0], _AIRY[1], 0.9996012717
    lat0, lon0, n0, e0 = math.radians(49.0), math.radians(-2.0), -100000.0, 400000.0
    lat, lon = math.radians(latitude), math.radians(longitude)
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
    return east, north


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
        if any(len(anchors[code]) > 1 for code in codes):
            # No straight cut keeps every library with its LSOA: the centroids decide, and a
            # library's point may then lie in a neighbour (as a real point can lie outside the
            # LSOA of its postcode). Mockchester's LSOAs never need this.
            _guillotine({code: anchors[code][:1] for code in codes}, box, out)
            return
        raise ValueError(f"demo boundaries: no straight cut separates the LSOAs {codes}")
    _, first, second, halves = best
    _guillotine({code: anchors[code] for code in first}, halves[0], out)
    _guillotine({code: anchors[code] for code in second}, halves[1], out)


def build_lsoa21_boundaries(
    geography: Geography,
    places: Places,
    libraries: list[Library],
    district_code: str = MOCKCHESTER,
) -> dict[str, Box]:
    """A rectangle per LSOA 2021 of a district (by default Mockchester, the district the Trafford
    Data Lab files carry): together they tile a box round the district (no gaps, no overlaps), and
    each holds its LSOA's centroid, its postcodes and every library of that LSOA, where the 2016
    list (and, in Mockchester, the Greater Mockchester list) puts it, strictly inside (so a
    point-in-polygon test agrees with the libraries' postcodes)."""
    lsoas = [lsoa.code for lsoa in geography.lsoa21 if lsoa.district22.code == district_code]
    anchors: dict[str, list[Point]] = {code: [places.centroids[code]] for code in lsoas}
    for library in libraries:
        if library.district.code == district_code:
            anchors[library.lsoa.code] += [library.point]
            if district_code == MOCKCHESTER:
                anchors[library.lsoa.code] += [gm_library_point(library)]
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
    lon_margin = lat_margin / math.cos(math.radians(DISTRICT_CENTRES[district_code][0]))
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


# --- The national boundaries: LSOAs 2021, wards December 2023, districts May 2024 ---------------

# The ONS GeoJSON downloads' collection names (the layers' names).
LSOA21_COLLECTION = "Lower_layer_Super_Output_Areas_December_2021_Boundaries_EW_BSC_V4"
WARD23_COLLECTION = "Wards_December_2023_Boundaries_UK_BSC"
LAD24_COLLECTION = "Local_Authority_Districts_May_2024_Boundaries_UK_BUC"
# Scotland's and Northern Ireland's districts, which only the UK-wide files list: a box this many
# degrees either side of demo.world.places' centre for each (they have no LSOAs to tile it).
_OUTSIDE_EW_CENTRES = {"S": (55.95, -3.20), "N": (54.60, -5.93)}
_OUTSIDE_EW_HALF_SIDE = 0.1

Ring = list[tuple[float, float]]  # (longitude, latitude) positions, closed
Polygon = list[Ring]  # outer ring, then holes
Cell = tuple[int, int]


def _box_ring(box: Box) -> Ring:
    """A box's ring, counter-clockwise from its south-west corner (RFC 7946's outer rings)."""
    south, west, north, east = box
    return [(west, south), (east, south), (east, north), (west, north), (west, south)]


def _outline(boxes: list[Box]) -> list[Polygon]:
    """The union of boxes that do not overlap, as polygons: outer rings counter-clockwise, holes
    clockwise, only corners. The boxes' sides cut the plane into a grid of cells; the union's
    boundary is every cell side between a covered and an uncovered cell, walked with the covered
    cells on the left, taking the leftmost turn where two rings touch at a corner (so they stay two
    rings, as a valid MultiPolygon needs)."""
    lons = sorted({box[1] for box in boxes} | {box[3] for box in boxes})
    lats = sorted({box[0] for box in boxes} | {box[2] for box in boxes})
    covered = {
        (i, j)
        for south, west, north, east in boxes
        for i in range(lons.index(west), lons.index(east))
        for j in range(lats.index(south), lats.index(north))
    }
    edges: dict[Cell, list[Cell]] = {}
    for i, j in covered:
        for neighbour, start, end in (
            ((i, j - 1), (i, j), (i + 1, j)),
            ((i + 1, j), (i + 1, j), (i + 1, j + 1)),
            ((i, j + 1), (i + 1, j + 1), (i, j + 1)),
            ((i - 1, j), (i, j + 1), (i, j)),
        ):
            if neighbour not in covered:
                edges.setdefault(start, []).append(end)
    rings: list[list[Cell]] = []
    while edges:
        start = min(edges)
        ring, previous, here = [start], None, start
        while True:
            options = edges[here]
            step = options[0]
            if previous is not None and len(options) > 1:
                heading = (here[0] - previous[0], here[1] - previous[1])
                step = max(options, key=lambda end: _turn(heading, here, end))
            options.remove(step)
            if not options:
                del edges[here]
            previous, here = here, step
            if here == start:
                break
            ring.append(here)
        rings.append(
            [
                point
                for k, point in enumerate(ring)
                if _turn(
                    (point[0] - ring[k - 1][0], point[1] - ring[k - 1][1]),
                    point,
                    ring[(k + 1) % len(ring)],
                )[0]
                != 0
            ]
        )
    polygons = [[ring] for ring in rings if _area(ring) > 0]
    for hole in (ring for ring in rings if _area(ring) < 0):
        next(polygon for polygon in polygons if _inside(hole[0], polygon[0])).append(hole)
    polygons.sort(key=lambda polygon: (polygon[0][0][1], polygon[0][0][0]))
    return [
        [[(lons[i], lats[j]) for i, j in [*ring, ring[0]]] for ring in polygon]
        for polygon in polygons
    ]


def _turn(heading: Cell, here: Cell, end: Cell) -> tuple[int, int]:
    """How far a step from `here` to `end` turns left of `heading` (1 left, 0 straight on or
    back, -1 right), then how far it goes on ahead: a grid step's ranking at a corner."""
    step = (end[0] - here[0], end[1] - here[1])
    left = heading[0] * step[1] - heading[1] * step[0]
    return (left > 0) - (left < 0), heading[0] * step[0] + heading[1] * step[1]


def _area(ring: list[Cell]) -> int:
    """Twice the ring's signed area in grid steps: positive counter-clockwise."""
    return sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, [*ring[1:], ring[0]], strict=True))


def _inside(point: Cell, ring: list[Cell]) -> bool:
    """Whether a corner of one ring lies inside another (rings of one union never cross)."""
    x, y = point[0] + 0.5, point[1] + 0.25
    found = False
    for (xa, ya), (xb, yb) in zip(ring, [*ring[1:], ring[0]], strict=True):
        if (ya > y) != (yb > y) and x < xa + (y - ya) * (xb - xa) / (yb - ya):
            found = not found
    return found


def _feature(properties: dict[str, Any], polygons: list[Polygon]) -> str:
    """One feature on one line, as the ONS GeoJSON downloads write it: its properties, then a
    MultiPolygon geometry."""
    coordinates = ", ".join(
        "[ "
        + ", ".join(
            "[ " + ", ".join(f"[ {lon!r}, {lat!r} ]" for lon, lat in ring) + " ]"
            for ring in polygon
        )
        + " ]"
        for polygon in polygons
    )
    return (
        '{ "type": "Feature", "properties": { '
        + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in properties.items())
        + ' }, "geometry": { "type": "MultiPolygon", "coordinates": [ '
        + coordinates
        + " ] } }"
    )


def _collection(name: str, features: list[str], encoding: str) -> bytes:
    lines = [
        "{",
        '"type": "FeatureCollection",',
        f'"name": "{name}",',
        f'"crs": {{ "type": "name", "properties": {{ "name": "{_CRS84}" }} }},',
        '"features": [',
        ",\n".join(features),
        "]",
        "}",
        "",
    ]
    return "\n".join(lines).encode(encoding)


def _properties(source_id: str) -> list[str]:
    """The feature properties a boundary file's catalog entry reads (its geometry aside)."""
    return [c.header for c in get_source(source_id).columns if c.header != "geometry_geojson"]


@dataclass(frozen=True)
class _Boxes:
    """The shapes every national boundary file is drawn from."""

    lsoa21: dict[str, Box]  # LSOA 2021 code -> its rectangle
    districts: dict[str, list[Box]]  # LAD 2023 code -> its box (two for the 2023 merger)
    outside_wards: dict[str, tuple[Ward, Box]]  # Scotland's and NI's wards: strips of the box


def _national_boxes(world: World) -> _Boxes:
    """Every LSOA 2021 a rectangle tiling a box round its district (Mockchester's those of the
    Greater Manchester file); Scotland's and Northern Ireland's districts a box round their
    centre, cut in strips for their wards."""
    geography = world.geography
    rectangles: dict[str, Box] = {}
    district_boxes: dict[str, list[Box]] = {}
    for district in DISTRICTS:
        if not district.n_lsoa:
            continue
        found = build_lsoa21_boundaries(
            geography, world.places, world.libraries, district_code=district.code
        )
        rectangles |= found
        box = (
            min(b[0] for b in found.values()),
            min(b[1] for b in found.values()),
            max(b[2] for b in found.values()),
            max(b[3] for b in found.values()),
        )
        district_boxes.setdefault(geography.district23[district.code].code, []).append(box)
    outside_wards: dict[str, tuple[Ward, Box]] = {}
    for district in DISTRICTS:
        if district.code[0] not in _OUTSIDE_EW_CENTRES:
            continue
        lat, lon = _OUTSIDE_EW_CENTRES[district.code[0]]
        half = _OUTSIDE_EW_HALF_SIDE
        district_boxes[district.code] = [(lat - half, lon - half, lat + half, lon + half)]
        wards = sorted(
            (ward for ward in geography.wards19 if ward.district is district),
            key=lambda ward: ward.code,
        )
        width = 2 * half / len(wards)
        for k, ward in enumerate(wards):
            west = round(lon - half + k * width, 6)
            east = round(lon - half + (k + 1) * width, 6)
            outside_wards[ward.code] = (ward, (lat - half, west, lat + half, east))
    boxes = [box for found in district_boxes.values() for box in found]
    for k, a in enumerate(boxes):
        for b in boxes[k + 1 :]:
            if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                raise ValueError(f"demo boundaries: district boxes {a} and {b} overlap")
    return _Boxes(rectangles, district_boxes, outside_wards)


def _national_boundaries(world: World, boxes: _Boxes) -> dict[str, bytes]:
    """The ONS national boundary files for the demo country: every LSOA 2021 (its rectangle),
    every ward of 2023 (the outline of its LSOAs' rectangles) and every district of 2024 (its box,
    the 2023 merger's two boxes), FID 1..n in code order."""
    geography = world.geography
    rectangles, district_boxes, outside_wards = boxes.lsoa21, boxes.districts, boxes.outside_wards
    names = {lsoa.code: lsoa.name for lsoa in geography.lsoa21}
    code, name = _properties("ons__lsoa21_boundaries")
    lsoa_features = [
        _feature({"FID": fid, code: c, name: names[c]}, [[_box_ring(rectangles[c])]])
        for fid, c in enumerate(sorted(rectangles), start=1)
    ]

    wards: dict[str, tuple[Ward, list[Box]]] = {}
    for lsoa in geography.lsoa21:
        assert lsoa.ward23 is not None
        wards.setdefault(lsoa.ward23.code, (lsoa.ward23, []))[1].append(rectangles[lsoa.code])
    for ward_code, (ward, box) in outside_wards.items():
        wards[ward_code] = (ward, [box])
    code, name, welsh = _properties("ons__ward23_boundaries")
    ward_features = [
        _feature(
            # ONS writes a single space where a ward has no Welsh name.
            {"FID": fid, code: c, name: wards[c][0].name, welsh: wards[c][0].welsh_name or " "},
            _outline(wards[c][1]),
        )
        for fid, c in enumerate(sorted(wards), start=1)
    ]

    code, name = _properties("ons__lad24_boundaries")
    lad_features = [
        _feature({"FID": fid, code: c, name: BY_CODE[c].name}, [[_box_ring(b)] for b in found])
        for fid, (c, found) in enumerate(sorted(district_boxes.items()), start=1)
    ]
    return {
        LSOA21_BOUNDARIES.file_name: _collection(
            LSOA21_COLLECTION, lsoa_features, LSOA21_BOUNDARIES.encoding
        ),
        WARD23_BOUNDARIES.file_name: _collection(
            WARD23_COLLECTION, ward_features, WARD23_BOUNDARIES.encoding
        ),
        LAD24_BOUNDARIES.file_name: _collection(
            LAD24_COLLECTION, lad_features, LAD24_BOUNDARIES.encoding
        ),
    }


# --- Westminster constituencies of July 2024 (the ONS shapefile) ---------------------------------

# The shapefile's .dbf fields as ArcGIS declares them (name, type, width, decimals), in the order
# of the catalog's published header; the .prj and .cpg as ONS ships them.
_PCON24_FIELDS = {
    "PCON24CD": ("C", 9, 0),
    "PCON24NM": ("C", 40, 0),
    "PCON24NMW": ("C", 32, 0),
    "BNG_E": ("N", 10, 0),
    "BNG_N": ("N", 10, 0),
    "LONG": ("F", 13, 11),
    "LAT": ("F", 13, 11),
    "GlobalID": ("C", 38, 0),
}
_BRITISH_NATIONAL_GRID_ESRI = (
    'PROJCS["British_National_Grid",GEOGCS["GCS_OSGB_1936",DATUM["D_OSGB_1936",'
    'SPHEROID["Airy_1830",6377563.396,299.3249646]],PRIMEM["Greenwich",0.0],'
    'UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],'
    'PARAMETER["False_Easting",400000.0],PARAMETER["False_Northing",-100000.0],'
    'PARAMETER["Central_Meridian",-2.0],PARAMETER["Scale_Factor",0.9996012717],'
    'PARAMETER["Latitude_Of_Origin",49.0],UNIT["Meter",1.0]]'
)
_PCON24_UPDATED = (2024, 6, 4)  # the .dbf's last-update date in the real file
# Welsh names of the demo's Welsh constituencies (ONS leaves PCON24NMW blank elsewhere).
_WELSH_SEAT_NAMES = {"Glanmor": "Glanmôr", "Vale of Testing": "Bro Profi"}


def _seat_rectangles(
    seats: list[Constituency], world: World, boxes: _Boxes
) -> dict[str, list[Box]]:
    """Each constituency of 2024's boxes: in England and Wales the rectangles of the LSOAs 2021
    most of whose 2011 predecessors' people it holds (the seats are drawn on the 2011 areas, and a
    seat's boundary passes through the area it shares with its neighbour); in Scotland and
    Northern Ireland, with one seat each, the nation's district box."""
    held: dict[str, dict[str, float]] = {}
    for seat in seats:
        for code, share in seat.parts.items():
            held.setdefault(code, {})[seat.code] = share
    shares: dict[str, dict[str, float]] = {}
    for lsoa11, lsoa21, _ in world.geography.pairs:
        for seat_code, share in held[lsoa11.code].items():
            found = shares.setdefault(lsoa21.code, {})
            found[seat_code] = found.get(seat_code, 0.0) + share
    drawn: dict[str, list[Box]] = {seat.code: [] for seat in seats}
    for lsoa21 in sorted(shares):
        seat_code = max(sorted(shares[lsoa21]), key=lambda code: shares[lsoa21][code])
        drawn[seat_code].append(boxes.lsoa21[lsoa21])
    for seat in seats:
        if seat.code[0] in _OUTSIDE_EW_CENTRES:
            nation = [found for code, found in boxes.districts.items() if code[0] == seat.code[0]]
            if len(nation) != 1 or drawn[seat.code]:
                raise ValueError(f"demo boundaries: {seat.code} is not its nation's one seat")
            drawn[seat.code] = list(nation[0])
    empty = [code for code, found in drawn.items() if not found]
    if empty:
        raise ValueError(f"demo boundaries: constituencies {empty} hold no LSOA")
    return drawn


def _pcon24_shapefile(world: World, boxes: _Boxes) -> dict[str, bytes]:
    """The ONS constituency boundaries of July 2024 as the shapefile set ONS publishes: a record
    per constituency in code order, the outline of its boxes in British National Grid metres
    (exteriors clockwise, as ESRI winds them), its label point (LONG/LAT, BNG_E/BNG_N) the centre
    of its first box, which lies inside it as ONS's points lie inside theirs."""
    seats = {seat.code: seat for seat in seats_2024(world)}
    drawn = _seat_rectangles(list(seats.values()), world, boxes)
    rng = random.Random(world.seed + 2024)
    fields = [DbfField(name, *_PCON24_FIELDS[name]) for name in header(PCON24_BOUNDARIES)]
    records = []
    for code in sorted(drawn):
        seat = seats[code]
        south, west, north, east = drawn[code][0]
        lat, lon = round((south + north) / 2, 4), round((west + east) / 2, 4)
        easting, northing = _national_grid(lon, lat)
        values = {
            "PCON24CD": code,
            "PCON24NM": seat.name,
            "PCON24NMW": _WELSH_SEAT_NAMES.get(seat.name, "") if code.startswith("W") else "",
            "BNG_E": round(easting),
            "BNG_N": round(northing),
            "LONG": lon,
            "LAT": lat,
            "GlobalID": str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        }
        rings = [
            [_national_grid(x, y) for x, y in reversed(ring)]
            for polygon in _outline(drawn[code])
            for ring in polygon
        ]
        records.append((row_by_name(header(PCON24_BOUNDARIES), values), rings))
    files = shapefile_set(
        records,
        fields,
        prj=_BRITISH_NATIONAL_GRID_ESRI,
        encoding="utf-8",
        cpg="UTF-8",
        updated=_PCON24_UPDATED,
    )
    stem = PCON24_BOUNDARIES.file_name.removesuffix(".shp")
    return {stem + suffix: data for suffix, data in files.items()}
