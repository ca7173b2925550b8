"""The UK nations' deprivation indices and mySociety's composite UK index: the real files read
through their catalog entries, the two forms of SIMD and of NIMDM agree, the demo files are laid out
and built like the real ones and pass their suites, and a damaged file gets an error naming the
source, the file and the row or column.

Values are looked up in the real files at test time (read independently, with the csv module or
xlrd), never copied into the repository; counts are those MANIFEST.md states.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import polars as pl
import pytest
import xlrd

import demo
from demo.uk_deprivation import (
    SIMD_WEIGHTS,
    average_ranks,
    build_northern_ireland,
    build_scotland,
    build_wales,
)
from demo.world import SEED
from demo.world.areas import NI_SUPER_OUTPUT_AREAS, SCOTTISH_DATA_ZONES, build_geography
from demo.world.deprivation import exponential_transform, ranks_descending
from expectations.validate import validate
from ingest.catalog import SOURCES, family_sources, get_source
from ingest.errors import PlaceindexError
from ingest.landing import find_in_dir
from ingest.readers import READERS, read_source
from ingest.readers.tabular import POLARS_TYPES
from tests.conftest import real_file

WIMD = "welsh_gov__wimd2019_scores"
SIMD = "scot_gov__simd2020v2_ranks"
NIMDM = "nisra__nimdm2017_soa"
NIMDM_FLAT = "mysociety__nimdm2017_soa"
UK_IMD_E = "mysociety__uk_imd_e"

WIMD_FILE = "wimd-2019-index-and-domain-scores.csv"
SIMD_XLSX = "SIMD+2020v2+-+ranks.xlsx"
NIMDM_XLS = "NIMDM17_SOAresults.xls"
NIMDM_FLAT_FILE = "nimdm2017-soa.csv"
UK_IMD_E_FILE = "UK_IMD_E.csv"
# SIMD's second published form, the CSV export of its workbook.
SIMD_CSV = next(layout.file_name for layout in get_source(SIMD).layouts if layout.format == "csv")

# NISRA's MDM rank and seven domain ranks (the MDM sheet's columns after the area's four), and
# the same ranks under mySociety's short names in its flat CSV, in the same order.
NIMDM2017_MDM_RANK, *NIMDM2017_DOMAIN_RANKS = [c.header for c in get_source(NIMDM).columns][4:]
MYSOCIETY_NIMDM2017_DOMAIN_RANKS = [
    c.header for c in get_source(NIMDM_FLAT).columns if c.header.endswith("_rank")
][1:]
# The file the demo writes for each source of the family.
DEMO_FILES = {
    source.source_id: demo.DEMO_FILES[source.source_id]
    for source in family_sources("uk_deprivation")
}

# MANIFEST.md: rows per nation in the composite, and each national file's row count.
NATION_COUNTS = {"E": 32_844, "W": 1_909, "S": 6_976, "N": 890}
# (source, real file): every published form of every source, SIMD's CSV export included.
REAL_FORMS = [
    (WIMD, WIMD_FILE),
    (SIMD, SIMD_XLSX),
    (SIMD, SIMD_CSV),
    (NIMDM, NIMDM_XLS),
    (NIMDM_FLAT, NIMDM_FLAT_FILE),
    (UK_IMD_E, UK_IMD_E_FILE),
]


def read(source_id: str, path: Path | None = None) -> pl.DataFrame:
    source = get_source(source_id)
    return read_source(source, path or real_file(source.default_layout.file_name))


def csv_records(name: str, key: str) -> dict[str, dict[str, str]]:
    """A real CSV read independently of the readers: key column -> {header: cell text}."""
    text = real_file(name).read_text(encoding="utf-8-sig")
    return {row[key]: row for row in csv.DictReader(io.StringIO(text))}


# ---------------------------------------------------------------------------------------------
# Catalog entries
# ---------------------------------------------------------------------------------------------


def test_sources_are_in_the_catalog_once_with_registered_readers_and_demo_files():
    ids = [source.source_id for source in family_sources("uk_deprivation")]
    assert ids == [WIMD, SIMD, NIMDM, NIMDM_FLAT, UK_IMD_E]
    catalog_ids = [source.source_id for source in SOURCES]
    assert all(catalog_ids.count(source_id) == 1 for source_id in ids)
    assert all(source.reader in READERS for source in family_sources("uk_deprivation"))
    assert set(DEMO_FILES) == set(ids)
    # The family writes each source's demo file, and SIMD's CSV export besides.
    assert set(demo.uk_deprivation.FILES) == {*DEMO_FILES.values(), SIMD_CSV}
    for source in family_sources("uk_deprivation"):
        assert source.url.startswith("https://") and source.landing_page.startswith("https://")
        assert source.licence and source.attribution and source.vintage
        assert DEMO_FILES[source.source_id] in source.file_names


@pytest.mark.parametrize(("source_id", "file_name"), REAL_FORMS)
def test_every_real_form_reads_to_the_catalog_columns_and_row_count(
    shared_data, source_id, file_name
):
    source = get_source(source_id)
    frame = read(source_id, real_file(file_name))
    assert frame.columns == ["_row_number"] + [column.header for column in source.columns]
    assert frame.dtypes == [pl.Int64] + [POLARS_TYPES[column.dtype] for column in source.columns]
    assert frame.height == source.expected_rows
    assert frame.select(source.key).is_duplicated().sum() == 0


# ---------------------------------------------------------------------------------------------
# Named areas read back as the file has them
# ---------------------------------------------------------------------------------------------


def test_wimd_scores_of_a_named_lsoa_and_the_header_quirks(shared_data):
    frame = read(WIMD)
    # The extract keeps the header's trailing space and a byte-order mark; neither reaches the table.
    raw = real_file(WIMD_FILE).read_bytes()
    assert raw.startswith(b"\xef\xbb\xbflsoa,") and b",Local Authority Name ," in raw
    published = csv_records(WIMD_FILE, "lsoa")["W01000240"]
    row = frame.filter(pl.col("lsoa") == "W01000240").row(0, named=True)
    assert row["LSOA Name"] == published["LSOA Name"]
    assert row["Local Authority Name"] == published["Local Authority Name "]
    for header in ("WIMD 2019", "Income", "Physical Environment"):
        assert row[header] == float(published[header])
    # Rhyl West 2 is WIMD 2019's most deprived LSOA (the Welsh Government's results report): the
    # highest score of the file.
    assert row["WIMD 2019"] == frame.get_column("WIMD 2019").max()


def test_nimdm_headers_with_line_breaks_map_to_their_columns(shared_data):
    book = xlrd.open_workbook(real_file(NIMDM_XLS), on_demand=True)
    try:
        sheet = book.sheet_by_name("MDM")
        header = sheet.row_values(0)
        soa = sheet.col_values(2).index("95ZZ06W1")
        published = sheet.row_values(soa)
    finally:
        book.release_resources()
    # The published cells break over lines and end in spaces; the catalog's do not.
    assert header[4] == "Multiple Deprivation Measure Rank \n(where 1 is most deprived)"
    assert header[1] == "2015 Default Urban/Rural "
    row = read(NIMDM).filter(pl.col("SOA2001") == "95ZZ06W1").row(0, named=True)
    assert row["_row_number"] == soa + 1
    assert row["SOA2001_name"] == published[3]
    assert row["2015 Default Urban/Rural"] == published[1]
    for position, name in enumerate((NIMDM2017_MDM_RANK, *NIMDM2017_DOMAIN_RANKS), start=4):
        assert row[name] == int(published[position]), name


def test_simd_named_data_zone_and_tied_domain_ranks(shared_data):
    frame = read(SIMD)
    published = csv_records(SIMD_CSV, "Data_Zone")["S01006506"]
    row = frame.filter(pl.col("Data_Zone") == "S01006506").row(0, named=True)
    assert row["Council_area"] == published["Council_area"]
    assert row["SIMD2020v2_Rank"] == int(published["SIMD2020v2_Rank"])
    assert row["Total_population"] == int(published["Total_population"])
    # Tied data zones share the mean of their ranks: some domain ranks end in .5.
    crime = frame.get_column("SIMD2020_Crime_Domain_Rank")
    assert (crime % 1 == 0.5).any() and (crime % 1 != 0).sum() == (crime % 1 == 0.5).sum()
    assert sorted(frame.get_column("SIMD2020v2_Rank")) == list(range(1, 6_977))


def test_composite_rows_per_nation_and_float_ranks(shared_data):
    frame = read(UK_IMD_E)
    assert dict(frame.group_by("nation").len().iter_rows()) == NATION_COUNTS
    published = csv_records(UK_IMD_E_FILE, "lsoa")
    row = frame.filter(pl.col("lsoa") == "95ZZ06W1").row(0, named=True)
    # Ranks are written as floats ('1.0'); tied scores share the mean of their ranks.
    assert published["95ZZ06W1"]["UK_IMD_E_rank"].endswith(".0")
    assert row["UK_IMD_E_rank"] == float(published["95ZZ06W1"]["UK_IMD_E_rank"])
    assert (frame.get_column("UK_IMD_E_rank") % 1 == 0.5).any()
    assert frame.get_column("UK_IMD_E_rank").max() == sum(NATION_COUNTS.values())


def test_composite_deciles_and_quintiles_follow_its_rank(shared_data):
    ordered = read(UK_IMD_E).sort("UK_IMD_E_rank")
    for column in ("UK_IMD_E_pop_decile", "UK_IMD_E_pop_quintile"):
        assert (ordered.get_column(column).diff().drop_nulls() >= 0).all(), column
    quintile_from_decile = (ordered.get_column("UK_IMD_E_pop_decile") + 1) // 2
    assert (ordered.get_column("UK_IMD_E_pop_quintile") == quintile_from_decile).all()


def test_composite_holds_exactly_the_national_files_areas(shared_data):
    composite = read(UK_IMD_E)
    for nation, source_id, key in (
        ("W", WIMD, "lsoa"),
        ("S", SIMD, "Data_Zone"),
        ("N", NIMDM, "SOA2001"),
    ):
        national = set(read(source_id).get_column(key))
        assert set(composite.filter(pl.col("nation") == nation).get_column("lsoa")) == national


# ---------------------------------------------------------------------------------------------
# The two forms of SIMD and of NIMDM
# ---------------------------------------------------------------------------------------------


def test_simd_workbook_and_csv_export_give_the_same_table(shared_data):
    workbook = read(SIMD, real_file(SIMD_XLSX))
    export = read(SIMD, real_file(SIMD_CSV))
    assert workbook.equals(export)


def _without_punctuation(series: pl.Series) -> pl.Series:
    return series.str.replace_all(r"[/-]", " ").str.replace_all(r"[^\w\s]", "")


def test_nimdm_workbook_and_flat_csv_agree_where_they_overlap(shared_data):
    workbook = read(NIMDM)
    flat = read(NIMDM_FLAT)
    joined = workbook.join(flat, on="SOA2001", how="full", coalesce=True, suffix="_flat")
    assert joined.height == workbook.height == flat.height == 890
    for published, short in zip(
        (NIMDM2017_MDM_RANK, *NIMDM2017_DOMAIN_RANKS),
        ("MDM_rank", *MYSOCIETY_NIMDM2017_DOMAIN_RANKS),
        strict=True,
    ):
        assert (joined.get_column(published) == joined.get_column(short)).all(), short
    # Text agrees once the flat file's dropped punctuation is dropped from the workbook's too.
    for published, short in (
        ("SOA2001_name", "SOA2001name"),
        ("LGD2014NAME", "LGD2014name"),
        ("2015 Default Urban/Rural", "UR2015"),
    ):
        assert (
            _without_punctuation(joined.get_column(published)) == joined.get_column(short)
        ).all(), short
    # ... and only then: the files are not interchangeable forms of one table.
    assert (joined.get_column("LGD2014NAME") != joined.get_column("LGD2014name")).any()


# ---------------------------------------------------------------------------------------------
# Demo files
# ---------------------------------------------------------------------------------------------


def read_demo(source_id: str, folder: Path, file_name: str | None = None) -> pl.DataFrame:
    source = get_source(source_id)
    return read_source(source, folder / file_name if file_name else find_in_dir(source, folder))


def test_demo_areas_are_the_demo_countrys(demo_dir: Path):
    geography = build_geography(SEED)
    welsh = {lsoa.code for lsoa in geography.lsoa11 if lsoa.code.startswith("W")}
    english = {lsoa.code for lsoa in geography.english_lsoa11}
    composite = read_demo(UK_IMD_E, demo_dir)
    by_nation = {
        nation: set(composite.filter(pl.col("nation") == nation).get_column("lsoa"))
        for nation in "EWSN"
    }
    assert by_nation == {
        "E": english,
        "W": welsh,
        "S": set(SCOTTISH_DATA_ZONES),
        "N": set(NI_SUPER_OUTPUT_AREAS),
    }
    assert set(read_demo(WIMD, demo_dir).get_column("lsoa")) == welsh
    assert set(read_demo(SIMD, demo_dir).get_column("Data_Zone")) == by_nation["S"]
    assert set(read_demo(NIMDM, demo_dir).get_column("SOA2001")) == by_nation["N"]


def test_demo_simd_forms_agree_and_its_rank_follows_the_weighted_domains(demo_dir: Path):
    workbook = read_demo(SIMD, demo_dir)
    assert workbook.equals(read_demo(SIMD, demo_dir, SIMD_CSV))
    assert (workbook.get_column("SIMD2020_Crime_Domain_Rank") == 2.5).sum() == 2
    scotland = build_scotland(SEED)
    n = len(scotland)
    weighted = [
        sum(
            w * exponential_transform(r, n)
            for w, r in zip(SIMD_WEIGHTS, area.domain_ranks, strict=True)
        )
        for area in scotland
    ]
    expected = ranks_descending(weighted, [area.code for area in scotland])
    ranks = dict(workbook.select("Data_Zone", "SIMD2020v2_Rank").iter_rows())
    assert [ranks[area.code] for area in scotland] == expected


def test_demo_nimdm_forms_agree(demo_dir: Path):
    workbook = read_demo(NIMDM, demo_dir)
    flat = read_demo(NIMDM_FLAT, demo_dir)
    joined = workbook.join(flat, on="SOA2001")
    assert joined.height == len(NI_SUPER_OUTPUT_AREAS)
    assert (joined.get_column(NIMDM2017_MDM_RANK) == joined.get_column("MDM_rank")).all()
    assert (joined.get_column("2015 Default Urban/Rural") == "Mixed urban/rural").sum() == 1
    assert (joined.get_column("UR2015") == "Mixed urban rural").sum() == 1
    assert sorted(workbook.get_column(NIMDM2017_MDM_RANK)) == [1, 2, 3, 4, 5]
    assert [a.rank for a in build_northern_ireland(SEED)] == [
        dict(workbook.select("SOA2001", NIMDM2017_MDM_RANK).iter_rows())[code]
        for code in NI_SUPER_OUTPUT_AREAS
    ]


def test_demo_wimd_is_in_score_order_with_a_tie(demo_dir: Path):
    frame = read_demo(WIMD, demo_dir)
    scores = frame.get_column("WIMD 2019")
    # As the real extract: descending scores, tied scores in code order, and ties do happen.
    assert frame.select("lsoa", "WIMD 2019").rows() == sorted(
        frame.select("lsoa", "WIMD 2019").rows(), key=lambda row: (-row[1], row[0])
    )
    assert scores.is_duplicated().any()
    geography = build_geography(SEED)
    wales = {area.code: area for area in build_wales(geography, SEED)}
    assert set(wales) == set(frame.get_column("lsoa"))
    assert all(
        wales[code].score == score for code, score in frame.select("lsoa", "WIMD 2019").iter_rows()
    )


def test_demo_composite_is_built_as_mysociety_builds_it(demo_dir: Path):
    composite = read_demo(UK_IMD_E, demo_dir).sort("UK_IMD_E_rank")
    for column in ("UK_IMD_E_pop_decile", "UK_IMD_E_pop_quintile", "E_expanded_decile"):
        assert (composite.get_column(column).diff().drop_nulls() >= 0).all(), column
    assert composite.get_column("UK_IMD_E_rank").to_list() == average_ranks(
        composite.get_column("UK_IMD_E_score").to_list()
    )
    # England-anchored: English composite scores are their IMD scores, in IMD rank order.
    imd = read_demo("mhclg__iod2019_file1", demo_dir)
    english = composite.filter(pl.col("nation") == "E").join(
        imd, left_on="lsoa", right_on="LSOA code (2011)"
    )
    assert (english.get_column("UK_IMD_E_score") == english.get_column("overall_local_score")).all()
    by_imd = english.sort("Index of Multiple Deprivation (IMD) Rank").get_column("UK_IMD_E_score")
    assert (by_imd.diff().drop_nulls() <= 0).all()


def test_average_ranks_share_ties():
    assert average_ranks([5.0, 9.0, 5.0, 1.0]) == [2.5, 1.0, 2.5, 4.0]


# ---------------------------------------------------------------------------------------------
# Errors
# ---------------------------------------------------------------------------------------------


def test_missing_column_names_source_file_and_column(shared_data, tmp_path):
    changed = tmp_path / WIMD_FILE
    changed.write_bytes(
        real_file(WIMD_FILE).read_bytes().replace(b",WIMD 2019,", b",WIMD 2014,", 1)
    )
    with pytest.raises(PlaceindexError) as error:
        read(WIMD, changed)
    assert str(error.value).startswith(
        f"{WIMD}: {WIMD_FILE}: missing column(s) ['WIMD 2019']; the file has ['lsoa', "
        "'LSOA Name', 'Local Authority Name ', 'WIMD 2014', 'Income',"
    )
    assert (error.value.source_id, error.value.file, error.value.column) == (
        WIMD,
        WIMD_FILE,
        "WIMD 2019",
    )


def _simd_csv_with(tmp_path: Path, data_row: int, column: str, edit) -> Path:
    """The real SIMD CSV export with one cell of one data row (1 = the first) changed."""
    text = real_file(SIMD_CSV).read_text(encoding="utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    position = rows[0].index(column)
    rows[data_row][position] = edit(rows[data_row][position])
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    changed = tmp_path / SIMD_CSV
    changed.write_text(buffer.getvalue(), encoding="utf-8-sig")
    return changed


def test_text_in_a_rank_column_names_row_and_column(shared_data, tmp_path):
    # The ninth data row is the tenth row of the file (the header is row 1).
    changed = _simd_csv_with(tmp_path, 9, "SIMD2020v2_Rank", lambda _: "n/a")
    with pytest.raises(PlaceindexError) as error:
        read(SIMD, changed)
    assert str(error.value) == (
        f"{SIMD}: {SIMD_CSV}: row 10, column 'SIMD2020v2_Rank': expected a whole number, "
        "found 'n/a' (1 such row(s))"
    )
    assert (error.value.source_id, error.value.row, error.value.column) == (
        SIMD,
        10,
        "SIMD2020v2_Rank",
    )


def test_half_rank_in_a_whole_number_column_is_an_error(shared_data, tmp_path):
    # Domain ranks may be x.5 (ties); the overall rank may not.
    changed = _simd_csv_with(tmp_path, 1, "SIMD2020v2_Rank", lambda rank: rank + ".5")
    with pytest.raises(PlaceindexError, match=r"row 2, column 'SIMD2020v2_Rank': expected a whole"):
        read(SIMD, changed)


def test_text_in_the_nimdm_workbook_names_sheet_row_and_column(shared_data, tmp_path):
    import xlwt

    book = xlrd.open_workbook(real_file(NIMDM_XLS), on_demand=True)
    try:
        sheet = book.sheet_by_name("MDM")
        table = [sheet.row_values(index) for index in range(sheet.nrows)]
    finally:
        book.release_resources()
    table[5][4] = "*"  # NISRA's mark for a suppressed value, in the MDM rank of row 6
    rewritten = xlwt.Workbook(encoding="utf-8")
    target = rewritten.add_sheet("MDM")
    for row, values in enumerate(table):
        for column, value in enumerate(values):
            if value != "":
                target.write(row, column, value)
    changed = tmp_path / NIMDM_XLS
    rewritten.save(str(changed))
    with pytest.raises(PlaceindexError) as error:
        read(NIMDM, changed)
    assert str(error.value) == (
        f"{NIMDM}: {NIMDM_XLS}: row 6, column '{NIMDM2017_MDM_RANK}': expected a whole number, "
        "found '*' (1 such row(s))"
    )


def test_a_workbook_without_the_mdm_sheet_is_a_clear_error(shared_data, tmp_path):
    # The pubs and bars workbook (another legacy .xls) saved under NISRA's file name.
    wrong = tmp_path / NIMDM_XLS
    wrong.write_bytes(real_file("publichousesandbarsbylocalauthority20012018.xls").read_bytes())
    with pytest.raises(PlaceindexError, match=rf"^{NIMDM}: {NIMDM_XLS}: no sheet 'MDM'; the "):
        read(NIMDM, wrong)


def test_a_composite_decile_out_of_its_range_fails_the_suite(shared_data):
    frame = read(UK_IMD_E).with_columns(
        pl.when(pl.col("lsoa") == "95ZZ06W1")
        .then(11)
        .otherwise(pl.col("UK_IMD_E_pop_decile"))
        .alias("UK_IMD_E_pop_decile")
    )
    report = validate(UK_IMD_E, frame)
    assert not report.success
    (failure,) = report.failed
    assert failure.column == "UK_IMD_E_pop_decile"
    assert re.search(r"row\(s\) \d+", report.message())
