"""English Indices of Deprivation 2025: the catalog entries for MHCLG's IoD2025 files.

LSOA 2021 based (33,755 LSOAs), local authority districts on their 2024 codes (296). The files are
the reissue of November 2025 (E01027305 moved from Cherwell to West Northamptonshire); the gov.uk
media ids below are the reissued files'.

Only File 1 is at hand as a real file. For the others the sheet names, header text and column
order were taken from public code that reads the published files; what could not be confirmed
that way is said in each entry's `notes`, and a source lists as required columns only the ones
whose header text was confirmed (the reader leaves the others in the file).
"""

from __future__ import annotations

from ingest.catalog_schema import OGL, Column, FileLayout, Source

IOD2025_LANDING = "https://www.gov.uk/government/statistics/english-indices-of-deprivation-2025"
GOV_UK_MEDIA = "https://assets.publishing.service.gov.uk/media"
ATTRIBUTION_MHCLG_IOD2025 = (
    "Contains public sector information licensed under the Open Government Licence v3.0 - "
    "Ministry of Housing, Communities and Local Government, English Indices of Deprivation 2025"
)
LSOA_COUNT = 33_755

LSOA21_CODE = "LSOA code (2021)"
LSOA21_NAME = "LSOA name (2021)"
LAD24_CODE = "Local Authority District code (2024)"
LAD24_NAME = "Local Authority District name (2024)"
LEAD_HEADERS = (LSOA21_CODE, LSOA21_NAME, LAD24_CODE, LAD24_NAME)

RANK_SUFFIX = " (where 1 is most deprived)"
DECILE_SUFFIX = " (where 1 is most deprived 10% of LSOAs)"
IMD = "Index of Multiple Deprivation (IMD)"
IDACI = "Income Deprivation Affecting Children Index (IDACI)"
IDAOPI = "Income Deprivation Affecting Older People (IDAOPI)"
# The seven domains in the IMD's order (Income 22.5%, Employment 22.5%, Education 13.5%,
# Health 13.5%, Crime, Barriers and Living Environment 9.3% each), as File 2 and File 7 name them.
DOMAINS = (
    "Income",
    "Employment",
    "Education, Skills and Training",
    "Health Deprivation and Disability",
    "Crime",
    "Barriers to Housing and Services",
    "Living Environment",
)
# File 9's short names of the same domains.
TRANSFORMED_DOMAINS = (
    "Income",
    "Employment",
    "Education",
    "Health",
    "Crime",
    "Barriers",
    "Living Environment",
)
SUBDOMAINS = (
    "Children and Young People Sub-domain",
    "Adult Skills Sub-domain",
    "Geographical Barriers Sub-domain",
    "Wider Barriers Sub-domain",
    "Indoors Sub-domain",
    "Outdoors Sub-domain",
)
# Each index's score header: the income-based ones are published as rates (0-1).
SCORE_HEADERS = {
    IMD: f"{IMD} Score",
    "Income": "Income Score (rate)",
    "Employment": "Employment Score (rate)",
    **{name: f"{name} Score" for name in DOMAINS[2:]},
    IDACI: f"{IDACI} Score (rate)",
    IDAOPI: f"{IDAOPI} Score (rate)",
    **{name: f"{name} Score" for name in SUBDOMAINS},
}
# The ten indices of Files 5 and 7 in their column order: the IMD, its domains, the supplementary
# indices.
INDICES = (IMD, *DOMAINS, IDACI, IDAOPI)

# MHCLG cut some headers at 80 characters, as published: File 1's IMD decile and File 7's
# Children and Young People decile.
FILE1_DECILE = "Index of Multiple Deprivation (IMD) Decile (where 1 is most deprived 10% of LSOA"
CYP_DECILE = "Children and Young People Sub-domain Decile (where 1 is most deprived 10% of LSO"

POPULATION_TOTAL = "Total population: mid 2022"
POPULATION_0_15 = "Dependent Children aged 0-15: mid 2022"
POPULATION_16_59 = "Population aged 16-59: mid 2022"
POPULATION_60_PLUS = "Older population aged 60 and over: mid 2022"
POPULATION_WORKING_AGE = (
    "Working age population 18-66 (for use with Employment Deprivation Domain): mid 2022"
)


def rank_header(index: str) -> str:
    return f"{index} Rank{RANK_SUFFIX}"


def decile_header(index: str) -> str:
    return CYP_DECILE if index == SUBDOMAINS[0] else f"{index} Decile{DECILE_SUFFIX}"


