"""The democracy family: the general elections of 2019 and 2024 by constituency (House of Commons
Library), mySociety's population overlaps of the 2024 constituencies with the small areas of 2011
and with the constituencies of 2010, and Open Innovations' code lists of both sets of
constituencies.

The demo country has no constituencies, so they are invented here, and everything else follows
from them, so the six files agree with one another as the real ones do. Each region's LSOAs 2011
(in code order; Wales, the Scottish data zones and the NI super output areas likewise) are cut
into runs: whole small areas for the 2010 constituencies, and for those of 2024 runs whose
boundary passes through a small area, which is shared between the two. A constituency's
population, electorate and votes are those of its small areas (or their parts), turnout falls
with deprivation, and 2024's is lower than 2019's, as it was. Codes are of the real formats in
ranges real codes never use: 2010 constituencies E14009901.., W07009901.., S14009901, N06009901;
2024 constituencies E14019901.., W07019901.., S14019901, N05019901, with the short codes
UKPARL.2025.ZAA.. (no real short code starts with Z). Names, members and votes are invented.

What each file keeps of its real counterpart: the Library's CSVs (UTF-8, every published column
in order, names with commas quoted; 2019 with CRLF line ends, County name and Declaration time
filled in, 'BRX' for the Brexit Party; 2024 with LF, those two columns blank, 'RUK'; party votes
adding up to Valid votes; no turnout column); mySociety's parquet files (the catalog's columns
and the pandas index they were saved with, rows sorted by code with the index of the unsorted
frame; shares from 0 to 1 rounded to 2 dp; slivers of area with no population, whose original_pop
is 0; a coastal LSOA whose overlaps hold less than its population); Open Innovations' lists
(names always quoted, LF; the 2010 list without a line end after its last row, and its
'Yorkshire and the Humber' in lower case).
"""

from __future__ import annotations

import io
import json
import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from statistics import NormalDist

from demo.layouts import header, layout
from demo.world import World
from demo.world.areas import NI, NI_SUPER_OUTPUT_AREAS, SCOTLAND, SCOTTISH_DATA_ZONES, WALES
from demo.world.draw import clamp
from demo.world.residents import apportion
from demo.writers import csv_bytes, row_by_name
from ingest.catalog import FileLayout, get_source

GE2024 = layout("hoc_library__ge2024_results")
GE2019 = layout("hoc_library__ge2019_results")
LSOA_OVERLAP = layout("mysociety__lsoa11_parl25_overlap")
PARL_OVERLAP = layout("mysociety__parl10_parl25_overlap")
PARL25_CODES = layout("open_innovations__parl25_codes")
PARL10_CODES = layout("open_innovations__parl10_codes")
FILES = tuple(
    found.file_name
    for found in (GE2024, GE2019, LSOA_OVERLAP, PARL_OVERLAP, PARL25_CODES, PARL10_CODES)
)

# pandas saves a frame's index beside its columns under this name (the catalog lists it as
# published and unread; a parquet layout has no header row to take it from).
PANDAS_INDEX = "__index_level_0__"


@dataclass(frozen=True)
class Group:
    """The small areas one set of constituencies cuts up: a region of England, or a nation."""

    region: tuple[str, str]  # ONS region ID and name (the nation's for Wales, Scotland and NI)
    county_2019: str  # the 2019 file's County name
    borough: bool  # Constituency type: Borough (urban) or County
    names_2010: tuple[str, ...]
    names_2024: tuple[str, ...]


