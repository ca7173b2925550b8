"""Synthetic demo files: every catalog source, in its publisher's exact layout, for a fake country.

`ensure_demo_files(folder)` writes one file per source under its published file name, so the demo
run lands, reads and joins them exactly as it would the real downloads. What is copied from the real
files is only their LAYOUT: file names, sheet names and order, header text and column order (including
columns the catalog does not list), encodings (Windows-1252, UTF-8 with BOM), quoting and line
endings. Every code, name and number is invented:

- 300 English LSOAs (2011) coded E019xxxxx and 40 Welsh ones coded W019xxxxx (real codes stop near
  E01035xxx / W01002xxx, so they never collide), in 7 English and 2 Welsh fake districts with
  real-format but unused codes (E06009901, W06009901, ...). Two English districts merge into a new
  unitary authority in April 2023 (so LAD19 = LAD22 differs from LAD23, as for North Yorkshire).
- The LSOA 2011 -> 2021 lookup has every change type: U (unchanged), S (split), M (merged) and one
  X group (two 2011 LSOAs x two 2021 LSOAs). New 2021 LSOAs are coded E0195xxxx / W0195xxxx.
- The IoD2019 files agree with one another: File 9 holds exponentially transformed domain scores,
  the IMD score is their weighted sum (weights as published), and every rank and decile in Files 1,
  2 and 3 and the ONS IMD lookup is computed from them over the synthetic N. File 7 (all scores,
  ranks, deciles and denominators) agrees with them, scores ordered as the ranks.
- MSOAs are named as ONS names them, by the LSOA name without its final letter. MSOA 2011 codes
  are E029xxxxx / W029xxxxx; in 2021 an MSOA whose LSOAs did not change keeps its code (as ONS
  kept them) and a changed one gets a new E0295xxxx / W0295xxxx code.
- Census 2021 (TS054 tenure, TS019 migrant indicator, TS016 length of residence) is drawn per
  LSOA 2021 and Census 2011 (QS405EW tenure) per LSOA 2011, leaning with IMD deprivation; every
  row's categories add up to its total. 2011 MSOAs are exact sums of their LSOAs; TS054's higher
  levels imitate cell-key perturbation (each cell within 3 of the exact sum of its LSOAs).
- Mid-2019 populations follow File 6's mid-2015 ones, plus a few Scottish data zones and Northern
  Irish super output areas, as in the UK-wide compilation.
- Six 360Giving grant files, one per grant source, from invented funders to invented recipients
  (charity numbers 1990000 up and company numbers 19900000 up, beyond any yet issued). Recipients
  have made-up postcodes in area ZY (`demo_postcodes`: ZY1..ZY9, one postcode district per demo
  district, each postcode in one LSOA 2021), some mistyped as publishers type them. Beneficiary
  locations use the demo codes: LSOA 2011 (changed ones included), wards, districts. Each file
  keeps its real counterpart's quirks: BST midnight as UTC, swapped geoCode/geoCodeType, bare LF
  in a CRLF CSV, date-only award dates, a grant in USD, a placeholder recipient id, and two
  Lloyds-layout grants that break the standard's required rules. One grant
  (`DUPLICATE_GRANT_ID`) is in two files, as funders' grants are in aggregators' files.
- Places (`build_places`): every demo LSOA 2011 and 2021 has a centroid inside England or Wales
  (LSOAs of an MSOA together, a split LSOA's parts beside their parent, a merged one between its
  parents), and every demo postcode a point within 350 m of its LSOA's centroid. The LSOA
  centroid file, the postcode directory (ONSPD layout: every demo postcode with its LSOA 2011
  and 2021 and 2023 district, plus terminated ones and one without a grid reference) and its
  Trafford Data Lab subset are written from them. Trafford Data Lab's LSOA 2021 boundaries
  (`build_lsoa21_boundaries`) are rectangles tiling a box round Mockchester, cut so that each
  holds its LSOA's centroid and its libraries' points (so point-in-polygon agrees with them).
- Social infrastructure: one set of libraries (`build_libraries`), spread over each English
  district so that every LSOA has an open one within a few km, some closed (2012, 2019),
  replaced (2014), temporarily closed (2016) or new (2018), listed in the 2016 geocoded list
  (with catchment figures from the demo IoD), the 2023 list (authority = the demo upper tier's
  name) and the Greater Manchester list (the Mockchester ones); GP practices and other
  prescribing cost centres (epraccur, headerless, in its zip); charities; pubs and bars by
  district 2001-2018 (legacy .xls written with xlwt, the districts of 2018); ONS subnational
  indicators (Windows-1252, well-being for 2020/21) on the district codes of 2022, with one
  district left out of one indicator (`SURVEY_LEFT_OUT`) and one value published as 'NA'.
  Assets are placed by `demo_postcodes`. The two Trafford Data Lab files' suites pin Trafford's
  real code and name, so those files carry Mockchester under them (`TRAFFORD_LABEL`), and so
  does the boundary file ('Trafford 001A' for Mockchester 001A, as the postcode subset names it).
- Funding allocations (`build_allocation_files`), naming the demo districts by their LADNM of
  2020-2022 (the two merged in 2023 by their own names): Arts Council Culture Recovery Fund awards
  to invented arts organisations over three sheets (a 'Strand' column only on the first, one
  name typed as a number, two organisations of one name in two districts, a few Welsh and
  Scottish applicants) and a 'Headline Data' sheet whose totals are plain values equal to the
  sheet sums; Project Grants 2019/20 below a title and an instruction row, with real Excel award
  dates, two empty columns in the used range and two artists abroad ('Overseas', matching no
  district); the Levelling Up Fund list of the Great Britain districts by priority category
  (most deprived third 1), one Welsh name misspelt (`LUF_MISSPELT`).

- IoD2025 (`ingest.demo_iod2025`): every IoD2025 file in its published layout on the demo LSOAs
  2021, ranks drawn from each LSOA's IoD2019 deprivation, all files agreeing with one another.
- The UK nations (`ingest.demo_uk_deprivation`): WIMD 2019 on the Welsh demo LSOAs, SIMD 2020v2 on
  the Scottish data zones (workbook and CSV export), NIMDM 2017 on the Northern Irish SOAs (.xls and
  the flat CSV), and the composite UK index over all of them.
- ONS's well-being dataset (APS, every year, 95% confidence limits, '[x]' suppression), one district
  suppressed in one year (`WELLBEING_SUPPRESSED_AREA`).

Files are written into a temporary folder that is renamed into place, under a lock, only when the
folder is missing or its `DEMO_VERSION` stamp differs from `DEMO_VERSION` below; bump it whenever
the generated content changes. Generation is deterministic (`random.Random` seeded from `SEED`
only; zip timestamps, of XLSX workbooks and Nomis bulk zips alike, and document properties are
pinned), so two runs give byte-identical files.
"""

from __future__ import annotations

import codecs
import contextlib
import csv
import io
import json
import math
import os
import random
import re
import shutil
import tempfile
import uuid
import zipfile
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta
from pathlib import Path
from statistics import NormalDist, median
from typing import Any

from ingest.catalog_allocations import CRF_SHEETS, LUF_SHEET
from ingest.catalog_assets import (
    CHARITIES_COLUMNS,
    LIBRARIES_2016_COLUMNS,
    LIBRARIES_2023_COLUMNS,
    TRAFFORD_POSTCODES_COLUMNS,
)
from ingest.catalog_legacy import (
    DECILE_SUFFIX,
    IOD2019_DOMAINS,
    IOD2019_FILE7_INDICES,
    IOD2019_IDACI,
    IOD2019_IDAOPI,
    QS405EW_TENURE,
    RANK_SUFFIX,
    TS016_RESIDENCE,
    TS019_MIGRANT,
    TS054_TENURE,
    iod2019_score_header,
)
from ingest.demo_iod2025 import DEMO_FILES as IOD2025_DEMO_FILES
from ingest.demo_iod2025 import build_iod2025_files
from ingest.demo_uk_deprivation import DEMO_FILES as UK_DEPRIVATION_DEMO_FILES
from ingest.demo_uk_deprivation import build_uk_deprivation_files

DEMO_VERSION = "10"
SEED = 20190926
VERSION_FILE = "DEMO_VERSION"
README_FILE = "README.txt"

# Pinned so that XLSX bytes do not depend on the clock.
_FIXED_TIME = datetime(2019, 9, 26, 9, 30, 0)
_ZIP_TIME = (2019, 9, 26, 9, 30, 0)

FILE_1 = "File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx"
FILE_2 = "File_2_-_IoD2019_Domains_of_Deprivation.xlsx"
FILE_3 = "File_3_-_IoD2019_Supplementary_Indices_-_IDACI_and_IDAOPI.xlsx"
FILE_6 = "File_6_-_IoD2019_Population_Denominators.xlsx"
FILE_7 = "File_7_-_All_IoD2019_Scores__Ranks__Deciles_and_Population_Denominators_3.csv"
FILE_9 = "File_9_-_IoD2019_Transformed_Scores.xlsx"
IMD_LOOKUP = "Index_of_Multiple_Deprivation_(December_2019)_Lookup_in_England.csv"
LSOA11_LSOA21 = "LSOA_2011_to_LSOA_2021_Lookup_E_W.csv"
LSOA21_WARD23 = "LSOA_(2021)_to_Electoral_Ward_(2023)_to_LAD_(2023)_Best_Fit_Lookup_in_EW.csv"
LSOA11_WARD19 = (
    "Lower_Layer_Super_Output_Area_(2011)_to_Ward_(2019)_Lookup_in_England_and_Wales.csv"
)
WARD19_LAD19 = "Ward_to_Local_Authority_District_(December_2019)_Lookup_in_the_United_Kingdom.csv"
LA_ALL_CODES = "la_all_codes.csv"
TS054_ZIP = "census2021-ts054.zip"
TS054_LEVELS = ("ctry", "rgn", "ltla", "msoa", "lsoa")
TS054_METADATA = "metadata/ts054-2021-2.txt"
TS019_ZIP = "census2021-ts019.zip"
TS019_LSOA = "census2021-ts019-lsoa.csv"
TS016_LSOA = "census2021-ts016-lsoa.csv"
QS405EW_MSOA = "QS405EW_tenure-households_msoa2011.csv"
QS405EW_LSOA = "QS405EW_tenure-households_lsoa2011.csv"
POPULATION_2019 = "2019_population.csv"
TRAFFORD_GRANTS = "trafford_council_voluntary_sector_grants_360giving.csv"
OXFORD_GRANTS = "oxford-city-council-grants-awarded-214-15-to-2017-18.csv"
INDIGO_GRANTS = "indigo_trust_360giving_a002400000G4KGJAA3.csv"
LLOYDS_GRANTS = "lloyds_bank_foundation_360giving_2010_2015_a002400000OiDBQAA3.xlsx"
NLCF_GRANTS = "nlcf_awards_for_all_2004_grants_api_fixture.json"
COVID_GRANTS = "360giving_covid19_tracker_grants_data_2020-05-07.json"
SURVEY_INDICATORS = "ons_subnational_indicators_explorer_machine_readable.csv"
WELLBEING_CMD = "wellbeing-local-authority-time-series-v4.csv"
LIBRARIES_2023 = "libraries_england_2023.csv"
LIBRARIES_2016 = "libraries_england_2016_geocoded.csv"
EPRACCUR_ZIP = "epraccur.zip"
EPRACCUR_MEMBER = "epraccur.csv"
PUBS_XLS = "publichousesandbarsbylocalauthority20012018.xls"
CHARITIES = "charities_operating_in_trafford.csv"
GM_LIBRARIES = "gm_libraries.csv"
ONSPD_ZIP = "ONSPD_FEB_2025.zip"
ONSPD_MEMBER = "Data/ONSPD_FEB_2025_UK.csv"
TRAFFORD_POSTCODES = "trafford_postcodes.csv"
LSOA_LATLONG = "lsoa_latlong.csv"
GM_LSOA21_BOUNDARIES = "gm_lsoa21_generalised.geojson"
CRF_WORKBOOK = "ACE_CRF_investment_data_published_020421.xlsx"
PROJECT_GRANTS_WORKBOOK = "ACE_Project_Grants_Awards_201920_0.xlsx"
# The gov.uk attachment's name (the catalog's first layout), not the researcher's re-save.
LUF_WORKBOOK = "Levelling_Up_Fund_list_of_local_authorities_by_priority_category.xlsx"

# source_id -> the file written for it: the first published form (File 2 as XLSX, Census tables
# as the Nomis bulk zip), except TS016, written as the extracted member so that the demo lands
# both forms a Census table is accepted in.
DEMO_FILES: dict[str, str] = {
    "mhclg__iod2019_file1": FILE_1,
    "mhclg__iod2019_file2": FILE_2,
    "mhclg__iod2019_file3": FILE_3,
    "mhclg__iod2019_file6": FILE_6,
    "mhclg__iod2019_file7": FILE_7,
    "mhclg__iod2019_file9": FILE_9,
    "ons__imd2019_lookup": IMD_LOOKUP,
    "ons__lsoa11_lsoa21_lad22": LSOA11_LSOA21,
    "ons__lsoa21_ward23_lad23": LSOA21_WARD23,
    "ons__lsoa11_ward19_lad19": LSOA11_WARD19,
    "ons__ward19_lad19": WARD19_LAD19,
    "drkane__la_all_codes": LA_ALL_CODES,
    **{f"ons__census2021_ts054_{level}": TS054_ZIP for level in TS054_LEVELS},
    "ons__census2021_ts019_lsoa": TS019_ZIP,
    "ons__census2021_ts016_lsoa": TS016_LSOA,
    "ons__census2011_qs405ew_msoa": QS405EW_MSOA,
    "ons__census2011_qs405ew_lsoa": QS405EW_LSOA,
    "mysociety__population_2019": POPULATION_2019,
    "trafford__grants_360giving": TRAFFORD_GRANTS,
    "oxford__grants": OXFORD_GRANTS,
    "indigo_trust__grants_360giving": INDIGO_GRANTS,
    "lloyds_bank_foundation__grants_360giving": LLOYDS_GRANTS,
    "nlcf__awards_for_all_2004_sample": NLCF_GRANTS,
    "threesixtygiving__covid19_tracker_2020": COVID_GRANTS,
    "ons__subnational_indicators": SURVEY_INDICATORS,
    "ons__wellbeing_local_authority": WELLBEING_CMD,
    "acearts__libraries_2023": LIBRARIES_2023,
    "dcms__libraries_2016_geocoded": LIBRARIES_2016,
    # The ODS download (a zip) is the first published form and the one found first by name.
    "nhs_ods__epraccur": EPRACCUR_ZIP,
    "ons__pubs_bars_by_la": PUBS_XLS,
    "trafforddatalab__charities_trafford": CHARITIES,
    "trafforddatalab__gm_libraries": GM_LIBRARIES,
    "ons__postcode_directory": ONSPD_ZIP,
    "trafforddatalab__trafford_postcodes": TRAFFORD_POSTCODES,
    "drkane__lsoa_latlong": LSOA_LATLONG,
    "trafforddatalab__gm_lsoa21_boundaries": GM_LSOA21_BOUNDARIES,
    "acearts__culture_recovery_fund": CRF_WORKBOOK,
    "acearts__project_grants_2019_20": PROJECT_GRANTS_WORKBOOK,
    "mhclg__levelling_up_fund_priority": LUF_WORKBOOK,
    **IOD2025_DEMO_FILES,
    **UK_DEPRIVATION_DEMO_FILES,
}

# ---------------------------------------------------------------------------------------------
# Published layouts (header text exactly as printed by each publisher)
# ---------------------------------------------------------------------------------------------

_RANK = " (where 1 is most deprived)"
_DECILE = " (where 1 is most deprived 10% of LSOAs)"
_IOD_LEAD = [
    "LSOA code (2011)",
    "LSOA name (2011)",
    "Local Authority District code (2019)",
    "Local Authority District name (2019)",
]
_FILE2_DOMAINS = ("Index of Multiple Deprivation (IMD)", *IOD2019_DOMAINS)
# File 9's short domain names, in the order of the IMD weights below.
DOMAINS = (
    "Income",
    "Employment",
    "Education",
    "Health",
    "Crime",
    "Barriers",
    "Living Environment",
)
# IMD 2019 domain weights, in thousandths so the weighted score is exact integer arithmetic.
IMD_WEIGHTS_PER_MILLE = (225, 225, 135, 135, 93, 93, 93)

