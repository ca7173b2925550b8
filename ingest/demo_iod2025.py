"""Synthetic IoD2025 files in MHCLG's published layouts (see `ingest.demo` for the demo country).

One set of values (`build_iod2025`) is written into every IoD2025 file, so the files agree with one
another as the published ones do: File 1's IMD rank is File 2's and File 7's, File 5's scores are
File 7's, File 6's populations are File 7's, and the IMD score is the weighted sum of File 9's
transformed domain scores.

The values are drawn for the English LSOAs 2021 of the demo geography, on their districts of 2024
(the two districts merged in 2023 appear as their successor). Each LSOA's deprivation in a domain
starts from its 2011 parent's IoD2019 domain rank (the mean over its parents for a merged LSOA; a
split LSOA inherits its parent's), read as a normal score, plus deterministic noise for the years
between; ranks are taken over the demo's N (1 = most deprived) and deciles cut as MHCLG cuts them.
Each published score is a monotone function of the same latent value, so scores and ranks agree.

Layout choices the real files could not confirm (no copy at hand) follow IoD2019's files and are
named in the catalog entries' notes: File 3 repeats the IMD rank and decile before IDACI, File 5
ends with the six sub-domain scores, and each workbook opens with an empty 'Notes' sheet.

Imports `ingest.demo` lazily: `ingest.demo` imports this module.
"""

from __future__ import annotations

import math
import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist, fmean
from typing import TYPE_CHECKING, Any

from ingest.catalog_iod2025 import (
    DOMAINS,
    FILE1_DECILE,
    IDACI,
    IDAOPI,
    IMD,
    INDICES,
    IOD2025_SOURCES,
    LEAD_HEADERS,
    POPULATION_0_15,
    POPULATION_16_59,
    POPULATION_60_PLUS,
    POPULATION_TOTAL,
    POPULATION_WORKING_AGE,
    SCORE_HEADERS,
    SUBDOMAINS,
    TRANSFORMED_DOMAINS,
    decile_header,
    rank_header,
    transformed_header,
)

if TYPE_CHECKING:
    from ingest.demo import District, Geography, IodRow, Lsoa21

# source_id -> the file written for it (each source's first published form).
DEMO_FILES: dict[str, str] = {
    source.source_id: source.default_layout.file_name for source in IOD2025_SOURCES
}
_LAYOUTS = {source.source_id: source.default_layout for source in IOD2025_SOURCES}

FILE_1_HEADER = [*LEAD_HEADERS, rank_header(IMD), FILE1_DECILE]
FILE_2_HEADER = [
    *LEAD_HEADERS,
    *(h for index in (IMD, *DOMAINS) for h in (rank_header(index), decile_header(index))),
]
FILE_3_HEADER = [
    *LEAD_HEADERS,
    *(h for index in (IMD, IDACI, IDAOPI) for h in (rank_header(index), decile_header(index))),
]
FILE_5_HEADER = [*LEAD_HEADERS, *(SCORE_HEADERS[index] for index in (*INDICES, *SUBDOMAINS))]
POPULATIONS = (
    POPULATION_TOTAL,
    POPULATION_0_15,
    POPULATION_16_59,
    POPULATION_60_PLUS,
    POPULATION_WORKING_AGE,
)
FILE_6_HEADER = [*LEAD_HEADERS, *POPULATIONS]
# File 7 has every population but the 16-59 one.
FILE_7_POPULATIONS = tuple(p for p in POPULATIONS if p != POPULATION_16_59)
FILE_7_HEADER = [
    *LEAD_HEADERS,
    *(
        h
        for index in (*INDICES, *SUBDOMAINS)
        for h in (SCORE_HEADERS[index], rank_header(index), decile_header(index))
    ),
    *FILE_7_POPULATIONS,
]
FILE_9_HEADER = [*LEAD_HEADERS, *(transformed_header(name) for name in TRANSFORMED_DOMAINS)]

# The real File 1 formats ranks and deciles as plain integers ("0").
_FMT_WHOLE = "0"

