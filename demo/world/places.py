"""Where things are in the demo country: made-up postcodes (area ZY, each in one demo LSOA 2021, some
terminated, and the ways publishers mistype them), a centroid for every demo LSOA 2011 and 2021 (and
data zone and NI super output area), and a point for every postcode within 350 m of its LSOA's.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from dataclasses import dataclass

from demo.world.areas import (
    DISTRICTS,
    NI_SUPER_OUTPUT_AREAS,
    SCOTTISH_DATA_ZONES,
    District,
    Geography,
    Lsoa11,
    msoa_name,
)

# Postcodes are made up in one area, ZY: no real postcode area is ZY, but the UK format allows it
# (Z may start an area, Y may follow), so every demo postcode passes ingest.postcodes. Postcode
# district N is the Nth demo district with LSOAs: ZY1 Synthetown ... ZY9 Vale of Testing.
POSTCODE_AREA = "ZY"
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the 20 letters the UK format allows in the inward unit
_POSTCODES_PER_LSOA = 2


def demo_postcodes(geography: Geography) -> dict[str, str]:
    """Made-up postcode ('ZY3 1AB') -> demo LSOA 2021 code, two postcodes for every LSOA 2021.

    The grant files give recipients these postcodes (a few mistyped, as publishers type them), so a
    postcode directory built from this mapping places them in the demo geography.
    """
    postcodes: dict[str, str] = {}
    for number, district in enumerate((d for d in DISTRICTS if d.n_lsoa), start=1):
        lsoas = sorted(
            (lsoa for lsoa in geography.lsoa21 if lsoa.district22.code == district.code),
            key=lambda lsoa: lsoa.code,
        )
        for index, lsoa in enumerate(lsoas):
            # Ten LSOAs to a postcode sector; (LSOA, n) fixes the first unit letter, so every
            # postcode in a sector is different.
            sector = index // 10
            for n in range(_POSTCODES_PER_LSOA):
                first = _UNIT_LETTERS[(index % 10) * _POSTCODES_PER_LSOA + n]
                second = _UNIT_LETTERS[(7 * index + 11 * n + 3 * number) % len(_UNIT_LETTERS)]
                postcodes[f"{POSTCODE_AREA}{number} {sector}{first}{second}"] = lsoa.code
    return postcodes


# Mistyped postcodes as they occur in published grant files. The first three still normalise to
# the postcode; the last two cannot be repaired and must not be geocoded.
def double_space(postcode: str) -> str:
    return postcode.replace(" ", "  ")


def letter_o(postcode: str) -> str:
    outward, inward = postcode.split(" ")
    assert inward[0] == "0", postcode
    return f"{outward} O{inward[1:]}"


def space_in_inward(postcode: str) -> str:
    outward, inward = postcode.split(" ")
    return f"{outward} {inward[0]} {inward[1:]}"


def extra_letter(postcode: str) -> str:
    return postcode + postcode[-2]


def truncated(postcode: str) -> str:
    return postcode[:-1]


# Each demo district's centre (latitude, longitude), well inside England or Wales; its LSOAs spread
# a few km round it in a city and up to 15 km in a rural district (`_spread_km`).
DISTRICT_CENTRES: dict[str, tuple[float, float]] = {
    "E06009901": (54.75, -1.60),
    "E06009902": (53.76, -0.45),
    "E08009901": (53.45, -2.30),
    "E09009901": (51.51, -0.12),
    "E07009901": (52.95, -1.10),
    "E07009902": (51.15, -2.85),
    "E07009903": (51.05, -2.45),
    "W06009901": (51.70, -3.90),
    "W06009902": (51.62, -3.35),
}
_SCOTLAND_CENTRE, _NI_CENTRE = (55.95, -3.20), (54.60, -5.93)
KM_PER_DEGREE = 111.2
_EARTH_RADIUS_KM = 6371.0088

Point = tuple[float, float]  # (latitude, longitude), WGS84


def _spread_km(district: District) -> float:
    return 2.5 + 12.0 * (1.0 - district.urban) ** 1.5


def _move(point: Point, km_north: float, km_east: float) -> Point:
    lat, lon = point
    east_degree = KM_PER_DEGREE * math.cos(math.radians(lat))
    return (lat + km_north / KM_PER_DEGREE, lon + km_east / east_degree)


def in_disc(rng: random.Random, point: Point, radius_km: float) -> Point:
    distance = radius_km * math.sqrt(rng.random())
    angle = rng.uniform(0.0, 2.0 * math.pi)
    return _move(point, distance * math.cos(angle), distance * math.sin(angle))


def haversine_km(a: Point, b: Point) -> float:
    """Great-circle distance in km between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * _EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@dataclass
