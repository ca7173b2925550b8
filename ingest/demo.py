"""Synthetic demo files: every catalog source, in its publisher's exact layout, for a fake country.

`ensure_demo_files(folder)` writes one file per source under its published file name, so the demo
run lands, reads and joins them exactly as it would the real downloads. What is copied from the real
files is only their LAYOUT: file names, sheet names and order, header text and column order (including
columns the catalog does not list), encodings (Windows-1252, UTF-8 with BOM), quoting and line
endings. Every code, name and number is invented:

- 300 English LSOAs (2011) coded E019xxxxx and 40 Welsh ones coded W019xxxxx (real codes stop near
  E01035xxx / W01002xxx, so they never collide), in 7 English and 2 Welsh fake districts with
  real-format but unused codes (E06009901, W06009901, ...). Two English districts merge into a new
  unitary authority in April 2023 (so LAD19 = LAD22 differs from LAD23, as for North Yorkshire).
- The LSOA 2011 -> 2021 lookup has every change type: U (unchanged), S (split), M (merged) and one
  X group (two 2011 LSOAs x two 2021 LSOAs). New 2021 LSOAs are coded E0195xxxx / W0195xxxx.
- The IoD2019 files agree with one another: File 9 holds exponentially transformed domain scores,
  the IMD score is their weighted sum (weights as published), and every rank and decile in Files 1,
  2 and 3 and the ONS IMD lookup is computed from them over the synthetic N.
- MSOAs are named as ONS names them, by the LSOA name without its final letter. MSOA 2011 codes
  are E029xxxxx / W029xxxxx; in 2021 an MSOA whose LSOAs did not change keeps its code (as ONS
  kept them) and a changed one gets a new E0295xxxx / W0295xxxx code.
- Census 2021 (TS054 tenure, TS019 migrant indicator, TS016 length of residence) is drawn per
  LSOA 2021 and Census 2011 (QS405EW tenure) per LSOA 2011, leaning with IMD deprivation; every
  row's categories add up to its total. 2011 MSOAs are exact sums of their LSOAs; TS054's higher
  levels imitate cell-key perturbation (each cell within 3 of the exact sum of its LSOAs).
- Mid-2019 populations follow File 6's mid-2015 ones, plus a few Scottish data zones and Northern
  Irish super output areas, as in the UK-wide compilation.

Files are written into a temporary folder that is renamed into place, under a lock, only when the
folder is missing or its `DEMO_VERSION` stamp differs from `DEMO_VERSION` below; bump it whenever
the generated content changes. Generation is deterministic (`random.Random` seeded from `SEED`
only; zip timestamps, of XLSX workbooks and Nomis bulk zips alike, and document properties are
pinned), so two runs give byte-identical files.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import math
import os
import random
import re
import shutil
import tempfile
import uuid
import zipfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from statistics import NormalDist
from typing import Any

from ingest.catalog import (
    IOD2019_DOMAINS,
    QS405EW_TENURE,
    TS016_RESIDENCE,
    TS019_MIGRANT,
    TS054_TENURE,
)

DEMO_VERSION = "3"
SEED = 20190926
VERSION_FILE = "DEMO_VERSION"
README_FILE = "README.txt"

# Pinned so that XLSX bytes do not depend on the clock.
_FIXED_TIME = datetime(2019, 9, 26, 9, 30, 0)
_ZIP_TIME = (2019, 9, 26, 9, 30, 0)

FILE_1 = "File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx"
FILE_2 = "File_2_-_IoD2019_Domains_of_Deprivation.xlsx"
FILE_3 = "File_3_-_IoD2019_Supplementary_Indices_-_IDACI_and_IDAOPI.xlsx"
FILE_6 = "File_6_-_IoD2019_Population_Denominators.xlsx"
FILE_9 = "File_9_-_IoD2019_Transformed_Scores.xlsx"
IMD_LOOKUP = "Index_of_Multiple_Deprivation_(December_2019)_Lookup_in_England.csv"
LSOA11_LSOA21 = "LSOA_2011_to_LSOA_2021_Lookup_E_W.csv"
LSOA21_WARD23 = "LSOA_(2021)_to_Electoral_Ward_(2023)_to_LAD_(2023)_Best_Fit_Lookup_in_EW.csv"
LSOA11_WARD19 = (
    "Lower_Layer_Super_Output_Area_(2011)_to_Ward_(2019)_Lookup_in_England_and_Wales.csv"
)
WARD19_LAD19 = "Ward_to_Local_Authority_District_(December_2019)_Lookup_in_the_United_Kingdom.csv"
LA_ALL_CODES = "la_all_codes.csv"
TS054_ZIP = "census2021-ts054.zip"
TS054_LEVELS = ("ctry", "rgn", "ltla", "msoa", "lsoa")
TS054_METADATA = "metadata/ts054-2021-2.txt"
TS019_ZIP = "census2021-ts019.zip"
TS019_LSOA = "census2021-ts019-lsoa.csv"
TS016_LSOA = "census2021-ts016-lsoa.csv"
QS405EW_MSOA = "QS405EW_tenure-households_msoa2011.csv"
QS405EW_LSOA = "QS405EW_tenure-households_lsoa2011.csv"
POPULATION_2019 = "2019_population.csv"

# source_id -> the file written for it: the first published form (File 2 as XLSX, Census tables
# as the Nomis bulk zip), except TS016, written as the extracted member so that the demo lands
# both forms a Census table is accepted in.
DEMO_FILES: dict[str, str] = {
    "mhclg__iod2019_file1": FILE_1,
    "mhclg__iod2019_file2": FILE_2,
    "mhclg__iod2019_file3": FILE_3,
    "mhclg__iod2019_file6": FILE_6,
    "mhclg__iod2019_file9": FILE_9,
    "ons__imd2019_lookup": IMD_LOOKUP,
    "ons__lsoa11_lsoa21_lad22": LSOA11_LSOA21,
    "ons__lsoa21_ward23_lad23": LSOA21_WARD23,
    "ons__lsoa11_ward19_lad19": LSOA11_WARD19,
    "ons__ward19_lad19": WARD19_LAD19,
    "drkane__la_all_codes": LA_ALL_CODES,
    **{f"ons__census2021_ts054_{level}": TS054_ZIP for level in TS054_LEVELS},
    "ons__census2021_ts019_lsoa": TS019_ZIP,
    "ons__census2021_ts016_lsoa": TS016_LSOA,
    "ons__census2011_qs405ew_msoa": QS405EW_MSOA,
    "ons__census2011_qs405ew_lsoa": QS405EW_LSOA,
    "mysociety__population_2019": POPULATION_2019,
}

# ---------------------------------------------------------------------------------------------
# Published layouts (header text exactly as printed by each publisher)
# ---------------------------------------------------------------------------------------------

_RANK = " (where 1 is most deprived)"
_DECILE = " (where 1 is most deprived 10% of LSOAs)"
_IOD_LEAD = [
    "LSOA code (2011)",
    "LSOA name (2011)",
    "Local Authority District code (2019)",
    "Local Authority District name (2019)",
]
_FILE2_DOMAINS = ("Index of Multiple Deprivation (IMD)", *IOD2019_DOMAINS)
# File 9's short domain names, in the order of the IMD weights below.
DOMAINS = (
    "Income",
    "Employment",
    "Education",
    "Health",
    "Crime",
    "Barriers",
    "Living Environment",
)
# IMD 2019 domain weights, in thousandths so the weighted score is exact integer arithmetic.
IMD_WEIGHTS_PER_MILLE = (225, 225, 135, 135, 93, 93, 93)

FILE_1_HEADER = _IOD_LEAD + [
    "Index of Multiple Deprivation (IMD) Rank",
    "Index of Multiple Deprivation (IMD) Decile",
]
FILE_2_HEADER = _IOD_LEAD + [
    f"{name} {kind}{suffix}"
    for name in _FILE2_DOMAINS
    for kind, suffix in (("Rank", _RANK), ("Decile", _DECILE))
]
FILE_3_HEADER = _IOD_LEAD + [
    f"{name} {kind}{suffix}"
    for name in (
        "Index of Multiple Deprivation (IMD)",
        "Income Deprivation Affecting Children Index (IDACI)",
        "Income Deprivation Affecting Older People (IDAOPI)",
    )
    for kind, suffix in (("Rank", _RANK), ("Decile", _DECILE))
]
FILE_6_HEADER = _IOD_LEAD + [
    "Total population: mid 2015 (excluding prisoners)",
    "Dependent Children aged 0-15: mid 2015 (excluding prisoners)",
    "Population aged 16-59: mid 2015 (excluding prisoners)",
    "Older population aged 60 and over: mid 2015 (excluding prisoners)",
    (
        "Working age population 18-59/64: for use with Employment Deprivation Domain "
        "(excluding prisoners)"
    ),
]
FILE_9_HEADER = _IOD_LEAD + [f"{name} Score - exponentially transformed" for name in DOMAINS]
IMD_LOOKUP_HEADER = ["LSOA11CD", "LSOA11NM", "LAD19CD", "LAD19NM", "IMD19", "FID"]
LSOA11_LSOA21_HEADER = [
    "LSOA11CD",
    "LSOA11NM",
    "LSOA21CD",
    "LSOA21NM",
    "CHGIND",
    "LAD22CD",
    "LAD22NM",
    "LAD22NMW",
    "ObjectId",
]
LSOA21_WARD23_HEADER = [
    "LSOA21CD",
    "LSOA21NM",
    "LSOA21NMW",
    "WD23CD",
    "WD23NM",
    "WD23NMW",
    "LAD23CD",
    "LAD23NM",
    "LAD23NMW",
    "ObjectId",
]
LSOA11_WARD19_HEADER = ["FID", "LSOA11CD", "LSOA11NM", "WD19CD", "WD19NM", "LAD19CD", "LAD19NM"]
WARD19_LAD19_HEADER = ["FID", "WD19CD", "WD19NM", "LAD19CD", "LAD19NM"]
LA_ALL_CODES_HEADER = [
    "LADCD",
    "LADNM",
    "LADCD_ACTIVE",
    "LADNM_ACTIVE",
    "UTLACD",
    "UTLANM",
    "CAUTHCD",
    "CAUTHNM",
    "RGNCD",
    "RGNNM",
    "CTRYCD",
    "CTRYNM",
    "EWCD",
    "EWNM",
    "GBCD",
    "GBNM",
    "UKCD",
    "UKNM",
    "Current",
    "LAD20CD",
    "LAD20NM",
]

_NOMIS_LEAD = ["date", "geography", "geography code"]
TS054_HEADER = _NOMIS_LEAD + list(TS054_TENURE)
TS019_HEADER = _NOMIS_LEAD + list(TS019_MIGRANT)
TS016_HEADER = _NOMIS_LEAD + list(TS016_RESIDENCE)
QS405EW_HEADER = _NOMIS_LEAD + ["Rural Urban"] + list(QS405EW_TENURE)
POPULATION_2019_HEADER = ["lsoa", "pop"]

_FMT_RANK, _FMT_DECILE, _FMT_COUNT, _FMT_SCORE = "#,##0", "0", "#,##0", "0.000"

# ---------------------------------------------------------------------------------------------
# The fake geography
# ---------------------------------------------------------------------------------------------

_ENGLAND = ("E92000001", "England")
_WALES = ("W92000004", "Wales")
_SCOTLAND = ("S92000003", "Scotland")
_NI = ("N92000002", "Northern Ireland")
_EW = ("K04000001", "England and Wales")
_GB = ("K03000001", "Great Britain")
_UK = ("K02000001", "United Kingdom")


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
        return {"E": _ENGLAND, "W": _WALES, "S": _SCOTLAND, "N": _NI}[self.code[0]]


_TESTSHIRE = ("E10009901", "Testshire")
_EXAMPLESHIRE = ("E10009902", "Exampleshire")

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
        county=_TESTSHIRE,
        deprivation=-0.7,
        urban=0.1,
    ),
    District(
        "E07009902",
        "Samplebury",
        35,
        region=("E12000009", "South West"),
        county=_EXAMPLESHIRE,
        successor="E06009903",
        deprivation=-0.4,
        urban=0.15,
    ),
    District(
        "E07009903",
        "Dummyton",
        35,
        region=("E12000009", "South West"),
        county=_EXAMPLESHIRE,
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
_BY_CODE = {d.code: d for d in DISTRICTS}


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


def build_geography(seed: int = SEED) -> Geography:
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
        new_ward(_BY_CODE["S12009901"], name)
    for name in ("Testabridge", "Demoglen"):
        new_ward(_BY_CODE["N09009901"], name)

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
    district23 = {d.code: _BY_CODE[d.successor] if d.successor else d for d in DISTRICTS}
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
        successor = _BY_CODE[district.successor]
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


# ---------------------------------------------------------------------------------------------
# IoD2019 values
# ---------------------------------------------------------------------------------------------


@dataclass
class IodRow:
    lsoa: Lsoa11
    transformed: tuple[float, ...]  # 7 domains, rounded to 3 dp as published
    domain_ranks: tuple[int, ...]
    imd_score_per_mille: int  # weighted sum of the rounded transformed scores, x 1000
    imd_rank: int
    idaci_rank: int
    idaopi_rank: int
    population: tuple[int, int, int, int, float]  # total, 0-15, 16-59, 60+, working age


def exponential_transform(rank: int, n: int) -> float:
    """IoD exponential transformation of a rank (1 = most deprived) to a 0-100 score."""
    proportion = (n - rank + 0.5) / n  # 0 = least deprived, 1 = most deprived
    return -23.0 * math.log(1.0 - proportion * (1.0 - math.exp(-100.0 / 23.0)))


def ranks_descending(keys: Sequence[Any], codes: Sequence[str]) -> list[int]:
    """Rank 1 = largest key; ties broken by code so ranks are a permutation of 1..n."""
    order = sorted(range(len(keys)), key=lambda i: (-keys[i], codes[i]))
    ranks = [0] * len(keys)
    for rank, index in enumerate(order, start=1):
        ranks[index] = rank
    return ranks


def decile(rank: int, n: int) -> int:
    return (rank * 10 + n - 1) // n


def imd_score_per_mille(transformed: Sequence[float]) -> int:
    """IMD score x 1000 from the 3-dp transformed scores (exact: integer arithmetic)."""
    return sum(
        weight * round(value * 1000)
        for weight, value in zip(IMD_WEIGHTS_PER_MILLE, transformed, strict=True)
    )


# How strongly each domain follows the LSOA's latent deprivation, and its own noise.
_DOMAIN_LOADING = ((1.0, 0.35), (0.95, 0.4), (0.8, 0.6), (0.85, 0.5), (0.5, 0.9), (0.1, 1.0))
_DOMAIN_LOADING += ((0.4, 0.9),)


def build_iod(geography: Geography, seed: int = SEED) -> list[IodRow]:
    rng = random.Random(seed + 1)
    lsoas = sorted(geography.english_lsoa11, key=lambda lsoa: lsoa.code)
    n = len(lsoas)
    codes = [lsoa.code for lsoa in lsoas]
    latent = [lsoa.district.deprivation + rng.gauss(0.0, 1.0) for lsoa in lsoas]
    raw = [
        [loading * z + rng.gauss(0.0, noise) for z in latent] for loading, noise in _DOMAIN_LOADING
    ]
    domain_ranks = [ranks_descending(values, codes) for values in raw]
    transformed = [
        [round(exponential_transform(rank, n), 3) for rank in ranks] for ranks in domain_ranks
    ]
    scores = [imd_score_per_mille([t[i] for t in transformed]) for i in range(n)]
    imd_ranks = ranks_descending(scores, codes)
    idaci = ranks_descending([v + rng.gauss(0.0, 0.4) for v in raw[0]], codes)
    idaopi = ranks_descending([v + rng.gauss(0.0, 0.6) for v in raw[0]], codes)
    rows = []
    for i, lsoa in enumerate(lsoas):
        total = rng.randint(1000, 3000)
        children = round(total * rng.uniform(0.12, 0.28))
        older = round(total * rng.uniform(0.10, 0.35))
        middle = total - children - older
        # 18-59/64 is published unrounded (the pension-age boundary moved during 2015).
        working: float = round(middle * rng.uniform(0.88, 0.95) + older * rng.uniform(0.03, 0.1))
        working += rng.choice((0.0, 0.0, 0.25, 0.5, 0.75))
        rows.append(
            IodRow(
                lsoa=lsoa,
                transformed=tuple(t[i] for t in transformed),
                domain_ranks=tuple(r[i] for r in domain_ranks),
                imd_score_per_mille=scores[i],
                imd_rank=imd_ranks[i],
                idaci_rank=idaci[i],
                idaopi_rank=idaopi[i],
                population=(total, children, middle, older, working),
            )
        )
    return rows


# ---------------------------------------------------------------------------------------------
# Census 2011 and 2021 values, and mid-2019 populations
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Msoa:
    code: str
    name: str
    district: District


@dataclass
class Census:
    msoa11: list[Msoa]
    msoa21: list[Msoa]
    # LSOA 2021 code -> TS054 leaves: owns outright, mortgage, shared ownership, council, other
    # social, private landlord, other private, rent free.
    tenure21: dict[str, list[int]]
    # LSOA 2011 code -> QS405EW leaves: owned outright, mortgage, shared ownership, council,
    # other social, private landlord, employer, relative or friend, private other, rent free.
    tenure11: dict[str, list[int]]
    migrant: dict[str, list[int]]  # LSOA 2021 -> TS019 categories (their sum is the total)
    residence: dict[str, list[int]]  # LSOA 2021 -> TS016 categories (their sum is the total)
    population19: dict[str, int]  # LSOA 2011 (E, W), data zone (S) or SOA (NI) -> mid-2019


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


# Tenure: national shares of households and how each leans with deprivation (log scale).
_TENURE21_BASE = (0.33, 0.30, 0.010, 0.08, 0.09, 0.17, 0.020, 0.002)
_TENURE21_SLOPE = (-0.30, -0.25, 0.0, 0.75, 0.70, 0.30, 0.20, 0.0)
# 2011 has less private renting (it grew by about a third by 2021) and more mortgages.
_TENURE11_BASE = (0.31, 0.33, 0.008, 0.095, 0.083, 0.12, 0.004, 0.012, 0.003, 0.013)
_TENURE11_SLOPE = (-0.30, -0.25, 0.0, 0.75, 0.70, 0.30, 0.0, 0.2, 0.2, 0.1)
# Which 2021 leaf an LSOA's own lean (kept from 2011 to 2021) applies to, per 2011 leaf.
_TENURE11_FROM_21 = (0, 1, 2, 3, 4, 5, 6, 6, 6, 7)
_COUNCIL, _OTHER_SOCIAL = 3, 4
_PRIVATE11 = (5, 6, 7, 8)


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """`total` split in proportion to `weights`, in whole numbers that add up to `total`
    (largest remainders; ties go to the earlier category)."""
    scale = sum(weights)
    exact = [total * weight / scale for weight in weights]
    parts = [math.floor(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (parts[i] - exact[i], i))
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts


def _clamp(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


def build_census(geography: Geography, iod: Sequence[IodRow], seed: int = SEED) -> Census:
    rng = random.Random(seed + 3)
    msoa11, msoa21 = build_msoas(geography)

    # Deprivation as a standard normal score: from the IMD rank in England, drawn in Wales (no IoD).
    n = len(iod)
    deprivation11 = {
        row.lsoa.code: NormalDist().inv_cdf((n - row.imd_rank + 0.5) / n) for row in iod
    }
    for lsoa in geography.lsoa11:
        if lsoa.code not in deprivation11:
            deprivation11[lsoa.code] = lsoa.district.deprivation + rng.gauss(0.0, 1.0)
    # Each LSOA's own lean towards some tenures, kept from 2011 to 2021; and each district's
    # balance of council against housing-association homes (some transferred all their stock).
    lean11 = {lsoa.code: [rng.gauss(0.0, 0.3) for _ in range(8)] for lsoa in geography.lsoa11}
    council_lean = {d.code: rng.uniform(-1.2, 1.2) for d in DISTRICTS if d.n_lsoa}

    sources: dict[str, list[Lsoa11]] = {}
    targets: dict[str, list[Lsoa21]] = {}
    chgind_of: dict[str, str] = {}
    for old, new, chgind in geography.pairs:
        sources.setdefault(new.code, []).append(old)
        targets.setdefault(old.code, []).append(new)
        chgind_of[old.code] = chgind

    tenure21: dict[str, list[int]] = {}
    migrant: dict[str, list[int]] = {}
    residence: dict[str, list[int]] = {}
    households21: dict[str, int] = {}
    for lsoa in geography.lsoa21:
        olds = sources[lsoa.code]
        z = sum(deprivation11[old.code] for old in olds) / len(olds)
        lean = [sum(lean11[old.code][k] for old in olds) / len(olds) for k in range(8)]
        district = lsoa.district22
        urban = district.urban

        residents = rng.randint(1200, 2600)  # aged 1 and over, the TS019 base
        household_size = rng.uniform(max(2.1, residents / 950), min(3.0, residents / 400))
        households = round(residents / household_size)
        households21[lsoa.code] = households
        weights = [
            base * math.exp(slope * z + lean[k] + rng.gauss(0.0, 0.1))
            for k, (base, slope) in enumerate(zip(_TENURE21_BASE, _TENURE21_SLOPE, strict=True))
        ]
        weights[_COUNCIL] *= math.exp(council_lean[district.code])
        weights[_OTHER_SOCIAL] *= math.exp(-council_lean[district.code])
        tenure21[lsoa.code] = apportion(households, weights)

        within_uk = _clamp(0.085 + 0.02 * z + 0.03 * urban + rng.gauss(0.0, 0.015), 0.04, 0.17)
        outside_uk = _clamp(0.004 + 0.015 * urban + 0.003 * z + rng.gauss(0.0, 0.003), 0.0, 0.03)
        student = abs(rng.gauss(0.0, 0.004))
        if rng.random() < 0.04:  # a student quarter
            student += rng.uniform(0.01, 0.03)
        same = 1.0 - within_uk - outside_uk - student
        migrant[lsoa.code] = apportion(residents, (same, student, within_uk, outside_uk))

        # TS016 counts every usual resident, so it also has the babies under 1 that TS019 leaves out.
        all_residents = round(residents * rng.uniform(1.008, 1.014))
        born_abroad = _clamp(0.03 + 0.3 * urban**2 + 0.02 * z + rng.gauss(0.0, 0.02), 0.01, 0.5)
        arrived = [share * math.exp(rng.gauss(0.0, 0.2)) for share in (0.55, 0.18, 0.15, 0.12)]
        scale = born_abroad / sum(arrived)
        residence[lsoa.code] = apportion(
            all_residents, [1.0 - born_abroad, *(share * scale for share in arrived)]
        )

    # 2011 households follow the 2021 LSOAs they became: splits were areas that grew past the
    # LSOA size limit, so a split LSOA had fewer households in 2011 than its parts in 2021.
    tenure11: dict[str, list[int]] = {}
    for old in geography.lsoa11:
        share_of_2021 = sum(
            households21[new.code] / len(sources[new.code]) for new in targets[old.code]
        )
        growth = rng.uniform(0.5, 0.75) if chgind_of[old.code] == "S" else rng.uniform(0.92, 1.0)
        households = round(share_of_2021 * growth)
        z = deprivation11[old.code]
        private_growth = rng.gauss(0.0, 0.25)  # private renting grew unevenly
        weights = []
        for k, (base, slope) in enumerate(zip(_TENURE11_BASE, _TENURE11_SLOPE, strict=True)):
            log_weight = slope * z + lean11[old.code][_TENURE11_FROM_21[k]] + rng.gauss(0.0, 0.1)
            if k in _PRIVATE11:
                log_weight += private_growth
            weights.append(base * math.exp(log_weight))
        weights[_COUNCIL] *= math.exp(council_lean[old.district.code])
        weights[_OTHER_SOCIAL] *= math.exp(-council_lean[old.district.code])
        tenure11[old.code] = apportion(households, weights)

    population19: dict[str, int] = {}
    mid2015 = {row.lsoa.code: row.population[0] for row in iod}
    for old in geography.lsoa11:
        if old.code in mid2015:
            population19[old.code] = round(mid2015[old.code] * rng.uniform(0.97, 1.05))
        else:  # Wales has no File 6 to follow
            population19[old.code] = rng.randint(900, 2900)
    # Scotland's data zones are smaller than LSOAs; one large one shows that only the English
    # and Welsh values carry a thousands separator in the published file.
    for serial in range(1, 7):
        population19[f"S01{900000 + serial:06d}"] = (
            rng.randint(1000, 1300) if serial == 4 else rng.randint(450, 990)
        )
    # NI super output areas: ward code, then S1, S2 for a split ward or W1 for a whole one.
    for code in ("95TD01S1", "95TD01S2", "95TD02W1", "95TD03S1", "95TD03S2"):
        population19[code] = rng.randint(1300, 2900)
    return Census(msoa11, msoa21, tenure21, tenure11, migrant, residence, population19)


def ts054_cells(leaves: Sequence[int]) -> list[int]:
    """A TS054 row's 13 counts from its 8 leaves: total, then subtotals before their parts."""
    outright, mortgage, shared, council, other_social, landlord, other_private, rent_free = leaves
    return [
        sum(leaves),
        outright + mortgage,
        outright,
        mortgage,
        shared,
        shared,
        council + other_social,
        council,
        other_social,
        landlord + other_private,
        landlord,
        other_private,
        rent_free,
    ]


