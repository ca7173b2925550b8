"""The social infrastructure family: public libraries (the 2023 basic dataset, the 2016 geocoded
list and the Greater Manchester list, all of one set of demo libraries, `demo.world.libraries`), GP
practices and other prescribing cost centres (ODS epraccur: headerless, every field quoted, in its
zip), pubs and bars by district 2001-2018 (a legacy .xls written with xlwt: title rows, notes under
the table, the districts of 2018), the charities operating in Mockchester (under Trafford's
labels, as the Trafford Data Lab file's checks require), and the isolation sources: modelled
loneliness per English LSOA 2021 (a value per area type, as the British Red Cross models it),
OpenStreetMap's places to meet (GeoJSON points near the English LSOAs' centroids) and ONS's
garden-space workbook (MSOA 2011 and district sheets whose counts add up to the region and
country sheets).

Assets are placed at the demo's postcodes, so they join the postcode directory and the LSOAs. Every
header, file name, zip member, the sheet the reader reads and the header's row are the catalog's;
the pubs workbook's other sheets, title rows and notes are not in the catalog.
"""

from __future__ import annotations

import csv
import io
import json
import math
import random
import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from demo.layouts import csv_file, header, layout, sheet_name
from demo.world import World
from demo.world.areas import (
    BY_CODE,
    DISTRICTS,
    ENGLAND,
    MOCKCHESTER,
    NI,
    SCOTLAND,
    TESTSHIRE,
    TRAFFORD_LABEL,
    UK,
    WALES,
    District,
    Geography,
    msoa_name,
)
from demo.world.deprivation import IodRow, decile
from demo.world.draw import random_day
from demo.world.libraries import OPERATION_YEARS, Library, gm_library_point
from demo.world.organisations import ACTIVITIES, STREETS, SURNAMES
from demo.world.places import Places, haversine_km, in_disc, letter_o
from demo.writers import (
    Sheet,
    r_number,
    row_by_name,
    xls_bytes,
    xls_workbook,
    xlsx_bytes,
    zip_bytes,
)
from demo.writers import number as cell_number
from ingest.catalog import get_source

LIBRARIES_2023 = layout("acearts__libraries_2023")
LIBRARIES_2016 = layout("dcms__libraries_2016_geocoded")
EPRACCUR = layout("nhs_ods__epraccur", "zip")
PUBS = layout("ons__pubs_bars_by_la")
CHARITIES = layout("trafforddatalab__charities_trafford")
GM_LIBRARIES = layout("trafforddatalab__gm_libraries")
LONELINESS = layout("british_red_cross__loneliness_lsoa21")
PLACES_TO_MEET = layout("openstreetmap__places_to_meet")
GARDENS_MSOA = layout("ons__garden_space_msoa11")
GARDENS_LAD = layout("ons__garden_space_lad")
# One workbook holds both garden sheets, as TS054's levels share one zip.
assert GARDENS_MSOA.file_name == GARDENS_LAD.file_name
FILES = tuple(
    found.file_name
    for found in (
        LIBRARIES_2023,
        LIBRARIES_2016,
        EPRACCUR,
        PUBS,
        CHARITIES,
        GM_LIBRARIES,
        LONELINESS,
        PLACES_TO_MEET,
        GARDENS_MSOA,
    )
)

_LIBRARIES_2023_HEADER = header(LIBRARIES_2023)
# The 2023 list's opening pattern per day (Monday to Sunday), then its hours and staffed hours.
_DAYS_2023 = _LIBRARIES_2023_HEADER[43:50]
_HOURS_2023 = _LIBRARIES_2023_HEADER[50:52]
# epraccur has no header row: its fields are the ones ODS documents, which the catalog lists.
_EPRACCUR_FIELDS = len(get_source("nhs_ods__epraccur").columns)


def build(world: World) -> dict[str, bytes]:
    libraries, seed = world.libraries, world.seed
    epraccur = _epraccur_csv(world.geography, world.postcodes, seed)
    return {
        LIBRARIES_2023.file_name: _libraries_2023_csv(libraries, seed),
        LIBRARIES_2016.file_name: _libraries_2016_csv(libraries, world.iod, world.places, seed),
        EPRACCUR.file_name: zip_bytes([(EPRACCUR.member, epraccur)]),
        PUBS.file_name: _pubs_xls(seed),
        CHARITIES.file_name: _charities_csv(world),
        GM_LIBRARIES.file_name: _gm_libraries_csv(libraries),
        LONELINESS.file_name: _loneliness_csv(world),
        PLACES_TO_MEET.file_name: _places_to_meet_geojson(world),
        GARDENS_MSOA.file_name: _garden_space_xlsx(world),
    }


# --- Libraries: the 2023 basic dataset, the 2016 geocoded list, the Greater Manchester list -----

_LIBRARY_SERVICE_DOMAIN = "example.org"
# Phone numbers in Ofcom's range for drama (01632 960000 to 960999), never a real line.
_DRAMA_PHONE = "01632 960"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower().split(",")[0])


def _library_authority(district: District, year: int) -> str:
    """The library authority (county or unitary) of a district in `year`."""
    if district.successor and year >= 2023:
        return BY_CODE[district.successor].name
    return district.county[1] if district.county else district.name


_YEARS_2023 = (2010, 2016, 2019, 2021, 2022, 2023)  # the statutory_NN columns
_DAY_PATTERNS = (
    "All Day (continuous)",
    "AM & PM (continuous)",
    "AM & PM (with closure)",
    "PM Only",
    "AM Only",
    "Closed",
)


def _library_reporting(library: Library) -> str:
    if library.event == "prison":
        return TESTSHIRE[1]
    return _library_authority(library.district, 2023)


