"""The source catalog: one entry per published file the pipeline reads.

Everything else (raw assets, checks, provenance, dbt sources, docs) is generated from these entries, so
adding a source is one entry here, one reader, one expectation suite and one staging model.

A source lists the columns it must have, by the publisher's own header text. Readers match headers
case- and whitespace-insensitively (publishers re-save files and change nothing else) and store the raw
table under the publisher's header, so `raw.<source_id>` can be checked against the file by eye.
"""

from __future__ import annotations

from ingest.catalog_allocations import ALLOCATION_SOURCES
from ingest.catalog_assets import ASSET_SOURCES, GEOGRAPHY_EXTRA_SOURCES, SURVEY_SOURCES
from ingest.catalog_funding import GRANT_SOURCES
from ingest.catalog_iod2025 import IOD2025_SOURCES
from ingest.catalog_schema import OGL, Column, FileLayout, Source
from ingest.catalog_uk_deprivation import UK_DEPRIVATION_SOURCES

ATTRIBUTION_MHCLG_IOD2019 = (
    "Contains public sector information licensed under the Open Government Licence v3.0 - "
    "Ministry of Housing, Communities & Local Government, English Indices of Deprivation 2019"
)
ATTRIBUTION_ONS_GEOGRAPHY = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data (c) Crown copyright and database right"
)

IOD2019_LANDING = "https://www.gov.uk/government/statistics/english-indices-of-deprivation-2019"
# ONS Open Geography Portal: lookups are ArcGIS feature layers (paged JSON queries) or hub items
# (CSV exports); both are public and need no key.
ONS_FEATURE_SERVICES = "https://services1.arcgis.com/ESMARspQHYMw9BZ9/arcgis/rest/services"
ONS_HUB_ITEMS = "https://open-geography-portalx-ons.hub.arcgis.com/api/download/v1/items"
GOV_UK_ATTACHMENTS = "https://assets.publishing.service.gov.uk/government/uploads/system/uploads/attachment_data/file"


def _iod_lead_columns() -> tuple[Column, ...]:
    return (
        Column("LSOA code (2011)"),
        Column("LSOA name (2011)"),
        Column("Local Authority District code (2019)"),
        Column("Local Authority District name (2019)"),
    )


IOD2019_DOMAINS = (
    "Income",
    "Employment",
    "Education, Skills and Training",
    "Health Deprivation and Disability",
    "Crime",
    "Barriers to Housing and Services",
    "Living Environment",
)
RANK_SUFFIX = " (where 1 is most deprived)"
DECILE_SUFFIX = " (where 1 is most deprived 10% of LSOAs)"
IOD2019_IDACI = "Income Deprivation Affecting Children Index (IDACI)"
IOD2019_IDAOPI = "Income Deprivation Affecting Older People (IDAOPI)"
# File 7's indices in its column order: the IMD, its domains, the supplementary indices, then the
# sub-domains (two for each of Education, Barriers and Living Environment).
IOD2019_FILE7_INDICES = (
    "Index of Multiple Deprivation (IMD)",
    *IOD2019_DOMAINS,
    IOD2019_IDACI,
    IOD2019_IDAOPI,
    "Children and Young People Sub-domain",
    "Adult Skills Sub-domain",
    "Geographical Barriers Sub-domain",
    "Wider Barriers Sub-domain",
    "Indoors Sub-domain",
    "Outdoors Sub-domain",
)
IOD2019_FILE7 = "File_7_-_All_IoD2019_Scores__Ranks__Deciles_and_Population_Denominators_3"


def iod2019_score_header(index: str) -> str:
    """File 7's score header: the income-based indices say that their score is a rate."""
    rates = ("Income", "Employment", IOD2019_IDACI, IOD2019_IDAOPI)
    return f"{index} Score (rate)" if index in rates else f"{index} Score"


_IOD2019_COMMON = {
    "publisher": "Ministry of Housing, Communities & Local Government",
    "landing_page": IOD2019_LANDING,
    "licence": OGL,
    "attribution": ATTRIBUTION_MHCLG_IOD2019,
    "vintage": "2019 (published 26 September 2019)",
    "geography": "LSOA 2011, England (32,844)",
    "release_cadence": "about every four years (next edition: IoD2025)",
    "reader": "iod",
    "expected_rows": 32_844,
    "key": ("LSOA code (2011)",),
    "tags": ("deprivation",),
}

