"""The 标记脱困 / 销档 / 返困 dialog: asks for the date and the reason (or the 脱困路径)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from desktop.widgets.inputs import DateField
from models import lifecycle, vocab


@dataclass(frozen=True)
class StatusChoice:
    action: str
    date: dt.date | None
    reason: str
    route: str | None
    reviewer: str | None


class StatusDialog(QDialog):
    """One lifecycle step for one or several files; the service judges and may still refuse."""

    def __init__(
        self, action: str, *, count: int = 1, subject: str = "", parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        transition = lifecycle.find(action)
        assert transition is not None
        self.action = action
        self.setWindowTitle(transition.button)
        who = subject or (f"所选的 {count} 户档案" if count > 1 else "该档案")
        intro = QLabel(
            f"将{who}“{transition.button}”（{transition.source} → {transition.target}）。"
        )
        intro.setWordWrap(True)
        self.date = DateField(optional=False)
        self.date.setObjectName("status_date")
        self.route = QComboBox()
        self.route.setObjectName("status_route")
        self.reason_choice = QComboBox()
        self.reason_choice.setObjectName("status_reason_choice")
        self.reason = QLineEdit()
        self.reason.setObjectName("status_reason")
        self.reviewer = QLineEdit()
        self.reviewer.setObjectName("status_reviewer")
        form = QFormLayout()
        form.addRow("* 变更日期：", self.date)
        if transition.needs == "lift_route":
            self.route.addItem("（请选择）", None)
            for route in vocab.LIFT_ROUTES:
                self.route.addItem(route, route)
            form.addRow("* 脱困路径：", self.route)
            self.reason.setPlaceholderText("如：本人实现稳定就业，家庭月人均收入已超过低保标准2倍")
            form.addRow("情况说明：", self.reason)
        elif transition.needs == "close_reason":
            self.reason_choice.addItem("（请选择）", None)
            for reason in vocab.CLOSE_REASONS:
                self.reason_choice.addItem(reason, reason)
            form.addRow("* 销档原因：", self.reason_choice)
        else:
            self.reason.setPlaceholderText("如：家庭成员突发重病，收入骤降")
            form.addRow("* 返困原因：", self.reason)
        form.addRow("审核人：", self.reviewer)
        self.error = QLabel()
        self.error.setObjectName("status_error")
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        self.error.hide()
        buttons = QDialogButtonBox()
        self.ok = buttons.addButton(transition.button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(460, 0)

    def choice(self) -> StatusChoice:
        transition = lifecycle.find(self.action)
        assert transition is not None
        note = self.reason.text().strip()
        if transition.needs == "close_reason":
            reason = self.reason_choice.currentData() or ""  # the service keeps the fixed wording
        else:
            reason = note
        return StatusChoice(
            action=self.action,
            date=self.date.value(),
            reason=reason,
            route=self.route.currentData() if transition.needs == "lift_route" else None,
            reviewer=self.reviewer.text().strip() or None,
        )

    def show_problem(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _accept(self) -> None:
        transition = lifecycle.find(self.action)
        choice = self.choice()
        if transition and transition.needs == "lift_route" and not choice.route:
            self.show_problem("请选择脱困路径。")
            return
        if (
            transition
            and transition.needs == "close_reason"
            and not self.reason_choice.currentData()
        ):
            self.show_problem("请选择销档原因。")
            return
        if transition and transition.needs is None and not choice.reason:
            self.show_problem("请填写返困原因。")
            return
        self.accept()
