"""Helpers for driving modal dialogs and background tasks from tests."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget


def when_modal(handler: Callable[[QWidget], Any], *, attempts: int = 200) -> None:
    """Run `handler(dialog)` once a modal dialog is up (for code that calls exec())."""

    def poll(left: int = attempts) -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is not None:
            handler(dialog)
        elif left:
            QTimer.singleShot(10, lambda: poll(left - 1))

    QTimer.singleShot(0, poll)


def wait_tasks(qtbot: Any, timeout: int = 15000) -> None:
    from desktop.tasks import running_tasks

    qtbot.waitUntil(lambda: running_tasks(include_quiet=True) == 0, timeout=timeout)


def type_text(qtbot: Any, widget: QWidget, text: str) -> None:
    """Type like a clerk: ASCII as key clicks, Chinese as the committed text an input method sends
    (QTest cannot click keys outside ASCII)."""
    from PySide6.QtCore import QEvent, Qt
    from PySide6.QtGui import QKeyEvent

    target = getattr(widget, "edit", widget)
    for char in text:
        if char.isascii():
            qtbot.keyClicks(target, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(
                    target,
                    QKeyEvent(kind, Qt.Key.Key_unknown, Qt.KeyboardModifier.NoModifier, char),
                )
