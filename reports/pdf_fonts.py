"""Registers the CJK TrueType fonts reportlab embeds (as subsets), once per process per choice."""

# Why this shape:
# * reportlab embeds TrueType outlines only (as subsets, "ABCDEF+Name" in pdffonts); CFF-outline
#   OpenType such as Noto CJK raises TTFError, so every candidate is tried and skipped on failure.
# * GB/T 9704 asks for 仿宋 (body), 黑体 (一、), 楷体 (（一）) and 小标宋 (title). Those are
#   proprietary: the office PC usually has them (Windows: simfang/simhei/simkai/simsun, often
#   方正小标宋), Linux has AR PL UMing/UKai and WenQuanYi. The bundled WenQuanYi Micro Hei is the
#   last resort for every role, so a PDF can always be written.
# * The choice is reported (FontSet.describe) so the settings screen and the CLI can say which
#   font the document was set in.

from __future__ import annotations

import os
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from resources import path as resource_path

__all__ = [
    "BODY_FONT",
    "PREFERENCES",
    "FontChoice",
    "FontSet",
    "register_fonts",
    "report_fonts",
]

BODY_FONT = "WenQuanYi Micro Hei"
BUNDLED = resource_path("fonts", "wqy-microhei.ttc")
# reportlab embeds TrueType outlines only: WenQuanYi (bundled) first, then the system's copies.
CANDIDATES = (
    BUNDLED,
    Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    Path("/usr/share/fonts/wqy-microhei/wqy-microhei.ttc"),
)

PREFER_SYSTEM = "auto"  # system 公文 fonts when present, else the bundled font
PREFER_BUNDLED = "bundled"  # always the bundled font (identical output on every PC)
PREFERENCES = {
    PREFER_SYSTEM: "优先使用系统公文字体",
    PREFER_BUNDLED: "只用程序自带字体（文泉驿微米黑）",
}


def _windows_fonts() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


@dataclass(frozen=True)
class _Candidate:
    label: str  # Chinese name shown to the clerk
    path: Path
    index: int = 0  # sub-font of a .ttc collection


def _candidates(role: str) -> tuple[_Candidate, ...]:
    win = _windows_fonts()
    linux = Path("/usr/share/fonts")
    mac = Path("/Library/Fonts")
    song = (
        _Candidate("宋体 SimSun", win / "simsun.ttc"),
        _Candidate("宋体 SimSun", mac / "SimSun.ttf"),
        _Candidate("AR PL UMing（明体）", linux / "truetype/arphic/uming.ttc"),
        _Candidate("AR PL UMing（明体）", linux / "truetype/arphic-uming/uming.ttc"),
    )
    hei = (
        _Candidate("黑体 SimHei", win / "simhei.ttf"),
        _Candidate("黑体 SimHei", mac / "SimHei.ttf"),
        _Candidate("文泉驿正黑", linux / "truetype/wqy/wqy-zenhei.ttc"),
        _Candidate("文泉驿微米黑", linux / "truetype/wqy/wqy-microhei.ttc"),
    )
    kai = (
        _Candidate("楷体 KaiTi", win / "simkai.ttf"),
        _Candidate("楷体 KaiTi", mac / "Kaiti.ttf"),
        _Candidate("AR PL UKai（楷体）", linux / "truetype/arphic/ukai.ttc"),
        _Candidate("AR PL UKai（楷体）", linux / "truetype/arphic-ukai/ukai.ttc"),
    )
    fang = (
        _Candidate("仿宋 FangSong", win / "simfang.ttf"),
        _Candidate("仿宋_GB2312", win / "FS_GB2312.ttf"),
        _Candidate("仿宋 FangSong", mac / "Fangsong.ttf"),
    )
    title = (
        _Candidate("方正小标宋简体", win / "FZXBSJW.TTF"),
        _Candidate("方正小标宋简体", win / "方正小标宋简体.ttf"),
        _Candidate("华文中宋", win / "STZHONGS.TTF"),
    )
    # Fallback chains: 仿宋 → 宋, 楷 → 宋, 小标宋 → 黑 (a title wants weight more than serifs).
    return {
        "song": song,
        "fang": fang + song,
        "hei": hei,
        "kai": kai + song,
        "title": title + hei,
    }[role]


@dataclass(frozen=True)
class FontChoice:
    """One role's font: the reportlab name to use in styles and where it came from."""

    role: str
    name: str  # registered reportlab font name
    label: str  # Chinese description
    path: str
    bundled: bool