FILE_1_HEADER = _IOD_LEAD + [
    "Index of Multiple Deprivation (IMD) Rank",
    "Index of Multiple Deprivation (IMD) Decile",
]
FILE_2_HEADER = _IOD_LEAD + [
    f"{name} {kind}{suffix}"
    for name in _FILE2_DOMAINS
    for kind, suffix in (("Rank", _RANK), ("Decile", _DECILE))
]
FILE_3_HEADER = _IOD_LEAD + [
    f"{name} {kind}{suffix}"
    for name in (
        "Index of Multiple Deprivation (IMD)",
        "Income Deprivation Affecting Children Index (IDACI)",
        "Income Deprivation Affecting Older People (IDAOPI)",
    )
    for kind, suffix in (("Rank", _RANK), ("Decile", _DECILE))
]
FILE_6_HEADER = _IOD_LEAD + [
    "Total population: mid 2015 (excluding prisoners)",
    "Dependent Children aged 0-15: mid 2015 (excluding prisoners)",
    "Population aged 16-59: mid 2015 (excluding prisoners)",
    "Older population aged 60 and over: mid 2015 (excluding prisoners)",
    (
        "Working age population 18-59/64: for use with Employment Deprivation Domain "
        "(excluding prisoners)"
    ),
]
# File 6's denominators close File 7; its published header ends with a space after the last one.
FILE_7_HEADER = (
    _IOD_LEAD
    + [
        header
        for index in IOD2019_FILE7_INDICES
        for header in (
            iod2019_score_header(index),
            f"{index} Rank{RANK_SUFFIX}",
            f"{index} Decile{DECILE_SUFFIX}",
        )
    ]
    + FILE_6_HEADER[4:-1]
    + [FILE_6_HEADER[-1] + " "]
)
FILE_9_HEADER = _IOD_LEAD + [f"{name} Score - exponentially transformed" for name in DOMAINS]
IMD_LOOKUP_HEADER = ["LSOA11CD", "LSOA11NM", "LAD19CD", "LAD19NM", "IMD19", "FID"]
LSOA11_LSOA21_HEADER = [
    "LSOA11CD",
    "LSOA11NM",
    "LSOA21CD",
    "LSOA21NM",
    "CHGIND",
    "LAD22CD",
    "LAD22NM",
    "LAD22NMW",
    "ObjectId",
]
LSOA21_WARD23_HEADER = [
    "LSOA21CD",
    "LSOA21NM",
    "LSOA21NMW",
    "WD23CD",
    "WD23NM",
    "WD23NMW",
    "LAD23CD",
    "LAD23NM",
    "LAD23NMW",
    "ObjectId",
]
LSOA11_WARD19_HEADER = ["FID", "LSOA11CD", "LSOA11NM", "WD19CD", "WD19NM", "LAD19CD", "LAD19NM"]
WARD19_LAD19_HEADER = ["FID", "WD19CD", "WD19NM", "LAD19CD", "LAD19NM"]
LA_ALL_CODES_HEADER = [
    "LADCD",
    "LADNM",
    "LADCD_ACTIVE",
    "LADNM_ACTIVE",
    "UTLACD",
    "UTLANM",
    "CAUTHCD",
    "CAUTHNM",
    "RGNCD",
    "RGNNM",
    "CTRYCD",
    "CTRYNM",
    "EWCD",
    "EWNM",
    "GBCD",
    "GBNM",
    "UKCD",
    "UKNM",
    "Current",
    "LAD20CD",
    "LAD20NM",
]

_NOMIS_LEAD = ["date", "geography", "geography code"]
TS054_HEADER = _NOMIS_LEAD + list(TS054_TENURE)
TS019_HEADER = _NOMIS_LEAD + list(TS019_MIGRANT)
TS016_HEADER = _NOMIS_LEAD + list(TS016_RESIDENCE)
QS405EW_HEADER = _NOMIS_LEAD + ["Rural Urban"] + list(QS405EW_TENURE)
POPULATION_2019_HEADER = ["lsoa", "pop"]

# 360Giving flat layouts. The Trafford CSV and the Lloyds workbook use the same 39 standard titles
# in the same order; Oxford puts its own columns among them; Indigo is the early (2015) layout.
GRANT_STANDARD_HEADER = [
    "Identifier",
    "Title",
    "Description",
    "Currency",
    "Amount Applied For",
    "Amount Awarded",
    "Amount Disbursed",
    "Award Date",
    "URL",
    "Planned Dates:Start Date",
    "Planned Dates:End Date",
    "Planned Dates:Duration (months)",
    "Recipient Org:Identifier",
    "Recipient Org:Name",
    "Recipient Org:Charity Number",
    "Recipient Org:Company Number",
    "Recipient Org:Street Address",
    "Recipient Org:City",
    "Recipient Org:County",
    "Recipient Org:Country",
    "Recipient Org:Postal Code",
    "Recipient Org:Description",
    "Recipient Org:Web Address",
    "Beneficiary Location:Name",
    "Beneficiary Location:Country Code",
    "Beneficiary Location:Latitude",
    "Beneficiary Location:Longitude",
    "Beneficiary Location:Geographic Code",
    "Beneficiary Location:Geographic Code Type",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Funding Org:Department",
    "Grant Programme:Code",
    "Grant Programme:Title",
    "Grant Programme:URL",
    "From an open call?",
    "Related Activity",
    "Last modified",
    "Data Source",
]
OXFORD_GRANTS_HEADER = [
    "Grant reference",
    "Identifier",
    "Recipient Org:Name",
    "Recipient Org:Identifier",
    "Recipient Org:Charity Number",
    "Recipient Org:Company Number",
    "Recipient Org:Description",
    "Amount Awarded",
    "Currency",
    "Award Date",
    "Award Year",
    "How Paid",
    "Description",
    "Title",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Beneficiary Location:Name",
    "Beneficiary Location:Geographic Code",
    "Beneficiary Location:Geographic Code Type",
    "Last modified",
    "Data Source",
]
INDIGO_GRANTS_HEADER = [
    "Identifier",
    "Title",
    "Funding Org:Identifier",
    "Funding Org:Name",
    "Recipient Org:Charity Number",
    "Recipient Org:Name",
    "Internal Organisation ID",
    "Currency",
    "Amount Applied For",
    "Amount Awarded",
    "Application Date:Start Date",
    "Award Date",
    "Recipient Org:Street Address",
    "Recipient Org:City",
    "Recipient Org:County",
    "Recipient Org:Postal Code",
    "Recipient Org:Country",
    "Recipient Org:Alternate Name",
    "Recipient Org:Description",
    "Planned Dates:Start Date",
    "Planned Dates:Duration (months)",
    "Planned Dates:End Date",
    "Beneficiary Location:Name",
    "Beneficiary Location:Country Code",
    "Beneficiary Location:Latitude/Longitude",
    "Description",
    "WebAddress",
    "From an open call?",
    "Related Activity:Identifier",
    "Last modified",
    "Recipient Org:Identifier",
]

_FMT_RANK, _FMT_DECILE, _FMT_COUNT, _FMT_SCORE = "#,##0", "0", "#,##0", "0.000"

# ---------------------------------------------------------------------------------------------
# The fake geography
# ---------------------------------------------------------------------------------------------

_ENGLAND = ("E92000001", "England")
_WALES = ("W92000004", "Wales")
_SCOTLAND = ("S92000003", "Scotland")
_NI = ("N92000002", "Northern Ireland")
_EW = ("K04000001", "England and Wales")
_GB = ("K03000001", "Great Britain")
_UK = ("K02000001", "United Kingdom")


@dataclass(frozen=True)
class District:
    code: str
    name: str
    n_lsoa: int = 0  # LSOAs (2011); 0 for districts that only appear in the UK-wide lookups
    welsh_name: str = ""
    region: tuple[str, str] | None = None
    county: tuple[str, str] | None = None  # upper tier when not unitary
    combined_authority: tuple[str, str] | None = None
    successor: str | None = None  # code of the district it became part of (April 2023)
    deprivation: float = 0.0  # mean of the latent deprivation of its LSOAs
    # 0 (rural) to 1 (inner city): drives migration and the share of residents born abroad.
    urban: float = 0.3
    created_2023: bool = False
    lsoa_prefix: str = ""  # LSOA names' district part when not the district name

    @property
    def short_name(self) -> str:
        return self.lsoa_prefix or self.name

    @property
    def country(self) -> tuple[str, str]:
        return {"E": _ENGLAND, "W": _WALES, "S": _SCOTLAND, "N": _NI}[self.code[0]]


_TESTSHIRE = ("E10009901", "Testshire")
_EXAMPLESHIRE = ("E10009902", "Exampleshire")

DISTRICTS: tuple[District, ...] = (
    District(
        "E06009901",
        "Synthetown",
        50,
        region=("E12000001", "North East"),
        combined_authority=("E47009901", "Synthetic Valley"),
        deprivation=0.8,
        urban=0.4,
    ),
    # A comma in the name, as 'Kingston upon Hull, City of' (the CSVs must quote it), whose LSOAs
    # are named by the short form ('Demoford 001A', as 'Kingston upon Hull 001A').
    District(
        "E06009902",
        "Demoford, City of",
        50,
        region=("E12000003", "Yorkshire and The Humber"),
        deprivation=0.4,
        lsoa_prefix="Demoford",
        urban=0.5,
    ),
    District(
        "E08009901",
        "Mockchester",
        50,
        region=("E12000002", "North West"),
        combined_authority=("E47009902", "Greater Mockchester"),
        deprivation=1.0,
        urban=0.7,
    ),
    District(
        "E09009901", "Testwick", 40, region=("E12000007", "London"), deprivation=0.1, urban=1.0
    ),
    District(
        "E07009901",
        "Fakeley",
        40,
        region=("E12000004", "East Midlands"),
        county=_TESTSHIRE,
        deprivation=-0.7,
        urban=0.1,
    ),
    District(
        "E07009902",
        "Samplebury",
        35,
        region=("E12000009", "South West"),
        county=_EXAMPLESHIRE,
        successor="E06009903",
        deprivation=-0.4,
        urban=0.15,
    ),
    District(
        "E07009903",
        "Dummyton",
        35,
        region=("E12000009", "South West"),
        county=_EXAMPLESHIRE,
        successor="E06009903",
        deprivation=-0.1,
        urban=0.25,
    ),
    District(
        "E06009903",
        "Exampleshire",
        region=("E12000009", "South West"),
        created_2023=True,
    ),
    # 'ô' is byte 0xF4 in Windows-1252: the LSOA 2011 -> 2021 lookup is not UTF-8 because of it.
    District("W06009901", "Glanmor", 20, welsh_name="Glan-y-Môr", deprivation=0.3, urban=0.35),
    District(
        "W06009902", "Vale of Testing", 20, welsh_name="Bro Profi", deprivation=-0.2, urban=0.15
    ),
    District("S12009901", "Mocklothian"),
    District("N09009901", "Testadown"),
)
_BY_CODE = {d.code: d for d in DISTRICTS}


@dataclass
class Ward:
    code: str
    name: str
    district: District
    welsh_name: str = ""


@dataclass
class Lsoa11:
    code: str
    name: str
    district: District
    msoa: int
    ward19: Ward | None = None


@dataclass
class Lsoa21:
    code: str
    name: str
    welsh_name: str
    district22: District
    ward23: Ward | None = None


@dataclass
class Geography:
    lsoa11: list[Lsoa11]
    lsoa21: list[Lsoa21]
    # (LSOA11, LSOA21, CHGIND), one per pair as in the ONS lookup
    pairs: list[tuple[Lsoa11, Lsoa21, str]]
    wards19: list[Ward]
    wards23: list[Ward]
    district23: dict[str, District] = field(default_factory=dict)  # LAD22 code -> LAD23

    @property
    def english_lsoa11(self) -> list[Lsoa11]:
        return [lsoa for lsoa in self.lsoa11 if lsoa.code.startswith("E")]


_WARD_WORDS = (
    "Abbey",
    "Beacon",
    "Brookside",
    "Castle",
    "Central",
    "Chapel Fields",
    "Eastgate",
    "Fairfield",
    "Grange",
    "Greenway",
    "Harbour",
    "Highfield",
    "Kingsmead",
    "Longmoor",
    "Market",
    "Meadowbank",
    "Millbrook",
    "Northgate",
    "Oakwood",
    "Parkside",
    "Quarry Hill",
    "Riverside",
    "St Demo's",
    "Southfields",
    "Stonebridge",
    "Townfield",
    "Upperby",
    "Westgate",
    "Woodlands",
    "Yewtree",
)
# Names with a comma (quoted in the CSVs) and an ampersand, as in real ward names.
_WARD_SPECIAL = ("Hill, Dale and Vale", "Brook & Meadow")
_WELSH_WARDS = (
    ("Castle", "Castell"),
    ("Bridge", "Pont"),
    ("Church", "Eglwys"),
    ("Valley", "Cwm"),
    ("Mill", "Melin"),
    ("Riverside", "Glan-yr-afon"),
    ("Meadow", "Dôl"),
    ("Tower", "Tŵr"),
    ("Oakfield", "Maes-y-derw"),
    ("Lakeside", "Glan-llyn"),
    ("Fort", "Caer"),
    ("North", "Gogledd"),
)


def _letters() -> Iterator[str]:
    for index in range(26):
        yield chr(ord("A") + index)


