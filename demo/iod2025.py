"""The English Indices of Deprivation 2025 family (MHCLG's Files 1, 2, 3, 5, 6, 7 and 9) for the demo's
English LSOAs 2021.

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
ends with the six sub-domain scores, and each workbook opens with an empty 'Notes' sheet. Every
header, sheet and file name is the catalog's; rows are written in the catalog header's order.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist, fmean
from typing import Any

from demo.layouts import csv_file, header, layout, sheet_name
from demo.world import World
from demo.world.areas import District, Geography, Lsoa21
from demo.world.deprivation import (
    IodRow,
    decile,
    exponential_transform,
    imd_score_per_mille,
    logistic,
    published_score,
    ranks_descending,
    standardised,
)
from demo.writers import FMT_COUNT, FMT_SCORE, Sheet, number, xlsx_bytes
from ingest.catalog import FileLayout

FILE_1 = layout("mhclg__iod2025_file1")
FILE_2 = layout("mhclg__iod2025_file2")
FILE_3 = layout("mhclg__iod2025_file3")
FILE_5 = layout("mhclg__iod2025_file5")
FILE_6 = layout("mhclg__iod2025_file6")
FILE_7 = layout("mhclg__iod2025_file7")
FILE_9 = layout("mhclg__iod2025_file9")
FILES = tuple(f.file_name for f in (FILE_1, FILE_2, FILE_3, FILE_5, FILE_6, FILE_7, FILE_9))

# Every file starts with the LSOA's code and name and its district's code and name.
_LEAD = 4
# The real File 1 formats ranks and deciles as plain integers ("0").
_FMT_WHOLE = "0"

# The indices by their position in File 7's columns (a score, rank and decile for each): the IMD,
# its seven domains in the IMD's weight order (Income, Employment, Education, Health, Crime,
# Barriers, Living Environment), IDACI and IDAOPI, then six sub-domains.
IMD = 0
DOMAINS = tuple(range(1, 8))
IDACI, IDAOPI = 8, 9
SUBDOMAINS = tuple(range(10, 16))
INDICES = (IMD, *DOMAINS, IDACI, IDAOPI, *SUBDOMAINS)
# File 6's populations (total, 0-15, 16-59, 60+, working age); File 7 has all but the 16-59 one.
_FILE_7_POPULATIONS = (0, 1, 3, 4)

# How far an LSOA's deprivation moves between the two editions, in standard deviations.
_DRIFT = 0.35
# Each domain's published score from its latent deprivation z: rates for the income-based indices,
# 0-100 style scores for Education, Barriers and Living Environment, standardised scores (negative
# below the mean) for Health, Crime and the sub-domains.
_DOMAIN_CURVES = (
    logistic(0.01, 0.45, 1.2, -1.0),  # Income
    logistic(0.01, 0.35, 1.2, -1.0),  # Employment
    logistic(1.0, 80.0, 1.0, -0.8),  # Education, Skills and Training
    standardised(0.9),  # Health Deprivation and Disability
    standardised(0.8),  # Crime
    logistic(5.0, 50.0, 1.0, 0.0),  # Barriers to Housing and Services
    logistic(2.0, 70.0, 1.0, -0.5),  # Living Environment
)
# The supplementary indices and sub-domains, in File 7's order: the domain each follows (by its
# position in DOMAINS), its own noise and its score's curve.
_FOLLOWERS = (
    (0, 0.4, logistic(0.01, 0.55, 1.2, -0.9)),  # IDACI (Income)
    (0, 0.6, logistic(0.01, 0.5, 1.1, -0.9)),  # IDAOPI (Income)
    (2, 0.5, standardised(1.0)),  # Children and Young People (Education)
    (2, 0.5, standardised(1.0)),  # Adult Skills (Education)
    (5, 0.5, standardised(1.0)),  # Geographical Barriers (Barriers)
    (5, 0.5, standardised(1.0)),  # Wider Barriers (Barriers)
    (6, 0.5, standardised(1.0)),  # Indoors (Living Environment)
    (6, 0.5, standardised(1.0)),  # Outdoors (Living Environment)
)


@dataclass
class Iod2025Row:
    lsoa: Lsoa21
    district: District  # the LSOA's local authority district of 2024
    scores: list[float]  # by index position (see INDICES), 3 dp
    ranks: list[int]  # by index position, 1 = most deprived
    transformed: tuple[float, ...]  # the seven domains' exponentially transformed scores, 3 dp
    population: tuple[int, int, int, int, int]  # total, 0-15, 16-59, 60+, working age 18-66


def build_iod2025(geography: Geography, iod: Sequence[IodRow], seed: int) -> list[Iod2025Row]:
    """IoD2025 values for the demo's English LSOAs 2021, in LSOA code order."""
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

    # Latent deprivation of every index after the IMD, in File 7's order.
    latent = [
        [
            fmean(latent_2019(row, d) for row in parents[code]) + rng.gauss(0.0, _DRIFT)
            for code in codes
        ]
        for d in range(len(DOMAINS))
    ]
    for domain, noise, _ in _FOLLOWERS:
        latent.append([z + rng.gauss(0.0, noise) for z in latent[domain]])
    curves = [*_DOMAIN_CURVES, *(curve for _, _, curve in _FOLLOWERS)]
    ranks = [ranks_descending(values, codes) for values in latent]
    transformed = [
        [round(exponential_transform(rank, n), 3) for rank in ranks[d]] for d in range(len(DOMAINS))
    ]
    # The IMD score is the weighted sum of the rounded transformed scores, kept exact (integer
    # millionths) so that its rank does not depend on float rounding.
    imd_millionths = [imd_score_per_mille([t[i] for t in transformed]) for i in range(n)]
    ranks.insert(IMD, ranks_descending(imd_millionths, codes))

    rows = []
    for i, lsoa in enumerate(lsoas):
        scores = [round(imd_millionths[i] / 1_000_000, 3)]
        scores += [published_score(curve, values[i]) for curve, values in zip(curves, latent)]
        rows.append(
            Iod2025Row(
                lsoa=lsoa,
                district=geography.district23[lsoa.district22.code],
                scores=scores,
                ranks=[values[i] for values in ranks],
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


def _lead(row: Iod2025Row) -> list[Any]:
    return [row.lsoa.code, row.lsoa.name, row.district.code, row.district.name]


def build(world: World) -> dict[str, bytes]:
    rows = build_iod2025(world.geography, world.iod, world.seed)
    n = len(rows)

    def rank_decile(row: Iod2025Row, index: int) -> list[int]:
        return [row.ranks[index], decile(row.ranks[index], n)]

    def workbook(found: FileLayout, data: list[list[Any]], fmt: str) -> dict[str, bytes]:
        columns = header(found)
        formats: list[str | None] = [None] * _LEAD + [fmt] * (len(columns) - _LEAD)
        table = Sheet(sheet_name(found), columns, data, formats, auto_filter=True)
        return {found.file_name: xlsx_bytes([Sheet("Notes"), table])}

    files = {
        **workbook(FILE_1, [_lead(r) + rank_decile(r, IMD) for r in rows], _FMT_WHOLE),
        **workbook(
            FILE_2,
            [_lead(r) + [v for i in (IMD, *DOMAINS) for v in rank_decile(r, i)] for r in rows],
            _FMT_WHOLE,
        ),
        **workbook(
            FILE_3,
            [_lead(r) + [v for i in (IMD, IDACI, IDAOPI) for v in rank_decile(r, i)] for r in rows],
            _FMT_WHOLE,
        ),
        **workbook(FILE_5, [_lead(r) + [r.scores[i] for i in INDICES] for r in rows], FMT_SCORE),
        **workbook(FILE_6, [_lead(r) + list(r.population) for r in rows], FMT_COUNT),
        **workbook(FILE_9, [_lead(r) + list(r.transformed) for r in rows], FMT_SCORE),
    }
    file7_rows = []
    for r in rows:
        values: list[Any] = _lead(r)
        for index in INDICES:
            values += [number(r.scores[index]), *rank_decile(r, index)]
        file7_rows.append(values + [r.population[p] for p in _FILE_7_POPULATIONS])
    files[FILE_7.file_name] = csv_file(FILE_7, file7_rows)
    return files