SOURCES: tuple[Source, ...] = (
    Source(
        source_id="mhclg__iod2019_file1",
        title="English Indices of Deprivation 2019, File 1: Index of Multiple Deprivation",
        url=f"{GOV_UK_ATTACHMENTS}/833970/File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx",
        layouts=(
            FileLayout(
                "File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx", "xlsx", sheet="IMD2019"
            ),
        ),
        columns=_iod_lead_columns()
        + (
            Column("Index of Multiple Deprivation (IMD) Rank", "int"),
            Column("Index of Multiple Deprivation (IMD) Decile", "int"),
        ),
        **_IOD2019_COMMON,
    ),
    Source(
        source_id="mhclg__iod2019_file2",
        title="English Indices of Deprivation 2019, File 2: domains of deprivation (ranks, deciles)",
        url=f"{GOV_UK_ATTACHMENTS}/833973/File_2_-_IoD2019_Domains_of_Deprivation.xlsx",
        layouts=(
            FileLayout(
                "File_2_-_IoD2019_Domains_of_Deprivation.xlsx", "xlsx", sheet="IoD2019 Domains"
            ),
            # The same table exported to CSV (UTF-8 with BOM, CRLF) and gzipped, as several
            # open-data mirrors publish it; the reader treats both forms alike.
            FileLayout("File_2_-_IoD2019_Domains_of_Deprivation.csv.gz", "csv.gz"),
        ),
        columns=_iod_lead_columns()
        + tuple(
            Column(f"{name} {kind}{suffix}", "int")
            for name in ("Index of Multiple Deprivation (IMD)",) + IOD2019_DOMAINS
            for kind, suffix in (("Rank", RANK_SUFFIX), ("Decile", DECILE_SUFFIX))
        ),
        **_IOD2019_COMMON,
    ),
    Source(
        source_id="mhclg__iod2019_file3",
        title="English Indices of Deprivation 2019, File 3: supplementary indices IDACI and IDAOPI",
        url=(
            f"{GOV_UK_ATTACHMENTS}/833974/"
            "File_3_-_IoD2019_Supplementary_Indices_-_IDACI_and_IDAOPI.xlsx"
        ),
        layouts=(
            FileLayout(
                "File_3_-_IoD2019_Supplementary_Indices_-_IDACI_and_IDAOPI.xlsx",
                "xlsx",
                sheet="IoD2019 IDACI & IDAOPI",
            ),
        ),
        columns=_iod_lead_columns()
        + (
            Column(f"Index of Multiple Deprivation (IMD) Rank{RANK_SUFFIX}", "int"),
            Column(f"Index of Multiple Deprivation (IMD) Decile{DECILE_SUFFIX}", "int"),
            Column(f"Income Deprivation Affecting Children Index (IDACI) Rank{RANK_SUFFIX}", "int"),
            Column(
                f"Income Deprivation Affecting Children Index (IDACI) Decile{DECILE_SUFFIX}", "int"
            ),
            Column(f"Income Deprivation Affecting Older People (IDAOPI) Rank{RANK_SUFFIX}", "int"),
            Column(
                f"Income Deprivation Affecting Older People (IDAOPI) Decile{DECILE_SUFFIX}", "int"
            ),
        ),
        **_IOD2019_COMMON,
    ),
    Source(
        source_id="mhclg__iod2019_file6",
        title="English Indices of Deprivation 2019, File 6: population denominators (mid-2015)",
        url=f"{GOV_UK_ATTACHMENTS}/833980/File_6_-_IoD2019_Population_Denominators.xlsx",
        layouts=(
            FileLayout(
                "File_6_-_IoD2019_Population_Denominators.xlsx",
                "xlsx",
                sheet="Population Denominators",
            ),
        ),
        columns=_iod_lead_columns()
        + (
            Column("Total population: mid 2015 (excluding prisoners)", "int"),
            Column("Dependent Children aged 0-15: mid 2015 (excluding prisoners)", "int"),
            Column("Population aged 16-59: mid 2015 (excluding prisoners)", "int"),
            Column("Older population aged 60 and over: mid 2015 (excluding prisoners)", "int"),
            # Published with fractions: the 18-59/64 pension-age boundary moved during 2015.
            Column(
                "Working age population 18-59/64: for use with Employment Deprivation Domain "
                "(excluding prisoners)",
                "float",
            ),
        ),
        **_IOD2019_COMMON,
    ),
    Source(
        source_id="mhclg__iod2019_file9",
        title="English Indices of Deprivation 2019, File 9: exponentially transformed domain scores",
        # File 9 has no long-lived attachment id we could confirm offline; the landing page lists it.
        url=f"{GOV_UK_ATTACHMENTS}/833981/File_9_-_IoD2019_Transformed_Scores.xlsx",
        layouts=(
            FileLayout(
                "File_9_-_IoD2019_Transformed_Scores.xlsx",
                "xlsx",
                sheet="IoD2019 Transformed Scores",
            ),
        ),
        columns=_iod_lead_columns()
        + tuple(
            Column(f"{name} Score - exponentially transformed", "float")
            for name in (
                "Income",
                "Employment",
                "Education",
                "Health",
                "Crime",
                "Barriers",
                "Living Environment",
            )
        ),
        **_IOD2019_COMMON,
    ),
    Source(
        source_id="mhclg__iod2019_file7",
        title=(
            "English Indices of Deprivation 2019, File 7: all scores, ranks, deciles and "
            "population denominators"
        ),
        url=f"{GOV_UK_ATTACHMENTS}/845345/{IOD2019_FILE7}.csv",
        layouts=(
            FileLayout(f"{IOD2019_FILE7}.csv", "csv"),
            # The same file cut to one district's LSOAs, header unchanged, as a Warrington
            # analysis republished it (127 LSOAs of E06000007).
            FileLayout(f"{IOD2019_FILE7}__WARRINGTON_SUBSET.csv", "csv"),
        ),
        columns=_iod_lead_columns()
        + tuple(
            column
            for index in IOD2019_FILE7_INDICES
            for column in (
                Column(iod2019_score_header(index), "float"),
                Column(f"{index} Rank{RANK_SUFFIX}", "int"),
                Column(f"{index} Decile{DECILE_SUFFIX}", "int"),
            )
        )
        + (
            Column("Total population: mid 2015 (excluding prisoners)", "int"),
            Column("Dependent Children aged 0-15: mid 2015 (excluding prisoners)", "int"),
            Column("Population aged 16-59: mid 2015 (excluding prisoners)", "int"),
            Column("Older population aged 60 and over: mid 2015 (excluding prisoners)", "int"),
            # Whole people here: File 7 rounds File 6's count (published in quarters) to the
            # nearest person, halves up, so a fraction would mean a different file.
            Column(
                "Working age population 18-59/64: for use with Employment Deprivation Domain "
                "(excluding prisoners)",
                "int",
            ),
        ),
        required=False,
        notes=(
            "Every IoD2019 score, rank and decile in one CSV (UTF-8, LF): the IMD, its seven "
            "domains, IDACI, IDAOPI and the six sub-domains, then File 6's denominators. The full "
            "file has 32,844 rows, but a local folder may hold a subset such as the Warrington one "
            "(the second layout), so no row count is pinned. The published header ends with a "
            "space after the last column (headers are matched whitespace-insensitively). Income, "
            "Employment, IDACI, IDAOPI and Adult Skills scores are rates (0-1); Health, Crime and "
            "the other sub-domain scores are standardised (negative below the mean). The IMD "
            "score is the weighted sum of File 9's scores before their rounding, so rebuilding it "
            "from File 9 agrees to 0.001. The working-age count is File 6's rounded to whole "
            "people."
        ),
        **{**_IOD2019_COMMON, "expected_rows": None},
    ),
    Source(
        source_id="ons__imd2019_lookup",
        title="Index of Multiple Deprivation (December 2019) Lookup in England",
        publisher="Office for National Statistics (data from MHCLG IoD2019)",
        url=f"{ONS_FEATURE_SERVICES}/IMD_Dec_2019_Lookup_in_England/FeatureServer/0/query",
        fetch_mode="arcgis",
        landing_page=(
            "https://data.gov.uk/dataset/1a0e255c-86c7-4417-85e8-0b8432fdd1e2/"
            "index-of-multiple-deprivation-december-2019-lookup-in-england"
        ),
        layouts=(
            FileLayout(
                "Index_of_Multiple_Deprivation_(December_2019)_Lookup_in_England.csv", "csv"
            ),
        ),
        columns=(
            Column("LSOA11CD"),
            Column("LSOA11NM"),
            Column("LAD19CD"),
            Column("LAD19NM"),
            Column("IMD19", "int"),
            Column("FID", "int"),
        ),
        key=("LSOA11CD",),
        licence=OGL,
        attribution=ATTRIBUTION_ONS_GEOGRAPHY + "; IoD2019 data (c) MHCLG",
        vintage="December 2019",
        geography="LSOA 2011, England (32,844)",
        release_cadence="one-off (follows each IoD edition)",
        reader="ons_lookup",
        expected_rows=32_844,
        tags=("deprivation", "geography"),
    ),
    Source(
        source_id="ons__lsoa11_lsoa21_lad22",
        title="LSOA (2011) to LSOA (2021) to Local Authority District (2022) Lookup for E&W",
        publisher="Office for National Statistics (Open Geography Portal)",
        # Hub item of the exact-fit lookup with CHGIND (V3); the hub's CSV export keeps the
        # portal's Windows-1252 encoding.
        url=f"{ONS_HUB_ITEMS}/cbfe64cc03d74af982c1afec639bafd1/csv?layers=0",
        landing_page=(
            "https://geoportal.statistics.gov.uk/datasets/"
            "ons::lsoa-2011-to-lsoa-2021-to-local-authority-district-2022-lookup-for-england-and-wales-version-2"
        ),
        layouts=(
            # The portal's export is Windows-1252, not UTF-8 ('Ynys Môn' is byte 0xF4).
            FileLayout("LSOA_2011_to_LSOA_2021_Lookup_E_W.csv", "csv", encoding="cp1252"),
        ),
        columns=(
            Column("LSOA11CD"),
            Column("LSOA11NM"),
            Column("LSOA21CD"),
            Column("LSOA21NM"),
            Column("CHGIND"),
            Column("LAD22CD"),
            Column("LAD22NM"),
            Column("LAD22NMW"),
            Column("ObjectId", "int"),
        ),
        key=("LSOA11CD", "LSOA21CD"),
        licence=OGL,
        attribution=ATTRIBUTION_ONS_GEOGRAPHY,
        vintage="2022 (LSOA 2011 and 2021 boundaries, LAD December 2022)",
        geography="LSOA 2011 x LSOA 2021 pairs, England and Wales (35,796)",
        release_cadence="one-off (best-fit lookup after Census 2021)",
        reader="ons_lookup",
        expected_rows=35_796,
        tags=("geography",),
    ),
    Source(
        source_id="ons__lsoa21_ward23_lad23",
        title="LSOA (2021) to Electoral Ward (2023) to LAD (2023) Best Fit Lookup in EW",
        publisher="Office for National Statistics (Open Geography Portal)",
        url=f"{ONS_FEATURE_SERVICES}/LSOA21_WD23_LAD23_EW_LU/FeatureServer/0/query",
        fetch_mode="arcgis",
        landing_page=(
            "https://geoportal.statistics.gov.uk/datasets/"
            "ons::lsoa-2021-to-electoral-ward-2023-to-lad-2023-best-fit-lookup-in-ew"
        ),
        layouts=(
            FileLayout(
                "LSOA_(2021)_to_Electoral_Ward_(2023)_to_LAD_(2023)_Best_Fit_Lookup_in_EW.csv",
                "csv",
            ),
        ),
        columns=(
            Column("LSOA21CD"),
            Column("LSOA21NM"),
            Column("LSOA21NMW"),
            Column("WD23CD"),
            Column("WD23NM"),
            Column("WD23NMW"),
            Column("LAD23CD"),
            Column("LAD23NM"),
            Column("LAD23NMW"),
            Column("ObjectId", "int"),
        ),
        key=("LSOA21CD",),
        licence=OGL,
        attribution=ATTRIBUTION_ONS_GEOGRAPHY,
        vintage="2023 (wards and LADs as at May 2023)",
        geography="LSOA 2021, England and Wales (35,672)",
        release_cadence="yearly (new ward boundaries each May)",
        reader="ons_lookup",
        expected_rows=35_672,
        tags=("geography",),
    ),
    Source(
        source_id="ons__lsoa11_ward19_lad19",
        title="Lower Layer Super Output Area (2011) to Ward (2019) Lookup in England and Wales",
        publisher="Office for National Statistics (Open Geography Portal)",
        url=f"{ONS_FEATURE_SERVICES}/LSOA11_WD19_LAD19_EW_LU/FeatureServer/0/query",
        fetch_mode="arcgis",
        landing_page=(
            "https://data.gov.uk/dataset/9e14de72-df2a-4bbe-b131-1844394e8368/"
            "lower-layer-super-output-area-2011-to-ward-2019-lookup-in-england-and-wales"
        ),
        layouts=(
            FileLayout(
                "Lower_Layer_Super_Output_Area_(2011)_to_Ward_(2019)_Lookup_in_England_and_Wales.csv",
                "csv",
            ),
        ),
        columns=(
            Column("FID", "int"),
            Column("LSOA11CD"),
            Column("LSOA11NM"),
            Column("WD19CD"),
            Column("WD19NM"),
            Column("LAD19CD"),
            Column("LAD19NM"),
        ),
        key=("LSOA11CD",),
        licence=OGL,
        attribution=ATTRIBUTION_ONS_GEOGRAPHY,
        vintage="December 2019",
        geography="LSOA 2011, England and Wales (34,753)",
        release_cadence="yearly (new ward boundaries each December until 2019)",
        reader="ons_lookup",
        expected_rows=34_753,
        tags=("geography",),
    ),
    Source(
        source_id="ons__ward19_lad19",
        title="Ward to Local Authority District (December 2019) Lookup in the United Kingdom",
        publisher="Office for National Statistics (Open Geography Portal)",
        url=f"{ONS_FEATURE_SERVICES}/WD19_LAD19_UK_LU/FeatureServer/0/query",
        fetch_mode="arcgis",
        landing_page=(
            "https://data.gov.uk/dataset/27e41ae2-2aab-4581-91f3-fcc6cf323973/"
            "ward-to-local-authority-district-december-2019-lookup-in-the-united-kingdom"
        ),
        layouts=(
            FileLayout(
                "Ward_to_Local_Authority_District_(December_2019)_Lookup_in_the_United_Kingdom.csv",
                "csv",
            ),
        ),
        columns=(
            Column("FID", "int"),
            Column("WD19CD"),
            Column("WD19NM"),
            Column("LAD19CD"),
            Column("LAD19NM"),
        ),
        key=("WD19CD",),
        licence=OGL,
        attribution=ATTRIBUTION_ONS_GEOGRAPHY,
        vintage="December 2019",
        geography="Electoral wards 2019, United Kingdom (8,887)",
        release_cadence="yearly (new ward boundaries each December until 2019)",
        reader="ons_lookup",
        expected_rows=8_887,
        tags=("geography",),
    ),
    Source(
        source_id="drkane__la_all_codes",
        title="All local authority codes since 2011 with current LAD, upper tier, region, country",
        publisher="David Kane (geo-lookups), compiled from ONS Open Geography lookups",
        url="https://raw.githubusercontent.com/drkane/geo-lookups/master/la_all_codes.csv",
        landing_page="https://github.com/drkane/geo-lookups",
        layouts=(FileLayout("la_all_codes.csv", "csv"),),
        columns=tuple(
            Column(name)
            for name in (
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
                "Current",
            )
        ),
        key=("LADCD",),
        licence="Derived from ONS data under the " + OGL,
        attribution=ATTRIBUTION_ONS_GEOGRAPHY + "; compiled by David Kane (drkane/geo-lookups)",
        vintage="2023 (LADs after the April 2023 reorganisations)",
        geography="Local authority districts since 2011, United Kingdom",
        release_cadence="when local government is reorganised",
        reader="ons_lookup",
        notes="Community compilation, not an ONS product; used for LAD vintages and LAD -> region.",
        tags=("geography",),
    ),
)

