"""Chinese line breaking (禁则) at the real measure of both layouts, and justified 公文 lines."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Frame, Paragraph

from reports.pdf_fonts import report_fonts
from reports.summary.pages import ArticlePage, OfficialPage
from reports.summary.styles import Styles, article_styles, official_styles

# Marks as GB/T 15834 names them, written out here rather than taken from the code under test.
OPENING = "（《“‘【"
CLOSING = "，。、；：！？）》”’】"
# Figures with their units as the summaries print them; each must stay on one line.
FIGURES = (
    "52件", "3.2万元", "15%", "4900余户", "40.3万人次", "2,116户", "2025年", "1573户",
    "2025-02-07", "12351",
)  # fmt: skip
FILLER = "县总工会坚持把维护职工合法权益作为工作的出发点和落脚点全面推进各项工作落地见效"


def _lines(text: str, style: object, width: float) -> list[str]:
    paragraph = Paragraph(text, style)
    paragraph.wrap(width, 10_000)
    lines = paragraph.blPara.lines
    if paragraph.blPara.kind == 0:
        return ["".join(words) for _extra, words in lines]
    return ["".join(w.text for w in line.words) for line in lines]


def _cases() -> list[str]:
    """Each hazard shifted through every position of a line, so one of them meets the line end."""
    hazards = [
        "全年受理案件52件，挽回损失3.2万元，同比增长15%。",
        "帮扶4900余户、服务40.3万人次，在档2,116户，1573户脱困。",
        "开展“金秋助学”活动，编印《职工维权手册》（第二版）。",
        "表彰“最美驿站”【示范点】，他说：“好！”大家都笑了。",
        "2025年新建驿站12个。",
        "活动“职工诵读会”（2025-02-07），热线12351全天接听。",
    ]
    return [FILLER[:shift] + hazard for hazard in hazards for shift in range(0, 30)]


def _styles() -> list[tuple[str, Styles, float]]:
    fonts = report_fonts("bundled")
    return [
        ("official", official_styles(fonts), OfficialPage.text_width),
        ("article", article_styles(fonts), ArticlePage.text_width),
    ]


@pytest.mark.parametrize("kind", ["official", "article"])
def test_no_mark_on_the_wrong_side_of_a_break_and_figures_whole(kind: str) -> None:
    _name, styles, width = next(s for s in _styles() if s[0] == kind)
    for text in _cases():
        lines = _lines(text, styles.body, width)
        assert "".join(lines) == text  # nothing lost or added
        for before, after in zip(lines, lines[1:], strict=False):
            assert before[-1] not in OPENING, (text, before, after)
            assert after[0] not in CLOSING, (text, before, after)
            # A break inside any figure-with-unit shows as a figure split across the two lines.
            joined = before[-6:] + "|" + after[:6]
            for figure in FIGURES:
                for cut in range(1, len(figure)):
                    assert figure[:cut] + "|" + figure[cut:] not in joined, (text, joined)
            assert "—|—" not in joined and "…|…" not in joined


@pytest.mark.parametrize("kind", ["official", "article"])
def test_the_last_line_never_holds_a_lone_character(kind: str) -> None:
    _name, styles, width = next(s for s in _styles() if s[0] == kind)
    seen_two_lines = 0
    for length in range(20, 120):
        text = (FILLER * 4)[:length] + "。"
        lines = _lines(text, styles.body, width)
        if len(lines) > 1:
            seen_two_lines += 1
            last = re.sub(r"[，。、；：！？）》”’】]", "", lines[-1])
            assert len(last) >= 2, (length, lines)
    assert seen_two_lines > 50  # the lengths did run across line ends


needs_poppler = pytest.mark.skipif(shutil.which("pdftotext") is None, reason="需要 pdftotext")


@needs_poppler
def test_official_body_lines_fill_the_28_character_measure(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Drawn and read back: every line but a paragraph's last ends at the text block's right edge
    (justified), however the 禁则 moved its break."""
    styles = official_styles(report_fonts("bundled"))
    spaced_figures, spreads = _spy_spacing(monkeypatch)
    out = tmp_path / "p.pdf"
    canvas = Canvas(str(out), pagesize=A4)
    frame = Frame(
        OfficialPage.left,
        OfficialPage.bottom,
        OfficialPage.text_width,
        OfficialPage.text_height,
        leftPadding=0,
        rightPadding=0,
        topPadding=0,
        bottomPadding=0,
    )
    texts = _cases()[::7]
    left = [Paragraph(t, styles.body) for t in texts]
    frame.addFromList(left, canvas)  # draws what fits on the page, leaves the rest
    texts = texts[: len(texts) - len(left)]
    canvas.save()
    layout = subprocess.run(
        ["pdftotext", "-bbox-layout", "-f", "1", "-l", "1", str(out), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    right_edge = OfficialPage.left + OfficialPage.text_width
    ends = [
        float(x) for x in re.findall(r'<line xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)"', layout)
    ]
    per_paragraph = [len(_lines(t, styles.body, OfficialPage.text_width)) for t in texts]
    assert len(ends) == sum(per_paragraph)  # every line read back, in order
    checked = 0
    for count in per_paragraph:
        lines, ends = ends[:count], ends[count:]
        for x_max in lines[:-1]:
            assert x_max == pytest.approx(right_edge, abs=1.0)
            checked += 1
        assert lines[-1] < right_edge - 5 or count == 1
    assert checked >= 10
    # The space goes between characters, never inside a figure: 1141 is not printed "1 1 4 1".
    assert spaced_figures == [] and spreads[0] >= 5


def _spy_spacing(monkeypatch: pytest.MonkeyPatch) -> tuple[list[str], list[int]]:
    """Text drawn while a character spacing is set that would pull a figure's digits apart."""
    from reportlab.pdfgen.textobject import PDFTextObject

    bad: list[str] = []
    spread = [0]
    set_space, text_out = PDFTextObject.setCharSpace, PDFTextObject._textOut

    def spacing(self: PDFTextObject, value: float) -> None:
        self._spacing = value
        set_space(self, value)

    def out(self: PDFTextObject, text: str, TStar: int = 0) -> None:  # noqa: N803
        if abs(getattr(self, "_spacing", 0)) > 1e-6:  # spread out or squeezed in
            spread[0] += 1
            if re.search(r"[0-9A-Za-z][0-9A-Za-z.,%-]", text):
                bad.append(text)
        text_out(self, text, TStar)

    monkeypatch.setattr(PDFTextObject, "setCharSpace", spacing)
    monkeypatch.setattr(PDFTextObject, "_textOut", out)
    return bad, spread
