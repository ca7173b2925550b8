"""Files generated from the catalog are up to date: a change to ingest/catalog needs `make gen`."""

from __future__ import annotations

from ingest.catalog.generate import generated_files, stale_files
from tests.conftest import REPO_ROOT


def test_generated_files_are_not_stale():
    assert stale_files(REPO_ROOT) == [], "run `make gen` and commit the files it writes"


def test_a_stale_file_is_reported(tmp_path):
    for path, text in generated_files(REPO_ROOT).items():
        (tmp_path / path).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / path).write_text(text, encoding="utf-8")
    sources = tmp_path / "dbt_project/models/staging/_sources.yml"
    sources.write_text(sources.read_text().replace("mhclg__iod2019_file1", "x"), encoding="utf-8")
    assert [str(path) for path in stale_files(tmp_path)] == [
        "dbt_project/models/staging/_sources.yml"
    ]