def qs405ew_cells(leaves: Sequence[int]) -> list[int]:
    """A QS405EW row's 14 counts from its 10 leaves."""
    (
        outright,
        mortgage,
        shared,
        council,
        other_social,
        landlord,
        employer,
        relative,
        other_private,
        rent_free,
    ) = leaves
    return [
        sum(leaves),
        outright + mortgage,
        outright,
        mortgage,
        shared,
        council + other_social,
        council,
        other_social,
        landlord + employer + relative + other_private,
        landlord,
        employer,
        relative,
        other_private,
        rent_free,
    ]


_PERTURBATIONS = (-3, -2, -1, -1, 0, 0, 0, 0, 0, 1, 1, 2, 3)
_MAX_PERTURBATION = 3


def perturb(leaves: Sequence[int], code: str, seed: int = SEED) -> list[int]:
    """Leaves of a higher-level Census 2021 row, as cell-key perturbation publishes them: each off
    the exact sum by a little, chosen so that no cell of the row (subtotals and total included)
    is more than 3 away from the exact one. Seeded by the area code, so an area published at two
    levels (Wales as region and as country) gets the same numbers, as with real cell keys."""
    rng = random.Random(f"{seed}:{code}")
    exact = ts054_cells(leaves)
    for _ in range(100):
        noisy = [max(0, value + rng.choice(_PERTURBATIONS)) for value in leaves]
        cells = ts054_cells(noisy)
        if all(abs(a - b) <= _MAX_PERTURBATION for a, b in zip(cells, exact, strict=True)):
            return noisy
    return list(leaves)


