"""The demo's organisations: grant recipients (community groups, charities and companies in every
demo district, each at a demo postcode), and the street names, activities and surnames their records
are written with. Charity numbers (1990000 up) and company numbers (19900000 up) are beyond any yet
issued.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from demo.world.areas import DISTRICTS, District, Geography, Lsoa21

# Every grant-maker here is invented: council, trust and foundation names, funder and recipient
# identifiers, charity numbers (1990000 up, beyond any the Charity Commission has issued) and
# company numbers (19900000 up, likewise for Companies House).
_CHARITY_BASE = 1_990_000
_COMPANY_BASE = 19_900_000
_ORGS_PER_DISTRICT = 16

# (kind, registered charity, company): the mix gives every recipient identifier scheme.
_ORG_KINDS: tuple[tuple[str, bool, bool], ...] = (
    ("Community Association", True, False),
    ("Youth Project", False, False),
    ("Food Bank", True, False),
    ("Carers Centre", True, True),
    ("Arts Collective", False, True),
    ("Women's Group", False, False),
    ("Men's Shed", False, False),
    ("Credit Union", False, True),
    ("Allotment Society", False, False),
    ("Boxing Club", False, False),
    ("Befriending Service", True, False),
    ("Advice Centre", True, True),
    ("Family Centre", True, False),
    ("Housing Trust", True, True),
    ("Mental Health Forum", True, False),
    ("Refugee Welcome", True, False),
    ("Scout Group", True, False),
    ("Community Choir", False, False),
    ("Heritage Society", True, False),
    ("Toy Library", False, False),
    ("Community Kitchen", False, True),
    ("Dementia Café", False, False),
)
STREETS = (
    "High Street",
    "Station Road",
    "Church Lane",
    "Mill Road",
    "Park Avenue",
    "Victoria Road",
    "Queen Street",
    "The Parade",
    "Chapel Walk",
    "Market Place",
)
ACTIVITIES = (
    "weekly youth sessions, including sport, cooking and trips",
    "a befriending service for older people living alone",
    "the running costs of the food bank, including rent and volunteer expenses",
    "holiday activities and meals for children",
    "a community garden and growing sessions",
    "advice on debt, benefits and housing",
    "a carers' support group and respite breaks",
    "English conversation classes for new arrivals",
    "equipment for the community kitchen",
    "a summer festival in the park",
    "peer support groups for people with mental health problems",
    "a digital skills drop-in for older residents",
    "repairs to the community centre roof",
    "a walking football league",
    "a local history exhibition and oral history recordings",
)


@dataclass(frozen=True)
class Org:
    name: str
    lsoa: Lsoa21
    postcode: str
    charity_number: str  # '' unless a registered charity
    company_number: str  # '' unless a company
    street: str

    @property
    def district(self) -> District:
        return self.lsoa.district22

    @property
    def slug(self) -> str:
        return re.sub(r"[^a-z0-9]+", "_", self.name.lower().replace("'", "")).strip("_")

    def identifier(self, minted: str, *, company_first: bool = False) -> str:
        """The org-id a publisher gives: charity number, company number, else its own minted id."""
        if self.company_number and (company_first or not self.charity_number):
            return f"GB-COH-{self.company_number}"
        if self.charity_number:
            return f"GB-CHC-{self.charity_number}"
        return minted


def grant_organisations(
    geography: Geography, postcodes: dict[str, str], seed: int
) -> dict[str, list[Org]]:
    """Recipient organisations, `_ORGS_PER_DISTRICT` per district (LAD22 code -> orgs)."""
    rng = random.Random(f"{seed}:grant-orgs")
    by_lsoa: dict[str, list[str]] = {}
    for postcode, code in postcodes.items():
        by_lsoa.setdefault(code, []).append(postcode)
    orgs: dict[str, list[Org]] = {}
    names: set[str] = set()
    serial = 0
    for district in (d for d in DISTRICTS if d.n_lsoa):
        lsoas = sorted(
            (lsoa for lsoa in geography.lsoa21 if lsoa.district22.code == district.code),
            key=lambda lsoa: lsoa.code,
        )
        members: list[Org] = []
        while len(members) < _ORGS_PER_DISTRICT:
            # Each district's first org is in postcode sector 0, the only one whose postcodes can
            # be mistyped with the letter O.
            lsoa = rng.choice(lsoas) if members else lsoas[0]
            kind, charity, company = rng.choice(_ORG_KINDS)
            ward = lsoa.ward23
            place = ward.name if ward is not None and rng.random() < 0.6 else district.short_name
            name = f"{place} {kind}"
            if name in names:
                continue
            names.add(name)
            serial += 1
            members.append(
                Org(
                    name=name,
                    lsoa=lsoa,
                    postcode=rng.choice(by_lsoa[lsoa.code]),
                    charity_number=str(_CHARITY_BASE + serial) if charity else "",
                    company_number=str(_COMPANY_BASE + serial) if company else "",
                    street=f"{rng.randint(1, 240)} {rng.choice(STREETS)}",
                )
            )
        orgs[district.code] = members
    return orgs


# Surnames of GP practices' doctors and of the artists of the Project Grants list.
SURNAMES = (
    "ADEBAYO",
    "BRENNAN",
    "CHOWDHURY",
    "DAVIES",
    "ELLIS",
    "FLETCHER",
    "GUPTA",
    "HUGHES",
    "IQBAL",
    "JOHNSON",
    "KOWALSKI",
    "LEWIS",
    "MORGAN",
    "NWOSU",
    "OKAFOR",
    "PATEL",
)