# How far an LSOA's deprivation moves between the two editions, in standard deviations.
_DRIFT = 0.35
# Sub-domains and supplementary indices: (the domain they belong to, their own noise).
_FOLLOWS = {
    IDACI: ("Income", 0.4),
    IDAOPI: ("Income", 0.6),
    SUBDOMAINS[0]: ("Education, Skills and Training", 0.5),
    SUBDOMAINS[1]: ("Education, Skills and Training", 0.5),
    SUBDOMAINS[2]: ("Barriers to Housing and Services", 0.5),
    SUBDOMAINS[3]: ("Barriers to Housing and Services", 0.5),
    SUBDOMAINS[4]: ("Living Environment", 0.5),
    SUBDOMAINS[5]: ("Living Environment", 0.5),
}
# Published score of each index from its latent deprivation z (about standard normal): rates for
# the income-based indices, 0-100 style scores for Education, Barriers and Living Environment,
# standardised scores (negative below the mean) for Health, Crime and the sub-domains. Logistic:
# (floor, span, slope, shift); standardised: a scale factor.
_RATES_AND_SCORES = {
    "Income": (0.01, 0.45, 1.2, -1.0),
    "Employment": (0.01, 0.35, 1.2, -1.0),
    "Education, Skills and Training": (1.0, 80.0, 1.0, -0.8),
    "Barriers to Housing and Services": (5.0, 50.0, 1.0, 0.0),
    "Living Environment": (2.0, 70.0, 1.0, -0.5),
    IDACI: (0.01, 0.55, 1.2, -0.9),
    IDAOPI: (0.01, 0.5, 1.1, -0.9),
}
_STANDARDISED = {
    "Health Deprivation and Disability": 0.9,
    "Crime": 0.8,
    **dict.fromkeys(SUBDOMAINS, 1.0),
}


@dataclass
class Iod2025Row:
    lsoa: Lsoa21
    district: District  # the LSOA's local authority district of 2024
    scores: dict[str, float]  # by index (IMD, domains, IDACI, IDAOPI, sub-domains), 3 dp
    ranks: dict[str, int]  # by index, 1 = most deprived
    transformed: tuple[float, ...]  # the seven domains' exponentially transformed scores, 3 dp
    population: tuple[int, int, int, int, int]  # total, 0-15, 16-59, 60+, working age 18-66


def _published_score(index: str, z: float) -> float:
    if index in _STANDARDISED:
        value = _STANDARDISED[index] * z
    else:
        floor, span, slope, shift = _RATES_AND_SCORES[index]
        value = floor + span / (1.0 + math.exp(-(slope * z + shift)))
    # + 0.0: no "-0.0" in the files.
    return round(value, 3) + 0.0


def build_iod2025(geography: Geography, iod: Sequence[IodRow], seed: int) -> list[Iod2025Row]:
    """IoD2025 values for the demo's English LSOAs 2021, in LSOA code order."""
    from ingest import demo

    rng = random.Random(seed + 2025)
    lsoas = sorted((lsoa for lsoa in geography.lsoa21 if lsoa.code[0] == "E"), key=lambda x: x.code)
    codes = [lsoa.code for lsoa in lsoas]
    n, n2019 = len(lsoas), len(iod)
    by_lsoa11 = {row.lsoa.code: row for row in iod}
    parents: dict[str, list[IodRow]] = {}
    for old, new, _ in geography.pairs:
        if new.code[0] == "E":
            parents.setdefault(new.code, []).append(by_lsoa11[old.code])
    # A 2011 LSOA's people are shared among the 2021 LSOAs it became.
    successors = Counter(old.code for old, _, _ in geography.pairs)
    normal = NormalDist()

    def latent_2019(row: IodRow, domain: int) -> float:
        return normal.inv_cdf((n2019 - row.domain_ranks[domain] + 0.5) / n2019)

    latent: dict[str, list[float]] = {
        name: [
            fmean(latent_2019(row, d) for row in parents[code]) + rng.gauss(0.0, _DRIFT)
            for code in codes
        ]
        for d, name in enumerate(DOMAINS)
    }
    for index, (domain, noise) in _FOLLOWS.items():
        latent[index] = [z + rng.gauss(0.0, noise) for z in latent[domain]]
    ranks = {index: demo.ranks_descending(values, codes) for index, values in latent.items()}
    transformed = [
        [round(demo.exponential_transform(rank, n), 3) for rank in ranks[name]] for name in DOMAINS
    ]
    # The IMD score is the weighted sum of the rounded transformed scores, kept exact (integer
    # millionths) so that its rank does not depend on float rounding.
    imd_millionths = [demo.imd_score_per_mille([t[i] for t in transformed]) for i in range(n)]
    ranks[IMD] = demo.ranks_descending(imd_millionths, codes)

    rows = []
    for i, lsoa in enumerate(lsoas):
        scores = {IMD: round(imd_millionths[i] / 1_000_000, 3)}
        scores.update(
            {index: _published_score(index, values[i]) for index, values in latent.items()}
        )
        rows.append(
            Iod2025Row(
                lsoa=lsoa,
                district=geography.district23[lsoa.district22.code],
                scores=scores,
                ranks={index: values[i] for index, values in ranks.items()},
                transformed=tuple(t[i] for t in transformed),
                population=_population(parents[lsoa.code], successors, rng),
            )
        )
    return rows


