"""The UK nations' deprivation family: WIMD 2019 on the Welsh demo LSOAs, SIMD 2020v2 on the Scottish
data zones (workbook and CSV export), NIMDM 2017 on the Northern Irish super output areas (.xls and
mySociety's flat CSV), and mySociety's composite UK index over all of them and England.

The demo country has 40 Welsh LSOAs (2011), six Scottish data zones (`SCOTTISH_DATA_ZONES`) and
five Northern Irish super output areas (`NI_SUPER_OUTPUT_AREAS`); each nation's index ranks its own
areas, 1 = most deprived, and the composite UK index adds England's LSOAs from the demo IoD2019.
Each index is built the way its publisher builds it, on invented data: domain ranks are
exponentially transformed and weighted into the overall measure (WIMD 2019: income and employment
22% each, health 15%, education 14%, access to services 10%, housing 7%, community safety and
physical environment 5% each; SIMD 2020: income and employment 28%, health and education 14%,
access 9%, crime 5%, housing 2%; NIMDM 2017: income and employment 25%, health and education 15%,
access 10%, living environment and crime 5%).

What each file keeps of its real counterpart: WIMD's mySociety extract (UTF-8 with a byte-order
mark, 'Local Authority Name ' with its trailing space, scores to one decimal place in descending
order, ties by code, and two LSOAs tied on their score as most real ones are); SIMD's workbook
('Content & notes' and the ranks sheet) and mySociety's CSV export of it (UTF-8 with a BOM), tied
data zones sharing the mean of their domain ranks ('2.5'); NISRA's legacy .xls (written with xlwt,
the ten sheets in order, header cells with their line breaks and trailing spaces; the domain sheets
carry each area's domain rank and the domain's headline proportion, not every indicator) and
mySociety's 93-column flat CSV of it (punctuation dropped from names, proportions as percentages);
mySociety's composite UK_IMD_E.csv (England's model applied to the other nations' employment rates,
ranks written as floats with tied scores sharing the mean rank, deciles and quintiles of equal
mid-2019 population from the demo's 2019 populations).

Headers, file names and the sheets the readers read are the catalog's; the headers of the NIMDM
workbook's other sheets (which no reader reads) are not in the catalog and are written here.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from demo.layouts import csv_file, header, layout, sheet_name
from demo.world import World
from demo.world.areas import NI_SUPER_OUTPUT_AREAS, SCOTTISH_DATA_ZONES, Geography
from demo.world.deprivation import IodRow, exponential_transform, ranks_descending
from demo.writers import Sheet, number, row_by_name, xls_bytes, xls_workbook, xlsx_bytes
from ingest.catalog import get_source

WIMD = layout("welsh_gov__wimd2019_scores")
SIMD = layout("scot_gov__simd2020v2_ranks", "xlsx")
SIMD_CSV = layout("scot_gov__simd2020v2_ranks", "csv")  # the CSV export is written too
NIMDM = layout("nisra__nimdm2017_soa")
NIMDM_FLAT = layout("mysociety__nimdm2017_soa")
UK_IMD_E = layout("mysociety__uk_imd_e")
FILES = tuple(found.file_name for found in (WIMD, SIMD, SIMD_CSV, NIMDM, NIMDM_FLAT, UK_IMD_E))

# In the order of WIMD's eight domain columns.
WIMD_WEIGHTS = (0.22, 0.22, 0.15, 0.14, 0.10, 0.07, 0.05, 0.05)
# In the order of SIMD's seven domain rank columns.
SIMD_WEIGHTS = (0.28, 0.28, 0.14, 0.14, 0.09, 0.05, 0.02)
SIMD_SHEETS = ("Content & notes", sheet_name(SIMD))
# Domains (by position) where two data zones tie and share the mean of their ranks, as the real
# income, employment, crime and housing ranks do: crime and housing.
SIMD_TIED_DOMAINS = (5, 6)

# In the order of NIMDM's seven domain rank columns.
NIMDM_WEIGHTS = (0.25, 0.25, 0.15, 0.15, 0.10, 0.05, 0.05)
# Every NIMDM sheet opens with the MDM sheet's four columns naming the area.
_LEAD = header(NIMDM)[:4]
# The other sheets, which no reader reads: each domain's sheet (its rank header, the domain's
# position, whether the domain's headline proportion follows), and the supplementary indices'.
# 'Education, Skills and Training ' ends with a space, as published.
_WRAPPED_RANK = " \n(where 1 is most deprived)"
_RANK = " (where 1 is most deprived)"
_NI_MEDIAN = "equivalised income is below 60 per cent of the NI median"
_INCOME_PROPORTION = f"Proportion of the population living in households whose {_NI_MEDIAN} \n(%)"
_EMPLOYMENT_PROPORTION = "Proportion of the working age population who are employment deprived\n(%)"
_CHILDREN = (
    f"Proportion of the population aged 15 and under living in households whose {_NI_MEDIAN}"
)
_OLDER = f"Proportion of the population aged 65 and over living in households whose {_NI_MEDIAN}"
NIMDM_DOMAIN_SHEETS = (
    ("Income", f"Income Domain Rank{_WRAPPED_RANK}", 0, True),
    ("Employment", f"Employment Domain Rank{_RANK}", 1, True),
    (
        "Health and Disability",
        f"Health Deprivation and Disability Domain Rank{_WRAPPED_RANK}",
        2,
        False,
    ),
    (
        "Education, Skills and Training ",
        f"Education, Skills and Training Domain Rank{_RANK}",
        3,
        False,
    ),
    ("Access to Services", f"Access to Services Domain Rank{_RANK}", 4, False),
    ("Living Environment", f"Living Environment Domain Rank{_RANK}", 5, False),
    ("Crime and Disorder", f"Crime and Disorder Domain Rank{_RANK}", 6, False),
)
NIMDM_IDAC_IDAP_SHEET = "IDAC and IDAP"
NIMDM_IDAC_IDAP_HEADER = [
    *_LEAD,
    f"{_CHILDREN}\n(Rank)",
    f"{_CHILDREN}\n(%)",
    f"{_OLDER}\n(Rank)",
    f"{_OLDER}\n(%)",
]
# mySociety's flat CSV: the columns the catalog reads are the ones the demo models (the area, the
# MDM rank, the domain ranks and the income and employment shares); the flat file's other
# indicators are drawn at random.
(
    _FLAT_LGD_CODE,
    _FLAT_LGD_NAME,
    _FLAT_URBAN_RURAL,
    _FLAT_SOA,
    _FLAT_SOA_NAME,
    _FLAT_MDM_RANK,
    _FLAT_INCOME_RANK,
    _FLAT_INCOME_PCT,
    _FLAT_EMPLOYMENT_RANK,
    _FLAT_EMPLOYMENT_PCT,
    *_FLAT_OTHER_DOMAIN_RANKS,
) = (column.header for column in get_source("mysociety__nimdm2017_soa").columns)
_FLAT_DOMAIN_RANKS = (_FLAT_INCOME_RANK, _FLAT_EMPLOYMENT_RANK, *_FLAT_OTHER_DOMAIN_RANKS)
# The income deprivation of children and of older people (rank, %, rank, %), published between the
# income share and the employment rank.
_FLAT_CHILDREN_AND_OLDER = tuple(
    header(NIMDM_FLAT)[
        header(NIMDM_FLAT).index(_FLAT_INCOME_PCT) + 1 : header(NIMDM_FLAT).index(
            _FLAT_EMPLOYMENT_RANK
        )
    ]
)

_SCOTTISH_INTERMEDIATE_ZONES = ("Mockburgh North", "Mockburgh North", "Mockburgh North")
_SCOTTISH_INTERMEDIATE_ZONES += ("Mockburgh South", "Mockburgh South", "Mockburgh South")
_NI_WARD_NAMES = {"01": "Testabridge", "02": "Demoglen", "03": "Lowmill"}
_NI_URBAN_RURAL = ("Urban", "Urban", "Mixed urban/rural", "Rural", "Urban")

# How strongly each domain follows an area's latent deprivation, and its own noise.
_LOADINGS = ((1.0, 0.35), (0.95, 0.4), (0.85, 0.5), (0.8, 0.6), (0.1, 1.0))
_LOADINGS += ((0.5, 0.8), (0.5, 0.9), (0.3, 1.0))


# ---------------------------------------------------------------------------------------------
# Values
# ---------------------------------------------------------------------------------------------


@dataclass
class NationArea:
    """One small area of Wales, Scotland or Northern Ireland as its nation's index scores it."""

    code: str
    name: str
    district_name: str
    domain_ranks: list[float]  # 1 = most deprived; tied areas share the mean of their ranks
    score: float  # the overall measure's score (higher = more deprived)
    rank: int = 0  # overall rank, 1 = most deprived (not set for Wales: WIMD publishes scores)
    income_pct: float = 0.0  # income-deprived share of residents (0-100)
    employment_pct: float = 0.0  # employment-deprived share of working-age residents (0-100)


