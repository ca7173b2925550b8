"""The grants family: six grant files in the 360Giving Data Standard, one per grant source, from
invented funders to the demo's organisations (`demo.world.organisations`, at demo postcodes, some
mistyped as publishers type them). Beneficiary locations use the demo codes: LSOA 2011 (changed ones
included), wards, districts.

Each file keeps its real counterpart's form and quirks: a council CSV (Trafford's layout: bare
pounds-and-pence amounts, CRLF), a district council's CSV with its own columns among the standard's
(Oxford's: data-entry slips), an early trust feed (Indigo's: day-first dates, a bare LF in a CRLF
file, placeholder recipient ids), a foundation's workbook (Lloyds': Excel dates, two grants that
break the standard's required rules), a lottery fund's API response (BST midnight as UTC) and the
COVID-19 tracker's package (several funders, swapped geoCode/geoCodeType, date-only award dates, a
grant in USD). One grant (`DUPLICATE_GRANT_ID`) is in two files, as funders' grants are in
aggregators' files.

The CSV and XLSX headers, the sheet and every file name are the catalog's; a row names its cells by
the standard's column titles, each checked against the catalog's header. The JSON forms' field names
are the standard's JSON schema, which the catalog does not hold.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from demo.layouts import csv_file, header, layout, sheet_name
from demo.world import World
from demo.world.areas import BY_CODE, DISTRICTS, FAKELEY, MOCKCHESTER, District, Geography, Lsoa11
from demo.world.draw import random_day
from demo.world.organisations import ACTIVITIES, Org
from demo.world.places import double_space, extra_letter, letter_o, space_in_inward, truncated
from demo.writers import Sheet, json_bytes, row_by_name, xlsx_bytes

TRAFFORD = layout("trafford__grants_360giving")
OXFORD = layout("oxford__grants")
INDIGO = layout("indigo_trust__grants_360giving")
LLOYDS = layout("lloyds_bank_foundation__grants_360giving")
NLCF = layout("nlcf__awards_for_all_2004_sample")
COVID = layout("threesixtygiving__covid19_tracker_2020")
FILES = tuple(found.file_name for found in (TRAFFORD, OXFORD, INDIGO, LLOYDS, NLCF, COVID))

# The standard's flat layout: the council CSV and the foundation's workbook have the same columns.
_STANDARD_HEADER = header(TRAFFORD)


def build(world: World) -> dict[str, bytes]:
    """The six 360Giving grant files, their recipients placed by the demo's postcodes."""
    geography, orgs, seed = world.geography, world.organisations, world.seed
    council = _trafford_grants(orgs[MOCKCHESTER], seed)
    duplicate = next(grant for grant in council if grant.identifier == DUPLICATE_GRANT_ID)
    return {
        TRAFFORD.file_name: _trafford_csv(council, seed),
        OXFORD.file_name: _oxford_csv(orgs[FAKELEY], seed),
        INDIGO.file_name: _indigo_csv(orgs, seed),
        LLOYDS.file_name: _lloyds_xlsx(orgs, seed),
        NLCF.file_name: _nlcf_json(geography, orgs, seed),
        COVID.file_name: _covid_json(geography, orgs, duplicate, seed),
    }


def _amount_text(pence: int) -> str:
    """An amount as the CSV publishers write it: '2500', '3028.63', '120.5'."""
    pounds, rest = divmod(pence, 100)
    return str(pounds) if rest == 0 else f"{pounds}.{rest:02d}".rstrip("0")


def _amount_json(pence: int) -> int | float:
    pounds, rest = divmod(pence, 100)
    return pounds if rest == 0 else pence / 100


