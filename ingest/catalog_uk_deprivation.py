"""The UK nations' deprivation indices and mySociety's composite UK index: catalog entries.

Wales (WIMD 2019, LSOA 2011), Scotland (SIMD 2020v2, data zones 2011) and Northern Ireland (NIMDM 2017,
super output areas 2001) each rank their own small areas; England's IoD2019 is in `ingest.catalog`.
The four are not comparable with one another (different domains, indicators and years), which is
what mySociety's composite UK index (UK_IMD_E) is for: every UK small area re-scored on England's
scale, with UK-wide ranks, deciles and quintiles.

Headers are the publishers' own text with runs of white space written as one space: the NISRA
workbook breaks its headers over lines ('... Rank \\n(where 1 is most deprived)') and WIMD's extract
ends one with a space ('Local Authority Name '); readers match headers case- and
whitespace-insensitively, so these entries match the published bytes as they are.

This module imports only `ingest.catalog_schema`, so `ingest.catalog` can import it.
"""

from __future__ import annotations

from ingest.catalog_schema import OGL, Column, FileLayout, Source

GITHUB_RAW = "https://raw.githubusercontent.com"
# mySociety's composite_uk_imd repository, at the commits the files in the shared data were taken
# from: the national extracts (country_indexes/) and the published composite (data/packages/).
MYSOCIETY_INDEXES = (
    f"{GITHUB_RAW}/mysociety/composite_uk_imd/58301a466ea7a8b9910de11526bccf4df8d8e282"
)
MYSOCIETY_PACKAGES = (
    f"{GITHUB_RAW}/mysociety/composite_uk_imd/af4866b06fe603b65beced39ec120b5217b1b754"
)
MYSOCIETY_REPOSITORY = "https://github.com/mysociety/composite_uk_imd"
PSI_OGL = "Contains public sector information licensed under the Open Government Licence v3.0"
CC_BY_4 = "Creative Commons Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/)"

RANK_SUFFIX = " (where 1 is most deprived)"

WIMD2019_DOMAINS = (
    "Income",
    "Employment",
    "Health",
    "Education",
    "Access to Services",
    "Housing",
    "Community Safety",
    "Physical Environment",
)
# SIMD 2020v2 revised the income domain (and so the overall rank) of SIMD 2020; the other domains
# keep their 2020 names, which is why the prefixes differ.
SIMD2020V2_DOMAIN_RANKS = (
    "SIMD2020v2_Income_Domain_Rank",
    "SIMD2020_Employment_Domain_Rank",
    "SIMD2020_Health_Domain_Rank",
    "SIMD2020_Education_Domain_Rank",
    "SIMD2020_Access_Domain_Rank",
    "SIMD2020_Crime_Domain_Rank",
    "SIMD2020_Housing_Domain_Rank",
)
NIMDM2017_DOMAINS = (
    "Income",
    "Employment",
    "Health Deprivation and Disability",
    "Education, Skills and Training",
    "Access to Services",
    "Living Environment",
    "Crime and Disorder",
)
NIMDM2017_MDM_RANK = f"Multiple Deprivation Measure Rank{RANK_SUFFIX}"
NIMDM2017_DOMAIN_RANKS = tuple(f"{domain} Domain Rank{RANK_SUFFIX}" for domain in NIMDM2017_DOMAINS)
# mySociety's flat CSV names the same ranks by short codes, in the order of NIMDM2017_DOMAIN_RANKS.
MYSOCIETY_NIMDM2017_DOMAIN_RANKS = (
    "D1_Income_rank",
    "D2_Empl_rank",
    "D3_Health_rank",
    "P4_Education_rank",
    "P5_Access_rank",
    "D6_LivEnv_rank",
    "D7_CD_rank",
)