def build_geography(seed: int = SEED) -> Geography:
    """The fake England and Wales: LSOAs 2011 and 2021, wards 2019 and 2023, and how they link."""
    rng = random.Random(seed)
    lsoa11: list[Lsoa11] = []
    wards19: list[Ward] = []
    ward_serial = {"E": 0, "W": 0, "S": 0, "N": 0}
    ward_prefix = {"E": "E059", "W": "W059", "S": "S139", "N": "N089"}

    def new_ward(district: District, name: str, welsh: str = "") -> Ward:
        country = district.code[0]
        ward_serial[country] += 1
        ward = Ward(f"{ward_prefix[country]}{ward_serial[country]:05d}", name, district, welsh)
        wards19.append(ward)
        return ward

    serial = {"E": 0, "W": 0}
    # Ward names are unique within a district, and within districts that will merge.
    name_pools: dict[str, list[tuple[str, str]]] = {}
    for district in DISTRICTS:
        if not district.n_lsoa:
            continue
        country = district.code[0]
        # LSOAs come in MSOAs of 4 to 6, named "<district> 001A", "<district> 001B", ...
        msoa, remaining = 0, district.n_lsoa
        while remaining:
            msoa += 1
            if remaining <= 7:
                size = remaining
            else:
                size = rng.randint(4, 6)
                if remaining - size < 4:
                    size = remaining - 4
            for letter, _ in zip(_letters(), range(size), strict=False):
                serial[country] += 1
                code = f"{country}019{serial[country]:05d}"
                name = f"{district.short_name} {msoa:03d}{letter}"
                lsoa11.append(Lsoa11(code, name, district, msoa))
            remaining -= size
        # Wards (best fit): runs of 3 to 7 consecutive LSOAs.
        members = [lsoa for lsoa in lsoa11 if lsoa.district is district]
        pool_key = district.successor or district.code
        if pool_key not in name_pools:
            if country == "W":
                name_pools[pool_key] = list(_WELSH_WARDS)
            else:
                name_pools[pool_key] = [(word, "") for word in _WARD_WORDS]
            rng.shuffle(name_pools[pool_key])
            if district.code == "E06009902":
                name_pools[pool_key].insert(1, (_WARD_SPECIAL[0], ""))
            if district.code == "E08009901":
                name_pools[pool_key].insert(2, (_WARD_SPECIAL[1], ""))
        names = name_pools[pool_key]
        position = 0
        while position < len(members):
            size = rng.randint(3, 7)
            if len(members) - (position + size) < 3:
                size = len(members) - position
            english, welsh = names.pop(0)
            ward = new_ward(district, english, welsh)
            for lsoa in members[position : position + size]:
                lsoa.ward19 = ward
            position += size
        if district.code == "E06009901":
            # A small ward that no LSOA best-fits to: listed in the ward lookup only (as ~50 real
            # wards are).
            new_ward(district, names.pop(0)[0])
    # Scottish and Northern Irish wards appear only in the UK-wide ward -> LAD lookup.
    for name in ("Mockburgh North", "Mockburgh South"):
        new_ward(_BY_CODE["S12009901"], name)
    for name in ("Testabridge", "Demoglen"):
        new_ward(_BY_CODE["N09009901"], name)

    # --- LSOA 2011 -> 2021 ----------------------------------------------------------------
    used_letters: dict[str, set[str]] = {}
    for lsoa in lsoa11:
        used_letters.setdefault(lsoa.name[:-1], set()).add(lsoa.name[-1])

    new_serial = {"E": 0, "W": 0}

    def new_lsoa21(source: Lsoa11) -> Lsoa21:
        district = source.district
        country = district.code[0]
        new_serial[country] += 1
        code = f"{country}0195{new_serial[country]:04d}"
        prefix = f"{district.short_name} {source.msoa:03d}"
        taken = used_letters.setdefault(prefix, set())
        letter = next(letter for letter in _letters() if letter > max(taken, default="@"))
        taken.add(letter)
        welsh = f"{district.welsh_name} {source.msoa:03d}{letter}" if district.welsh_name else ""
        return Lsoa21(code, f"{prefix}{letter}", welsh, district)

    touched: set[str] = set()
    changes: list[tuple[list[Lsoa11], list[Lsoa21], str]] = []

    def untouched(district_codes: Sequence[str]) -> list[Lsoa11]:
        return [
            lsoa
            for lsoa in lsoa11
            if lsoa.district.code in district_codes and lsoa.code not in touched
        ]

    # X: one complex group across two districts, every 2011 LSOA paired with every 2021 one.
    x_sources = [rng.choice(untouched(["E07009902"])), rng.choice(untouched(["E07009903"]))]
    touched.update(lsoa.code for lsoa in x_sources)
    changes.append((x_sources, [new_lsoa21(lsoa) for lsoa in x_sources], "X"))

    english = [d.code for d in DISTRICTS if d.code[0] == "E" and d.n_lsoa]
    welsh = [d.code for d in DISTRICTS if d.code[0] == "W" and d.n_lsoa]
    # M: 2 or 3 neighbouring LSOAs (same MSOA) merged into one new LSOA.
    for districts, count in ((english, 4), (welsh, 1)):
        for index in range(count):
            candidates = untouched(districts)
            by_msoa: dict[tuple[str, int], list[Lsoa11]] = {}
            for lsoa in candidates:
                by_msoa.setdefault((lsoa.district.code, lsoa.msoa), []).append(lsoa)
            groups = [group for group in by_msoa.values() if len(group) >= 3]
            group = rng.choice(groups)
            size = 3 if index == 0 else rng.choice((2, 2, 3))
            start = rng.randint(0, len(group) - size)
            sources = group[start : start + size]
            touched.update(lsoa.code for lsoa in sources)
            changes.append((sources, [new_lsoa21(sources[0])], "M"))
    # S: one LSOA split into 2 or 3 new ones.
    for districts, count in ((english, 6), (welsh, 1)):
        for index in range(count):
            source = rng.choice(untouched(districts))
            touched.add(source.code)
            size = 3 if index == 0 else rng.choice((2, 2, 3))
            changes.append(([source], [new_lsoa21(source) for _ in range(size)], "S"))

    pairs: list[tuple[Lsoa11, Lsoa21, str]] = []
    lsoa21: list[Lsoa21] = []
    changed_pairs: list[tuple[Lsoa11, Lsoa21, str]] = []
    for lsoa in lsoa11:
        if lsoa.code in touched:
            continue
        welsh_name = ""
        if lsoa.district.welsh_name:
            welsh_name = lsoa.district.welsh_name + lsoa.name[len(lsoa.district.short_name) :]
        same = Lsoa21(lsoa.code, lsoa.name, welsh_name, lsoa.district)
        lsoa21.append(same)
        pairs.append((lsoa, same, "U"))
    for sources, targets, chgind in changes:
        lsoa21.extend(targets)
        changed_pairs.extend((s, t, chgind) for s in sources for t in targets)
    # As in the ONS file: English rows first (unchanged in code order, then changes by new code),
    # then Welsh rows the same way.
    changed_pairs.sort(key=lambda pair: (pair[1].code, pair[0].code))
    ordered: list[tuple[Lsoa11, Lsoa21, str]] = []
    for country in ("E", "W"):
        ordered += [p for p in pairs if p[0].code[0] == country]
        ordered += [p for p in changed_pairs if p[0].code[0] == country]
    pairs = ordered
    lsoa21.sort(key=lambda lsoa: lsoa.code)

    # --- Wards 2023 ----------------------------------------------------------------------------
    # Unchanged districts keep their 2019 wards; the two districts merged in 2023 get new wards,
    # each joining two old ones.
    district23 = {d.code: _BY_CODE[d.successor] if d.successor else d for d in DISTRICTS}
    ward19_to_23: dict[str, Ward] = {}
    wards23: list[Ward] = []
    merged_serial = 0
    for district in DISTRICTS:
        old = [w for w in wards19 if w.district is district and w.code[0] in "EW"]
        if not old:
            continue
        if not district.successor:
            for ward in old:
                ward19_to_23[ward.code] = ward
                wards23.append(ward)
            continue
        successor = _BY_CODE[district.successor]
        for index in range(0, len(old), 2):
            pair = old[index : index + 2]
            merged_serial += 1
            name = " and ".join(w.name for w in pair)
            new = Ward(f"E0591{merged_serial:04d}", name, successor)
            wards23.append(new)
            for ward in pair:
                ward19_to_23[ward.code] = new
    # A new 2021 LSOA best-fits to the ward of its (first) 2011 source in the same district.
    source_of: dict[str, Lsoa11] = {}
    for lsoa_11, lsoa_21, _ in pairs:
        known = source_of.get(lsoa_21.code)
        if known is None or (
            known.district is not lsoa_21.district22 and lsoa_11.district is lsoa_21.district22
        ):
            source_of[lsoa_21.code] = lsoa_11
    for lsoa in lsoa21:
        source = source_of[lsoa.code]
        assert source.ward19 is not None
        lsoa.ward23 = ward19_to_23[source.ward19.code]
    used23 = {lsoa.ward23.code for lsoa in lsoa21 if lsoa.ward23}
    wards23 = [w for w in wards23 if w.code in used23]
    return Geography(lsoa11, lsoa21, pairs, wards19, wards23, district23)


# ---------------------------------------------------------------------------------------------
# IoD2019 values
# ---------------------------------------------------------------------------------------------


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


def build_iod(geography: Geography, seed: int = SEED) -> list[IodRow]:
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


# File 7's published score of each index from its latent deprivation z (about standard normal):
# logistic (floor, span, slope, shift) for the rates and the 0-100 style domain scores, a scale
# factor for the standardised scores (Health, Crime and most sub-domains: negative below the mean).
_FILE7_LOGISTIC = {
    "Income": (0.005, 0.55, 1.2, -1.2),
    "Employment": (0.01, 0.4, 1.2, -1.2),
    "Education, Skills and Training": (0.2, 85.0, 1.0, -0.8),
    "Barriers to Housing and Services": (2.0, 50.0, 1.0, 0.0),
    "Living Environment": (1.0, 75.0, 1.0, -0.6),
    IOD2019_IDACI: (0.005, 0.65, 1.2, -1.0),
    IOD2019_IDAOPI: (0.01, 0.6, 1.1, -1.0),
    "Adult Skills Sub-domain": (0.03, 0.5, 1.0, -0.8),
}
_FILE7_STANDARDISED = {
    "Health Deprivation and Disability": 0.9,
    "Crime": 0.8,
    "Children and Young People Sub-domain": 1.0,
    "Geographical Barriers Sub-domain": 0.9,
    "Wider Barriers Sub-domain": 1.2,
    "Indoors Sub-domain": 1.0,
    "Outdoors Sub-domain": 0.7,
}
# Each sub-domain follows its domain (by position in IodRow.domain_ranks), with its own noise.
_FILE7_SUBDOMAIN_OF = {
    "Children and Young People Sub-domain": 2,
    "Adult Skills Sub-domain": 2,
    "Geographical Barriers Sub-domain": 5,
    "Wider Barriers Sub-domain": 5,
    "Indoors Sub-domain": 6,
    "Outdoors Sub-domain": 6,
}
_FILE7_SUBDOMAIN_NOISE = 0.6


def _file7_score(index: str, z: float) -> float:
    if index in _FILE7_STANDARDISED:
        value = _FILE7_STANDARDISED[index] * z
    else:
        floor, span, slope, shift = _FILE7_LOGISTIC[index]
        value = floor + span / (1.0 + math.exp(-(slope * z + shift)))
    # + 0.0: no "-0.0" in the file.
    return round(value, 3) + 0.0


def iod2019_file7_rows(iod: Sequence[IodRow], seed: int = SEED) -> list[list[Any]]:
    """File 7's rows from the demo IoD: Files 1-3's ranks and deciles, File 6's denominators.

    The IMD score is the weighted sum of File 9's transformed scores, rounded to 3 dp. Every other
    score is a monotone function of the latent deprivation its rank was cut from (read back from
    the rank as a normal score), so a higher score always sits at a smaller rank. The sub-domains,
    absent from the other files, are drawn here from their domain.
    """
    rng = random.Random(f"{seed}:iod2019-file7")
    n = len(iod)
    codes = [row.lsoa.code for row in iod]
    normal = NormalDist()

    def latent(rank: int) -> float:
        return normal.inv_cdf((n - rank + 0.5) / n)

    ranks: dict[str, list[int]] = {
        name: [row.domain_ranks[d] for row in iod] for d, name in enumerate(IOD2019_DOMAINS)
    }
    ranks[IOD2019_IDACI] = [row.idaci_rank for row in iod]
    ranks[IOD2019_IDAOPI] = [row.idaopi_rank for row in iod]
    scores = {index: [_file7_score(index, latent(r)) for r in ranks[index]] for index in ranks}
    for index, domain in _FILE7_SUBDOMAIN_OF.items():
        drawn = [
            latent(row.domain_ranks[domain]) + rng.gauss(0.0, _FILE7_SUBDOMAIN_NOISE) for row in iod
        ]
        ranks[index] = ranks_descending(drawn, codes)
        scores[index] = [_file7_score(index, z) for z in drawn]
    imd = IOD2019_FILE7_INDICES[0]
    ranks[imd] = [row.imd_rank for row in iod]
    scores[imd] = [round(row.imd_score_per_mille / 1_000_000, 3) for row in iod]

    rows = []
    for i, row in enumerate(iod):
        values: list[Any] = _lead(row)
        for index in IOD2019_FILE7_INDICES:
            rank = ranks[index][i]
            values += [_number(scores[index][i]), rank, decile(rank, n)]
        total, children, middle, older, working = row.population
        # File 7 rounds File 6's working-age count to whole people, halves up.
        values += [total, children, middle, older, math.floor(working + 0.5)]
        rows.append(values)
    return rows


# ---------------------------------------------------------------------------------------------
# Census 2011 and 2021 values, and mid-2019 populations
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Msoa:
    code: str
    name: str
    district: District


@dataclass
class Census:
    msoa11: list[Msoa]
    msoa21: list[Msoa]
    # LSOA 2021 code -> TS054 leaves: owns outright, mortgage, shared ownership, council, other
    # social, private landlord, other private, rent free.
    tenure21: dict[str, list[int]]
    # LSOA 2011 code -> QS405EW leaves: owned outright, mortgage, shared ownership, council,
    # other social, private landlord, employer, relative or friend, private other, rent free.
    tenure11: dict[str, list[int]]
    migrant: dict[str, list[int]]  # LSOA 2021 -> TS019 categories (their sum is the total)
    residence: dict[str, list[int]]  # LSOA 2021 -> TS016 categories (their sum is the total)
    population19: dict[str, int]  # LSOA 2011 (E, W), data zone (S) or SOA (NI) -> mid-2019


def msoa_name(lsoa_name: str) -> str:
    """An LSOA's MSOA, by name: 'Synthetown 001A' is in 'Synthetown 001'."""
    return lsoa_name[:-1]


def build_msoas(geography: Geography) -> tuple[list[Msoa], list[Msoa]]:
    """MSOAs of 2011 and 2021. An MSOA whose LSOAs did not change keeps its 2011 code in 2021, as
    ONS kept them; a changed one gets a new code (E0295xxxx, like new LSOAs)."""
    lsoas11: dict[str, set[str]] = {}
    lsoas21: dict[str, set[str]] = {}
    district_of: dict[str, District] = {}
    for lsoa in geography.lsoa11:
        lsoas11.setdefault(msoa_name(lsoa.name), set()).add(lsoa.code)
        district_of[msoa_name(lsoa.name)] = lsoa.district
    for lsoa21 in geography.lsoa21:
        lsoas21.setdefault(msoa_name(lsoa21.name), set()).add(lsoa21.code)
    assert set(lsoas21) == set(lsoas11), "every 2021 LSOA is named after a 2011 MSOA"
    msoa11: list[Msoa] = []
    msoa21: list[Msoa] = []
    serial11 = {"E": 0, "W": 0}
    serial21 = {"E": 0, "W": 0}
    for name, codes in lsoas11.items():
        district = district_of[name]
        country = district.code[0]
        serial11[country] += 1
        old = Msoa(f"{country}029{serial11[country]:05d}", name, district)
        msoa11.append(old)
        if lsoas21[name] == codes:
            msoa21.append(old)
        else:
            serial21[country] += 1
            msoa21.append(Msoa(f"{country}0295{serial21[country]:04d}", name, district))
    return msoa11, msoa21


# Tenure: national shares of households and how each leans with deprivation (log scale).
_TENURE21_BASE = (0.33, 0.30, 0.010, 0.08, 0.09, 0.17, 0.020, 0.002)
_TENURE21_SLOPE = (-0.30, -0.25, 0.0, 0.75, 0.70, 0.30, 0.20, 0.0)
# 2011 has less private renting (it grew by about a third by 2021) and more mortgages.
_TENURE11_BASE = (0.31, 0.33, 0.008, 0.095, 0.083, 0.12, 0.004, 0.012, 0.003, 0.013)
_TENURE11_SLOPE = (-0.30, -0.25, 0.0, 0.75, 0.70, 0.30, 0.0, 0.2, 0.2, 0.1)
# Which 2021 leaf an LSOA's own lean (kept from 2011 to 2021) applies to, per 2011 leaf.
_TENURE11_FROM_21 = (0, 1, 2, 3, 4, 5, 6, 6, 6, 7)
_COUNCIL, _OTHER_SOCIAL = 3, 4
_PRIVATE11 = (5, 6, 7, 8)