def _sum_leaves(rows: Sequence[Sequence[int]]) -> list[int]:
    return [sum(column) for column in zip(*rows, strict=True)]


def _nomis_order(district: District, name: str) -> tuple[int, str, str, str]:
    """Nomis lists areas by country, region and district, then by name."""
    region_code = district.region[0] if district.region else ""
    return ("EW".index(district.code[0]), region_code, district.code, name)


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------


def _csv_bytes(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    encoding: str = "utf-8",
    bom: bool = False,
    line_end: str = "\n",
    quoting: int = csv.QUOTE_MINIMAL,
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end, quoting=quoting)
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return codecs.BOM_UTF8 + data if bom else data


@dataclass
class _Sheet:
    title: str
    header: Sequence[str] = ()
    rows: Sequence[Sequence[Any]] = ()
    formats: Sequence[str | None] = ()
    text: Sequence[str] = ()  # a text-only sheet: one line per row, in column B from row 2


def _xlsx_bytes(sheets: Sequence[_Sheet]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title)
        for offset, line in enumerate(spec.text):
            if line:
                sheet.cell(row=2 + offset, column=2, value=line)
        if spec.header:
            sheet.append(list(spec.header))
        for values in spec.rows:
            sheet.append(list(values))
        for column, number_format in enumerate(spec.formats, start=1):
            if number_format is None:
                continue
            for (cell,) in sheet.iter_rows(min_row=1, min_col=column, max_col=column):
                cell.number_format = number_format
    props = workbook.properties
    props.creator = props.lastModifiedBy = "placeindex demo generator (synthetic data)"
    props.title = "SYNTHETIC demo data - not official statistics"
    props.created = props.modified = _FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _pin_zip(buffer.getvalue())


