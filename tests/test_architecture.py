"""The import direction of ARCHITECTURE.md holds (import-linter contracts in pyproject.toml), and the
code is ruff-clean."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_import_contracts_hold() -> None:
    linter = shutil.which("lint-imports")
    if linter is None:
        pytest.fail("lint-imports 未安装：请执行 pip install -e '.[test]'")
    result = _run(linter)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_is_clean() -> None:
    result = _run(sys.executable, "-m", "ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr
