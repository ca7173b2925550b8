"""The PostgreSQL-backed tests share one throwaway cluster per test process.

Without PostgreSQL's server programs they skip, unless PLACEINDEX_POSTGRES_TESTS=required (CI),
where a missing server is a failure.
"""

from __future__ import annotations

import itertools
import os

import pytest

from tests.postgres.cluster import REQUIRED_VARIABLE, Cluster, find_bin, start_cluster

_names = itertools.count(1)


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "postgres: tests on a throwaway PostgreSQL cluster (DuckLake, Dagster storage)"
    )


@pytest.fixture(scope="session")
def pg_cluster() -> Cluster:
    if find_bin("initdb") is None and os.environ.get(REQUIRED_VARIABLE) != "required":
        pytest.skip("PostgreSQL's server programs are not installed (apt-get install postgresql)")
    cluster = start_cluster()
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_database(pg_cluster: Cluster) -> str:
    """A new, empty database's name on the shared cluster."""
    name = f"test_{os.getpid()}_{next(_names)}"
    pg_cluster.create_database(name)
    return name
