"""The funding allocations family: Arts Council England's Culture Recovery Fund awards and Project
Grants 2019/20, and the Levelling Up Fund's list of districts by priority category, naming the demo
districts by their LADNM of 2020-2022 (the two merged in 2023 by their own names).

Designed quirks, as the real files have them: the Culture Recovery Fund's awards over three sheets
('Strand' only on the first, one organisation named by a number, two organisations of one name in
two districts, a few Welsh and Scottish applicants) and a 'Headline Data' sheet whose totals are
plain values equal to the sheet sums; Project Grants below a title and an instruction row, with real
Excel award dates, two empty columns in the used range and two artists abroad ('Overseas', matching
no district); the Levelling Up Fund list with one Welsh name misspelt (`LUF_MISSPELT`).

Headers, the sheets the readers read, the rows above the header and file names are the catalog's;
the sheets no reader reads ('Headline Data', 'Front Page') and the title rows are not.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from typing import Any

from demo.layouts import header, layout, sheet_name
from demo.world import World
from demo.world.areas import BY_CODE, DISTRICTS, District, Geography, english_districts
from demo.world.draw import clamp
from demo.world.organisations import SURNAMES
from demo.writers import FMT_COUNT, Sheet, rows_above, xlsx_bytes

CRF = layout("acearts__culture_recovery_fund")
PROJECT_GRANTS = layout("acearts__project_grants_2019_20")
# The gov.uk attachment (the catalog's first layout), not the researcher's re-save.
LUF = layout("mhclg__levelling_up_fund_priority")
FILES = (CRF.file_name, PROJECT_GRANTS.file_name, LUF.file_name)


def build(world: World) -> dict[str, bytes]:
    """The funding allocation workbooks, naming the demo districts by their LADNM."""
    orgs = _arts_orgs(world.geography, world.seed)
    return {
        CRF.file_name: _crf_xlsx(orgs, world.seed),
        PROJECT_GRANTS.file_name: _project_grants_xlsx(orgs, world.seed),
        LUF.file_name: _luf_xlsx(),
    }


CRF_SHEETS = CRF.sheet_names
# The catalog's header ends with 'Strand', a column only the first sheet has (always empty).
*_CRF_HEADER, _CRF_STRAND = header(CRF)
CRF_HEADLINE_SHEET = "Headline Data"
# The 'Headline Data' sheet's block labels (the publisher's typo included) and the sheet each sums.
CRF_HEADLINE_BLOCKS = dict(
    zip(("CRF 1", "CRF 1 Captial Kickstart", "CRF 2"), CRF_SHEETS, strict=True)
)
PROJECT_GRANTS_FRONT = "Front Page"
# The used range: two empty columns after the header's last.
_PROJECT_GRANTS_WIDTH = len(header(PROJECT_GRANTS)) + 2
PROJECT_GRANTS_FIRST_DAY, PROJECT_GRANTS_LAST_DAY = date(2019, 4, 1), date(2020, 3, 24)
_LUF_WIDTH = len(header(LUF)) + 1  # an empty column after the header's last in the used range

# Designed mismatches, as the real files have them: the only names that are no LADNM of the demo
# LA codes file.
PROJECT_GRANTS_UNMATCHED = "Overseas"
LUF_MISSPELT = ("Glanmor", "Glanmore")  # (LADNM, as the list spells it): as 'Rhondda Cynon Taff'
CRF_NUMBER_NAME = 1919  # an organisation named by a number cell (the real one is 1927)
CRF_SAME_NAME = "Spotlight Theatre Company"  # two different organisations, in two LAs, in CRF 2

_FMT_ACCOUNTING = '_-"£"* #,##0_-;\\-"£"* #,##0_-;_-"£"* "-"??_-;_-@_-'
_FMT_POUNDS = '"£"#,##0'
_FMT_POUNDS_RED = '"£"#,##0;[Red]\\-"£"#,##0'
_FMT_AWARD_DATE = "d-mmm-yy"

# ACE's five areas by ONS region (ACE files Welsh applicants under Midlands, Scottish under North).
_ACE_AREA = {
    "North East": "North",
    "North West": "North",
    "Yorkshire and The Humber": "North",
    "East Midlands": "Midlands",
    "West Midlands": "Midlands",
    "Wales": "Midlands",
    "Scotland": "North",
    "London": "London",
    "East of England": "South East",
    "South East": "South East",
    "South West": "South West",
}
# Organisation kinds by ACE discipline, and how often each discipline is awarded (about as in the
# real files: CRF weights, then Project Grants weights).
_DISCIPLINES: tuple[tuple[str, tuple[str, ...], int, int], ...] = (
    ("Music", ("Music Festival", "Youth Orchestra", "Jazz Club", "Live Music Ltd"), 55, 16),
    ("Theatre", ("Playhouse", "Youth Theatre", "Theatre Company", "Puppet Theatre CIC"), 44, 31),
    ("Combined arts", ("Arts Centre", "Carnival Arts", "Festival Trust"), 37, 16),
    ("Visual arts", ("Gallery", "Print Studio", "Contemporary Art Space"), 19, 16),
    ("Not discipline specific", ("Creative Network", "Arts Partnership"), 18, 2),
    ("Museums", ("Museum Trust", "Heritage Museum"), 15, 1),
    ("Dance", ("Dance Collective", "Dance Company"), 7, 10),
    ("Literature", ("Literature Festival", "Poetry Press"), 4, 7),
    ("Other/Not Known", ("Events CIC",), 2, 1),
    ("Film", ("Film Society", "Independent Cinema Ltd"), 1, 0),
)
_KINDS = {discipline: kinds for discipline, kinds, _, _ in _DISCIPLINES}
_CONSTITUENCIES = {
    "E06009901": ("Synthetown North", "Synthetown South"),
    "E06009902": ("Demoford Central", "Demoford East and Moorside"),
    "E08009901": ("Mockchester Central", "Mockchester North", "Mockchester South"),
    "E09009901": ("Testwick and Riverside", "Testwick North"),
    "E07009901": ("Fakeley and the Wolds",),
    "E07009902": ("Samplebury", "Samplebury and Dummyton Vale"),
    "E07009903": ("Dummyton", "Samplebury and Dummyton Vale"),
    "W06009901": ("Glanmor",),
    "W06009902": ("Vale of Testing",),
    "S12009901": ("Mocklothian and Mockburgh",),
}
# Awards per district: (CRF 1 grants, CRF 2 grants, of which to CRF 1 winners). A few Welsh and
# Scottish applicants, as in the real file.
_CRF_AWARDS = {
    "E06009901": (5, 6, 3),
    "E06009902": (6, 7, 3),
    "E08009901": (8, 9, 5),
    "E09009901": (10, 12, 6),
    "E07009901": (2, 3, 1),
    "E07009902": (2, 3, 1),
    "E07009903": (3, 3, 2),
    "W06009901": (1, 1, 0),
    "W06009902": (0, 1, 0),
    "S12009901": (1, 1, 1),
}
_KICKSTART_AWARDS = 7
_PROJECT_GRANTS = 150
_FIRST_NAMES = (
    "Alex", "Bea", "Cal", "Dana", "Eli", "Fern", "Gus", "Hana", "Ines", "Jude",
    "Kit", "Lena", "Milo", "Nia", "Omar", "Pip", "Rosa", "Sami", "Tess", "Wren",
)  # fmt: skip
_WORKS = (
    "The Lantern Walk",
    "Salt and Iron",
    "Paper Boats",
    "Night Songs",
    "The Long Table",
    "Small Hours",
    "Echo Chamber",
    "Common Ground",
    "Threads",
    "The Glass Garden",
    "Tidelines",
    "Moving Pictures",
    "Wild Words",
    "The Quiet Room",
    "Open Doors",
    "Northern Lights",
)
_ACTIVITY_FORMS = (
    "{work}",
    "{work} - research and development",
    "{work} Tour {year}",
    "{work}: a new commission",
    "{place} Festival {year}",
    "{place} Open Studios {year}",
    "Audience development for {work}",
    "{work} - resubmission",
)
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


@dataclass(frozen=True)
class _ArtsOrg:
    name: str | int
    discipline: str
    district: District
    constituency: str

    @property
    def region(self) -> str:
        return self.district.region[1] if self.district.region else self.district.country[1]

    @property
    def ace_area(self) -> str:
        return _ACE_AREA[self.region]


def _weighted(rng: random.Random, items: Sequence[Any], weights: Sequence[float]) -> Any:
    return rng.choices(items, weights=weights)[0]


def _arts_orgs(geography: Geography, seed: int) -> dict[str, list[_ArtsOrg]]:
    """Arts organisations per district (LAD code -> orgs, names unique across districts): the
    first ones won CRF 1 grants, the rest are new in CRF 2 or apply for Project Grants only."""
    rng = random.Random(f"{seed}:arts-orgs")
    disciplines = [d for d, _, _, _ in _DISCIPLINES]
    weights = [w for _, _, w, _ in _DISCIPLINES]
    taken = {CRF_SAME_NAME}
    orgs: dict[str, list[_ArtsOrg]] = {}
    for code, (crf1, crf2, both) in _CRF_AWARDS.items():
        district = BY_CODE[code]
        places = [district.short_name] + [
            w.name for w in geography.wards19 if w.district is district
        ]
        members: list[_ArtsOrg] = []
        while len(members) < crf1 + crf2 - both + 4:
            discipline = _weighted(rng, disciplines, weights)
            name = f"{rng.choice(places)} {rng.choice(_KINDS[discipline])}"
            if name not in taken:
                taken.add(name)
                constituency = rng.choice(_CONSTITUENCIES[code])
                members.append(_ArtsOrg(name, discipline, district, constituency))
        orgs[code] = members
    return orgs


def _amount(
    rng: random.Random, median: float, sigma: float, low: int, high: int, round_share: float
) -> int:
    """A plausible award in whole pounds: log-normal, some rounded to the thousand."""
    value = clamp(rng.lognormvariate(math.log(median), sigma), low, high)
    if rng.random() < round_share:
        step = 10_000 if value >= 200_000 else 1_000
        return max(low, round(value / step) * step)
    return int(value)


def _crf_rows(orgs: Sequence[_ArtsOrg], amounts: Sequence[int]) -> list[list[Any]]:
    rows = [
        [org.name, amount, org.discipline, org.ace_area, org.region, org.district.name]
        + [org.constituency]
        for org, amount in zip(orgs, amounts, strict=True)
    ]
    # As published: by organisation name (a name typed as a number first).
    return sorted(rows, key=lambda row: (str(row[0]).casefold(), row[5]))


def _crf_sheets(orgs: dict[str, list[_ArtsOrg]], seed: int) -> dict[str, list[list[Any]]]:
    """Each award sheet's rows. Some organisations won in several rounds (once per sheet)."""
    rng = random.Random(f"{seed}:crf")
    crf1: list[_ArtsOrg] = []
    crf2: list[_ArtsOrg] = []
    for code, (first, second, both) in _CRF_AWARDS.items():
        members = orgs[code]
        crf1 += members[:first]
        new = members[first : first + second - both]
        if code == "E06009901" or code == "E09009901":
            new[-1] = replace(new[-1], name=CRF_SAME_NAME, discipline="Theatre")
        if code == "E06009902":
            new[-1] = replace(new[-1], name=CRF_NUMBER_NAME)
        crf2 += rng.sample(members[:first], both) + new
    english = [org for org in crf1 if org.district.code[0] == "E"]
    kickstart = rng.sample(english, _KICKSTART_AWARDS)

    def scale(org: _ArtsOrg) -> float:
        return 0.7 + 0.6 * org.district.urban

    # (median, spread, least, most, share rounded to the thousand), about as in the real sheets.
    awards = (
        (crf1, (105_000, 0.8, 50_000, 3_000_000, 0.45)),
        (kickstart, (210_000, 1.1, 15_000, 8_000_000, 0.2)),
        (crf2, (60_000, 0.9, 8_000, 2_000_000, 0.3)),
    )
    sheets: dict[str, list[list[Any]]] = {}
    for sheet, (winners, (middle, sigma, low, high, rounded)) in zip(
        CRF_SHEETS, awards, strict=True
    ):
        amounts = [_amount(rng, middle * scale(o), sigma, low, high, rounded) for o in winners]
        sheets[sheet] = _crf_rows(winners, amounts)
    return sheets