def _pin_zip(data: bytes) -> bytes:
    """Rewrite an XLSX zip with fixed member timestamps and a fixed modified date."""
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    members = []
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    content,
                )
            members.append((info.filename, content))
    return _zip_bytes(members)


def _zip_bytes(members: Sequence[tuple[str, bytes]]) -> bytes:
    """A zip archive of `members` in order, with pinned timestamps and permissions."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in members:
            pinned = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = 0o600 << 16
            target.writestr(pinned, content)
    return out.getvalue()


def _lead(row: IodRow) -> list[str]:
    lsoa = row.lsoa
    return [lsoa.code, lsoa.name, lsoa.district.code, lsoa.district.name]


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def build_files(seed: int = SEED) -> dict[str, bytes]:
    """Every demo file's name and bytes (README and version stamp included)."""
    geography = build_geography(seed)
    iod = build_iod(geography, seed)
    n = len(iod)
    lead_formats: list[str | None] = [None] * 4
    files: dict[str, bytes] = {}

    files[FILE_1] = _xlsx_bytes(
        [
            _Sheet("Notes"),
            _Sheet(
                "IMD2019",
                FILE_1_HEADER,
                [_lead(r) + [r.imd_rank, decile(r.imd_rank, n)] for r in iod],
                lead_formats + [_FMT_RANK, _FMT_DECILE],
            ),
        ]
    )
    file2_rows = []
    for r in iod:
        values = _lead(r) + [r.imd_rank, decile(r.imd_rank, n)]
        for rank in r.domain_ranks:
            values += [rank, decile(rank, n)]
        file2_rows.append(values)
    files[FILE_2] = _xlsx_bytes(
        [
            _Sheet("Notes"),
            _Sheet(
                "IoD2019 Domains",
                FILE_2_HEADER,
                file2_rows,
                lead_formats + [_FMT_RANK, _FMT_DECILE] * 8,
            ),
        ]
    )
    files[FILE_3] = _xlsx_bytes(
        [
            _Sheet("Notes"),
            _Sheet(
                "IoD2019 IDACI & IDAOPI",
                FILE_3_HEADER,
                [
                    _lead(r)
                    + [
                        r.imd_rank,
                        decile(r.imd_rank, n),
                        r.idaci_rank,
                        decile(r.idaci_rank, n),
                        r.idaopi_rank,
                        decile(r.idaopi_rank, n),
                    ]
                    for r in iod
                ],
                lead_formats + [_FMT_RANK, _FMT_DECILE] * 3,
            ),
        ]
    )
    files[FILE_6] = _xlsx_bytes(
        [
            _Sheet("Terms & Conditions", text=_FILE_6_TERMS),
            _Sheet(
                "Population Denominators",
                FILE_6_HEADER,
                [_lead(r) + [_number(v) for v in r.population] for r in iod],
                lead_formats + [_FMT_COUNT] * 5,
            ),
        ]
    )
    files[FILE_9] = _xlsx_bytes(
        [
            _Sheet("Notes"),
            _Sheet(
                "IoD2019 Transformed Scores",
                FILE_9_HEADER,
                [_lead(r) + list(r.transformed) for r in iod],
                lead_formats + [_FMT_SCORE] * 7,
            ),
        ]
    )

    # ONS IMD lookup: FID 1..n over rows in no particular order (as published).
    rng = random.Random(seed + 2)
    shuffled = list(iod)
    rng.shuffle(shuffled)
    files[IMD_LOOKUP] = _csv_bytes(
        IMD_LOOKUP_HEADER,
        [_lead(r) + [r.imd_rank, fid] for fid, r in enumerate(shuffled, start=1)],
    )

    # LSOA 2011 -> 2021 -> LAD 2022: Windows-1252 (Welsh names with 'ô'), LF, no BOM.
    files[LSOA11_LSOA21] = _csv_bytes(
        LSOA11_LSOA21_HEADER,
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
        encoding="cp1252",
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
    files[LSOA21_WARD23] = _csv_bytes(
        LSOA21_WARD23_HEADER,
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
    files[LSOA11_WARD19] = _csv_bytes(
        LSOA11_WARD19_HEADER, [[fid] + row for fid, row in enumerate(rows_19, start=1)]
    )

    # Ward 2019 -> LAD 2019, UK: England, then Northern Ireland, Scotland, Wales (as published).
    uk_wards = [w for w in english_wards] + [
        w for country in "NSW" for w in geography.wards19 if w.code[0] == country
    ]
    files[WARD19_LAD19] = _csv_bytes(
        WARD19_LAD19_HEADER,
        [
            [fid, w.code, w.name, w.district.code, w.district.name]
            for fid, w in enumerate(uk_wards, start=1)
        ],
    )

    files[LA_ALL_CODES] = _csv_bytes(LA_ALL_CODES_HEADER, _la_all_codes_rows())
    files.update(_census_files(geography, build_census(geography, iod, seed), seed))
    files[README_FILE] = _README.format(version=DEMO_VERSION, seed=seed).encode("utf-8")
    files[VERSION_FILE] = (DEMO_VERSION + "\n").encode("ascii")
    return files


def _census_files(geography: Geography, census: Census, seed: int) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    lsoa21 = sorted(geography.lsoa21, key=lambda lsoa: lsoa.code)

    # TS054: one member per level. Nomis writes these unquoted (QUOTE_MINIMAL quotes only the
    # names with commas, as the real files do); higher levels are perturbed sums of the LSOAs.
    # Keyed by level too: Wales is both a region and a country under one code.
    by_area: dict[tuple[str, str], list[list[int]]] = {}
    msoa21_code = {msoa.name: msoa.code for msoa in census.msoa21}
    for lsoa in lsoa21:
        district = lsoa.district22
        region = district.region or _WALES
        for level, area in (
            ("msoa", msoa21_code[msoa_name(lsoa.name)]),
            ("ltla", district.code),
            ("rgn", region[0]),
            ("ctry", district.country[0]),
        ):
            by_area.setdefault((level, area), []).append(census.tenure21[lsoa.code])
    levels: dict[str, list[tuple[str, str, list[int]]]] = {
        "lsoa": [(lsoa.name, lsoa.code, census.tenure21[lsoa.code]) for lsoa in lsoa21],
    }
    districts22 = sorted({lsoa.district22.code for lsoa in lsoa21})
    regions = sorted({lsoa.district22.region for lsoa in lsoa21 if lsoa.district22.region})
    for level, areas in (
        ("msoa", [(m.code, m.name) for m in sorted(census.msoa21, key=lambda m: m.code)]),
        ("ltla", [(code, _BY_CODE[code].name) for code in districts22]),
        ("rgn", [*regions, _WALES]),
        ("ctry", [_ENGLAND, _WALES]),
    ):
        levels[level] = [
            (name, code, perturb(_sum_leaves(by_area[level, code]), code, seed))
            for code, name in areas
        ]
    members = [
        (
            f"census2021-ts054-{level}.csv",
            _csv_bytes(
                TS054_HEADER,
                [
                    ["2021", name, code, *ts054_cells(leaves)]
                    for name, code, leaves in levels[level]
                ],
            ),
        )
        for level in TS054_LEVELS
    ]
    members.append((TS054_METADATA, _TS054_METADATA_TEXT.replace("\n", "\r\n").encode("utf-8")))
    files[TS054_ZIP] = _zip_bytes(members)

    # TS019 and TS016: every text field quoted, counts not (QUOTE_NONNUMERIC), in Nomis order.
    nomis_lsoa21 = sorted(lsoa21, key=lambda lsoa: _nomis_order(lsoa.district22, lsoa.name))
    ts019 = _csv_bytes(
        TS019_HEADER,
        [
            [
                "2021",
                lsoa.name,
                lsoa.code,
                sum(census.migrant[lsoa.code]),
                *census.migrant[lsoa.code],
            ]
            for lsoa in nomis_lsoa21
        ],
        quoting=csv.QUOTE_NONNUMERIC,
    )
    files[TS019_ZIP] = _zip_bytes([(TS019_LSOA, ts019)])
    files[TS016_LSOA] = _csv_bytes(
        TS016_HEADER,
        [
            [
                "2021",
                lsoa.name,
                lsoa.code,
                sum(census.residence[lsoa.code]),
                *census.residence[lsoa.code],
            ]
            for lsoa in nomis_lsoa21
        ],
        quoting=csv.QUOTE_NONNUMERIC,
    )

    # QS405EW: quoted like TS019 (the year too); 2011 had no perturbation, so MSOAs are exact sums.
    lsoa11 = sorted(geography.lsoa11, key=lambda lsoa: _nomis_order(lsoa.district, lsoa.name))
    files[QS405EW_LSOA] = _csv_bytes(
        QS405EW_HEADER,
        [
            ["2011", lsoa.name, lsoa.code, "Total", *qs405ew_cells(census.tenure11[lsoa.code])]
            for lsoa in lsoa11
        ],
        quoting=csv.QUOTE_NONNUMERIC,
    )
    msoa11_leaves: dict[str, list[list[int]]] = {}
    for lsoa in lsoa11:
        msoa11_leaves.setdefault(msoa_name(lsoa.name), []).append(census.tenure11[lsoa.code])
    files[QS405EW_MSOA] = _csv_bytes(
        QS405EW_HEADER,
        [
            [
                "2011",
                msoa.name,
                msoa.code,
                "Total",
                *qs405ew_cells(_sum_leaves(msoa11_leaves[msoa.name])),
            ]
            for msoa in sorted(census.msoa11, key=lambda m: _nomis_order(m.district, m.name))
        ],
        quoting=csv.QUOTE_NONNUMERIC,
    )

    # Mid-2019 populations: UTF-8 with BOM; English and Welsh values of 1,000 or more are quoted
    # strings with a thousands separator, Scottish and NI values plain numbers (as published).
    population_rows: list[list[str | int]] = []
    for lsoa in sorted(
        geography.lsoa11, key=lambda lsoa: (lsoa.code[0], lsoa.district.code, lsoa.code)
    ):
        value = census.population19[lsoa.code]
        population_rows.append([lsoa.code, f"{value:,}" if value >= 1000 else value])
    population_rows += [
        [code, value] for code, value in census.population19.items() if code[0] not in "EW"
    ]
    # The compilation ends with the Northern Ireland areas summed again, as the real file does.
    population_rows.append(
        ["Grand Total", sum(v for c, v in census.population19.items() if c.startswith("95"))]
    )
    files[POPULATION_2019] = _csv_bytes(POPULATION_2019_HEADER, population_rows, bom=True)
    return files


_TS054_METADATA_TEXT = """Title: Tenure (SYNTHETIC DEMO DATA)
Description: Synthetic demo data generated by placeindex (ingest/demo.py) in the layout of the Nomis \
bulk download of Census 2021 TS054. Every code, name and number is invented; not official statistics.
Identifier: Tenure
Language: English
"""


def _la_all_codes_rows() -> list[list[str]]:
    rows = []
    for district in sorted(DISTRICTS, key=lambda d: d.code):
        active = _BY_CODE[district.successor] if district.successor else district
        country = district.country
        upper = (active.code, active.name) if district.successor else None
        upper = upper or district.county or (district.code, district.name)
        combined = district.combined_authority or ("", "")
        region = district.region or ("", "")
        in_ew = country in (_ENGLAND, _WALES)
        in_gb = country != _NI
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
                *(_EW if in_ew else ("", "")),
                *(_GB if in_gb else ("", "")),
                *_UK,
                "FALSE" if district.successor else "TRUE",
                active.code,
                active.name,
            ]
        )
    return rows


