"""A ledger holding the sample county's year, shared by the summary tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.reports.summary.sample_data import build_year


@pytest.fixture
def county(ledger: Any, tmp_path: Path) -> dict[str, Any]:
    return build_year(ledger, tmp_path)
