"""The demo package as a whole: every catalog source has a demo file that lands and reads, the folder
is written deterministically and only when stale, the file each source gets follows one rule, every
file a family writes is declared and laid out as its catalog entry says, `python -m demo` works, and
production code never imports the package."""

from __future__ import annotations

import ast
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import demo
from demo.world import World
from demo.writers import ZIP_TIME
from ingest.catalog import SOURCES, get_source
from tests.conftest import REPO_ROOT

# ---------------------------------------------------------------------------------------------
# Every source lands and reads
# ---------------------------------------------------------------------------------------------


def test_every_catalog_source_has_a_demo_file() -> None:
    assert set(demo.DEMO_FILES) == {source.source_id for source in SOURCES}
    forms = set()
    for source in SOURCES:
        file_name = demo.DEMO_FILES[source.source_id]
        assert file_name in source.file_names
        forms.add(source.layout_for(file_name).format)
    # Census tables land both as the Nomis bulk zip and as the extracted member.
    assert {"zip", "csv"} <= forms


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


# ---------------------------------------------------------------------------------------------
# Which file each source gets, and what each family writes
# ---------------------------------------------------------------------------------------------


def test_each_source_gets_the_first_of_its_published_forms_the_demo_writes() -> None:
    for source in SOURCES:
        written = [name for name in source.file_names if name in demo.WRITTEN]
        assert demo.DEMO_FILES[source.source_id] == written[0], source.source_id
    # TS016 is written as its extracted member, the other Census 2021 tables as the Nomis zip;
    # the IoD2019 File 2 as its workbook, not as the CSV export.
    assert (
        get_source("ons__census2021_ts016_lsoa")
        .layout_for(demo.DEMO_FILES["ons__census2021_ts016_lsoa"])
        .format
        == "csv"
    )
    for source_id in ("ons__census2021_ts054_lsoa", "ons__census2021_ts019_lsoa"):
        assert get_source(source_id).layout_for(demo.DEMO_FILES[source_id]).format == "zip"
    assert demo.DEMO_FILES["mhclg__iod2019_file2"].endswith(".xlsx")


@pytest.fixture(scope="module")
def world() -> World:
    return World()


@pytest.mark.parametrize("family", demo.FAMILIES, ids=lambda family: family.__name__)
def test_a_family_writes_exactly_its_declared_files_for_its_own_sources(
    family, world: World
) -> None:
    files = family.build(world)
    assert sorted(files) == sorted(family.FILES)
    family_name = family.__name__.rsplit(".", 1)[-1]
    # Every file is a published form of a source of the family the module is named after, or a
    # companion file published beside one (a shapefile's .dbf).
    for name in files:
        owners = {
            source.family
            for source in SOURCES
            for layout in source.layouts
            if name in (layout.file_name, *layout.companion_names)
        }
        assert owners == {family_name}, name


def test_the_folder_holds_the_families_files_and_nothing_else(demo_dir: Path) -> None:
    names = {path.name for path in demo_dir.iterdir()}
    assert names == {*demo.WRITTEN, demo.README_FILE, demo.VERSION_FILE}
    assert len(demo.WRITTEN) == len(set(demo.WRITTEN))


def test_census_zips_hold_their_members_at_the_root(demo_dir: Path) -> None:
    for source in SOURCES:
        layout = source.layout_for(demo.DEMO_FILES[source.source_id])
        if layout.format != "zip":
            continue
        with zipfile.ZipFile(demo_dir / layout.file_name) as archive:
            assert layout.member in archive.namelist()
            assert {info.date_time for info in archive.infolist()} == {ZIP_TIME}


# ---------------------------------------------------------------------------------------------
# The command line, and who may import the package
# ---------------------------------------------------------------------------------------------


def test_python_m_demo_writes_the_folder_and_prints_its_path(tmp_path: Path) -> None:
    folder = tmp_path / "written"
    run = subprocess.run(
        [sys.executable, "-m", "demo", str(folder)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == str(folder)
    assert demo.is_current(folder)


def test_python_m_demo_without_a_folder_says_how_to_use_it() -> None:
    run = subprocess.run(
        [sys.executable, "-m", "demo"], capture_output=True, text=True, cwd=REPO_ROOT, check=False
    )
    assert run.returncode == 2
    assert run.stderr.startswith("usage: python -m demo FOLDER")


def _imported_modules(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.add(node.module)
    return found


@pytest.mark.parametrize("folder", ["ingest", "expectations", "orchestration"])
def test_production_code_never_imports_the_demo(folder: str) -> None:
    for path in sorted((REPO_ROOT / folder).rglob("*.py")):
        demo_imports = {
            name for name in _imported_modules(path) if name == "demo" or name.startswith("demo.")
        }
        assert not demo_imports, f"{path.relative_to(REPO_ROOT)} imports {sorted(demo_imports)}"


def test_the_demo_imports_nothing_from_ingest_but_the_catalog() -> None:
    for path in sorted((REPO_ROOT / "demo").rglob("*.py")):
        ingest = {name for name in _imported_modules(path) if name.split(".")[0] == "ingest"}
        assert ingest <= {"ingest.catalog"}, f"{path.relative_to(REPO_ROOT)} imports {ingest}"