def apportion(total: int, weights: Sequence[float]) -> list[int]:
    """`total` split in proportion to `weights`, in whole numbers that add up to `total`
    (largest remainders; ties go to the earlier category)."""
    scale = sum(weights)
    exact = [total * weight / scale for weight in weights]
    parts = [math.floor(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (parts[i] - exact[i], i))
    for index in by_remainder[: total - sum(parts)]:
        parts[index] += 1
    return parts


def _clamp(value: float, low: float, high: float) -> float:
    return min(high, max(low, value))


def build_census(geography: Geography, iod: Sequence[IodRow], seed: int = SEED) -> Census:
    rng = random.Random(seed + 3)
    msoa11, msoa21 = build_msoas(geography)

    # Deprivation as a standard normal score: from the IMD rank in England, drawn in Wales (no IoD).
    n = len(iod)
    deprivation11 = {
        row.lsoa.code: NormalDist().inv_cdf((n - row.imd_rank + 0.5) / n) for row in iod
    }
    for lsoa in geography.lsoa11:
        if lsoa.code not in deprivation11:
            deprivation11[lsoa.code] = lsoa.district.deprivation + rng.gauss(0.0, 1.0)
    # Each LSOA's own lean towards some tenures, kept from 2011 to 2021; and each district's
    # balance of council against housing-association homes (some transferred all their stock).
    lean11 = {lsoa.code: [rng.gauss(0.0, 0.3) for _ in range(8)] for lsoa in geography.lsoa11}
    council_lean = {d.code: rng.uniform(-1.2, 1.2) for d in DISTRICTS if d.n_lsoa}

    sources: dict[str, list[Lsoa11]] = {}
    targets: dict[str, list[Lsoa21]] = {}
    chgind_of: dict[str, str] = {}
    for old, new, chgind in geography.pairs:
        sources.setdefault(new.code, []).append(old)
        targets.setdefault(old.code, []).append(new)
        chgind_of[old.code] = chgind

    tenure21: dict[str, list[int]] = {}
    migrant: dict[str, list[int]] = {}
    residence: dict[str, list[int]] = {}
    households21: dict[str, int] = {}
    for lsoa in geography.lsoa21:
        olds = sources[lsoa.code]
        z = sum(deprivation11[old.code] for old in olds) / len(olds)
        lean = [sum(lean11[old.code][k] for old in olds) / len(olds) for k in range(8)]
        district = lsoa.district22
        urban = district.urban

        residents = rng.randint(1200, 2600)  # aged 1 and over, the TS019 base
        household_size = rng.uniform(max(2.1, residents / 950), min(3.0, residents / 400))
        households = round(residents / household_size)
        households21[lsoa.code] = households
        weights = [
            base * math.exp(slope * z + lean[k] + rng.gauss(0.0, 0.1))
            for k, (base, slope) in enumerate(zip(_TENURE21_BASE, _TENURE21_SLOPE, strict=True))
        ]
        weights[_COUNCIL] *= math.exp(council_lean[district.code])
        weights[_OTHER_SOCIAL] *= math.exp(-council_lean[district.code])
        tenure21[lsoa.code] = apportion(households, weights)

        within_uk = _clamp(0.085 + 0.02 * z + 0.03 * urban + rng.gauss(0.0, 0.015), 0.04, 0.17)
        outside_uk = _clamp(0.004 + 0.015 * urban + 0.003 * z + rng.gauss(0.0, 0.003), 0.0, 0.03)
        student = abs(rng.gauss(0.0, 0.004))
        if rng.random() < 0.04:  # a student quarter
            student += rng.uniform(0.01, 0.03)
        same = 1.0 - within_uk - outside_uk - student
        migrant[lsoa.code] = apportion(residents, (same, student, within_uk, outside_uk))

        # TS016 counts every usual resident, so it also has the babies under 1 that TS019 leaves out.
        all_residents = round(residents * rng.uniform(1.008, 1.014))
        born_abroad = _clamp(0.03 + 0.3 * urban**2 + 0.02 * z + rng.gauss(0.0, 0.02), 0.01, 0.5)
        arrived = [share * math.exp(rng.gauss(0.0, 0.2)) for share in (0.55, 0.18, 0.15, 0.12)]
        scale = born_abroad / sum(arrived)
        residence[lsoa.code] = apportion(
            all_residents, [1.0 - born_abroad, *(share * scale for share in arrived)]
        )

    # 2011 households follow the 2021 LSOAs they became: splits were areas that grew past the
    # LSOA size limit, so a split LSOA had fewer households in 2011 than its parts in 2021.
    tenure11: dict[str, list[int]] = {}
    for old in geography.lsoa11:
        share_of_2021 = sum(
            households21[new.code] / len(sources[new.code]) for new in targets[old.code]
        )
        growth = rng.uniform(0.5, 0.75) if chgind_of[old.code] == "S" else rng.uniform(0.92, 1.0)
        households = round(share_of_2021 * growth)
        z = deprivation11[old.code]
        private_growth = rng.gauss(0.0, 0.25)  # private renting grew unevenly
        weights = []
        for k, (base, slope) in enumerate(zip(_TENURE11_BASE, _TENURE11_SLOPE, strict=True)):
            log_weight = slope * z + lean11[old.code][_TENURE11_FROM_21[k]] + rng.gauss(0.0, 0.1)
            if k in _PRIVATE11:
                log_weight += private_growth
            weights.append(base * math.exp(log_weight))
        weights[_COUNCIL] *= math.exp(council_lean[old.district.code])
        weights[_OTHER_SOCIAL] *= math.exp(-council_lean[old.district.code])
        tenure11[old.code] = apportion(households, weights)

    population19: dict[str, int] = {}
    mid2015 = {row.lsoa.code: row.population[0] for row in iod}
    for old in geography.lsoa11:
        if old.code in mid2015:
            population19[old.code] = round(mid2015[old.code] * rng.uniform(0.97, 1.05))
        else:  # Wales has no File 6 to follow
            population19[old.code] = rng.randint(900, 2900)
    # Scotland's data zones are smaller than LSOAs; one large one shows that only the English
    # and Welsh values carry a thousands separator in the published file.
    for serial, code in enumerate(SCOTTISH_DATA_ZONES, start=1):
        population19[code] = rng.randint(1000, 1300) if serial == 4 else rng.randint(450, 990)
    # NI super output areas: ward code, then S1, S2 for a split ward or W1 for a whole one.
    for code in NI_SUPER_OUTPUT_AREAS:
        population19[code] = rng.randint(1300, 2900)
    return Census(msoa11, msoa21, tenure21, tenure11, migrant, residence, population19)


def ts054_cells(leaves: Sequence[int]) -> list[int]:
    """A TS054 row's 13 counts from its 8 leaves: total, then subtotals before their parts."""
    outright, mortgage, shared, council, other_social, landlord, other_private, rent_free = leaves
    return [
        sum(leaves),
        outright + mortgage,
        outright,
        mortgage,
        shared,
        shared,
        council + other_social,
        council,
        other_social,
        landlord + other_private,
        landlord,
        other_private,
        rent_free,
    ]


def qs405ew_cells(leaves: Sequence[int]) -> list[int]:
    """A QS405EW row's 14 counts from its 10 leaves."""
    (
        outright,
        mortgage,
        shared,
        council,
        other_social,
        landlord,
        employer,
        relative,
        other_private,
        rent_free,
    ) = leaves
    return [
        sum(leaves),
        outright + mortgage,
        outright,
        mortgage,
        shared,
        council + other_social,
        council,
        other_social,
        landlord + employer + relative + other_private,
        landlord,
        employer,
        relative,
        other_private,
        rent_free,
    ]


_PERTURBATIONS = (-3, -2, -1, -1, 0, 0, 0, 0, 0, 1, 1, 2, 3)
_MAX_PERTURBATION = 3


def perturb(leaves: Sequence[int], code: str, seed: int = SEED) -> list[int]:
    """Leaves of a higher-level Census 2021 row, as cell-key perturbation publishes them: each off
    the exact sum by a little, chosen so that no cell of the row (subtotals and total included)
    is more than 3 away from the exact one. Seeded by the area code, so an area published at two
    levels (Wales as region and as country) gets the same numbers, as with real cell keys."""
    rng = random.Random(f"{seed}:{code}")
    exact = ts054_cells(leaves)
    for _ in range(100):
        noisy = [max(0, value + rng.choice(_PERTURBATIONS)) for value in leaves]
        cells = ts054_cells(noisy)
        if all(abs(a - b) <= _MAX_PERTURBATION for a, b in zip(cells, exact, strict=True)):
            return noisy
    return list(leaves)


def _sum_leaves(rows: Sequence[Sequence[int]]) -> list[int]:
    return [sum(column) for column in zip(*rows, strict=True)]


def _nomis_order(district: District, name: str) -> tuple[int, str, str, str]:
    """Nomis lists areas by country, region and district, then by name."""
    region_code = district.region[0] if district.region else ""
    return ("EW".index(district.code[0]), region_code, district.code, name)


# ---------------------------------------------------------------------------------------------
# Writers
# ---------------------------------------------------------------------------------------------


def _csv_bytes(
    header: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    encoding: str = "utf-8",
    bom: bool = False,
    line_end: str = "\n",
    quoting: int = csv.QUOTE_MINIMAL,
) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator=line_end, quoting=quoting)
    writer.writerow(header)
    writer.writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return codecs.BOM_UTF8 + data if bom else data


@dataclass
class _Sheet:
    title: str
    header: Sequence[str] = ()
    rows: Sequence[Sequence[Any]] = ()
    formats: Sequence[str | None] = ()
    text: Sequence[str] = ()  # a text-only sheet: one line per row, in column B from row 2
    # Free-form cells, written first: (coordinate, value, number format or None).
    cells: Sequence[tuple[str, Any, str | None]] = ()
    above: Sequence[Sequence[Any]] = ()  # rows above the header (title rows)
    # Columns of the used range from the header row down: empty cells are written up to this
    # column, as a publisher's sheet has empty columns without a header at its right.
    width: int = 0
    auto_filter: bool = False  # a filter (drop-down menus) on the header row


def _xlsx_bytes(sheets: Sequence[_Sheet]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for spec in sheets:
        sheet = workbook.create_sheet(spec.title)
        for offset, line in enumerate(spec.text):
            if line:
                sheet.cell(row=2 + offset, column=2, value=line)
        for coordinate, value, number_format in spec.cells:
            sheet[coordinate] = value
            if number_format is not None:
                sheet[coordinate].number_format = number_format
        for values in spec.above:
            sheet.append(list(values))
        header_row = 0
        if spec.header:
            sheet.append(list(spec.header))
            header_row = sheet.max_row
        for values in spec.rows:
            sheet.append(list(values))
        for column, number_format in enumerate(spec.formats, start=1):
            if number_format is None:
                continue
            for (cell,) in sheet.iter_rows(min_row=1, min_col=column, max_col=column):
                cell.number_format = number_format
        for row in range(header_row or 1, sheet.max_row + 1) if spec.width else ():
            for column in range(1, spec.width + 1):
                cell = sheet.cell(row=row, column=column)
                if cell.value is None and not cell.has_style:
                    # openpyxl leaves out an empty cell without a style; Excel's default
                    # alignment, set explicitly, keeps it in the file (and the used range).
                    cell.alignment = Alignment(vertical="bottom")
        if spec.auto_filter and header_row:
            last = get_column_letter(len(spec.header))
            sheet.auto_filter.ref = f"A{header_row}:{last}{sheet.max_row}"
    props = workbook.properties
    props.creator = props.lastModifiedBy = "placeindex demo generator (synthetic data)"
    props.title = "SYNTHETIC demo data - not official statistics"
    props.created = props.modified = _FIXED_TIME
    buffer = io.BytesIO()
    workbook.save(buffer)
    return _pin_zip(buffer.getvalue())


def _pin_zip(data: bytes) -> bytes:
    """Rewrite an XLSX zip with fixed member timestamps and a fixed modified date."""
    stamp = _FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ")
    members = []
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = re.sub(
                    rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)",
                    rb"\g<1>" + stamp.encode() + rb"\g<2>",
                    content,
                )
            members.append((info.filename, content))
    return _zip_bytes(members)


def _zip_bytes(members: Sequence[tuple[str, bytes]]) -> bytes:
    """A zip archive of `members` in order, with pinned timestamps and permissions."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for name, content in members:
            pinned = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            pinned.compress_type = zipfile.ZIP_DEFLATED
            pinned.external_attr = 0o600 << 16
            target.writestr(pinned, content)
    return out.getvalue()


def _lead(row: IodRow) -> list[str]:
    lsoa = row.lsoa
    return [lsoa.code, lsoa.name, lsoa.district.code, lsoa.district.name]


def _number(value: float) -> int | float:
    return int(value) if float(value).is_integer() else value


def build_files(seed: int = SEED) -> dict[str, bytes]:
    """Every demo file's name and bytes (README and version stamp included)."""
    geography = build_geography(seed)
    iod = build_iod(geography, seed)
    n = len(iod)
    lead_formats: list[str | None] = [None] * 4
    files: dict[str, bytes] = {}

    files[FILE_1] = _xlsx_bytes(
        [
            _Sheet("Notes"),
            _Sheet(
                "IMD2019",
                FILE_1_HEADER,
                [_lead(r) + [r.imd_rank, decile(r.imd_rank, n)] for r in iod],
                lead_formats + [_FMT_RANK, _FMT_DECILE],
            ),
        ]
    )
    file2_rows = []
    for r in iod:
        values = _lead(r) + [r.imd_rank, decile(r.imd_rank, n)]
        for rank in r.domain_ranks:
            values += [rank, decile(rank, n)]
        file2_rows.append(values)
    files[FILE_2] = _xlsx_bytes(
        [
            _Sheet("Notes"),
            _Sheet(
                "IoD2019 Domains",
                FILE_2_HEADER,
                file2_rows,
                lead_formats + [_FMT_RANK, _FMT_DECILE] * 8,
            ),
        ]
    )
    files[FILE_3] = _xlsx_bytes(
        [
            _Sheet("Notes"),
            _Sheet(
                "IoD2019 IDACI & IDAOPI",
                FILE_3_HEADER,
                [
                    _lead(r)
                    + [
                        r.imd_rank,
                        decile(r.imd_rank, n),
                        r.idaci_rank,
                        decile(r.idaci_rank, n),
                        r.idaopi_rank,
                        decile(r.idaopi_rank, n),
                    ]
                    for r in iod
                ],
                lead_formats + [_FMT_RANK, _FMT_DECILE] * 3,
            ),
        ]
    )
    files[FILE_6] = _xlsx_bytes(
        [
            _Sheet("Terms & Conditions", text=_FILE_6_TERMS),
            _Sheet(
                "Population Denominators",
                FILE_6_HEADER,
                [_lead(r) + [_number(v) for v in r.population] for r in iod],
                lead_formats + [_FMT_COUNT] * 5,
            ),
        ]
    )
    files[FILE_7] = _csv_bytes(FILE_7_HEADER, iod2019_file7_rows(iod, seed))
    files[FILE_9] = _xlsx_bytes(
        [
            _Sheet("Notes"),
            _Sheet(
                "IoD2019 Transformed Scores",
                FILE_9_HEADER,
                [_lead(r) + list(r.transformed) for r in iod],
                lead_formats + [_FMT_SCORE] * 7,
            ),
        ]
    )

    # ONS IMD lookup: FID 1..n over rows in no particular order (as published).
    rng = random.Random(seed + 2)
    shuffled = list(iod)
    rng.shuffle(shuffled)
    files[IMD_LOOKUP] = _csv_bytes(
        IMD_LOOKUP_HEADER,
        [_lead(r) + [r.imd_rank, fid] for fid, r in enumerate(shuffled, start=1)],
    )

    # LSOA 2011 -> 2021 -> LAD 2022: Windows-1252 (Welsh names with 'ô'), LF, no BOM.
    files[LSOA11_LSOA21] = _csv_bytes(
        LSOA11_LSOA21_HEADER,
        [
            [
                old.code,
                old.name,
                new.code,
                new.name,
                chgind,
                new.district22.code,
                new.district22.name,
                new.district22.welsh_name,
                object_id,
            ]
            for object_id, (old, new, chgind) in enumerate(geography.pairs, start=1)
        ],
        encoding="cp1252",
    )

    # LSOA 2021 -> ward 2023 -> LAD 2023: UTF-8 with BOM, LF; rows grouped by district and ward.
    rows_23 = []
    for country in ("E", "W"):
        districts = [d for d in DISTRICTS if d.code[0] == country and not d.successor]
        for district in districts:
            wards = [w for w in geography.wards23 if w.district is district]
            rng.shuffle(wards)
            for ward in wards:
                members = [lsoa for lsoa in geography.lsoa21 if lsoa.ward23 is ward]
                rows_23 += [
                    [
                        lsoa.code,
                        lsoa.name,
                        lsoa.welsh_name,
                        ward.code,
                        ward.name,
                        ward.welsh_name,
                        district.code,
                        district.name,
                        district.welsh_name,
                    ]
                    for lsoa in members
                ]
    files[LSOA21_WARD23] = _csv_bytes(
        LSOA21_WARD23_HEADER,
        [row + [object_id] for object_id, row in enumerate(rows_23, start=1)],
        bom=True,
    )

    # LSOA 2011 -> ward 2019 -> LAD 2019: FID first, rows grouped by ward (not in LSOA order).
    wards19_ew = [w for w in geography.wards19 if w.code[0] in "EW"]
    english_wards = [w for w in wards19_ew if w.code[0] == "E"]
    rng.shuffle(english_wards)
    rows_19 = []
    for ward in english_wards + [w for w in wards19_ew if w.code[0] == "W"]:
        members = [lsoa for lsoa in geography.lsoa11 if lsoa.ward19 is ward]
        rng.shuffle(members)
        rows_19 += [
            [lsoa.code, lsoa.name, ward.code, ward.name, ward.district.code, ward.district.name]
            for lsoa in members
        ]
    files[LSOA11_WARD19] = _csv_bytes(
        LSOA11_WARD19_HEADER, [[fid] + row for fid, row in enumerate(rows_19, start=1)]
    )

    # Ward 2019 -> LAD 2019, UK: England, then Northern Ireland, Scotland, Wales (as published).
    uk_wards = [w for w in english_wards] + [
        w for country in "NSW" for w in geography.wards19 if w.code[0] == country
    ]
    files[WARD19_LAD19] = _csv_bytes(
        WARD19_LAD19_HEADER,
        [
            [fid, w.code, w.name, w.district.code, w.district.name]
            for fid, w in enumerate(uk_wards, start=1)
        ],
    )

    files[LA_ALL_CODES] = _csv_bytes(LA_ALL_CODES_HEADER, _la_all_codes_rows())
    files.update(_census_files(geography, build_census(geography, iod, seed), seed))
    files.update(build_grant_files(geography, seed))
    files.update(build_asset_files(geography, iod, seed))
    files.update(build_allocation_files(geography, seed))
    files.update(build_iod2025_files(geography, iod, seed))
    files.update(build_uk_deprivation_files(geography, iod, seed))
    files[README_FILE] = _README.format(version=DEMO_VERSION, seed=seed).encode("utf-8")
    files[VERSION_FILE] = (DEMO_VERSION + "\n").encode("ascii")
    return files


