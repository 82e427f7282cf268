"""The welcome card on a clerk's maximised 1366×768 window: no field is drawn over another."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect
from PySide6.QtWidgets import QWidget

from desktop.screens.welcome import WelcomeScreen
from resources import path as resource_path


def _rect_in(page: QWidget, widget: QWidget) -> QRect:
    return QRect(widget.mapTo(page, widget.rect().topLeft()), widget.size())


def test_save_button_sits_below_the_township_box(qtbot: Any, ctx: Any) -> None:
    page = WelcomeScreen(ctx)
    # The app's stylesheet on the page alone: restyling the shared test application is not safe.
    page.setStyleSheet(resource_path("style.qss").read_text(encoding="utf-8"))
    qtbot.addWidget(page)
    # The content area of a maximised window beside the navigation list on 1366×768.
    page.resize(1210, 680)
    page.show()
    qtbot.waitExposed(page)
    townships, save, demo = page.townships, page.save, page.demo_button
    boxes = [_rect_in(page, w) for w in (page.org_name, townships, save, demo)]
    for upper, lower in zip(boxes, boxes[1:], strict=False):
        assert upper.bottom() < lower.top(), (upper, lower)
    assert townships.height() == 120
