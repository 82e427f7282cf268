"""工作台: the year's key figures with the change from last year, and charts; figures open lists."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from typing import Any

from PySide6.QtCharts import (
    QBarCategoryAxis,
    QBarSeries,
    QBarSet,
    QCategoryAxis,
    QChart,
    QChartView,
    QHorizontalBarSeries,
)
from PySide6.QtCore import QMargins, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs
from desktop.context import AppContext
from desktop.events import Changed
from desktop.tasks import run_task
from models.validation import format_yuan

ACCENT = QColor("#b7312c")  # union red
# Rows of the 活动场次按类别 chart: the largest categories and one row for the rest, so each label
# keeps room for a line of text when the window is a maximised 1366×768 one.
CATEGORY_ROWS = 8
WAN = 10_000


def _number(value: int | Decimal, money: bool) -> str:
    if money:
        amount = Decimal(value)
        return (
            f"{format_yuan(amount / 10000)} 万元"
            if abs(amount) >= 100000
            else f"{format_yuan(amount)} 元"
        )
    return f"{int(value):,}"


def change_text(compared: Any, money: bool = False) -> str:
    """“比上年 +12（+8.5%）” in plain words for a tile."""
    change = compared.change
    if not compared.previous and not compared.value:
        return "上年和本年均无数据"
    if not compared.previous:
        return "上年无数据"
    if change == 0:
        return "与上年持平"
    sign = "增加" if change > 0 else "减少"
    amount = _number(abs(change), money)
    percent = compared.percent
    return f"比上年{sign} {amount}" + (f"（{abs(percent)}%）" if percent is not None else "")


class Tile(QFrame):
    """One key figure; clicking it opens the matching filtered list."""

    clicked = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tile")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.title = QLabel(title)
        self.title.setProperty("role", "hint")
        self.value = QLabel("…")
        self.value.setObjectName("tile_value")
        self.value.setProperty("role", "figure")
        self.change = QLabel()
        self.change.setProperty("role", "hint")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self.title)
        layout.addWidget(self.value)
        layout.addWidget(self.change)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.button() == Qt.MouseButton.LeftButton:
            self.clicked.emit()
        super().mouseReleaseEvent(event)


# (attribute of DashboardFigures, title, money?, screen to open); a click opens the screen filtered
# to the records the figure counts (models.statistics.selections, the figure's own definition).
TILES: tuple[tuple[str, str, bool, str], ...] = (
    ("on_file", "在档困难职工（户）", False, "households"),
    ("lifted", "本年脱困（户）", False, "households"),
    ("assistance_money", "帮扶资金（现金＋实物）", True, "households"),
    ("assistance_households", "帮扶户数", False, "households"),
    ("rest_stops", "户外劳动者驿站（个）", False, "reststops"),
    ("rest_stop_visits", "驿站服务人次", False, "reststops"),
    ("activities", "开展活动（场）", False, "activities"),
    ("activity_reach", "活动覆盖人次", False, "activities"),
)


# The 待办 row: each count opens its list on the 待办核查 screen (models.reviews).
TODO: tuple[tuple[str, str], ...] = (
    ("not_reviewed_12m", "满12个月未核查"), ("never_assisted", "从未帮扶"),
    ("not_assisted_this_year", "今年未帮扶"), ("income_above_threshold", "收入超标准"),
    ("member_changes", "成员年龄变化"), ("follow_up_due", "回访到期"),
    ("possible_duplicates", "疑似重复"), ("cross_checks", "交叉核对"),
)  # fmt: skip


class DashboardScreen(QWidget):
    title = "工作台"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.figures: Any = None
        self._stale = True
        self._task: Any = None
        self._todo_task: Any = None
        self._fell_back = False
        self.year = QComboBox()
        self.year.setObjectName("dashboard_year")
        this_year = dt.date.today().year
        for y in range(this_year, this_year - 10, -1):
            self.year.addItem(f"{y}年", y)
        self.year.currentIndexChanged.connect(self.reload)
        self.state = QLabel()
        self.state.setProperty("role", "hint")
        heading = QLabel("工作台")
        heading.setProperty("role", "title")
        top = QHBoxLayout()
        top.addWidget(heading)
        top.addSpacing(16)
        top.addWidget(self.year)
        top.addWidget(self.state, 1)

        self.tiles: dict[str, Tile] = {}
        grid = QGridLayout()
        grid.setSpacing(10)
        for i, (key, title, _money, screen) in enumerate(TILES):
            tile = Tile(title)
            tile.clicked.connect(
                lambda s=screen, k=key: self.ctx.bus.show_list.emit(
                    s, {"figure": (k, self.year.currentData())}
                )
            )
            self.tiles[key] = tile
            grid.addWidget(tile, i // 4, i % 4)

        todo = QHBoxLayout()
        todo.setSpacing(6)
        todo_title = QLabel("待办：")
        todo_title.setProperty("role", "hint")
        todo.addWidget(todo_title)
        self.todo: dict[str, QPushButton] = {}
        for key, label in TODO:
            button = QPushButton(f"{label} …")
            button.setObjectName(f"todo_{key}")
            button.setFlat(True)
            button.setCursor(Qt.CursorShape.PointingHandCursor)
            button.setToolTip("打开“待办核查”中的这张清单")
            button.clicked.connect(
                lambda _=False, k=key: self.ctx.bus.show_list.emit("reviews", {"list": k})
            )
            self.todo[key] = button
            todo.addWidget(button)
        todo.addStretch(1)

        self.aid_chart = self._chart_view("帮扶资金按月（横轴为月份）")
        self.activity_chart = self._chart_view("活动场次按类别")
        charts = QHBoxLayout()
        charts.addWidget(self.aid_chart, 1)
        charts.addWidget(self.activity_chart, 1)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addLayout(top)
        layout.addLayout(grid)
        layout.addLayout(todo)
        layout.addLayout(charts, 1)
        ctx.bus.changed.connect(self._on_changed)

    def _chart_view(self, title: str) -> QChartView:
        chart = QChart()
        chart.setTitle(title)
        chart.legend().hide()
        chart.setMargins(QMargins(4, 4, 4, 4))
        chart.setAnimationOptions(QChart.AnimationOption.NoAnimation)
        view = QChartView(chart)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(220)
        return view

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        if self._stale:
            self.reload()
        super().showEvent(event)

    def _on_changed(self, change: Changed) -> None:
        self._stale = True
        if self.isVisible():
            self.reload()

    def reload(self) -> None:
        """Figures are aggregated off the GUI thread; the tiles fill in when they arrive."""
        self._stale = False
        year = self.year.currentData()
        ledger = self.ctx.ledger
        self.state.setText("正在统计…")

        def work(control: Any) -> Any:
            from models.statistics import dashboard_figures

            return dashboard_figures(ledger, year)

        self._task = run_task(
            work,
            owner=self,
            quiet=True,
            on_success=lambda figures: self.show_figures(figures, year),
            on_error=self._failed,
        )
        reviews = ledger.reviews
        self._todo_task = run_task(
            lambda control: reviews.lists(),
            owner=self,
            quiet=True,
            on_success=self.show_todo,
        )

    def show_todo(self, result: Any) -> None:
        for key, label in TODO:
            self.todo[key].setText(f"{label} {result.count(key):,}")

    def _failed(self, exc: BaseException) -> None:
        self.state.setText("统计未完成：" + dialogs.describe(exc))

    def show_figures(self, figures: Any, year: int) -> None:
        if year != self.year.currentData():
            return  # an older request finishing late
        self.figures = figures
        nothing_this_year = figures.empty or not (
            figures.activities.value
            or figures.assistance_money.value
            or figures.lifted.value
            or figures.on_file.change
            or figures.rest_stop_visits.value
        )
        if nothing_this_year and self.year.currentIndex() == 0 and not self._fell_back:
            self._fell_back = True  # early in a year: show last year rather than empty tiles
            self.year.setCurrentIndex(1)
            return
        for key, _title, money, _screen in TILES:
            compared = getattr(figures, key)
            tile = self.tiles[key]
            tile.value.setText(_number(compared.value, money))
            tile.change.setText(change_text(compared, money))
        self.state.setText(
            f"{year}年数据（与{year - 1}年比较）。点击数字打开对应的列表。"
            + ("　本年还没有数据：可以在“导入导出”中导入 Excel 台账。" if figures.empty else "")
        )
        self._bar_chart(
            self.aid_chart.chart(),
            [m.name[-2:].lstrip("0") for m in figures.assistance_by_month],
            [float(m.total) for m in figures.assistance_by_month],
            horizontal=False,
            unit="元",
        )
        labels, counts = category_rows([(c.name, c.count) for c in figures.activities_by_category])
        self._bar_chart(self.activity_chart.chart(), labels, counts, horizontal=True, unit="场")

    @staticmethod
    def _bar_chart(
        chart: QChart, labels: list[str], values: list[float], *, horizontal: bool, unit: str
    ) -> None:
        chart.removeAllSeries()
        for axis in chart.axes():
            chart.removeAxis(axis)
        scale = WAN if max(values, default=0) >= WAN else 1
        bars = QBarSet("")
        bars.setColor(ACCENT)
        bars.append([value / scale for value in values])
        series = QHorizontalBarSeries() if horizontal else QBarSeries()
        series.append(bars)
        series.setLabelsVisible(horizontal)
        chart.addSeries(series)
        categories = QBarCategoryAxis()
        categories.append(labels)
        numbers = value_axis(max(values, default=0) / scale, ("万" if scale > 1 else "") + unit)
        if horizontal:
            chart.addAxis(categories, Qt.AlignmentFlag.AlignLeft)
            chart.addAxis(numbers, Qt.AlignmentFlag.AlignBottom)
        else:
            chart.addAxis(categories, Qt.AlignmentFlag.AlignBottom)
            chart.addAxis(numbers, Qt.AlignmentFlag.AlignLeft)
        series.attachAxis(categories)
        series.attachAxis(numbers)


def category_rows(lines: list[tuple[str, int]]) -> tuple[list[str], list[int]]:
    """The largest categories (at most CATEGORY_ROWS rows, the rest summed as 其他), bottom row
    first as a horizontal bar chart draws them, so the largest is on top."""
    held = sorted((line for line in lines if line[1]), key=lambda line: line[1], reverse=True)
    if len(held) > CATEGORY_ROWS:
        rest = held[CATEGORY_ROWS - 1 :]
        held = [*held[: CATEGORY_ROWS - 1], (f"其他（{len(rest)}类）", sum(c for _, c in rest))]
    rows = held or lines[:6]
    return [name for name, _ in reversed(rows)], [count for _, count in reversed(rows)]


def nice_step(top: float, ticks: int = 5) -> float:
    """A round step (1, 2, 2.5 or 5 × 10ⁿ) dividing 0…top into about `ticks` parts."""
    raw = max(top, 1) / ticks
    magnitude = 10 ** math.floor(math.log10(raw))
    return next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)


def value_axis(top: float, unit: str) -> QCategoryAxis:
    """A value axis labelled at round values with thousands separators (QValueAxis prints
    4000000), titled with its unit."""
    step = nice_step(top * 1.1)
    axis = QCategoryAxis()
    axis.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
    decimals = 0 if step >= 1 else 1
    value, last = 0.0, max(top * 1.1, step)
    while True:
        axis.append(f"{value:,.{decimals}f}", value)
        if value >= last:
            break
        value += step
    axis.setRange(0, value)
    axis.setTitleText(unit)
    return axis
