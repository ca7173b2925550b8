"""IoD2019 File 7 (every score, rank and decile with the denominators): the real Warrington subset
read through the catalog agrees with Files 1, 2, 3, 6 and 9, a broken file gets a clear error, and
the demo File 7 agrees with the demo's other IoD2019 files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import polars as pl
import pytest

import demo
from expectations.validate import validate
from ingest.catalog import get_source
from ingest.errors import PlaceindexError
from ingest.landing import find_in_dir
from ingest.readers import read_source
from ingest.readers.tabular import POLARS_TYPES, ROW_NUMBER
from tests.conftest import real_file

FILE7 = "mhclg__iod2019_file7"
WARRINGTON_SUBSET = "File_7_-_All_IoD2019_Scores__Ranks__Deciles_and_Population_Denominators_3__WARRINGTON_SUBSET.csv"
WARRINGTON = "E06000007"
WARRINGTON_LSOAS = 127
LSOA11_CODE = "LSOA code (2011)"
LAD19_CODE = "Local Authority District code (2019)"
IMD = "Index of Multiple Deprivation (IMD)"
IMD_SCORE = "Index of Multiple Deprivation (IMD) Score"
IDACI = "Income Deprivation Affecting Children Index (IDACI)"
IDAOPI = "Income Deprivation Affecting Older People (IDAOPI)"
WORKING_AGE = (
    "Working age population 18-59/64: for use with Employment Deprivation Domain "
    "(excluding prisoners)"
)
# IMD 2019 domain weights (Technical Report), in File 9's column order.
IMD_WEIGHTS = (0.225, 0.225, 0.135, 0.135, 0.093, 0.093, 0.093)
TRANSFORMED = tuple(
    f"{name} Score - exponentially transformed"
    for name in (
        "Income",
        "Employment",
        "Education",
        "Health",
        "Crime",
        "Barriers",
        "Living Environment",
    )
)


# File 7's (score, rank, decile) columns of each index, by the index's name (its rank header's text
# before " Rank"), in the file's order: the IMD, its seven domains, IDACI and IDAOPI, then six
# sub-domains.
_FILE7_COLUMNS = [column.header for column in get_source(FILE7).columns]
_TRIPLES = {
    triple[1].split(" Rank (")[0]: triple
    for triple in (tuple(_FILE7_COLUMNS[i : i + 3]) for i in range(4, 52, 3))
}
IOD2019_FILE7_INDICES = tuple(_TRIPLES)
IOD2019_DOMAINS = IOD2019_FILE7_INDICES[1:8]


def score_header(index: str) -> str:
    return _TRIPLES[index][0]


def rank(index: str) -> str:
    return _TRIPLES[index][1]


def decile(index: str) -> str:
    return _TRIPLES[index][2]


def read_real(source_id: str, file_name: str) -> pl.DataFrame:
    return read_source(get_source(source_id), real_file(file_name))


@pytest.fixture(scope="module")
def file7(shared_data: Path) -> pl.DataFrame:
    return read_real(FILE7, WARRINGTON_SUBSET)


@pytest.fixture(scope="module")
def file1(shared_data: Path) -> pl.DataFrame:
    return read_real("mhclg__iod2019_file1", "File_1_-_IMD2019_Index_of_Multiple_Deprivation.xlsx")


def _joined(file7: pl.DataFrame, other: pl.DataFrame) -> pl.DataFrame:
    """File 7's rows beside the other file's for the same LSOAs (every File 7 LSOA must be there)."""
    joined = file7.join(other, on=LSOA11_CODE, how="left", suffix="_other", validate="1:1")
    assert joined.get_column(f"{ROW_NUMBER}_other").null_count() == 0
    return joined


def _assert_same_columns(joined: pl.DataFrame, columns: list[str]) -> None:
    for column in columns:
        differ = joined.filter(pl.col(column) != pl.col(f"{column}_other"))
        assert differ.height == 0, (column, differ.select(LSOA11_CODE, column).head(3))


def _assert_scores_follow_ranks(frame: pl.DataFrame) -> None:
    # Rank 1 = most deprived = highest score; published scores are rounded, so equal neighbours
    # are allowed but never a higher score at a larger rank.
    for index in IOD2019_FILE7_INDICES:
        by_rank = frame.sort(rank(index)).get_column(score_header(index)).to_list()
        assert by_rank == sorted(by_rank, reverse=True), index


# ---------------------------------------------------------------------------------------------
# The real Warrington subset


def test_warrington_subset_reads_with_the_catalog_columns_and_types(file7: pl.DataFrame) -> None:
    source = get_source(FILE7)
    assert file7.height == WARRINGTON_LSOAS
    assert file7.columns == [ROW_NUMBER] + [column.header for column in source.columns]
    assert len(source.columns) == 57
    for column in source.columns:
        assert file7.schema[column.header] == POLARS_TYPES[column.dtype], column.header
    assert file7.get_column(ROW_NUMBER).to_list() == list(range(2, WARRINGTON_LSOAS + 2))


def test_subset_found_by_its_name_when_the_full_file_is_absent(shared_data: Path) -> None:
    assert find_in_dir(get_source(FILE7), shared_data).name == WARRINGTON_SUBSET


def test_every_lsoa_is_in_warrington_and_all_of_warrington_is_there(
    file7: pl.DataFrame, file1: pl.DataFrame
) -> None:
    assert set(file7.get_column(LAD19_CODE)) == {WARRINGTON}
    assert set(file7.get_column("Local Authority District name (2019)")) == {"Warrington"}
    warrington_in_file1 = file1.filter(pl.col(LAD19_CODE) == WARRINGTON).get_column(LSOA11_CODE)
    assert set(file7.get_column(LSOA11_CODE)) == set(warrington_in_file1)


def test_imd_rank_and_decile_equal_file1(file7: pl.DataFrame, file1: pl.DataFrame) -> None:
    # File 1's headers carry no "(where 1 is ...)" suffix.
    theirs = file1.rename({f"{IMD} Rank": rank(IMD), f"{IMD} Decile": decile(IMD)})
    _assert_same_columns(_joined(file7, theirs), [rank(IMD), decile(IMD)])


def test_domain_and_supplementary_ranks_equal_files_2_and_3(file7: pl.DataFrame) -> None:
    file2 = read_real("mhclg__iod2019_file2", "File_2_-_IoD2019_Domains_of_Deprivation.csv.gz")
    file3 = read_real(
        "mhclg__iod2019_file3", "File_3_-_IoD2019_Supplementary_Indices_-_IDACI_and_IDAOPI.xlsx"
    )
    # Files 2 and 3 head their ranks and deciles exactly as File 7 does.
    for other, indices in ((file2, (IMD, *IOD2019_DOMAINS)), (file3, (IMD, IDACI, IDAOPI))):
        columns = [header for index in indices for header in (rank(index), decile(index))]
        _assert_same_columns(_joined(file7, other), columns)


def test_population_equals_file6_with_the_working_age_count_rounded(
    file7: pl.DataFrame,
) -> None:
    file6 = read_real("mhclg__iod2019_file6", "File_6_-_IoD2019_Population_Denominators.xlsx")
    counts = [column.header for column in get_source("mhclg__iod2019_file6").columns[4:]]
    assert counts[-1] == WORKING_AGE
    joined = _joined(file7, file6)
    _assert_same_columns(joined, counts[:-1])
    # File 6 gives the working-age count in quarters; File 7 rounds it, halves up.
    rounded = (pl.col(f"{WORKING_AGE}_other") + 0.5).floor().cast(pl.Int64)
    assert joined.filter(pl.col(WORKING_AGE) != rounded).height == 0
    assert joined.filter(pl.col(f"{WORKING_AGE}_other") % 1 != 0).height > 0


def test_imd_score_is_the_weighted_file9_sum_to_rounding(file7: pl.DataFrame) -> None:
    file9 = read_real("mhclg__iod2019_file9", "File_9_-_IoD2019_Transformed_Scores.xlsx")
    joined = _joined(file7, file9)
    rebuilt = pl.sum_horizontal(
        [pl.col(column) * weight for column, weight in zip(TRANSFORMED, IMD_WEIGHTS, strict=True)]
    )
    # Each transformed score is off by at most 0.0005 after rounding and the weights sum to 1;
    # the IMD score's own rounding adds up to 0.0005.
    gap = joined.select((pl.col(IMD_SCORE) - rebuilt).abs().max()).item()
    assert gap <= 0.001


def test_real_scores_follow_the_ranks(file7: pl.DataFrame) -> None:
    _assert_scores_follow_ranks(file7)


def test_suite_passes_on_the_subset(file7: pl.DataFrame) -> None:
    # No pinned row count: a subset is a legitimate File 7.
    report = validate(FILE7, file7)
    assert report.success, report.message()
    broken = file7.with_columns(
        pl.when(pl.col(ROW_NUMBER) == 5).then(0).otherwise(pl.col(rank(IMD))).alias(rank(IMD))
    )
    (failure,) = validate(FILE7, broken).failed
    assert (failure.column, failure.rows) == (rank(IMD), (5,))


# ---------------------------------------------------------------------------------------------
# Broken files


def _rewritten(tmp_path: Path, edit) -> Path:
    """The real subset, each row (header first) passed through `edit`, under its own name."""
    text = real_file(WARRINGTON_SUBSET).read_text(encoding="utf-8")
    rows = [edit(number, row) for number, row in enumerate(csv.reader(io.StringIO(text)), 1)]
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    path = tmp_path / WARRINGTON_SUBSET
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


def test_text_in_a_score_column_names_row_and_column(shared_data: Path, tmp_path: Path) -> None:
    column = score_header("Crime")
    position = [c.header for c in get_source(FILE7).columns].index(column)

    def edit(line: int, row: list[str]) -> list[str]:
        if line == 4:
            row[position] = "n/a"
        return row

    with pytest.raises(PlaceindexError) as error:
        read_source(get_source(FILE7), _rewritten(tmp_path, edit))
    assert (error.value.row, error.value.column) == (4, column)
    assert str(error.value) == (
        f"{FILE7}: {WARRINGTON_SUBSET}: row 4, column 'Crime Score': expected a number, "
        "found 'n/a' (1 such row(s))"
    )


def test_fractional_working_age_count_is_an_error(shared_data: Path, tmp_path: Path) -> None:
    # File 6's unrounded count where File 7 publishes whole people: a different file.
    def edit(line: int, row: list[str]) -> list[str]:
        if line == 3:
            row[-1] = row[-1] + ".25"
        return row

    with pytest.raises(PlaceindexError, match=r"row 3, column 'Working age .*a whole number"):
        read_source(get_source(FILE7), _rewritten(tmp_path, edit))


def test_missing_column_names_the_column(shared_data: Path, tmp_path: Path) -> None:
    column = rank("Living Environment")
    position = [c.header for c in get_source(FILE7).columns].index(column)

    def edit(line: int, row: list[str]) -> list[str]:
        return row[:position] + row[position + 1 :]

    with pytest.raises(PlaceindexError) as error:
        read_source(get_source(FILE7), _rewritten(tmp_path, edit))
    assert error.value.column == column
    assert str(error.value).startswith(
        f"{FILE7}: {WARRINGTON_SUBSET}: missing column(s) [{column!r}]"
    )


# ---------------------------------------------------------------------------------------------
# The demo File 7


def read_demo(source_id: str, folder: Path) -> pl.DataFrame:
    source = get_source(source_id)
    return read_source(source, find_in_dir(source, folder))


def test_demo_file7_is_the_published_layout(demo_dir: Path) -> None:
    data = (demo_dir / demo.DEMO_FILES[FILE7]).read_bytes()
    header = data.split(b"\n", 1)[0].decode("utf-8")
    # The published header: File 7's 57 columns, a space after the last one, UTF-8, LF, no BOM.
    assert header.endswith(f",{WORKING_AGE} ")
    assert next(csv.reader([header]))[:-1] == [c.header for c in get_source(FILE7).columns][:-1]
    assert not data.startswith(b"\xef\xbb\xbf") and b"\r" not in data and data.endswith(b"\n")


def test_demo_imd_score_is_the_weighted_file9_sum(demo_dir: Path) -> None:
    joined = _joined(read_demo(FILE7, demo_dir), read_demo("mhclg__iod2019_file9", demo_dir))
    for row in joined.select(IMD_SCORE, *TRANSFORMED).rows():
        # Thousandths of the weights times thousandths of the scores: exact integers.
        millionths = sum(
            round(weight * 1000) * round(value * 1000)
            for weight, value in zip(IMD_WEIGHTS, row[1:], strict=True)
        )
        assert row[0] == round(millionths / 1_000_000, 3)


def test_demo_ranks_and_population_equal_the_other_demo_files(demo_dir: Path) -> None:
    file7 = read_demo(FILE7, demo_dir)
    file2 = read_demo("mhclg__iod2019_file2", demo_dir)
    file3 = read_demo("mhclg__iod2019_file3", demo_dir)
    file6 = read_demo("mhclg__iod2019_file6", demo_dir)
    assert set(file7.get_column(LSOA11_CODE)) == set(file2.get_column(LSOA11_CODE))
    for other, indices in ((file2, (IMD, *IOD2019_DOMAINS)), (file3, (IMD, IDACI, IDAOPI))):
        columns = [header for index in indices for header in (rank(index), decile(index))]
        _assert_same_columns(_joined(file7, other), columns)
    counts = [column.header for column in get_source("mhclg__iod2019_file6").columns[4:]]
    joined = _joined(file7, file6)
    _assert_same_columns(joined, counts[:-1])
    rounded = (pl.col(f"{WORKING_AGE}_other") + 0.5).floor().cast(pl.Int64)
    assert joined.filter(pl.col(WORKING_AGE) != rounded).height == 0


def test_demo_scores_follow_the_ranks_and_ranks_are_complete(demo_dir: Path) -> None:
    file7 = read_demo(FILE7, demo_dir)
    _assert_scores_follow_ranks(file7)
    for index in IOD2019_FILE7_INDICES:
        assert sorted(file7.get_column(rank(index))) == list(range(1, file7.height + 1)), index
