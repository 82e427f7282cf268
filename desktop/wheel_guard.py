"""The mouse wheel changes a drop-down, spin box or date field only when it has the focus; over any
other such field it scrolls the form around it (one notch once turned 国有企业 into 集体企业)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QWidget,
)

GUARDED = (QComboBox, QAbstractSpinBox)  # QAbstractSpinBox covers QSpinBox and QDateEdit
_WHEEL, _POLISH = QEvent.Type.Wheel, QEvent.Type.Polish


class WheelGuard(QObject):
    """An application-wide event filter: every window, dialog and wizard page is covered."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == _WHEEL:
            if isinstance(watched, GUARDED) and not watched.hasFocus():
                area = _scroll_area_around(watched)
                if area is not None:
                    QApplication.sendEvent(area.viewport(), event)
                event.accept()  # handled here: Qt must not pass it on a second time
                return True
        elif (
            kind == _POLISH
            and isinstance(watched, GUARDED)
            and watched.focusPolicy() == Qt.FocusPolicy.WheelFocus
        ):
            # A wheel turn would otherwise focus the field first and then change it.
            watched.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        return False


def _scroll_area_around(widget: QWidget) -> QAbstractScrollArea | None:
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QAbstractScrollArea):
        parent = parent.parentWidget()
    return parent


_guard: WheelGuard | None = None


def install(app: QApplication) -> None:
    """Install the guard once for the application's lifetime."""
    global _guard
    if _guard is None:
        _guard = WheelGuard(app)
        app.installEventFilter(_guard)