def _census_files(geography: Geography, census: Census, seed: int) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    lsoa21 = sorted(geography.lsoa21, key=lambda lsoa: lsoa.code)

    # TS054: one member per level. Nomis writes these unquoted (QUOTE_MINIMAL quotes only the
    # names with commas, as the real files do); higher levels are perturbed sums of the LSOAs.
    # Keyed by level too: Wales is both a region and a country under one code.
    by_area: dict[tuple[str, str], list[list[int]]] = {}
    msoa21_code = {msoa.name: msoa.code for msoa in census.msoa21}
    for lsoa in lsoa21:
        district = lsoa.district22
        region = district.region or _WALES
        for level, area in (
            ("msoa", msoa21_code[msoa_name(lsoa.name)]),
            ("ltla", district.code),
            ("rgn", region[0]),
            ("ctry", district.country[0]),
        ):
            by_area.setdefault((level, area), []).append(census.tenure21[lsoa.code])
    levels: dict[str, list[tuple[str, str, list[int]]]] = {
        "lsoa": [(lsoa.name, lsoa.code, census.tenure21[lsoa.code]) for lsoa in lsoa21],
    }
    districts22 = sorted({lsoa.district22.code for lsoa in lsoa21})
    regions = sorted({lsoa.district22.region for lsoa in lsoa21 if lsoa.district22.region})
    for level, areas in (
        ("msoa", [(m.code, m.name) for m in sorted(census.msoa21, key=lambda m: m.code)]),
        ("ltla", [(code, _BY_CODE[code].name) for code in districts22]),
        ("rgn", [*regions, _WALES]),
        ("ctry", [_ENGLAND, _WALES]),
    ):
        levels[level] = [
            (name, code, perturb(_sum_leaves(by_area[level, code]), code, seed))
            for code, name in areas
        ]
    members = [
        (
            f"census2021-ts054-{level}.csv",
            _csv_bytes(
                TS054_HEADER,
                [
                    ["2021", name, code, *ts054_cells(leaves)]
                    for name, code, leaves in levels[level]
                ],
            ),
        )
        for level in TS054_LEVELS
    ]
    members.append((TS054_METADATA, _TS054_METADATA_TEXT.replace("\n", "\r\n").encode("utf-8")))
    files[TS054_ZIP] = _zip_bytes(members)

    # TS019 and TS016: every text field quoted, counts not (QUOTE_NONNUMERIC), in Nomis order.
    nomis_lsoa21 = sorted(lsoa21, key=lambda lsoa: _nomis_order(lsoa.district22, lsoa.name))
    ts019 = _csv_bytes(
        TS019_HEADER,
        [
            [
                "2021",
                lsoa.name,
                lsoa.code,
                sum(census.migrant[lsoa.code]),
                *census.migrant[lsoa.code],
            ]
            for lsoa in nomis_lsoa21
        ],
        quoting=csv.QUOTE_NONNUMERIC,
    )
    files[TS019_ZIP] = _zip_bytes([(TS019_LSOA, ts019)])
    files[TS016_LSOA] = _csv_bytes(
        TS016_HEADER,
        [
            [
                "2021",
                lsoa.name,
                lsoa.code,
                sum(census.residence[lsoa.code]),
                *census.residence[lsoa.code],
            ]
            for lsoa in nomis_lsoa21
        ],
        quoting=csv.QUOTE_NONNUMERIC,
    )

    # QS405EW: quoted like TS019 (the year too); 2011 had no perturbation, so MSOAs are exact sums.
    lsoa11 = sorted(geography.lsoa11, key=lambda lsoa: _nomis_order(lsoa.district, lsoa.name))
    files[QS405EW_LSOA] = _csv_bytes(
        QS405EW_HEADER,
        [
            ["2011", lsoa.name, lsoa.code, "Total", *qs405ew_cells(census.tenure11[lsoa.code])]
            for lsoa in lsoa11
        ],
        quoting=csv.QUOTE_NONNUMERIC,
    )
    msoa11_leaves: dict[str, list[list[int]]] = {}
    for lsoa in lsoa11:
        msoa11_leaves.setdefault(msoa_name(lsoa.name), []).append(census.tenure11[lsoa.code])
    files[QS405EW_MSOA] = _csv_bytes(
        QS405EW_HEADER,
        [
            [
                "2011",
                msoa.name,
                msoa.code,
                "Total",
                *qs405ew_cells(_sum_leaves(msoa11_leaves[msoa.name])),
            ]
            for msoa in sorted(census.msoa11, key=lambda m: _nomis_order(m.district, m.name))
        ],
        quoting=csv.QUOTE_NONNUMERIC,
    )

    # Mid-2019 populations: UTF-8 with BOM; English and Welsh values of 1,000 or more are quoted
    # strings with a thousands separator, Scottish and NI values plain numbers (as published).
    population_rows: list[list[str | int]] = []
    for lsoa in sorted(
        geography.lsoa11, key=lambda lsoa: (lsoa.code[0], lsoa.district.code, lsoa.code)
    ):
        value = census.population19[lsoa.code]
        population_rows.append([lsoa.code, f"{value:,}" if value >= 1000 else value])
    population_rows += [
        [code, value] for code, value in census.population19.items() if code[0] not in "EW"
    ]
    # The compilation ends with the Northern Ireland areas summed again, as the real file does.
    population_rows.append(
        ["Grand Total", sum(v for c, v in census.population19.items() if c.startswith("95"))]
    )
    files[POPULATION_2019] = _csv_bytes(POPULATION_2019_HEADER, population_rows, bom=True)
    return files


_TS054_METADATA_TEXT = """Title: Tenure (SYNTHETIC DEMO DATA)
Description: Synthetic demo data generated by placeindex (ingest/demo.py) in the layout of the Nomis \
bulk download of Census 2021 TS054. Every code, name and number is invented; not official statistics.
Identifier: Tenure
Language: English
"""


def _la_all_codes_rows() -> list[list[str]]:
    rows = []
    for district in sorted(DISTRICTS, key=lambda d: d.code):
        active = _BY_CODE[district.successor] if district.successor else district
        country = district.country
        upper = (active.code, active.name) if district.successor else None
        upper = upper or district.county or (district.code, district.name)
        combined = district.combined_authority or ("", "")
        region = district.region or ("", "")
        in_ew = country in (_ENGLAND, _WALES)
        in_gb = country != _NI
        rows.append(
            [
                district.code,
                district.name,
                active.code,
                active.name,
                *upper,
                *combined,
                *region,
                *country,
                *(_EW if in_ew else ("", "")),
                *(_GB if in_gb else ("", "")),
                *_UK,
                "FALSE" if district.successor else "TRUE",
                active.code,
                active.name,
            ]
        )
    return rows


_FILE_6_TERMS = (
    "SYNTHETIC DEMO DATA - Population denominators for a fake England",
    "",
    "This workbook was generated by placeindex (ingest/demo.py). It copies only the layout of",
    "the published IoD2019 File 6; every code, name and number in it is invented.",
    "It is NOT an official statistic and must not be used as one.",
)

_README = """SYNTHETIC DEMO DATA - NOT OFFICIAL STATISTICS

These files were generated by placeindex (ingest/demo.py, demo version {version}, seed {seed}).
They are synthetic: every code, name and number in them is invented for a small fake England and
Wales, so the pipeline can be run end to end offline. They are not official statistics and must
not be used or cited as such.

Only the LAYOUT of the published files is copied: file names, sheet names and order, header text
and column order, encodings (the LSOA 2011 -> 2021 lookup and the subnational indicators are
Windows-1252, the LSOA 2021 -> ward 2023 lookup, the 2019 populations and the 2023 libraries list
UTF-8 with a byte order mark), quoting, line endings and archive members (the Census 2021 Nomis
bulk zips, epraccur.zip, the ONSPD zip), JSON shape and indentation (the grant files, and the
boundary GeoJSON one feature a line), and the legacy .xls workbook's sheets, title rows and notes
(pubs and bars).

Grant files: every funder, recipient, identifier, charity and company number and amount is
invented. Recipient postcodes are in the made-up area ZY (ZY1..ZY9), which no real postcode uses.

Funding allocation workbooks (Culture Recovery Fund, Project Grants 2019/20, Levelling Up Fund
priority categories): organisations, artists, activities, constituencies, amounts and categories
are invented; local authorities are the demo districts. The Culture Recovery Fund headline totals
are plain values (the publisher's are formulas).

Survey, social infrastructure and postcode files: libraries, GP practices (codes Z9xxxx and
ZYxxxx), charities, pubs, indicator values, postcodes and coordinates are invented; phone numbers
are in Ofcom's drama range (01632 960xxx). The Trafford Data Lab files (charities, Greater
Manchester libraries, Trafford postcodes, Greater Manchester LSOA 2021 boundaries) describe the
demo district Mockchester but keep the labels 'Trafford' / E08000009 that their checks require;
their LSOA, MSOA and ward codes, postcodes and points are demo ones, and the LSOA boundaries are
rectangles. The postcode directory's column order is reconstructed (no real file was available
offline); geographies the demo has no codes for hold ONS pseudo-codes.

Fake code ranges (real codes never use them): LSOA 2011 E019xxxxx / W019xxxxx, new LSOA 2021
E0195xxxx / W0195xxxx, MSOA 2011 E029xxxxx / W029xxxxx, new MSOA 2021 E0295xxxx / W0295xxxx,
wards E059xxxxx / E0591xxxx / W059xxxxx / S139xxxxx / N089xxxxx (and E0598xxxx, wards of a later
recoding that only the lottery grant file gives), districts E06009901.. /
E07009901.. / E08009901 / E09009901 / W06009901.. / S12009901 / N09009901, data zones S019xxxxx,
NI super output areas 95TDxxxx.

Delete this folder to have it written again; it is rewritten whenever the demo version changes.
"""


# ---------------------------------------------------------------------------------------------
# 360Giving grant files
# ---------------------------------------------------------------------------------------------

# Postcodes are made up in one area, ZY: no real postcode area is ZY, but the UK format allows it
# (Z may start an area, Y may follow), so every demo postcode passes ingest.postcodes. Postcode
# district N is the Nth demo district with LSOAs: ZY1 Synthetown ... ZY9 Vale of Testing.
POSTCODE_AREA = "ZY"
_UNIT_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the 20 letters the UK format allows in the inward unit
_POSTCODES_PER_LSOA = 2


def demo_postcodes(geography: Geography) -> dict[str, str]:
    """Made-up postcode ('ZY3 1AB') -> demo LSOA 2021 code, two postcodes for every LSOA 2021.

    The grant files give recipients these postcodes (a few mistyped, as publishers type them), so a
    postcode directory built from this mapping places them in the demo geography.
    """
    postcodes: dict[str, str] = {}
    for number, district in enumerate((d for d in DISTRICTS if d.n_lsoa), start=1):
        lsoas = sorted(
            (lsoa for lsoa in geography.lsoa21 if lsoa.district22.code == district.code),
            key=lambda lsoa: lsoa.code,
        )
        for index, lsoa in enumerate(lsoas):
            # Ten LSOAs to a postcode sector; (LSOA, n) fixes the first unit letter, so every
            # postcode in a sector is different.
            sector = index // 10
            for n in range(_POSTCODES_PER_LSOA):
                first = _UNIT_LETTERS[(index % 10) * _POSTCODES_PER_LSOA + n]
                second = _UNIT_LETTERS[(7 * index + 11 * n + 3 * number) % len(_UNIT_LETTERS)]
                postcodes[f"{POSTCODE_AREA}{number} {sector}{first}{second}"] = lsoa.code
    return postcodes


# Mistyped postcodes as they occur in published grant files. The first three still normalise to
# the postcode; the last two cannot be repaired and must not be geocoded.
def _double_space(postcode: str) -> str:
    return postcode.replace(" ", "  ")


def _letter_o(postcode: str) -> str:
    outward, inward = postcode.split(" ")
    assert inward[0] == "0", postcode
    return f"{outward} O{inward[1:]}"


def _space_in_inward(postcode: str) -> str:
    outward, inward = postcode.split(" ")
    return f"{outward} {inward[0]} {inward[1:]}"


def _extra_letter(postcode: str) -> str:
    return postcode + postcode[-2]