NOMIS_CENSUS2021 = "https://www.nomisweb.co.uk/output/census/2021"
NOMIS_API = "https://www.nomisweb.co.uk/api/v01/dataset"
ATTRIBUTION_ONS_CENSUS = (
    "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. "
    "Contains OS data (c) Crown copyright and database right"
)
CENSUS2021_LEVELS = {
    # member suffix: (geography, expected rows or None where this project has not seen the file)
    "lsoa": ("LSOA 2021, England and Wales (35,672)", 35_672),
    "msoa": ("MSOA 2021, England and Wales (7,264)", 7_264),
    "ltla": ("Lower-tier local authorities, England and Wales", None),
    "rgn": ("Regions of England, and Wales (10)", 10),
    "ctry": ("Countries: England, Wales (2)", 2),
}
TS054_TENURE = (
    "Tenure of household: Total: All households",
    "Tenure of household: Owned",
    "Tenure of household: Owned: Owns outright",
    "Tenure of household: Owned: Owns with a mortgage or loan",
    "Tenure of household: Shared ownership",
    "Tenure of household: Shared ownership: Shared ownership",
    "Tenure of household: Social rented",
    "Tenure of household: Social rented: Rents from council or Local Authority",
    "Tenure of household: Social rented: Other social rented",
    "Tenure of household: Private rented",
    "Tenure of household: Private rented: Private landlord or letting agency",
    "Tenure of household: Private rented: Other private rented",
    "Tenure of household: Lives rent free",
)
_VALUE = "; measures: Value"
TS019_MIGRANT = tuple(
    f"Migrant indicator: {name}{_VALUE}"
    for name in (
        "Total: All usual residents",
        "Address one year ago is the same as the address of enumeration",
        "Address one year ago is student term-time or boarding school address in the UK",
        "Migrant from within the UK: Address one year ago was in the UK",
        "Migrant from outside the UK: Address one year ago was outside the UK",
    )
)
TS016_RESIDENCE = tuple(
    f"Length of residence in the UK: {name}{_VALUE}"
    for name in (
        "Total: All usual residents",
        "Born in the UK",
        "10 years or more",
        "5 years or more, but less than 10 years",
        "2 years or more, but less than 5 years",
        "Less than 2 years",
    )
)
QS405EW_TENURE = tuple(
    f"Tenure: {name}{_VALUE}"
    for name in (
        "All categories: Tenure",
        "Owned: Total",
        "Owned: Owned outright",
        "Owned: Owned with a mortgage or loan",
        "Shared ownership (part owned and part rented)",
        "Social rented: Total",
        "Social rented: Rented from council (Local Authority)",
        "Social rented: Other social rented",
        "Private rented: Total",
        "Private rented: Private landlord or letting agency",
        "Private rented: Employer of a household member",
        "Private rented: Relative or friend of household member",
        "Private rented: Other",
        "Living rent free",
    )
)
_NOMIS_LEAD = (Column("date"), Column("geography"), Column("geography code"))


