"""The demo's fake England and Wales: districts, wards (2019 and 2023), LSOAs (2011 and 2021) and
how they link (the LSOA 2011 -> 2021 pairs with their change type), MSOAs, and the few Scottish and
Northern Irish areas the UK-wide files need.

Every code is of the real format in a range real codes never use (LSOA 2011 E019xxxxx / W019xxxxx,
new LSOA 2021 E0195xxxx / W0195xxxx, districts E06009901.., ...); names are invented.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

ENGLAND = ("E92000001", "England")
WALES = ("W92000004", "Wales")
SCOTLAND = ("S92000003", "Scotland")
NI = ("N92000002", "Northern Ireland")
EW = ("K04000001", "England and Wales")
GB = ("K03000001", "Great Britain")
UK = ("K02000001", "United Kingdom")


@dataclass(frozen=True)
class District:
    code: str
    name: str
    n_lsoa: int = 0  # LSOAs (2011); 0 for districts that only appear in the UK-wide lookups
    welsh_name: str = ""
    region: tuple[str, str] | None = None
    county: tuple[str, str] | None = None  # upper tier when not unitary
    combined_authority: tuple[str, str] | None = None
    successor: str | None = None  # code of the district it became part of (April 2023)
    deprivation: float = 0.0  # mean of the latent deprivation of its LSOAs
    # 0 (rural) to 1 (inner city): drives migration and the share of residents born abroad.
    urban: float = 0.3
    created_2023: bool = False
    lsoa_prefix: str = ""  # LSOA names' district part when not the district name

    @property
    def short_name(self) -> str:
        return self.lsoa_prefix or self.name

    @property
    def country(self) -> tuple[str, str]:
        return {"E": ENGLAND, "W": WALES, "S": SCOTLAND, "N": NI}[self.code[0]]


TESTSHIRE = ("E10009901", "Testshire")
EXAMPLESHIRE = ("E10009902", "Exampleshire")

DISTRICTS: tuple[District, ...] = (
    District(
        "E06009901",
        "Synthetown",
        50,
        region=("E12000001", "North East"),
        combined_authority=("E47009901", "Synthetic Valley"),
        deprivation=0.8,
        urban=0.4,
    ),
    # A comma in the name, as 'Kingston upon Hull, City of' (the CSVs must quote it), whose LSOAs
    # are named by the short form ('Demoford 001A', as 'Kingston upon Hull 001A').
    District(
        "E06009902",
        "Demoford, City of",
        50,
        region=("E12000003", "Yorkshire and The Humber"),
        deprivation=0.4,
        lsoa_prefix="Demoford",
        urban=0.5,
    ),
    District(
        "E08009901",
        "Mockchester",
        50,
        region=("E12000002", "North West"),
        combined_authority=("E47009902", "Greater Mockchester"),
        deprivation=1.0,
        urban=0.7,
    ),
    District(
        "E09009901", "Testwick", 40, region=("E12000007", "London"), deprivation=0.1, urban=1.0
    ),
    District(
        "E07009901",
        "Fakeley",
        40,
        region=("E12000004", "East Midlands"),
        county=TESTSHIRE,
        deprivation=-0.7,
        urban=0.1,
    ),
    District(
        "E07009902",
        "Samplebury",
        35,
        region=("E12000009", "South West"),
        county=EXAMPLESHIRE,
        successor="E06009903",
        deprivation=-0.4,
        urban=0.15,
    ),
    District(
        "E07009903",
        "Dummyton",
        35,
        region=("E12000009", "South West"),
        county=EXAMPLESHIRE,
        successor="E06009903",
        deprivation=-0.1,
        urban=0.25,
    ),
    District(
        "E06009903",
        "Exampleshire",
        region=("E12000009", "South West"),
        created_2023=True,
    ),
    # 'ô' is byte 0xF4 in Windows-1252: the LSOA 2011 -> 2021 lookup is not UTF-8 because of it.
    District("W06009901", "Glanmor", 20, welsh_name="Glan-y-Môr", deprivation=0.3, urban=0.35),
    District(
        "W06009902", "Vale of Testing", 20, welsh_name="Bro Profi", deprivation=-0.2, urban=0.15
    ),
    District("S12009901", "Mocklothian"),
    District("N09009901", "Testadown"),
)
BY_CODE = {d.code: d for d in DISTRICTS}


@dataclass
class Ward:
    code: str
    name: str
    district: District
    welsh_name: str = ""


@dataclass
class Lsoa11:
    code: str
    name: str
    district: District
    msoa: int
    ward19: Ward | None = None


@dataclass
class Lsoa21:
    code: str
    name: str
    welsh_name: str
    district22: District
    ward23: Ward | None = None


@dataclass
class Geography:
    lsoa11: list[Lsoa11]
    lsoa21: list[Lsoa21]
    # (LSOA11, LSOA21, CHGIND), one per pair as in the ONS lookup
    pairs: list[tuple[Lsoa11, Lsoa21, str]]
    wards19: list[Ward]
    wards23: list[Ward]
    district23: dict[str, District] = field(default_factory=dict)  # LAD22 code -> LAD23

    @property
    def english_lsoa11(self) -> list[Lsoa11]:
        return [lsoa for lsoa in self.lsoa11 if lsoa.code.startswith("E")]


_WARD_WORDS = (
    "Abbey",
    "Beacon",
    "Brookside",
    "Castle",
    "Central",
    "Chapel Fields",
    "Eastgate",
    "Fairfield",
    "Grange",
    "Greenway",
    "Harbour",
    "Highfield",
    "Kingsmead",
    "Longmoor",
    "Market",
    "Meadowbank",
    "Millbrook",
    "Northgate",
    "Oakwood",
    "Parkside",
    "Quarry Hill",
    "Riverside",
    "St Demo's",
    "Southfields",
    "Stonebridge",
    "Townfield",
    "Upperby",
    "Westgate",
    "Woodlands",
    "Yewtree",
)
# Names with a comma (quoted in the CSVs) and an ampersand, as in real ward names.
_WARD_SPECIAL = ("Hill, Dale and Vale", "Brook & Meadow")
_WELSH_WARDS = (
    ("Castle", "Castell"),
    ("Bridge", "Pont"),
    ("Church", "Eglwys"),
    ("Valley", "Cwm"),
    ("Mill", "Melin"),
    ("Riverside", "Glan-yr-afon"),
    ("Meadow", "Dôl"),
    ("Tower", "Tŵr"),
    ("Oakfield", "Maes-y-derw"),
    ("Lakeside", "Glan-llyn"),
    ("Fort", "Caer"),
    ("North", "Gogledd"),
)


def _letters() -> Iterator[str]:
    for index in range(26):
        yield chr(ord("A") + index)


def build_geography(seed: int) -> Geography:
    """The fake England and Wales: LSOAs 2011 and 2021, wards 2019 and 2023, and how they link."""
    rng = random.Random(seed)
    lsoa11: list[Lsoa11] = []
    wards19: list[Ward] = []
    ward_serial = {"E": 0, "W": 0, "S": 0, "N": 0}
    ward_prefix = {"E": "E059", "W": "W059", "S": "S139", "N": "N089"}

    def new_ward(district: District, name: str, welsh: str = "") -> Ward:
        country = district.code[0]
        ward_serial[country] += 1
        ward = Ward(f"{ward_prefix[country]}{ward_serial[country]:05d}", name, district, welsh)
        wards19.append(ward)
        return ward

    serial = {"E": 0, "W": 0}
    # Ward names are unique within a district, and within districts that will merge.
    name_pools: dict[str, list[tuple[str, str]]] = {}
    for district in DISTRICTS:
        if not district.n_lsoa:
            continue
        country = district.code[0]
        # LSOAs come in MSOAs of 4 to 6, named "<district> 001A", "<district> 001B", ...
        msoa, remaining = 0, district.n_lsoa
        while remaining:
            msoa += 1
            if remaining <= 7:
                size = remaining
            else:
                size = rng.randint(4, 6)
                if remaining - size < 4:
                    size = remaining - 4
            for letter, _ in zip(_letters(), range(size), strict=False):
                serial[country] += 1
                code = f"{country}019{serial[country]:05d}"
                name = f"{district.short_name} {msoa:03d}{letter}"
                lsoa11.append(Lsoa11(code, name, district, msoa))
            remaining -= size
        # Wards (best fit): runs of 3 to 7 consecutive LSOAs.
        members = [lsoa for lsoa in lsoa11 if lsoa.district is district]
        pool_key = district.successor or district.code
        if pool_key not in name_pools:
            if country == "W":
                name_pools[pool_key] = list(_WELSH_WARDS)
            else:
                name_pools[pool_key] = [(word, "") for word in _WARD_WORDS]
            rng.shuffle(name_pools[pool_key])
            if district.code == "E06009902":
                name_pools[pool_key].insert(1, (_WARD_SPECIAL[0], ""))
            if district.code == "E08009901":
                name_pools[pool_key].insert(2, (_WARD_SPECIAL[1], ""))
        names = name_pools[pool_key]
        position = 0
        while position < len(members):
            size = rng.randint(3, 7)
            if len(members) - (position + size) < 3:
                size = len(members) - position
            english, welsh = names.pop(0)
            ward = new_ward(district, english, welsh)
            for lsoa in members[position : position + size]:
                lsoa.ward19 = ward
            position += size
        if district.code == "E06009901":
            # A small ward that no LSOA best-fits to: listed in the ward lookup only (as ~50 real
            # wards are).
            new_ward(district, names.pop(0)[0])
    # Scottish and Northern Irish wards appear only in the UK-wide ward -> LAD lookup.
    for name in ("Mockburgh North", "Mockburgh South"):
        new_ward(BY_CODE["S12009901"], name)
    for name in ("Testabridge", "Demoglen"):
        new_ward(BY_CODE["N09009901"], name)

    # --- LSOA 2011 -> 2021 ----------------------------------------------------------------
    used_letters: dict[str, set[str]] = {}
    for lsoa in lsoa11:
        used_letters.setdefault(lsoa.name[:-1], set()).add(lsoa.name[-1])

    new_serial = {"E": 0, "W": 0}

    def new_lsoa21(source: Lsoa11) -> Lsoa21:
        district = source.district
        country = district.code[0]
        new_serial[country] += 1
        code = f"{country}0195{new_serial[country]:04d}"
        prefix = f"{district.short_name} {source.msoa:03d}"
        taken = used_letters.setdefault(prefix, set())
        letter = next(letter for letter in _letters() if letter > max(taken, default="@"))
        taken.add(letter)
        welsh = f"{district.welsh_name} {source.msoa:03d}{letter}" if district.welsh_name else ""
        return Lsoa21(code, f"{prefix}{letter}", welsh, district)

    touched: set[str] = set()
    changes: list[tuple[list[Lsoa11], list[Lsoa21], str]] = []

    def untouched(district_codes: Sequence[str]) -> list[Lsoa11]:
        return [
            lsoa
            for lsoa in lsoa11
            if lsoa.district.code in district_codes and lsoa.code not in touched
        ]

    # X: one complex group across two districts, every 2011 LSOA paired with every 2021 one.
    x_sources = [rng.choice(untouched(["E07009902"])), rng.choice(untouched(["E07009903"]))]
    touched.update(lsoa.code for lsoa in x_sources)
    changes.append((x_sources, [new_lsoa21(lsoa) for lsoa in x_sources], "X"))

    english = [d.code for d in DISTRICTS if d.code[0] == "E" and d.n_lsoa]
    welsh = [d.code for d in DISTRICTS if d.code[0] == "W" and d.n_lsoa]
    # M: 2 or 3 neighbouring LSOAs (same MSOA) merged into one new LSOA.
    for districts, count in ((english, 4), (welsh, 1)):
        for index in range(count):
            candidates = untouched(districts)
            by_msoa: dict[tuple[str, int], list[Lsoa11]] = {}
            for lsoa in candidates:
                by_msoa.setdefault((lsoa.district.code, lsoa.msoa), []).append(lsoa)
            groups = [group for group in by_msoa.values() if len(group) >= 3]
            group = rng.choice(groups)
            size = 3 if index == 0 else rng.choice((2, 2, 3))
            start = rng.randint(0, len(group) - size)
            sources = group[start : start + size]
            touched.update(lsoa.code for lsoa in sources)
            changes.append((sources, [new_lsoa21(sources[0])], "M"))
    # S: one LSOA split into 2 or 3 new ones.
    for districts, count in ((english, 6), (welsh, 1)):
        for index in range(count):
            source = rng.choice(untouched(districts))
            touched.add(source.code)
            size = 3 if index == 0 else rng.choice((2, 2, 3))
            changes.append(([source], [new_lsoa21(source) for _ in range(size)], "S"))

    pairs: list[tuple[Lsoa11, Lsoa21, str]] = []
    lsoa21: list[Lsoa21] = []
    changed_pairs: list[tuple[Lsoa11, Lsoa21, str]] = []
    for lsoa in lsoa11:
        if lsoa.code in touched:
            continue
        welsh_name = ""
        if lsoa.district.welsh_name:
            welsh_name = lsoa.district.welsh_name + lsoa.name[len(lsoa.district.short_name) :]
        same = Lsoa21(lsoa.code, lsoa.name, welsh_name, lsoa.district)
        lsoa21.append(same)
        pairs.append((lsoa, same, "U"))
    for sources, targets, chgind in changes:
        lsoa21.extend(targets)
        changed_pairs.extend((s, t, chgind) for s in sources for t in targets)
    # As in the ONS file: English rows first (unchanged in code order, then changes by new code),
    # then Welsh rows the same way.
    changed_pairs.sort(key=lambda pair: (pair[1].code, pair[0].code))
    ordered: list[tuple[Lsoa11, Lsoa21, str]] = []
    for country in ("E", "W"):
        ordered += [p for p in pairs if p[0].code[0] == country]
        ordered += [p for p in changed_pairs if p[0].code[0] == country]
    pairs = ordered
    lsoa21.sort(key=lambda lsoa: lsoa.code)

    # --- Wards 2023 ----------------------------------------------------------------------------
    # Unchanged districts keep their 2019 wards; the two districts merged in 2023 get new wards,
    # each joining two old ones.
    district23 = {d.code: BY_CODE[d.successor] if d.successor else d for d in DISTRICTS}
    ward19_to_23: dict[str, Ward] = {}
    wards23: list[Ward] = []
    merged_serial = 0
    for district in DISTRICTS:
        old = [w for w in wards19 if w.district is district and w.code[0] in "EW"]
        if not old:
            continue
        if not district.successor:
            for ward in old:
                ward19_to_23[ward.code] = ward
                wards23.append(ward)
            continue
        successor = BY_CODE[district.successor]
        for index in range(0, len(old), 2):
            pair = old[index : index + 2]
            merged_serial += 1
            name = " and ".join(w.name for w in pair)
            new = Ward(f"E0591{merged_serial:04d}", name, successor)
            wards23.append(new)
            for ward in pair:
                ward19_to_23[ward.code] = new
    # A new 2021 LSOA best-fits to the ward of its (first) 2011 source in the same district.
    source_of: dict[str, Lsoa11] = {}
    for lsoa_11, lsoa_21, _ in pairs:
        known = source_of.get(lsoa_21.code)
        if known is None or (
            known.district is not lsoa_21.district22 and lsoa_11.district is lsoa_21.district22
        ):
            source_of[lsoa_21.code] = lsoa_11
    for lsoa in lsoa21:
        source = source_of[lsoa.code]
        assert source.ward19 is not None
        lsoa.ward23 = ward19_to_23[source.ward19.code]
    used23 = {lsoa.ward23.code for lsoa in lsoa21 if lsoa.ward23}
    wards23 = [w for w in wards23 if w.code in used23]
    return Geography(lsoa11, lsoa21, pairs, wards19, wards23, district23)


@dataclass(frozen=True)
class Msoa:
    code: str
    name: str
    district: District


def msoa_name(lsoa_name: str) -> str:
    """An LSOA's MSOA, by name: 'Synthetown 001A' is in 'Synthetown 001'."""
    return lsoa_name[:-1]