def _truncated(postcode: str) -> str:
    return postcode[:-1]


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
_STREETS = (
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
_ACTIVITIES = (
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
class _Org:
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


def _grant_orgs(
    geography: Geography, postcodes: dict[str, str], seed: int
) -> dict[str, list[_Org]]:
    """Recipient organisations, `_ORGS_PER_DISTRICT` per district (LAD22 code -> orgs)."""
    rng = random.Random(f"{seed}:grant-orgs")
    by_lsoa: dict[str, list[str]] = {}
    for postcode, code in postcodes.items():
        by_lsoa.setdefault(code, []).append(postcode)
    orgs: dict[str, list[_Org]] = {}
    names: set[str] = set()
    serial = 0
    for district in (d for d in DISTRICTS if d.n_lsoa):
        lsoas = sorted(
            (lsoa for lsoa in geography.lsoa21 if lsoa.district22.code == district.code),
            key=lambda lsoa: lsoa.code,
        )
        members: list[_Org] = []
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
                _Org(
                    name=name,
                    lsoa=lsoa,
                    postcode=rng.choice(by_lsoa[lsoa.code]),
                    charity_number=str(_CHARITY_BASE + serial) if charity else "",
                    company_number=str(_COMPANY_BASE + serial) if company else "",
                    street=f"{rng.randint(1, 240)} {rng.choice(_STREETS)}",
                )
            )
        orgs[district.code] = members
    return orgs


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


def _random_day(rng: random.Random, first: date, last: date) -> date:
    return first + timedelta(days=rng.randint(0, (last - first).days))


def _flat_row(header: Sequence[str], values: dict[str, Any], blank: Any = "") -> list[Any]:
    # A misspelt title would silently leave its column blank.
    unknown = set(values) - set(header)
    assert not unknown, unknown
    return [values.get(title, blank) for title in header]


# --- Trafford layout: Mockchester council -------------------------------------------------------

_MOCKCHESTER = "E08009901"
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
    org: _Org
    pence: int
    award_date: date
    hub: bool = False


def _trafford_grants(orgs: list[_Org], seed: int) -> list[_CouncilGrant]:
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
            "Description": f"To run {rng.choice(_ACTIVITIES)}",
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
            "Beneficiary Location:Geographic Code": _MOCKCHESTER,
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
        rows.append(_flat_row(GRANT_STANDARD_HEADER, values))
    # As readr::write_csv writes it: quotes only where needed, CRLF, no BOM.
    return _csv_bytes(GRANT_STANDARD_HEADER, rows, line_end="\r\n")


# --- Oxford layout: Fakeley district council ----------------------------------------------------

_FAKELEY = "E07009901"
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


def _oxford_csv(orgs: list[_Org], seed: int) -> bytes:
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
                    f"Funding was awarded to support {rng.choice(_ACTIVITIES)}.",
                    f"Grant to {org.name}",
                    "GB-LAE-ZFK",
                    "Fakeley District Council",
                    "Fakeley",
                    _FAKELEY,
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
    return _csv_bytes(OXFORD_GRANTS_HEADER, rows, line_end="\r\n")


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


def _indigo_csv(orgs: dict[str, list[_Org]], seed: int) -> bytes:
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
    days = sorted(_random_day(rng, date(2001, 3, 1), date(2015, 3, 31)) for _ in recipients)
    internal_ids = rng.sample(range(3000, 30000), len(recipients))
    internal_of: dict[str, int] = {}
    rows = []
    # Placeholders for recipients the trust had not identified: some UK charities, some abroad.
    dummies = {1, 6, 9, 14, 20, 25, 27, 29}
    for serial, ((org, foreign), day) in enumerate(zip(recipients, days, strict=True), start=1):
        pence = _draw_pence(rng, 2_000, 150_000, 500, odd_share=0.15)
        activity = rng.choice(_ACTIVITIES)
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
    sector_0["Recipient Org:Postal Code"] = _letter_o(sector_0["Recipient Org:Postal Code"])
    last = next(v for v in reversed(uk_rows) if v is not sector_0)
    last["Recipient Org:Postal Code"] = _truncated(last["Recipient Org:Postal Code"])
    return _csv_bytes(
        INDIGO_GRANTS_HEADER,
        [_flat_row(INDIGO_GRANTS_HEADER, values) for values in rows],
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


def _lloyds_xlsx(orgs: dict[str, list[_Org]], seed: int) -> bytes:
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
            award = _random_day(rng, date(year, 1, 5), date(year, 12, 15))
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
                    "Description": f"The grant will fund {rng.choice(_ACTIVITIES)}.",
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
    grants[2][postcode] = _double_space(grants[2][postcode])
    grants[11][postcode] = _double_space(grants[11][postcode])
    grants[20][postcode] = _space_in_inward(grants[20][postcode])
    grants[28][postcode] = _extra_letter(grants[28][postcode])
    grants[33][postcode] = grants[33][postcode].lower()
    grants[36][postcode] = _letter_o(grants[36][postcode])
    # Rows are not in date order in the published workbook.
    rng.shuffle(grants)
    formats: list[str | None] = [None] * len(GRANT_STANDARD_HEADER)
    for title, number_format in (
        ("Amount Awarded", "0.00"),
        ("Award Date", _DMY),
        ("Planned Dates:Start Date", _DMY),
        ("Planned Dates:End Date", _DMY),
        ("Planned Dates:Duration (months)", "0"),
    ):
        formats[GRANT_STANDARD_HEADER.index(title)] = number_format
    return _xlsx_bytes(
        [
            _Sheet(
                "grants",
                GRANT_STANDARD_HEADER,
                [_flat_row(GRANT_STANDARD_HEADER, grant, blank=None) for grant in grants],
                formats,
            )
        ]
    )


# --- NLCF layout: a lottery fund's grants API response ------------------------------------------

_LOTTERY_FUNDER = {"id": "360G-demolottery", "name": "The Demo Lottery Fund"}
_LOTTERY_PER_PAGE = 25
# Local midnight of 1 April 2004 (BST) as the Fund's API serialises it, in UTC.
NLCF_AWARD_DATE = "2004-03-31T23:00:00.000Z"


def _nlcf_json(geography: Geography, orgs: dict[str, list[_Org]], seed: int) -> bytes:
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
        activity = rng.choice(_ACTIVITIES)
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
    return (json.dumps(data, indent=2) + "\n").encode("ascii")


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
    geography: Geography, orgs: dict[str, list[_Org]], duplicate: _CouncilGrant, seed: int
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
        return _random_day(rng, _COVID_FIRST, _COVID_LAST)

    def stamp(when: date, zone: str) -> str:
        return f"{when.isoformat()}T{rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}:00{zone}"

    def description() -> str:
        return f"Emergency funding for {rng.choice(_ACTIVITIES)} during the COVID-19 outbreak."

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
    areas: list[Lsoa11 | District] = [*shire_lsoas, *(_BY_CODE[code] for code in shire)]
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
                    "geoCodeType": _MOCKCHESTER,
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
    ward = next(w for w in geography.wards19 if w.district.code == _MOCKCHESTER)
    relief_locations: list[tuple[str, dict[str, str]]] = [
        ("E06009901", {"name": "Synthetown", "geoCode": "E06009901", "geoCodeType": "UA"}),
        ("E06009902", {"name": "Demoford, City of", "geoCode": "UA", "geoCodeType": "E06009902"}),
        (
            "W06009901",
            {"name": "Glanmor", "geoCode": "Unitary Authorities", "geoCodeType": "W06009901"},
        ),
        ("E09009901", {"name": "Testwick", "geoCode": "E09009901", "geoCodeType": "LONB"}),
        (_MOCKCHESTER, {"name": ward.name, "geoCode": ward.code, "geoCodeType": "WD"}),
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
    return json.dumps({"grants": grants, "last_updated": COVID_LAST_UPDATED}, indent=4).encode(
        "ascii"
    )


def build_grant_files(geography: Geography, seed: int = SEED) -> dict[str, bytes]:
    """The six 360Giving grant files, their recipients placed by `demo_postcodes`."""
    orgs = _grant_orgs(geography, demo_postcodes(geography), seed)
    council = _trafford_grants(orgs[_MOCKCHESTER], seed)
    duplicate = next(grant for grant in council if grant.identifier == DUPLICATE_GRANT_ID)
    return {
        TRAFFORD_GRANTS: _trafford_csv(council, seed),
        OXFORD_GRANTS: _oxford_csv(orgs[_FAKELEY], seed),
        INDIGO_GRANTS: _indigo_csv(orgs, seed),
        LLOYDS_GRANTS: _lloyds_xlsx(orgs, seed),
        NLCF_GRANTS: _nlcf_json(geography, orgs, seed),
        COVID_GRANTS: _covid_json(geography, orgs, duplicate, seed),
    }


# ---------------------------------------------------------------------------------------------
# Places: LSOA centroids and postcode points
# ---------------------------------------------------------------------------------------------

# Each demo district's centre (latitude, longitude), well inside England or Wales; its LSOAs spread
# a few km round it in a city and up to 15 km in a rural district (`_spread_km`).
_DISTRICT_CENTRES: dict[str, tuple[float, float]] = {
    "E06009901": (54.75, -1.60),
    "E06009902": (53.76, -0.45),
    "E08009901": (53.45, -2.30),
    "E09009901": (51.51, -0.12),
    "E07009901": (52.95, -1.10),
    "E07009902": (51.15, -2.85),
    "E07009903": (51.05, -2.45),
    "W06009901": (51.70, -3.90),
    "W06009902": (51.62, -3.35),
}
# The Scottish data zones and NI super output areas of the population file.
SCOTTISH_DATA_ZONES = tuple(f"S01{900000 + serial:06d}" for serial in range(1, 7))
NI_SUPER_OUTPUT_AREAS = ("95TD01S1", "95TD01S2", "95TD02W1", "95TD03S1", "95TD03S2")
_SCOTLAND_CENTRE, _NI_CENTRE = (55.95, -3.20), (54.60, -5.93)
_KM_PER_DEGREE = 111.2
_EARTH_RADIUS_KM = 6371.0088

Point = tuple[float, float]  # (latitude, longitude), WGS84


def _spread_km(district: District) -> float:
    return 2.5 + 12.0 * (1.0 - district.urban) ** 1.5


def _move(point: Point, km_north: float, km_east: float) -> Point:
    lat, lon = point
    east_degree = _KM_PER_DEGREE * math.cos(math.radians(lat))
    return (lat + km_north / _KM_PER_DEGREE, lon + km_east / east_degree)


def _in_disc(rng: random.Random, point: Point, radius_km: float) -> Point:
    distance = radius_km * math.sqrt(rng.random())
    angle = rng.uniform(0.0, 2.0 * math.pi)
    return _move(point, distance * math.cos(angle), distance * math.sin(angle))


def haversine_km(a: Point, b: Point) -> float:
    """Great-circle distance in km between two (latitude, longitude) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * _EARTH_RADIUS_KM * math.asin(math.sqrt(h))


@dataclass
class Places:
    # LSOA 2011 and 2021 code (unchanged codes once), data zone or NI SOA -> geometric centre
    centroids: dict[str, Point]
    # every demo postcode (`demo_postcodes`, plus the terminated ones) -> its point
    postcodes: dict[str, Point]


def build_places(geography: Geography, seed: int = SEED) -> Places:
    """Centroids for every demo LSOA (2011 and 2021) and a point for every demo postcode.

    LSOAs of one MSOA cluster together; a 2021 LSOA that replaced others lies at their mean (a
    merge) or beside its 2011 parent (a split); a postcode lies within 350 m of its LSOA's centre.
    """
    rng = random.Random(f"{seed}:places")
    centroids: dict[str, Point] = {}
    for district in DISTRICTS:
        if not district.n_lsoa:
            continue
        centre, spread = _DISTRICT_CENTRES[district.code], _spread_km(district)
        msoa_points: dict[int, Point] = {}
        for lsoa in geography.lsoa11:
            if lsoa.district is not district:
                continue
            if lsoa.msoa not in msoa_points:
                msoa_points[lsoa.msoa] = _in_disc(rng, centre, spread * 0.8)
            centroids[lsoa.code] = _in_disc(rng, msoa_points[lsoa.msoa], spread * 0.25 + 0.3)
    sources: dict[str, list[Lsoa11]] = {}
    targets = Counter()
    for old, new, _ in geography.pairs:
        sources.setdefault(new.code, []).append(old)
        targets[old.code] += 1
    for lsoa in geography.lsoa21:
        if lsoa.code in centroids:
            continue
        olds = sources[lsoa.code]
        parents = [old for old in olds if msoa_name(old.name) == msoa_name(lsoa.name)] or olds
        point = (
            sum(centroids[old.code][0] for old in parents) / len(parents),
            sum(centroids[old.code][1] for old in parents) / len(parents),
        )
        if any(targets[old.code] > 1 for old in parents):  # one of the parts of a split
            angle = rng.uniform(0.0, 2.0 * math.pi)
            distance = rng.uniform(0.3, 0.9)
            point = _move(point, distance * math.cos(angle), distance * math.sin(angle))
        centroids[lsoa.code] = point
    for codes, centre in (
        (SCOTTISH_DATA_ZONES, _SCOTLAND_CENTRE),
        (NI_SUPER_OUTPUT_AREAS, _NI_CENTRE),
    ):
        for code in codes:
            centroids[code] = _in_disc(rng, centre, 6.0)
    postcodes: dict[str, Point] = {}
    for postcode, code in demo_postcodes(geography).items():
        postcodes[postcode] = _in_disc(rng, centroids[code], 0.35)
    for postcode, code, _ in terminated_postcodes(geography):
        postcodes[postcode] = _in_disc(rng, centroids[code], 0.35)
    return Places(centroids, postcodes)


def terminated_postcodes(geography: Geography) -> list[tuple[str, str, str]]:
    """(postcode, LSOA 2021 code, YYYYMM terminated): one or two per demo district, in sector 9,
    which `demo_postcodes` never uses, so no live demo postcode is terminated."""
    terminated = []
    for number, district in enumerate((d for d in DISTRICTS if d.n_lsoa), start=1):
        lsoas = sorted(
            (lsoa for lsoa in geography.lsoa21 if lsoa.district22.code == district.code),
            key=lambda lsoa: lsoa.code,
        )
        for n in range(1 + number % 2):
            lsoa = lsoas[(7 * number + 13 * n) % len(lsoas)]
            unit = _UNIT_LETTERS[(3 * number + n) % 20] + _UNIT_LETTERS[(5 * n + number) % 20]
            year = 1996 + (number * 5 + n * 11) % 27
            terminated.append((f"{POSTCODE_AREA}{number} 9{unit}", lsoa.code, f"{year}{6:02d}"))
    return terminated


# A postcode the directory lists without a grid reference (as a few thousand real ones are).
NO_GRID_POSTCODE = f"{POSTCODE_AREA}1 9ZZ"


def _r_number(value: float, places: int = 6) -> str:
    """A coordinate as R writes a 6-decimal number: '53.46207', '-2.26046'."""
    text = f"{value:.{places}f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _bng(point: Point) -> tuple[int, int]:
    """Approximate OS National Grid easting and northing (Airy 1830 transverse Mercator; the
    WGS84-to-OSGB36 datum shift of ~100 m is ignored, which is plenty for synthetic points)."""
    a, b, f0 = 6377563.396, 6356256.909, 0.9996012717
    lat0, lon0, n0, e0 = math.radians(49.0), math.radians(-2.0), -100000.0, 400000.0
    lat, lon = math.radians(point[0]), math.radians(point[1])
    e2 = 1 - (b * b) / (a * a)
    n = (a - b) / (a + b)
    sin_lat, cos_lat, tan_lat = math.sin(lat), math.cos(lat), math.tan(lat)
    nu = a * f0 / math.sqrt(1 - e2 * sin_lat**2)
    rho = a * f0 * (1 - e2) / (1 - e2 * sin_lat**2) ** 1.5
    eta2 = nu / rho - 1
    d, s = lat - lat0, lat + lat0
    m = (
        b
        * f0
        * (
            (1 + n + 1.25 * n**2 + 1.25 * n**3) * d
            - (3 * n + 3 * n**2 + 2.625 * n**3) * math.sin(d) * math.cos(s)
            + (1.875 * n**2 + 1.875 * n**3) * math.sin(2 * d) * math.cos(2 * s)
            - (35 / 24) * n**3 * math.sin(3 * d) * math.cos(3 * s)
        )
    )
    dl = lon - lon0
    north = (
        m
        + n0
        + nu / 2 * sin_lat * cos_lat * dl**2
        + nu / 24 * sin_lat * cos_lat**3 * (5 - tan_lat**2 + 9 * eta2) * dl**4
        + nu / 720 * sin_lat * cos_lat**5 * (61 - 58 * tan_lat**2 + tan_lat**4) * dl**6
    )
    east = (
        e0
        + nu * cos_lat * dl
        + nu / 6 * cos_lat**3 * (nu / rho - tan_lat**2) * dl**3
        + nu
        / 120
        * cos_lat**5
        * (5 - 18 * tan_lat**2 + tan_lat**4 + 14 * eta2 - 58 * tan_lat**2 * eta2)
        * dl**5
    )
    return round(east), round(north)


# ---------------------------------------------------------------------------------------------
# Survey, social infrastructure and postcode geography files
# ---------------------------------------------------------------------------------------------


SURVEY_PREAMBLE = (
    "There may be some discrepancies between this data download and the accompanying dataset "
    "caused by rounding issues but these should be insignificant and are unlikely to affect any "
    "further analysis"
)
SURVEY_HEADER = [
    "AREACD",
    "AREANM",
    "Geography",
    "Indicator",
    "Category",
    "Period",
    "Measure",
    "Unit",
    "Value",
    "MAD",
]
# The layout is the catalog's, so demo and reader cannot drift apart.
LIBRARIES_2023_HEADER = list(LIBRARIES_2023_COLUMNS)
# The layout is the catalog's, so demo and reader cannot drift apart.
LIBRARIES_2016_HEADER = list(LIBRARIES_2016_COLUMNS)
# The layout is the catalog's, so demo and reader cannot drift apart.
CHARITIES_HEADER = list(CHARITIES_COLUMNS)
GM_LIBRARIES_HEADER = [
    "name",
    "address",
    "postcode",
    "type",
    "email",
    "website",
    "area_name",
    "area_code",
    "lon",
    "lat",
]
# The ONSPD's columns as the February 2025 release orders them (lat is the 42nd column, 0-based
# 41, where users of that release index it); no real file is available offline to confirm the
# rest of the order, which follows the user guide of the releases around it (bua24 replacing
# bua11 and buasd11).
ONSPD_HEADER = [
    "pcd",
    "pcd2",
    "pcds",
    "dointr",
    "doterm",
    "oscty",
    "ced",
    "oslaua",
    "osward",
    "parish",
    "usertype",
    "oseast1m",
    "osnrth1m",
    "osgrdind",
    "oshlthau",
    "nhser",
    "ctry",
    "rgn",
    "streg",
    "pcon",
    "eer",
    "teclec",
    "ttwa",
    "pct",
    "itl",
    "statsward",
    "oa01",
    "casward",
    "npark",
    "lsoa01",
    "msoa01",
    "ur01ind",
    "oac01",
    "oa11",
    "lsoa11",
    "msoa11",
    "wz11",
    "sicbl",
    "bua24",
    "ru11ind",
    "oac11",
    "lat",
    "long",
    "lep1",
    "lep2",
    "pfa",
    "imd",
    "calncv",
    "icb",
    "oa21",
    "lsoa21",
    "msoa21",
]
TRAFFORD_POSTCODES_HEADER = list(TRAFFORD_POSTCODES_COLUMNS)
LSOA_LATLONG_HEADER = ["LSOACD", "latitude", "longitude", "lsoa11cd"]

# The two Trafford Data Lab files describe Trafford, and their expectation suites pin Trafford's
# real district code and name (and 'Trafford 001A'-style LSOA names). The demo gives them
# Mockchester, the demo's metropolitan district, under those labels; every postcode, LSOA, MSOA
# and ward code and every point in them is a demo one.
TRAFFORD_LABEL = ("E08000009", "Trafford")
_MOCKCHESTER_NUMBER = 3  # postcode district ZY3

_LIBRARY_SERVICE_DOMAIN = "example.org"
# Phone numbers in Ofcom's range for drama (01632 960000 to 960999), never a real line.
_DRAMA_PHONE = "01632 960"


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "", text.lower().split(",")[0])


def _english_districts() -> list[District]:
    return [d for d in DISTRICTS if d.n_lsoa and d.code[0] == "E"]


def _library_authority(district: District, year: int) -> str:
    """The library authority (county or unitary) of a district in `year`."""
    if district.successor and year >= 2023:
        return _BY_CODE[district.successor].name
    return district.county[1] if district.county else district.name


# --- ONS subnational indicators (survey) --------------------------------------------------------

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


def _survey_csv(seed: int) -> bytes:
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
        for county in (_TESTSHIRE, _EXAMPLESHIRE):
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
        for country in (_ENGLAND, _WALES, _SCOTLAND, _NI):
            members = [d.code for d in districts if d.country == country]
            groups.append((country[0], country[1], "Country", members))
        groups.append((*_UK, "Country", [d.code for d in districts]))
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
    body = _csv_bytes(SURVEY_HEADER, rows, encoding="cp1252")
    return (SURVEY_PREAMBLE + "\n\n").encode("cp1252") + body


WELLBEING_CMD_HEADER = [
    "v4_3",
    "Data marking",
    "Lower limit",
    "Upper limit",
    "yyyy-yy",
    "Time",
    "administrative-geography",
    "Geography",
    "measure-of-wellbeing",
    "MeasureOfWellbeing",
    "wellbeing-estimate",
    "Estimate",
]
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


def _wellbeing_cmd_csv(seed: int) -> bytes:
    """ONS's dataset download: one row per area, year, measure and estimate, in no order."""
    rng = random.Random(f"{seed}:wellbeing")
    areas = [(d.code, d.name, d.deprivation) for d in DISTRICTS if not d.successor]
    regions = sorted({d.region for d in DISTRICTS if d.region})
    areas += [(code, name, 0.0) for code, name in regions]
    areas += [(code, name, 0.0) for code, name in (_ENGLAND, _WALES, _SCOTLAND, _NI)]
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
    return _csv_bytes(WELLBEING_CMD_HEADER, rows)


# --- Libraries: one set of demo libraries, listed in the 2016, 2023 and Greater Mockchester files --

_YEARS_2023 = (2010, 2016, 2019, 2021, 2022, 2023)  # the statutory_NN columns
_OPERATION_YEARS = (2016, 2019, 2021, 2022, 2023)  # the operation_NN columns
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
_DAY_PATTERNS = (
    "All Day (continuous)",
    "AM & PM (continuous)",
    "AM & PM (with closure)",
    "PM Only",
    "AM Only",
    "Closed",
)


@dataclass
class _Library:
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
    geography: Geography, places: Places, postcodes: dict[str, str], seed: int = SEED
) -> list[_Library]:
    """Every demo library: static libraries spread over each English district (so every LSOA has
    one within a few km), some closed, replaced or opened since 2010, plus a mobile and a prison
    library that only the 2023 list has."""
    rng = random.Random(f"{seed}:libraries")
    by_lsoa: dict[str, list[str]] = {}
    for postcode, code in postcodes.items():
        by_lsoa.setdefault(code, []).append(postcode)
    libraries: list[_Library] = []
    uprn = 990_100_000_000
    for district in _english_districts():
        lsoas = {
            lsoa.code: lsoa
            for lsoa in sorted(geography.lsoa21, key=lambda lsoa: lsoa.code)
            if lsoa.district22 is district
        }
        events = _LIBRARY_EVENTS[district.code]
        n_open = max(3, len(lsoas) // 10)
        sites = _spread_out(
            [(code, places.centroids[code]) for code in lsoas],
            _DISTRICT_CENTRES[district.code],
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
            library = _Library(
                name=f"{short} Library",
                short_name=short,
                district=district,
                lsoa=lsoa,
                postcode=postcode,
                point=places.postcodes[postcode],
                street=f"{rng.randint(1, 180)} {rng.choice(_STREETS)}",
                place=ward,
                event=event,
                uprn=str(uprn) if rng.random() < 0.7 else "",
                hours=rng.choice((18, 24, 28, 32, 37, 42, 48, 56)) if index else 60,
            )
            run_by = "C" if commissioned else "LA"
            library.operation = dict.fromkeys(_OPERATION_YEARS, run_by)
            if event == "open" and index == 2 and not commissioned:
                handover = 2016 if district.county else 2019
                for year in _OPERATION_YEARS:
                    if year >= handover:
                        library.operation[year] = "CR"
            if event == "closed_2012":
                library.closed, library.closed_code = 2012, "XL"
            elif event == "closed_2019":
                library.closed = 2019
            elif event == "temp_closed":
                library.closed, library.closed_code = 2016, "XLT"
                for year in _OPERATION_YEARS:
                    library.operation[year] = "ICL"
            elif event == "new_2018":
                library.opened = 2018
                library.name = f"{ward} Library and Learning Centre"
                library.short_name = ""  # after the 2016 list
            elif event == "replaced":
                library.closed, library.closed_code = 2014, "XLR"
                other = sorted(by_lsoa[code])[(index + 1) % 2]
                libraries.append(
                    _Library(
                        name=f"{ward} Library and Community Hub",
                        short_name=f"{ward} Hub",
                        district=district,
                        lsoa=lsoa,
                        postcode=other,
                        point=places.postcodes[other],
                        street=f"{rng.randint(1, 180)} {rng.choice(_STREETS)}",
                        place=ward,
                        event="replacement",
                        operation=dict.fromkeys(_OPERATION_YEARS, run_by),
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
        "operation": dict.fromkeys(_OPERATION_YEARS, "LA"),
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


def _library_reporting(library: _Library) -> str:
    if library.event == "prison":
        return _TESTSHIRE[1]
    return _library_authority(library.district, 2023)


def _libraries_2023_csv(libraries: list[_Library], seed: int) -> bytes:
    rng = random.Random(f"{seed}:libraries-2023")
    rows = []
    for library in libraries:
        reporting = _library_reporting(library)
        authority = "" if library.authority_blank else reporting
        if authority.startswith("Demoford"):
            authority = "Demoford, City Of"  # case differs from ONS's name, as in the real list
        values: dict[str, str] = dict.fromkeys(LIBRARIES_2023_HEADER, "")
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
        for year in _OPERATION_YEARS:
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
            for day, pattern in zip(LIBRARIES_2023_HEADER[43:50], days, strict=True):
                values[day] = pattern
            values["hours"] = str(library.hours)
            staffed = library.hours if operation in ("LA", "C") else library.hours // 2
            values["staffed_hours"] = str(staffed)
            values["automated"] = rng.choice(("No", "No", "Yes - Self-service"))
            values["email"] = f"libraries@{_slug(values['reporting'])}.{_LIBRARY_SERVICE_DOMAIN}"
        else:
            values["co_located"] = "N/A"
            for day in LIBRARIES_2023_HEADER[43:52]:
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
    return _csv_bytes(LIBRARIES_2023_HEADER, [list(v.values()) for v in rows], bom=True)


def _libraries_2016_csv(
    libraries: list[_Library], iod: Sequence[IodRow], places: Places, seed: int
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
    return _csv_bytes(LIBRARIES_2016_HEADER, rows)


def _gm_library_point(library: _Library) -> Point:
    """Where the Greater Mockchester list puts a library: its building, within 60 m of its
    postcode's point."""
    return _in_disc(random.Random(f"gm-library:{library.name}"), library.point, 0.06)


def _gm_libraries_csv(libraries: list[_Library]) -> bytes:
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
        if library.district.code != _MOCKCHESTER or not library.open_in(2023):
            continue
        point = _gm_library_point(library)
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
                _r_number(point[1]),
                _r_number(point[0]),
            ]
        )
    return _csv_bytes(GM_LIBRARIES_HEADER, rows)


# --- GP practices and prescribing cost centres (ODS epraccur) -----------------------------------

_NHS_REGION = {  # NHS England region of each English region, W00 for Wales
    "E12000001": "Y63",
    "E12000003": "Y63",
    "E12000002": "Y62",
    "E12000007": "Y56",
    "E12000004": "Y60",
    "E12000009": "Y58",
}
_SURNAMES = (
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
# Prescribing settings of the cost centres that are not GP practices, one per district: out of
# hours, walk-in centre, community health, PCN, other, hospital, hospice, urgent care, prison.
_OTHER_SETTINGS = (2, 1, 9, 26, 0, 10, 13, 12, 25)


def _yyyymmdd(rng: random.Random, first: int, last: int) -> str:
    return _random_day(rng, date(first, 1, 1), date(last, 12, 31)).strftime("%Y%m%d")


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
                    name = f"DR {rng.choice('ABCDEHJKMRS')} {rng.choice(_SURNAMES)}'S PRACTICE"
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
            street = f"{rng.randint(1, 120)} {rng.choice(_STREETS)}".upper()
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
            rows.append(fields)
    rows.sort(key=lambda fields: fields[0])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL).writerows(rows)
    return buffer.getvalue().encode("utf-8")


# --- Pubs and bars by local authority (legacy .xls) ----------------------------------------------

PUBS_SHEETS = ("Notes", "Pubs size LA", "Pubs size employment LA", "Pubs bars LA medians")
PUBS_BANDS = ("Less than 10", "10 or more", "Any number of employees")
PUBS_YEARS = tuple(range(2001, 2019))
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
_PUBS_LEAD = ("Area code", "Area name", "Number of employees in public house or bar")
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
    ("SYNTHETIC DEMO DATA generated by placeindex (ingest/demo.py).", ""),
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
    areas: list[tuple[str, str, list[District]]] = [(*_UK, districts)]
    for country in (_ENGLAND, _WALES, _SCOTLAND, _NI):
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
    import xlwt

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

    book = xlwt.Workbook(encoding="utf-8")
    book.owner = "placeindex demo"
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
        # The header cells span rows 3 and 4, so the row below the header is blank.
        for column, label in enumerate([*lead, *PUBS_YEARS]):
            sheet.write_merge(2, 3, column, column, label)
        row = 4
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
        return [[round(2 * (level + 0.12 * t + rng_m.uniform(-0.5, 0.5))) / 2 for t in range(18)]]

    table_sheet(PUBS_SHEETS[3], _PUBS_TITLES[2], False, medians)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


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


def _charities_csv(geography: Geography, postcodes: dict[str, str], seed: int) -> bytes:
    """Charities whose area of operation includes Mockchester: its registered grant recipients
    and others, about a third with a contact postcode in the district (written as R writes it:
    'NA' for missing, quotes where needed, LF)."""
    rng = random.Random(f"{seed}:charities")
    orgs = _grant_orgs(geography, postcodes, seed)
    by_district: dict[str, list[str]] = {}
    for postcode, code in postcodes.items():
        district = next(lsoa.district22.code for lsoa in geography.lsoa21 if lsoa.code == code)
        by_district.setdefault(district, []).append(postcode)
    wards = [w for w in geography.wards23 if w.district.code == _MOCKCHESTER]
    others = [d.code for d in DISTRICTS if d.n_lsoa and d.code != _MOCKCHESTER]
    rows: list[list[str]] = []
    for org in orgs[_MOCKCHESTER]:
        if not org.charity_number:
            continue
        rows.append(
            [
                org.charity_number,
                f"{int(org.company_number):08d}" if org.company_number else "NA",
                org.name.upper(),
                "Charitable company" if org.company_number else rng.choice(_CHARITY_TYPES),
                f"{org.name} provides {rng.choice(_ACTIVITIES)} for people in Mockchester.",
                _random_day(rng, date(1965, 1, 1), date(2022, 12, 31)).isoformat(),
                f"{org.street}, {org.district.short_name}",
                org.postcode,
            ]
        )
    for serial in range(1, 49):
        ward = rng.choice(wards)
        in_district = serial % 3 == 0
        district = _MOCKCHESTER if in_district else rng.choice(others)
        place = _BY_CODE[district].short_name
        name = rng.choice(_CHARITY_WORDS).format(ward=ward.name, place=place)
        company = rng.random() < 0.25
        activities = rng.choice(
            (
                "NA",
                f"To advance the education of the public in {rng.choice(_ACTIVITIES)}.",
                (
                    f'The charity\'s aim is "{rng.choice(_ACTIVITIES)}" for residents of Mockchester '
                    "and the surrounding area."
                ),
                (
                    f"Grants to individuals in need and to organisations providing "
                    f"{rng.choice(_ACTIVITIES)}"
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
                _random_day(rng, date(1961, 1, 1), date(2023, 6, 30)).isoformat(),
                f"{rng.randint(1, 200)} {rng.choice(_STREETS)}, {ward.name}, {place}",
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
    sector_0[7] = _letter_o(sector_0[7].strip())
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
    return _csv_bytes(CHARITIES_HEADER, completed)


# --- Postcode directory (ONSPD layout), Trafford subset and LSOA centroids ----------------------


@dataclass(frozen=True)
class _PostcodeRecord:
    postcode: str
    lsoa21: Lsoa21 | None
    lsoa11: Lsoa11 | None
    point: Point | None  # None: no grid reference
    introduced: str
    terminated: str = ""


def _postcode_records(
    geography: Geography, places: Places, postcodes: dict[str, str], seed: int
) -> list[_PostcodeRecord]:
    """Every demo postcode, live and terminated, with its LSOAs: a 2021 LSOA's postcodes lie in
    one of the 2011 LSOAs it came from (the nearest to the postcode's point)."""
    rng = random.Random(f"{seed}:postcode-directory")
    lsoa21 = {lsoa.code: lsoa for lsoa in geography.lsoa21}
    parents: dict[str, list[Lsoa11]] = {}
    for old, new, _ in geography.pairs:
        parents.setdefault(new.code, []).append(old)
    records = []
    entries = [(postcode, code, "") for postcode, code in postcodes.items()]
    entries += terminated_postcodes(geography)
    for postcode, code, terminated in entries:
        point = places.postcodes[postcode]
        old = min(
            parents[code],
            key=lambda lsoa: (haversine_km(point, places.centroids[lsoa.code]), lsoa.code),
        )
        introduced = f"{rng.choice((1980, 1980, 1980, 1987, 1994, 2001, 2008, 2015))}{rng.choice((1, 6)):02d}"
        if terminated and introduced >= terminated:
            introduced = "198001"
        records.append(_PostcodeRecord(postcode, lsoa21[code], old, point, introduced, terminated))
    records.append(_PostcodeRecord(NO_GRID_POSTCODE, None, None, None, "199912", "200406"))
    records.sort(key=lambda record: record.postcode)
    return records


# Columns holding GSS codes: ONS pseudo-codes ('E99999999') where the demo has no area of that kind.
_ONSPD_CODE_COLUMNS = tuple(
    column
    for column in ONSPD_HEADER[5:]
    if column
    not in (
        "usertype",
        "oseast1m",
        "osnrth1m",
        "osgrdind",
        "ur01ind",
        "oac01",
        "ru11ind",
        "oac11",
        "lat",
        "long",
        "imd",
    )
)


class _Unquoted(str):
    """A value written without quotes in a QUOTE_NONNUMERIC CSV (the ONSPD's lat, long, imd and
    empty fields): the csv module leaves any value with a float conversion unquoted."""

    def __float__(self) -> float:
        return float(str(self) or "nan")


def _onspd_csv(
    geography: Geography, iod: Sequence[IodRow], records: list[_PostcodeRecord], seed: int
) -> bytes:
    """The ONSPD: header unquoted, text quoted, lat/long/imd as bare numbers (as the ONS writes its
    postcode products); geographies the demo has no codes for hold ONS pseudo-codes."""
    rng = random.Random(f"{seed}:onspd")
    msoa11 = {m.name: m.code for m in build_msoas(geography)[0]}
    msoa21 = {m.name: m.code for m in build_msoas(geography)[1]}
    imd = {row.lsoa.code: row.imd_rank for row in iod}
    welsh = sorted(lsoa.code for lsoa in geography.lsoa11 if lsoa.code[0] == "W")
    wimd = dict(zip(welsh, rng.sample(range(1, len(welsh) + 1), len(welsh)), strict=True))
    lines = [",".join(ONSPD_HEADER)]
    for record in records:
        outward, inward = record.postcode.split(" ")
        values: dict[str, Any] = dict.fromkeys(ONSPD_HEADER, "")
        values |= {
            "pcd": f"{outward:<4}{inward}",
            "pcd2": f"{outward:<5}{inward}",
            "pcds": record.postcode,
            "dointr": record.introduced,
            "doterm": record.terminated,
            "usertype": "1" if record.postcode.endswith(("ZQ", "YX")) else "0",
        }
        if record.lsoa21 is None or record.lsoa11 is None or record.point is None:
            pseudo = "E99999999"
            for column in _ONSPD_CODE_COLUMNS:
                values[column] = pseudo
            values |= {
                "usertype": "0",
                "oseast1m": "",
                "osnrth1m": "",
                "osgrdind": "9",
                "lat": _Unquoted("99.999999"),
                "long": _Unquoted("0.000000"),
                "imd": _Unquoted("0"),
                "ctry": "E92000001",
                "lsoa01": "",
                "msoa01": "",
                "oa01": "",
                "ur01ind": "",
                "oac01": "",
            }
        else:
            district = record.lsoa21.district22
            current = geography.district23[district.code]
            country = district.country[0]
            pseudo = f"{country[0]}99999999"
            east, north = _bng(record.point)
            for column in _ONSPD_CODE_COLUMNS:
                values[column] = pseudo
            values |= {
                "oscty": district.county[0] if district.county else pseudo,
                "oslaua": current.code,
                "osward": record.lsoa21.ward23.code if record.lsoa21.ward23 else pseudo,
                "oseast1m": f"{east:06d}",
                "osnrth1m": f"{north:07d}",
                "osgrdind": "1",
                "ctry": country,
                "rgn": district.region[0] if district.region else pseudo,
                "lsoa11": record.lsoa11.code,
                "msoa11": msoa11[msoa_name(record.lsoa11.name)],
                "lsoa21": record.lsoa21.code,
                "msoa21": msoa21[msoa_name(record.lsoa21.name)],
                "lat": _Unquoted(f"{record.point[0]:.6f}"),
                "long": _Unquoted(f"{record.point[1]:.6f}"),
                "imd": _Unquoted(
                    str(imd.get(record.lsoa11.code) or wimd.get(record.lsoa11.code, 0))
                ),
                "ru11ind": "A1"
                if district.urban >= 0.5
                else ("C1" if district.urban > 0.2 else "D1"),
                "oac11": "",
                "lsoa01": "",
                "msoa01": "",
                "oa01": "",
                "ur01ind": "",
                "oac01": "",
            }
        buffer = io.StringIO()
        # Empty fields bare (',,'), so a live postcode's doterm reads as missing, not as ''.
        csv.writer(buffer, lineterminator="", quoting=csv.QUOTE_NONNUMERIC).writerow(
            [_Unquoted(value) if value == "" else value for value in values.values()]
        )
        lines.append(buffer.getvalue())
    # Line endings of the real file not confirmed offline: LF, as the other ONS lookups here.
    return ("\n".join(lines) + "\n").encode("utf-8")


def _trafford_postcodes_csv(
    geography: Geography, records: list[_PostcodeRecord], places: Places
) -> bytes:
    """Trafford Data Lab's subset of the ONSPD, for Mockchester under Trafford's labels (see
    TRAFFORD_LABEL): live and terminated postcodes (no doterm column), those with a grid
    reference, with ward 2024 (the demo's 2023 wards), MSOA 2021 and a House of Commons
    Library-style MSOA name, and the council's locality."""
    msoa21 = {m.name: m.code for m in build_msoas(geography)[1]}
    centre = _DISTRICT_CENTRES[_MOCKCHESTER]
    hcl_names: dict[str, str] = {}
    taken: set[str] = set()
    for lsoa in sorted(geography.lsoa21, key=lambda lsoa: lsoa.code):
        if lsoa.district22.code != _MOCKCHESTER:
            continue
        code = msoa21[msoa_name(lsoa.name)]
        if code in hcl_names:
            continue
        base = lsoa.ward23.name if lsoa.ward23 else "Mockchester"
        name = base
        for suffix in ("", " North", " South", " East", " West", " Park", " Village"):
            name = base + suffix
            if name not in taken:
                break
        taken.add(name)
        hcl_names[code] = name
    rows = []
    for record in records:
        if record.lsoa21 is None or record.point is None:
            continue
        if record.lsoa21.district22.code != _MOCKCHESTER:
            continue
        lsoa = record.lsoa21
        north_km = (places.centroids[lsoa.code][0] - centre[0]) * _KM_PER_DEGREE
        east_km = haversine_km((centre[0], centre[1]), (centre[0], places.centroids[lsoa.code][1]))
        if places.centroids[lsoa.code][1] < centre[1]:
            east_km = -east_km
        # The council's four localities, by where the LSOA lies from the district's centre.
        if abs(east_km) > abs(north_km):
            locality = "West" if east_km < 0 else "Central"
        else:
            locality = "North" if north_km > 0 else "South"
        assert lsoa.ward23 is not None
        msoa = msoa21[msoa_name(lsoa.name)]
        rows.append(
            [
                record.postcode,
                lsoa.ward23.code,
                lsoa.ward23.name,
                msoa,
                hcl_names[msoa],
                lsoa.code,
                TRAFFORD_LABEL[1] + lsoa.name[len(lsoa.district22.short_name) :],
                locality,
                *TRAFFORD_LABEL,
                _r_number(record.point[1]),
                _r_number(record.point[0]),
            ]
        )
    return _csv_bytes(TRAFFORD_POSTCODES_HEADER, rows)


def _lsoa_latlong_csv(places: Places) -> bytes:
    """One geometric centre per LSOA 2011 and 2021 code (the union; unchanged codes once), data
    zone and NI super output area, in code order; lsoa11cd repeats LSOACD, as in the real file."""
    rows = [
        [code, repr(point[0]), repr(point[1]), code]
        for code, point in sorted(places.centroids.items())
    ]
    return _csv_bytes(LSOA_LATLONG_HEADER, rows)


# --- LSOA 2021 boundaries (Trafford Data Lab's Greater Manchester GeoJSON) ---------------------

GM_LSOA21_COLLECTION = "gm_lsoa_generalised"  # the collection's name in the real file
_CRS84 = "urn:ogc:def:crs:OGC:1.3:CRS84"
_BOUNDARY_MARGIN_KM = 0.5  # beyond the outermost Mockchester point, all round

Box = tuple[float, float, float, float]  # (south, west, north, east): latitudes and longitudes


def _cut(below: float, above: float) -> float:
    """A short number strictly between two coordinates: their midpoint, rounded to the fewest
    decimals (4 at least, about 10 m) that keep it strictly between them."""
    middle = (below + above) / 2
    for decimals in range(4, 16):
        cut = round(middle, decimals)
        if below < cut < above:
            return cut
    return middle


def _aspect(box: Box) -> float:
    """How elongated a box is: its longer side over its shorter, on the ground."""
    south, west, north, east = box
    height = (north - south) * _KM_PER_DEGREE
    width = (east - west) * _KM_PER_DEGREE * math.cos(math.radians((north + south) / 2))
    return max(height / width, width / height)


def _guillotine(anchors: dict[str, list[Point]], box: Box, out: dict[str, Box]) -> None:
    """Cut `box` in two, again and again, by straight lines (a parallel or a meridian) that keep
    every LSOA's anchor points on one side, until each piece holds one LSOA's: the pieces tile the
    box, with no gap or overlap, and each holds its own LSOA's points strictly inside. Of the cuts
    that separate, the one whose more elongated half is the least so (no slivers)."""
    codes = sorted(anchors)
    if len(codes) == 1:
        out[codes[0]] = box
        return
    south, west, north, east = box
    best: tuple[tuple[float, int, int], list[str], list[str], tuple[Box, Box]] | None = None
    for axis in (0, 1):  # 0: cut along a parallel (a latitude), 1: along a meridian
        low = {code: min(point[axis] for point in anchors[code]) for code in codes}
        high = {code: max(point[axis] for point in anchors[code]) for code in codes}
        order = sorted(codes, key=lambda code: (low[code], code))
        for k in range(1, len(order)):
            below = max(high[code] for code in order[:k])
            above = min(low[code] for code in order[k:])
            if not below < above:
                continue
            cut = _cut(below, above)
            if axis == 0:
                halves = ((south, west, cut, east), (cut, west, north, east))
            else:
                halves = ((south, west, north, cut), (south, cut, north, east))
            score = (max(map(_aspect, halves)), abs(2 * k - len(order)), axis)
            if best is None or score < best[0]:
                best = (score, order[:k], order[k:], halves)
    if best is None:
        raise ValueError(f"demo boundaries: no straight cut separates the LSOAs {codes}")
    _, first, second, halves = best
    _guillotine({code: anchors[code] for code in first}, halves[0], out)
    _guillotine({code: anchors[code] for code in second}, halves[1], out)


def build_lsoa21_boundaries(
    geography: Geography, places: Places, libraries: list[_Library]
) -> dict[str, Box]:
    """A rectangle per Mockchester LSOA 2021 (the district the Trafford Data Lab files carry):
    together they tile a box round the district (no gaps, no overlaps), and each holds its LSOA's
    centroid and every library of that LSOA, where the 2016 list and the Greater Mockchester list
    put it, strictly inside (so a point-in-polygon test agrees with the libraries' postcodes)."""
    lsoas = [lsoa.code for lsoa in geography.lsoa21 if lsoa.district22.code == _MOCKCHESTER]
    anchors: dict[str, list[Point]] = {code: [places.centroids[code]] for code in lsoas}
    for library in libraries:
        if library.district.code == _MOCKCHESTER:
            anchors[library.lsoa.code] += [library.point, _gm_library_point(library)]
    postcodes = demo_postcodes(geography)
    points = [point for code in lsoas for point in anchors[code]] + [
        places.postcodes[postcode]
        for postcode, code in [
            *postcodes.items(),
            *(t[:2] for t in terminated_postcodes(geography)),
        ]
        if code in anchors
    ]
    lat_margin = _BOUNDARY_MARGIN_KM / _KM_PER_DEGREE
    lon_margin = lat_margin / math.cos(math.radians(_DISTRICT_CENTRES[_MOCKCHESTER][0]))
    box = (
        math.floor((min(p[0] for p in points) - lat_margin) * 1000) / 1000,
        math.floor((min(p[1] for p in points) - lon_margin) * 1000) / 1000,
        math.ceil((max(p[0] for p in points) + lat_margin) * 1000) / 1000,
        math.ceil((max(p[1] for p in points) + lon_margin) * 1000) / 1000,
    )
    rectangles: dict[str, Box] = {}
    _guillotine(anchors, box, rectangles)
    return rectangles


def _gm_lsoa21_geojson(geography: Geography, places: Places, libraries: list[_Library]) -> bytes:
    """Trafford Data Lab's LSOA 2021 boundaries as GDAL writes GeoJSON: the collection's name and
    an OGC CRS84 member (lon/lat), one feature a line in code order, MultiPolygon geometries with
    clockwise rings, for Mockchester under Trafford's labels ('Trafford 001A' for 'Mockchester
    001A', as the Trafford postcodes file names them; see TRAFFORD_LABEL)."""
    rectangles = build_lsoa21_boundaries(geography, places, libraries)
    names = {lsoa.code: lsoa for lsoa in geography.lsoa21}
    features = []
    for code in sorted(rectangles):
        lsoa = names[code]
        south, west, north, east = rectangles[code]
        ring = ((west, north), (east, north), (east, south), (west, south), (west, north))
        coordinates = ", ".join(f"[ {lon!r}, {lat!r} ]" for lon, lat in ring)
        properties = {
            "area_code": code,
            "area_name": TRAFFORD_LABEL[1] + lsoa.name[len(lsoa.district22.short_name) :],
        }
        features.append(
            '{ "type": "Feature", "properties": { '
            + ", ".join(f"{json.dumps(k)}: {json.dumps(v)}" for k, v in properties.items())
            + ' }, "geometry": { "type": "MultiPolygon", "coordinates": [ [ [ '
            + coordinates
            + " ] ] ] } }"
        )
    lines = [
        "{",
        '"type": "FeatureCollection",',
        f'"name": "{GM_LSOA21_COLLECTION}",',
        f'"crs": {{ "type": "name", "properties": {{ "name": "{_CRS84}" }} }},',
        '"features": [',
        ",\n".join(features),
        "]",
        "}",
        "",
    ]
    return "\n".join(lines).encode("utf-8")


def build_asset_files(
    geography: Geography, iod: Sequence[IodRow], seed: int = SEED
) -> dict[str, bytes]:
    """The survey, social-infrastructure and postcode-geography demo files, placed by
    `demo_postcodes` and `build_places` so that they join with each other and the rest."""
    postcodes = demo_postcodes(geography)
    places = build_places(geography, seed)
    libraries = build_libraries(geography, places, postcodes, seed)
    records = _postcode_records(geography, places, postcodes, seed)
    return {
        SURVEY_INDICATORS: _survey_csv(seed),
        WELLBEING_CMD: _wellbeing_cmd_csv(seed),
        LIBRARIES_2023: _libraries_2023_csv(libraries, seed),
        LIBRARIES_2016: _libraries_2016_csv(libraries, iod, places, seed),
        EPRACCUR_ZIP: _zip_bytes([(EPRACCUR_MEMBER, _epraccur_csv(geography, postcodes, seed))]),
        PUBS_XLS: _pubs_xls(seed),
        CHARITIES: _charities_csv(geography, postcodes, seed),
        GM_LIBRARIES: _gm_libraries_csv(libraries),
        ONSPD_ZIP: _zip_bytes([(ONSPD_MEMBER, _onspd_csv(geography, iod, records, seed))]),
        TRAFFORD_POSTCODES: _trafford_postcodes_csv(geography, records, places),
        LSOA_LATLONG: _lsoa_latlong_csv(places),
        GM_LSOA21_BOUNDARIES: _gm_lsoa21_geojson(geography, places, libraries),
    }


# ---------------------------------------------------------------------------------------------
# Funding allocations: ACE Culture Recovery Fund and Project Grants, Levelling Up Fund priorities
# ---------------------------------------------------------------------------------------------

CRF_HEADER = [
    "Organisation ",  # the publisher's trailing space
    "£ Awarded",
    "Discipline",
    "Applicant ACE Area",
    "Region ONS",
    "Local Authority",
    "Constituency",
]
CRF_STRAND = "Strand"  # a last column that only 'CRF 1 Grants' has, always empty
CRF_HEADLINE_SHEET = "Headline Data"
# The 'Headline Data' sheet's block labels (the publisher's typo included) and the sheet each sums.
CRF_HEADLINE_BLOCKS = dict(
    zip(("CRF 1", "CRF 1 Captial Kickstart", "CRF 2"), CRF_SHEETS, strict=True)
)
PROJECT_GRANTS_FRONT = "Front Page"
PROJECT_GRANTS_SHEET = "Project Grants Awards"
PROJECT_GRANTS_HEADER = [
    "Recipient",
    "Activity name",
    "Award amount",
    "Award date",
    "Decision Month",
    "Decision quarter",
    "ACE Area",
    "Local authority",
    "Main discipline",
]
PROJECT_GRANTS_WIDTH = 11  # the used range: two empty columns after 'Main discipline'
PROJECT_GRANTS_FIRST_DAY, PROJECT_GRANTS_LAST_DAY = date(2019, 4, 1), date(2020, 3, 24)
LUF_HEADER = ["Country", "Name", "Priority category"]
LUF_WIDTH = 4  # an empty fourth column in the used range

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
        district = _BY_CODE[code]
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
    value = _clamp(rng.lognormvariate(math.log(median), sigma), low, high)
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
            (f"B{start + 1}", awards, _FMT_COUNT),
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
            (f"B{row_number}", awards, _FMT_COUNT),
            (f"C{row_number}", amount, _FMT_POUNDS),
        ]
        start = row_number + 4
    note = "* Data published on Friday 2 April 2021 is based on applicant postcode"
    return [*cells, (f"A{start}", note, None)]


def _crf_xlsx(orgs: dict[str, list[_ArtsOrg]], seed: int) -> bytes:
    sheets = _crf_sheets(orgs, seed)
    formats = [None, _FMT_ACCOUNTING]
    return _xlsx_bytes(
        [
            _Sheet(CRF_HEADLINE_SHEET, cells=_crf_headline(sheets)),
            *(
                _Sheet(
                    sheet,
                    CRF_HEADER + ([CRF_STRAND] if sheet == CRF_SHEETS[0] else []),
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
    english = _english_districts()
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
            name = f"{rng.choice(_FIRST_NAMES)} {rng.choice(_SURNAMES).title()}"
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
    "SYNTHETIC DEMO DATA generated by placeindex (ingest/demo.py): every recipient, activity, "
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
    above = [[_PROJECT_GRANTS_TITLE], [_PROJECT_GRANTS_INSTRUCTION]]
    formats: list[str | None] = [None, None, _FMT_POUNDS, _FMT_AWARD_DATE]
    return _xlsx_bytes(
        [
            _Sheet(PROJECT_GRANTS_FRONT, cells=front),
            _Sheet(
                PROJECT_GRANTS_SHEET,
                PROJECT_GRANTS_HEADER,
                _project_grants_rows(orgs, seed),
                formats,
                above=above,
                width=PROJECT_GRANTS_WIDTH,
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
    return _xlsx_bytes([_Sheet(LUF_SHEET, LUF_HEADER, rows, width=LUF_WIDTH)])


def build_allocation_files(geography: Geography, seed: int = SEED) -> dict[str, bytes]:
    """The funding allocation workbooks (ACE Culture Recovery Fund and Project Grants 2019/20,
    Levelling Up Fund priority categories), naming the demo districts by their LADNM."""
    orgs = _arts_orgs(geography, seed)
    return {
        CRF_WORKBOOK: _crf_xlsx(orgs, seed),
        PROJECT_GRANTS_WORKBOOK: _project_grants_xlsx(orgs, seed),
        LUF_WORKBOOK: _luf_xlsx(),
    }


# ---------------------------------------------------------------------------------------------
# Writing the folder
# ---------------------------------------------------------------------------------------------


def is_current(folder: Path) -> bool:
    """True when `folder` holds a complete demo set of this version."""
    stamp = folder / VERSION_FILE
    try:
        if stamp.read_text(encoding="ascii").strip() != DEMO_VERSION:
            return False
    except (OSError, UnicodeDecodeError):
        return False
    return all((folder / name).is_file() for name in (*DEMO_FILES.values(), README_FILE))


def write_demo_files(folder: Path, seed: int = SEED) -> None:
    """Write every demo file into `folder` (created if needed); the version stamp goes last."""
    folder.mkdir(parents=True, exist_ok=True)
    files = build_files(seed)
    for name, data in files.items():
        if name != VERSION_FILE:
            (folder / name).write_bytes(data)
    (folder / VERSION_FILE).write_bytes(files[VERSION_FILE])


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """An exclusive inter-process lock (POSIX); elsewhere no lock."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_demo_files(folder: Path) -> Path:
    """The demo folder, written first if missing or of another demo version. Returns `folder`.

    Files are written into a temporary sibling folder that replaces `folder` by rename, so a crash
    never leaves half a set; a lock keeps concurrent callers (parallel assets) from racing.
    """
    folder = Path(folder)
    if is_current(folder):
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    with _lock(folder.parent / f".{folder.name}.lock"):
        if is_current(folder):
            return folder
        staging = Path(
            tempfile.mkdtemp(prefix=f".{folder.name}.", suffix=".part", dir=folder.parent)
        )
        try:
            write_demo_files(staging)
            retired = None
            if folder.exists():
                retired = folder.with_name(f".{folder.name}.old-{uuid.uuid4().hex}")
                os.replace(folder, retired)
            os.replace(staging, folder)
            if retired is not None:
                shutil.rmtree(retired, ignore_errors=True)
        finally:
            if staging.exists():
                shutil.rmtree(staging, ignore_errors=True)
    return folder