def _census2021(
    table: str,
    title: str,
    level: str,
    counts: tuple[str, ...],
    *,
    notes: str,
    tags: tuple[str, ...],
) -> Source:
    geography, expected_rows = CENSUS2021_LEVELS[level]
    archive = f"census2021-{table}.zip"
    member = f"census2021-{table}-{level}.csv"
    return Source(
        source_id=f"ons__census2021_{table}_{level}",
        title=f"Census 2021 {table.upper()} {title}, {level.upper()} level",
        publisher="Office for National Statistics (Nomis)",
        url=f"{NOMIS_CENSUS2021}/{archive}",
        landing_page="https://www.nomisweb.co.uk/sources/census_2021_bulk",
        # The bulk zip first (what the internet refresh downloads); the extracted member is
        # accepted too, as people keep the one file they need.
        layouts=(
            FileLayout(archive, "zip", member=member),
            FileLayout(member, "csv"),
        ),
        columns=_NOMIS_LEAD + tuple(Column(header, "int") for header in counts),
        key=("geography code",),
        licence=OGL,
        attribution=ATTRIBUTION_ONS_CENSUS,
        vintage="Census day 21 March 2021 (published 2022-2023)",
        geography=geography,
        release_cadence="every ten years (next: Census 2031)",
        reader="census",
        expected_rows=expected_rows,
        required=level in ("lsoa", "msoa"),
        notes=notes,
        tags=("census", *tags),
    )


