"""The import wizard's column page on a real township sheet: a column turned into an item another
column already gives (one wheel notch too many) is refused, naming both; a required item no column
gives is named before anything is read, and the clerk may go back to it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from desktop.screens.import_export import ImportExportScreen

ROSTER = (
    Path(__file__).resolve().parents[1]
    / "data"
    / "real_sheets"
    / "01_城关镇_2024年困难职工花名册.xlsx"
)


@pytest.fixture
def wizard(qtbot: Any, ctx: Any) -> Any:
    screen = ImportExportScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    found = screen.start_import("households")
    found.file_page.path.setText(str(ROSTER))
    found.next()
    found.next()
    assert found.currentPage() is found.mapping_page
    yield found
    found.done(0)


def combo_of(wizard: Any, heading: str) -> Any:
    (sheet,) = wizard.previews
    column = next(c for c in sheet.columns if c.heading == heading)
    return wizard.mapping_page.combos[(sheet.name, column.index)]


def test_two_columns_chosen_for_one_item_are_refused(qtbot: Any, wizard: Any, answers: Any) -> None:
    employer = combo_of(wizard, "工作单位")
    employer.setCurrentIndex(employer.findText("户主姓名"))  # what one wheel notch did
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    assert wizard.mapping_page.task is None  # nothing read, nothing imported
    warned = answers.texts()
    assert "“姓名”和“工作单位”" in warned and "户主姓名" in warned and "不导入" in warned
    assert wizard.ctx.ledger.households.count() == 0


def test_a_required_item_without_a_column_is_named_first(
    qtbot: Any, wizard: Any, answers: Any
) -> None:
    township = combo_of(wizard, "所在乡镇")
    township.setCurrentIndex(0)  # （不导入）
    answers.ask = [False]  # 否: back to the page
    wizard.next()
    assert "所属乡镇" in answers.texts() and "必填" in answers.texts()
    assert wizard.currentPage() is wizard.mapping_page and wizard.mapping_page.task is None
    answers.ask = [True]  # 是: read on; those rows are refused in the check
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage() is not wizard.mapping_page, timeout=20000)


def test_every_reason_of_a_refused_row_can_be_read_whole(
    qtbot: Any, wizard: Any, answers: Any
) -> None:
    wizard.resize(1366, 740)
    wizard.next()  # reads every row, then the value page or the check
    qtbot.waitUntil(lambda: wizard.currentPage() is not wizard.mapping_page, timeout=20000)
    if wizard.currentPage() is wizard.values_page:
        wizard.next()
    qtbot.waitUntil(lambda: wizard.check_page.done, timeout=20000)
    table = wizard.check_page.rejected
    reason = table.columnCount() - 1
    metrics = table.fontMetrics()
    rows = range(table.rowCount())
    longest = max(rows, key=lambda r: metrics.horizontalAdvance(table.item(r, reason).text()))
    text = table.item(longest, reason).text()
    # The 4.1e+16 row's reason (Excel rounded the ID) runs past the column: it wraps, whole.
    assert metrics.horizontalAdvance(text) > table.columnWidth(reason)
    lines = -(-metrics.horizontalAdvance(text) // (table.columnWidth(reason) - 12))
    assert table.rowHeight(longest) >= lines * metrics.lineSpacing()
    assert table.item(longest, reason).toolTip() == text
