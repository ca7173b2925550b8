"""The synthetic demo files: readable as every catalog source, consistent, deterministic, and laid out
exactly as the real published files (headers compared with the real files in shared/data)."""

from __future__ import annotations

import csv
import gzip
import io
from collections import Counter
from pathlib import Path

import openpyxl
import polars as pl
import pytest

from ingest import demo
from ingest.catalog import SOURCES, FileLayout, Source, get_source
from ingest.landing import find_in_dir
from ingest.readers import read_source
from ingest.readers.tabular import ROW_NUMBER


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo.ensure_demo_files(tmp_path_factory.mktemp("demo") / "demo_sources")


def read(source_id: str, folder: Path) -> pl.DataFrame:
    source = get_source(source_id)
    return read_source(source, find_in_dir(source, folder))


# ---------------------------------------------------------------------------------------------
# Every source lands and reads
# ---------------------------------------------------------------------------------------------


def test_every_catalog_source_has_a_demo_file() -> None:
    assert set(demo.DEMO_FILES) == {source.source_id for source in SOURCES}
    for source in SOURCES:
        assert demo.DEMO_FILES[source.source_id] == source.file_names[0]


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.source_id)
def test_source_file_found_by_name_and_read(source: Source, demo_dir: Path) -> None:
    path = find_in_dir(source, demo_dir)
    assert path.name == source.file_names[0]
    frame = read_source(source, path)
    assert frame.columns == [ROW_NUMBER] + [column.header for column in source.columns]
    assert frame.height > 0
    for key in source.key:
        assert frame.get_column(key).null_count() == 0
    # Key is unique, as the expectation suites will require.
    assert frame.select(source.key).is_duplicated().sum() == 0


# ---------------------------------------------------------------------------------------------
# Determinism, version stamp and README
# ---------------------------------------------------------------------------------------------


def test_byte_identical_across_runs(demo_dir: Path, tmp_path: Path) -> None:
    again = demo.ensure_demo_files(tmp_path / "again")
    names = sorted(p.name for p in demo_dir.iterdir())
    assert names == sorted(p.name for p in again.iterdir())
    for name in names:
        assert (demo_dir / name).read_bytes() == (again / name).read_bytes(), name


def test_rewritten_only_when_missing_or_stale(tmp_path: Path) -> None:
    folder = demo.ensure_demo_files(tmp_path / "demo_sources")
    stamp = folder / demo.VERSION_FILE
    assert stamp.read_text().strip() == demo.DEMO_VERSION
    marker = folder / "marker.txt"
    marker.write_text("kept while the version matches")
    demo.ensure_demo_files(folder)
    assert marker.exists()
    stamp.write_text("an older version\n")
    demo.ensure_demo_files(folder)
    assert not marker.exists()
    assert stamp.read_text().strip() == demo.DEMO_VERSION
    # Nothing is left beside the folder (no staging or retired copies).
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".lock")) == [
        "demo_sources"
    ]


def test_readme_says_synthetic(demo_dir: Path) -> None:
    text = (demo_dir / demo.README_FILE).read_text(encoding="utf-8")
    assert "SYNTHETIC" in text
    assert "placeindex" in text
    assert "not official statistics" in text.lower()


def test_generation_is_fast(tmp_path: Path) -> None:
    import time

    start = time.perf_counter()
    demo.write_demo_files(tmp_path / "timed")
    assert time.perf_counter() - start < 3.0


# ---------------------------------------------------------------------------------------------
# Geography is consistent across files
# ---------------------------------------------------------------------------------------------


def test_chgind_has_every_change_type(demo_dir: Path) -> None:
    lookup = read("ons__lsoa11_lsoa21_lad22", demo_dir)
    assert set(lookup.get_column("CHGIND")) == {"U", "S", "M", "X"}
    pairs = lookup.select("LSOA11CD", "LSOA21CD", "CHGIND").rows()
    per_old = Counter(old for old, _, _ in pairs)
    per_new = Counter(new for _, new, _ in pairs)
    for old, new, chgind in pairs:
        if chgind == "U":
            assert old == new and per_old[old] == 1 and per_new[new] == 1
        elif chgind == "S":
            assert per_old[old] >= 2 and per_new[new] == 1
        elif chgind == "M":
            assert per_old[old] == 1 and per_new[new] >= 2
        else:
            assert per_old[old] >= 2 and per_new[new] >= 2


