"""The English Indices of Deprivation 2025 family: the real File 1, the catalog entries, the demo
files in their published layouts (and in agreement with one another), and the errors a bad file gets.

The real File 1 is read from ../shared/data at run time; the facts asserted about it are the ones
the shared folder's MANIFEST and METHODS notes document.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import polars as pl
import pytest

import demo
import demo.iod2025
from ingest.catalog import family_sources, get_source
from ingest.errors import PlaceindexError
from ingest.landing import find_in_dir
from ingest.readers import read_source
from ingest.readers.tabular import POLARS_TYPES, ROW_NUMBER
from tests.conftest import real_file

FILE1 = "mhclg__iod2025_file1"
FILE1_NAME = "File_1_IoD2025_Index_of_Multiple_Deprivation.xlsx"
IOD2025_SOURCES = family_sources("iod2025")
SOURCE_IDS = [source.source_id for source in IOD2025_SOURCES]
LSOA_COUNT = 33_755


def columns(source_id: str) -> list[str]:
    return [column.header for column in get_source(source_id).columns]


# The headers, from the catalog. Every file leads with the LSOA 2021 and its district of 2024, as
# the real File 1 does.
LEAD_HEADERS = tuple(columns(FILE1)[:4])
LSOA21_CODE, LSOA21_NAME, LAD24_CODE, LAD24_NAME = LEAD_HEADERS
FILE1_DECILE = columns(FILE1)[5]  # cut at 80 characters, as published
# File 7 has a (score, rank, decile) for each index, in this order: the IMD, its seven domains,
# IDACI and IDAOPI, then six sub-domains; File 5 has the first ten's scores.
_FILE7_TRIPLES = [tuple(columns("mhclg__iod2025_file7")[i : i + 3]) for i in range(4, 52, 3)]
IMD, DOMAINS, IDACI, IDAOPI, SUBDOMAINS = 0, tuple(range(1, 8)), 8, 9, tuple(range(10, 16))
INDICES = (IMD, *DOMAINS, IDACI, IDAOPI)


def score_header(index: int) -> str:
    return _FILE7_TRIPLES[index][0]


def rank_header(index: int) -> str:
    return _FILE7_TRIPLES[index][1]


def decile_header(index: int) -> str:
    return _FILE7_TRIPLES[index][2]


def index_name(index: int) -> str:
    return rank_header(index).split(" Rank (")[0]


IMD_RANK = rank_header(IMD)
CYP_DECILE = decile_header(SUBDOMAINS[0])  # cut at 80 characters, as published
TRANSFORMED = columns("mhclg__iod2025_file9")[4:]
POPULATION_TOTAL = columns("mhclg__iod2025_file6")[4]
# File 7 has every population of File 6 but the 16-59 one.
FILE_7_POPULATIONS = [
    header
    for header in columns("mhclg__iod2025_file6")[4:]
    if header in columns("mhclg__iod2025_file7")
]
# The file the demo writes for each IoD2025 source.
DEMO_FILES = {source_id: demo.DEMO_FILES[source_id] for source_id in SOURCE_IDS}
# IMD domain weights (Income 22.5% ... Living Environment 9.3%), per mille, in File 9's order.
IMD_WEIGHTS_PER_MILLE = (225, 225, 135, 135, 93, 93, 93)


def publisher_decile(rank: int, n: int) -> int:
    """MHCLG's decile of a rank among n LSOAs: decile 1 holds ranks 1..n/10."""
    return -(-rank * 10 // n)


# ---------------------------------------------------------------------------------------------
# The real File 1
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_file1(shared_data: Path) -> pl.DataFrame:
    return read_source(get_source(FILE1), real_file(FILE1_NAME))


def test_real_file1_reads_with_the_catalog_columns_and_types(real_file1: pl.DataFrame) -> None:
    source = get_source(FILE1)
    assert real_file1.height == LSOA_COUNT
    assert real_file1.schema == pl.Schema(
        {ROW_NUMBER: pl.Int64}
        | {column.header: POLARS_TYPES[column.dtype] for column in source.columns}
    )
    # The published header really is cut short at 80 characters.
    assert len(FILE1_DECILE) == 80 and FILE1_DECILE.endswith("10% of LSOA")


def test_real_file1_first_lsoa_is_city_of_london_001a(real_file1: pl.DataFrame) -> None:
    # MANIFEST: first row E01000001, City of London 001A, E09000001, rank 26525, decile 8.
    first = real_file1.row(0, named=True)
    assert first[ROW_NUMBER] == 2
    assert (
        first[LSOA21_CODE],
        first[LSOA21_NAME],
        first[LAD24_CODE],
        first[LAD24_NAME],
        first[IMD_RANK],
        first[FILE1_DECILE],
    ) == ("E01000001", "City of London 001A", "E09000001", "City of London", 26_525, 8)


def test_real_file1_is_the_reissue(real_file1: pl.DataFrame) -> None:
    # METHODS: the November 2025 reissue moved E01027305 from Cherwell to West Northamptonshire.
    moved = real_file1.filter(pl.col(LSOA21_CODE) == "E01027305").row(0, named=True)
    assert (moved[LAD24_CODE], moved[LAD24_NAME]) == ("E06000062", "West Northamptonshire")


def test_real_file1_has_296_districts_and_ranks_every_lsoa_once(real_file1: pl.DataFrame) -> None:
    assert real_file1.get_column(LAD24_CODE).n_unique() == 296
    assert real_file1.get_column(LSOA21_CODE).n_unique() == LSOA_COUNT
    assert real_file1.get_column(IMD_RANK).sort().to_list() == list(range(1, LSOA_COUNT + 1))


def test_real_file1_deciles_are_tenths_of_the_ranking(real_file1: pl.DataFrame) -> None:
    counts = dict(real_file1.group_by(FILE1_DECILE).len().iter_rows())
    assert sorted(counts) == list(range(1, 11))
    assert set(counts.values()) == {3_375, 3_376}
    wrong = [
        (rank, decile)
        for rank, decile in real_file1.select(IMD_RANK, FILE1_DECILE).iter_rows()
        if decile != publisher_decile(rank, LSOA_COUNT)
    ]
    assert wrong == []


# ---------------------------------------------------------------------------------------------
# The catalog entries
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("source", IOD2025_SOURCES, ids=lambda s: s.source_id)
def test_catalog_entry_is_a_published_iod2025_file(source) -> None:
    assert source.reader == "tabular"
    assert source.key == (LSOA21_CODE,)
    assert source.expected_rows == LSOA_COUNT
    assert source.tags == ("deprivation",)
    assert source.licence.startswith("Open Government Licence v3.0")
    assert source.attribution.endswith("English Indices of Deprivation 2025")
    assert [column.header for column in source.columns[:4]] == list(LEAD_HEADERS)
    # gov.uk media ids are 24 hex digits; the URL ends with the file's published name.
    (layout,) = source.layouts
    assert re.fullmatch(
        r"https://assets\.publishing\.service\.gov\.uk/media/[0-9a-f]{24}/"
        + re.escape(layout.file_name),
        source.url,
    )
    # Only File 1 is at hand; the others load as empty tables when absent.
    assert source.required == (source.source_id == FILE1)
    if not source.required:
        assert source.notes.startswith("No real file at hand.")


def test_file7_lists_all_56_published_columns() -> None:
    headers = [column.header for column in get_source("mhclg__iod2025_file7").columns]
    # Every published column is read (the demo writes the published header, from the catalog).
    assert headers == list(get_source("mhclg__iod2025_file7").default_layout.header or ())
    assert len(headers) == 56 and len(set(headers)) == 56
    assert CYP_DECILE in headers and len(CYP_DECILE) == 80


# ---------------------------------------------------------------------------------------------
# The demo files
# ---------------------------------------------------------------------------------------------


def read(source_id: str, folder: Path) -> pl.DataFrame:
    source = get_source(source_id)
    return read_source(source, find_in_dir(source, folder))


def by_lsoa(frame: pl.DataFrame, *columns: str) -> dict[str, tuple]:
    return {row[0]: row[1:] for row in frame.select(LSOA21_CODE, *columns).iter_rows()}


def test_every_iod2025_source_has_a_demo_file() -> None:
    assert set(DEMO_FILES) == set(SOURCE_IDS)
    assert set(DEMO_FILES.values()) == set(demo.iod2025.FILES)
    for source in IOD2025_SOURCES:
        assert DEMO_FILES[source.source_id] in source.file_names


@pytest.mark.parametrize("source_id", [s for s in SOURCE_IDS if s != "mhclg__iod2025_file7"])
def test_demo_workbook_opens_with_notes_then_the_published_sheet(
    source_id: str, demo_dir: Path
) -> None:
    layout = get_source(source_id).default_layout
    workbook = openpyxl.load_workbook(demo_dir / layout.file_name, read_only=True)
    try:
        assert workbook.sheetnames == ["Notes", layout.sheet]
    finally:
        workbook.close()


def test_demo_file7_is_a_csv_with_the_published_header(demo_dir: Path) -> None:
    data = (demo_dir / DEMO_FILES["mhclg__iod2025_file7"]).read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")
    first_line = data.decode("utf-8").splitlines()[0]
    # The one header with a comma is quoted, as in IoD2019's File 7.
    assert first_line.count('"') == 6
    assert '"Education, Skills and Training Score"' in first_line


def test_demo_lsoas_are_the_english_lsoa21s_on_their_2024_districts(demo_dir: Path) -> None:
    lookup = read("ons__lsoa21_ward23_lad23", demo_dir).filter(
        pl.col("LSOA21CD").str.starts_with("E")
    )
    expected = {
        code: (lad, name)
        for code, lad, name in lookup.select("LSOA21CD", "LAD23CD", "LAD23NM").iter_rows()
    }
    for source_id in SOURCE_IDS:
        frame = read(source_id, demo_dir)
        assert frame.get_column(LSOA21_CODE).to_list() == sorted(expected), source_id
        # No district changed between 2023 and 2024: the two merged in 2023 appear as one.
        assert by_lsoa(frame, LAD24_CODE, LAD24_NAME) == expected, source_id
    file1 = read(FILE1, demo_dir)
    assert file1.get_column(LAD24_CODE).n_unique() == 6


def test_demo_imd_rank_and_decile_agree_across_files(demo_dir: Path) -> None:
    file1 = by_lsoa(read(FILE1, demo_dir), IMD_RANK, FILE1_DECILE)
    n = len(file1)
    assert sorted(rank for rank, _ in file1.values()) == list(range(1, n + 1))
    assert all(decile == publisher_decile(rank, n) for rank, decile in file1.values())
    for source_id in ("mhclg__iod2025_file2", "mhclg__iod2025_file7"):
        frame = read(source_id, demo_dir)
        assert by_lsoa(frame, IMD_RANK, decile_header(IMD)) == file1, source_id


def test_demo_domain_and_supplementary_ranks_agree_across_files(demo_dir: Path) -> None:
    file7 = read("mhclg__iod2025_file7", demo_dir)
    for source_id, indices in (
        ("mhclg__iod2025_file2", DOMAINS),
        ("mhclg__iod2025_file3", (IDACI, IDAOPI)),
    ):
        columns = [h for index in indices for h in (rank_header(index), decile_header(index))]
        assert by_lsoa(read(source_id, demo_dir), *columns) == by_lsoa(file7, *columns)


def test_demo_scores_and_populations_agree_across_files(demo_dir: Path) -> None:
    file7 = read("mhclg__iod2025_file7", demo_dir)
    scores = [score_header(index) for index in INDICES]
    assert by_lsoa(read("mhclg__iod2025_file5", demo_dir), *scores) == by_lsoa(file7, *scores)
    file6 = read("mhclg__iod2025_file6", demo_dir)
    assert by_lsoa(file6, *FILE_7_POPULATIONS) == by_lsoa(file7, *FILE_7_POPULATIONS)
    # File 6 has the 16-59 population File 7 leaves out; the three age groups make the total.
    total, children, middle, older, working = (
        c.header for c in get_source("mhclg__iod2025_file6").columns[4:]
    )
    assert (file6[children] + file6[middle] + file6[older] == file6[total]).all()
    assert (file6[working] < file6[total]).all() and file6[POPULATION_TOTAL].min() > 0


def test_demo_imd_is_the_weighted_sum_of_file9_transformed_scores(demo_dir: Path) -> None:
    file9 = read("mhclg__iod2025_file9", demo_dir)
    millionths = {
        code: sum(w * round(v * 1000) for w, v in zip(IMD_WEIGHTS_PER_MILLE, values, strict=True))
        for code, *values in file9.select(LSOA21_CODE, *TRANSFORMED).iter_rows()
    }
    scores = by_lsoa(read("mhclg__iod2025_file5", demo_dir), score_header(IMD))
    assert {code: round(m / 1_000_000, 3) for code, m in millionths.items()} == {
        code: score for code, (score,) in scores.items()
    }
    order = sorted(millionths, key=lambda code: (-millionths[code], code))
    ranks = by_lsoa(read(FILE1, demo_dir), IMD_RANK)
    assert [code for code, _ in sorted(ranks.items(), key=lambda item: item[1])] == order


@pytest.mark.parametrize("index", [*INDICES, *SUBDOMAINS], ids=index_name)
def test_demo_scores_follow_ranks_and_deciles_follow_ranks(index: int, demo_dir: Path) -> None:
    file7 = read("mhclg__iod2025_file7", demo_dir)
    n = file7.height
    ranks = file7.get_column(rank_header(index))
    assert ranks.sort().to_list() == list(range(1, n + 1))
    # Rank 1 = most deprived = highest score; published rounding may tie neighbours.
    by_rank = file7.get_column(score_header(index)).gather(ranks.arg_sort()).to_list()
    assert by_rank == sorted(by_rank, reverse=True)
    deciles = file7.get_column(decile_header(index)).to_list()
    assert deciles == [publisher_decile(rank, n) for rank in ranks.to_list()]


def test_demo_2025_ranks_follow_the_2019_ranks_of_the_same_lsoas(demo_dir: Path) -> None:
    iod2019 = read("mhclg__iod2019_file1", demo_dir).select(
        pl.col("LSOA code (2011)").alias(LSOA21_CODE),
        pl.col("Index of Multiple Deprivation (IMD) Rank").alias("rank2019"),
    )
    unchanged = read(FILE1, demo_dir).join(iod2019, on=LSOA21_CODE)
    assert unchanged.height > 250
    correlation = unchanged.select(pl.corr(IMD_RANK, "rank2019", method="spearman")).item()
    # Relative deprivation moves little in six years, but it moves.
    assert 0.8 < correlation < 1.0


# ---------------------------------------------------------------------------------------------
# Bad files get clear errors
# ---------------------------------------------------------------------------------------------


def test_decile_header_cut_differently_names_the_column(shared_data: Path, tmp_path: Path) -> None:
    # The real workbook with its decile header written out in full, as File 2's is.
    broken = tmp_path / FILE1_NAME
    with (
        zipfile.ZipFile(real_file(FILE1_NAME)) as original,
        zipfile.ZipFile(broken, "w", zipfile.ZIP_DEFLATED) as copy,
    ):
        for info in original.infolist():
            content = original.read(info.filename)
            if info.filename == "xl/sharedStrings.xml":
                cut = FILE1_DECILE.encode() + b"</t>"
                assert content.count(cut) == 1
                content = content.replace(cut, decile_header(IMD).encode() + b"</t>")
            copy.writestr(info, content)
    with pytest.raises(PlaceindexError) as error:
        read_source(get_source(FILE1), broken)
    assert (error.value.source_id, error.value.file, error.value.column) == (
        FILE1,
        FILE1_NAME,
        FILE1_DECILE,
    )
    assert str(error.value).startswith(
        f"{FILE1}: {FILE1_NAME}: missing column(s) [{FILE1_DECILE!r}]; the file has "
    )


def test_text_in_a_rank_column_names_row_and_column(demo_dir: Path, tmp_path: Path) -> None:
    broken = tmp_path / FILE1_NAME
    workbook = openpyxl.load_workbook(demo_dir / FILE1_NAME)
    workbook["IMD25"]["E5"] = "n/a"
    workbook.save(broken)
    with pytest.raises(PlaceindexError) as error:
        read_source(get_source(FILE1), broken)
    assert (error.value.row, error.value.column) == (5, IMD_RANK)
    assert str(error.value) == (
        f"{FILE1}: {FILE1_NAME}: row 5, column {IMD_RANK!r}: expected a whole number, "
        "found 'n/a' (1 such row(s))"
    )


def test_file7_with_the_cut_header_written_in_full_is_refused(
    demo_dir: Path, tmp_path: Path
) -> None:
    name = DEMO_FILES["mhclg__iod2025_file7"]
    text = (demo_dir / name).read_text(encoding="utf-8")
    broken = tmp_path / name
    broken.write_text(text.replace(CYP_DECILE, CYP_DECILE + "As)", 1), encoding="utf-8")
    with pytest.raises(PlaceindexError) as error:
        read_source(get_source("mhclg__iod2025_file7"), broken)
    assert error.value.column == CYP_DECILE
    assert f"missing column(s) [{CYP_DECILE!r}]" in str(error.value)


def test_file2_saved_under_file1s_name_names_the_sheets(demo_dir: Path, tmp_path: Path) -> None:
    wrong = tmp_path / FILE1_NAME
    shutil.copyfile(demo_dir / DEMO_FILES["mhclg__iod2025_file2"], wrong)
    with pytest.raises(PlaceindexError) as error:
        read_source(get_source(FILE1), wrong)
    assert str(error.value) == (
        f"{FILE1}: {FILE1_NAME}: no sheet 'IMD25'; the workbook has ['Notes', 'IoD2025 Domains']"
    )