def _domain_ranks(latent: Sequence[float], codes: Sequence[str], domains: int, rng: random.Random):
    ranks = []
    for loading, noise in _LOADINGS[:domains]:
        raw = [loading * z + rng.gauss(0.0, noise) for z in latent]
        ranks.append(ranks_descending(raw, codes))
    return ranks  # per domain, per area


def _weighted_score(ranks: Sequence[float], weights: Sequence[float], n: int) -> float:
    return sum(w * exponential_transform(r, n) for w, r in zip(weights, ranks, strict=True))


def _rates(area: NationArea, n: int, rng: random.Random) -> None:
    # Rates fall with the income and employment ranks (rank 1 = the highest rate).
    income_share = 1.0 - (area.domain_ranks[0] - 1) / n
    employment_share = 1.0 - (area.domain_ranks[1] - 1) / n
    area.income_pct = round(4.0 + 36.0 * income_share**2 + rng.uniform(0.0, 2.0), 1)
    area.employment_pct = round(3.0 + 27.0 * employment_share**2 + rng.uniform(0.0, 2.0), 1)


def build_wales(geography: Geography, seed: int) -> list[NationArea]:
    """WIMD 2019 for the demo's Welsh LSOAs: domain scores 0-100 and the overall score, 1 dp."""
    rng = random.Random(f"{seed}:wimd2019")
    welsh = (lsoa for lsoa in geography.lsoa11 if lsoa.code.startswith("W"))
    lsoas = sorted(welsh, key=lambda lsoa: lsoa.code)
    codes = [lsoa.code for lsoa in lsoas]
    n = len(lsoas)
    latent = [lsoa.district.deprivation + rng.gauss(0.0, 1.0) for lsoa in lsoas]
    ranks = _domain_ranks(latent, codes, len(WIMD_WEIGHTS), rng)
    areas = []
    for i, lsoa in enumerate(lsoas):
        domain_ranks = [float(domain[i]) for domain in ranks]
        domain_scores = [round(exponential_transform(rank, n), 1) for rank in domain_ranks]
        score = round(sum(w * s for w, s in zip(WIMD_WEIGHTS, domain_scores, strict=True)), 1)
        areas.append(NationArea(lsoa.code, lsoa.name, lsoa.district.name, domain_ranks, score))
    # Scores are published to one decimal place, so real LSOAs tie; two demo ones do too, the
    # fourth and fifth most deprived (across the boundary of decile 1).
    order = sorted(range(n), key=lambda i: (-areas[i].score, codes[i]))
    areas[order[4]].score = areas[order[3]].score
    # No overall rank: the file publishes scores only (the pipeline ranks them).
    for area in areas:
        _rates(area, n, rng)
    return areas