def test_lsoa21_sets_agree(demo_dir: Path) -> None:
    lookup = read("ons__lsoa11_lsoa21_lad22", demo_dir)
    wards = read("ons__lsoa21_ward23_lad23", demo_dir)
    assert set(lookup.get_column("LSOA21CD")) == set(wards.get_column("LSOA21CD"))
    assert wards.get_column("ObjectId").to_list() == list(range(1, wards.height + 1))
    english = wards.filter(pl.col("LSOA21CD").str.starts_with("E"))
    assert english.get_column("LSOA21NMW").null_count() == english.height
    welsh = wards.filter(pl.col("LSOA21CD").str.starts_with("W"))
    assert welsh.height > 0 and welsh.get_column("LAD23NMW").null_count() == 0


def test_lsoa11_sets_agree(demo_dir: Path) -> None:
    lookup = set(read("ons__lsoa11_lsoa21_lad22", demo_dir).get_column("LSOA11CD"))
    ward19 = read("ons__lsoa11_ward19_lad19", demo_dir)
    assert lookup == set(ward19.get_column("LSOA11CD"))
    codes = ward19.get_column("LSOA11CD").to_list()
    assert codes != sorted(codes)  # rows not in LSOA order, as published
    assert ward19.get_column("FID").to_list() == list(range(1, ward19.height + 1))
    english = {code for code in lookup if code.startswith("E")}
    for source_id in (
        "mhclg__iod2019_file1",
        "mhclg__iod2019_file2",
        "mhclg__iod2019_file3",
        "mhclg__iod2019_file6",
        "mhclg__iod2019_file9",
    ):
        frame = read(source_id, demo_dir)
        assert set(frame.get_column("LSOA code (2011)")) == english, source_id
    imd = read("ons__imd2019_lookup", demo_dir)
    assert set(imd.get_column("LSOA11CD")) == english


def test_wards_and_districts_resolve(demo_dir: Path) -> None:
    ward_lad = read("ons__ward19_lad19", demo_dir)
    ward_codes = set(ward_lad.get_column("WD19CD"))
    assert {code[:3] for code in ward_codes} == {"E05", "W05", "S13", "N08"}
    assert set(read("ons__lsoa11_ward19_lad19", demo_dir).get_column("WD19CD")) <= ward_codes
    la = read("drkane__la_all_codes", demo_dir)
    lad_codes = set(la.get_column("LADCD"))
    assert set(ward_lad.get_column("LAD19CD")) <= lad_codes
    assert set(read("ons__lsoa11_lsoa21_lad22", demo_dir).get_column("LAD22CD")) <= lad_codes
    assert set(read("ons__lsoa21_ward23_lad23", demo_dir).get_column("LAD23CD")) <= lad_codes
    reorganised = la.filter(pl.col("LADCD") != pl.col("LADCD_ACTIVE"))
    assert reorganised.height >= 1
    assert set(reorganised.get_column("Current")) == {"FALSE"}
    active = set(la.filter(pl.col("Current") == "TRUE").get_column("LADCD"))
    assert set(reorganised.get_column("LADCD_ACTIVE")) <= active


# ---------------------------------------------------------------------------------------------
# IoD2019 values agree with one another
# ---------------------------------------------------------------------------------------------


