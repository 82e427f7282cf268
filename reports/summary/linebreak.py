"""Chinese line breaking (禁则) and full justification for reportlab's wordWrap="CJK" paragraphs."""

# Why this shape: reportlab's CJK wrapping cuts "like a knife" after the last character that fits
# and only lets one closing mark hang; it keeps no opening mark off a line end, no number with its
# unit, and its TA_JUSTIFY spreads space over word spaces, of which Chinese has none (the gap
# stays at the line end). So only the choice of break points and the drawing of justified lines
# are replaced; reportlab still measures the characters, builds its line objects and draws them.
# The rules (GB/T 15834 and the usual 行首行尾禁则):
# * no closing mark (，。）》” …) at a line start: up to two hang onto the line before, and a
#   justified line is squeezed back to the measure, as word processors do;
# * no opening mark (（《“ …) at a line end, no break inside ——, ……, a Latin word or a date;
# * a number stays with its unit: 52件, 3.2万元, 4900余户, 15%, 2025年;
# * the last line of a paragraph holds two characters at least (no 孤字).

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import paragraph as _rl_paragraph
from reportlab.rl_config import _FUZZ

__all__ = ["CANNOT_END", "CANNOT_START", "break_allowed", "install", "line_spans"]

CANNOT_START = "，。、；：！？）》」』】〕〉〗”’…％%‰·,.;:!?)]}"
CANNOT_END = "（《「『【〔〈〖“‘([{￥$#§"
HANG_AT_MOST = 2  # closing marks that may hang onto the line before
PUNCTUATION = set(CANNOT_START + CANNOT_END + "—～ ")

_MULTI_UNITS = "个百分点|万人次|人次|户次|人日|平方米|公里|公斤|小时"
# A figure with its multiplier, 余/多, and unit: one unbreakable run.
_NUMBER_UNIT = re.compile(
    r"[0-9０-９]+(?:[.,][0-9０-９]+)*"  # 3.2 · 11,221
    r"(?:[余多]?[十百千万亿]*[余多]?)"  # 4900余 · 3.2万 · 100多万
    rf"(?:%|％|‰|{_MULTI_UNITS}|[\u4e00-\u9fff])?"  # 元 · 户 · 人次 · 15%
)
# Dashes and ellipses, Latin words, and dates or codes such as 2025-02-07 or 12351.
_KEEP_TOGETHER = re.compile(r"——+|……+|…+|[A-Za-z0-9]+(?:[-./:][A-Za-z0-9]+)*")


def break_allowed(text: str) -> list[bool]:
    """allowed[i]: a line may end before text[i] (allowed[0] is unused)."""
    allowed = [True] * (len(text) + 1)
    for i in range(1, len(text)):
        if text[i] in CANNOT_START or text[i - 1] in CANNOT_END:
            allowed[i] = False
    for pattern in (_NUMBER_UNIT, _KEEP_TOGETHER):
        for match in pattern.finditer(text):
            for i in range(match.start() + 1, match.end()):
                allowed[i] = False
    return allowed


def _content(text: str) -> int:
    return sum(1 for c in text if c not in PUNCTUATION)


def line_spans(
    text: str, widths: Sequence[float], max_widths: Sequence[float], forced: Sequence[int] = ()
) -> list[tuple[int, int]]:
    """(start, end) of each line: as many characters as fit, the break moved back to the nearest
    allowed point, closing marks hung, and the last line never a lone character. `forced` are
    the indices after which a <br/> ends a line."""
    n = len(text)
    allowed = break_allowed(text)
    hard = set(forced)
    spans: list[tuple[int, int]] = []

    def width_of(line: int) -> float:
        return max_widths[min(line, len(max_widths) - 1)]

    start = 0
    while start < n:
        room = width_of(len(spans))
        used, i = 0.0, start
        while i < n and (i == start or used + widths[i] <= room + _FUZZ):
            used += widths[i]
            i += 1
            if i - 1 in hard:
                break
        end = i
        if i < n and i - 1 not in hard:
            hang = i
            while hang < n and hang - i < HANG_AT_MOST and text[hang] in CANNOT_START:
                hang += 1
            if hang > i and (hang == n or allowed[hang]):
                end = hang
            else:
                back = i
                while back > start + 1 and not allowed[back]:
                    back -= 1
                end = back if allowed[back] else i  # a line with no allowed break: cut it
        spans.append((start, end))
        start = end
    return _no_lone_last_character(text, widths, spans, allowed, width_of)


def _no_lone_last_character(
    text: str,
    widths: Sequence[float],
    spans: list[tuple[int, int]],
    allowed: list[bool],
    width_of: Any,
) -> list[tuple[int, int]]:
    if len(spans) < 2:
        return spans
    (start, end), (_, n) = spans[-2], spans[-1]
    if _content(text[end:n]) >= 2:
        return spans
    room = width_of(len(spans) - 1)
    for cut in range(end - 1, start + 1, -1):
        if not allowed[cut]:
            continue
        if _content(text[cut:n]) < 2:
            continue
        if sum(widths[cut:n]) > room + _FUZZ:
            break
        return [*spans[:-2], (start, cut), (cut, n)]
    return spans


