"""The bundled fonts: a 宋/楷/黑 hierarchy on a PC without Chinese fonts, shipped with their
licences in the package, installed 公文 fonts preferred, and a 公文 not in 仿宋 said so."""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

import pytest
from reportlab.pdfbase.ttfonts import TTFont

from reports import pdf_fonts
from reports.pdf_fonts import report_fonts
from reports.summary import build_summary
from resources import path as resource_path
from tests.reports.summary.sample_data import YEAR

ROOT = Path(__file__).resolve().parents[3]


def _face(path: str) -> str:
    """The font's own PostScript name, read from the file (not from our labels)."""
    return TTFont("probe", path, subfontIndex=0).face.name.decode()


def test_bundled_fonts_give_each_role_its_own_face() -> None:
    fonts = report_fonts("bundled")
    faces = {role: _face(choice.path) for role, choice in zip(
        ("fang", "song", "hei", "kai", "title"), fonts.choices(), strict=True
    )}  # fmt: skip
    assert faces["song"] == "UMingCN"  # 明体 (宋) for the body
    assert faces["kai"] == "UKaiCN"  # 楷体 for （一） headings and captions
    assert faces["hei"].startswith("WenQuanYi")  # 黑体 for headings
    assert len({faces["song"], faces["kai"], faces["hei"]}) == 3
    for choice in fonts.choices():
        assert choice.bundled and Path(choice.path).parent == resource_path("fonts")


def test_bundled_fonts_and_licences_are_package_data() -> None:
    """A wheel or a fresh clone carries every font file and its licence text."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = [
        p for key, values in config["tool"]["setuptools"]["package-data"].items()
        if key in ("*", "resources") for p in values
    ]  # fmt: skip
    folder = resource_path("fonts")
    files = sorted(p.name for p in folder.iterdir() if p.is_file())
    assert {"uming.ttc", "ukai.ttc", "wqy-microhei.ttc"} <= set(files)
    for name in files:
        assert any(fnmatch(f"fonts/{name}", p) or fnmatch(name, p) for p in patterns), name
    licence = (folder / "ARPHICPL.txt").read_text(encoding="utf-8")
    assert "ARPHIC PUBLIC LICENSE" in licence
    assert "Apache" in (folder / "wqy-microhei-COPYRIGHT.txt").read_text(encoding="utf-8")


def test_an_installed_fangsong_is_used_and_its_absence_is_told(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(pdf_fonts, "_sets", {})
    monkeypatch.setattr(pdf_fonts, "_windows_fonts", lambda: tmp_path)
    without = report_fonts("auto")
    assert without.fang.kind == "song"
    assert "未用仿宋" in without.official_note and "安装仿宋字体" in without.official_note
    assert without.official_note in without.describe()  # what settings and the CLI show

    # A 仿宋 on the PC (here a stand-in file named as Windows names it) is preferred.
    monkeypatch.setattr(pdf_fonts, "_sets", {})
    (tmp_path / "simfang.ttf").symlink_to(resource_path("fonts", "ukai.ttc"))
    found = report_fonts("auto")
    assert found.fang.path == str(tmp_path / "simfang.ttf") and not found.fang.bundled
    assert found.official_note == ""
    assert "仿宋 FangSong（系统字体）" in found.describe()


needs_poppler = pytest.mark.skipif(shutil.which("pdffonts") is None, reason="需要 pdffonts")


@needs_poppler
@pytest.mark.parametrize("style", ["article", "official"])
def test_the_pdf_embeds_only_subsets_of_the_three_faces(
    ledger: Any, county: Any, tmp_path: Path, style: str
) -> None:
    ledger.settings.set("report_font", "bundled")
    out = tmp_path / "a.pdf"
    build_summary(ledger, YEAR, out, style=style, appendix=True)
    listing = subprocess.run(
        ["pdffonts", str(out)], capture_output=True, check=True, text=True
    ).stdout.splitlines()[2:]
    assert listing
    names = set()
    for line in listing:  # no Helvetica or any other unembedded base-14 font (charts, numbers)
        assert re.match(r"[A-Z]{6}\+", line), line
        assert re.search(r"\byes\s+yes\b", line), line
        names.add(line.split()[0].split("+")[1])
    assert any("UMing" in n for n in names) and any("WenQuanYi" in n for n in names)
    assert any("UKai" in n for n in names)
