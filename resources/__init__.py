"""Bundled resources (fonts, icons, stylesheet, screenshots): reach them through `path()` only."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

# importlib.resources, not __file__: it names this package's folder in a source tree and in the
# PyInstaller bundle alike (where the spec copies resources/ next to the frozen modules).
ROOT = Path(str(files(__name__)))


def path(*parts: str) -> Path:
    """The path of a bundled resource, e.g. path("fonts", "wqy-microhei.ttc")."""
    return ROOT.joinpath(*parts)
