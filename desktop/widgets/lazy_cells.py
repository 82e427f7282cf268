"""Cell widgets made as their rows scroll into view: a table of thousands of drop-downs (the
import's value-mapping page, 设置's 本单位对应表) would otherwise take seconds to show."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QTableWidget, QWidget

AHEAD = 40  # rows made beyond the last one in view (and at first, before the table is laid out)


class LazyCellWidgets:
    """The widgets of one column of `table`, `make(row)` called the first time a row is seen."""

    def __init__(self, table: QTableWidget, column: int, make: Callable[[int], QWidget]) -> None:
        self.table, self.column, self.make = table, column, make
        self.made: dict[int, QWidget] = {}
        table.verticalScrollBar().valueChanged.connect(self.scrolled)

    def reset(self) -> None:
        """After the table's rows were replaced: make the first screenful again."""
        self.made.clear()
        self.materialise(0, AHEAD)

    def materialise(self, first: int, last: int) -> None:
        for row in range(max(first, 0), min(last, self.table.rowCount())):
            if row not in self.made:
                widget = self.make(row)
                self.table.setCellWidget(row, self.column, widget)
                self.made[row] = widget

    def scrolled(self) -> None:
        top = self.table.rowAt(0)
        if top < 0:
            return
        bottom = self.table.rowAt(self.table.viewport().height() - 1)
        self.materialise(top, (bottom if bottom >= 0 else self.table.rowCount()) + AHEAD)

    def widget(self, row: int) -> QWidget:
        """The row's widget, made now if it has not scrolled into view yet."""
        self.materialise(row, row + 1)
        return self.made[row]
