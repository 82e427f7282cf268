"""Registers the CJK TrueType fonts reportlab embeds (as subsets), once per process per choice."""

# Why this shape:
# * reportlab embeds TrueType outlines only (as subsets, "ABCDEF+Name" in pdffonts); CFF-outline
#   OpenType such as Noto CJK raises TTFError, so every candidate is tried and skipped on failure.
# * GB/T 9704 asks for 仿宋 (body), 黑体 (一、), 楷体 (（一）) and 小标宋 (title). Those are
#   proprietary: the office PC usually has them (Windows: simfang/simhei/simkai/simsun, often
#   方正小标宋) and they are used when present. Three free TrueType fonts are bundled so the page
#   keeps a 宋/楷/黑 hierarchy anywhere: AR PL UMing (明体, body), AR PL UKai (楷体) and WenQuanYi
#   Micro Hei (黑体). They are full fonts, not subsets, because a clerk may type any character.
#   No free 仿宋 exists in TrueType, so a 公文 without one is set in 宋体 and the clerk is told.
# * The choice is reported (FontSet.describe, FontSet.official_note) so the settings screen and
#   the CLI can say which font the document was set in.

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

PREFER_SYSTEM = "auto"  # system 公文 fonts when present, else the bundled fonts
PREFER_BUNDLED = "bundled"  # always the bundled fonts (identical output on every PC)
PREFERENCES = {
    PREFER_SYSTEM: "优先使用系统公文字体",
    PREFER_BUNDLED: "只用程序自带字体（明体、楷体、文泉驿微米黑）",
}


def _windows_fonts() -> Path:
    return Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"


@dataclass(frozen=True)
class _Candidate:
    label: str  # Chinese name shown to the clerk
    path: Path
    index: int = 0  # sub-font of a .ttc collection (0 is the CN face of the bundled .ttc files)
    kind: str = ""  # the role this font really is ("fang", "song" …): a fallback is told apart


# The bundled font of each role: 宋 for the body (also standing in for 仿宋), 楷, 黑 for headings
# and titles (a title wants weight more than serifs).
_UMING = _Candidate("AR PL UMing 明体", resource_path("fonts", "uming.ttc"), kind="song")
_UKAI = _Candidate("AR PL UKai 楷体", resource_path("fonts", "ukai.ttc"), kind="kai")
_WQY = _Candidate("文泉驿微米黑", BUNDLED, kind="hei")
BUNDLED_BY_ROLE = {"fang": _UMING, "song": _UMING, "hei": _WQY, "kai": _UKAI, "title": _WQY}


def _candidates(role: str) -> tuple[_Candidate, ...]:
    """The installed fonts to try for a role, best first; the bundled font comes after them."""
    win = _windows_fonts()
    mac = Path("/Library/Fonts")
    song = (
        _Candidate("宋体 SimSun", win / "simsun.ttc", kind="song"),
        _Candidate("宋体 SimSun", mac / "SimSun.ttf", kind="song"),
    )
    hei = (
        _Candidate("黑体 SimHei", win / "simhei.ttf", kind="hei"),
        _Candidate("黑体 SimHei", mac / "SimHei.ttf", kind="hei"),
    )
    kai = (
        _Candidate("楷体 KaiTi", win / "simkai.ttf", kind="kai"),
        _Candidate("楷体_GB2312", win / "KT_GB2312.ttf", kind="kai"),
        _Candidate("楷体 KaiTi", mac / "Kaiti.ttf", kind="kai"),
    )
    fang = (
        _Candidate("仿宋 FangSong", win / "simfang.ttf", kind="fang"),
        _Candidate("仿宋_GB2312", win / "FS_GB2312.ttf", kind="fang"),
        _Candidate("方正仿宋简体", win / "FZFSJW.TTF", kind="fang"),
        _Candidate("仿宋 FangSong", mac / "Fangsong.ttf", kind="fang"),
    )
    title = (
        _Candidate("方正小标宋简体", win / "FZXBSJW.TTF", kind="title"),
        _Candidate("方正小标宋简体", win / "方正小标宋简体.ttf", kind="title"),
        _Candidate("华文中宋", win / "STZHONGS.TTF", kind="title"),
    )
    # Fallback chains before the bundled font: 仿宋 → 宋, 小标宋 → 黑.
    return {"song": song, "fang": fang + song, "hei": hei, "kai": kai, "title": title + hei}[role]


@dataclass(frozen=True)
class FontChoice:
    """One role's font: the reportlab name to use in styles and where it came from."""

    role: str
    name: str  # registered reportlab font name
    label: str  # Chinese description
    path: str
    bundled: bool
    kind: str = ""  # what the font is: "song" for a 仿宋 role means no 仿宋 was found


ROLE_LABELS = {
    "fang": "公文正文（仿宋）",
    "song": "正文（宋体）",
    "hei": "一级标题（黑体）",
    "kai": "二级标题、图片说明（楷体）",
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

    @property
    def official_note(self) -> str:
        """Why a 公文 is not in 仿宋 and what to do about it; "" when it is."""
        if self.fang.kind == "fang":
            return ""
        if self.preference == PREFER_BUNDLED:
            why = "设置为只用程序自带字体，而程序不带仿宋"
            fix = "如需按 GB/T 9704 用仿宋排正文，请在“设置”中改为“优先使用系统公文字体”"
        else:
            why = "本机没有找到仿宋字体（simfang.ttf 或 仿宋_GB2312）"
            fix = "如需按 GB/T 9704 用仿宋排正文，请安装仿宋字体后重新生成"
        return f"公文正文未用仿宋：{why}，已改用{self.fang.label}。{fix}。"

    def describe(self, *, official: bool = True) -> str:
        """ "公文正文（仿宋）：仿宋 FangSong（系统字体）；…" — for settings and the CLI; an
        article (`official` false) is told only of the fonts it uses."""
        parts = []
        if self.preference == PREFER_BUNDLED:
            parts.append("按设置只用程序自带字体")
        for choice in self.choices():
            if choice.role == "fang" and not official:
                continue
            where = "程序自带" if choice.bundled else "系统字体"
            parts.append(f"{ROLE_LABELS[choice.role]}：{choice.label}（{where}）")
        if official and self.official_note:
            parts.append(self.official_note)
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
    candidate = BUNDLED_BY_ROLE[role]
    name = _register(candidate)
    if name is None:
        raise FileNotFoundError(
            f"找不到程序自带的中文字体（{candidate.label}，{candidate.path.name}）。请重新安装本程序，"
            "或把该字体文件放回 resources/fonts 文件夹。"
        )
    return FontChoice(role, name, candidate.label, str(candidate.path), True, candidate.kind)


def _choose(role: str, preference: str) -> FontChoice:
    if preference != PREFER_BUNDLED:
        for candidate in _candidates(role):
            name = _register(candidate)
            if name is not None:
                return FontChoice(
                    role, name, candidate.label, str(candidate.path), False, candidate.kind
                )
    return _bundled_choice(role)


def report_fonts(preference: str = PREFER_SYSTEM) -> FontSet:
    """The fonts for a report: system 公文 fonts when present (preference "auto"), otherwise and
    with "bundled" the shipped UMing, UKai and WenQuanYi Micro Hei. Registered once per process."""
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
