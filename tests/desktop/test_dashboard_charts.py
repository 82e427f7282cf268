"""The 工作台 charts on a 1366×768 screen (client area 1366×748): every category label readable,
money in 万元 and counts with thousands separators."""

from __future__ import annotations

from typing import Any

from PySide6.QtCharts import QCategoryAxis
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics

from tests.desktop.helpers import wait_tasks
from tests.models.factories import household_values, id_number

CLIENT = (1366, 748)


def _fill(ledger: Any, year: int) -> None:
    from models import vocab

    ledger.settings.set_org_name("青山县总工会")
    ledger.settings.set_townships(["城关镇"])
    for i, category in enumerate(vocab.ACTIVITY_CATEGORIES):
        ledger.activities.create(
            {"name": f"活动{i}", "category": category, "start_date": f"{year}-03-0{i % 9 + 1}"}
        )
    hid = ledger.households.create(household_values(id_number=id_number())).id
    for month in range(1, 13):
        ledger.households.add_assistance(
            hid,
            {
                "date": f"{year}-{month:02d}-05",
                "category": "送温暖慰问",
                "cash": str(400_000 * month),
                "funding_source": "本级工会经费",
            },
        )


def test_charts_are_legible_on_a_laptop_screen(qtbot: Any, window: Any) -> None:
    import datetime as dt

    year = dt.date.today().year - 1
    _fill(window.ctx.ledger, year)
    window.show_notice("今天的第一次备份已完成。")  # start-up notices take a line above the screens
    window.resize(*CLIENT)
    board = window.show_screen("dashboard")
    wait_tasks(qtbot)
    board.year.setCurrentIndex(board.year.findData(year))
    qtbot.waitUntil(lambda: board.figures is not None and board.figures.year == year)
    qtbot.wait(50)
    chart = board.activity_chart.chart()
    categories = next(a for a in chart.axes(Qt.Orientation.Vertical))
    line = QFontMetrics(categories.labelsFont()).height()
    rows = categories.count()
    # Twice a line of this font per row: room for the label at the larger Chinese fonts of a
    # clerk's Windows (微软雅黑 at 125 %), where fourteen rows turned every label into "…".
    assert rows * line * 2 <= chart.plotArea().height(), (rows, line, chart.plotArea())
    assert any(c.startswith("其他") for c in categories.categories())  # the rest, summed

    aid = board.aid_chart.chart()
    money = next(a for a in aid.axes(Qt.Orientation.Vertical))
    assert isinstance(money, QCategoryAxis)
    assert "万元" in money.titleText()
    labels = money.categoriesLabels()
    assert labels[0] == "0" and all(len(label) <= 6 for label in labels)
    assert float(labels[-1].replace(",", "")) >= 480  # 4,800,000 元 in December