_FILE_6_TERMS = (
    "SYNTHETIC DEMO DATA - Population denominators for a fake England",
    "",
    "This workbook was generated by placeindex (ingest/demo.py). It copies only the layout of",
    "the published IoD2019 File 6; every code, name and number in it is invented.",
    "It is NOT an official statistic and must not be used as one.",
)

_README = """SYNTHETIC DEMO DATA - NOT OFFICIAL STATISTICS

These files were generated by placeindex (ingest/demo.py, demo version {version}, seed {seed}).
They are synthetic: every code, name and number in them is invented for a small fake England and
Wales, so the pipeline can be run end to end offline. They are not official statistics and must
not be used or cited as such.

Only the LAYOUT of the published files is copied: file names, sheet names and order, header text
and column order, encodings (the LSOA 2011 -> 2021 lookup is Windows-1252, the LSOA 2021 -> ward
2023 lookup and the 2019 populations UTF-8 with a byte order mark), quoting, line endings and
archive members (the Census 2021 Nomis bulk zips).

Fake code ranges (real codes never use them): LSOA 2011 E019xxxxx / W019xxxxx, new LSOA 2021
E0195xxxx / W0195xxxx, MSOA 2011 E029xxxxx / W029xxxxx, new MSOA 2021 E0295xxxx / W0295xxxx,
wards E059xxxxx / E0591xxxx / W059xxxxx / S139xxxxx / N089xxxxx, districts E06009901.. /
E07009901.. / E08009901 / E09009901 / W06009901.. / S12009901 / N09009901, data zones S019xxxxx,
NI super output areas 95TDxxxx.

Delete this folder to have it written again; it is rewritten whenever the demo version changes.
"""


