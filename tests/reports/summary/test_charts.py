"""The appendix charts: counts of ten thousand and more on a 万 axis, every category name whole."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from reportlab.graphics import renderPDF
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from reports.pdf_fonts import report_fonts
from reports.summary.charts import _bar_chart, _line_chart
from reports.summary.pages import ArticlePage

# Names as county offices keep them; the longest is longer than the old fixed label column.
CATEGORIES = [
    "送温暖",
    "劳动和技能竞赛",
    "困难职工帮扶（送温暖、金秋助学）",
    "春送岗位/就业服务",
    "劳动保护（安康杯）",
]
# A county's outdoor rest stops served about 200,000 people a month (the demo's 2025 figures).
VISITS = [175_000.0, 134_800, 129_600, 142_300, 159_617, 202_020, 220_174, 222_222, 171_625]


def _drawn(
    monkeypatch: pytest.MonkeyPatch, drawing: Any, tmp_path: Path
) -> list[tuple[str, float]]:
    """Every string the chart draws and its left edge on the page."""
    strings: list[tuple[str, float]] = []
    for method in ("drawString", "drawRightString", "drawCentredString"):
        original = getattr(Canvas, method)

        def spy(self: Canvas, x: float, y: float, text: str, *a: Any, _o=original, _m=method,
                **k: Any) -> Any:  # fmt: skip
            width = stringWidth(text, self._fontname, self._fontsize)
            left = {"drawString": x, "drawRightString": x - width}.get(_m, x - width / 2)
            a_, _b, _c, _d, e, _f = self._currentMatrix
            strings.append((text, a_ * left + e))
            return _o(self, x, y, text, *a, **k)

        monkeypatch.setattr(Canvas, method, spy)
    canvas = Canvas(str(tmp_path / "chart.pdf"))
    renderPDF.draw(drawing, canvas, 0, 0)
    canvas.save()
    return strings


def test_category_names_are_printed_whole_inside_the_chart(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    font = report_fonts("bundled").song.name
    drawing = _bar_chart(
        ArticlePage.text_width, "各类活动场次", CATEGORIES, [136, 74, 155, 87, 50], font
    )
    drawn = _drawn(monkeypatch, drawing, tmp_path)
    texts = {text: left for text, left in drawn}
    for name in CATEGORIES:
        assert name in texts, name  # whole, not cut or wrapped
        assert texts[name] >= 0, name  # and not off the drawing's left edge


def test_counts_of_ten_thousand_and_more_read_in_wan(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    font = report_fonts("bundled").song.name
    months = [f"{m}月" for m in range(1, len(VISITS) + 1)]
    drawing = _line_chart(ArticlePage.text_width, "驿站各月服务人次", "人次", months, VISITS, font)
    drawn = [text for text, _left in _drawn(monkeypatch, drawing, tmp_path)]
    assert "单位：万人次" in drawn
    ticks = [t for t in drawn if t.replace(".", "").isdigit()]
    assert ticks and max(float(t) for t in ticks) <= 25  # 0, 5, 10 … 万, not 200000
    assert not [t for t in drawn if t.isdigit() and int(t) >= 10_000]


def test_a_chart_shrinks_to_the_room_left_rather_than_leaving_it_blank() -> None:
    from reportlab.graphics.shapes import Drawing

    from reports.summary.charts import MIN_CHART_SCALE, FittedChart

    chart = FittedChart(Drawing(400, 200))
    assert chart.wrap(450, 500) == (400, 200)  # room enough: as drawn
    assert chart.wrap(450, 170) == (340, 170)  # 85 %: printed smaller, on this page
    low = 200 * MIN_CHART_SCALE - 1
    assert chart.wrap(450, low) == (400, 200)  # too small a share: the next page, full size