def wimd_domain_scores(area: NationArea, n: int) -> list[float]:
    return [round(exponential_transform(rank, n), 1) for rank in area.domain_ranks]


def build_scotland(seed: int) -> list[NationArea]:
    """SIMD 2020v2 for the demo's data zones: domain ranks (two ties) and the overall rank."""
    rng = random.Random(f"{seed}:simd2020v2")
    codes = list(SCOTTISH_DATA_ZONES)
    n = len(codes)
    latent = [rng.gauss(0.2, 1.0) for _ in codes]
    ranks: list[list[float]] = [
        [float(r) for r in domain] for domain in _domain_ranks(latent, codes, 7, rng)
    ]
    for domain in SIMD_TIED_DOMAINS:
        # The data zones ranked 2 and 3 in this domain tie: both get 2.5.
        for index, rank in enumerate(ranks[domain]):
            if rank in (2.0, 3.0):
                ranks[domain][index] = 2.5
    areas = []
    for i, code in enumerate(codes):
        domain_ranks = [domain[i] for domain in ranks]
        score = _weighted_score(domain_ranks, SIMD_WEIGHTS, n)
        areas.append(
            NationArea(code, _SCOTTISH_INTERMEDIATE_ZONES[i], "Mocklothian", domain_ranks, score)
        )
    for area, rank in zip(areas, ranks_descending([a.score for a in areas], codes), strict=True):
        area.rank = rank
        _rates(area, n, rng)
    return areas


