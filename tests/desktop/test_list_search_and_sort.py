"""The households list as a clerk uses it: typing what the masked list shows finds the file, members
are found by name, names sort by pinyin, and the header's arrow says which way the list runs."""

from __future__ import annotations

from typing import Any

import pytest

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHeaderView

from desktop.screens.households import HouseholdsScreen
from desktop.sort_arrows import ReadableSortArrows
from tests.desktop.helpers import type_text
from tests.models.factories import household_values


@pytest.fixture
def screen(qtbot: Any, seeded: Any) -> HouseholdsScreen:
    widget = HouseholdsScreen(seeded)
    qtbot.addWidget(widget)
    widget.resize(1200, 600)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.shown() == 5)
    return widget


def shown_names(screen: HouseholdsScreen) -> list[str]:
    return [screen.model.row_at(i).name for i in range(screen.model.shown())]


def test_the_digits_a_masked_list_shows_find_the_file(qtbot: Any, screen: HouseholdsScreen) -> None:
    column = next(i for i, c in enumerate(screen.model.columns) if c.key == "id_number")
    masked = screen.model.index(2, column).data()
    name = screen.model.row_at(2).name
    assert "*" in masked  # the list shows the ID masked, its last digits readable
    type_text(qtbot, screen.list.search, masked.split("*")[-1])
    qtbot.waitUntil(lambda: screen.model.shown() == 1)
    assert shown_names(screen) == [name]


def test_a_member_s_name_finds_the_file(qtbot: Any, screen: HouseholdsScreen) -> None:
    hs = screen.ctx.ledger.households
    head = hs.get(screen.model.id_at(0))
    hs.add_member(head.id, {"name": "马晓雯", "relation": "子女"})
    type_text(qtbot, screen.list.search, "晓雯")
    qtbot.waitUntil(lambda: screen.model.shown() == 1)
    assert shown_names(screen) == [head.name]


def arrow_points_up(header: QHeaderView, section: int) -> bool:
    """Whether the sort arrow drawn in the section is ▲ (its widest dark row at the bottom)."""
    image = header.grab().toImage()
    right = header.sectionViewportPosition(section) + header.sectionSize(section)
    widths: dict[int, int] = {}
    for x in range(right - 14, right - 2):  # Fusion draws it in the last dozen pixels
        for y in range(image.height()):
            if image.pixelColor(x, y).lightness() < 100:
                widths[y] = widths.get(y, 0) + 1
    assert len(widths) >= 2, "no sort arrow drawn"
    rows = sorted(widths)
    return widths[rows[-1]] > widths[rows[0]]


def test_names_sort_by_pinyin_under_an_arrow_pointing_the_right_way(
    qtbot: Any, screen: HouseholdsScreen
) -> None:
    header = screen.list.table.horizontalHeader()
    header.setStyle(ReadableSortArrows("Fusion"))  # what desktop.startup gives the whole app
    file_no = next(i for i, c in enumerate(screen.model.columns) if c.key == "file_no")
    assert header.sortIndicatorSection() == file_no
    assert header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder  # as the list is sorted
    assert arrow_points_up(header, file_no)
    name = next(i for i, c in enumerate(screen.model.columns) if c.key == "name")
    header.setSortIndicator(name, Qt.SortOrder.AscendingOrder)
    qtbot.waitUntil(lambda: screen.model.query.sort == "name")
    # By pinyin: 李 lǐ, 王 wáng, 张 zhāng, 赵 zhào (by code point 张 < 李 < 王 < 赵).
    assert shown_names(screen) == ["李秀英", "王福生", "张建国", "张丽", "赵大海"]
    assert arrow_points_up(header, name)
    header.setSortIndicator(name, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: screen.model.query.descending)
    assert shown_names(screen)[0] == "赵大海"
    assert not arrow_points_up(header, name)


def test_key_columns_widen_to_what_they_show(qtbot: Any, seeded: Any) -> None:
    longest = "社会保险待遇落实不到位"  # the longest 致困原因 of the 全总 filing form
    seeded.ledger.households.create(household_values(name="欧阳秀英", main_cause=longest))
    widget = HouseholdsScreen(seeded)
    qtbot.addWidget(widget)
    widget.resize(1366, 700)
    widget.show()
    qtbot.waitUntil(lambda: widget.model.shown() == 6)
    table = widget.list.table
    cause = next(i for i, c in enumerate(widget.model.columns) if c.key == "main_cause")
    needed = table.fontMetrics().horizontalAdvance(longest)
    qtbot.waitUntil(lambda: table.columnWidth(cause) > needed)
