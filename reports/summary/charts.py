"""Two or three reportlab charts with Chinese labels: aid money, activities by category, visits."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.charts.linecharts import HorizontalLineChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable

from models.statistics import YearFigures
from reports.summary.styles import ACCENT

__all__ = ["charts_for", "in_wan"]

BAR = colors.HexColor("#c0504d")
BAR2 = colors.HexColor("#4f81bd")
GRID = colors.HexColor("#dddddd")


def _by_year(labels: Sequence[str], values: Sequence[float]) -> tuple[list[str], list[float]]:
    """Monthly values folded into years ("2021-03" → "2021年") for a period of several years."""
    totals: dict[str, float] = {}
    for label, value in zip(labels, values, strict=True):
        year = f"{label[:4]}年"
        totals[year] = totals.get(year, 0.0) + value
    return list(totals), list(totals.values())


def _month_labels(labels: Sequence[str]) -> list[str]:
    return [f"{int(m[5:7])}月" for m in labels]


def _label_format(pattern: str) -> Callable[[float], str]:
    return lambda value: (pattern % value) if value else ""


def _frame(width: float, height: float, title: str, font: str) -> Drawing:
    drawing = Drawing(width, height)
    drawing.initialFontName = font  # the renderer's starting font: ours, never Helvetica
    drawing.add(
        String(
            width / 2,
            height - 14,
            title,
            fontName=font,
            fontSize=10.5,
            textAnchor="middle",
            fillColor=ACCENT,
        )
    )
    return drawing


def in_wan(values: Sequence[float], unit: str) -> tuple[list[float], str]:
    """Counts of ten thousand and more read as 万 on an axis, as the text writes them: 20.3
    万人次, not 203000 人次. Money is already in 万元."""
    if unit.startswith("万") or max(values, default=0) < 10_000:
        return list(values), unit
    return [v / 10_000 for v in values], f"万{unit}"


def _number_format(values: Sequence[float]) -> str:
    return "%.1f" if max(values, default=0) < 100 else "%d"


def _column_chart(
    width: float,
    title: str,
    unit: str,
    labels: list[str],
    values: list[float],
    font: str,
    colour: colors.Color,
) -> Drawing:
    values, unit = in_wan(values, unit)
    height = 190.0
    drawing = _frame(width, height, title, font)
    chart = VerticalBarChart()
    chart.x, chart.y = 46, 28
    chart.width, chart.height = width - 60, height - 62
    chart.data = [values]
    chart.bars[0].fillColor = colour
    chart.bars[0].strokeColor = None
    _style_axes(chart, labels, font, category_size=7.5)
    # Zero bars get no "0.0" label: an empty month is read from the missing bar.
    chart.barLabelFormat = _label_format(_number_format(values))
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 6.5
    chart.barLabels.nudge = 6
    drawing.add(chart)
    drawing.add(String(8, height - 30, f"单位：{unit}", fontName=font, fontSize=7.5))
    return drawing


def _style_axes(chart: Any, labels: list[str], font: str, *, category_size: float) -> None:
    """Chinese category labels and a zero-based, gridded value axis: the look all charts share."""
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = font
    chart.categoryAxis.labels.fontSize = category_size
    chart.valueAxis.labels.fontName = font
    chart.valueAxis.labels.fontSize = 7.5
    chart.valueAxis.labelTextFormat = _number_format(chart.data[0])
    chart.valueAxis.valueMin = 0
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = GRID


CATEGORY_SIZE = 8.0


def _bar_chart(
    width: float, title: str, labels: list[str], values: list[float], font: str
) -> Drawing:
    row = 16.0
    height = 56 + row * len(labels)
    drawing = _frame(width, height, title, font)
    chart = HorizontalBarChart()
    # The bars start where the longest category name ends: every name is printed whole.
    widest = max(stringWidth(label, font, CATEGORY_SIZE) for label in labels)
    chart.x, chart.y = 8 + widest + 8, 20
    chart.width, chart.height = width - chart.x - 40, row * len(labels)
    chart.data = [values]
    chart.bars[0].fillColor = BAR2
    chart.bars[0].strokeColor = None
    chart.categoryAxis.reverseDirection = True
    _style_axes(chart, labels, font, category_size=CATEGORY_SIZE)
    chart.barLabelFormat = _label_format("%d")
    chart.barLabels.fontName = font
    chart.barLabels.fontSize = 7
    chart.barLabels.boxAnchor = "w"
    chart.barLabels.dx = 4
    drawing.add(chart)
    return drawing


def _line_chart(
    width: float, title: str, unit: str, labels: list[str], values: list[float], font: str
) -> Drawing:
    values, unit = in_wan(values, unit)
    height = 180.0
    drawing = _frame(width, height, title, font)
    chart = HorizontalLineChart()
    chart.x, chart.y = 46, 28
    chart.width, chart.height = width - 60, height - 62
    chart.data = [values]
    chart.lines[0].strokeColor = ACCENT
    chart.lines[0].strokeWidth = 1.6
    chart.joinedLines = 1
    _style_axes(chart, labels, font, category_size=7.5)
    drawing.add(chart)
    drawing.add(String(8, height - 30, f"单位：{unit}", fontName=font, fontSize=7.5))
    return drawing


def charts_for(figures: YearFigures, width: float, font: str) -> list[Drawing]:
    """The charts the period has data for (zero charts are left out like zero themes)."""
    current = figures.current
    multi = not current.period.is_single_year
    out: list[Drawing] = []

    months = [line.name for line in current.assistance.by_month]
    money = [float(line.total / Decimal(10_000)) for line in current.assistance.by_month]
    if any(money):
        labels, values = _by_year(months, money) if multi else (_month_labels(months), money)
        title = "各年度帮扶资金物资" if multi else "各月帮扶资金物资"
        out.append(_column_chart(width, title, "万元", labels, values, font, BAR))

    categories = [(line.name, line.count) for line in current.activities.by_category if line.count]
    if categories:
        out.append(
            _bar_chart(
                width,
                "各类活动场次",
                [c[0] for c in categories],
                [float(c[1]) for c in categories],
                font,
            )
        )

    visit_months = [m.month for m in current.rest_stops.by_month]
    visits = [float(m.visits) for m in current.rest_stops.by_month]
    if any(visits):
        if multi:
            labels, values = _by_year(visit_months, visits)
            out.append(
                _column_chart(
                    width, "户外劳动者驿站各年度服务人次", "人次", labels, values, font, BAR2
                )
            )
        else:
            out.append(
                _line_chart(
                    width,
                    "户外劳动者驿站各月服务人次",
                    "人次",
                    _month_labels(visit_months),
                    visits,
                    font,
                )
            )
    return out


MIN_CHART_SCALE = 0.75  # a chart is printed down to this share of its size to stay on the page


class FittedChart(Flowable):
    """A chart that, where the page has not room for it, is printed smaller (down to
    MIN_CHART_SCALE) rather than leaving the foot of the page blank for the next page."""

    def __init__(self, drawing: Drawing) -> None:
        super().__init__()
        self.drawing = drawing
        self.scale = 1.0
        self.hAlign = getattr(drawing, "hAlign", "CENTER")

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        height = self.drawing.height
        fits = height <= availHeight or availHeight < height * MIN_CHART_SCALE
        self.scale = 1.0 if fits else availHeight / height
        return self.drawing.width * self.scale, height * self.scale

    def draw(self) -> None:
        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        self.drawing.drawOn(self.canv, 0, 0)
        self.canv.restoreState()
