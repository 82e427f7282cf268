"""Input widgets the forms use: optional dates, multi-select check lists, numbers with units."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

EMPTY_DATE = QDate(1900, 1, 1)


class DateField(QDateEdit):
    """A date picker that can also be empty: the minimum date stands for "not filled in"."""

    def __init__(self, *, optional: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.optional = optional
        self.setMinimumDate(EMPTY_DATE)
        self.setMaximumDate(QDate(2100, 12, 31))
        if optional:
            self.setSpecialValueText("（未填）")
            self.setDate(EMPTY_DATE)
        else:
            self.setDate(QDate.currentDate())
        self.calendarWidget().setGridVisible(True)

    def value(self) -> dt.date | None:
        qdate = self.date()
        if qdate == EMPTY_DATE:
            return None
        return dt.date(qdate.year(), qdate.month(), qdate.day())

    def set_value(self, value: dt.date | None) -> None:
        if value is None:
            self.setDate(EMPTY_DATE if self.optional else QDate.currentDate())
        else:
            self.setDate(QDate(value.year, value.month, value.day))

    def mousePressEvent(self, event):  # noqa: N802 - Qt override
        super().mousePressEvent(event)
        self._show_today_if_empty()

    def keyPressEvent(self, event):  # noqa: N802 - Qt override
        super().keyPressEvent(event)  # F4 or Alt+↓ may have opened the calendar
        self._show_today_if_empty()

    def _show_today_if_empty(self) -> None:
        """An empty date's calendar shows this month rather than 1900. Only the page turns:
        selecting today would fill the field before the clerk chose, and Esc would keep it."""
        calendar = self.calendarWidget()
        if self.date() == EMPTY_DATE and calendar.isVisible():
            today = QDate.currentDate()
            calendar.setCurrentPage(today.year(), today.month())


class CheckList(QWidget):
    """Multi-select as a grid of check boxes (设施, 服务功能, 次要致困原因)."""

    changed = Signal()

    def __init__(
        self,
        options: Sequence[str],
        *,
        columns: int = 4,
        max_checked: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.max_checked = max_checked
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setHorizontalSpacing(12)
        grid.setVerticalSpacing(2)
        self.boxes: dict[str, QCheckBox] = {}
        for i, option in enumerate(options):
            box = QCheckBox(option)
            box.toggled.connect(self._toggled)
            grid.addWidget(box, i // columns, i % columns)
            self.boxes[option] = box

    def value(self) -> tuple[str, ...]:
        return tuple(name for name, box in self.boxes.items() if box.isChecked())

    def set_value(self, values: Sequence[str] | None) -> None:
        chosen = set(values or ())
        for name, box in self.boxes.items():
            box.blockSignals(True)
            box.setChecked(name in chosen)
            box.blockSignals(False)
        self._toggled()

    def _toggled(self) -> None:
        if self.max_checked is not None:
            full = len(self.value()) >= self.max_checked
            for box in self.boxes.values():
                box.setEnabled(box.isChecked() or not full)
        self.changed.emit()


class UnitLineEdit(QWidget):
    """A number typed as text (so "1,200" and "1.2万" are judged by the shared rules) with its unit."""

    textChanged = Signal(str)  # noqa: N815 - the Qt signal name it stands in for
    editingFinished = Signal()  # noqa: N815 - the Qt signal name it stands in for

    def __init__(self, unit: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edit = QLineEdit()
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.edit.textChanged.connect(self.textChanged)
        self.edit.editingFinished.connect(self.editingFinished)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        layout.addWidget(self.edit, 1)
        layout.addWidget(QLabel(unit))
        self.setFocusProxy(self.edit)

    def text(self) -> str:
        return self.edit.text()

    def setText(self, text: str) -> None:  # noqa: N802 - mirrors QLineEdit
        self.edit.setText(text)
