"""Shared fixtures: a fresh temporary database per test, Qt offscreen, no user data touched."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

# Before anything imports Qt: tests never need a screen, and never touch the clerk's data folder.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("UNION_LEDGER_HOME", str(home))
    monkeypatch.delenv("UNION_LEDGER_DB", raising=False)
    monkeypatch.delenv("UNION_LEDGER_DATABASE_URL", raising=False)


# PostgreSQL leg (issue 6): with UNION_LEDGER_TEST_PG_URL set (see .ci/start_postgres.sh), every
# test that uses `db_url`/`ledger` runs twice, on SQLite and on PostgreSQL, each PostgreSQL run in a
# fresh schema of its own. Without the variable nothing changes: SQLite only, same test ids.
PG_URL_ENV = "UNION_LEDGER_TEST_PG_URL"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if os.environ.get(PG_URL_ENV) and "db_url" in metafunc.fixturenames:
        metafunc.parametrize("db_backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def db_backend(request: pytest.FixtureRequest) -> str:
    backend = getattr(request, "param", "sqlite")
    if backend == "postgresql" and request.node.get_closest_marker("sqlite_only"):
        pytest.skip("只适用于 SQLite 的测试")
    return backend


@pytest.fixture
def db_url(tmp_path: Path, db_backend: str) -> Iterator[str]:
    if db_backend == "postgresql":
        from tests.pg import fresh_schema

        with fresh_schema(os.environ[PG_URL_ENV]) as url:
            yield url
        return
    # An existing, empty database, as the PostgreSQL leg's fresh schema is: commands refuse a
    # SQLite file that is not there (only `init`, `demo` and 新建台账 create one).
    path = tmp_path / "ledger.sqlite3"
    path.touch()
    yield "sqlite:///" + str(path)


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A fresh PostgreSQL schema for tests that only make sense on a server (skipped without one)."""
    base = os.environ.get(PG_URL_ENV)
    if not base:
        pytest.skip(f"未设置 {PG_URL_ENV}（见 .ci/start_postgres.sh）")
    from tests.pg import fresh_schema

    with fresh_schema(base) as url:
        yield url


@pytest.fixture
def ledger(db_url: str) -> Iterator[Ledger]:  # noqa: F821
    from models.services import Ledger

    opened = Ledger.open(db_url)
    yield opened
    opened.close()
