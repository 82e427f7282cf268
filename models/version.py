"""The program's version: read from the installed package's metadata, so pyproject.toml is its one source."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

DISTRIBUTION = "union-ledger"


def app_version() -> str:
    """E.g. "0.1.0" (the bundle carries the metadata too); a never-installed source tree says so."""
    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return "未知（源代码未安装，请先运行 pip install -e .）"