def _qs405ew(level: str, type_code: str, geography: str, expected_rows: int) -> Source:
    return Source(
        source_id=f"ons__census2011_qs405ew_{level}",
        title=f"Census 2011 QS405EW Tenure - Households, {level.upper()} 2011 level",
        publisher="Office for National Statistics (Nomis)",
        url=(
            f"{NOMIS_API}/nm_537_1.bulk.csv?time=latest&measures=20100&rural_urban=total"
            f"&geography={type_code}"
        ),
        landing_page="https://www.nomisweb.co.uk/census/2011/qs405ew",
        # Nomis names API downloads by query; this is the name the file is kept under.
        layouts=(FileLayout(f"QS405EW_tenure-households_{level}2011.csv", "csv"),),
        columns=(*_NOMIS_LEAD, Column("Rural Urban"))
        + tuple(Column(header, "int") for header in QS405EW_TENURE),
        key=("geography code",),
        licence=OGL,
        attribution=ATTRIBUTION_ONS_CENSUS,
        vintage="Census day 27 March 2011 (published 2013)",
        geography=geography,
        release_cadence="every ten years (superseded by Census 2021 TS054)",
        reader="census",
        expected_rows=expected_rows,
        required=level == "msoa",
        notes=(
            "2011 categories differ from 2021: shared ownership has no subtotal, private renting "
            "has four parts, and 'Living rent free' is its own category."
        ),
        tags=("census", "housing"),
    )


