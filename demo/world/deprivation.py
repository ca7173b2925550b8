"""The demo's IoD2019: one row per English LSOA 2011 that every family leans on (the IoD files
themselves, the IoD2025 drawn from it, the Census tenure that follows deprivation, library catchments,
the postcode directory's IMD rank and the composite UK index), and the IoD's arithmetic (the
exponential transformation, ranks 1 = most deprived, deciles as MHCLG cuts them).
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from demo.world.areas import Geography, Lsoa11

# IMD domain weights (Income, Employment, Education, Health, Crime, Barriers, Living Environment),
# in thousandths so the weighted score is exact integer arithmetic.
IMD_WEIGHTS_PER_MILLE = (225, 225, 135, 135, 93, 93, 93)


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


def build_iod(geography: Geography, seed: int) -> list[IodRow]:
    """The IoD2019 of the demo's English LSOAs 2011, in code order: domain ranks drawn from each
    LSOA's latent deprivation, transformed and weighted into the IMD as MHCLG does it."""
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


# How a published score follows its latent deprivation z (about standard normal): a logistic
# curve for the rates (0-1) and the 0-100 style domain scores, a scale factor for the standardised
# scores (Health, Crime and most sub-domains: negative below the mean).
Curve = Callable[[float], float]


def logistic(floor: float, span: float, slope: float, shift: float) -> Curve:
    return lambda z: floor + span / (1.0 + math.exp(-(slope * z + shift)))


def standardised(scale: float) -> Curve:
    return lambda z: scale * z


def published_score(curve: Curve, z: float) -> float:
    """A score as published, to 3 dp (+ 0.0: no "-0.0" in a file)."""
    return round(curve(z), 3) + 0.0
