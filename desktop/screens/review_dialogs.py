"""The 核查 and 防返困回访 entry dialogs of the 待办核查 screen (values checked by the service)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from models.vocab import FOLLOW_UP_RESULTS, FOLLOW_UP_WAYS, REVIEW_RESULTS


def _date_edit() -> QDateEdit:
    edit = QDateEdit(QDate.currentDate())
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMaximumDate(QDate.currentDate())
    return edit


def _combo(values: tuple[str, ...]) -> QComboBox:
    box = QComboBox()
    box.addItems(list(values))
    return box


class _EntryDialog(QDialog):
    def __init__(self, title: str, heading: str, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(460)
        self.heading = QLabel(heading)
        self.heading.setWordWrap(True)
        self.form = QFormLayout()
        self.note = QPlainTextEdit()
        self.note.setObjectName("note")
        self.note.setFixedHeight(70)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("保存")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addLayout(self.form)
        layout.addWidget(buttons)

    @staticmethod
    def day(edit: QDateEdit) -> dt.date:
        d = edit.date()
        return dt.date(d.year(), d.month(), d.day())


class ReviewDialog(_EntryDialog):
    """核查: date, reviewer, result and note, for one file or a selection."""

    def __init__(self, heading: str, reviewer: str, parent: QWidget | None = None) -> None:
        super().__init__("记录核查", heading, parent)
        self.date = _date_edit()
        self.date.setObjectName("review_date")
        self.reviewer = QLineEdit(reviewer)
        self.reviewer.setObjectName("reviewer")
        self.reviewer.setPlaceholderText("入户或电话核实的同志")
        self.result = _combo(REVIEW_RESULTS)
        self.result.setObjectName("review_result")
        self.form.addRow("核查日期", self.date)
        self.form.addRow("核查人", self.reviewer)
        self.form.addRow("核查结果", self.result)
        self.form.addRow("情况说明", self.note)

    def values(self) -> dict[str, Any]:
        return {
            "date": self.day(self.date),
            "reviewer": self.reviewer.text(),
            "result": self.result.currentText(),
            "note": self.note.toPlainText(),
        }


class FollowUpDialog(_EntryDialog):
    """防返困回访: date, way, result and note for one 已脱困 file."""

    def __init__(self, heading: str, parent: QWidget | None = None) -> None:
        super().__init__("记录防返困回访", heading, parent)
        self.date = _date_edit()
        self.date.setObjectName("follow_up_date")
        self.way = _combo(FOLLOW_UP_WAYS)
        self.way.setObjectName("follow_up_way")
        self.result = _combo(FOLLOW_UP_RESULTS)
        self.result.setObjectName("follow_up_result")
        self.form.addRow("回访日期", self.date)
        self.form.addRow("回访方式", self.way)
        self.form.addRow("回访结果", self.result)
        self.form.addRow("情况说明", self.note)

    def values(self) -> dict[str, Any]:
        return {
            "date": self.day(self.date),
            "way": self.way.currentText(),
            "result": self.result.currentText(),
            "note": self.note.toPlainText(),
        }
