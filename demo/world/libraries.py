"""The demo's public libraries: one set, listed (each in its own way) by the 2016 geocoded list, the
2023 basic dataset and the Greater Manchester list, and placed inside the LSOA boundaries. Static
libraries are spread over each English district so that every LSOA has one within a few km; some
closed (2012, 2019), were replaced (2014), closed temporarily (2016) or opened (2018).
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field, replace

from demo.world.areas import District, Geography, Lsoa21, english_districts
from demo.world.organisations import STREETS
from demo.world.places import DISTRICT_CENTRES, Places, Point, haversine_km, in_disc

OPERATION_YEARS = (2016, 2019, 2021, 2022, 2023)  # the operation_NN columns
# What befell the libraries beyond those open throughout, by district: closed in 2012; closed in
# 2014 and replaced by a new building; closed temporarily in 2016 and reopened by volunteers;
# closed in 2019 (after the 2016 list); opened in 2018 (only in the 2023 list).
_LIBRARY_EVENTS: dict[str, tuple[str, str]] = {
    "E06009901": ("closed_2012", "replaced"),
    "E06009902": ("closed_2019", "new_2018"),
    "E08009901": ("temp_closed", "closed_2019"),
    "E09009901": ("replaced", "new_2018"),
    "E07009901": ("closed_2012", "closed_2019"),
    "E07009902": ("replaced", "temp_closed"),
    "E07009903": ("closed_2012", "new_2018"),
}


@dataclass
class Library:
    name: str  # as the 2023 list and the Greater Mockchester list name it
    short_name: str  # as the 2016 list names it
    district: District
    lsoa: Lsoa21
    postcode: str
    point: Point
    street: str
    place: str
    event: str  # 'open', or one of _LIBRARY_EVENTS' values, or 'replacement'
    operation: dict[int, str] = field(default_factory=dict)  # year -> LA, C, CR, ICL
    opened: int | None = None  # opened after April 2010
    closed: int | None = None
    closed_code: str = ""  # the 2016 list's XL, XLR, XLT
    kind: str = "Static Library"
    authority_blank: bool = False
    uprn: str = ""
    hours: int = 0

    def open_in(self, year: int) -> bool:
        if self.opened is not None and year < self.opened:
            return False
        if self.closed_code == "XLT":
            return year != self.closed
        return self.closed is None or year < self.closed


def _spread_out(points: list[tuple[str, Point]], start: Point, count: int) -> list[str]:
    """`count` codes whose points are far apart: the one nearest `start`, then each next the one
    farthest from those chosen (farthest-point sampling)."""
    chosen = [min(points, key=lambda item: (haversine_km(item[1], start), item[0]))]
    while len(chosen) < min(count, len(points)):
        remaining = [item for item in points if item not in chosen]
        chosen.append(
            max(
                remaining,
                key=lambda item: (min(haversine_km(item[1], c[1]) for c in chosen), item[0]),
            )
        )
    return [code for code, _ in chosen]


def build_libraries(
    geography: Geography, places: Places, postcodes: dict[str, str], seed: int
) -> list[Library]:
    """Every demo library: static libraries spread over each English district (so every LSOA has
    one within a few km), some closed, replaced or opened since 2010, plus a mobile and a prison
    library that only the 2023 list has."""
    rng = random.Random(f"{seed}:libraries")
    by_lsoa: dict[str, list[str]] = {}
    for postcode, code in postcodes.items():
        by_lsoa.setdefault(code, []).append(postcode)
    libraries: list[Library] = []
    uprn = 990_100_000_000
    for district in english_districts():
        lsoas = {
            lsoa.code: lsoa
            for lsoa in sorted(geography.lsoa21, key=lambda lsoa: lsoa.code)
            if lsoa.district22 is district
        }
        events = _LIBRARY_EVENTS[district.code]
        n_open = max(3, len(lsoas) // 10)
        sites = _spread_out(
            [(code, places.centroids[code]) for code in lsoas],
            DISTRICT_CENTRES[district.code],
            n_open + len(events),
        )
        names: set[str] = set()
        # A London borough commissions its whole service from a trust; elsewhere the council
        # runs it, and hands one library to volunteers in 2019 (in a rural county, in 2016).
        commissioned = district.code[:3] == "E09"
        for index, code in enumerate(sites):
            lsoa = lsoas[code]
            event = "open" if index < n_open else events[index - n_open]
            ward = lsoa.ward23.name if lsoa.ward23 else district.short_name
            if district.successor:  # its 2023 wards join two old ones: the first old name
                ward = ward.split(" and ")[0]
            if index == 0:
                short = f"{district.short_name} Central"
            else:
                short = ward
                if f"{short} Library" in names:
                    short = f"{ward} {('Park', 'Village', 'Road', 'Green')[index % 4]}"
            names.add(f"{short} Library")
            postcode = sorted(by_lsoa[code])[index % 2]
            uprn += rng.randint(1_000, 90_000)
            library = Library(
                name=f"{short} Library",
                short_name=short,
                district=district,
                lsoa=lsoa,
                postcode=postcode,
                point=places.postcodes[postcode],
                street=f"{rng.randint(1, 180)} {rng.choice(STREETS)}",
                place=ward,
                event=event,
                uprn=str(uprn) if rng.random() < 0.7 else "",
                hours=rng.choice((18, 24, 28, 32, 37, 42, 48, 56)) if index else 60,
            )
            run_by = "C" if commissioned else "LA"
            library.operation = dict.fromkeys(OPERATION_YEARS, run_by)
            if event == "open" and index == 2 and not commissioned:
                handover = 2016 if district.county else 2019
                for year in OPERATION_YEARS:
                    if year >= handover:
                        library.operation[year] = "CR"
            if event == "closed_2012":
                library.closed, library.closed_code = 2012, "XL"
            elif event == "closed_2019":
                library.closed = 2019
            elif event == "temp_closed":
                library.closed, library.closed_code = 2016, "XLT"
                for year in OPERATION_YEARS:
                    library.operation[year] = "ICL"
            elif event == "new_2018":
                library.opened = 2018
                library.name = f"{ward} Library and Learning Centre"
                library.short_name = ""  # after the 2016 list
            elif event == "replaced":
                library.closed, library.closed_code = 2014, "XLR"
                other = sorted(by_lsoa[code])[(index + 1) % 2]
                libraries.append(
                    Library(
                        name=f"{ward} Library and Community Hub",
                        short_name=f"{ward} Hub",
                        district=district,
                        lsoa=lsoa,
                        postcode=other,
                        point=places.postcodes[other],
                        street=f"{rng.randint(1, 180)} {rng.choice(STREETS)}",
                        place=ward,
                        event="replacement",
                        operation=dict.fromkeys(OPERATION_YEARS, run_by),
                        opened=2014,
                        uprn=str(uprn + 1),
                        hours=42,
                    )
                )
            libraries.append(library)
    # The county's mobile library, from its depot; and a prison library the county's service runs
    # in another authority's area, so its row names no authority (as the real list's do).
    # Neither has a building of its own: no UPRN, no opening or closing, run by the county.
    no_building = {
        "short_name": "",
        "uprn": "",
        "opened": None,
        "closed": None,
        "closed_code": "",
        "operation": dict.fromkeys(OPERATION_YEARS, "LA"),
    }
    fakeley = next(lib for lib in libraries if lib.district.code == "E07009901")
    libraries.append(
        replace(
            fakeley,
            name="Testshire Mobile Library",
            event="mobile",
            kind="Mobile Library",
            hours=30,
            **no_building,
        )
    )
    sampleton = next(lib for lib in libraries if lib.district.code == "E07009902")
    libraries.append(
        replace(
            sampleton,
            name="HMP Sampleton Library",
            event="prison",
            kind="Prison Library",
            street="HMP Sampleton, Gaol Lane",
            hours=25,
            authority_blank=True,
            **no_building,
        )
    )
    return libraries


def gm_library_point(library: Library) -> Point:
    """Where the Greater Mockchester list puts a library: its building, within 60 m of its
    postcode's point."""
    return in_disc(random.Random(f"gm-library:{library.name}"), library.point, 0.06)