CENSUS_SOURCES: tuple[Source, ...] = (
    *(
        _census2021(
            "ts054",
            "Tenure",
            level,
            TS054_TENURE,
            notes=(
                "Nested: Owned, Shared ownership (repeated), Social rented and Private rented are "
                "subtotals of the columns after them. Cell-key perturbation: small areas do not sum "
                "exactly to the published higher levels."
            ),
            tags=("housing",),
        )
        for level in CENSUS2021_LEVELS
    ),
    _census2021(
        "ts019",
        "Migrant indicator (address one year before the Census)",
        "lsoa",
        TS019_MIGRANT,
        notes=(
            "The base is usual residents aged 1 and over, whatever the label says. The four "
            "categories add up to the total."
        ),
        tags=("transience",),
    ),
    _census2021(
        "ts016",
        "Length of residence in the UK",
        "lsoa",
        TS016_RESIDENCE,
        notes=(
            "Years since arrival in the UK of residents born abroad: international migration, not "
            "time at the current address."
        ),
        tags=("transience",),
    ),
    _qs405ew("msoa", "TYPE297", "MSOA 2011, England and Wales (7,201)", 7_201),
    _qs405ew("lsoa", "TYPE298", "LSOA 2011, England and Wales (34,753)", 34_753),
    Source(
        source_id="mysociety__population_2019",
        title="Mid-2019 small-area population estimates, United Kingdom (composite UK IMD)",
        publisher="mySociety, compiled from ONS, NRS and NISRA mid-2019 small-area estimates",
        url=(
            "https://raw.githubusercontent.com/mysociety/composite_uk_imd/"
            "af4866b06fe603b65beced39ec120b5217b1b754/data/analysis/population/2019_population.csv"
        ),
        landing_page="https://github.com/mysociety/composite_uk_imd",
        layouts=(FileLayout("2019_population.csv", "csv"),),
        columns=(Column("lsoa"), Column("pop", "int")),
        key=("lsoa",),
        licence="Underlying data " + OGL + " (ONS, NRS, NISRA); compilation by mySociety",
        attribution=(
            "Contains public sector information licensed under the Open Government Licence v3.0 "
            "(ONS, National Records of Scotland, NISRA mid-2019 small-area population estimates); "
            "compiled by mySociety (composite_uk_imd)"
        ),
        vintage="mid-2019 (30 June 2019)",
        geography=(
            "LSOA 2011 (England and Wales), data zones 2011 (Scotland), super output areas (NI)"
        ),
        release_cadence="one-off compilation (the ONS estimates are yearly)",
        reader="census",
        expected_rows=42_620,
        notes=(
            "Not an official file: a compilation. Populations are quoted strings with thousands "
            "separators ('1,954'); UTF-8 with a byte-order mark."
        ),
        tags=("population",),
    ),
)

SOURCES = SOURCES + CENSUS_SOURCES

# Families kept in their own modules import this one, so they are added after everything above.

SOURCES = (
    SOURCES
    + GRANT_SOURCES
    + ALLOCATION_SOURCES
    + SURVEY_SOURCES
    + ASSET_SOURCES
    + GEOGRAPHY_EXTRA_SOURCES
    + IOD2025_SOURCES
    + UK_DEPRIVATION_SOURCES
)

_BY_ID = {source.source_id: source for source in SOURCES}


def get_source(source_id: str) -> Source:
    try:
        return _BY_ID[source_id]
    except KeyError:
        known = ", ".join(sorted(_BY_ID))
        raise KeyError(f"unknown source {source_id!r}; the catalog has: {known}") from None


def source_ids() -> tuple[str, ...]:
    return tuple(_BY_ID)
