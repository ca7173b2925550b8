"""Catalog entries for local-authority funding allocations: what each local authority was awarded or
how it was prioritised by a national fund (Arts Council England's Culture Recovery Fund and National
Lottery Project Grants, the Levelling Up Fund's priority categories).

These are published as Excel workbooks, not in the 360Giving standard: one row per award or per local
authority, under the publisher's own headers, with places named (not coded). What `FileLayout`
cannot say about them (title rows above the header; one table split over several sheets of the same
layout) is in `WorkbookLayout`, which `ingest.readers.allocations` reads.

These sources are not in `ingest.catalog.SOURCES` yet. This module imports only the schema and
`ingest.catalog_assets` (which imports only the schema), so `ingest.catalog` can import it to wire
them in.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.catalog_assets import AssetLayout
from ingest.catalog_schema import OGL, Column, Source

GITHUB_RAW = "https://raw.githubusercontent.com"
PSI_OGL = "Contains public sector information licensed under the Open Government Licence v3.0"
# Copies of ACE's workbooks kept by a researcher, byte-identical to the publisher's downloads
# (ACE's pages move their files; these paths do not).
_CRF_REPO = f"{GITHUB_RAW}/markrt/culturalrecoveryfund/46b1fff78095df116a867b49651d54c4c3f2545b"
ACE_LICENCE = (
    "Arts Council England publication; no licence is stated in the workbook and none could be "
    "verified offline (ACE publishes its funding data for reuse; treated as open data under "
    "OGL-style terms with attribution to Arts Council England)"
)


@dataclass(frozen=True)
class WorkbookLayout(AssetLayout):
    """An XLSX table below title rows (`header_row`), or one table over several sheets.

    `sheets` lists sheets that share one header, read in this order into one table; `sheet` is then
    the first of them (set from `sheets` when not given). `sheet_column` is the column of the
    table that names each row's sheet, by the publisher's sheet name; it is one of the source's
    columns but not a column of any sheet. With several sheets it is required, since `_row_number`
    (the row in its sheet) alone no longer says where a row is.
    """

    sheets: tuple[str, ...] = ()
    sheet_column: str | None = None

    def __post_init__(self) -> None:
        if self.format != "xlsx":
            raise ValueError(f"{self.file_name}: a WorkbookLayout is an xlsx workbook")
        if self.sheets:
            if self.sheet is None:
                object.__setattr__(self, "sheet", self.sheets[0])
            elif self.sheet != self.sheets[0]:
                raise ValueError(
                    f"{self.file_name}: sheet {self.sheet!r} is not the first of {self.sheets}"
                )
        if self.sheet is None:
            raise ValueError(f"{self.file_name}: a WorkbookLayout names its sheet(s)")
        if len(self.sheet_names) > 1 and self.sheet_column is None:
            raise ValueError(f"{self.file_name}: several sheets need a sheet_column")
        if not self.has_header or self.notes_marker is not None:
            raise ValueError(
                f"{self.file_name}: a WorkbookLayout has a header row and no notes marker"
            )

    @property
    def sheet_names(self) -> tuple[str, ...]:
        assert self.sheet is not None
        return self.sheets or (self.sheet,)


CRF_SHEETS = ("CRF 1 Grants", "CRF 1 Capital Kickstart", "CRF 2 Grants")
LUF_SHEET = "Levelling Up Fund Index"

ALLOCATION_SOURCES: tuple[Source, ...] = (
    Source(
        source_id="acearts__culture_recovery_fund",
        title=(
            "Culture Recovery Fund: every award of CRF round 1 grants, CRF 1 Capital Kickstart and "
            "CRF round 2 grants (data published 2 April 2021)"
        ),
        publisher="Arts Council England (on behalf of DCMS)",
        url=f"{_CRF_REPO}/CRF%20investment%20data%20published%20020421.xlsx",
        landing_page="https://www.artscouncil.org.uk/publication/culture-recovery-fund-data",
        layouts=(
            WorkbookLayout(
                "ACE_CRF_investment_data_published_020421.xlsx",
                "xlsx",
                sheets=CRF_SHEETS,
                sheet_column="Sheet",
            ),
        ),
        columns=(
            Column("Sheet"),
            # Published as 'Organisation ' (trailing space); headers are matched normalised.
            Column("Organisation"),
            Column("£ Awarded", "float"),
            Column("Discipline"),
            Column("Applicant ACE Area"),
            Column("Region ONS"),
            Column("Local Authority"),
            Column("Constituency"),
        ),
        # Two different organisations of the same name have CRF 2 awards, in different LAs.
        key=("Sheet", "Organisation", "Local Authority"),
        licence=ACE_LICENCE,
        attribution="Arts Council England, Culture Recovery Fund data (on behalf of DCMS)",
        vintage=(
            "CRF round 1 grants, round 1 Capital Kickstart and round 2 grants, as published "
            "2 April 2021"
        ),
        geography=(
            "England (a few Scottish and Welsh applicants): awards by applicant postcode, named by "
            "local authority (2020 LAD names, no GSS codes), ONS region and constituency"
        ),
        release_cadence="ad hoc (re-issued as CRF rounds were awarded)",
        reader="allocation",
        expected_rows=2_011 + 74 + 2_272,
        notes=(
            "Sheet is the publisher's sheet name ('CRF 1 Grants', 'CRF 1 Capital Kickstart', 'CRF "
            "2 Grants'); _row_number is the row within that sheet. Not read: the 'Headline Data' "
            "sheet (formula totals per round and ONS region; its cached values equal the sheet "
            "sums) and the 'Strand' column, which only 'CRF 1 Grants' has and which is empty. "
            "The 'Local Authority' names of CRF 1 grants all match LADNM of drkane__la_all_codes; "
            "one organisation's name is a number cell and is read as text. Organisations that won in more than one round "
            "appear once per sheet."
        ),
        tags=("funding", "allocations"),
    ),
    Source(
        source_id="acearts__project_grants_2019_20",
        title="Arts Council National Lottery Project Grants: awards made in 2019/20",
        publisher="Arts Council England",
        url=f"{_CRF_REPO}/Project_Grants_Awards_201920_0.xlsx",
        landing_page="https://www.artscouncil.org.uk/",
        layouts=(
            WorkbookLayout(
                "ACE_Project_Grants_Awards_201920_0.xlsx",
                "xlsx",
                sheet="Project Grants Awards",
                # A title row and an instruction row above the header.
                header_row=2,
            ),
        ),
        columns=(
            Column("Recipient"),
            Column("Activity name"),
            Column("Award amount", "int"),
            Column("Award date", "date"),
            Column("Decision Month"),
            Column("Decision quarter"),
            Column("ACE Area"),
            Column("Local authority"),
            Column("Main discipline"),
        ),
        key=("Recipient", "Activity name", "Award date"),
        licence=ACE_LICENCE,
        attribution="Arts Council England, National Lottery Project Grants data",
        vintage="awards made 1 April 2019 to 31 March 2020 (correct as of 2 October 2020)",
        geography=(
            "England: awards named by local authority (district or unitary names, no GSS codes; "
            "'Overseas' for a few) and by ACE Area (ACE's own five areas, not ONS regions)"
        ),
        release_cadence="yearly (one workbook per financial year)",
        reader="allocation",
        expected_rows=4_535,
        notes=(
            "Publisher's file name Project_Grants_Awards_201920_0.xlsx (front page: 'List of "
            "awards in year 2019/20'). Award date is an Excel date; Decision Month and Decision "
            "quarter (Q1..Q4 of the financial year) repeat it. The used range has two empty "
            "columns without a header after 'Main discipline'. 'Local authority' names match LADNM "
            "or UTLANM of drkane__la_all_codes, except 'Overseas'. A recipient may have several "
            "awards, also for the same activity on different dates."
        ),
        tags=("funding", "allocations"),
    ),
    Source(
        source_id="mhclg__levelling_up_fund_priority",
        title="Levelling Up Fund: list of local authorities by priority category (round 1)",
        publisher=(
            "HM Treasury and Ministry of Housing, Communities and Local Government (Levelling Up "
            "Fund prospectus, March 2021)"
        ),
        url=(
            "https://assets.publishing.service.gov.uk/government/uploads/system/uploads/"
            "attachment_data/file/966137/"
            "Levelling_Up_Fund_list_of_local_authorities_by_priority_category.xlsx"
        ),
        landing_page="https://www.gov.uk/government/publications/levelling-up-fund-prospectus",
        layouts=(
            WorkbookLayout(
                "Levelling_Up_Fund_list_of_local_authorities_by_priority_category.xlsx",
                "xlsx",
                sheet=LUF_SHEET,
            ),
            # A researcher's re-save with the Greater Manchester rows highlighted; same values.
            WorkbookLayout(
                "Levelling_Up_Fund_list_of_local_authorities_by_priority_category__GM_markup.xlsx",
                "xlsx",
                sheet=LUF_SHEET,
            ),
        ),
        columns=(
            Column("Country"),
            Column("Name"),
            Column("Priority category", "int"),
        ),
        key=("Name",),
        licence=OGL,
        attribution=PSI_OGL + " (HM Treasury / MHCLG, Levelling Up Fund prospectus)",
        vintage="Levelling Up Fund round 1 (March 2021)",
        geography=(
            "Great Britain: 368 local authorities (England 314, Scotland 32, Wales 22) by name, "
            "on 2021 boundaries (no GSS codes)"
        ),
        release_cadence="per funding round (round 2, 2022, re-categorised local authorities)",
        reader="allocation",
        expected_rows=368,
        notes=(
            "Priority category 1 = highest need, 3 = lowest (from the LUF index of need; about a "
            "third of LAs each). Names only: all match drkane__la_all_codes except 'Rhondda Cynon "
            "Taff' (ONS: 'Rhondda Cynon Taf'). The offline test file is the GM-markup re-save "
            "(different bytes from the gov.uk attachment, same sheet and values); a fourth column "
            "in its used range has no header and is empty."
        ),
        tags=("funding", "allocations", "levelling_up"),
    ),
)