def _crf_headline(sheets: dict[str, list[list[Any]]]) -> list[tuple[str, Any, str | None]]:
    """The 'Headline Data' sheet in the published layout: per round, the awards and £ in total
    and by ONS region. The publisher's totals are formulas over the region rows; these are their
    values (a formula written here would have no cached value for a reader to see)."""
    cells: list[tuple[str, Any, str | None]] = [
        ("A2", "Headline Data for CRF Grants_Published:", None),
        ("C2", "Friday 2 April 2021", None),
    ]
    start = 4
    for position, (label, sheet) in enumerate(CRF_HEADLINE_BLOCKS.items()):
        rows = sheets[sheet]
        by_region: dict[str, list[int]] = {}
        for row in rows:
            counts = by_region.setdefault(row[4], [0, 0])
            counts[0] += 1
            counts[1] += row[1]
        awards, amount = len(rows), sum(row[1] for row in rows)
        cells += [
            (f"A{start}", label, None),
            (f"A{start + 1}", "Total awarded organisations", None),
            (f"B{start + 1}", awards, FMT_COUNT),
            (f"A{start + 2}", "Total amount awarded ", None),
            (f"B{start + 2}", amount, _FMT_POUNDS_RED),
            (f"A{start + 5}", "ONS Region*", None),
            (f"B{start + 5}", "Awards", None),
            (f"C{start + 5}", "Amount ", None),
        ]
        row_number = start + 6
        for region in sorted(by_region):
            cells += [
                (f"A{row_number}", region, None),
                (f"B{row_number}", by_region[region][0], None),
                (f"C{row_number}", by_region[region][1], _FMT_POUNDS),
            ]
            row_number += 1
        cells += [
            (f"A{row_number}", "Totals " if position == 0 else "Totals", None),
            (f"B{row_number}", awards, FMT_COUNT),
            (f"C{row_number}", amount, _FMT_POUNDS),
        ]
        start = row_number + 4
    note = "* Data published on Friday 2 April 2021 is based on applicant postcode"
    return [*cells, (f"A{start}", note, None)]