def build_northern_ireland(seed: int) -> list[NationArea]:
    """NIMDM 2017 for the demo's super output areas: domain ranks and the MDM rank."""
    rng = random.Random(f"{seed}:nimdm2017")
    codes = list(NI_SUPER_OUTPUT_AREAS)
    n = len(codes)
    latent = [rng.gauss(0.0, 1.0) for _ in codes]
    ranks = _domain_ranks(latent, codes, 7, rng)
    areas = []
    for i, code in enumerate(codes):
        domain_ranks = [float(domain[i]) for domain in ranks]
        score = _weighted_score(domain_ranks, NIMDM_WEIGHTS, n)
        areas.append(NationArea(code, _soa_name(code), "Testadown", domain_ranks, score))
    for area, rank in zip(areas, ranks_descending([a.score for a in areas], codes), strict=True):
        area.rank = rank
        _rates(area, n, rng)
    return areas


def _soa_name(code: str) -> str:
    """'95TD01S2' -> 'Testabridge_2' (part 2 of ward 01); a whole ward ('W1') is the ward's name."""
    ward = _NI_WARD_NAMES[code[4:6]]
    return ward if code[6] == "W" else f"{ward}_{code[7]}"


# ---------------------------------------------------------------------------------------------
# Files
# ---------------------------------------------------------------------------------------------


def build(world: World) -> dict[str, bytes]:
    """Every file of the UK nations' indices and the composite, by published file name."""
    seed, iod = world.seed, world.iod
    wales = build_wales(world.geography, seed)
    scotland = build_scotland(seed)
    northern_ireland = build_northern_ireland(seed)
    population = world.census.population19
    simd_rows = _simd_rows(scotland, population, seed)
    return {
        WIMD.file_name: _wimd_csv(wales),
        SIMD.file_name: _simd_xlsx(simd_rows),
        SIMD_CSV.file_name: _simd_csv(simd_rows),
        NIMDM.file_name: _nimdm_xls(northern_ireland, seed),
        NIMDM_FLAT.file_name: _nimdm_flat_csv(northern_ireland, seed),
        UK_IMD_E.file_name: _uk_imd_e_csv(iod, wales, scotland, northern_ireland, population, seed),
    }


def _wimd_csv(wales: list[NationArea]) -> bytes:
    n = len(wales)
    rows = [
        [area.code, area.name, area.district_name, number(area.score)]
        + [number(score) for score in wimd_domain_scores(area, n)]
        for area in sorted(wales, key=lambda area: (-area.score, area.code))
    ]
    return csv_file(WIMD, rows, bom=True)


