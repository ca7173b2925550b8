"""The survey family: ONS's subnational indicators explorer download (on the district codes of 2022,
Windows-1252 below a disclaimer) and its well-being dataset (APS estimates for every year, with 95%
confidence limits and '[x]' suppression), for the demo districts and the areas above them.

Designed gaps, as the real files have them: one district left out of one indicator
(`SURVEY_LEFT_OUT`), one value published as 'NA' (`SURVEY_NA`), one row under a neighbour's code
(`SURVEY_MISLABELLED`), and one district's well-being suppressed in one year
(`WELLBEING_SUPPRESSED_AREA`). Headers, file names, encodings and the rows above the header are the
catalog's; the disclaimer's text is not in the catalog.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from statistics import median

from demo.layouts import csv_file, layout
from demo.world import World
from demo.world.areas import (
    DISTRICTS,
    ENGLAND,
    EXAMPLESHIRE,
    NI,
    SCOTLAND,
    TESTSHIRE,
    UK,
    WALES,
)
from demo.writers import rows_above

SURVEY = layout("ons__subnational_indicators")
WELLBEING = layout("ons__wellbeing_local_authority")
FILES = (SURVEY.file_name, WELLBEING.file_name)

# The explorer download's first line, above a blank one and the header.
SURVEY_PREAMBLE = (
    "There may be some discrepancies between this data download and the accompanying dataset "
    "caused by rounding issues but these should be insignificant and are unlikely to affect any "
    "further analysis"
)


def build(world: World) -> dict[str, bytes]:
    return {
        SURVEY.file_name: survey_csv(world.seed),
        WELLBEING.file_name: wellbeing_csv(world.seed),
    }


_CATEGORY_PAY = "Boosting productivity, pay, jobs and living standards"
_CATEGORY_SERVICES = "Spreading opportunity and improving public services"
_CATEGORY_PRIDE = "Restoring a sense of community, local pride and belonging"


@dataclass(frozen=True)
class _Indicator:
    name: str
    category: str
    period: str
    measure: str
    unit: str
    base: float
    deprivation: float  # change per unit of district deprivation
    noise: float
    decimals: int
    uk_wide: bool = True  # else England only
    normalised: bool = True  # MAD published for LA rows


SURVEY_INDICATORS_SPEC: tuple[_Indicator, ...] = (
    _Indicator(
        "Gross Value Added (GVA) per hour worked",
        _CATEGORY_PAY,
        "2020",
        "Pounds",
        "£",
        35.0,
        -3.0,
        1.5,
        2,
    ),
    _Indicator("Median Weekly Pay", _CATEGORY_PAY, "2021", "Pounds", "£", 510.0, -35.0, 20.0, 1),
    # The en dash is byte 0x96 in Windows-1252, '£' byte 0xA3: the file is not UTF-8.
    _Indicator(
        "Employment rate (16–64-year olds)",
        _CATEGORY_PAY,
        "2022",
        "Percentage",
        "%",
        75.0,
        -3.5,
        1.5,
        1,
    ),
    _Indicator(
        "Gross Disposable Household Income (GDHI), per head",
        _CATEGORY_PAY,
        "2019",
        "Pounds",
        "£",
        20500.0,
        -2200.0,
        900.0,
        0,
    ),
    _Indicator(
        "Average life satisfaction ratings",
        _CATEGORY_SERVICES,
        "202021",
        "Rating",
        "Score out of 10",
        7.42,
        -0.12,
        0.08,
        2,
    ),
    _Indicator(
        "Average feeling that things done in life are worthwhile ratings",
        _CATEGORY_SERVICES,
        "202021",
        "Rating",
        "Score out of 10",
        7.68,
        -0.1,
        0.08,
        2,
    ),
    _Indicator(
        "Average happiness ratings",
        _CATEGORY_SERVICES,
        "202021",
        "Rating",
        "Score out of 10",
        7.32,
        -0.1,
        0.1,
        2,
    ),
    _Indicator(
        "Average anxiety ratings",
        _CATEGORY_SERVICES,
        "202021",
        "Rating",
        "Score out of 10",
        3.3,
        0.15,
        0.15,
        2,
    ),
    _Indicator(
        "Smoking prevalence of adults",
        _CATEGORY_SERVICES,
        "2020",
        "Percentage",
        "%",
        12.5,
        2.5,
        1.5,
        1,
        uk_wide=False,
    ),
    _Indicator(
        "Female Healthy Life Expectancy (HLE)",
        _CATEGORY_SERVICES,
        "201820",
        "Years",
        "yrs",
        63.5,
        -3.0,
        1.2,
        1,
        uk_wide=False,
    ),
    _Indicator(
        "Net additions to the housing stock",
        _CATEGORY_PRIDE,
        "202021",
        "Number",
        "Number",
        650.0,
        0.0,
        300.0,
        0,
        uk_wide=False,
        normalised=False,
    ),
)
# The district the publisher left out of one indicator (as four districts are absent from the
# real anxiety ratings): the pipeline must show it as suppressed, not silently drop it.
SURVEY_LEFT_OUT = ("E07009901", "Average anxiety ratings")
# The publisher's 'NA' for a suppressed value (as for City of London).
SURVEY_NA = ("E09009901", "Smoking prevalence of adults")
# One row labelled with a neighbour's code, as the real file labels Buckinghamshire with West
# Northamptonshire's code once: (name's district, code written, indicator).
SURVEY_MISLABELLED = ("E06009901", "E06009902", "Net additions to the housing stock")
_SURVEY_GEOGRAPHY = {
    "E06": "Unitary Authority",
    "E07": "Non-metropolitan District",
    "E08": "Metropolitan District",
    "E09": "London Borough",
    "W06": "Unitary Authority",
    "S12": "Council Area",
    "N09": "Local Government District",
}


def _survey_number(value: float, decimals: int) -> str:
    text = f"{value:,.{decimals}f}"
    if decimals:
        text = text.rstrip("0").rstrip(".")
    return text


def _mad_text(value: float) -> str:
    return "0" if value == 0 else f"{value:.15g}"


def survey_csv(seed: int) -> bytes:
    """The explorer download: a disclaimer, a blank line, then one row per area and indicator."""
    rng = random.Random(f"{seed}:survey")
    # Districts as at 2022, before the 2023 merger: the file's well-being uses old codes.
    districts = sorted(
        (d for d in DISTRICTS if not d.created_2023),
        key=lambda d: d.code,
    )
    rows: list[list[str]] = []
    for spec in SURVEY_INDICATORS_SPEC:
        values: dict[str, float] = {}
        for district in districts:
            if not spec.uk_wide and district.code[0] != "E":
                continue
            value = spec.base + spec.deprivation * district.deprivation
            value += rng.gauss(0.0, spec.noise)
            if spec.name == "Median Weekly Pay":
                value += 90.0 * district.urban**3
            values[district.code] = round(max(value, 0.0), spec.decimals)
        middle = median(values.values())
        mad = median(abs(v - middle) for v in values.values()) or 1.0
        for district in districts:
            code = district.code
            if code not in values or (code, spec.name) == SURVEY_LEFT_OUT:
                continue
            name = district.name
            if spec.name.startswith("Average") and code[0] == "W":
                name += " "  # the well-being rows' Welsh names end in a space
            value_text = _survey_number(values[code], spec.decimals)
            mad_text = _mad_text((values[code] - middle) / mad) if spec.normalised else "NA"
            if (code, spec.name) == SURVEY_NA:
                value_text = mad_text = "NA"
            written = code
            if (code, spec.name) == (SURVEY_MISLABELLED[0], SURVEY_MISLABELLED[2]):
                written = SURVEY_MISLABELLED[1]
            rows.append(
                [
                    written,
                    name,
                    _SURVEY_GEOGRAPHY[code[:3]],
                    spec.name,
                    spec.category,
                    spec.period,
                    spec.measure,
                    spec.unit,
                    value_text,
                    mad_text,
                ]
            )
        # Counties, combined authorities, regions and countries: means of their districts.
        groups: list[tuple[str, str, str, list[str]]] = []
        for county in (TESTSHIRE, EXAMPLESHIRE):
            members = [d.code for d in districts if d.county == county]
            groups.append((county[0], county[1], "County", members))
        for label, authority in (
            ("Combined authorities", ("E47009901", "Synthetic Valley")),
            ("Combined Authority", ("E47009902", "Greater Mockchester")),
        ):
            members = [d.code for d in districts if d.combined_authority == authority]
            groups.append((authority[0], authority[1], label, members))
        regions = sorted({d.region for d in districts if d.region})
        for region in regions:
            members = [d.code for d in districts if d.region == region]
            groups.append((region[0], region[1], "Region", members))
        for country in (ENGLAND, WALES, SCOTLAND, NI):
            members = [d.code for d in districts if d.country == country]
            groups.append((country[0], country[1], "Country", members))
        groups.append((*UK, "Country", [d.code for d in districts]))
        for code, name, label, members in groups:
            present = [values[m] for m in members if m in values]
            if not present:
                continue
            value = sum(present) / len(present)
            if not spec.normalised:
                value = sum(present)
            rows.append(
                [
                    code,
                    name,
                    label,
                    spec.name,
                    spec.category,
                    spec.period,
                    spec.measure,
                    spec.unit,
                    _survey_number(round(value, spec.decimals), spec.decimals),
                    "NA",
                ]
            )
    above = rows_above([SURVEY_PREAMBLE], SURVEY.header_row, blank="")
    body = csv_file(SURVEY, rows)
    return "".join(line + "\n" for line in above).encode(SURVEY.encoding) + body


WELLBEING_MEASURES = (
    ("life-satisfaction", "Life satisfaction", 7.6, -0.5),
    ("worthwhile", "Worthwhile", 7.8, -0.4),
    ("happiness", "Happiness", 7.4, -0.4),
    ("anxiety", "Anxiety", 3.0, 0.5),
)
WELLBEING_ESTIMATES = (
    ("average-mean", "Average (mean)"),
    ("poor", "Poor"),
    ("fair", "Fair"),
    ("good", "Good"),
    ("very-good", "Very good"),
)
WELLBEING_YEARS = tuple(f"{year}-{(year + 1) % 100:02d}" for year in range(2011, 2023))
# Suppressed by the publisher ('[x]'): every estimate of one small district in one year (as the
# Isles of Scilly are, most years), and the 'poor' share of anxiety everywhere before 2019-20
# (as the real file suppresses thin threshold estimates).
WELLBEING_SUPPRESSED_AREA = ("E09009901", "2015-16")
WELLBEING_SUPPRESSED_ESTIMATE = ("anxiety", "poor", "2019-20")


def wellbeing_csv(seed: int) -> bytes:
    """ONS's dataset download: one row per area, year, measure and estimate, in no order."""
    rng = random.Random(f"{seed}:wellbeing")
    areas = [(d.code, d.name, d.deprivation) for d in DISTRICTS if not d.successor]
    regions = sorted({d.region for d in DISTRICTS if d.region})
    areas += [(code, name, 0.0) for code, name in regions]
    areas += [(code, name, 0.0) for code, name in (ENGLAND, WALES, SCOTLAND, NI)]
    rows: list[list[str]] = []
    for code, name, deprivation in areas:
        for year_index, year in enumerate(WELLBEING_YEARS):
            for measure, measure_label, base, lean in WELLBEING_MEASURES:
                mean = base + lean * deprivation + 0.02 * year_index + rng.gauss(0.0, 0.12)
                # Threshold shares follow the mean: poor (0-4), fair (5-6), good (7-8), very good
                # (9-10); anxiety's bands run the other way (very good = 0-1) and sum to 100.
                high = 10.0 - mean if measure == "anxiety" else mean
                shares = [max(2.0, 40.0 - 5.0 * high), 22.0 - 1.2 * high, 28.0 + 2.4 * high]
                shares.append(100.0 - sum(shares))
                estimates = [round(mean, 2)] + [round(share, 2) for share in shares]
                # Thin shares have narrow intervals that stay above zero, as the publisher's do.
                half_widths = [0.1 + rng.random() * 0.2] + [
                    min(1.0 + rng.random() * 3.0, 0.6 * share) for share in shares
                ]
                for (estimate, estimate_label), value, half in zip(
                    WELLBEING_ESTIMATES, estimates, half_widths, strict=True
                ):
                    suppressed = (code, year) == WELLBEING_SUPPRESSED_AREA or (
                        (measure, estimate) == WELLBEING_SUPPRESSED_ESTIMATE[:2]
                        and year < WELLBEING_SUPPRESSED_ESTIMATE[2]
                    )
                    if suppressed:
                        cells = ["", "[x]", "[x]", "[x]"]
                    else:
                        low, upp = round(value - half, 2), round(value + half, 2)
                        cells = [repr(float(value)), "", repr(float(low)), repr(float(upp))]
                    rows.append(
                        cells
                        + [year, year, code, name, measure, measure_label]
                        + [estimate, estimate_label]
                    )
    rng.shuffle(rows)
    return csv_file(WELLBEING, rows)
