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


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    return "sqlite:///" + str(tmp_path / "ledger.sqlite3")


@pytest.fixture
def ledger(db_url: str) -> Iterator[Ledger]:  # noqa: F821
    from models.services import Ledger

    opened = Ledger.open(db_url)
    yield opened
    opened.close()