def _simd_rows(scotland: list[NationArea], population: dict[str, int], seed: int) -> list[list]:
    rng = random.Random(f"{seed}:simd2020v2-population")
    rows = []
    for area in scotland:
        total = population[area.code]
        working_age = round(total * rng.uniform(0.55, 0.68))
        rows.append(
            [area.code, area.name, area.district_name, total, working_age, area.rank]
            + [number(rank) for rank in area.domain_ranks]
        )
    return rows


_SIMD_NOTES = (
    "Scottish Index of Multiple Deprivation 2020v2",
    "",
    "SYNTHETIC DEMO DATA generated by placeindex in the layout of the Scottish Government's",
    "'SIMD 2020v2 ranks' workbook. Every code, name and number is invented; not official statistics.",
    "",
    "Contents",
    "SIMD 2020v2 ranks: overall and domain ranks of each data zone (1 = most deprived).",
)


def _simd_xlsx(rows: list[list]) -> bytes:
    return xlsx_bytes(
        [Sheet(SIMD_SHEETS[0], text=_SIMD_NOTES), Sheet(SIMD_SHEETS[1], header(SIMD), rows)]
    )


def _simd_csv(rows: list[list]) -> bytes:
    return csv_file(SIMD_CSV, rows, bom=True)


_NIMDM_METADATA = (
    ("National Statistics Theme:", "People and Places"),
    ("Data Subset:", "Neighbourhoods and Communities"),
    ("Dataset Title:", "SYNTHETIC demo data in the layout of the NIMDM 2017 SOA results"),
    ("Coverage:", "Super Output Area"),
    ("Source:", "placeindex demo generator - every code, name and number is invented"),
    ("National Statistics Data?", "No: not official statistics"),
)


def _proportion(pct: float) -> float:
    return round(pct / 100.0, 3)


