"""Inputs that must not change by accident: the wheel over an unfocused field scrolls the form, and a
calendar closed with Esc leaves the date as it was."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from desktop import wheel_guard
from desktop.screens.households import HouseholdsScreen


def wheel(widget: QWidget, notches: int = -1) -> None:
    """One turn of the wheel over the middle of `widget` (negative: towards the clerk)."""
    centre = QPointF(widget.rect().center())
    event = QWheelEvent(
        centre,
        QPointF(widget.mapToGlobal(centre.toPoint())),
        QPoint(0, 0),
        QPoint(0, 120 * notches),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)


def install_guard() -> None:
    """What desktop.startup.create_application does for the window (restyling the shared test
    application mid-run is not safe, so only the guard is installed here)."""
    wheel_guard.install(QApplication.instance())


def open_calendar(qtbot: Any, field: QWidget) -> None:
    """Click the field's drop-down arrow, as the clerk does."""
    qtbot.mouseClick(
        field, Qt.MouseButton.LeftButton, pos=QPoint(field.width() - 6, field.height() // 2)
    )


@pytest.fixture
def form(qtbot: Any, seeded: Any) -> Any:
    install_guard()
    screen = HouseholdsScreen(seeded)
    qtbot.addWidget(screen)
    screen.show()
    dialog = screen.new_household()
    dialog.resize(900, 400)  # short enough that the form scrolls
    qtbot.waitExposed(dialog)
    yield dialog.form
    dialog.form._set_dirty(False)
    dialog.reject()


def _scroll(form: Any) -> Any:
    return form.findChild(QScrollArea).verticalScrollBar()


@pytest.mark.parametrize("field", ["employer_nature", "birth_date"])
def test_wheel_over_an_unfocused_field_scrolls_the_form(form: Any, field: str) -> None:
    widget = form.widgets[field]
    if field == "employer_nature":
        widget.setCurrentIndex(widget.findData("国有企业"))
    form.widgets["name"].setFocus()
    before, scrolled = form.raw(field), _scroll(form).value()
    wheel(widget)
    assert form.raw(field) == before
    assert _scroll(form).value() > scrolled


def test_wheel_changes_a_focused_drop_down(qtbot: Any, form: Any) -> None:
    box = form.widgets["employer_nature"]
    box.setCurrentIndex(box.findData("国有企业"))
    box.setFocus()
    qtbot.waitUntil(box.hasFocus)
    wheel(box)
    assert form.raw("employer_nature") != "国有企业"


def test_wheel_does_not_give_focus(qtbot: Any, form: Any) -> None:
    box = form.widgets["employer_nature"]
    assert box.focusPolicy() == Qt.FocusPolicy.StrongFocus


def test_wheel_over_an_unfocused_spin_box_leaves_it(qtbot: Any, seeded: Any, answers: Any) -> None:
    from desktop.screens.stations import StationsScreen

    install_guard()
    screen = StationsScreen(seeded, rest_stops=True)
    qtbot.addWidget(screen)
    screen.show()
    dialog = screen.open_station(screen.model.id_at(0))
    grid = dialog.tabs.widget(1)
    dialog.tabs.setCurrentWidget(grid)
    grid.table.setFocus()
    year = grid.year.value()
    wheel(grid.year)
    assert grid.year.value() == year
    grid.year.setFocus()
    qtbot.waitUntil(grid.year.hasFocus)
    wheel(grid.year)
    assert grid.year.value() == year - 1
    dialog.reject()


def test_esc_in_the_calendar_leaves_an_empty_date_empty(qtbot: Any, form: Any) -> None:
    field = form.widgets["birth_date"]
    assert field.value() is None
    open_calendar(qtbot, field)
    calendar = field.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    assert calendar.yearShown() == dt.date.today().year  # opens on today, not on 1900
    qtbot.keyClick(calendar, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert field.value() is None
    assert not form.is_dirty()


def test_esc_in_the_calendar_keeps_a_filled_date(qtbot: Any, form: Any) -> None:
    field = form.widgets["birth_date"]
    field.set_value(dt.date(1975, 6, 1))
    open_calendar(qtbot, field)
    calendar = field.calendarWidget()
    qtbot.waitUntil(calendar.isVisible)
    qtbot.keyClick(calendar, Qt.Key.Key_Right)  # moving in the calendar is not choosing
    qtbot.keyClick(calendar, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not calendar.isVisible())
    assert field.value() == dt.date(1975, 6, 1)