def _libraries_2023_csv(libraries: list[Library], seed: int) -> bytes:
    rng = random.Random(f"{seed}:libraries-2023")
    rows = []
    for library in libraries:
        reporting = _library_reporting(library)
        authority = "" if library.authority_blank else reporting
        if authority.startswith("Demoford"):
            authority = "Demoford, City Of"  # case differs from ONS's name, as in the real list
        values: dict[str, str] = dict.fromkeys(_LIBRARIES_2023_HEADER, "")
        values |= {
            "reporting": reporting.split(",")[0],
            "name": library.name,
            "address1": library.street,
            "address2": library.place,
            "address3": library.district.short_name,
            "authority": authority,
            "postcode": library.postcode,
            "uprn": library.uprn,
            "type": library.kind,
            "closed": str(library.closed)
            if library.closed and library.closed_code != "XLT"
            else "",
            "opened": str(library.opened) if library.opened else "",
            "operating_organisation": "-",
        }
        for year in _YEARS_2023:
            column = f"statutory_{year % 100:02d}"
            if library.opened and year < library.opened:
                values[column] = "Facility Not Open"
            elif library.event == "temp_closed" and year == 2016:
                values[column] = "Temporary Closure"
            elif (
                not library.open_in(year)
                or library.closed
                and year >= library.closed
                or library.operation.get(year) == "ICL"
                or library.kind == "Prison Library"
            ):
                values[column] = "No"
            else:
                values[column] = "Yes"
        for year in OPERATION_YEARS:
            column = f"operation_{year % 100:02d}"
            if library.opened and year < library.opened:
                values[column] = "Facility Not Open"
            elif library.event == "temp_closed" and year == 2016:
                values[column] = "Temporary Closure"
            elif library.closed and year >= library.closed and library.closed_code != "XLT":
                values[column] = "Closed"
            else:
                values[column] = library.operation[year]
        is_open = values["operation_23"] != "Closed"
        if is_open:
            operation = values["operation_23"]
            if operation == "C":
                values["operating_organisation"] = "Demo Libraries Trust"
            elif operation in ("CR", "ICL"):
                values["operating_organisation"] = f"Friends of {library.name}"
            values["department"] = rng.choice(
                ("Communities", "Place", "Culture and Libraries", "Customer Services")
            )
            values["new_build_22"] = "Yes" if library.event == "new_2018" else "No"
            co_located = rng.random() < 0.45
            values["co_located"] = "Yes" if co_located else "No"
            if co_located:
                for kind in rng.sample(("community", "civic", "health", "schools_colleges"), 2):
                    values[f"co_located_{kind}"] = "X"
            days = [rng.choice(_DAY_PATTERNS[:5]) for _ in range(6)] + ["Closed"]
            for day, pattern in zip(_DAYS_2023, days, strict=True):
                values[day] = pattern
            values["hours"] = str(library.hours)
            staffed = library.hours if operation in ("LA", "C") else library.hours // 2
            values["staffed_hours"] = str(staffed)
            values["automated"] = rng.choice(("No", "No", "Yes - Self-service"))
            values["email"] = f"libraries@{_slug(values['reporting'])}.{_LIBRARY_SERVICE_DOMAIN}"
        else:
            values["co_located"] = "N/A"
            for day in (*_DAYS_2023, *_HOURS_2023):
                values[day] = "N/A Closed"
        rows.append(values)
    # Publishers' case slips and a line break typed in a cell, as cleaned lists still have them.
    statics = [v for v in rows if v["type"] == "Static Library" and v["operation_23"] == "LA"]
    statics[3]["type"] = "Static library"
    statics[5]["statutory_23"] = "yes"
    hub = next(v for v in rows if v["co_located"] == "Yes")
    hub["co_located_other"] = "X"
    hub["co_located_other_text"] = "Credit union desk\nCommunity café"
    commissioned = [v for v in rows if v["operation_23"] == "C"]
    commissioned[-1]["operation_23"] = "c"
    rows.sort(key=lambda v: (v["reporting"], v["name"]))
    # UTF-8 with a byte-order mark, LF, quotes only where needed.
    return csv_file(
        LIBRARIES_2023, [row_by_name(_LIBRARIES_2023_HEADER, v) for v in rows], bom=True
    )