def _nimdm_xls(areas: list[NationArea], seed: int) -> bytes:
    book = xls_workbook()
    metadata = book.add_sheet("Metadata")
    for row, (label, value) in enumerate(_NIMDM_METADATA):
        metadata.write(row, 0, label)
        metadata.write(row, 1, value)

    def table(name: str, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
        sheet = book.add_sheet(name)
        for column, text in enumerate(header):
            sheet.write(0, column, text)
        for row, values in enumerate(rows, start=1):
            for column, value in enumerate(values):
                sheet.write(row, column, value)

    def lead(area: NationArea, urban_rural: str) -> list[Any]:
        return [area.district_name, urban_rural, area.code, area.name]

    table(
        sheet_name(NIMDM),
        header(NIMDM),
        [
            lead(area, urban) + [area.rank, *(int(rank) for rank in area.domain_ranks)]
            for area, urban in zip(areas, _NI_URBAN_RURAL, strict=True)
        ],
    )
    for name, rank_header, domain, with_proportion in NIMDM_DOMAIN_SHEETS:
        columns = [*_LEAD, rank_header]
        if with_proportion:
            columns.append(_INCOME_PROPORTION if domain == 0 else _EMPLOYMENT_PROPORTION)
        rows = []
        for area, urban in zip(areas, _NI_URBAN_RURAL, strict=True):
            values = lead(area, urban) + [int(area.domain_ranks[domain])]
            if with_proportion:
                pct = area.income_pct if domain == 0 else area.employment_pct
                values.append(_proportion(pct))
            rows.append(values)
        table(name, columns, rows)
    supplementary = _idac_idap(areas, seed)
    table(
        NIMDM_IDAC_IDAP_SHEET,
        NIMDM_IDAC_IDAP_HEADER,
        [
            lead(area, urban) + [child_rank, child / 100, older_rank, older / 100]
            for area, urban, (child_rank, child, older_rank, older) in zip(
                areas, _NI_URBAN_RURAL, supplementary, strict=True
            )
        ],
    )
    return xls_bytes(book)


def _idac_idap(areas: list[NationArea], seed: int) -> list[tuple[int, float, int, float]]:
    """Income deprivation of children and of older people: (rank, %) each, following income."""
    rng = random.Random(f"{seed}:nimdm2017-idac")
    codes = [area.code for area in areas]
    children = [round(area.income_pct * rng.uniform(1.1, 1.5), 1) for area in areas]
    older = [round(area.income_pct * rng.uniform(0.7, 1.1), 1) for area in areas]
    child_ranks = ranks_descending(children, codes)
    older_ranks = ranks_descending(older, codes)
    return list(zip(child_ranks, children, older_ranks, older, strict=True))


def _without_punctuation(text: str) -> str:
    """As mySociety's flat CSV writes names: '/' and '-' as a space, other punctuation dropped."""
    return re.sub(r"[^\w\s]", "", re.sub(r"[/-]", " ", text))


def _nimdm_flat_csv(areas: list[NationArea], seed: int) -> bytes:
    rng = random.Random(f"{seed}:nimdm2017-flat")
    codes = [area.code for area in areas]
    supplementary = _idac_idap(areas, seed)
    known: list[dict[str, Any]] = []
    for area, urban, (child_rank, child, older_rank, older) in zip(
        areas, _NI_URBAN_RURAL, supplementary, strict=True
    ):
        values: dict[str, Any] = {
            _FLAT_LGD_CODE: "N09009901",
            _FLAT_LGD_NAME: _without_punctuation(area.district_name),
            _FLAT_URBAN_RURAL: _without_punctuation(urban),
            _FLAT_SOA: area.code,
            _FLAT_SOA_NAME: _without_punctuation(area.name),
            _FLAT_MDM_RANK: area.rank,
            _FLAT_INCOME_PCT: number(area.income_pct),
            _FLAT_EMPLOYMENT_PCT: number(area.employment_pct),
        }
        for column, value in zip(
            _FLAT_CHILDREN_AND_OLDER,
            (child_rank, number(child), older_rank, number(older)),
            strict=True,
        ):
            values[column] = value
        for column, rank in zip(_FLAT_DOMAIN_RANKS, area.domain_ranks, strict=True):
            values[column] = int(rank)
        known.append(values)
    # The indicators behind the domains: ranks of invented values, and the values themselves
    # (percentages, ratios to NI = 100, rates per 1,000 people).
    flat_header = header(NIMDM_FLAT)
    for column in flat_header:
        if column in known[0]:
            continue
        if column.endswith("_rank"):
            ranks = ranks_descending([rng.random() for _ in codes], codes)
            for values, rank in zip(known, ranks, strict=True):
                values[column] = rank
            continue
        low, high = (40.0, 160.0) if column.endswith("_ratio") else (0.0, 30.0)
        for values in known:
            values[column] = number(round(rng.uniform(low, high), 1))
    return csv_file(NIMDM_FLAT, [row_by_name(flat_header, v) for v in known])


# ---------------------------------------------------------------------------------------------
# The composite UK index (mySociety's method, England-anchored)
# ---------------------------------------------------------------------------------------------


@dataclass
class _CompositeRow:
    nation: str
    code: str
    local_score: float
    income_score: float
    employment_score: float
    uk_score: float = 0.0
    original_decile: int = 0
    expanded_decile: int = 0
    uk_rank: float = 0.0
    pop_decile: int = 0
    pop_quintile: int = 0


def _fit(xs: Sequence[float], ys: Sequence[float]) -> tuple[float, float, list[float]]:
    """Least-squares line y = a + b x, and the residuals."""
    mean_x, mean_y = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mean_x) ** 2 for x in xs)
    slope = sum((x - mean_x) * (y - mean_y) for x, y in zip(xs, ys, strict=True)) / sxx
    intercept = mean_y - slope * mean_x
    return intercept, slope, [y - intercept - slope * x for x, y in zip(xs, ys, strict=True)]