# By region, in the order of the demo's districts: 13 English constituencies of 2010 become 12 in
# 2024 (Mockchester gains one; Fakeley and the South West lose one each), and Wales's three
# become two, as the 2023 review cut Wales from 40 to 32. A name with a comma is quoted in the
# CSVs.
GROUPS: dict[str, Group] = {
    "E12000001": Group(
        ("E12000001", "North East"),
        "Synthetic Valley",
        True,
        ("Synthetown North", "Synthetown South"),
        ("Synthetown North", "Synthetown South and Valley"),
    ),
    "E12000003": Group(
        ("E12000003", "Yorkshire and The Humber"),
        "East Demoshire",
        True,
        ("Demoford, Central", "Demoford East"),
        ("Demoford, Central", "Demoford East and Marsh"),
    ),
    "E12000002": Group(
        ("E12000002", "North West"),
        "Greater Mockchester",
        True,
        ("Mockchester Central", "Mockchester Outer"),
        ("Mockchester Central", "Mockchester North", "Mockchester South"),
    ),
    "E12000007": Group(
        ("E12000007", "London"),
        "London",
        True,
        ("Testwick East", "Testwick West"),
        ("Testwick East", "Testwick West and Riverside"),
    ),
    "E12000004": Group(
        ("E12000004", "East Midlands"),
        "Testshire",
        False,
        ("Fakeley", "Fakeley Vale"),
        ("Fakeley and Vale",),
    ),
    "E12000009": Group(
        ("E12000009", "South West"),
        "Exampleshire",
        False,
        ("Samplebury", "Dummyton and Samplebury West", "Dummyton"),
        ("Samplebury and Dummyton North", "Dummyton South"),
    ),
    WALES[0]: Group(
        WALES,
        "Glanmor",
        False,
        ("Glanmor", "Glanmor and Vale", "Vale of Testing"),
        ("Glanmor", "Vale of Testing"),
    ),
    SCOTLAND[0]: Group(SCOTLAND, "Scotland", False, ("Mocklothian",), ("Mocklothian and Burghs",)),
    NI[0]: Group(NI, "Northern Ireland", False, ("Testadown",), ("Testadown",)),
}
# Constituency codes by nation; Northern Ireland's of 2024 have a code type of their own (N05).
PCON_PREFIX = {"E": "E14", "W": "W07", "S": "S14"}
NI_PREFIX = {2010: "N06", 2024: "N05"}

# Each party's base share of the vote by election and nation (the party columns themselves are
# the catalog's, between 'Majority' and 'All other candidates').
OTHERS = "All other candidates"
SHARES = {
    (2019, "England"): {"Con": 47, "Lab": 34, "LD": 12, "BRX": 2, "Green": 3, OTHERS: 1},
    (2024, "England"): {"Con": 25, "Lab": 34, "LD": 12, "RUK": 16, "Green": 7, OTHERS: 3},
    (2019, "Wales"): {"Con": 36, "Lab": 41, "LD": 6, "BRX": 5, "Green": 1, "PC": 10, OTHERS: 1},
    (2024, "Wales"): {"Con": 18, "Lab": 37, "LD": 6, "RUK": 17, "Green": 5, "PC": 15, OTHERS: 2},
    (2019, "Scotland"): {"Con": 25, "Lab": 19, "LD": 10, "Green": 1, "SNP": 45, OTHERS: 1},
    (2024, "Scotland"): {"Con": 13, "Lab": 36, "LD": 10, "RUK": 7, "Green": 4, "SNP": 30},
    (2019, "Northern Ireland"): {"DUP": 31, "SF": 23, "SDLP": 15, "UUP": 12, "APNI": 17},
    (2024, "Northern Ireland"): {"DUP": 22, "SF": 27, "SDLP": 11, "UUP": 12, "APNI": 15},
}
# Parties whose share rises with deprivation (and falls with it), by how much per unit of the
# deprivation score.
LEAN = {"Lab": 0.25, "SF": 0.15, "Con": -0.25, "LD": -0.2, "APNI": -0.1}

# Members' names: invented (made-up surnames).
# fmt: off
FIRST_NAMES = (
    "Alex", "Sam", "Jo", "Robin", "Kim", "Pat", "Jamie", "Morgan", "Rowan", "Ellis", "Casey",
    "Drew", "Frankie", "Hayden", "Lindsay", "Quinn", "Remy", "Sasha",
)
SURNAMES = (
    "Testington", "Mockford", "Sampleton", "Demoworth", "Fakehurst", "Placeholder", "Dummett",
    "Exampleby", "Synthwick", "Trialling", "Pretendle", "Notreal", "Madeup", "Inventon",
    "Fictive", "Simulacre", "Proxley", "Standin",
)
# fmt: on