def _word_split(
    word: str,
    maxWidths: Any,  # noqa: N803 - reportlab's parameter names
    fontName: str,  # noqa: N803
    fontSize: float,  # noqa: N803
    encoding: str = "utf8",
) -> list[list[Any]]:
    """The single-style paragraph path (reportlab's wordSplit): [[extra space, text], …]."""
    if isinstance(word, bytes):
        word = word.decode(encoding)
    if not isinstance(maxWidths, list | tuple):
        maxWidths = [maxWidths]  # noqa: N806 - reportlab's parameter name
    widths = [stringWidth(c, fontName, fontSize) for c in word]
    lines = []
    for number, (start, end) in enumerate(line_spans(word, widths, maxWidths)):
        room = maxWidths[min(number, len(maxWidths) - 1)]
        lines.append([room - sum(widths[start:end]), word[start:end]])
    return lines


def _cjk_frag_split(frags: Any, maxWidths: Any, calcBounds: Any, encoding: str = "utf8") -> Any:  # noqa: N803
    """The several-styles path (reportlab's cjkFragSplit) with the same break points."""
    units = []
    for frag in frags:
        text = frag.text.decode(encoding) if isinstance(frag.text, bytes) else frag.text
        if text:
            units.extend(_rl_paragraph.cjkU(c, frag, encoding) for c in text)
        else:
            units.append(_rl_paragraph.cjkU(text, frag, encoding))
    widths = []
    for unit in units:
        width = unit.width
        if hasattr(width, "normalizedValue"):
            width._normalizer = maxWidths[0]
            width = width.normalizedValue(maxWidths[0])
        widths.append(width)
    # An empty unit (an image, a <br/>) counts as one character that never breaks a rule.
    text = "".join(str(u) or "\ufffc" for u in units)
    forced = [i for i, u in enumerate(units) if hasattr(u.frag, "lineBreak")]
    lines = []
    for number, (start, end) in enumerate(line_spans(text, widths, maxWidths, forced)):
        room = maxWidths[min(number, len(maxWidths) - 1)]
        used = sum(widths[start:end])
        broken = end - 1 in forced
        lines.append(
            _rl_paragraph.makeCJKParaLine(
                units[start:end], room, used, room - used, broken, calcBounds
            )
        )
    return _rl_paragraph.ParaLines(kind=1, lines=lines)


def _spread(tx: Any, text: str, extra: float) -> bool:
    """Set the character spacing that makes a spaceless line exactly fill its measure."""
    if " " in text or len(text) < 2 or -1e-8 < extra <= 1e-8:
        return False
    tx.setCharSpace(extra / (len(text) - 1))
    return True


_LATIN_RUN = re.compile(r"[!-~]+")  # digits, Latin letters and ASCII marks: spaced as one unit


def _spread_pieces(text: str, extra: float) -> list[tuple[str, float]] | None:
    """The line in pieces, each with the spacing after its glyphs: the extra space goes between
    Chinese characters and after a figure, never inside 1141 or 3.2 (which would read as
    "1 1 4 1"). None when the line cannot be spread that way."""
    if " " in text or len(text) < 2 or -1e-8 < extra <= 1e-8:
        return None
    inner = [False] * len(text)  # a glyph followed by another of the same Latin run
    for match in _LATIN_RUN.finditer(text):
        for i in range(match.start(), match.end() - 1):
            inner[i] = True
    gaps = sum(1 for i in range(len(text) - 1) if not inner[i])
    if not gaps:
        return None
    each = extra / gaps
    pieces: list[tuple[str, float]] = []
    for i, char in enumerate(text):
        space = 0.0 if inner[i] or i == len(text) - 1 else each
        if pieces and pieces[-1][1] == space:
            pieces[-1] = (pieces[-1][0] + char, space)
        else:
            pieces.append((char, space))
    return pieces


_original_justify = _rl_paragraph._justifyDrawParaLine
_original_justify_x = _rl_paragraph._justifyDrawParaLineX


def _justify_line(tx: Any, offset: float, extraspace: float, words: Any, last: int = 0) -> Any:
    text = " ".join(words)
    pieces = None if last and extraspace > -1e-8 else _spread_pieces(text, extraspace)
    if pieces is None:
        return _original_justify(tx, offset, extraspace, words, last)
    _rl_paragraph.setXPos(tx, offset)
    for piece, space in pieces:
        tx.setCharSpace(space)
        tx._textOut(piece, 0)
    tx.setCharSpace(0)
    tx._textOut("", 1)  # to the next line, as reportlab's own line drawing ends
    _rl_paragraph.setXPos(tx, -offset)
    return offset


def _justify_line_x(tx: Any, offset: float, line: Any, last: int = 0) -> Any:
    text = "".join(getattr(w, "text", "") for w in line.words)
    extra = line.extraSpace
    if line.lineBreak or (last and extra > -1e-8) or not _spread(tx, text, extra):
        return _original_justify_x(tx, offset, line, last)
    line.extraSpace = 0.0
    try:
        return _original_justify_x(tx, offset, line, last)
    finally:
        line.extraSpace = extra
        tx.setCharSpace(0)


def install() -> None:
    """Put the break chooser and the justification into reportlab (once per process)."""
    if _rl_paragraph.wordSplit is _word_split:
        return
    _rl_paragraph.wordSplit = _word_split
    _rl_paragraph.cjkFragSplit = _cjk_frag_split
    _rl_paragraph._justifyDrawParaLine = _justify_line
    _rl_paragraph._justifyDrawParaLineX = _justify_line_x
