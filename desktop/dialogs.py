"""Message boxes in one place, so every prompt is Chinese and tests can answer them without a click."""

from __future__ import annotations

import logging
import traceback

from PySide6.QtWidgets import QMessageBox, QWidget

from models.errors import LedgerError

log = logging.getLogger(__name__)


def inform(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def warn(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def ask(
    parent: QWidget | None,
    title: str,
    text: str,
    *,
    yes: str = "是",
    no: str = "否",
    safe: bool = False,
) -> bool:
    """A yes/no question whose buttons say what they do; `safe` makes `no` the default button
    (deleting: an Enter pressed by habit must not delete)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.YesRole)
    no_button = box.addButton(no, QMessageBox.ButtonRole.NoRole)
    box.setDefaultButton(no_button if safe else yes_button)
    box.setEscapeButton(no_button)
    box.exec()
    return box.clickedButton() is yes_button


def ask_three(parent: QWidget | None, title: str, text: str, buttons: tuple[str, str, str]) -> int:
    """Three choices (e.g. 保存 / 不保存 / 取消); returns 0, 1 or 2 (2 also when the box is closed)."""
    box = QMessageBox(QMessageBox.Icon.Question, title, text, parent=parent)
    made = [
        box.addButton(buttons[0], QMessageBox.ButtonRole.AcceptRole),
        box.addButton(buttons[1], QMessageBox.ButtonRole.DestructiveRole),
        box.addButton(buttons[2], QMessageBox.ButtonRole.RejectRole),
    ]
    box.setDefaultButton(made[0])
    box.exec()
    clicked = box.clickedButton()
    return made.index(clicked) if clicked in made else 2


def show_error(parent: QWidget | None, exc: BaseException, title: str = "操作未完成") -> None:
    """A refusal from the services shows its own Chinese message; anything else is logged."""
    warn(parent, title, describe(exc))


def describe(exc: BaseException) -> str:
    if isinstance(exc, LedgerError):
        return exc.message
    if isinstance(exc, PermissionError):
        return f"没有权限访问该文件或文件夹：{exc.filename or ''}。请换一个位置，或关闭正在使用它的程序。"
    if isinstance(exc, FileNotFoundError):
        return f"找不到文件：{exc.filename or ''}。请确认文件还在原处。"
    if isinstance(exc, OSError):
        return f"读写文件时出错（{exc.strerror or exc}）。请检查磁盘空间和文件是否被其他程序占用。"
    log.error("意外错误\n%s", "".join(traceback.format_exception(exc)))
    return (
        "程序遇到了意外问题，本次操作没有完成，已保存的数据不受影响。"
        "详细情况已写入日志文件，请把日志发给技术支持。"
    )
