"""The monthly 服务人次 grid of one station: twelve months of a year, saved with the station dialog."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QBrush, QColor, QKeyEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from desktop import dialogs
from models.errors import LedgerError
from models.normalize import normalize_field

BAD = QBrush(QColor("#ffd9d9"))


class UsageGrid(QWidget):
    """A page of RecordDialog: its 保存 (Ctrl+S) saves the grid, its 取消/Esc asks about it."""

    def __init__(self, ctx: Any, station_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.station_id = ctx, station_id
        self.year = QSpinBox()
        self.year.setObjectName("usage_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year)
        self.year.setSuffix(" 年")
        self._shown_year = self.year.value()
        self.year.valueChanged.connect(self._year_changed)
        self.table = QTableWidget(12, 2)
        self.table.setObjectName("usage")
        self.table.setHorizontalHeaderLabels(["服务人次", "备注"])
        self.table.setVerticalHeaderLabels([f"{m}月" for m in range(1, 13)])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 120)
        self.table.itemChanged.connect(self._edited)
        self.table.installEventFilter(self)
        self.total = QLabel()
        self.total.setObjectName("usage_total")
        self.message = QLabel()
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        top = QHBoxLayout()
        top.addWidget(QLabel("年度："))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.total)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        self._loaded: dict[int, tuple[str, str]] = {}
        self.reload()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Enter moves down to the next month (figures are typed month after month)."""
        if (
            watched is self.table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        ):
            row, column = self.table.currentRow(), max(self.table.currentColumn(), 0)
            if row < self.table.rowCount() - 1:
                self.table.setCurrentCell(row + 1, column)
            return True
        return super().eventFilter(watched, event)

    def _year_changed(self, year: int) -> None:
        """Another year: figures typed for the shown one are saved, dropped or kept on request."""
        if self.is_dirty():
            answer = dialogs.ask_three(
                self,
                "尚未保存",
                f"{self._shown_year}年的服务人次改动还没有保存。要先保存吗？",
                ("保存", "不保存", "继续编辑"),
            )
            if answer == 2 or (answer == 0 and not self.save()):
                self.year.blockSignals(True)
                self.year.setValue(self._shown_year)
                self.year.blockSignals(False)
                return
        self._shown_year = year
        self.reload()

    def reload(self) -> None:
        entries = {
            u.month: u for u in self.ctx.ledger.stations.usage(self.station_id, self._shown_year)
        }
        self.table.blockSignals(True)
        self._loaded = {}
        for month in range(1, 13):
            u = entries.get(month)
            visits, remarks = (str(u.visits), u.remarks or "") if u else ("", "")
            self._loaded[month] = (visits, remarks)
            item = QTableWidgetItem(visits)
            item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(month - 1, 0, item)
            self.table.setItem(month - 1, 1, QTableWidgetItem(remarks))
        self.table.blockSignals(False)
        self.message.clear()
        self._update_total()

    def _cell(self, month: int, column: int) -> str:
        item = self.table.item(month - 1, column)
        return item.text().strip() if item else ""

    def _edited(self, item: QTableWidgetItem) -> None:
        if item.column() == 0:
            try:
                normalize_field("usage", "visits", item.text()) if item.text().strip() else None
                item.setBackground(QBrush())
                item.setToolTip("")
            except LedgerError as exc:
                item.setBackground(BAD)
                item.setToolTip(exc.message)
                self.message.setText(f"{item.row() + 1}月：{exc.message}")
        self._update_total()

    def changed_months(self) -> list[int]:
        return [m for m in range(1, 13) if (self._cell(m, 0), self._cell(m, 1)) != self._loaded[m]]

    def is_dirty(self) -> bool:
        return bool(self.changed_months())

    def check(self) -> bool:
        """Every changed month is a valid figure; otherwise the problems are shown, False."""
        problems = []
        for month in self.changed_months():
            text = self._cell(month, 0)
            if not text:
                problems.append(f"{month}月：服务人次不能为空（没有服务请填 0）。")
                continue
            try:
                normalize_field("usage", "visits", text)
            except LedgerError as exc:
                problems.append(f"{month}月：{exc.message}")
        self.message.setText("\n".join(problems))
        return not problems

    def _update_total(self) -> None:
        total = 0
        for month in range(1, 13):
            try:
                total += int(normalize_field("usage", "visits", self._cell(month, 0)) or 0)
            except LedgerError:
                pass
        self.total.setText(f"全年合计：{total:,} 人次")

    def save(self) -> bool:
        """Check every changed month first, so a typo saves nothing rather than half the year."""
        year, months = self._shown_year, self.changed_months()
        if not self.check():
            return False
        try:
            self.ctx.ledger.stations.set_usages(
                self.station_id,
                [
                    {
                        "month": f"{year}-{month:02d}",
                        "visits": self._cell(month, 0),
                        "remarks": self._cell(month, 1),
                    }
                    for month in months
                ],
            )
        except LedgerError as exc:
            self.message.setText(exc.message)
            return False
        except Exception as exc:  # noqa: BLE001
            dialogs.show_error(self, exc)
            return False
        self.ctx.bus.announce("station_usage", (self.station_id,))
        self.reload()
        return True
