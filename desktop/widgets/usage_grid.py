"""The monthly 服务人次 grid of one station: twelve months of a year, typed in and saved together."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
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
    def __init__(self, ctx: Any, station_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx, self.station_id = ctx, station_id
        self.year = QSpinBox()
        self.year.setObjectName("usage_year")
        self.year.setRange(2000, 2100)
        self.year.setValue(dt.date.today().year)
        self.year.setSuffix(" 年")
        self.year.valueChanged.connect(self.reload)
        self.table = QTableWidget(12, 2)
        self.table.setObjectName("usage")
        self.table.setHorizontalHeaderLabels(["服务人次", "备注"])
        self.table.setVerticalHeaderLabels([f"{m}月" for m in range(1, 13)])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setColumnWidth(0, 120)
        self.table.itemChanged.connect(self._edited)
        self.total = QLabel()
        self.total.setObjectName("usage_total")
        self.message = QLabel()
        self.message.setProperty("role", "error")
        self.message.setWordWrap(True)
        self.save_button = QPushButton("保存本年服务人次")
        self.save_button.setObjectName("save_usage")
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(self.save)
        top = QHBoxLayout()
        top.addWidget(QLabel("年度："))
        top.addWidget(self.year)
        top.addStretch(1)
        top.addWidget(self.total)
        bottom = QHBoxLayout()
        bottom.addWidget(self.message, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        self._loaded: dict[int, tuple[str, str]] = {}
        self.reload()

    def reload(self) -> None:
        entries = {
            u.month: u for u in self.ctx.ledger.stations.usage(self.station_id, self.year.value())
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
        self.save_button.setEnabled(False)
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
        self.save_button.setEnabled(self.changed_months() != [])
        self._update_total()

    def changed_months(self) -> list[int]:
        return [m for m in range(1, 13) if (self._cell(m, 0), self._cell(m, 1)) != self._loaded[m]]

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
        year, months = self.year.value(), self.changed_months()
        problems = []
        for month in months:
            text = self._cell(month, 0)
            if not text:
                problems.append(f"{month}月：服务人次不能为空（没有服务请填 0）。")
                continue
            try:
                normalize_field("usage", "visits", text)
            except LedgerError as exc:
                problems.append(f"{month}月：{exc.message}")
        if problems:
            self.message.setText("\n".join(problems))
            return False
        try:
            for month in months:
                self.ctx.ledger.stations.set_usage(
                    self.station_id,
                    {
                        "month": f"{year}-{month:02d}",
                        "visits": self._cell(month, 0),
                        "remarks": self._cell(month, 1),
                    },
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