ROLE_LABELS = {
    "fang": "正文（仿宋）",
    "song": "正文（宋体）",
    "hei": "一级标题（黑体）",
    "kai": "二级标题（楷体）",
    "title": "大标题（小标宋）",
}


@dataclass(frozen=True)
class FontSet:
    """The fonts of one document: 仿宋/宋体 body, 黑体, 楷体 and the title font."""

    fang: FontChoice
    song: FontChoice
    hei: FontChoice
    kai: FontChoice
    title: FontChoice
    preference: str

    @property
    def all_bundled(self) -> bool:
        return all(c.bundled for c in self.choices())

    def choices(self) -> tuple[FontChoice, ...]:
        return (self.fang, self.song, self.hei, self.kai, self.title)

    def describe(self) -> str:
        """ "正文（仿宋）：仿宋 FangSong；一级标题（黑体）：…" — for settings and the CLI."""
        if self.all_bundled:
            if self.preference == PREFER_BUNDLED:
                return "按设置全部使用程序自带的文泉驿微米黑"
            return "全部使用程序自带的文泉驿微米黑（未找到系统公文字体）"
        parts = []
        for choice in self.choices():
            where = "程序自带" if choice.bundled else "系统字体"
            parts.append(f"{ROLE_LABELS[choice.role]}：{choice.label}（{where}）")
        return "；".join(parts)


_lock = threading.Lock()
_by_path: dict[tuple[str, int], str] = {}  # (file, sub-font) → registered name
_sets: dict[str, FontSet] = {}


def _register(candidate: _Candidate) -> str | None:
    """Register one file (once) and return its reportlab name, or None when unusable."""
    key = (str(candidate.path), candidate.index)
    if key in _by_path:
        return _by_path[key]
    if not candidate.path.is_file():
        return None
    name = f"{candidate.path.stem}-{candidate.index}"
    try:
        pdfmetrics.registerFont(TTFont(name, str(candidate.path), subfontIndex=candidate.index))
    except (TTFError, OSError, ValueError):  # CFF outlines, a damaged file, no such sub-font
        return None
    _by_path[key] = name
    return name


def _bundled_choice(role: str) -> FontChoice:
    name = _register(_Candidate("文泉驿微米黑", BUNDLED))
    if name is None:
        raise FileNotFoundError(
            "找不到可嵌入 PDF 的中文字体（文泉驿微米黑 wqy-microhei.ttc）。请重新安装本程序，"
            "或把该字体放到 resources/fonts 文件夹。"
        )
    return FontChoice(role, name, "文泉驿微米黑", str(BUNDLED), True)


def _choose(role: str, preference: str) -> FontChoice:
    if preference != PREFER_BUNDLED:
        for candidate in _candidates(role):
            name = _register(candidate)
            if name is not None:
                bundled = candidate.path.resolve() == BUNDLED.resolve()
                return FontChoice(role, name, candidate.label, str(candidate.path), bundled)
    return _bundled_choice(role)


def report_fonts(preference: str = PREFER_SYSTEM) -> FontSet:
    """The fonts for a report: system 公文 fonts when present (preference "auto"), otherwise and
    with "bundled" the shipped WenQuanYi Micro Hei. Registered once per process."""
    if preference not in PREFERENCES:
        preference = PREFER_SYSTEM
    with _lock:
        found = _sets.get(preference)
        if found is None:
            found = FontSet(
                fang=_choose("fang", preference),
                song=_choose("song", preference),
                hei=_choose("hei", preference),
                kai=_choose("kai", preference),
                title=_choose("title", preference),
                preference=preference,
            )
            _sets[preference] = found
        return found


_registered: str | None = None


def register_fonts() -> str:
    """Register the bundled sans font and return its reportlab name (the cover sheet's font);
    raises FileNotFoundError with a Chinese message if no usable font exists."""
    global _registered
    if _registered:
        return _registered
    for candidate in CANDIDATES:
        if candidate.is_file():
            try:
                pdfmetrics.registerFont(TTFont(BODY_FONT, str(candidate), subfontIndex=0))
            except (TTFError, OSError):
                continue
            _registered = BODY_FONT
            return BODY_FONT
    raise FileNotFoundError(
        "找不到可嵌入 PDF 的中文字体（文泉驿微米黑 wqy-microhei.ttc）。请重新安装本程序，"
        "或把该字体放到 resources/fonts 文件夹。"
    )