# ---------------------------------------------------------------------------------------------
# Writing the folder
# ---------------------------------------------------------------------------------------------


def is_current(folder: Path) -> bool:
    """True when `folder` holds a complete demo set of this version."""
    stamp = folder / VERSION_FILE
    try:
        if stamp.read_text(encoding="ascii").strip() != DEMO_VERSION:
            return False
    except (OSError, UnicodeDecodeError):
        return False
    return all((folder / name).is_file() for name in (*DEMO_FILES.values(), README_FILE))


def write_demo_files(folder: Path, seed: int = SEED) -> None:
    """Write every demo file into `folder` (created if needed); the version stamp goes last."""
    folder.mkdir(parents=True, exist_ok=True)
    files = build_files(seed)
    for name, data in files.items():
        if name != VERSION_FILE:
            (folder / name).write_bytes(data)
    (folder / VERSION_FILE).write_bytes(files[VERSION_FILE])


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """An exclusive inter-process lock (POSIX); elsewhere no lock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_demo_files(folder: Path) -> Path:
    """The demo folder, written first if missing or of another demo version. Returns `folder`.

    Files are written into a temporary sibling folder that replaces `folder` by rename, so a crash
    never leaves half a set; a lock keeps concurrent callers (parallel assets) from racing.
    """
    folder = Path(folder)
    if is_current(folder):
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    with _lock(folder.parent / f".{folder.name}.lock"):
        if is_current(folder):
            return folder
        staging = Path(
            tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".part", dir=folder.parent)
        )
        try:
            write_demo_files(staging)
            retired = None
            if folder.exists():
                retired = folder.with_name(f".{folder.name}.old-{uuid.uuid4().hex}")
                os.replace(folder, retired)
            os.replace(staging, folder)
            if retired is not None:
                shutil.rmtree(retired, ignore_errors=True)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    return folder
