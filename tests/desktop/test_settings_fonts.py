"""设置 → 年度总结 PDF 的字体: the choice is stored where the summary screen reads it, and the screen
says which fonts that choice will actually use on this PC."""

from __future__ import annotations

from typing import Any

from desktop.context import AppContext
from desktop.events import EventBus
from desktop.screens.settings import SettingsScreen
from models.services import Actor
from reports.pdf_fonts import report_fonts
from tests.desktop.helpers import wait_tasks


def test_the_report_font_choice_is_saved_and_described(qtbot: Any, ctx: AppContext) -> None:
    screen = SettingsScreen(ctx)
    qtbot.addWidget(screen)
    screen.show()
    wait_tasks(qtbot)
    box = screen.report_font
    assert box.currentData() == "auto"  # the default when nothing was chosen
    described = report_fonts("auto").describe()
    assert screen.font_description.text().split("\n") == described.split("；")

    with qtbot.waitSignal(ctx.bus.changed):
        box.setCurrentIndex(box.findData("bundled"))
    assert ctx.ledger.settings.get("report_font") == "bundled"
    wait_tasks(qtbot)
    shown = screen.font_description.text()
    assert shown == report_fonts("bundled").describe().replace("；", "\n")
    # The bundled 宋/楷/黑 are named, and a 公文 without 仿宋 is said to be so.
    assert "AR PL UMing" in shown and "AR PL UKai" in shown and "文泉驿微米黑" in shown
    assert "公文正文未用仿宋" in shown

    again = SettingsScreen(ctx)  # the next visit shows what is stored
    qtbot.addWidget(again)
    again.show()
    wait_tasks(qtbot)
    assert again.report_font.currentData() == "bundled"


def test_a_clerk_without_settings_rights_sees_but_cannot_change(
    qtbot: Any, ctx: AppContext
) -> None:
    clerk = AppContext(
        ledger=ctx.ledger.as_actor(Actor(name="王会计", username="wang", role="录入员")),
        bus=EventBus(),
    )
    screen = SettingsScreen(clerk)
    qtbot.addWidget(screen)
    screen.show()
    wait_tasks(qtbot)
    assert not screen.report_font.isEnabled()
    assert screen.font_description.text()  # still told which font the report uses
    clerk.bus.deleteLater()
