"""The sensitivity test of the pressures composite: how much its answer depends on its choices.

The composite (fct_lsoa21_pressures) weighs the five pressures' exponentially transformed ranks
equally. It is run again, over England's LSOAs 2021, under
- 1,000 random weightings, each pressure's weight drawn uniformly within +-50% of equal
  (0.5 to 1.5 times 1/5), from a seeded generator (numpy's PCG64, seed in the model's YAML);
- a z-score transformation instead of the rank-based one: each pressure's standardised mean
  z-score, combined with equal weights and no exponential transformation;
- each pressure left out in turn (the other four weighed equally).
Each run's ranks are compared with the baseline's (Spearman's rank correlation) and its worst
decile with the baseline's. Run 0 is the baseline itself, computed here the same way, so a test
can hold this model to the mart.

In Python because it ranks 33,755 LSOAs 1,006 times: as one SQL window that took 3.6 GB of memory
here; numpy ranks a few runs at a time in tens of megabytes.
"""

from __future__ import annotations

import numpy as np
import polars as pl

CHUNK = 50  # runs ranked at once


def _ranks(composite: np.ndarray) -> np.ndarray:
    """Rank 1 = highest composite; ties by LSOA code, as the mart orders them: the rows are in
    code order, and a stable sort keeps tied rows in it (a lexsort on (position, -composite)
    gives the same order in three times the time)."""
    order = np.argsort(-composite, kind="stable")
    ranks = np.empty_like(order)
    ranks[order] = np.arange(1, len(order) + 1)
    return ranks


def model(dbt, session):
    dbt.config(materialized="table")
    seed = int(dbt.config.get("seed"))
    draws = int(dbt.config.get("draws"))

    long = dbt.ref("int_lsoa21_pressures").pl()
    transformed = long.pivot(on="pressure", index="lsoa21_code", values="pressure_transformed")
    z_scores = long.pivot(on="pressure", index="lsoa21_code", values="pressure_z")
    pressures = sorted(name for name in transformed.columns if name != "lsoa21_code")
    # Only LSOAs with every pressure are ranked, as in the composite.
    transformed = transformed.drop_nulls().sort("lsoa21_code")
    z_scores = z_scores.filter(pl.col("lsoa21_code").is_in(transformed["lsoa21_code"].implode()))
    z_scores = z_scores.sort("lsoa21_code")
    codes = transformed["lsoa21_code"].to_numpy()
    x = transformed.select(pressures).to_numpy()
    z = z_scores.select(pressures).to_numpy()
    n = len(codes)
    equal = np.full(len(pressures), 1.0 / len(pressures))

    runs: list[tuple[str, int | None, np.ndarray | None, np.ndarray]] = [
        ("baseline", None, equal, x @ equal)
    ]
    generator = np.random.default_rng(seed)
    weights = equal * generator.uniform(0.5, 1.5, size=(draws, len(pressures)))
    runs.append(("z_scores", None, None, z.mean(axis=1)))
    for left_out, pressure in enumerate(pressures):
        kept = np.array([0.0 if i == left_out else 1.0 for i in range(len(pressures))])
        kept /= kept.sum()
        runs.append((f"without_{pressure}", None, kept, x @ kept))

    baseline_ranks = _ranks(runs[0][3])
    worst = n / 10  # decile 1 holds ranks 1..n/10, as rank_to_decile cuts them
    baseline_worst = baseline_ranks <= worst
    rows: list[dict] = []

    def record(variant: str, draw: int | None, run_weights: np.ndarray | None, ranks) -> None:
        d = (ranks - baseline_ranks).astype(np.float64)
        in_worst = ranks <= worst
        rows.append(
            {
                "run_id": len(rows),
                "variant": variant,
                "draw": draw,
                **{
                    f"{pressure}_weight": None if run_weights is None else float(run_weights[i])
                    for i, pressure in enumerate(pressures)
                },
                "rank_correlation": 1.0 - 6.0 * float((d * d).sum()) / (n * (n * n - 1.0)),
                "worst_decile_kept_pct": 100.0
                * float((in_worst & baseline_worst).sum())
                / float(baseline_worst.sum()),
                "worst_decile_lsoas": codes[in_worst].tolist(),
            }
        )

    for variant, draw, run_weights, composite in runs:
        record(variant, draw, run_weights, _ranks(composite))
    for start in range(0, draws, CHUNK):
        block = weights[start : start + CHUNK]
        composites = x @ block.T
        for offset in range(block.shape[0]):
            record(
                "random_weights",
                start + offset + 1,
                block[offset],
                _ranks(composites[:, offset]),
            )
    return pl.DataFrame(rows)