def transformed_header(domain: str) -> str:
    return f"{domain} Score - exponentially transformed"


def _lead() -> tuple[Column, ...]:
    return tuple(Column(header) for header in LEAD_HEADERS)


def _rank_and_decile(index: str) -> tuple[Column, ...]:
    return (Column(rank_header(index), "int"), Column(decile_header(index), "int"))


def _score_rank_decile(index: str) -> tuple[Column, ...]:
    return (Column(SCORE_HEADERS[index], "float"), *_rank_and_decile(index))


# Population counts are whole numbers in IoD2019; its working-age count was published with
# fractions, so that one is read as a number (a whole number reads too).
POPULATION_COLUMNS_FILE7 = (
    Column(POPULATION_TOTAL, "int"),
    Column(POPULATION_0_15, "int"),
    Column(POPULATION_60_PLUS, "int"),
    Column(POPULATION_WORKING_AGE, "float"),
)

_IOD2025_COMMON = {
    "publisher": "Ministry of Housing, Communities and Local Government",
    "landing_page": IOD2025_LANDING,
    "licence": OGL,
    "attribution": ATTRIBUTION_MHCLG_IOD2025,
    "vintage": "2025 (published 30 October 2025, reissued 13 November 2025)",
    "geography": "LSOA 2021, England (33,755); local authority districts 2024 (296)",
    "release_cadence": "about every four to six years (previous edition: IoD2019)",
    "reader": "iod",
    "expected_rows": LSOA_COUNT,
    "key": (LSOA21_CODE,),
    "tags": ("deprivation",),
}

