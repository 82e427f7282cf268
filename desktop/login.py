"""The login dialog shown when the database has accounts enabled."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QLineEdit, QWidget

from models.errors import LedgerError


class LoginDialog(QDialog):
    def __init__(self, ledger: Any, username: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ledger = ledger
        self.actor: Any = None
        self.setWindowTitle("登录工会台账")
        self.username = QLineEdit(username or "")
        self.username.setObjectName("username")
        self.password = QLineEdit()
        self.password.setObjectName("password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setProperty("role", "error")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox()
        buttons.addButton("登录", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton("取消", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.try_login)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(QLabel("本数据库已启用账号登录。"))
        form.addRow("用户名：", self.username)
        form.addRow("密码：", self.password)
        form.addRow(self.error)
        form.addRow(buttons)
        (self.password if username else self.username).setFocus()

    def try_login(self) -> None:
        try:
            self.actor = self.ledger.accounts.login(self.username.text(), self.password.text())
        except LedgerError as exc:
            self.error.setText(exc.message)
            self.password.selectAll()
            self.password.setFocus()
            return
        self.accept()


def ask_login(ledger: Any, username: str | None, parent: QWidget | None) -> Any:
    dialog = LoginDialog(ledger, username, parent)
    return dialog.actor if dialog.exec() else None
