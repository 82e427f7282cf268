"""Bundled resources (fonts, icons, stylesheet, screenshots): reach them through `path()` only."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent


def path(*parts: str) -> Path:
    """The path of a bundled resource, e.g. path("fonts", "wqy-microhei.ttc")."""
    return ROOT.joinpath(*parts)