def build_msoas(geography: Geography) -> tuple[list[Msoa], list[Msoa]]:
    """MSOAs of 2011 and 2021. An MSOA whose LSOAs did not change keeps its 2011 code in 2021, as
    ONS kept them; a changed one gets a new code (E0295xxxx, like new LSOAs)."""
    lsoas11: dict[str, set[str]] = {}
    lsoas21: dict[str, set[str]] = {}
    district_of: dict[str, District] = {}
    for lsoa in geography.lsoa11:
        lsoas11.setdefault(msoa_name(lsoa.name), set()).add(lsoa.code)
        district_of[msoa_name(lsoa.name)] = lsoa.district
    for lsoa21 in geography.lsoa21:
        lsoas21.setdefault(msoa_name(lsoa21.name), set()).add(lsoa21.code)
    assert set(lsoas21) == set(lsoas11), "every 2021 LSOA is named after a 2011 MSOA"
    msoa11: list[Msoa] = []
    msoa21: list[Msoa] = []
    serial11 = {"E": 0, "W": 0}
    serial21 = {"E": 0, "W": 0}
    for name, codes in lsoas11.items():
        district = district_of[name]
        country = district.code[0]
        serial11[country] += 1
        old = Msoa(f"{country}029{serial11[country]:05d}", name, district)
        msoa11.append(old)
        if lsoas21[name] == codes:
            msoa21.append(old)
        else:
            serial21[country] += 1
            msoa21.append(Msoa(f"{country}0295{serial21[country]:04d}", name, district))
    return msoa11, msoa21


def english_districts() -> list[District]:
    """The English districts that have LSOAs (the demo's England)."""
    return [d for d in DISTRICTS if d.n_lsoa and d.code[0] == "E"]


# The Scottish data zones and NI super output areas of the population file and the UK indices.
SCOTTISH_DATA_ZONES = tuple(f"S01{900000 + serial:06d}" for serial in range(1, 7))
NI_SUPER_OUTPUT_AREAS = ("95TD01S1", "95TD01S2", "95TD02W1", "95TD03S1", "95TD03S2")

# The demo's metropolitan district, and the district council of the Oxford-layout grant file.
MOCKCHESTER = "E08009901"
FAKELEY = "E07009901"
# The two Trafford Data Lab files describe Trafford, and their expectation suites pin Trafford's
# real district code and name (and 'Trafford 001A'-style LSOA names). The demo gives them
# Mockchester, the demo's metropolitan district, under those labels; every postcode, LSOA, MSOA
# and ward code and every point in them is a demo one.
TRAFFORD_LABEL = ("E08000009", "Trafford")