IOD2025_SOURCES: tuple[Source, ...] = (
    Source(
        source_id="mhclg__iod2025_file1",
        title="English Indices of Deprivation 2025, File 1: Index of Multiple Deprivation",
        url=f"{GOV_UK_MEDIA}/691dece32c6b98ecdbc500d5/File_1_IoD2025_Index_of_Multiple_Deprivation.xlsx",
        layouts=(
            FileLayout("File_1_IoD2025_Index_of_Multiple_Deprivation.xlsx", "xlsx", sheet="IMD25"),
        ),
        columns=_lead() + (Column(rank_header(IMD), "int"), Column(FILE1_DECILE, "int")),
        notes=(
            "Layout checked on the real file: sheets 'Notes' (text in a drawing) and 'IMD25'. "
            "The decile header is cut short in the original ('... 10% of LSOA')."
        ),
        **_IOD2025_COMMON,
    ),
    Source(
        source_id="mhclg__iod2025_file2",
        title="English Indices of Deprivation 2025, File 2: domains of deprivation (ranks, deciles)",
        url=f"{GOV_UK_MEDIA}/691decfae39a085bda43efcd/File_2_IoD2025_Domains_of_Deprivation.xlsx",
        layouts=(
            FileLayout(
                "File_2_IoD2025_Domains_of_Deprivation.xlsx", "xlsx", sheet="IoD2025 Domains"
            ),
        ),
        columns=_lead() + tuple(c for index in (IMD, *DOMAINS) for c in _rank_and_decile(index)),
        required=False,
        notes=(
            "No real file at hand. URL, sheet 'IoD2025 Domains' and the rank headers as read by "
            "public code; the decile headers other than the IMD's are assumed to read as File 7's "
            "(uncut). Column order as IoD2019's File 2 (rank then decile, IMD then the domains)."
        ),
        **_IOD2025_COMMON,
    ),
    Source(
        source_id="mhclg__iod2025_file3",
        title="English Indices of Deprivation 2025, File 3: supplementary indices IDACI and IDAOPI",
        url=(
            f"{GOV_UK_MEDIA}/691ded0a21ef5aaa6543efe9/"
            "File_3_IoD2025_Supplementary_Indices_IDACI_and_IDAOPI.xlsx"
        ),
        layouts=(
            FileLayout(
                "File_3_IoD2025_Supplementary_Indices_IDACI_and_IDAOPI.xlsx",
                "xlsx",
                sheet="IoD2025 IDACI & IDAOPI",
            ),
        ),
        columns=_lead() + _rank_and_decile(IDACI) + _rank_and_decile(IDAOPI),
        required=False,
        notes=(
            "No real file at hand. Sheet 'IoD2025 IDACI & IDAOPI' and the IDACI headers as read "
            "by public code; the URL's media id seen in one code base only. IoD2019's File 3 also "
            "repeats the IMD rank and decile before IDACI: not confirmed for 2025, so not "
            "required here."
        ),
        **_IOD2025_COMMON,
    ),
    Source(
        source_id="mhclg__iod2025_file5",
        title="English Indices of Deprivation 2025, File 5: scores for the indices of deprivation",
        url=(
            f"{GOV_UK_MEDIA}/691ded34513046b952c500bd/"
            "File_5_IoD2025_Scores_for_the_Indices_of_Deprivation.xlsx"
        ),
        layouts=(
            FileLayout(
                "File_5_IoD2025_Scores_for_the_Indices_of_Deprivation.xlsx",
                "xlsx",
                sheet="IoD2025 Scores",
            ),
        ),
        columns=_lead() + tuple(Column(SCORE_HEADERS[index], "float") for index in INDICES),
        required=False,
        notes=(
            "No real file at hand. URL, sheet 'IoD2025 Scores' and the ten score headers as read "
            "by public code. IoD2019's File 5 follows them with the six sub-domain scores: not "
            "confirmed for 2025, so not required here (File 7 has them). Income, Employment, "
            "IDACI and IDAOPI scores are rates (0-1); Health and Crime scores are standardised "
            "(negative below the mean)."
        ),
        **_IOD2025_COMMON,
    ),
    Source(
        source_id="mhclg__iod2025_file6",
        title="English Indices of Deprivation 2025, File 6: population denominators (mid-2022)",
        url=f"{GOV_UK_MEDIA}/691ded46513046b952c500be/File_6_IoD2025_Population_Denominators.xlsx",
        layouts=(
            FileLayout(
                "File_6_IoD2025_Population_Denominators.xlsx",
                "xlsx",
                sheet="ID 2025 Population Denominators",
            ),
        ),
        columns=_lead()
        + (
            Column(POPULATION_TOTAL, "int"),
            Column(POPULATION_0_15, "int"),
            Column(POPULATION_16_59, "int"),
            Column(POPULATION_60_PLUS, "int"),
            Column(POPULATION_WORKING_AGE, "float"),
        ),
        required=False,
        notes=(
            "No real file at hand. Sheet 'ID 2025 Population Denominators' and the five headers "
            "as read by public code (which also found them equal to File 7's four); the URL's "
            "media id seen in one code base only. Column order and the sheet before it assumed "
            "as IoD2019's. Denominators: total for the IMD and most domains, 0-15 for IDACI, "
            "60+ for IDAOPI, 18-66 for Employment."
        ),
        **_IOD2025_COMMON,
    ),
    Source(
        source_id="mhclg__iod2025_file7",
        title=(
            "English Indices of Deprivation 2025, File 7: all ranks, scores, deciles and "
            "population denominators"
        ),
        url=(
            f"{GOV_UK_MEDIA}/691ded56d140bbbaa59a2a7d/"
            "File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators.csv"
        ),
        layouts=(
            FileLayout(
                "File_7_IoD2025_All_Ranks_Scores_Deciles_Population_Denominators.csv", "csv"
            ),
        ),
        columns=_lead()
        + tuple(c for index in (*INDICES, *SUBDOMAINS) for c in _score_rank_decile(index))
        + POPULATION_COLUMNS_FILE7,
        required=False,
        notes=(
            "No real file at hand. URL and the 56 headers (the Children and Young People decile "
            "cut at 80 characters) as public code checks them against the file; unlike IoD2019's "
            "File 7 there is no 16-59 population. Encoding and line endings not confirmed "
            "(UTF-8 assumed)."
        ),
        **_IOD2025_COMMON,
    ),
    Source(
        source_id="mhclg__iod2025_file9",
        title="English Indices of Deprivation 2025, File 9: exponentially transformed domain scores",
        url=f"{GOV_UK_MEDIA}/691ded670dcbf6343e9a2a6c/File_9_IoD2025_Transformed_Domain_Scores.xlsx",
        layouts=(
            FileLayout(
                "File_9_IoD2025_Transformed_Domain_Scores.xlsx",
                "xlsx",
                sheet="IoD25 Transformed Domain Scores",
            ),
        ),
        columns=_lead()
        + tuple(Column(transformed_header(name), "float") for name in TRANSFORMED_DOMAINS),
        required=False,
        notes=(
            "No real file at hand. URL, sheet 'IoD25 Transformed Domain Scores' and the seven "
            "transformed-score headers as read by public code (eleven columns). The IMD score is "
            "the weighted sum of these scores; they are published rounded, so a rebuilt rank "
            "matches the published one to within a few places."
        ),
        **_IOD2025_COMMON,
    ),
)
