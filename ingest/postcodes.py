"""UK postcodes as published in grant files, made comparable with postcode lookups.

Publishers type postcodes by hand: double spaces, missing spaces, lower case and the letter O where a
zero belongs ('WF14 OQL'). `normalise_postcode` repairs only what is unambiguous from the UK format
and returns None for anything that still is not a postcode, so a bad value is never geocoded to the
wrong place.
"""

from __future__ import annotations

import itertools
import re

# The outward code (area + district) and inward code (sector + unit) as the UK format allows them:
# some letters never occur in some positions (no Q/V/X first, no C/I/K/M/O/V in the unit).
_OUTWARD = re.compile(
    r"[A-PR-UWYZ](?:[0-9]{1,2}|[A-HK-Y][0-9]{1,2}|[0-9][A-HJKPS-UW]|[A-HK-Y][0-9][ABEHMNPRV-Y])"
)
_INWARD = re.compile(r"[0-9][ABD-HJLNP-UW-Z]{2}")
_GIRO = "GIR0AA"


def normalise_postcode(text: str | None) -> str | None:
    """'wf14  oql' -> 'WF14 0QL'; None when the text cannot be a UK postcode."""
    if text is None:
        return None
    compact = re.sub(r"\s+", "", str(text).upper())
    if compact == _GIRO:
        return "GIR 0AA"
    if not 5 <= len(compact) <= 7:
        return None
    outward, inward = compact[:-3], compact[-3:]
    # The sector is always a digit, so an O there can only be a mistyped zero.
    if inward[0] == "O":
        inward = "0" + inward[1:]
    outward = _repair_outward(outward)
    if outward is None or not _INWARD.fullmatch(inward):
        return None
    return f"{outward} {inward}"


def _repair_outward(outward: str) -> str | None:
    """The outward code with O read as zero only where the format needs a digit.

    An O can be a real letter ('SO16', 'OL1'), so every reading is tried and the one that changes
    the fewest characters wins; the first character is always a letter and is never changed.
    """
    positions = [i for i, char in enumerate(outward) if char == "O" and i > 0]
    for count in range(len(positions) + 1):
        for chosen in itertools.combinations(positions, count):
            candidate = "".join("0" if i in chosen else c for i, c in enumerate(outward))
            if _OUTWARD.fullmatch(candidate):
                return candidate
    return None
