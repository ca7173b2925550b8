"""The demo's residents as the Census counts them: households by tenure (2021 per LSOA 2021, 2011 per
LSOA 2011), the migrant indicator and length of residence (2021), and mid-2019 populations (England
and Wales per LSOA 2011, plus the Scottish data zones and NI super output areas). Every row's
categories add up to its total, and tenure leans with the LSOA's IMD deprivation.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from statistics import NormalDist

from demo.world.areas import (
    DISTRICTS,
    NI_SUPER_OUTPUT_AREAS,
    SCOTTISH_DATA_ZONES,
    Geography,
    Lsoa11,
    Lsoa21,
    Msoa,
    build_msoas,
)
from demo.world.deprivation import IodRow
from demo.world.draw import clamp


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


def build_census(geography: Geography, iod: Sequence[IodRow], seed: int) -> Census:
    """Households by tenure (2011 and 2021), the migrant indicator and length of residence (2021)
    per LSOA, leaning with deprivation, and mid-2019 populations."""
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

        within_uk = clamp(0.085 + 0.02 * z + 0.03 * urban + rng.gauss(0.0, 0.015), 0.04, 0.17)
        outside_uk = clamp(0.004 + 0.015 * urban + 0.003 * z + rng.gauss(0.0, 0.003), 0.0, 0.03)
        student = abs(rng.gauss(0.0, 0.004))
        if rng.random() < 0.04:  # a student quarter
            student += rng.uniform(0.01, 0.03)
        same = 1.0 - within_uk - outside_uk - student
        migrant[lsoa.code] = apportion(residents, (same, student, within_uk, outside_uk))

        # TS016 counts every usual resident, so it also has the babies under 1 that TS019 leaves out.
        all_residents = round(residents * rng.uniform(1.008, 1.014))
        born_abroad = clamp(0.03 + 0.3 * urban**2 + 0.02 * z + rng.gauss(0.0, 0.02), 0.01, 0.5)
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
    for serial, code in enumerate(SCOTTISH_DATA_ZONES, start=1):
        population19[code] = rng.randint(1000, 1300) if serial == 4 else rng.randint(450, 990)
    # NI super output areas: ward code, then S1, S2 for a split ward or W1 for a whole one.
    for code in NI_SUPER_OUTPUT_AREAS:
        population19[code] = rng.randint(1300, 2900)
    return Census(msoa11, msoa21, tenure21, tenure11, migrant, residence, population19)
