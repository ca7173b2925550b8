"""Small helpers for drawing the demo's values."""

from __future__ import annotations

import random
from datetime import date, timedelta


def clamp(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


def random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))