UK_DEPRIVATION_SOURCES: tuple[Source, ...] = (
    Source(
        source_id="welsh_gov__wimd2019_scores",
        title="Welsh Index of Multiple Deprivation 2019: index and domain scores by small area",
        publisher="Welsh Government (CSV extract of the official spreadsheet by mySociety)",
        url=f"{MYSOCIETY_INDEXES}/country_indexes/wimd2019/wimd-2019-index-and-domain-scores.csv",
        landing_page="https://gov.wales/welsh-index-multiple-deprivation-full-index-update-ranks-2019",
        layouts=(FileLayout("wimd-2019-index-and-domain-scores.csv", "csv"),),
        columns=(
            Column("lsoa"),
            Column("LSOA Name"),
            # Published as 'Local Authority Name ' (a trailing space).
            Column("Local Authority Name"),
            Column("WIMD 2019", "float"),
            *(Column(domain, "float") for domain in WIMD2019_DOMAINS),
        ),
        key=("lsoa",),
        licence=OGL,
        attribution=(
            f"{PSI_OGL} - Welsh Government, Welsh Index of Multiple Deprivation 2019; CSV extract "
            "by mySociety (composite_uk_imd)"
        ),
        vintage="2019 (published November 2019)",
        geography="LSOA 2011, Wales (1,909)",
        release_cadence="irregular (2008, 2011, 2014, 2019; WIMD 2025 announced for late 2025)",
        reader="iod",
        expected_rows=1_909,
        notes=(
            "Scores only (0-100, higher = more deprived, one decimal place); the Welsh Government "
            "publishes its ranks in a separate spreadsheet that is not read here, so ranks are "
            "derived from these scores downstream (1 + the number of Welsh LSOAs with a higher "
            "score: tied scores share a rank). Not the Welsh Government's bytes: mySociety's CSV "
            "extract of wimd-2019-index-and-domain-scores-by-small-area.ods (the official ODS, "
            "reported at https://www.gov.wales/sites/default/files/statistics-and-research/"
            "2022-02/wimd-2019-index-and-domain-scores-by-small-area.ods by a third-party "
            "downloader; not verified here, and ODS has no reader in this project). UTF-8 with a "
            "byte-order mark; the first column is renamed 'lsoa'; rows are in descending score "
            "order, ties by LSOA code."
        ),
        tags=("deprivation", "wales"),
    ),
    Source(
        source_id="scot_gov__simd2020v2_ranks",
        title="Scottish Index of Multiple Deprivation 2020v2: overall and domain ranks by data zone",
        publisher="Scottish Government",
        url=(
            "https://www.gov.scot/binaries/content/documents/govscot/publications/statistics/"
            "2020/01/scottish-index-of-multiple-deprivation-2020-ranks-and-domain-ranks/documents/"
            "scottish-index-of-multiple-deprivation-2020-ranks-and-domain-ranks/"
            "scottish-index-of-multiple-deprivation-2020-ranks-and-domain-ranks/"
            "govscot%3Adocument/SIMD%2B2020v2%2B-%2Branks.xlsx"
        ),
        landing_page=(
            "https://www.gov.scot/publications/scottish-index-of-multiple-deprivation-2020v2-ranks/"
        ),
        layouts=(
            FileLayout("SIMD+2020v2+-+ranks.xlsx", "xlsx", sheet="SIMD 2020v2 ranks"),
            # The ranks sheet saved as CSV (UTF-8 with a byte-order mark) by mySociety: the same
            # 13 columns and 6,976 rows, cell for cell, so the reader treats both forms alike.
            FileLayout("SIMD+2020v2+-+ranks.csv", "csv"),
        ),
        columns=(
            Column("Data_Zone"),
            Column("Intermediate_Zone"),
            Column("Council_area"),
            Column("Total_population", "int"),
            Column("Working_age_population", "int"),
            Column("SIMD2020v2_Rank", "int"),
            # Tied data zones share the mean of their ranks (x.5), so domain ranks are numbers.
            *(Column(header, "float") for header in SIMD2020V2_DOMAIN_RANKS),
        ),
        key=("Data_Zone",),
        licence=OGL,
        attribution=(
            f"{PSI_OGL} - Scottish Government, Scottish Index of Multiple Deprivation 2020v2"
        ),
        vintage="2020v2 (SIMD 2020, January 2020, with the income domain revised)",
        geography="Data zones 2011, Scotland (6,976)",
        release_cadence="about every four years (SIMD 2012, 2016, 2020)",
        reader="iod",
        expected_rows=6_976,
        notes=(
            "Ranks only, 1 = most deprived of 6,976; no deciles in this file (the Scottish "
            "Government publishes them in its data zone look-up, not read here), so deciles are "
            "derived downstream as ceil(rank x 10 / 6,976), which gives decile 1 = ranks 1-697. "
            "Intermediate_Zone holds the intermediate zone's name, not its code. The download URL "
            "is the one many open projects fetch the workbook from (checked in several public "
            "repositories, not fetched from here). The CSV form is mySociety's export "
            f"({MYSOCIETY_INDEXES}/country_indexes/simd2020/SIMD+2020v2+-+ranks.csv)."
        ),
        tags=("deprivation", "scotland"),
    ),
    Source(
        source_id="nisra__nimdm2017_soa",
        title="Northern Ireland Multiple Deprivation Measure 2017: Super Output Area results",
        publisher="Northern Ireland Statistics and Research Agency (NISRA)",
        url="https://www.nisra.gov.uk/files/nisra/publications/NIMDM17_SOAresults.xls",
        landing_page=(
            "https://www.nisra.gov.uk/statistics/deprivation/"
            "northern-ireland-multiple-deprivation-measure-2017-nimdm2017"
        ),
        # A legacy BIFF workbook: one sheet per domain; 'MDM' holds the overall and domain ranks.
        layouts=(FileLayout("NIMDM17_SOAresults.xls", "xls", sheet="MDM"),),
        columns=(
            Column("LGD2014NAME"),
            # Published as '2015 Default Urban/Rural ' (a trailing space).
            Column("2015 Default Urban/Rural"),
            Column("SOA2001"),
            Column("SOA2001_name"),
            Column(NIMDM2017_MDM_RANK, "int"),
            *(Column(header, "int") for header in NIMDM2017_DOMAIN_RANKS),
        ),
        key=("SOA2001",),
        licence=OGL,
        attribution=(
            f"{PSI_OGL} - Northern Ireland Statistics and Research Agency, Northern Ireland "
            "Multiple Deprivation Measure 2017"
        ),
        vintage="2017 (published November 2017)",
        geography="Super Output Areas 2001, Northern Ireland (890)",
        release_cadence="about every seven years (NIMDM 2005, 2010, 2017)",
        # The legacy .xls reader (xlrd) is the asset family's; the sheet starts at row 1 and ends
        # at its first blank row, as that reader expects.
        reader="asset",
        expected_rows=890,
        notes=(
            "Ranks only, 1 = most deprived of 890; deciles derived downstream as ceil(rank x 10 / "
            "890), 89 areas each. Header cells hold line breaks and trailing spaces. District names "
            "only (LGD 2014), no codes: mySociety's flat CSV (mysociety__nimdm2017_soa) has the "
            "codes. URL as linked from NISRA's NIMDM 2017 pages and fetched by several public "
            "projects (older form: https://www.nisra.gov.uk/sites/nisra.gov.uk/files/publications/"
            "NIMDM17_SOAresults.xls); not fetched from here."
        ),
        tags=("deprivation", "northern_ireland"),
    ),
    Source(
        source_id="mysociety__nimdm2017_soa",
        title="NIMDM 2017 Super Output Area ranks and indicators in one flat CSV (mySociety)",
        publisher="mySociety (composite_uk_imd), compiled from NISRA's NIMDM 2017 tables",
        url=f"{MYSOCIETY_INDEXES}/country_indexes/nimdm2017/nimdm2017-soa.csv",
        landing_page=MYSOCIETY_REPOSITORY,
        layouts=(FileLayout("nimdm2017-soa.csv", "csv"),),
        columns=(
            Column("LGD2014code"),
            Column("LGD2014name"),
            Column("UR2015"),
            Column("SOA2001"),
            Column("SOA2001name"),
            Column("MDM_rank", "int"),
            Column(MYSOCIETY_NIMDM2017_DOMAIN_RANKS[0], "int"),
            Column("Income_perc", "float"),
            Column(MYSOCIETY_NIMDM2017_DOMAIN_RANKS[1], "int"),
            Column("Empl_perc", "float"),
            *(Column(header, "int") for header in MYSOCIETY_NIMDM2017_DOMAIN_RANKS[2:]),
        ),
        key=("SOA2001",),
        licence="Underlying data " + OGL + " (NISRA); compilation by mySociety",
        attribution=(
            f"{PSI_OGL} - Northern Ireland Statistics and Research Agency, Northern Ireland "
            "Multiple Deprivation Measure 2017; compiled by mySociety (composite_uk_imd)"
        ),
        vintage="2017 (NIMDM 2017, published November 2017)",
        geography="Super Output Areas 2001, Northern Ireland (890)",
        release_cadence="one-off compilation (follows NISRA's NIMDM editions)",
        reader="iod",
        expected_rows=890,
        notes=(
            "Not NISRA's bytes: every sheet of NIMDM17_SOAresults.xls flattened into 93 columns "
            "under short names, with district codes (LGD2014code) the workbook lacks. Its own "
            "source, not a second form of nisra__nimdm2017_soa: the ranks agree with the "
            "workbook's cell for cell, but the text does not (commas and apostrophes dropped, "
            "'/' and '-' written as spaces, in district, area and urban-rural names) and proportions "
            "are percentages (8.5, not the workbook's 0.085), so one raw table could not hold "
            "either file unchanged. Only the identifiers, the MDM and domain ranks and the income "
            "and employment percentages are read."
        ),
        tags=("deprivation", "northern_ireland"),
    ),
    Source(
        source_id="mysociety__uk_imd_e",
        title="Composite UK Index of Multiple Deprivation, England-based (UK_IMD_E)",
        publisher="mySociety (composite_uk_imd)",
        url=f"{MYSOCIETY_PACKAGES}/data/packages/uk_index/UK_IMD_E.csv",
        landing_page="https://pages.mysociety.org/composite_uk_imd/datasets/uk_index/latest",
        layouts=(FileLayout("UK_IMD_E.csv", "csv"),),
        columns=(
            Column("nation"),
            Column("lsoa"),
            Column("overall_local_score", "float"),
            Column("income_score", "float"),
            Column("employment_score", "float"),
            Column("UK_IMD_E_score", "float"),
            Column("original_decile", "int"),
            Column("E_expanded_decile", "int"),
            # Written as a float ('1.0'), and tied scores share the mean of their ranks (x.5).
            Column("UK_IMD_E_rank", "float"),
            Column("UK_IMD_E_pop_decile", "int"),
            Column("UK_IMD_E_pop_quintile", "int"),
        ),
        key=("lsoa",),
        licence=(
            CC_BY_4 + " (mySociety's uk_index data package); the four national indices under "
            "the " + OGL
        ),
        attribution=(
            "Composite UK IMD by mySociety (https://github.com/mysociety/composite_uk_imd), "
            f"CC BY 4.0. {PSI_OGL} (MHCLG, Welsh Government, Scottish Government, NISRA)"
        ),
        vintage="2020 composite of IMD 2019, WIMD 2019, SIMD 2020v2 and NIMDM 2017",
        geography=(
            "UK small areas (42,619): LSOA 2011 in England (32,844) and Wales (1,909), data zones "
            "2011 in Scotland (6,976), Super Output Areas 2001 in Northern Ireland (890)"
        ),
        release_cadence="irregular (rebuilt when a national index is updated)",
        reader="iod",
        expected_rows=42_619,
        notes=(
            "nation is one letter (E, W, S, N); lsoa holds all four code types (NI codes such as "
            "95AA01S1 are not 9-character GSS codes). England-anchored: English areas keep their "
            "IMD 2019 order; the other nations are re-scored from their employment rates on "
            "England's model. UK_IMD_E_pop_decile and _pop_quintile cut the UK ranking into bands "
            "of equal mid-2019 population, not equal counts of areas; original_decile is "
            "mySociety's own-nation decile of its own-nation score (not the publishers' ranks). "
            "Licence CC-BY-4.0 as the data package's datapackage.yaml states. Pinned to the "
            "commit the shared file was taken from; mySociety also serves the latest release at "
            "https://pages.mysociety.org/composite_uk_imd/data/uk_index/latest/UK_IMD_E.csv."
        ),
        tags=("deprivation", "uk"),
    ),
)