@dataclass
class Constituency:
    code: str
    name: str
    group: Group
    short_code: str = ""  # mySociety's, 2024 only
    # Small area code -> the share of its population living in this constituency.
    parts: dict[str, float] = field(default_factory=dict)

    @property
    def country(self) -> str:
        return {"E": "England", "W": "Wales", "S": "Scotland", "N": "Northern Ireland"}[
            self.code[0]
        ]


@dataclass
class Area:
    """A small area of 2011 as the elections see it."""

    code: str
    population: int
    area_m2: float
    electorate_rate: float  # people on the register per resident (2019)
    register_growth: float  # 2024 register / 2019 register
    deprivation: float  # standard normal score, higher = more deprived
    # A coastal area: the share of its people inside the constituencies' (clipped) boundaries.
    inside: float = 1.0


def _code(year: int, country: str, serial: int) -> str:
    prefix = NI_PREFIX[year] if country == "N" else PCON_PREFIX[country]
    return f"{prefix}{'00' if year == 2010 else '01'}{9900 + serial:04d}"


def _cuts(n: int, k: int) -> list[int]:
    """Where k runs of n areas begin (the first at 0), as even as whole areas allow."""
    return [round(index * n / k) for index in range(k)]


def build_constituencies(
    world: World, rng: random.Random
) -> tuple[dict[str, Area], list[Constituency], list[Constituency]]:
    """The small areas, and the constituencies of 2010 and 2024 that tile them."""
    geography, census = world.geography, world.census
    n = len(world.iod)
    score = {row.lsoa.code: NormalDist().inv_cdf((n - row.imd_rank + 0.5) / n) for row in world.iod}
    members: dict[str, list[str]] = {key: [] for key in GROUPS}
    areas: dict[str, Area] = {}

    def add(code: str, group: str, deprivation: float) -> None:
        members[group].append(code)
        areas[code] = Area(
            code,
            census.population19[code],
            round(10 ** rng.uniform(5.0, 6.3) * (1 if GROUPS[group].borough else 8), 2),
            rng.uniform(0.66, 0.76),
            rng.uniform(1.0, 1.04),
            deprivation,
        )

    for lsoa in sorted(geography.lsoa11, key=lambda lsoa: lsoa.code):
        if lsoa.code.startswith("W"):
            add(lsoa.code, WALES[0], lsoa.district.deprivation + rng.gauss(0, 0.5))
        else:
            assert lsoa.district.region is not None
            add(lsoa.code, lsoa.district.region[0], score[lsoa.code])
    for code in SCOTTISH_DATA_ZONES:
        add(code, SCOTLAND[0], rng.gauss(0, 0.7))
    for code in NI_SUPER_OUTPUT_AREAS:
        add(code, NI[0], rng.gauss(0, 0.7))
    # One coastal LSOA: 7% of its people live beyond the constituencies' clipped coastline.
    areas[members["E12000001"][0]].inside = 0.93

    serial = {(year, country): 0 for year in (2010, 2024) for country in "EWSN"}
    short = iter(f"UKPARL.2025.Z{a}{b}" for a in "ABCDEFGH" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")
    seats10: list[Constituency] = []
    seats24: list[Constituency] = []
    for key, group in GROUPS.items():
        codes = members[key]
        country = {"W92000004": "W", "S92000003": "S", "N92000002": "N"}.get(key, "E")
        # 2010: runs of whole small areas.
        starts = _cuts(len(codes), len(group.names_2010))
        for index, name in enumerate(group.names_2010):
            serial[2010, country] += 1
            seat = Constituency(_code(2010, country, serial[2010, country]), name, group)
            end = starts[index + 1] if index + 1 < len(starts) else len(codes)
            seat.parts = {code: 1.0 for code in codes[starts[index] : end]}
            seats10.append(seat)
        # 2024: each boundary passes through the small area it starts at, which is shared.
        starts = _cuts(len(codes), len(group.names_2024))
        shares = [rng.uniform(0.25, 0.75) for _ in starts]
        for index, name in enumerate(group.names_2024):
            serial[2024, country] += 1
            seat = Constituency(_code(2024, country, serial[2024, country]), name, group)
            seat.short_code = next(short)
            end = starts[index + 1] if index + 1 < len(starts) else len(codes)
            for position in range(starts[index], end):
                seat.parts[codes[position]] = 1.0
            if index > 0:
                seat.parts[codes[starts[index]]] = 1.0 - shares[index]
            if index + 1 < len(starts):
                seat.parts[codes[end]] = shares[index + 1]
            seats24.append(seat)
    return areas, seats10, seats24


# The seed of the constituencies' draw, beside the world's own.
SEATS_SEED = 24


def seats_2024(world: World) -> list[Constituency]:
    """The constituencies of 2024 as `build` draws them, for the boundary files (geography)."""
    return build_constituencies(world, random.Random(world.seed + SEATS_SEED))[2]


def build(world: World) -> dict[str, bytes]:
    rng = random.Random(world.seed + SEATS_SEED)
    areas, seats10, seats24 = build_constituencies(world, rng)
    results19 = _results(2019, seats10, areas, rng, {})
    winner19 = {seat.code: results19[seat.code]["First party"] for seat in seats10}
    # A 2024 seat's predecessor: the 2010 seat holding most of its people.
    previous = {
        seat.code: winner19[max(seats10, key=lambda old: _shared(old, seat, areas)).code]
        for seat in seats24
    }
    results24 = _results(2024, seats24, areas, rng, previous)
    return {
        GE2024.file_name: _results_csv(GE2024, seats24, results24, line_end="\n"),
        GE2019.file_name: _results_csv(GE2019, seats10, results19, line_end="\r\n"),
        LSOA_OVERLAP.file_name: _lsoa_overlap(areas, seats24),
        PARL_OVERLAP.file_name: _parl_overlap(areas, seats10, seats24),
        PARL25_CODES.file_name: _quoted_names(
            PARL25_CODES,
            [(seat.short_code, seat.code, seat.name) for seat in sorted(seats24, key=_short)],
            names="PCON24NM",
            final_newline=True,
        ),
        PARL10_CODES.file_name: _quoted_names(
            PARL10_CODES,
            [(seat.code, seat.name, _oi_region(seat)) for seat in sorted(seats10, key=_gss)],
            names="Name",
            final_newline=False,
        ),
    }


def _oi_region(seat: Constituency) -> str:
    # Open Innovations writes 'Yorkshire and the Humber', the Library 'Yorkshire and The Humber'.
    return seat.group.region[1].replace(" and The ", " and the ")


def _short(seat: Constituency) -> str:
    return seat.short_code


def _gss(seat: Constituency) -> str:
    return seat.code


def _people(seat: Constituency, areas: dict[str, Area]) -> float:
    return sum(areas[code].population * share for code, share in seat.parts.items())


def _shared(old: Constituency, new: Constituency, areas: dict[str, Area]) -> float:
    """People living in both: a 2010 seat holds whole small areas, so its share of one is 1."""
    return sum(
        areas[code].population * share for code, share in new.parts.items() if code in old.parts
    )


def _results(
    year: int,
    seats: Sequence[Constituency],
    areas: dict[str, Area],
    rng: random.Random,
    previous: dict[str, str],
) -> dict[str, dict[str, object]]:
    """Each seat's row of the Library's file, by published column."""
    published = header(GE2019 if year == 2019 else GE2024)
    parties = published[published.index("Majority") + 1 : published.index(OTHERS)]
    rows: dict[str, dict[str, object]] = {}
    for seat in seats:
        people = _people(seat, areas)
        registered = sum(
            areas[code].population
            * share
            * areas[code].electorate_rate
            * (areas[code].register_growth if year == 2024 else 1.0)
            for code, share in seat.parts.items()
        )
        deprivation = (
            sum(
                areas[code].population * share * areas[code].deprivation
                for code, share in seat.parts.items()
            )
            / people
        )
        # Turnout falls with deprivation; in 2024 it was about seven points below 2019.
        base = 0.685 if year == 2019 else 0.61
        turnout = clamp(base - 0.045 * deprivation + rng.gauss(0, 0.015), 0.45, 0.8)
        electorate = round(registered)
        cast = round(electorate * turnout)
        invalid = max(45, round(cast * rng.uniform(0.002, 0.005)))
        valid = cast - invalid
        base_shares = SHARES[year, seat.country]
        weights = [
            base_shares.get(party, 0)
            * math.exp(LEAN.get(party, 0) * deprivation)
            * rng.uniform(0.75, 1.25)
            for party in (*parties, OTHERS)
        ]
        votes = dict(zip((*parties, OTHERS), apportion(valid, weights), strict=True))
        first, second = sorted(parties, key=lambda party: -votes[party])[:2]
        before = previous.get(seat.code) or (first if rng.random() < 0.85 else second)
        gender = rng.choice(("Male", "Female"))
        declared = ""
        if year == 2019:
            minutes = rng.randint(45, 390)
            declared = f"13/12/2019 {minutes // 60:02d}:{minutes % 60:02d}"
        rows[seat.code] = {
            "ONS ID": seat.code,
            "ONS region ID": seat.group.region[0],
            "Constituency name": seat.name,
            "County name": seat.group.county_2019 if year == 2019 else "",
            "Region name": seat.group.region[1],
            "Country name": seat.country,
            "Constituency type": "Borough" if seat.group.borough else "County",
            "Declaration time": declared,
            "Member first name": rng.choice(FIRST_NAMES),
            "Member surname": rng.choice(SURNAMES),
            "Member gender": gender,
            "Result": f"{first} hold" if before == first else f"{first} gain from {before}",
            "First party": first,
            "Second party": second,
            "Electorate": electorate,
            "Valid votes": valid,
            "Invalid votes": invalid,
            "Majority": votes[first] - votes[second],
            **votes,
            "Of which other winner": 0,
        }
    return rows


def _results_csv(
    found: FileLayout,
    seats: Sequence[Constituency],
    rows: dict[str, dict[str, object]],
    *,
    line_end: str,
) -> bytes:
    published = header(found)
    ordered = sorted(seats, key=lambda seat: seat.name.casefold())
    return csv_bytes(
        published,
        [row_by_name(published, rows[seat.code]) for seat in ordered],
        encoding=found.encoding,
        line_end=line_end,
    )


def _quoted_names(
    found: FileLayout, rows: Sequence[tuple[str, str, str]], *, names: str, final_newline: bool
) -> bytes:
    """Open Innovations' lists: every name (the column `names`) in quotes, codes and regions
    bare."""
    quoted = header(found).index(names)
    lines = [",".join(header(found))]
    for row in rows:
        cells = [f'"{cell}"' if index == quoted else cell for index, cell in enumerate(row)]
        lines.append(",".join(cells))
    return ("\n".join(lines) + ("\n" if final_newline else "")).encode(found.encoding)


def _share(part: float, whole: float) -> float:
    """A published share: from 0 to 1, 2 dp."""
    return round(part / whole, 2) if whole else 0.0


def _lsoa_overlap(areas: dict[str, Area], seats24: Sequence[Constituency]) -> bytes:
    rows: list[dict[str, object]] = []
    previous: Constituency | None = None
    for seat in seats24:
        for code, share in seat.parts.items():
            area = areas[code]
            people = round(area.population * area.inside * share, 2)
            rows.append(
                {
                    "LSOA11": code,
                    "PARL25": seat.short_code,
                    "overlap_area": round(area.area_m2 * share, 2),
                    "original_area": area.area_m2,
                    "percentage_overlap_area": _share(area.area_m2 * share, area.area_m2),
                    "percentage_overlap_pop": _share(people, area.population),
                    "overlap_pop": float(people),
                    "original_pop": float(area.population),
                }
            )
        # A sliver of the first whole small area past a boundary that falls to the seat before,
        # with nobody in it: mySociety gives such rows an original_pop of 0.
        if previous is not None and previous.group is seat.group:
            code = next(code for code, share in seat.parts.items() if share == 1.0)
            area = areas[code]
            rows.append(
                {
                    "LSOA11": code,
                    "PARL25": previous.short_code,
                    "overlap_area": round(area.area_m2 * 0.003, 2),
                    "original_area": area.area_m2,
                    "percentage_overlap_area": 0.0,
                    "percentage_overlap_pop": 0.0,
                    "overlap_pop": 0.0,
                    "original_pop": 0.0,
                }
            )
        previous = seat
    return _parquet("mysociety__lsoa11_parl25_overlap", rows, ("LSOA11", "PARL25"))


def _parl_overlap(
    areas: dict[str, Area], seats10: Sequence[Constituency], seats24: Sequence[Constituency]
) -> bytes:
    rows: list[dict[str, object]] = []
    for old in seats10:
        original_pop = round(sum(areas[code].population for code in old.parts), 2)
        original_area = round(sum(areas[code].area_m2 for code in old.parts), 2)
        for new in seats24:
            inside = [(code, share) for code, share in new.parts.items() if code in old.parts]
            if not inside:
                continue
            people = round(
                sum(areas[code].population * areas[code].inside * share for code, share in inside),
                2,
            )
            overlap_area = round(sum(areas[code].area_m2 * share for code, share in inside), 2)
            rows.append(
                {
                    "PARL10": old.code,
                    "PARL25": new.short_code,
                    "overlap_area": overlap_area,
                    "original_area": original_area,
                    "percentage_overlap_area": _share(overlap_area, original_area),
                    "percentage_overlap_pop": _share(people, original_pop),
                    "overlap_pop": float(people),
                    "original_pop": float(original_pop),
                }
            )
    # A sliver of area with nobody in it, between the first two seats of a region that share no
    # people (mySociety gives such rows an original_pop of 0).
    old, new = next(
        (old, new)
        for old in seats10
        for new in seats24
        if old.group is new.group and not set(old.parts) & set(new.parts)
    )
    original_area = round(sum(areas[code].area_m2 for code in old.parts), 2)
    rows.append(
        {
            "PARL10": old.code,
            "PARL25": new.short_code,
            "overlap_area": round(original_area * 0.002, 2),
            "original_area": original_area,
            "percentage_overlap_area": 0.0,
            "percentage_overlap_pop": 0.0,
            "overlap_pop": 0.0,
            "original_pop": 0.0,
        }
    )
    return _parquet("mysociety__parl10_parl25_overlap", rows, ("PARL10", "PARL25"))


def _parquet(source_id: str, rows: list[dict[str, object]], sort: tuple[str, str]) -> bytes:
    """A frame saved as pandas saves one with pyarrow: sorted by code, each row keeping its index
    in the unsorted frame, the index stored as a column and named in the schema's pandas
    metadata."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    text = {column.header: column.dtype == "str" for column in get_source(source_id).columns}
    order = sorted(range(len(rows)), key=lambda index: tuple(rows[index][key] for key in sort))
    data = {
        name: pa.array(
            [rows[index][name] for index in order], pa.string() if is_text else pa.float64()
        )
        for name, is_text in text.items()
    }
    data[PANDAS_INDEX] = pa.array(order, pa.int64())
    described = [
        (name, name, "unicode" if is_text else "float64", "object" if is_text else "float64")
        for name, is_text in text.items()
    ]
    described.append((None, PANDAS_INDEX, "int64", "int64"))
    pandas_metadata = {
        "index_columns": [PANDAS_INDEX],
        "column_indexes": [
            {
                "name": None,
                "field_name": None,
                "pandas_type": "unicode",
                "numpy_type": "object",
                "metadata": {"encoding": "UTF-8"},
            }
        ],
        "columns": [
            {
                "name": name,
                "field_name": field_name,
                "pandas_type": pandas_type,
                "numpy_type": numpy_type,
                "metadata": None,
            }
            for name, field_name, pandas_type, numpy_type in described
        ],
        "creator": {"library": "pyarrow", "version": pa.__version__},
        "pandas_version": "1.4.2",
    }
    table = pa.table(data).replace_schema_metadata({"pandas": json.dumps(pandas_metadata)})
    buffer = io.BytesIO()
    pq.write_table(table, buffer, compression="snappy")
    return buffer.getvalue()
