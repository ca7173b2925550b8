"""Catalog entries for survey indicators, social infrastructure (libraries, GP practices, pubs,
charities) and the postcode and LSOA-centroid geography that places those assets in neighbourhoods.

Each entry lists the publisher's own headers, as `ingest.catalog` does. What `FileLayout` cannot say
about these files (a header below a disclaimer or title rows, no header at all, notes under the
table, the publisher's mark for a missing value) is in `AssetLayout`, which `ingest.readers.assets`
reads; the catalog module itself is shared and stays as it is.

These sources are not in `ingest.catalog.SOURCES` yet. This module imports only
`ingest.catalog_schema`, so `ingest.catalog` can import it to wire them in.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.catalog_schema import OGL, Column, Dtype, FileLayout, Source

GITHUB_RAW = "https://raw.githubusercontent.com"
ONS_SOURCE = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0"
)
PSI_OGL = "Contains public sector information licensed under the Open Government Licence v3.0"
# The same text as ingest.catalog's, repeated because importing ingest.catalog from here would be
# circular once the catalog imports these entries.
ATTRIBUTION_ONS_GEOGRAPHY = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data (c) Crown copyright and database right"
)


@dataclass(frozen=True)
class AssetLayout(FileLayout):
    """A published form whose table does not start on line 1 or does not end at the last line."""

    # Rows (CSV: physical lines) above the header; for a file without a header row, above the
    # first data row. 0 = the header is the first row.
    header_row: int = 0
    # False: the file has no header row; the source's columns are the publisher's documented field
    # names, in field order, and every row must have exactly that many fields.
    has_header: bool = True
    # Cell texts the publisher uses for "no value" (R's NA, ONS's '..' for suppressed).
    null_values: tuple[str, ...] = ()
    # Columns whose text is kept even when it is a null mark: ONS's data-marking column holds the
    # same '[x]' that blanks the numbers beside it, and is the only record of why they are blank.
    null_values_kept_in: tuple[str, ...] = ()
    # Spreadsheets: the table ends at its first blank row, and the next non-blank row must start
    # with this text. A blank row inside the table would otherwise cut it short without a word.
    notes_marker: str | None = None


# --- survey --------------------------------------------------------------------------------------

SURVEY_SOURCES: tuple[Source, ...] = (
    Source(
        source_id="ons__subnational_indicators",
        title="Subnational indicators explorer: machine-readable data download (Levelling Up metrics)",
        publisher=(
            "Office for National Statistics (Subnational Statistics); well-being from the Annual "
            "Population Survey"
        ),
        # ONS's own repository for the explorer, pinned to the commit this project has read.
        url=(
            f"{GITHUB_RAW}/ONSvisual/subnational-indicators/"
            "b1923378171386355a71a4e763e61dc88c4330dd/R/machine_readable.csv"
        ),
        landing_page=(
            "https://www.ons.gov.uk/peoplepopulationandcommunity/wellbeing/articles/"
            "subnationalindicatorsexplorer/2022-01-06"
        ),
        layouts=(
            AssetLayout(
                "ons_subnational_indicators_explorer_machine_readable.csv",
                "csv",
                # Not UTF-8: '£' is byte 0xA3 and the en dash in '16–64' is 0x96.
                encoding="cp1252",
                # Line 1 is a disclaimer about rounding, line 2 is blank.
                header_row=2,
                # R's NA (Value, MAD, Category, Measure) and the publisher's own 'na' (City of
                # London's homicide rate; AREACD and Geography of combined authorities that had no
                # code) both mean no value.
                null_values=("NA", "na"),
            ),
        ),
        columns=(
            Column("AREACD"),
            Column("AREANM"),
            Column("Geography"),
            Column("Indicator"),
            Column("Category"),
            Column("Period"),
            Column("Measure"),
            Column("Unit"),
            Column("Value", "float"),
            Column("MAD", "float"),
        ),
        key=("AREACD", "AREANM", "Indicator", "Period"),
        licence=OGL,
        attribution=ONS_SOURCE,
        vintage=(
            "latest period of each indicator as at August 2022 (well-being: April 2020 - March 2021)"
        ),
        geography=(
            "UK local authorities (mixed 2019-2021 code vintages by indicator), counties, "
            "combined authorities, regions, ITL areas, countries"
        ),
        release_cadence="irregular (explorer refreshed as indicators update)",
        reader="asset",
        expected_rows=10_758,
        notes=(
            "Long format: one row per area x indicator, latest period only ('202021' = 2020/21, "
            "'201820' = 2018-20). Value has thousands separators ('1,335'); MAD (median absolute "
            "deviation score) is NA for non-LA rows and non-normalised indicators. No confidence "
            "intervals: suppressed areas are absent. AREACD also holds ITL codes ('TLG3'). The key "
            "is not unique in this file: West Midlands ITL rows TLG and TLG3 repeat three "
            "indicators with different values."
        ),
        tags=("survey", "wellbeing"),
    ),
    Source(
        source_id="ons__wellbeing_local_authority",
        title=(
            "Annual Population Survey personal well-being estimates by local authority "
            "(ONS dataset wellbeing-local-authority, time series)"
        ),
        publisher="Office for National Statistics (Annual Population Survey)",
        url=(
            "https://download.ons.gov.uk/downloads/datasets/wellbeing-local-authority/editions/"
            "time-series/versions/4.csv"
        ),
        landing_page=(
            "https://www.ons.gov.uk/datasets/wellbeing-local-authority/editions/time-series/versions/4"
        ),
        layouts=(
            # ONS's dataset API CSV ("v4_3": the observation, then 3 columns about it, then code
            # and label pairs of each dimension). A suppressed estimate is an empty observation
            # with '[x]' as its data marking and as both confidence limits.
            AssetLayout(
                "wellbeing-local-authority-time-series-v4.csv",
                "csv",
                null_values=("[x]",),
                null_values_kept_in=("Data marking",),
            ),
        ),
        columns=(
            Column("v4_3", "float"),
            Column("Data marking"),
            Column("Lower limit", "float"),
            Column("Upper limit", "float"),
            Column("yyyy-yy"),
            Column("Time"),
            Column("administrative-geography"),
            Column("Geography"),
            Column("measure-of-wellbeing"),
            Column("MeasureOfWellbeing"),
            Column("wellbeing-estimate"),
            Column("Estimate"),
        ),
        key=("administrative-geography", "yyyy-yy", "measure-of-wellbeing", "wellbeing-estimate"),
        licence=OGL,
        attribution=ONS_SOURCE,
        vintage="April 2011 - March 2012 to April 2022 - March 2023 (version 4)",
        geography="UK local authorities, counties, regions and countries (codes of 2023)",
        release_cadence="annual (a new version each autumn)",
        reader="asset",
        # Optional: the download is 9.5 MB and is not among the files shipped for offline runs;
        # online, the refresh fetches it.
        required=False,
        notes=(
            "Long format: one row per area, financial year, measure (life satisfaction, "
            "worthwhile, happiness, anxiety) and estimate (the mean score out of 10, or the "
            "percentage of respondents rating poor, fair, good or very good), with the 95% "
            "confidence limits. Estimates ONS judged unreliable are suppressed: data marking "
            "'[x]', no value, '[x]' limits. Later versions keep the layout and add a year."
        ),
        tags=("survey", "wellbeing"),
    ),
)


# --- social infrastructure -----------------------------------------------------------------------

LIBRARIES_2023_COLUMNS = (
    "reporting",
    "name",
    "address1",
    "address2",
    "address3",
    "authority",
    "postcode",
    "uprn",
    "type",
    "statutory_10",
    "statutory_16",
    "statutory_19",
    "statutory_21",
    "statutory_22",
    "statutory_23",
    "operation_16",
    "operation_19",
    "operation_21",
    "operation_22",
    "operation_23",
    "closed",
    "opened",
    "operating_organisation",
    "department",
    "new_build_22",
    "co_located",
    "co_located_archives",
    "co_located_artscentre",
    "co_located_carehome_hostel",
    "co_located_catering_bars_pub",
    "co_located_civic",
    "co_located_community",
    "co_located_faithbuildings",
    "co_located_health",
    "co_located_hotel",
    "co_located_industrial_business",
    "co_located_library",
    "co_located_museum",
    "co_located_retail",
    "co_located_schools_colleges",
    "co_located_universities_highereducation",
    "co_located_other",
    "co_located_other_text",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "hours",
    "staffed_hours",
    "automated",
    "email",
)
# 'closed' is a year; 'opened' is not always one ('1970s', '[Unknown]'), so it stays text.
_LIBRARIES_2023_TYPES: dict[str, Dtype] = {"closed": "int"}

LIBRARIES_2016_COLUMNS = (
    "name",
    "id",
    "authority_id",
    "address",
    "postcode",
    "lat",
    "lng",
    "statutory2010",
    "statutory2016",
    "type",
    "closed",
    "closed_year",
    "opened_year",
    "replacement",
    "notes",
    "hours",
    "staffhours",
    "url",
    "email",
    "multiple",
    "income",
    "employment",
    "education",
    "children",
    "health",
    "adultskills",
    "crime",
    "housing",
    "services",
    "environment",
    "population",
    "dependent_children",
    "working_age",
    "sixteen_fiftynine",
    "over_sixty",
)
_CATCHMENT_SCORES = (
    "multiple",
    "income",
    "employment",
    "education",
    "children",
    "health",
    "adultskills",
    "crime",
    "housing",
    "services",
    "environment",
)
_CATCHMENT_POPULATIONS = (
    "population",
    "dependent_children",
    "working_age",
    "sixteen_fiftynine",
    "over_sixty",
)
# 'hours' and 'staffhours' are free text as often as numbers ('38:00:00', '15 hours per week').
_LIBRARIES_2016_TYPES: dict[str, Dtype] = (
    {"id": "int", "authority_id": "int", "lat": "float", "lng": "float"}
    | {"closed_year": "int", "opened_year": "int"}
    | dict.fromkeys(_CATCHMENT_SCORES, "float")
    | dict.fromkeys(_CATCHMENT_POPULATIONS, "int")
)

# NHS ODS documents epraccur's 27 fields by position; the file has no header row. Six are
# documented as 'Null'; the field number keeps their names distinct.
EPRACCUR_FIELDS = (
    "Organisation Code",
    "Name",
    "National Grouping",
    "High Level Health Geography",
    "Address Line 1",
    "Address Line 2",
    "Address Line 3",
    "Address Line 4",
    "Address Line 5",
    "Postcode",
    "Open Date",
    "Close Date",
    "Status Code",
    "Organisation Sub-Type Code",
    "Commissioner",
    "Join Provider/Purchaser Date",
    "Left Provider/Purchaser Date",
    "Contact Telephone Number",
    "Null (field 19)",
    "Null (field 20)",
    "Null (field 21)",
    "Amended Record Indicator",
    "Null (field 23)",
    "Provider/Purchaser",
    "Null (field 25)",
    "Prescribing Setting",
    "Null (field 27)",
)
_EPRACCUR_TYPES: dict[str, Dtype] = {
    "Amended Record Indicator": "int",
    "Prescribing Setting": "int",
}

PUBS_YEARS = tuple(str(year) for year in range(2001, 2019))

CHARITIES_COLUMNS = (
    "registered_charity_number",
    "charity_company_registration_number",
    "charity_name",
    "charity_type",
    "charity_activities",
    "date_of_registration",
    "charity_contact_address",
    "charity_contact_postcode",
    "charity_contact_phone",
    "charity_contact_email",
    "charity_contact_web",
)

TRAFFORD_POSTCODES_COLUMNS = (
    "postcode",
    "ward_code",
    "ward_name",
    "msoa_code",
    "msoa_hcl_name",
    "lsoa_code",
    "lsoa_name",
    "locality",
    "la_code",
    "la_name",
    "lon",
    "lat",
)

TRAFFORD_DATA_LAB = "https://github.com/traffordDataLab"
_TDL_OPEN_DATA = f"{GITHUB_RAW}/traffordDataLab/open_data/a33a7d94948399556302a5c2a2d1cbf4ce4878aa"


def _columns(headers: tuple[str, ...], types: dict[str, Dtype] | None = None) -> tuple[Column, ...]:
    types = types or {}
    return tuple(Column(header, types.get(header, "str")) for header in headers)


ASSET_SOURCES: tuple[Source, ...] = (
    Source(
        source_id="acearts__libraries_2023",
        title="Basic dataset for libraries, England, 2010-2023 (cleaned by Libraries Hacked)",
        publisher=(
            "Arts Council England (successor to the DCMS Libraries Taskforce basic dataset); "
            "cleaning by Libraries Hacked"
        ),
        # The cleaned file, pinned: ACE's own workbook has different bytes and layout.
        url=(
            f"{GITHUB_RAW}/LibrariesHacked/librarydata-db/"
            "9ab18536054a060821f95e5cf4ceefcfea18d0fb/data/libraries_england_2023.csv"
        ),
        landing_page=(
            "https://www.artscouncil.org.uk/supporting-arts-museums-and-libraries/supporting-libraries"
        ),
        # UTF-8 with a byte-order mark; 11 quoted cells hold line breaks.
        layouts=(AssetLayout("libraries_england_2023.csv", "csv"),),
        columns=_columns(LIBRARIES_2023_COLUMNS, _LIBRARIES_2023_TYPES),
        key=("reporting", "name", "type", "postcode"),
        licence=(
            "Not verifiable offline for the ACE edition (earlier DCMS editions: " + OGL + "); "
            "Libraries Hacked code: MIT"
        ),
        attribution="Arts Council England, basic dataset for libraries; cleaned by Libraries Hacked",
        vintage="1 April 2010 to end of 2023 (2023 edition; cleaned 2025-03-10)",
        geography="England: library points by postcode (no coordinates, no GSS codes)",
        release_cadence="yearly (ACE collects the basic dataset from library services)",
        reader="asset",
        expected_rows=3_487,
        notes=(
            "'reporting' is the library service, 'authority' the upper-tier LA name (14 blank). "
            "Categorical values differ only in case ('Static Library'/'static library', "
            "operation_23 'C'/'c', 'Closed'/'closed'). operation codes: LA local-authority run, "
            "C commissioned, CR community run, ICL independent community library. 'closed' is a "
            "year. UPRN is text (2,277 rows have one)."
        ),
        tags=("social_infrastructure", "libraries"),
    ),
    Source(
        source_id="dcms__libraries_2016_geocoded",
        title="Public libraries in England: basic dataset, 2016 edition, geocoded by Libraries Hacked",
        publisher="DCMS Libraries Taskforce (data); Libraries Hacked (geocoding, catchment figures)",
        url=(
            f"{GITHUB_RAW}/LibrariesHacked/england-librarydata/"
            "fa3dde61980ba9c3e6294b9d5bad38385cbee2e4/data/libraries/libraries.csv"
        ),
        landing_page=(
            "https://www.gov.uk/government/publications/public-libraries-in-england-basic-dataset"
        ),
        layouts=(AssetLayout("libraries_england_2016_geocoded.csv", "csv"),),
        columns=_columns(LIBRARIES_2016_COLUMNS, _LIBRARIES_2016_TYPES),
        key=("id",),
        licence=(
            "Underlying dataset " + OGL + " (DCMS); repository MIT (Libraries Hacked); catchment "
            "figures derived from ONS/MHCLG data under the OGL v3.0"
        ),
        attribution=(
            PSI_OGL + " (DCMS Libraries Taskforce, public libraries in England basic dataset); "
            "geocoded by Libraries Hacked"
        ),
        vintage="libraries open or closed between April 2010 and mid-2016 (file of 2017-03-25)",
        geography="England: library points with WGS84 lat/lng",
        release_cadence="one-off (superseded by the ACE yearly dataset)",
        reader="asset",
        expected_rows=3_238,
        notes=(
            "Stale state as at mid-2016: use for coordinates and change against the 2023 dataset. "
            "type: Taskforce codes LAL, CL, CRL, ICL (blank mostly for closed libraries); closed: "
            "XL, XLR (replaced), XLT (temporary); statutory2010/2016 't'/'f'. Postcodes often lack "
            "the space. authority_id is internal, not a GSS code. multiple..environment and "
            "population..over_sixty are Libraries Hacked catchment figures, not official "
            "statistics."
        ),
        tags=("social_infrastructure", "libraries"),
    ),
    Source(
        source_id="nhs_ods__epraccur",
        title="GP practices and prescribing cost centres (ODS epraccur), England and Wales",
        publisher="NHS England (Organisation Data Service)",
        url="https://files.digital.nhs.uk/assets/ods/current/epraccur.zip",
        landing_page=(
            "https://digital.nhs.uk/services/organisation-data-service/export-data-files/"
            "csv-downloads/gp-and-gp-practice-related-data"
        ),
        layouts=(
            AssetLayout("epraccur.zip", "zip", member="epraccur.csv", has_header=False),
            AssetLayout("epraccur.csv", "csv", has_header=False),
        ),
        columns=_columns(EPRACCUR_FIELDS, _EPRACCUR_TYPES),
        key=("Organisation Code",),
        licence=OGL,
        attribution=PSI_OGL + " (NHS England, Organisation Data Service)",
        vintage="c. May 2025 (latest open date 2025-04-23)",
        geography="England and Wales: practices by postcode (no coordinates, no GSS codes)",
        release_cadence="monthly (ODS full files; quarterly reconciliations)",
        reader="asset",
        expected_rows=16_534,
        notes=(
            "No header row: fields as documented by ODS. Dates are YYYYMMDD text. Status Code: "
            "A active, C closed, D dormant, P proposed. Prescribing Setting 4 = GP practice (others "
            "are out-of-hours, walk-in, prisons, hospices...). National Grouping W00 = Wales. GP "
            "practices in England: Status A, Setting 4, not W00. expected_rows is the May 2025 "
            "release the tests read; the current file changes monthly."
        ),
        tags=("social_infrastructure", "health"),
    ),
    Source(
        source_id="ons__pubs_bars_by_la",
        title="Public houses and bars by local authority, UK, 2001 to 2018: number of workplaces",
        publisher="Office for National Statistics (Inter-Departmental Business Register)",
        # A byte-identical copy of ONS's workbook of 26 November 2018, pinned; the ONS dataset
        # page's 'current' link now serves whatever edition is latest.
        url=(
            f"{GITHUB_RAW}/ids-s1-21/code-along-10/83972518808f032c2818b17b5e9871933106fb46/"
            "data/publichousesandbarsbylocalauthority20012018.xls"
        ),
        landing_page=(
            "https://www.ons.gov.uk/businessindustryandtrade/business/activitysizeandlocation/"
            "datasets/publichousesandbarsbylocalauthority"
        ),
        layouts=(
            AssetLayout(
                "publichousesandbarsbylocalauthority20012018.xls",
                "xls",
                sheet="Pubs size LA",
                # Title row, blank row, then the header on row 3; a blank row 4 before the data.
                header_row=2,
                null_values=("..",),
                notes_marker="Source:",
            ),
        ),
        columns=(
            Column("Area code"),
            Column("Area name"),
            Column("Number of employees in public house or bar"),
        )
        + tuple(Column(year, "int") for year in PUBS_YEARS),
        key=("Area code", "Number of employees in public house or bar"),
        licence=OGL,
        attribution=ONS_SOURCE,
        vintage="2001 to 2018 (published 26 November 2018; boundaries of 27 March 2011 onwards)",
        geography=(
            "UK, countries, English regions and 391 local authorities on pre-2019 codes "
            "(405 areas x 3 size bands)"
        ),
        release_cadence="ad hoc (ONS user-requested analysis)",
        reader="asset",
        expected_rows=1_215,
        notes=(
            "Wide: one column per year. Three rows per area: 'Less than 10', '10 or more', 'Any "
            "number of employees'. Counts rounded to the nearest 5; a break in 2015 (IDBR added "
            "PAYE-only businesses). Pre-2019 LAs (Bournemouth and Poole, Dorset, Suffolk and "
            "Somerset districts separate): harmonise with drkane__la_all_codes. The workbook's "
            "other sheets ('Pubs size employment LA', '..' for suppressed; 'Pubs bars LA medians') "
            "have the same layout and are not read yet."
        ),
        tags=("social_infrastructure", "pubs"),
    ),
    Source(
        source_id="trafforddatalab__charities_trafford",
        title="Registered charities operating in Trafford (Charity Commission register extract)",
        publisher=(
            "Trafford Data Lab, from the Charity Commission for England and Wales register of "
            "charities"
        ),
        url=f"{_TDL_OPEN_DATA}/charities/charities_operating_in_trafford.csv",
        landing_page=(
            "https://register-of-charities.charitycommission.gov.uk/register/full-register-download"
        ),
        layouts=(
            # Written by R: NA is its missing value.
            AssetLayout("charities_operating_in_trafford.csv", "csv", null_values=("NA",)),
        ),
        # Charity and company numbers are identifiers (company numbers keep leading zeros).
        columns=_columns(CHARITIES_COLUMNS),
        key=("registered_charity_number",),
        licence=OGL,
        attribution=(
            PSI_OGL + " (Charity Commission for England and Wales register of charities); "
            "extract by Trafford Data Lab"
        ),
        vintage="register as extracted by Trafford Data Lab (repository commit a33a7d9)",
        geography="Trafford (E08000009): charities whose area of operation includes Trafford",
        release_cadence="irregular (Lab refresh of the daily register download)",
        reader="asset",
        expected_rows=736,
        notes=(
            "Contact addresses are often outside Trafford: only about a third of the contact "
            "postcodes are Trafford postcodes. date_of_registration is YYYY-MM-DD text."
        ),
        tags=("social_infrastructure", "charities"),
    ),
    Source(
        source_id="trafforddatalab__gm_libraries",
        title="Public libraries in Greater Manchester",
        publisher=(
            "Trafford Data Lab, from the DCMS public libraries basic dataset reviewed by the ten "
            "GM local authorities"
        ),
        url=f"{_TDL_OPEN_DATA}/libraries/gm_libraries.csv",
        landing_page="https://www.trafforddatalab.io/open_data/libraries",
        layouts=(AssetLayout("gm_libraries.csv", "csv", null_values=("NA",)),),
        columns=_columns(
            (
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
            ),
            {"lon": "float", "lat": "float"},
        ),
        key=("name",),
        licence=OGL,
        attribution=PSI_OGL + " (DCMS; Greater Manchester local authorities; Trafford Data Lab)",
        vintage="as reviewed by the GM authorities (repository commit a33a7d9)",
        geography="Greater Manchester (10 LADs): library points with WGS84 lon/lat and LAD code",
        release_cadence="irregular",
        reader="asset",
        expected_rows=141,
        notes="Longitude before latitude. Points fall inside the GM LSOA 2021 polygons.",
        tags=("social_infrastructure", "libraries"),
    ),
)


# --- geography -----------------------------------------------------------------------------------

ONSPD_ATTRIBUTION = (
    "Contains National Statistics data (c) Crown copyright and database right; contains OS data "
    "(c) Crown copyright and database right; contains Royal Mail data (c) Royal Mail copyright and "
    "database right; contains GeoPlace data (c) Local Government Information House Limited "
    "copyright and database right (https://www.ons.gov.uk/methodology/geography/licences)"
)

GEOGRAPHY_EXTRA_SOURCES: tuple[Source, ...] = (
    Source(
        source_id="ons__postcode_directory",
        title="ONS Postcode Directory (February 2025) for the UK",
        publisher="Office for National Statistics (Open Geography Portal)",
        url="https://www.arcgis.com/sharing/rest/content/items/6fb8941d58e54d949f521c92dfb92f2a/data",
        landing_page=(
            "https://geoportal.statistics.gov.uk/datasets/"
            "ons::ons-postcode-directory-february-2025-for-the-uk/about"
        ),
        layouts=(
            FileLayout("ONSPD_FEB_2025.zip", "zip", member="Data/ONSPD_FEB_2025_UK.csv"),
            FileLayout("ONSPD_FEB_2025_UK.csv", "csv"),
        ),
        columns=(
            Column("pcd"),
            Column("pcds"),
            Column("dointr"),
            Column("doterm"),
            Column("usertype", "int"),
            Column("oslaua"),
            Column("lsoa11"),
            Column("lsoa21"),
            Column("lat", "float"),
            Column("long", "float"),
        ),
        key=("pcds",),
        licence=OGL + "; Royal Mail and GeoPlace data under the ONS geography licences",
        attribution=ONSPD_ATTRIBUTION,
        vintage="February 2025",
        geography="UK postcodes, live and terminated (about 2.7 million)",
        release_cadence="quarterly (February, May, August, November)",
        # Polars reads the archive member: at about 1.3 GB the row-by-row asset reader is too slow.
        reader="ons_lookup",
        # The national file is far too big for the shared test data; offline runs use
        # trafforddatalab__trafford_postcodes and load this as an empty table.
        required=False,
        notes=(
            "Postcodes without a grid reference have lat 99.999999 / long 0.000000. doterm is "
            "blank for live postcodes. The Trafford subset is a separate source: it renames these "
            "columns (postcode, lsoa_code, lon, lat) and so cannot be a layout of this one."
        ),
        tags=("geography", "postcodes"),
    ),
    Source(
        source_id="trafforddatalab__trafford_postcodes",
        title="Trafford postcodes with LSOA 2021, MSOA 2021, ward 2024 and centroid (ONSPD subset)",
        publisher="Trafford Data Lab, subset of the ONS Postcode Directory (February 2025)",
        url=(
            f"{GITHUB_RAW}/traffordDataLab/spatial_data/"
            "7fa4f03c29745aa4ca0f17f30e0dd1b31563202c/postcodes/trafford_postcodes.csv"
        ),
        landing_page="https://github.com/traffordDataLab/spatial_data/tree/master/postcodes",
        layouts=(AssetLayout("trafford_postcodes.csv", "csv"),),
        columns=_columns(TRAFFORD_POSTCODES_COLUMNS, {"lon": "float", "lat": "float"}),
        key=("postcode",),
        licence=OGL + " (Trafford Data Lab data; code MIT)",
        attribution=ONSPD_ATTRIBUTION + "; subset by Trafford Data Lab",
        vintage="ONSPD February 2025",
        geography="Trafford (E08000009): 139 LSOA 2021, 28 MSOA 2021, 21 wards (2024)",
        release_cadence="irregular (Lab refresh after ONSPD releases)",
        reader="asset",
        expected_rows=11_264,
        notes=(
            "Stands in for ons__postcode_directory offline, for Trafford only. Postcodes in 'pcds' "
            "form; lsoa_code is LSOA 2021; msoa_hcl_name is the House of Commons Library name. "
            "Terminated postcodes are included (no doterm column)."
        ),
        tags=("geography", "postcodes"),
    ),
    Source(
        source_id="drkane__lsoa_latlong",
        title="LSOA (2011 and 2021) and data zone centre points, UK",
        publisher="David Kane (geo-lookups), compiled from ONS, NRS and NISRA geography",
        url=(
            f"{GITHUB_RAW}/drkane/geo-lookups/e20a072d5fc0918437abaa3622be63f40b71d9dd/"
            "lsoa_latlong.csv"
        ),
        landing_page="https://github.com/drkane/geo-lookups",
        layouts=(AssetLayout("lsoa_latlong.csv", "csv"),),
        columns=(
            Column("LSOACD"),
            Column("latitude", "float"),
            Column("longitude", "float"),
            Column("lsoa11cd"),
        ),
        key=("LSOACD",),
        licence="Derived from ONS Geoportal data used under the " + OGL + "; NRS/NISRA likewise",
        attribution=ATTRIBUTION_ONS_GEOGRAPHY + "; compiled by David Kane (drkane/geo-lookups)",
        vintage="LSOA 2011 and 2021, Scottish data zones 2011, NI data zones 2021 and SOAs 2001",
        geography=(
            "Union of LSOA 2011 and 2021 codes, England and Wales (36,778), Scottish data zones "
            "(6,976), NI data zones 2021 (3,780) and SOAs 2001 (890)"
        ),
        release_cadence="one-off compilation",
        reader="asset",
        expected_rows=48_424,
        notes=(
            "Geometric centroids, not population-weighted. Latitude before longitude. lsoa11cd "
            "repeats LSOACD in every row (a deprecated column), even for 2021-only codes."
        ),
        tags=("geography",),
    ),
    Source(
        source_id="trafforddatalab__gm_lsoa21_boundaries",
        title="LSOA (December 2021) boundaries, generalised clipped (20 m), Greater Manchester",
        publisher="Office for National Statistics (Open Geography Portal); subset by Trafford Data Lab",
        url=(
            f"{GITHUB_RAW}/traffordDataLab/spatial_data/"
            "7fa4f03c29745aa4ca0f17f30e0dd1b31563202c/lsoa/2021/gm_lsoa_generalised.geojson"
        ),
        landing_page=(
            "https://geoportal.statistics.gov.uk/datasets/"
            "ons::lower-layer-super-output-areas-december-2021-boundaries-generalised-clipped-ew-bgc"
        ),
        layouts=(FileLayout("gm_lsoa21_generalised.geojson", "json"),),
        columns=(Column("area_code"), Column("area_name"), Column("geometry_geojson")),
        key=("area_code",),
        licence=OGL,
        attribution=ATTRIBUTION_ONS_GEOGRAPHY + " 2022; subset by Trafford Data Lab",
        vintage="December 2021 boundaries",
        geography="LSOA 2021 in the ten Greater Manchester districts (1,702), WGS84",
        release_cadence="with each new LSOA geography (next after Census 2031)",
        reader="geojson",
        expected_rows=1_702,
        notes=(
            "Places points (libraries, grants with coordinates) by point-in-polygon in Greater "
            "Manchester; elsewhere the nearest LSOA centroid stands in, flagged as such. The "
            "national file (35,672 polygons) has the same geometry under LSOA21CD/LSOA21NM."
        ),
        tags=("geography", "boundaries"),
    ),
)