def test_imd_rank_is_rank_of_weighted_file9_score(demo_dir: Path) -> None:
    file9 = read("mhclg__iod2019_file9", demo_dir)
    score_columns = [f"{name} Score - exponentially transformed" for name in demo.DOMAINS]
    weights = (225, 225, 135, 135, 93, 93, 93)  # Income ... Living Environment, per mille
    scored = sorted(
        (
            -sum(w * round(v * 1000) for w, v in zip(weights, row[1:], strict=True)),
            row[0],
        )
        for row in file9.select("LSOA code (2011)", *score_columns).rows()
    )
    expected = {code: rank for rank, (_, code) in enumerate(scored, start=1)}
    n = len(expected)

    file1 = read("mhclg__iod2019_file1", demo_dir)
    ranks = dict(
        file1.select("LSOA code (2011)", "Index of Multiple Deprivation (IMD) Rank").rows()
    )
    assert ranks == expected
    for code, decile in file1.select(
        "LSOA code (2011)", "Index of Multiple Deprivation (IMD) Decile"
    ).rows():
        assert decile == -(-expected[code] * 10 // n)

    rank_header = "Index of Multiple Deprivation (IMD) Rank (where 1 is most deprived)"
    for source_id in ("mhclg__iod2019_file2", "mhclg__iod2019_file3"):
        frame = read(source_id, demo_dir)
        assert dict(frame.select("LSOA code (2011)", rank_header).rows()) == expected
    imd = read("ons__imd2019_lookup", demo_dir)
    assert dict(imd.select("LSOA11CD", "IMD19").rows()) == expected


def test_domain_ranks_follow_transformed_scores(demo_dir: Path) -> None:
    file9 = read("mhclg__iod2019_file9", demo_dir).sort("LSOA code (2011)")
    file2 = read("mhclg__iod2019_file2", demo_dir).sort("LSOA code (2011)")
    n = file9.height
    file2_names = (
        "Income",
        "Employment",
        "Education, Skills and Training",
        "Health Deprivation and Disability",
        "Crime",
        "Barriers to Housing and Services",
        "Living Environment",
    )
    for short, name in zip(demo.DOMAINS, file2_names, strict=True):
        scores = file9.get_column(f"{short} Score - exponentially transformed")
        assert 0 < scores.min() and scores.max() < 100
        ranks = file2.get_column(f"{name} Rank (where 1 is most deprived)")
        assert sorted(ranks.to_list()) == list(range(1, n + 1))
        # Higher transformed score = more deprived = smaller rank.
        by_rank = scores.gather(ranks.arg_sort()).to_list()
        assert by_rank == sorted(by_rank, reverse=True)


def test_population_parts_sum_to_total(demo_dir: Path) -> None:
    file6 = read("mhclg__iod2019_file6", demo_dir)
    total, children, middle, older, working = (
        c.header for c in get_source("mhclg__iod2019_file6").columns[4:]
    )
    assert (file6[children] + file6[middle] + file6[older] == file6[total]).all()
    assert file6[total].min() >= 1000 and file6[total].max() <= 3000
    fractions = set((file6[working] % 1).to_list())
    assert fractions <= {0.0, 0.25, 0.5, 0.75} and len(fractions) > 1


# ---------------------------------------------------------------------------------------------
# Encodings and layout: the quirks are really there, and headers equal the real files'
# ---------------------------------------------------------------------------------------------


def test_cp1252_lookup_is_not_utf8(demo_dir: Path) -> None:
    data = (demo_dir / demo.LSOA11_LSOA21).read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    assert "ô" in data.decode("cp1252")
    assert not data.startswith(b"\xef\xbb\xbf")


def test_ward23_lookup_is_utf8_with_bom(demo_dir: Path) -> None:
    data = (demo_dir / demo.LSOA21_WARD23).read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "ô".encode() in data and b"\r\n" not in data


def _csv_header(data: bytes, layout: FileLayout) -> list[str]:
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    encoding = layout.encoding if layout.encoding != "utf-8" else "utf-8-sig"
    first_line = data.decode(encoding).splitlines()[0]
    return next(csv.reader(io.StringIO(first_line)))


def _xlsx_header(path: Path, sheet: str | None) -> tuple[list[str], list[str]]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    try:
        rows = workbook[sheet].iter_rows(min_row=1, max_row=1, values_only=True)
        header = [value for value in next(rows) if value is not None]
        return header, list(workbook.sheetnames)
    finally:
        workbook.close()


def _header_of(path: Path, source: Source) -> tuple[list[str], list[str] | None]:
    layout = source.layout_for(path.name)
    if layout.format == "xlsx":
        return _xlsx_header(path, layout.sheet)
    return _csv_header(path.read_bytes(), layout), None


def _real_file(source: Source, shared_data: Path) -> Path:
    for file_name in source.file_names:
        matches = sorted(shared_data.rglob(file_name))
        if matches:
            return matches[0]
    raise AssertionError(f"{source.source_id}: no real file {source.file_names} in {shared_data}")


@pytest.mark.parametrize("source", SOURCES, ids=lambda source: source.source_id)
def test_header_identical_to_real_file(source: Source, demo_dir: Path, shared_data: Path) -> None:
    # `shared_data` (conftest) fails, never skips, when the real files are missing.
    real = _real_file(source, shared_data)
    ours = demo_dir / demo.DEMO_FILES[source.source_id]
    real_header, real_sheets = _header_of(real, source)
    demo_header, demo_sheets = _header_of(ours, source)
    assert demo_header == real_header
    if real_sheets is not None and demo_sheets is not None:
        assert demo_sheets == real_sheets
    if real.suffix == ours.suffix == ".csv":
        real_bytes, demo_bytes = real.read_bytes(), ours.read_bytes()
        assert demo_bytes.startswith(b"\xef\xbb\xbf") == real_bytes.startswith(b"\xef\xbb\xbf")
        assert (b"\r\n" in demo_bytes) == (b"\r\n" in real_bytes)
        assert demo_bytes.endswith(b"\n") == real_bytes.endswith(b"\n")
        real_utf8 = _decodes(real_bytes, "utf-8")
        assert _decodes(demo_bytes, "utf-8") == real_utf8


def _decodes(data: bytes, encoding: str) -> bool:
    try:
        data.decode(encoding)
    except UnicodeDecodeError:
        return False
    return True