def _population(
    parents: Sequence[IodRow], successors: Counter[str], rng: random.Random
) -> tuple[int, int, int, int, int]:
    """Mid-2022 denominators grown from the parents' mid-2015 ones (a split parent shared)."""
    base = sum(row.population[0] / successors[row.lsoa.code] for row in parents)
    total = round(base * rng.uniform(1.0, 1.1))
    child_rate = fmean(row.population[1] / row.population[0] for row in parents)
    older_rate = fmean(row.population[3] / row.population[0] for row in parents)
    children = round(total * child_rate * rng.uniform(0.9, 1.05))
    older = round(total * older_rate * rng.uniform(0.95, 1.15))
    middle = total - children - older
    working = round(middle * rng.uniform(0.9, 0.95) + older * rng.uniform(0.1, 0.2))
    return total, children, middle, older, working


def _lead(row: Iod2025Row) -> list[str]:
    return [row.lsoa.code, row.lsoa.name, row.district.code, row.district.name]


def build_iod2025_files(geography: Geography, iod: Sequence[IodRow], seed: int) -> dict[str, bytes]:
    from ingest import demo

    rows = build_iod2025(geography, iod, seed)
    n = len(rows)

    def rank_decile(row: Iod2025Row, index: str) -> list[int]:
        return [row.ranks[index], demo.decile(row.ranks[index], n)]

    def workbook(
        source_id: str, header: Sequence[str], data: list[list[Any]], fmt: str
    ) -> dict[str, bytes]:
        layout = _LAYOUTS[source_id]
        formats: list[str | None] = [None] * len(LEAD_HEADERS)
        formats += [fmt] * (len(header) - len(LEAD_HEADERS))
        table = demo._Sheet(layout.sheet or "", header, data, formats, auto_filter=True)
        return {layout.file_name: demo._xlsx_bytes([demo._Sheet("Notes"), table])}

    files = {
        **workbook(
            "mhclg__iod2025_file1",
            FILE_1_HEADER,
            [_lead(r) + rank_decile(r, IMD) for r in rows],
            _FMT_WHOLE,
        ),
        **workbook(
            "mhclg__iod2025_file2",
            FILE_2_HEADER,
            [_lead(r) + [v for i in (IMD, *DOMAINS) for v in rank_decile(r, i)] for r in rows],
            _FMT_WHOLE,
        ),
        **workbook(
            "mhclg__iod2025_file3",
            FILE_3_HEADER,
            [_lead(r) + [v for i in (IMD, IDACI, IDAOPI) for v in rank_decile(r, i)] for r in rows],
            _FMT_WHOLE,
        ),
        **workbook(
            "mhclg__iod2025_file5",
            FILE_5_HEADER,
            [_lead(r) + [r.scores[i] for i in (*INDICES, *SUBDOMAINS)] for r in rows],
            demo._FMT_SCORE,
        ),
        **workbook(
            "mhclg__iod2025_file6",
            FILE_6_HEADER,
            [_lead(r) + list(r.population) for r in rows],
            demo._FMT_COUNT,
        ),
        **workbook(
            "mhclg__iod2025_file9",
            FILE_9_HEADER,
            [_lead(r) + list(r.transformed) for r in rows],
            demo._FMT_SCORE,
        ),
    }
    file7_rows = []
    for r in rows:
        values: list[Any] = _lead(r)
        for index in (*INDICES, *SUBDOMAINS):
            values += [demo._number(r.scores[index]), *rank_decile(r, index)]
        total, children, _, older, working = r.population
        file7_rows.append(values + [total, children, older, working])
    files[_LAYOUTS["mhclg__iod2025_file7"].file_name] = demo._csv_bytes(FILE_7_HEADER, file7_rows)
    return files
