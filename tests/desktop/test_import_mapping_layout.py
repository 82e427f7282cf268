"""The import wizard's column page on a maximised 1366×768 window shows a wide roster's columns."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableWidget

from desktop.screens.import_export import ImportExportScreen

# A township roster's headings as sent (二十列).
HEADINGS = [
    "档案编号", "姓名", "性别", "民族", "身份证号码", "出生日期", "政治面貌", "健康状况",
    "工作单位", "单位性质", "联系电话", "家庭住址", "所属乡镇", "困难类别", "致困原因",
    "家庭人口", "家庭年收入", "开户银行", "银行卡号", "建档日期",
]  # fmt: skip


def wide_roster(path: Path) -> None:
    book = Workbook()
    ws = book.active
    ws.title = "困难职工"
    ws.append(HEADINGS)
    ws.append(
        ["KN2024001", "刘建国", "男", "汉族", "430124197805061234", "1978-05-06", "群众",
         "患病", "青山县城关镇环卫所", "事业单位", "13974561234", "城关镇人民路12号", "城关镇",
         "深度困难", "患重特大疾病", "3", "24000", "农村信用社", "6217001234567890", "2024-03-01"]
    )  # fmt: skip
    book.save(path)


def test_the_column_page_shows_most_columns_of_a_wide_roster(
    qtbot: Any, ctx: Any, tmp_path: Path
) -> None:
    screen = ImportExportScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    source = tmp_path / "城关镇困难职工花名册.xlsx"
    wide_roster(source)
    wizard = screen.start_import("households")
    wizard.resize(1366, 748)  # maximised on a 1366×768 screen, below the title bar
    wizard.file_page.path.setText(str(source))
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    qtbot.waitExposed(wizard)
    mapping = wizard.findChild(QTableWidget, "mapping_困难职工")
    view = mapping.viewport().rect()
    shown = [
        r for r in range(mapping.rowCount())
        if view.contains(mapping.visualRect(mapping.model().index(r, 1)))
    ]  # fmt: skip
    assert len(shown) >= 16, f"只看得到 {len(shown)} 列"
    assert mapping.textElideMode() == Qt.TextElideMode.ElideNone
    for c in range(3):  # 列, 表头, 导入为 wide enough for what they hold
        assert mapping.columnWidth(c) >= mapping.sizeHintForColumn(c)
    wizard.done(0)
