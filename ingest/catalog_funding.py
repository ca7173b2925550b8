"""Catalog entries for grant files published in the 360Giving Data Standard.

Grant-makers publish one file each (CSV, XLSX or JSON) and list it in the 360Giving data registry,
https://registry.threesixtygiving.org/data.json: a JSON list with one entry per dataset (title,
publisher name and prefix, licence, `distribution[0].downloadURL`, and the datagetter's
`datagetter_metadata.file_type` once it has fetched the file). New publishers are found there;
`registry_entries` turns that list into what a catalog entry needs.

Unlike the statistical sources, a grants source does not list the publisher's headers: 360Giving files
share one vocabulary (the standard's column titles) but each publisher uses a different subset and
order, so `ingest.readers.grants` reads every form into the same typed table and `GRANT_COLUMNS`
documents that table (it IS `raw.<source_id>`, after `_row_number`).

`ingest.catalog` adds these sources to SOURCES. The reader also returns `REJECT_COLUMNS`, which the
loader turns into rows of `meta.rejected_rows`; they are not columns of the raw table.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import NamedTuple
from urllib.parse import urlparse

from ingest.catalog_schema import OGL, Column, FileLayout, Source

REGISTRY_URL = "https://registry.threesixtygiving.org/data.json"
STANDARD_DOCS = "https://standard.threesixtygiving.org/"
CC_BY_4 = (
    "Creative Commons Attribution 4.0 International (https://creativecommons.org/licenses/by/4.0/)"
)
CC0 = "CC0 1.0 Universal Public Domain Dedication (https://creativecommons.org/publicdomain/zero/1.0/)"
GITHUB_RAW = "https://raw.githubusercontent.com"

# The reader's output. "date" is a calendar date (pl.Date); the reject columns are null for a grant
# that meets the standard's required rules.
GRANT_COLUMNS: tuple[Column, ...] = (
    Column("grant_id"),
    Column("title"),
    Column("description"),
    Column("currency"),
    Column("amount_awarded", "float"),
    Column("award_date", "date"),
    Column("funder_id"),
    Column("funder_name"),
    Column("recipient_id"),
    Column("recipient_name"),
    Column("recipient_charity_number"),
    Column("recipient_company_number"),
    Column("recipient_postcode"),
    Column("recipient_postcode_normalised"),
    Column("recipient_country"),
    Column("beneficiary_location_name"),
    Column("beneficiary_geo_code"),
    Column("beneficiary_geo_code_type"),
    Column("beneficiary_latitude", "float"),
    Column("beneficiary_longitude", "float"),
    Column("beneficiary_locations_json"),
    Column("grant_programme_title"),
    Column("last_modified"),
)

_COMMON = {
    "columns": GRANT_COLUMNS,
    "key": ("grant_id",),
    "reader": "grants",
    "tags": ("funding",),
}


GRANT_SOURCES: tuple[Source, ...] = (
    Source(
        source_id="trafford__grants_360giving",
        title="Trafford Council grants to voluntary, community and social enterprise organisations",
        publisher="Trafford Council (republished by Trafford Data Lab)",
        # The Lab's 360Giving rewrite of the council CSV, pinned to the commit the tests read: the
        # council's own file has different bytes and is not in the 360Giving layout.
        url=(
            f"{GITHUB_RAW}/traffordDataLab/council_open_data/"
            "fe5479dc2923a44d46ce8dd87eb3cdce65bc9cc8/"
            "transparency_code/grants/trafford_council_voluntary_sector_grants.csv"
        ),
        landing_page=(
            "https://data.gov.uk/dataset/b8be28d4-e7be-4f1c-a83d-ca49bee16f5b/"
            "trafford-council-grants-to-voluntary-and-community-organisations"
        ),
        layouts=(FileLayout("trafford_council_voluntary_sector_grants_360giving.csv", "csv"),),
        licence=OGL,
        attribution=(
            "Contains public sector information licensed under the Open Government Licence v3.0 "
            "(Trafford Council)"
        ),
        vintage="grants awarded 2013-01-18 to 2024-06 (file changed 2024-08-02)",
        geography="Trafford (E08000009); recipient postcodes for the community-hub grants only",
        release_cadence="irregular (Local Government Transparency Code updates)",
        expected_rows=555,
        notes=(
            "Council original: https://www.trafford.gov.uk/about-your-council/open-data/docs/"
            "trafford-council-voluntary-sector-grants.csv (GrantNav funder GB-LAE-TRF). "
            "Beneficiary location is the whole borough for every grant."
        ),
        **_COMMON,
    ),
    Source(
        source_id="oxford__grants",
        title="Oxford City Council community grants awarded 2014/15 to 2017/18",
        publisher="Oxford City Council (Oxford open data portal)",
        url=(
            f"{GITHUB_RAW}/OxOpenData/community-grants-awarded/"
            "b3b661600eeded0714a0150d646c2c8012e5b898/data/"
            "oxford-city-council-grants-awarded-214-15-to-2017-18.csv"
        ),
        landing_page="https://oxopendata.github.io/community-grants-awarded/",
        layouts=(FileLayout("oxford-city-council-grants-awarded-214-15-to-2017-18.csv", "csv"),),
        licence=OGL,
        attribution=(
            "Contains public sector information licensed under the Open Government Licence v3.0 "
            "(Oxford City Council)"
        ),
        vintage="financial years 2014/15 to 2017/18 (last modified 2017-12-01)",
        geography="Oxford (E07000178)",
        release_cadence="one-off",
        expected_rows=105,
        notes=(
            "Data Source: https://www2.oxopendata.uk/Community/Oxford-City-Grants-Awarded/rmcp-f6uw/"
            "data. Council extras (Grant reference, Award Year, How Paid) are not read; Award Date "
            "falls in the February before the 'Award Year' financial year. Geographic Code Type "
            "'LAD' is not a 360Giving code (would be 'NMD')."
        ),
        **_COMMON,
    ),
    Source(
        source_id="indigo_trust__grants_360giving",
        title="Indigo Trust grants 2001-2015 (early 360Giving CSV layout)",
        publisher="Indigo Trust (a Sainsbury Family Charitable Trust)",
        # The copy Open Data Services keep for GrantNav tests; the 2015 feed URL is in the notes.
        url=(
            f"{GITHUB_RAW}/OpenDataServices/grantnav-sampledata/"
            "f4c64fde30f2eee97c046e6306ed9e4c8fb0d47d/a002400000G4KGJAA3.csv"
        ),
        landing_page="http://indigotrust.org.uk/grants-awarded/",
        layouts=(FileLayout("indigo_trust_360giving_a002400000G4KGJAA3.csv", "csv"),),
        registry_id="a002400000G4KGJAA3",
        licence=CC0,
        attribution="Indigo Trust (CC0; via the 360Giving registry)",
        vintage="grants awarded 2001-2015 (registry copy of 2015-16)",
        geography="UK and international recipients (mainly Africa); no UK area codes",
        release_cadence="one-off (historical feed)",
        expected_rows=269,
        notes=(
            "Publisher feed: http://ods.sfct.org.uk/OpenDataService/sfct360givingfeed.aspx?"
            "trust=360G-indigotrust (registry id a002400000G4KGJAA3). Early layout: DD/MM/YYYY "
            "HH:MM dates, combined 'Beneficiary Location:Latitude/Longitude', 'WebAddress'; "
            "placeholder recipient id 'DUMMY01'. The host repository says the data are for testing "
            "GrantNav and may not be up to date."
        ),
        **_COMMON,
    ),
    Source(
        source_id="lloyds_bank_foundation__grants_360giving",
        title="Lloyds Bank Foundation for England and Wales: Grant Making Data 2010 - 2015",
        publisher="Lloyds Bank Foundation for England and Wales (GB-CHC-327114)",
        url=(
            f"{GITHUB_RAW}/OpenDataServices/grantnav-sampledata/"
            "f4c64fde30f2eee97c046e6306ed9e4c8fb0d47d/a002400000OiDBQAA3.xlsx"
        ),
        landing_page="http://www.lloydsbankfoundation.org.uk/about-us/key-facts-and-figures/",
        layouts=(
            FileLayout(
                "lloyds_bank_foundation_360giving_2010_2015_a002400000OiDBQAA3.xlsx",
                "xlsx",
                sheet="grants",
            ),
        ),
        registry_id="a002400000OiDBQAA3",
        licence=CC_BY_4,
        attribution="Lloyds Bank Foundation for England and Wales",
        vintage="grants awarded 2010-2015 (workbook saved 2016-01-22)",
        geography="England and Wales; recipient postcode for every grant, no beneficiary location",
        release_cadence="one-off",
        expected_rows=4_116,
        notes=(
            "Publisher download: http://www.lloydsbankfoundation.org.uk/assets/uploads/"
            "360_giving_LBFEW_2010_2015.xlsx (registry id a002400000OiDBQAA3). The registry marked "
            "it schema-invalid: one grant has no Recipient Org:Identifier (and five have no "
            "Description). Postcodes include letter O for zero and double spaces."
        ),
        **_COMMON,
    ),
    Source(
        source_id="nlcf__awards_for_all_2004_sample",
        title="National Lottery Awards for All England grants of 31 March 2004 (50-grant sample)",
        publisher="The National Lottery Community Fund (Big Lottery Fund)",
        url=(
            f"{GITHUB_RAW}/biglotteryfund/grants-service/"
            "1f2fd30501569121316302d0d2ddedf9fc2b3b79/test/fixtures/grants.json"
        ),
        landing_page="https://github.com/biglotteryfund/grants-service",
        layouts=(FileLayout("nlcf_awards_for_all_2004_grants_api_fixture.json", "json"),),
        licence=(
            "Underlying data: the Fund's open 360Giving publication (licence as listed in the "
            "360Giving registry); repository licence not stated"
        ),
        attribution="The National Lottery Community Fund",
        vintage="awards of 2004-03-31/2004-04-01 (records modified 2016-05-11)",
        geography="England; beneficiary ward (WD) and district (CMLAD) codes",
        release_cadence="one-off (test fixture of the Fund's grants API)",
        expected_rows=50,
        notes=(
            "API response shape {'results': [...]}, not a 360Giving package. Award dates are local "
            "midnight BST serialised as UTC ('2004-03-31T23:00:00.000Z' = 1 April 2004). Funder id "
            "'360G-blf' is legacy (now GB-GOR-PB188); ward codes are mid-2010s recodes."
        ),
        **_COMMON,
    ),
    Source(
        source_id="threesixtygiving__covid19_tracker_2020",
        title="360Giving COVID-19 Grants Tracker data, snapshot of 7 May 2020",
        publisher="360Giving (grants published by 35 UK funders)",
        url=(
            f"{GITHUB_RAW}/ThreeSixtyGiving/covid19-tracker/"
            "2f04ffffa0560ed9a157443a4be4c0c305411237/covidtracker/assets/data/grants_data.json"
        ),
        landing_page="https://covidtracker.threesixtygiving.org/",
        layouts=(FileLayout("360giving_covid19_tracker_grants_data_2020-05-07.json", "json"),),
        licence=(
            "Mixed: each grant keeps its publisher's open licence as listed in the 360Giving "
            "registry (mostly CC BY 4.0, some CC0/OGL)"
        ),
        attribution="360Giving Datastore, and the listed funders",
        vintage="grants awarded 2020-03-17 to 2020-05-05 (snapshot 2020-05-07)",
        geography="UK; LSOA 2011, district and ward codes where funders gave them",
        release_cadence="one-off snapshot (the tracker was updated during 2020)",
        expected_rows=1_978,
        notes=(
            "Award dates in three forms (date only, +00:00, .000Z). 43 beneficiary locations have "
            "geoCode and geoCodeType swapped; the reader repairs them. One grant in USD."
        ),
        **_COMMON,
    ),
)


class RegistryEntry(NamedTuple):
    identifier: str | None
    publisher: str | None
    download_url: str | None
    file_type: str | None
    licence: str | None


_FILE_TYPES = ("csv", "xlsx", "json")


def registry_entries(data: list[dict]) -> list[RegistryEntry]:
    """(identifier, publisher name, download URL, file type, licence) for each registry dataset.

    The file type is the datagetter's (it looked at the response headers) when the registry has it,
    otherwise the download URL's extension; None when neither says, since many publishers serve
    files from URLs without one.
    """
    entries = []
    for dataset in data:
        publisher = (dataset.get("publisher") or {}).get("name")
        distributions = dataset.get("distribution") or [{}]
        # The registry's own getter downloads the first distribution only.
        download_url = distributions[0].get("downloadURL") or None
        metadata = dataset.get("datagetter_metadata") or {}
        file_type = metadata.get("file_type") or _type_from_url(download_url)
        entries.append(
            RegistryEntry(
                dataset.get("identifier"),
                publisher,
                download_url,
                file_type,
                dataset.get("license"),
            )
        )
    return entries


def _type_from_url(url: str | None) -> str | None:
    if not url:
        return None
    suffix = PurePosixPath(urlparse(url).path).suffix.lower().lstrip(".")
    return suffix if suffix in _FILE_TYPES else None