def _crf_xlsx(orgs: dict[str, list[_ArtsOrg]], seed: int) -> bytes:
    sheets = _crf_sheets(orgs, seed)
    formats = [None, _FMT_ACCOUNTING]
    return xlsx_bytes(
        [
            Sheet(CRF_HEADLINE_SHEET, cells=_crf_headline(sheets)),
            *(
                Sheet(
                    sheet,
                    _CRF_HEADER + ([_CRF_STRAND] if sheet == CRF_SHEETS[0] else []),
                    sheets[sheet],
                    formats,
                )
                for sheet in CRF_SHEETS
            ),
        ]
    )


def _financial_quarter(day: date) -> str:
    return f"Q{(day.month + 8) % 12 // 3 + 1}"


def _project_grants_rows(orgs: dict[str, list[_ArtsOrg]], seed: int) -> list[list[Any]]:
    """Awards of 1 April 2019 to 24 March 2020, in date order: organisations and individual
    artists of the English districts, two artists abroad ('Overseas'), one award of £0."""
    rng = random.Random(f"{seed}:project-grants")
    english = english_districts()
    district_weights = [d.n_lsoa * (0.5 + d.urban) for d in english]
    disciplines = [d for d, _, _, _ in _DISCIPLINES]
    pg_weights = [w for _, _, _, w in _DISCIPLINES]
    days = [
        PROJECT_GRANTS_FIRST_DAY + timedelta(days=offset)
        for offset in range((PROJECT_GRANTS_LAST_DAY - PROJECT_GRANTS_FIRST_DAY).days + 1)
    ]
    weekdays = [day for day in days if day.weekday() < 5]
    artists: dict[str, str] = {}  # name -> LAD code

    def artist(district: District | None) -> str:
        while True:
            name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(SURNAMES).title()}"
            if name not in artists:
                artists[name] = district.code if district else ""
                return name

    awards: list[dict[str, Any]] = []
    keys: set[tuple[str, str, date]] = set()
    while len(awards) < _PROJECT_GRANTS:
        district = _weighted(rng, english, district_weights)
        if rng.random() < 0.55:
            org = rng.choice(orgs[district.code])
            recipient, discipline = str(org.name), org.discipline
            median, high = 25_000.0, 100_000
        else:
            known = [name for name, code in artists.items() if code == district.code]
            recipient = rng.choice(known) if known and rng.random() < 0.2 else artist(district)
            discipline = _weighted(rng, disciplines, pg_weights)
            median, high = 12_000.0, 60_000
        activity = rng.choice(_ACTIVITY_FORMS).format(
            work=rng.choice(_WORKS), place=district.short_name, year=rng.choice((2019, 2020))
        )
        day = rng.choice(weekdays)
        if (recipient, activity, day) in keys:
            continue
        keys.add((recipient, activity, day))
        awards.append(
            {
                "recipient": recipient,
                "activity": activity,
                "amount": _amount(rng, median, 0.7, 1_000, high, 0.15),
                "day": day,
                "area": _ACE_AREA[district.region[1]] if district.region else "Midlands",
                "authority": district.name,
                "discipline": discipline,
            }
        )
    # The first day's awards, a few large ones, an award of £0, a recipient with the same
    # activity funded twice, two artists abroad and one name typed in lower case.
    awards[0]["day"] = PROJECT_GRANTS_FIRST_DAY
    awards[1]["day"] = PROJECT_GRANTS_LAST_DAY
    for award in awards[5:8]:
        award["amount"] = rng.randint(150, 750) * 1_000 + rng.randint(0, 999)
    awards[9]["amount"] = 0
    again = dict(awards[10])
    again["day"] = min(awards[10]["day"] + timedelta(days=91), PROJECT_GRANTS_LAST_DAY)
    again["amount"] = _amount(rng, 8_000, 0.5, 1_000, 30_000, 0.0)
    if again["day"] == awards[10]["day"]:
        again["day"] -= timedelta(days=182)
    awards.append(again)
    for _ in range(2):
        awards.append(
            {
                "recipient": artist(None),
                "activity": f"{rng.choice(_WORKS)} - touring to England",
                "amount": _amount(rng, 15_000, 0.5, 1_000, 40_000, 0.0),
                "day": rng.choice(weekdays),
                "area": rng.choice(("London", "Midlands", "South East")),
                "authority": PROJECT_GRANTS_UNMATCHED,
                "discipline": _weighted(rng, disciplines, pg_weights),
            }
        )
    lower = next(a for a in awards if a["recipient"] in artists)
    lower["recipient"] = lower["recipient"].lower()
    awards.sort(key=lambda award: award["day"])
    return [
        [
            award["recipient"],
            award["activity"],
            award["amount"],
            datetime.combine(award["day"], datetime.min.time()),
            _MONTHS[award["day"].month - 1],
            _financial_quarter(award["day"]),
            award["area"],
            award["authority"],
            award["discipline"],
        ]
        for award in awards
    ]