def _libraries_2016_csv(
    libraries: list[Library], iod: Sequence[IodRow], places: Places, seed: int
) -> bytes:
    """The 2016 list, geocoded: every library open at some time from April 2010 to mid-2016, with
    Libraries Hacked's catchment figures (mean IoD deciles and population of the LSOAs nearer to
    the library than to any other in the list)."""
    rng = random.Random(f"{seed}:libraries-2016")
    listed = [lib for lib in libraries if lib.short_name and (lib.opened or 0) <= 2016]
    authorities = sorted({_library_authority(lib.district, 2016) for lib in listed})
    listed.sort(key=lambda lib: (_library_authority(lib.district, 2016), lib.short_name))
    n = len(iod)
    catchment: dict[int, list[IodRow]] = {}
    for row in iod:
        point = places.centroids[row.lsoa.code]
        nearest = min(range(len(listed)), key=lambda i: haversine_km(point, listed[i].point))
        catchment.setdefault(nearest, []).append(row)
    rows = []
    for index, library in enumerate(listed):
        authority = _library_authority(library.district, 2016)
        statutory_2016 = library.open_in(2016) and library.operation[2016] not in ("CR", "ICL")
        postcode = library.postcode
        style = rng.random()
        if style < 0.4:
            postcode = postcode.replace(" ", "")  # as 1,388 of the real list's are typed
        elif style < 0.45:
            postcode = postcode.replace(" ", "  ")
        type_code = ""
        if not library.closed_code:
            type_code = {"LA": "LAL", "C": "CL", "CR": "CRL", "ICL": "ICL"}[library.operation[2016]]
        notes = ""
        if library.closed_code == "XL":
            notes = f"Closed as a public library {library.closed}."
        elif library.closed_code == "XLR":
            notes = f"Closed {library.closed}; replaced by {library.place} Hub"
        elif library.closed_code == "XLT":
            notes = "Closed temporarily for building works.\nTo reopen run by volunteers"
        elif library.event == "replacement":
            notes = f"Replaced {library.place} library"
        members = catchment.get(index, [])
        stats: list[str] = [""] * 16
        if members:

            def mean_decile(ranks: Sequence[int]) -> str:
                return f"{sum(decile(rank, n) for rank in ranks) / len(ranks):.3f}"

            domains = list(zip(*(row.domain_ranks for row in members), strict=True))
            education_employment = [
                (a + b) // 2 for a, b in zip(domains[1], domains[2], strict=True)
            ]
            stats = [
                mean_decile([row.imd_rank for row in members]),
                mean_decile(domains[0]),
                mean_decile(domains[1]),
                mean_decile(domains[2]),
                mean_decile([row.idaci_rank for row in members]),
                mean_decile(domains[3]),
                mean_decile(education_employment),
                mean_decile(domains[4]),
                mean_decile(domains[5]),
                mean_decile(
                    [min(n, max(1, r + rng.randint(-n // 20, n // 20))) for r in domains[5]]
                ),
                mean_decile(domains[6]),
                str(sum(row.population[0] for row in members)),
                str(sum(row.population[1] for row in members)),
                str(round(sum(row.population[4] for row in members))),
                str(sum(row.population[2] for row in members)),
                str(sum(row.population[3] for row in members)),
            ]
        is_open = not library.closed_code
        hours = str(library.hours) if is_open else ""
        slug = _slug(authority)
        rows.append(
            [
                library.short_name,
                index + 1,
                authorities.index(authority) + 1,
                f"{library.street}, {library.place}",
                postcode,
                f"{library.point[0]:.15g}",
                f"{library.point[1]:.15g}",
                "f" if library.opened else "t",
                "t" if statutory_2016 else "f",
                type_code,
                library.closed_code,
                str(library.closed) if library.closed_code else "",
                str(library.opened) if library.opened else "",
                "t" if library.event == "replacement" else "f",
                notes,
                hours,
                hours if library.operation[2016] in ("LA", "C") else ("0" if is_open else ""),
                f"www.{slug}.{_LIBRARY_SERVICE_DOMAIN}/libraries",
                f"{_slug(library.short_name)}.library@{slug}.{_LIBRARY_SERVICE_DOMAIN}"
                if is_open
                else "",
                *stats,
            ]
        )
    return csv_file(LIBRARIES_2016, rows)


def _gm_libraries_csv(libraries: list[Library]) -> bytes:
    """The Greater Mockchester list: the district's libraries open now, with lon/lat of the
    building (within 60 m of its postcode's point), under Trafford's labels (see TRAFFORD_LABEL)."""
    kinds = {
        "LA": "Local authority run library",
        "C": "Commissioned library",
        "CR": "Community run library",
        "ICL": "Independent community library",
    }
    rows = []
    for library in sorted(libraries, key=lambda lib: lib.name):
        if library.district.code != MOCKCHESTER or not library.open_in(2023):
            continue
        point = gm_library_point(library)
        email = (
            "NA"
            if library.event == "temp_closed"
            else (f"{_slug(library.short_name or library.name)}.library@mockchester.example.org")
        )
        rows.append(
            [
                library.name,
                f"{library.name}, {library.street}, {library.place}, Mockchester",
                library.postcode,
                kinds[library.operation[2023]],
                email,
                "https://www.mockchester.example.org/libraries",
                TRAFFORD_LABEL[1],
                TRAFFORD_LABEL[0],
                r_number(point[1]),
                r_number(point[0]),
            ]
        )
    return csv_file(GM_LIBRARIES, rows)


# --- GP practices and prescribing cost centres (ODS epraccur) -----------------------------------

_NHS_REGION = {  # NHS England region of each English region, W00 for Wales
    "E12000001": "Y63",
    "E12000003": "Y63",
    "E12000002": "Y62",
    "E12000007": "Y56",
    "E12000004": "Y60",
    "E12000009": "Y58",
}
# Prescribing settings of the cost centres that are not GP practices, one per district: out of
# hours, walk-in centre, community health, PCN, other, hospital, hospice, urgent care, prison.
_OTHER_SETTINGS = (2, 1, 9, 26, 0, 10, 13, 12, 25)


def _yyyymmdd(rng: random.Random, first: int, last: int) -> str:
    return random_day(rng, date(first, 1, 1), date(last, 12, 31)).strftime("%Y%m%d")


def _epraccur_csv(geography: Geography, postcodes: dict[str, str], seed: int) -> bytes:
    """epraccur as ODS publishes it: no header, 27 fields, every one quoted, LF (as committed)."""
    rng = random.Random(f"{seed}:epraccur")
    by_lsoa: dict[str, list[str]] = {}
    for postcode, code in postcodes.items():
        by_lsoa.setdefault(code, []).append(postcode)
    rows = []
    for number, district in enumerate((d for d in DISTRICTS if d.n_lsoa), start=1):
        welsh = district.code[0] == "W"
        lsoas = sorted(
            (lsoa for lsoa in geography.lsoa21 if lsoa.district22.code == district.code),
            key=lambda lsoa: lsoa.code,
        )
        grouping = "W00" if welsh else _NHS_REGION[district.region[0]]  # type: ignore[index]
        health_geography = "Q99" if welsh else f"QZ{number}"
        commissioner = f"7Z{number}" if welsh else f"9Z{number}"
        county = district.county[1].upper() if district.county else ""
        n_practices = max(4, len(lsoas) // 5)
        roles = ["active"] * n_practices + ["closed", "other"]
        if number in (2, 6):
            roles[1] = "dormant"
        for serial, role in enumerate(roles, start=1):
            lsoa = rng.choice(lsoas)
            ward = (lsoa.ward23.name if lsoa.ward23 else district.short_name).upper()
            setting = 4
            if role == "other":
                setting = _OTHER_SETTINGS[(number - 1) % len(_OTHER_SETTINGS)]
                code = f"ZY{number}{serial:03d}"
                name = {
                    2: f"{district.short_name.upper()} OUT OF HOURS SERVICE",
                    1: f"{ward} WALK-IN CENTRE",
                    9: f"{district.short_name.upper()} COMMUNITY NURSING",
                    26: f"{ward} PCN",
                    0: f"{district.short_name.upper()} SUBSTANCE MISUSE SERVICE",
                    10: f"{district.short_name.upper()} GENERAL HOSPITAL PHARMACY",
                    13: f"{ward} HOSPICE",
                    12: f"{district.short_name.upper()} URGENT TREATMENT CENTRE",
                    25: "HMP SAMPLETON",
                }[setting]
            else:
                code = f"Z9{number}{serial:03d}"
                style = serial % 4
                if style == 0:
                    name = f"DR {rng.choice('ABCDEHJKMRS')} {rng.choice(SURNAMES)}'S PRACTICE"
                else:
                    name = (f"{ward} SURGERY", f"{ward} MEDICAL CENTRE", f"THE {ward} PRACTICE")[
                        style - 1
                    ]
            postcode = rng.choice(by_lsoa[lsoa.code])
            opened = "19740401" if rng.random() < 0.4 else _yyyymmdd(rng, 1975, 2016)
            status, closed = "A", ""
            if role == "closed":
                status, closed = "C", _yyyymmdd(rng, 2014, 2024)
            elif role == "dormant":
                status = "D"
            elif setting == 25:
                status, opened = "P", "20250423"
            joined = max(opened, "20130401" if not welsh else "20091001")
            street = f"{rng.randint(1, 120)} {rng.choice(STREETS)}".upper()
            building = rng.choice(("THE HEALTH CENTRE", "THE SURGERY", street))
            fields = [
                code,
                name,
                grouping,
                health_geography,
                building,
                street if building != street else ward,
                district.short_name.upper(),
                county,
                "",
                postcode,
                opened,
                closed,
                status,
                "B",
                commissioner,
                joined,
                closed,
                f"{_DRAMA_PHONE}{rng.randint(0, 999):03d}",
                "",
                "",
                "",
                "1" if rng.random() < 0.05 else "0",
                "",
                commissioner,
                "",
                str(setting),
                "",
            ]
            if len(fields) != _EPRACCUR_FIELDS:
                raise ValueError(
                    f"demo epraccur row has {len(fields)} of {_EPRACCUR_FIELDS} fields"
                )
            rows.append(fields)
    rows.sort(key=lambda fields: fields[0])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)
    return buffer.getvalue().encode(EPRACCUR.encoding)


# --- Pubs and bars by local authority (legacy .xls) ----------------------------------------------

# The workbook's sheets: notes, then the table the reader reads, then two it does not.
PUBS_SHEETS = ("Notes", sheet_name(PUBS), "Pubs size employment LA", "Pubs bars LA medians")
PUBS_BANDS = ("Less than 10", "10 or more", "Any number of employees")
# The header: the area, the band, then one column per year (the years are number cells).
_PUBS_LEAD = tuple(header(PUBS)[:3])
PUBS_YEARS = tuple(int(year) for year in header(PUBS)[3:])
_PUBS_TITLES = (
    (
        "Number of Public Houses and Bars workplaces by Local Authority, broken down by number of "
        "employees in Public House or Bar, United Kingdom, 2001 to 2018"
    ),
    (
        "Employment in Public Houses and Bars workplaces by Local Authority, broken down by number of "
        "employees in Public House or Bar, United Kingdom, 2001 to 2018"
    ),
    (
        "Median number for employment in Public Houses and Bars workplaces by Local Authority, United "
        "Kingdom, 2001 to 2018"
    ),
)
_PUBS_FOOTER = (
    (
        "Source: SYNTHETIC demo data generated by placeindex, in the layout of the ONS table from the "
        "Inter-Departmental Business Register"
    ),
    "",
    "Not official statistics: every code, name and number is invented.",
    "",
    "Notes:",
    (
        "1. All figures have been rounded to the nearest 5 (employment: see the rounding rules of the "
        "published table)."
    ),
    (
        '2. Cells showing ".." have been suppressed where there are concerns regarding the quality of '
        "the data."
    ),
)
_PUBS_NOTES = (
    ("Contents of this workbook:", ""),
    ("Coverage:", "United Kingdom (SYNTHETIC demo areas)"),
    ("Lowest geography:", "Local Authority (LA)"),
    (
        "Variable(s):",
        (
            "(1) number of workplaces, (2) employment in those workplaces, (3) median employment in "
            "those workplaces"
        ),
    ),
    ("Year(s):", "2001 to 2018"),
    ("", ""),
    ("SYNTHETIC DEMO DATA generated by placeindex (python -m demo).", ""),
    ("Only the layout of the published workbook is copied; it is not official statistics.", ""),
)
# The pubs the demo's suppression mark ('..') falls on: an area, band and years of the
# employment sheet (the workplace counts have none, as in the real workbook).
PUBS_SUPPRESSED = ("N09009901", "10 or more", (2003, 2004, 2005))


def _round_to(value: float, step: int) -> int:
    return int(step * math.floor(value / step + 0.5))


def _employment_rounding(value: float) -> int:
    for limit, step in ((50, 5), (250, 25), (500, 50), (1000, 100), (2500, 250), (5000, 500)):
        if value < limit:
            return _round_to(value, step)
    return _round_to(value, 1000)


def _pubs_areas() -> list[tuple[str, str, list[District]]]:
    """(code, name, districts summed) in the published order: UK, England, each region then its
    districts by name, then Wales, Scotland and Northern Ireland likewise. Districts as in 2018:
    the two merged in 2023 separate, the unitary authority they became absent."""
    districts = [d for d in DISTRICTS if not d.created_2023]
    areas: list[tuple[str, str, list[District]]] = [(*UK, districts)]
    for country in (ENGLAND, WALES, SCOTLAND, NI):
        members = [d for d in districts if d.country == country]
        areas.append((*country, members))
        regions = sorted({d.region for d in members if d.region})
        groups = [(region, [d for d in members if d.region == region]) for region in regions]
        if not regions:
            groups = [(None, members)]
        for region, in_region in groups:
            if region is not None:
                areas.append((*region, in_region))
            for district in sorted(in_region, key=lambda d: d.name):
                areas.append((district.code, district.name, [district]))
    return areas


def _pubs_xls(seed: int) -> bytes:
    rng = random.Random(f"{seed}:pubs")
    # Workplaces per district and year (unrounded): small pubs decline, larger ones grow a little;
    # the 2015 register change adds a few.
    small: dict[str, list[float]] = {}
    large: dict[str, list[float]] = {}
    for district in DISTRICTS:
        if district.created_2023:
            continue
        size = district.n_lsoa or rng.randint(30, 60)
        small_2001 = size * rng.uniform(2.2, 3.2) * (1.4 - district.urban * 0.5)
        large_2001 = size * rng.uniform(0.5, 0.9) * (0.6 + district.urban)
        decline, growth = rng.uniform(0.012, 0.03), rng.uniform(-0.004, 0.012)
        small[district.code], large[district.code] = [], []
        for t, year in enumerate(PUBS_YEARS):
            step = 1.04 if year >= 2015 else 1.0
            small[district.code].append(
                small_2001 * (1 - decline) ** t * step * rng.uniform(0.97, 1.03)
            )
            large[district.code].append(large_2001 * (1 + growth) ** t * rng.uniform(0.95, 1.05))
    areas = _pubs_areas()

    def counts(members: list[District]) -> list[list[int]]:
        little = [sum(small[d.code][t] for d in members) for t in range(len(PUBS_YEARS))]
        big = [sum(large[d.code][t] for d in members) for t in range(len(PUBS_YEARS))]
        return [
            [_round_to(v, 5) for v in little],
            [_round_to(v, 5) for v in big],
            [_round_to(a + b, 5) for a, b in zip(little, big, strict=True)],
        ]

    def employment(members: list[District]) -> list[list[int]]:
        little = [sum(small[d.code][t] for d in members) * 4.6 for t in range(len(PUBS_YEARS))]
        big = [sum(large[d.code][t] for d in members) * 21.5 for t in range(len(PUBS_YEARS))]
        return [
            [_employment_rounding(v) for v in little],
            [_employment_rounding(v) for v in big],
            [_employment_rounding(a + b) for a, b in zip(little, big, strict=True)],
        ]

    book = xls_workbook()
    notes = book.add_sheet(PUBS_SHEETS[0])
    notes.col(0).width = 4534
    for row, (label, text) in enumerate(_PUBS_NOTES):
        if label:
            notes.write(row, 0, label)
        if text:
            notes.write(row, 1, text)

    def table_sheet(
        name: str, title: str, banded: bool, values_of: Any, suppress: bool = False
    ) -> None:
        sheet = book.add_sheet(name)
        lead = _PUBS_LEAD if banded else _PUBS_LEAD[:2]
        for column, width in enumerate((3730, 8630, 7716) if banded else (4388, 8740)):
            sheet.col(column).width = width
        sheet.write(0, 0, title)
        # The header cells span two rows, so the row below the header is blank.
        first = PUBS.header_row
        for column, label in enumerate([*lead, *PUBS_YEARS]):
            sheet.write_merge(first, first + 1, column, column, label)
        row = first + 2
        for code, area_name, members in areas:
            bands = values_of(members)
            for band, values in zip(PUBS_BANDS if banded else ("",), bands, strict=False):
                cells: list[Any] = [code, area_name] + ([band] if banded else [])
                cells += list(values)
                if suppress and (code, band) == PUBS_SUPPRESSED[:2]:
                    for year in PUBS_SUPPRESSED[2]:
                        cells[len(lead) + PUBS_YEARS.index(year)] = ".."
                for column, value in enumerate(cells):
                    sheet.write(row, column, value)
                row += 1
        row += 1  # the blank row that ends the table
        for line in _PUBS_FOOTER:
            if line:
                sheet.write(row, 0, line)
            row += 1

    table_sheet(PUBS_SHEETS[1], _PUBS_TITLES[0], True, counts)
    table_sheet(PUBS_SHEETS[2], _PUBS_TITLES[1], True, employment, suppress=True)

    def medians(members: list[District]) -> list[list[float]]:
        rng_m = random.Random(f"{seed}:pubs-median:{','.join(d.code for d in members)}")
        level = rng_m.uniform(3.0, 6.0)
        years = range(len(PUBS_YEARS))
        return [[round(2 * (level + 0.12 * t + rng_m.uniform(-0.5, 0.5))) / 2 for t in years]]

    table_sheet(PUBS_SHEETS[3], _PUBS_TITLES[2], False, medians)
    return xls_bytes(book)


# --- Charities operating in Mockchester (Trafford layout) ---------------------------------------

_CHARITY_EXTRA_BASE = 1_993_000  # beyond the grant recipients' numbers (1990001 up)
_CHARITY_WORDS = (
    "Friends of {ward} Park",
    "{ward} Methodist Church",
    "{ward} Youth Trust",
    "{ward} Almshouse Charity",
    "{place} Hospice at Home",
    "{place} Rotary Club Trust Fund",
    "{ward} Scout Group",
    "{place} Citizens Advice",
    "{ward} Primary School PTA",
    "{place} Wildlife Trust",
    "{ward} Community Centre",
    "{place} Carers Trust",
)
_CHARITY_TYPES = ("Other", "Other", "CIO", "Trust", "Previously excepted")


def _charities_csv(world: World) -> bytes:
    """Charities whose area of operation includes Mockchester: its registered grant recipients
    and others, about a third with a contact postcode in the district (written as R writes it:
    'NA' for missing, quotes where needed, LF)."""
    geography, postcodes = world.geography, world.postcodes
    rng = random.Random(f"{world.seed}:charities")
    orgs = world.organisations
    by_district: dict[str, list[str]] = {}
    for postcode, code in postcodes.items():
        district = next(lsoa.district22.code for lsoa in geography.lsoa21 if lsoa.code == code)
        by_district.setdefault(district, []).append(postcode)
    wards = [w for w in geography.wards23 if w.district.code == MOCKCHESTER]
    others = [d.code for d in DISTRICTS if d.n_lsoa and d.code != MOCKCHESTER]
    rows: list[list[str]] = []
    for org in orgs[MOCKCHESTER]:
        if not org.charity_number:
            continue
        rows.append(
            [
                org.charity_number,
                f"{int(org.company_number):08d}" if org.company_number else "NA",
                org.name.upper(),
                "Charitable company" if org.company_number else rng.choice(_CHARITY_TYPES),
                f"{org.name} provides {rng.choice(ACTIVITIES)} for people in Mockchester.",
                random_day(rng, date(1965, 1, 1), date(2022, 12, 31)).isoformat(),
                f"{org.street}, {org.district.short_name}",
                org.postcode,
            ]
        )
    for serial in range(1, 49):
        ward = rng.choice(wards)
        in_district = serial % 3 == 0
        district = MOCKCHESTER if in_district else rng.choice(others)
        place = BY_CODE[district].short_name
        name = rng.choice(_CHARITY_WORDS).format(ward=ward.name, place=place)
        company = rng.random() < 0.25
        activities = rng.choice(
            (
                "NA",
                f"To advance the education of the public in {rng.choice(ACTIVITIES)}.",
                (
                    f'The charity\'s aim is "{rng.choice(ACTIVITIES)}" for residents of Mockchester '
                    "and the surrounding area."
                ),
                (
                    f"Grants to individuals in need and to organisations providing "
                    f"{rng.choice(ACTIVITIES)}"
                ),
            )
        )
        rows.append(
            [
                str(_CHARITY_EXTRA_BASE + serial * 7),
                f"{_CHARITY_EXTRA_BASE * 10 + serial * 13:08d}" if company else "NA",
                name.upper(),
                "Charitable company" if company else rng.choice(_CHARITY_TYPES),
                activities,
                random_day(rng, date(1961, 1, 1), date(2023, 6, 30)).isoformat(),
                f"{rng.randint(1, 200)} {rng.choice(STREETS)}, {ward.name}, {place}",
                rng.choice(by_district[district]),
            ]
        )
    # The register pads postcodes to 8 characters; hand-typed ones have a letter O for a zero or
    # no space and lower case; one charity gives none.
    for index, row in enumerate(rows):
        postcode = row[7]
        if index % 9 == 4 and len(postcode) < 8:
            row[7] = postcode.ljust(8)
    sector_0 = next(row for row in rows[5:] if row[7].split()[1].startswith("0"))
    sector_0[7] = letter_o(sector_0[7].strip())
    rows[-2][7] = rows[-2][7].strip().replace(" ", "").lower()
    rows[-5][7] = "NA"
    completed = []
    for row in rows:
        slug = _slug(row[2].title().replace("'", ""))
        has_email = rng.random() < 0.6
        completed.append(
            [
                *row,
                f"{_DRAMA_PHONE}{rng.randint(0, 999):03d}"
                if rng.random() < 0.5
                else f"01632960{rng.randint(0, 999):03d}",
                f"info@{slug}.example.org" if has_email else "NA",
                f"www.{slug}.example.org" if has_email and rng.random() < 0.8 else "NA",
            ]
        )
    completed.sort(key=lambda row: int(row[0]))
    return csv_file(CHARITIES, completed)


# --- Isolation: modelled loneliness, places to meet, garden space --------------------------------

# The survey's share of adults lonely at least some of the time in each 2011 Output Area
# Classification group (invented, within the real file's 18-38% range), least lonely first. The
# British Red Cross gives each output area its group's value and averages them per LSOA, so
# neighbouring LSOAs of one area type share a value.
_LONELINESS_BY_AREA_TYPE = (18.9, 20.4, 21.8, 23.0, 24.2, 25.5, 26.9, 28.4, 30.1, 32.6, 36.8)
_OUTPUT_AREAS_PER_LSOA = 5


def _loneliness_csv(world: World) -> bytes:
    """Every English LSOA 2021 in code order: the mean of its output areas' area-type values (most
    output areas of an LSOA share its type; cities and deprived places are lonelier), written
    with Python's float repr as pandas writes it, and its decile among the LSOAs (1 least
    lonely; equal values share a decile)."""
    rng = random.Random(f"{world.seed}:loneliness")
    top = len(_LONELINESS_BY_AREA_TYPE) - 1
    values: dict[str, float] = {}
    for lsoa in sorted(world.geography.lsoa21, key=lambda lsoa: lsoa.code):
        if not lsoa.code.startswith("E"):
            continue
        district = lsoa.district22
        leaning = 2.0 + 5.0 * district.urban + 1.5 * district.deprivation + rng.gauss(0.0, 1.2)
        area_type = min(top, max(0, round(leaning)))
        types = [
            min(top, max(0, area_type + rng.choice((-1, 0, 0, 0, 0, 1))))
            for _ in range(_OUTPUT_AREAS_PER_LSOA)
        ]
        values[lsoa.code] = sum(_LONELINESS_BY_AREA_TYPE[t] for t in types) / len(types)
    ordered = sorted(values.values())
    first_at = {}
    for position, value in enumerate(ordered):
        first_at.setdefault(value, position)
    rows = [
        [code, repr(value), str(1 + first_at[value] * 10 // len(ordered))]
        for code, value in values.items()
    ]
    return csv_file(LONELINESS, rows)


# Places to meet as OpenStreetMap's volunteers map them: village halls in the country, community
# centres in towns, a few social centres; some unnamed, some names typographic (’).
_PLACE_NAMES = {
    "community_centre": (
        "{ward} Community Centre",
        "{ward} Community Hub",
        "The {ward} Centre",
        "St Anne’s Church Hall",
        "{ward} Neighbourhood Centre",
    ),
    "village_hall": ("{ward} Village Hall", "{ward} Memorial Hall", "{ward} Parish Hall"),
    "social_centre": ("{ward} Social Centre", "{ward} Working Men’s Club"),
}
_UNNAMED_SHARE = 0.05


def _places_to_meet_geojson(world: World) -> bytes:
    """Points within 1.5 km of English LSOA centroids, coordinates rounded to 5 decimals, as the
    Overpass extract is written: one compact line of UTF-8 (names not escaped), no final newline,
    each feature's geometry before its properties. One place is in the file twice, as one is in
    the real extract."""
    rng = random.Random(f"{world.seed}:places-to-meet")
    features: list[dict[str, Any]] = []
    for lsoa in sorted(world.geography.lsoa21, key=lambda lsoa: lsoa.code):
        if not lsoa.code.startswith("E"):
            continue
        district = lsoa.district22
        # Fewer halls per LSOA in cities (small, dense LSOAs) than in villages.
        expected = 0.25 + 0.5 * (1.0 - district.urban)
        count = sum(rng.random() < expected / 2 for _ in range(2))
        ward = lsoa.ward23.name if lsoa.ward23 else district.short_name
        for _ in range(count):
            kind = rng.choices(
                ("community_centre", "village_hall", "social_centre"),
                weights=(0.3 + district.urban, 1.2 * (1.0 - district.urban), 0.05),
            )[0]
            name = rng.choice(_PLACE_NAMES[kind]).format(ward=ward)
            if rng.random() < _UNNAMED_SHARE:
                name = ""
            latitude, longitude = in_disc(rng, world.places.centroids[lsoa.code], 1.5)
            features.append(
                {
                    "type": "Feature",
                    "geometry": {
                        "type": "Point",
                        "coordinates": [round(longitude, 5), round(latitude, 5)],
                    },
                    "properties": {"name": name, "kind": kind},
                }
            )
    named = [feature for feature in features if feature["properties"]["name"]]
    twice = named[len(named) // 3]
    features.insert(features.index(twice) + 1, json.loads(json.dumps(twice)))
    document = {"type": "FeatureCollection", "features": features}
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return text.encode(PLACES_TO_MEET.encoding)


# The garden workbook's sheets in order, and the two-row header of its country and region sheets
# (property type above the measures; flats add the count of shared spaces and flats per garden).
_GARDEN_SHEETS = ("Readme", "Country gardens", "Region gardens", "LAD gardens", "MSOA gardens")
_GARDEN_HOUSES = (
    "Address count",
    "Adress with private outdoor space count",
    "Private outdoor space total area (m2)",
    "Percentage of adresses with private outdoor space",
    "Average size of private outdoor space (m2)",
    "Median size of private outdoor space (m2)",
)
_GARDEN_FLATS = (
    "Address count",
    "Adress with private outdoor space count",
    "Private outdoor space total area (m2)",
    "Private outdoor space count",
    "Percentage of adresses with private outdoor space",
    "Average size of private outdoor space (m2)",
    "Average number of flats sharing a garden",
)
_GARDEN_TOTAL = _GARDEN_HOUSES[:5]
_GARDEN_SOURCE = (
    "Source: Ordnance Survey",
    "© Crown copyright and database rights 2020 OS 100019153",
)
_GARDEN_README = (
    "Private outdoor space data",
    "Great Britain",
    None,
    "SYNTHETIC demo data: aggregated from invented address records, not OS AddressBase Plus.",
    None,
    "Private outdoor space data by:",
    "Country",
    "Region",
    "Local Authority District",
    "Middle Layer Super Output Area",
    None,
    None,
    *_GARDEN_SOURCE,
)
_SCOTTISH_ZONES = (("S02900001", "Mocklothian North"), ("S02900002", "Mocklothian South"))
_PERCENT = "0%"


class _Gardens:
    """One area's addresses and private outdoor space, houses and flats apart; areas add up."""

    def __init__(self, parts: Sequence[float] = (0.0,) * 7) -> None:
        (
            self.houses,
            self.houses_with_space,
            self.houses_area,
            self.flats,
            self.flats_with_space,
            self.flats_area,
            self.flat_spaces,
        ) = parts

    def __add__(self, other: _Gardens) -> _Gardens:
        return _Gardens([a + b for a, b in zip(self.parts, other.parts, strict=True)])

    @property
    def parts(self) -> list[float]:
        return [
            self.houses,
            self.houses_with_space,
            self.houses_area,
            self.flats,
            self.flats_with_space,
            self.flats_area,
            self.flat_spaces,
        ]

    def total(self) -> list[Any]:
        """The total block: addresses, with space, area, share, average size per space."""
        addresses = int(self.houses + self.flats)
        with_space = int(self.houses_with_space + self.flats_with_space)
        area = round(self.houses_area + self.flats_area, 1)
        spaces = self.houses_with_space + self.flat_spaces
        return [
            addresses,
            with_space,
            cell_number(area),
            round(with_space / addresses, 3),
            cell_number(round(area / spaces, 1)),
        ]

    def by_type(self, median_share: float) -> list[Any]:
        """Houses (with a median size), flats (with shared spaces and flats per garden), total."""
        houses = [
            int(self.houses),
            int(self.houses_with_space),
            cell_number(round(self.houses_area, 1)),
            round(self.houses_with_space / self.houses, 3),
            cell_number(round(self.houses_area / self.houses_with_space, 1)),
            cell_number(round(self.houses_area / self.houses_with_space * median_share, 1)),
        ]
        flats = [
            int(self.flats),
            int(self.flats_with_space),
            cell_number(round(self.flats_area, 1)),
            int(self.flat_spaces),
            round(self.flats_with_space / self.flats, 3),
            cell_number(round(self.flats_area / self.flat_spaces, 1)),
            round(self.flats_with_space / self.flat_spaces, 1),
        ]
        return houses + flats + self.total()


def _msoa_gardens(rng: random.Random, district: District, lsoas: int) -> _Gardens:
    """Whole addresses: houses nearly all have a garden, flats less often and share theirs;
    gardens are larger in the country."""
    addresses = lsoas * rng.randint(560, 820)
    flat_share = min(0.85, max(0.04, 0.08 + 0.55 * district.urban + rng.gauss(0.0, 0.06)))
    flats = round(addresses * flat_share)
    houses = addresses - flats
    houses_with_space = round(houses * rng.uniform(0.93, 0.99))
    flats_with_space = round(flats * rng.uniform(0.45, 0.85))
    flat_spaces = max(1, round(flats_with_space / rng.uniform(2.5, 4.5)))
    size = 420.0 - 250.0 * district.urban
    return _Gardens(
        [
            houses,
            houses_with_space,
            round(houses_with_space * size * rng.uniform(0.8, 1.2), 1),
            flats,
            flats_with_space,
            round(flat_spaces * size * rng.uniform(0.7, 1.3), 1),
            flat_spaces,
        ]
    )


def _garden_space_xlsx(world: World) -> bytes:
    """ONS's workbook: a readme, then countries, regions, districts (April 2020, by name) and MSOAs
    2011 with Scotland's intermediate zones (by code), every level the sum of the one below."""
    rng = random.Random(f"{world.seed}:garden-space")
    msoa11, _ = world.msoas
    lsoas_in: dict[str, int] = {}
    for lsoa in world.geography.lsoa11:
        lsoas_in[msoa_name(lsoa.name)] = lsoas_in.get(msoa_name(lsoa.name), 0) + 1
    msoas: list[tuple[str, str, District, _Gardens]] = [
        (
            msoa.code,
            msoa.name,
            msoa.district,
            _msoa_gardens(rng, msoa.district, lsoas_in[msoa.name]),
        )
        for msoa in msoa11
    ]
    scotland = next(d for d in DISTRICTS if d.code[0] == "S")
    msoas += [
        (code, name, scotland, _msoa_gardens(rng, scotland, 4)) for code, name in _SCOTTISH_ZONES
    ]
    msoas.sort(key=lambda row: row[0])
    by_district: dict[str, _Gardens] = {}
    for _, _, district, gardens in msoas:
        by_district[district.code] = by_district.get(district.code, _Gardens()) + gardens
    districts = sorted(
        (d for d in DISTRICTS if d.code in by_district), key=lambda d: d.name.casefold()
    )
    lad_rows = [[d.code, d.name, *by_district[d.code].total()] for d in districts]
    msoa_rows = [[code, name, *gardens.total()] for code, name, _, gardens in msoas]

    countries = [(ENGLAND, "E"), (SCOTLAND, "S"), (WALES, "W")]
    by_country = {
        prefix: sum((by_district[d.code] for d in districts if d.code[0] == prefix), _Gardens())
        for _, prefix in countries
    }
    great_britain = sum(by_country.values(), _Gardens())
    type_header = ["Property type: Houses", "Property type: Flats", "Property type: Total"]
    measures = [*_GARDEN_HOUSES, *_GARDEN_FLATS, *_GARDEN_TOTAL]

    def typed_sheet(lead: Sequence[str], rows: list[list[Any]]) -> list[tuple[str, Any, Any]]:
        from openpyxl.utils import get_column_letter

        cells: list[tuple[str, Any, Any]] = []
        first = len(lead) + 1
        for offset, label in zip(
            (0, len(_GARDEN_HOUSES), len(_GARDEN_HOUSES) + len(_GARDEN_FLATS)),
            type_header,
            strict=True,
        ):
            cells.append((f"{get_column_letter(first + offset)}1", label, None))
        for column, label in enumerate([*lead, *measures], start=1):
            row = 1 if column <= len(lead) else 2
            cells.append((f"{get_column_letter(column)}{row}", label, None))
        for row_number, values in enumerate(rows, start=3):
            for column, value in enumerate(values, start=1):
                if value is not None:
                    cells.append((f"{get_column_letter(column)}{row_number}", value, None))
        below = 3 + len(rows) + 1
        for offset, line in enumerate(_GARDEN_SOURCE):
            cells.append((f"A{below + offset}", line, None))
        return cells

    median = rng.uniform(0.55, 0.6)
    country_rows = [[None, "Great Britain", *great_britain.by_type(median)]]
    country_rows += [[code, name, *by_country[p].by_type(median)] for (code, name), p in countries]
    regions: dict[tuple[str, str], _Gardens] = {}
    for district in districts:
        if district.region is not None:
            regions[district.region] = (
                regions.get(district.region, _Gardens()) + by_district[district.code]
            )
    region_rows = [[None, None, None, "Great Britain", *great_britain.by_type(median)]]
    region_rows += [
        [*ENGLAND, code, name, *gardens.by_type(median)]
        for (code, name), gardens in regions.items()
    ]
    region_rows += [
        [*SCOTLAND, "S15000001", SCOTLAND[1], *by_country["S"].by_type(median)],
        [*WALES, "W08000001", WALES[1], *by_country["W"].by_type(median)],
    ]
    readme = [(f"A{row}", line, None) for row, line in enumerate(_GARDEN_README, 1) if line]
    percent = [None] * 5 + [_PERCENT]
    return xlsx_bytes(
        [
            Sheet(_GARDEN_SHEETS[0], cells=readme),
            Sheet(_GARDEN_SHEETS[1], cells=typed_sheet(["Country code", "Country"], country_rows)),
            Sheet(
                _GARDEN_SHEETS[2],
                cells=typed_sheet(
                    ["Country code", "Country name", "Region code", "Region name"], region_rows
                ),
            ),
            Sheet(sheet_name(GARDENS_LAD), header(GARDENS_LAD), lad_rows, formats=percent),
            Sheet(sheet_name(GARDENS_MSOA), header(GARDENS_MSOA), msoa_rows, formats=percent),
        ]
    )