def _sd(values: Sequence[float]) -> float:
    mean = sum(values) / len(values)
    return math.sqrt(sum((v - mean) ** 2 for v in values) / (len(values) - 1))


def average_ranks(keys: Sequence[float]) -> list[float]:
    """Rank 1 = largest key; tied keys share the mean of their ranks (as pandas' rank())."""
    order = sorted(range(len(keys)), key=lambda i: -keys[i])
    ranks = [0.0] * len(keys)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and keys[order[end + 1]] == keys[order[start]]:
            end += 1
        for position in range(start, end + 1):
            ranks[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return ranks


def _uk_imd_e_csv(
    iod: Sequence[IodRow],
    wales: list[NationArea],
    scotland: list[NationArea],
    northern_ireland: list[NationArea],
    population: dict[str, int],
    seed: int,
) -> bytes:
    rng = random.Random(f"{seed}:uk_imd_e")
    n_england = len(iod)
    england = []
    for row in iod:
        # Income and employment rates (x 100) fall with the domain ranks.
        income = 1.0 - (row.domain_ranks[0] - 1) / n_england
        employment = 1.0 - (row.domain_ranks[1] - 1) / n_england
        england.append(
            _CompositeRow(
                "E",
                row.lsoa.code,
                round(row.imd_score_per_mille / 1_000_000, 3),
                round(3.0 + 40.0 * income**2 + rng.uniform(0.0, 2.0), 1),
                round(2.0 + 30.0 * employment**2 + rng.uniform(0.0, 2.0), 1),
            )
        )
    # mySociety's transform: the other nation's overall score, predicted from its employment rate
    # by England's regression, plus its own residual rescaled to England's residual spread.
    intercept_e, slope_e, residuals_e = _fit(
        [r.employment_score for r in england], [r.local_score for r in england]
    )
    for row in england:
        row.uk_score = row.local_score
    rows = list(england)
    for letter, areas in (("W", wales), ("S", scotland), ("N", northern_ireland)):
        nation = [
            _CompositeRow(letter, a.code, a.score, a.income_pct, a.employment_pct) for a in areas
        ]
        _, _, residuals = _fit(
            [r.employment_score for r in nation], [r.local_score for r in nation]
        )
        scale = _sd(residuals_e) / _sd(residuals)
        for row, residual in zip(nation, residuals, strict=True):
            row.uk_score = intercept_e + slope_e * row.employment_score + residual * scale
        rows += nation
    for letter in "EWSN":
        nation = [r for r in rows if r.nation == letter]
        for row, rank in zip(nation, average_ranks([r.local_score for r in nation]), strict=True):
            row.original_decile = math.ceil(rank / len(nation) * 10)
    # England's deciles stretched over the UK: an area falls in the first English decile whose
    # lowest UK score it does not reach.
    english_minimum = {
        decile: min(r.uk_score for r in england if r.original_decile == decile)
        for decile in range(1, 10)
    }
    for row in rows:
        row.expanded_decile = 1 + sum(row.uk_score < low for low in english_minimum.values())
    for row, rank in zip(rows, average_ranks([r.uk_score for r in rows]), strict=True):
        row.uk_rank = rank
    rows.sort(key=lambda r: (r.uk_rank, r.code))
    total = sum(population[r.code] for r in rows)
    cumulative = 0
    for row in rows:
        cumulative += population[row.code]
        row.pop_decile = math.ceil(cumulative / total * 10)
        row.pop_quintile = math.ceil(cumulative / total * 5)
    return csv_file(
        UK_IMD_E,
        [
            [
                r.nation,
                r.code,
                repr(float(r.local_score)),
                repr(float(r.income_score)),
                repr(float(r.employment_score)),
                repr(float(r.uk_score)),
                r.original_decile,
                r.expanded_decile,
                repr(float(r.uk_rank)),
                r.pop_decile,
                r.pop_quintile,
            ]
            for r in rows
        ],
    )