_PROJECT_GRANTS_SYNTHETIC = (
    "SYNTHETIC DEMO DATA generated by placeindex (python -m demo): every recipient, activity, "
    "amount and place in this workbook is invented."
)
_PROJECT_GRANTS_TITLE = (
    "Arts Council National Lottery Project Grants awards made between 01 April 2019 - 31 March 2020"
)
_PROJECT_GRANTS_INSTRUCTION = (
    "The drop down menus at the top of each column can be used to filter this list."
)


def _project_grants_xlsx(orgs: dict[str, list[_ArtsOrg]], seed: int) -> bytes:
    front = [
        ("A1", "Arts Council National Lottery Project Grants", None),
        ("A2", "List of awards in year 2019/20", None),
        ("A3", "Correct as of: 2nd October 2020", None),
        ("A5", _PROJECT_GRANTS_SYNTHETIC, None),
    ]
    above = rows_above(
        [[_PROJECT_GRANTS_TITLE], [_PROJECT_GRANTS_INSTRUCTION]],
        PROJECT_GRANTS.header_row,
        blank=[],
    )
    formats: list[str | None] = [None, None, _FMT_POUNDS, _FMT_AWARD_DATE]
    return xlsx_bytes(
        [
            Sheet(PROJECT_GRANTS_FRONT, cells=front),
            Sheet(
                sheet_name(PROJECT_GRANTS),
                header(PROJECT_GRANTS),
                _project_grants_rows(orgs, seed),
                formats,
                above=above,
                width=_PROJECT_GRANTS_WIDTH,
                auto_filter=True,
            ),
        ]
    )


def _luf_xlsx() -> bytes:
    """Great Britain's districts (no Northern Ireland) by priority category: the most deprived
    third 1, the least deprived 3; sorted by category, then name. One Welsh name misspelt."""
    districts = [
        d
        for d in DISTRICTS
        if d.code[0] in "EWS" and not d.created_2023 and (d.n_lsoa or d.code[0] == "S")
    ]
    ranked = sorted(districts, key=lambda d: (-d.deprivation, d.code))
    rows = []
    for rank, district in enumerate(ranked):
        name = LUF_MISSPELT[1] if district.name == LUF_MISSPELT[0] else district.name
        rows.append([district.country[1], name, 1 + rank * 3 // len(ranked)])
    rows.sort(key=lambda row: (row[2], row[1]))
    return xlsx_bytes([Sheet(sheet_name(LUF), header(LUF), rows, width=_LUF_WIDTH)])