def _draw_pence(rng: random.Random, low: int, high: int, step: int, odd_share: float) -> int:
    """Mostly round amounts in `step` pounds; an `odd_share` of them to the penny."""
    if rng.random() < odd_share:
        return rng.randint(low * 100, high * 100)
    return rng.randint(max(1, low // step), high // step) * step * 100


# --- Trafford layout: Mockchester council -------------------------------------------------------

_COUNCIL_FUNDER = ("GB-LAE-ZMC", "Mockchester Metropolitan Borough Council")
_COUNCIL_PREFIX = "360G-mockchestermbc-"
# The council's COVID-19 emergency round was numbered apart from its yearly rounds (as the hub
# grants are); the same grant is in the COVID-19 tracker file, so downstream de-duplication is
# exercised.
DUPLICATE_GRANT_ID = f"{_COUNCIL_PREFIX}2020CG07"
_DUPLICATE_DATE = date(2020, 4, 15)


@dataclass
class _CouncilGrant:
    identifier: str
    org: Org
    pence: int
    award_date: date
    hub: bool = False


def _trafford_grants(orgs: list[Org], seed: int) -> list[_CouncilGrant]:
    rng = random.Random(f"{seed}:grants:trafford")
    yearly: list[_CouncilGrant] = []
    for index in range(31):
        year = 2013 + index * 10 // 31
        day = date(year, rng.choice((1, 3, 6, 9, 11)), rng.choice((14, 18, 25, 28)))
        pence = _draw_pence(rng, 150, 12_000, 50, odd_share=0.2)
        yearly.append(_CouncilGrant("", rng.choice(orgs[1:]), pence, day))
    yearly.sort(key=lambda grant: grant.award_date)
    for serial, grant in enumerate(yearly, start=1001):
        grant.identifier = f"{_COUNCIL_PREFIX}CG{serial}"
    emergency = _CouncilGrant(DUPLICATE_GRANT_ID, orgs[2], 250_000, _DUPLICATE_DATE)
    # Community hubs: the only grants with the recipient's postcode; one hub is funded twice.
    hubs = [
        _CouncilGrant(f"{_COUNCIL_PREFIX}2023CG{31 + index}", org, pence, day, hub=True)
        for index, (org, pence, day) in enumerate(
            (
                (orgs[0], 1_500_000, date(2023, 5, 31)),
                (orgs[3], 1_200_000, date(2023, 5, 31)),
                (orgs[5], 900_000, date(2023, 9, 30)),
                (orgs[0], 1_500_000, date(2024, 6, 28)),
            )
        )
    ]
    return sorted([*yearly, emergency, *hubs], key=lambda grant: grant.award_date)


def _trafford_csv(grants: list[_CouncilGrant], seed: int) -> bytes:
    rng = random.Random(f"{seed}:grants:trafford-rows")
    rows = []
    for grant in grants:
        org = grant.org
        modified = max(grant.award_date + timedelta(days=30), date(2022, 5, 3))
        values: dict[str, Any] = {
            "Identifier": grant.identifier,
            "Title": f"Community Grant to {org.name}",
            "Description": f"To run {rng.choice(ACTIVITIES)}",
            "Currency": "GBP",
            "Amount Awarded": _amount_text(grant.pence),
            "Award Date": grant.award_date.isoformat(),
            "Planned Dates:Duration (months)": "12",
            "Recipient Org:Identifier": org.identifier(
                f"360G-mockchester-{org.slug}", company_first=True
            ),
            "Recipient Org:Name": org.name,
            "Recipient Org:Charity Number": org.charity_number,
            "Recipient Org:Company Number": org.company_number,
            "Recipient Org:Country": "England",
            "Beneficiary Location:Name": "Mockchester",
            "Beneficiary Location:Country Code": "GB",
            "Beneficiary Location:Geographic Code": MOCKCHESTER,
            "Beneficiary Location:Geographic Code Type": "MD",
            "Funding Org:Identifier": _COUNCIL_FUNDER[0],
            "Funding Org:Name": _COUNCIL_FUNDER[1],
            "Funding Org:Department": (
                "Communities and Partnerships"
                if grant.award_date < date(2020, 7, 1)
                else "Communities & Inclusion"
            ),
            "Grant Programme:Code": "CG",
            "Grant Programme:Title": "Community Grants",
            "From an open call?": "Yes",
            "Last modified": (
                f"{modified.isoformat()}T{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}:"
                f"{rng.randint(0, 59):02d}Z"
            ),
            "Data Source": "https://mockchester.example.org/",
        }
        if grant.identifier == DUPLICATE_GRANT_ID:
            values["Description"] = "Emergency support for residents during the COVID-19 outbreak"
        if grant.hub:
            values |= {
                "Title": f"Mockchester Community Hubs: Earmarked Funding for {org.name}",
                "Description": (
                    "Community Hubs: funding agreed for two years to every hub, for food, warmth, "
                    "advice and activities for residents"
                ),
                "Recipient Org:Postal Code": org.postcode,
                "Recipient Org:Web Address": f"https://www.{org.slug}.example.org/",
                "Grant Programme:Code": "NHG",
                "Grant Programme:Title": "Neighbourhood Hub Grants",
                "From an open call?": "No",
            }
        rows.append(row_by_name(_STANDARD_HEADER, values))
    # As readr::write_csv writes it: quotes only where needed, CRLF, no BOM.
    return csv_file(TRAFFORD, rows, line_end="\r\n")


# --- Oxford layout: Fakeley district council ----------------------------------------------------

_OXFORD_YEARS = (
    ("2014/15", date(2014, 2, 13)),
    ("2015/16", date(2015, 2, 11)),
    ("2016/17", date(2016, 2, 10)),
    ("2017/18", date(2017, 2, 8)),
)


def _how_paid(pence: int, style: int) -> str:
    pounds = pence // 100
    if style == 0 or pounds % 4:
        return "single payment"
    if style == 1:
        return f"4 quarterly payments of £{pounds // 4:,}"
    if style == 2:
        return f"2 , 6 monthly payments of £{pounds // 2:,}"
    first = pounds * 3 // 4
    return f"2 single payments (£{first:,} & £{pounds - first:,})"


def _oxford_csv(orgs: list[Org], seed: int) -> bytes:
    rng = random.Random(f"{seed}:grants:oxford")
    recipients = orgs[:10]
    rows = []
    reference = 1
    for year, award_date in _OXFORD_YEARS:
        for org in rng.sample(recipients, 6):
            reference += 1
            pence = rng.randint(4, 40) * 25_000
            if org.charity_number:
                kind = "Incorporated company and registered charity"
                if not org.company_number:
                    kind = "Registered charity"
            elif org.company_number:
                kind = rng.choice(
                    ("Community Interest Company", "Not for profit company limited by guarantee")
                )
            else:
                kind = "Unregistered community group"
            words = re.findall(r"[A-Za-z0-9]+", org.name.replace("'", ""))
            rows.append(
                [
                    reference,
                    f"360G-FakeleyDC-{year.replace('/', '-')}-{reference:04d}",
                    org.name,
                    org.identifier(f"360G-FakeleyDC-{'-'.join(words)}"),
                    org.charity_number,
                    org.company_number,
                    kind,
                    _amount_text(pence),
                    "GBP",
                    award_date.isoformat(),
                    year,
                    _how_paid(pence, rng.randrange(4)),
                    f"Funding was awarded to support {rng.choice(ACTIVITIES)}.",
                    f"Grant to {org.name}",
                    "GB-LAE-ZFK",
                    "Fakeley District Council",
                    "Fakeley",
                    FAKELEY,
                    "LAD",
                    "2017-12-01T00:00:00Z",
                    (
                        "https://www.fakeley.example.org/info/grants"
                        if year == "2017/18"
                        else "https://data.fakeley.example.org/Community/Grants-Awarded/data"
                    ),
                ]
            )
    # Data-entry slips in the council's own column, and a lower-case variant of a description.
    rows[-3][10] = "2017/19"
    rows[-1][10] = "`2017/18"
    groups = [row for row in rows if row[6] == "Unregistered community group"]
    groups[-1][6] = "unregistered community group"
    return csv_file(OXFORD, rows, line_end="\r\n")


# --- Indigo layout: an early (2015) feed from a family trust -----------------------------------

_TRUST_FUNDER = ("360G-samplefamilytrust", "Sample Family Trust")
_ABROAD = (
    ("KENYA", "KE", "Nairobi"),
    ("Kenya", "KE", "Kisumu"),
    ("UGANDA", "UG", "Kampala"),
    ("Uganda", "UG", "Gulu"),
    ("SOUTH AFRICA", "ZA", "Cape Town"),
    ("Nigeria", "NG", "Lagos"),
    ("GHANA", "GH", "Accra"),
    ("USA", "US", "New York"),
    ("THE NETHERLANDS", "NL", "Amsterdam"),
)
_ABROAD_KINDS = (
    "Open Data Lab",
    "Civic Tech Hub",
    "Budget Transparency Network",
    "Community Health Information Project",
    "Youth Radio Collective",
    "Citizen Reporting Project",
    "Digital Rights Forum",
)
_DMY_HM = "%d/%m/%Y %H:%M"


def _indigo_csv(orgs: dict[str, list[Org]], seed: int) -> bytes:
    rng = random.Random(f"{seed}:grants:indigo")
    uk_orgs = [
        orgs[code][index]
        for code in ("E09009901", "E06009902", "E08009901")
        for index in (0, 4, 6, 7)
    ]
    uk = [(org, None) for org in uk_orgs] + [(org, None) for org in rng.sample(uk_orgs, 4)]
    abroad = []
    for index in range(14):
        country, code, city = _ABROAD[index % len(_ABROAD)]
        name = f"{city} {_ABROAD_KINDS[index % len(_ABROAD_KINDS)]}"
        abroad.append((None, (name, country, code, city)))
    recipients = uk + abroad
    rng.shuffle(recipients)
    days = sorted(random_day(rng, date(2001, 3, 1), date(2015, 3, 31)) for _ in recipients)
    internal_ids = rng.sample(range(3000, 30000), len(recipients))
    internal_of: dict[str, int] = {}
    rows = []
    # Placeholders for recipients the trust had not identified: some UK charities, some abroad.
    dummies = {1, 6, 9, 14, 20, 25, 27, 29}
    for serial, ((org, foreign), day) in enumerate(zip(recipients, days, strict=True), start=1):
        pence = _draw_pence(rng, 2_000, 150_000, 500, odd_share=0.15)
        activity = rng.choice(ACTIVITIES)
        values: dict[str, Any] = {
            "Identifier": f"{_TRUST_FUNDER[0]}:SFT{serial}",
            "Title": activity[0].upper() + activity[1:].split(",")[0],
            "Funding Org:Identifier": _TRUST_FUNDER[0],
            "Funding Org:Name": _TRUST_FUNDER[1],
            "Currency": "GBP",
            "Amount Awarded": _amount_text(pence),
            "Award Date": datetime.combine(day, datetime.min.time()).strftime(_DMY_HM),
            "Planned Dates:Duration (months)": rng.choice(
                ("12 months", "12 months", "24 months", "36 months", "Undefined")
            ),
            "Description": f"Towards {activity}.",
        }
        modified = datetime.combine(
            day + timedelta(days=rng.randint(20, 900)), datetime.min.time()
        ) + timedelta(minutes=rng.randint(8 * 60, 18 * 60))
        values["Last modified"] = min(modified, datetime(2015, 4, 30, 11, 5)).strftime(_DMY_HM)
        if org is not None:
            internal = internal_of.setdefault(org.name, internal_ids[serial - 1])
            country = "UNITED KINGDOM" if serial in (3, 17) else "UK"
            values |= {
                "Recipient Org:Charity Number": org.charity_number,
                "Recipient Org:Name": org.name,
                "Recipient Org:Street Address": org.street,
                "Recipient Org:City": org.district.short_name,
                "Recipient Org:Postal Code": org.postcode,
                "Recipient Org:Country": country,
                "Beneficiary Location:Name": "UK",
                "Beneficiary Location:Country Code": "GB" if serial != 2 else "",
                "Recipient Org:Identifier": org.identifier(f"{_TRUST_FUNDER[0]}:org-{internal}"),
            }
        else:
            assert foreign is not None
            name, country, code, city = foreign
            internal = internal_of.setdefault(name, internal_ids[serial - 1])
            values |= {
                "Recipient Org:Name": name,
                "Recipient Org:Street Address": f"P.O. Box {rng.randint(100, 9999)}",
                "Recipient Org:City": city,
                "Recipient Org:Postal Code": "NY 10099" if code == "US" else "",
                "Recipient Org:Country": country,
                "Beneficiary Location:Name": country,
                "Beneficiary Location:Country Code": code,
                "Recipient Org:Identifier": f"{_TRUST_FUNDER[0]}:org-{internal}",
            }
        values["Internal Organisation ID"] = str(internal)
        if serial in dummies:
            values["Recipient Org:Identifier"] = "DUMMY01"
        rows.append(values)

    # The trust's records: a line break typed inside two descriptions (bare LF in a CRLF file),
    # acronyms in the alternate name, a mistyped (O for 0) and a cut-short UK postcode.
    for values in rows[4], rows[18]:
        pence = round(float(values["Amount Awarded"]) * 100)
        first = pence * 2 // 3 // 100
        values["Description"] = (
            f"Towards the costs of the outreach programme (£{first:,}) and the \n"
            f"volunteer training (£{pence // 100 - first:,})."
        )
    uk_rows = [values for values in rows if values.get("Recipient Org:Country") in ("UK",)]
    for values in uk_rows[:3]:
        words = values["Recipient Org:Name"].split()
        values["Recipient Org:Alternate Name"] = (
            f"{values['Recipient Org:Name']} - {''.join(w[0] for w in words).upper()}"
        )
    sector_0 = next(v for v in uk_rows if v["Recipient Org:Postal Code"].split()[1][0] == "0")
    sector_0["Recipient Org:Postal Code"] = letter_o(sector_0["Recipient Org:Postal Code"])
    last = next(v for v in reversed(uk_rows) if v is not sector_0)
    last["Recipient Org:Postal Code"] = truncated(last["Recipient Org:Postal Code"])
    return csv_file(
        INDIGO,
        [row_by_name(header(INDIGO), values) for values in rows],
        line_end="\r\n",
    )


# --- Lloyds layout: a bank's foundation, as an Excel workbook -----------------------------------

_BANK_FUNDER = ("GB-CHC-1990000", "Example Bank Foundation for England and Wales")
_BANK_PROGRAMMES = (
    "Enable North",
    "Invest North",
    "Invest South",
    "ZQ3 - Community",
    "ZLarge Grants",
)
_BANK_YEARS = ((2010, 8), (2011, 7), (2012, 7), (2013, 7), (2014, 6), (2015, 5))
_DMY = "DD/MM/YYYY"
# The two grants that break the standard's required rules, by design: the reader keeps and marks
# them (one without a recipient identifier, one without a description).
LLOYDS_NO_RECIPIENT_ID = "360G-EBFEW-70001"
LLOYDS_NO_DESCRIPTION = "360G-EBFEW-70002"


def _lloyds_xlsx(orgs: dict[str, list[Org]], seed: int) -> bytes:
    rng = random.Random(f"{seed}:grants:lloyds")
    # The foundation funds registered charities and charitable companies only.
    pool = [
        org
        for members in orgs.values()
        for org in members[:10]
        if org.charity_number or org.company_number
    ]
    total = sum(count for _, count in _BANK_YEARS)
    recipients = [rng.choice(pool) for _ in range(total)]
    # One recipient in a postcode sector 0, so that its postcode can be mistyped with letter O.
    recipients[36] = next(org for org in pool if org.postcode.split(" ")[1][0] == "0")
    numbers = rng.sample(range(80_000, 120_000), total)
    grants: list[dict[str, Any]] = []
    for year, count in _BANK_YEARS:
        for _ in range(count):
            org = recipients[len(grants)]
            award = random_day(rng, date(year, 1, 5), date(year, 12, 15))
            start = date(award.year + award.month // 12, award.month % 12 + 1, 1)
            months = rng.choice((12, 24, 36, 36))
            end = date(start.year + months // 12, start.month, 1) - timedelta(days=1)
            pence = rng.randint(20, 160) * 50_000
            street = org.street
            if rng.random() < 0.3:
                street = f"The {rng.choice(('Old School', 'Mill', 'Chapel', 'Hub'))}\n{street}"
            grants.append(
                {
                    "Identifier": f"360G-EBFEW-{numbers[len(grants)]}",
                    "Title": f"Grant to {org.name}",
                    "Description": f"The grant will fund {rng.choice(ACTIVITIES)}.",
                    "Currency": "GBP",
                    "Amount Awarded": pence // 100,
                    "Award Date": datetime.combine(award, datetime.min.time()),
                    "Planned Dates:Start Date": datetime.combine(start, datetime.min.time()),
                    "Planned Dates:End Date": datetime.combine(end, datetime.min.time()),
                    "Planned Dates:Duration (months)": months,
                    "Recipient Org:Identifier": org.identifier(""),
                    "Recipient Org:Name": org.name,
                    "Recipient Org:Charity Number": org.charity_number or None,
                    "Recipient Org:Street Address": street,
                    "Recipient Org:City": org.district.short_name if rng.random() < 0.9 else None,
                    "Recipient Org:Postal Code": org.postcode,
                    "Recipient Org:Web Address": (
                        f"http://www.{org.slug.replace('_', '')}.example.org"
                        if rng.random() < 0.8
                        else None
                    ),
                    "Funding Org:Identifier": _BANK_FUNDER[0],
                    "Funding Org:Name": _BANK_FUNDER[1],
                    "Grant Programme:Title": rng.choice(_BANK_PROGRAMMES),
                    "From an open call?": "Y",
                }
            )
    # An exempt charity with no charity number, and so no identifier in the workbook.
    university = grants[17]
    university |= {
        "Identifier": LLOYDS_NO_RECIPIENT_ID,
        "Title": "Grant to University of Synthetown",
        "Recipient Org:Identifier": None,
        "Recipient Org:Name": "University of Synthetown",
        "Recipient Org:Charity Number": None,
        "Recipient Org:Street Address": "University House\nCollege Road",
    }
    grants[25] |= {"Identifier": LLOYDS_NO_DESCRIPTION, "Description": None}
    # Floats among the whole-pound amounts; one charity number stored as a number, not text.
    grants[8]["Amount Awarded"] += 0.5
    grants[30]["Amount Awarded"] += 0.75
    numbered = next(g for g in grants[3:] if g["Recipient Org:Charity Number"])
    numbered["Recipient Org:Charity Number"] = int(numbered["Recipient Org:Charity Number"])
    # Hand-typed postcodes: every row has one, a few mistyped.
    postcode = "Recipient Org:Postal Code"
    grants[2][postcode] = double_space(grants[2][postcode])
    grants[11][postcode] = double_space(grants[11][postcode])
    grants[20][postcode] = space_in_inward(grants[20][postcode])
    grants[28][postcode] = extra_letter(grants[28][postcode])
    grants[33][postcode] = grants[33][postcode].lower()
    grants[36][postcode] = letter_o(grants[36][postcode])
    # Rows are not in date order in the published workbook.
    rng.shuffle(grants)
    columns = header(LLOYDS)
    formats: list[str | None] = [None] * len(columns)
    for title, number_format in (
        ("Amount Awarded", "0.00"),
        ("Award Date", _DMY),
        ("Planned Dates:Start Date", _DMY),
        ("Planned Dates:End Date", _DMY),
        ("Planned Dates:Duration (months)", "0"),
    ):
        formats[columns.index(title)] = number_format
    return xlsx_bytes(
        [
            Sheet(
                sheet_name(LLOYDS),
                columns,
                [row_by_name(columns, grant, blank=None) for grant in grants],
                formats,
            )
        ]
    )


# --- NLCF layout: a lottery fund's grants API response ------------------------------------------

_LOTTERY_FUNDER = {"id": "360G-demolottery", "name": "The Demo Lottery Fund"}
_LOTTERY_PER_PAGE = 25
# Local midnight of 1 April 2004 (BST) as the Fund's API serialises it, in UTC.
NLCF_AWARD_DATE = "2004-03-31T23:00:00.000Z"


def _nlcf_json(geography: Geography, orgs: dict[str, list[Org]], seed: int) -> bytes:
    rng = random.Random(f"{seed}:grants:nlcf")
    english = [d for d in DISTRICTS if d.n_lsoa and d.code[0] == "E"]
    wards = {d.code: [w for w in geography.wards19 if w.district is d] for d in english}
    results = []
    for index in range(_LOTTERY_PER_PAGE):
        district = english[index % len(english)]
        org = orgs[district.code][8 + index // len(english)]
        ward = rng.choice(wards[district.code])
        ward_code, ward_name = ward.code, ward.name
        if index % 8 == 5:
            # The Fund gives wards by a later recoding than the demo's 2019 wards: a code that no
            # demo ward lookup holds, as a third of the real sample's wards are in no Dec 2019 one.
            ward_code = f"E0598{index:04d}"
        org_type = "School" if index % 9 == 4 else "Other" if index % 7 == 6 else "Charity"
        camel = "".join(word[:1].upper() + word[1:] for word in re.findall(r"\w+", org.name))
        form = "Company" if org.company_number else "UnincorporatedAssociation"
        recipient: dict[str, Any] = {
            "id": org.identifier(f"360G-demolottery-org-{camel}:{form}{170000 + index * 37}"),
            "name": org.name,
        }
        if org.charity_number:
            recipient["charityNumber"] = org.charity_number
            if org.company_number:
                recipient["companyNumber"] = org.company_number
        recipient["organisationType"] = org_type
        activity = rng.choice(ACTIVITIES)
        code = "SA2" if index % 4 else "SA3"
        results.append(
            {
                "id": f"360G-demolottery-SA_{code[-1]}_0101{index:03d}{rng.randint(100, 999)}",
                "title": activity[0].upper() + activity[1:].split(",")[0],
                "description": (
                    f"The group will use the grant for {activity}.  Members and volunteers will "
                    "run it with help from local partners."
                ),
                "currency": "GBP",
                "amountAwarded": rng.randint(6, 100) * 50,
                "awardDate": NLCF_AWARD_DATE,
                "plannedDates": [
                    {
                        "startDate": (
                            "2004-04-27T23:00:00.000Z"
                            if code == "SA2"
                            else "2004-04-15T23:00:00.000Z"
                        )
                    }
                ],
                "recipientOrganization": [recipient],
                "beneficiaryLocation": [
                    {"name": ward_name, "geoCode": ward_code, "geoCodeType": "WD"},
                    {"name": district.name, "geoCode": district.code, "geoCodeType": "CMLAD"},
                ],
                "fundingOrganization": [dict(_LOTTERY_FUNDER)],
                "grantProgramme": [{"code": code, "title": "Small Awards"}],
                "dateModified": f"2016-05-11T{rng.randint(11, 12)}:{rng.randint(0, 59):02d}:00Z",
            }
        )
    total = 18_734
    facets = [
        {
            "grantProgramme": [
                {"_id": "Small Awards", "count": 15_902},
                {"_id": "Village Halls", "count": 1_210},
                {"_id": "Community Buildings", "count": 1_622},
            ],
            "orgType": [
                {"_id": "Charity", "count": 12_011},
                {"_id": "School", "count": 2_950},
                {"_id": "Other", "count": 3_640},
                {"_id": None, "count": 133},
            ],
        }
    ]
    data = {
        "results": results,
        "facets": facets,
        "meta": {
            "totalResults": total,
            "pagination": {
                "currentPage": 1,
                "perPageCount": _LOTTERY_PER_PAGE,
                "skipCount": 0,
                "totalPages": -(-total // _LOTTERY_PER_PAGE),
            },
        },
    }
    return json_bytes(data, indent=2, final_newline=True)


# --- COVID-19 tracker layout: grants from several funders, as a 360Giving package ---------------

_COVID_FIRST, _COVID_LAST = date(2020, 3, 17), date(2020, 5, 5)
COVID_LAST_UPDATED = "2020-05-07T09:30:00.123456"
_PRIMARY_BENEFICIARY = (
    "Older people",
    "Children and young people",
    "People experiencing financial hardship",
    "Disabled people",
)


def _covid_json(
    geography: Geography, orgs: dict[str, list[Org]], duplicate: _CouncilGrant, seed: int
) -> bytes:
    rng = random.Random(f"{seed}:grants:covid")
    changed = {old.code for old, _, chgind in geography.pairs if chgind != "U"}
    x_group = sorted({old.code for old, _, chgind in geography.pairs if chgind == "X"})

    def lsoas11(district_codes: Sequence[str], *, was_changed: bool) -> list[Lsoa11]:
        return [
            lsoa
            for lsoa in geography.lsoa11
            if lsoa.district.code in district_codes and (lsoa.code in changed) == was_changed
        ]

    def day() -> date:
        return random_day(rng, _COVID_FIRST, _COVID_LAST)

    def stamp(when: date, zone: str) -> str:
        return f"{when.isoformat()}T{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}:00{zone}"

    def description() -> str:
        return f"Emergency funding for {rng.choice(ACTIVITIES)} during the COVID-19 outbreak."

    def funder(identifier: str, name: str) -> list[dict[str, str]]:
        return [{"id": identifier, "name": name}]

    grants: list[dict[str, Any]] = []

    # A trust giving date-only award dates (invalid under 1.4.3) and UK-wide locations; the only
    # funder whose grants carry the datastore's 'ID'. Its first grant opens the file.
    for n in range(4):
        org = orgs["E09009901"][9 + n]
        awarded = _COVID_FIRST if n == 0 else day()
        grant: dict[str, Any] = {
            "ID": str(40_100 + 7 * n),
            "id": f"360G-democharitable:DCT{3100 + n}",
            "title": "Emergency support for communities affected by COVID-19",
            "currency": "GBP",
            "awardDate": awarded.isoformat(),
            "description": description(),
            "dateModified": stamp(awarded + timedelta(days=9), "Z"),
        }
        if n == 3:
            grant["plannedDates"] = [{"duration": 6}]
        grant["amountAwarded"] = _amount_json(_draw_pence(rng, 5_000, 50_000, 500, 0.0))
        if n != 3:
            grant["beneficiaryLocation"] = [{"name": "UK", "countryCode": "GB"}]
        recipient: dict[str, Any] = {
            "id": org.identifier(f"360G-democharitable-org-{org.slug}"),
            "name": org.name,
            "postalCode": org.postcode,
            "addressRegion": "London",
        }
        if org.charity_number:
            recipient["charityNumber"] = org.charity_number
        recipient["addressCountry"] = ("UK", "United Kingdom", "England ", "UK")[n]
        grant["fundingOrganization"] = funder("GB-CHC-1990901", "Demo Charitable Trust")
        grant["recipientOrganization"] = [recipient]
        grants.append(grant)

    # A community foundation giving LSOA 2011 codes with names, some of LSOAs that changed in 2021.
    north = ("E06009901", "E06009902", "E08009901", "E09009901")
    located = rng.sample(lsoas11(north, was_changed=True), 4)
    located += rng.sample(lsoas11(north, was_changed=False), 8)
    rng.shuffle(located)
    for n, lsoa in enumerate(located):
        org = orgs[lsoa.district.code][10 + n % 6]
        awarded = day()
        pence = _draw_pence(rng, 300, 5_000, 50, 0.2)
        recipient = {"id": org.identifier(f"360G-northdemocf-org-{org.slug}"), "name": org.name}
        if org.charity_number:
            recipient = {
                "id": recipient["id"],
                "url": f"https://www.{org.slug.replace('_', '')}.example.org",
                "name": org.name,
                "postalCode": org.postcode,
                "charityNumber": org.charity_number,
            }
        grants.append(
            {
                "id": f"360G-northdemocf-2020{400 + n:04d}",
                "title": f"Crisis Fund grant to {org.name}",
                "currency": "GBP",
                "awardDate": f"{awarded.isoformat()}T00:00:00+00:00",
                "description": description(),
                "dateModified": stamp(awarded + timedelta(days=2), "+00:00"),
                # A float even when whole, as this foundation's export writes amounts.
                "amountAwarded": pence / 100,
                "grantProgramme": [
                    {"code": "2020/21", "title": "North Demo Crisis Fund - COVID19"}
                ],
                "amountAppliedFor": pence // 100 + rng.choice((0, 0, 250, 500)),
                "Primary beneficiary": rng.choice(_PRIMARY_BENEFICIARY),
                "beneficiaryLocation": [
                    {
                        "name": lsoa.name,
                        "geoCode": lsoa.code,
                        "countryCode": "GB",
                        "geoCodeType": "LSOA",
                    }
                ],
                "fundingOrganization": funder("GB-CHC-1990902", "North Demo Community Foundation"),
                "recipientOrganization": [recipient],
            }
        )

    # A second foundation: bare LSOA codes (the complex 2011 -> 2021 change among them) and
    # districts; no modified dates.
    shire = ("E07009902", "E07009903", "E07009901")
    shire_lsoas = [lsoa for lsoa in geography.lsoa11 if lsoa.code in x_group]
    shire_lsoas += rng.sample(
        [lsoa for lsoa in lsoas11(shire, was_changed=True) if lsoa.code not in x_group], 2
    )
    shire_lsoas += rng.sample(lsoas11(shire, was_changed=False), 3)
    areas: list[Lsoa11 | District] = [*shire_lsoas, *(BY_CODE[code] for code in shire)]
    rng.shuffle(areas)
    for n, area in enumerate(areas):
        district = area if isinstance(area, District) else area.district
        if isinstance(area, District):
            location = {
                "name": area.name,
                "geoCode": area.code,
                "countryCode": "GB",
                "geoCodeType": "NMD",
            }
        else:
            location = {"geoCode": area.code, "geoCodeType": "LSOA"}
        org = orgs[district.code][9 + n % 7]
        recipient = {
            "id": org.identifier(f"360G-exampleshirecf-org-{org.slug}"),
            "name": org.name,
            "postalCode": org.postcode,
        }
        if org.charity_number:
            recipient["charityNumber"] = org.charity_number
        recipient["addressLocality"] = district.short_name
        pence = _draw_pence(rng, 250, 3_000, 50, 0.0)
        grants.append(
            {
                "id": f"360G-exampleshirecf-COV{n + 1:03d}",
                "title": f"Coronavirus Community Fund: {org.name}",
                "currency": "GBP",
                "awardDate": f"{day().isoformat()}T00:00:00+00:00",
                "description": description(),
                "amountAwarded": _amount_json(pence),
                "grantProgramme": [
                    {"code": "Phase 1", "title": "Coronavirus Community Fund Phase 1"}
                ],
                "amountAppliedFor": _amount_json(pence + rng.choice((0, 0, 50_000))),
                "Primary age group": rng.choice(("All ages", "Older people (65+)", "Children")),
                "Primary beneficiary": rng.choice(_PRIMARY_BENEFICIARY),
                "beneficiaryLocation": [location],
                "fundingOrganization": funder(
                    "GB-CHC-1990903", "Exampleshire Community Foundation"
                ),
                "recipientOrganization": [recipient],
            }
        )

    # A national foundation: '.000Z' dates, locations by name only or country only, one grant with
    # no location at all.
    by_name: tuple[dict[str, str] | None, ...] = (
        {"name": "England-wide"},
        {"name": "UK Whole"},
        {"name": "Testwick"},
        {"countryCode": "GB"},
        {"name": "UK", "countryCode": "GB"},
        None,
    )
    national = [
        org for code in ("E06009901", "E08009901", "W06009901") for org in orgs[code][12:16]
    ]
    for n in range(12):
        org = national[n]
        awarded = day()
        recipient = {
            "id": org.identifier(f"360G-examplefoundation-org-{org.slug}"),
            "url": f"https://www.{org.slug.replace('_', '')}.example.org",
            "name": org.name,
            "description": f"{org.name} works with people in {org.district.short_name}.",
        }
        if org.charity_number:
            recipient["charityNumber"] = org.charity_number
        if org.company_number:
            recipient["companyNumber"] = org.company_number
        grant = {
            "id": f"360G-examplefoundation-{25_000 + 13 * n}",
            "title": f"Core costs for {org.name}",
            "currency": "GBP",
            "awardDate": f"{awarded.isoformat()}T00:00:00.000Z",
            "description": description(),
            "dateModified": f"{(awarded + timedelta(days=1)).isoformat()}T00:00:00.000Z",
            "plannedDates": [{"duration": rng.choice((12, 24, 36))}],
            "amountAwarded": _draw_pence(rng, 10_000, 150_000, 1_000, 0.0) // 100,
            "grantProgramme": [{"title": "Main Grant"}],
            "classifications": [{"title": "Funding priority / Communities"}, {"title": "COVID-19"}],
        }
        location = by_name[n % len(by_name)]
        if location is not None:
            grant["beneficiaryLocation"] = [dict(location)]
        grant["fundingOrganization"] = funder("GB-CHC-1990904", "Example Foundation")
        grant["recipientOrganization"] = [recipient]
        grants.append(grant)

    # The council's emergency grant, also in its own file (Trafford layout), its location's code
    # and type swapped as this export swaps them.
    grants.append(
        {
            "id": duplicate.identifier,
            "title": f"Community Grant to {duplicate.org.name}",
            "currency": "GBP",
            "awardDate": f"{duplicate.award_date.isoformat()}T00:00:00+00:00",
            "description": "Emergency support for residents during the COVID-19 outbreak",
            "dateModified": stamp(duplicate.award_date + timedelta(days=5), "+00:00"),
            "amountAwarded": _amount_json(duplicate.pence),
            "grantProgramme": [{"code": "CG", "title": "Community Grants"}],
            "beneficiaryLocation": [
                {
                    "name": "Mockchester",
                    "geoCode": "MD",
                    "countryCode": "GB",
                    "geoCodeType": MOCKCHESTER,
                }
            ],
            "fundingOrganization": [
                {
                    "id": _COUNCIL_FUNDER[0],
                    "name": _COUNCIL_FUNDER[1],
                    "department": "Communities and Partnerships",
                }
            ],
            "recipientOrganization": [
                {
                    "id": duplicate.org.identifier(
                        f"360G-mockchester-{duplicate.org.slug}", company_first=True
                    ),
                    "name": duplicate.org.name,
                }
            ],
        }
    )

    # A relief fund with district, ward and data-zone codes (two pairs swapped) and one grant in
    # US dollars to an American charity.
    ward = next(w for w in geography.wards19 if w.district.code == MOCKCHESTER)
    relief_locations: list[tuple[str, dict[str, str]]] = [
        ("E06009901", {"name": "Synthetown", "geoCode": "E06009901", "geoCodeType": "UA"}),
        ("E06009902", {"name": "Demoford, City of", "geoCode": "UA", "geoCodeType": "E06009902"}),
        (
            "W06009901",
            {"name": "Glanmor", "geoCode": "Unitary Authorities", "geoCodeType": "W06009901"},
        ),
        ("E09009901", {"name": "Testwick", "geoCode": "E09009901", "geoCodeType": "LONB"}),
        (MOCKCHESTER, {"name": ward.name, "geoCode": ward.code, "geoCodeType": "WD"}),
        (
            "S12009901",
            {"name": "Mockburgh North - 02", "geoCode": "S01900002", "geoCodeType": "DZ"},
        ),
        ("E07009901", {"name": "Fakeley", "geoCode": "E07009901", "geoCodeType": "NMD"}),
        ("W06009902", {"name": "Vale of Testing", "geoCode": "W06009902", "geoCodeType": "UA"}),
    ]
    for n, (code, location) in enumerate(relief_locations):
        location = {
            "name": location["name"],
            "geoCode": location["geoCode"],
            "countryCode": "GB",
            "geoCodeType": location["geoCodeType"],
        }
        if code in orgs:
            org = orgs[code][14 + n % 2]
            recipient = {
                "id": org.identifier(f"360G-demorelief-org-{org.slug}"),
                "url": f"https://www.{org.slug.replace('_', '')}.example.org",
                "name": org.name,
                "postalCode": org.postcode,
            }
            if org.charity_number:
                recipient["charityNumber"] = org.charity_number
        else:  # no demo postcodes outside England and Wales
            recipient = {
                "id": "GB-SC-SC099901",
                "url": "https://www.mockburghcc.example.org",
                "name": "Mockburgh North Community Council",
                "charityNumber": "SC099901",
            }
        pence = _draw_pence(rng, 1_000, 25_000, 100, 0.25)
        grants.append(
            {
                "id": f"360G-demorelief-R{700 + n}",
                "title": "COVID-19 Relief Grant",
                "currency": "GBP",
                "awardDate": f"{day().isoformat()}T00:00:00+00:00",
                "dataSource": "https://www.demorelief.example.org/grants.json",
                "description": description(),
                "amountAwarded": _amount_json(pence),
                "grantProgramme": [{"title": "COVID-19 Relief"}],
                "beneficiaryLocation": [location],
                "fundingOrganization": funder("GB-CHC-1990906", "Demo Relief Fund"),
                "recipientOrganization": [recipient],
            }
        )
    awarded = day()
    grants.append(
        {
            "id": "360G-demorelief-R799",
            "title": "Youth peacebuilding during the COVID-19 pandemic",
            "currency": "USD",
            "awardDate": f"{awarded.isoformat()}T00:00:00+00:00",
            "dataSource": "https://www.demorelief.example.org/grants.json",
            "description": "Grants to young people leading local responses to COVID-19.",
            "dateModified": stamp(awarded, "+00:00"),
            "plannedDates": [{"duration": 12}],
            "amountAwarded": 27_500,
            "amountAppliedFor": 30_000,
            "amountDisbursed": 27_500,
            "fromOpenCall": "No",
            "url": "https://www.demorelief.example.org/grants/R799",
            "grantProgramme": [{"title": "COVID-19 Relief"}],
            "fundingOrganization": funder("GB-CHC-1990906", "Demo Relief Fund"),
            "recipientOrganization": [
                {
                    "id": "US-EIN-99-9900001",
                    "url": "https://www.demopeacebuilders.example.org",
                    "name": "Demo Peacebuilders Inc.",
                    "postalCode": "02999",
                    "description": "A non-profit organisation supporting young peacebuilders.",
                    "charityNumber": "EIN 99-9900001",
                    "streetAddress": "1 Example Street, Suite 100",
                    "addressLocality": "Boston",
                }
            ],
        }
    )
    # As the tracker writes it: 4-space indent, ASCII escapes, no final newline.
    return json_bytes(
        {"grants": grants, "last_updated": COVID_LAST_UPDATED}, indent=4, final_newline=False
    )