class Places:
    # LSOA 2011 and 2021 code (unchanged codes once), data zone or NI SOA -> geometric centre
    centroids: dict[str, Point]
    # every demo postcode (`demo_postcodes`, plus the terminated ones) -> its point
    postcodes: dict[str, Point]


def build_places(geography: Geography, seed: int) -> Places:
    """Centroids for every demo LSOA (2011 and 2021) and a point for every demo postcode.

    LSOAs of one MSOA cluster together; a 2021 LSOA that replaced others lies at their mean (a
    merge) or beside its 2011 parent (a split); a postcode lies within 350 m of its LSOA's centre.
    """
    rng = random.Random(f"{seed}:places")
    centroids: dict[str, Point] = {}
    for district in DISTRICTS:
        if not district.n_lsoa:
            continue
        centre, spread = DISTRICT_CENTRES[district.code], _spread_km(district)
        msoa_points: dict[int, Point] = {}
        for lsoa in geography.lsoa11:
            if lsoa.district is not district:
                continue
            if lsoa.msoa not in msoa_points:
                msoa_points[lsoa.msoa] = in_disc(rng, centre, spread * 0.8)
            centroids[lsoa.code] = in_disc(rng, msoa_points[lsoa.msoa], spread * 0.25 + 0.3)
    sources: dict[str, list[Lsoa11]] = {}
    targets = Counter()
    for old, new, _ in geography.pairs:
        sources.setdefault(new.code, []).append(old)
        targets[old.code] += 1
    for lsoa in geography.lsoa21:
        if lsoa.code in centroids:
            continue
        olds = sources[lsoa.code]
        parents = [old for old in olds if msoa_name(old.name) == msoa_name(lsoa.name)] or olds
        point = (
            sum(centroids[old.code][0] for old in parents) / len(parents),
            sum(centroids[old.code][1] for old in parents) / len(parents),
        )
        if any(targets[old.code] > 1 for old in parents):  # one of the parts of a split
            angle = rng.uniform(0.0, 2.0 * math.pi)
            distance = rng.uniform(0.3, 0.9)
            point = _move(point, distance * math.cos(angle), distance * math.sin(angle))
        centroids[lsoa.code] = point
    for codes, centre in (
        (SCOTTISH_DATA_ZONES, _SCOTLAND_CENTRE),
        (NI_SUPER_OUTPUT_AREAS, _NI_CENTRE),
    ):
        for code in codes:
            centroids[code] = in_disc(rng, centre, 6.0)
    postcodes: dict[str, Point] = {}
    for postcode, code in demo_postcodes(geography).items():
        postcodes[postcode] = in_disc(rng, centroids[code], 0.35)
    for postcode, code, _ in terminated_postcodes(geography):
        postcodes[postcode] = in_disc(rng, centroids[code], 0.35)
    return Places(centroids, postcodes)


def terminated_postcodes(geography: Geography) -> list[tuple[str, str, str]]:
    """(postcode, LSOA 2021 code, YYYYMM terminated): one or two per demo district, in sector 9,
    which `demo_postcodes` never uses, so no live demo postcode is terminated."""
    terminated = []
    for number, district in enumerate((d for d in DISTRICTS if d.n_lsoa), start=1):
        lsoas = sorted(
            (lsoa for lsoa in geography.lsoa21 if lsoa.district22.code == district.code),
            key=lambda lsoa: lsoa.code,
        )
        for n in range(1 + number % 2):
            lsoa = lsoas[(7 * number + 13 * n) % len(lsoas)]
            unit = _UNIT_LETTERS[(3 * number + n) % 20] + _UNIT_LETTERS[(5 * n + number) % 20]
            year = 1996 + (number * 5 + n * 11) % 27
            terminated.append((f"{POSTCODE_AREA}{number} 9{unit}", lsoa.code, f"{year}{6:02d}"))
    return terminated


# A postcode the directory lists without a grid reference (as a few thousand real ones are).
NO_GRID_POSTCODE = f"{POSTCODE_AREA}1 9ZZ"
