"""Keyboard flow in forms and lists, the context menu, Qt's own Chinese strings, the bundled font,
and the login dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase

from desktop.screens.households import HouseholdsScreen


def test_enter_moves_to_the_next_field(qtbot: Any, seeded: Any, answers: Any) -> None:
    screen = HouseholdsScreen(seeded)
    qtbot.addWidget(screen)
    screen.show()
    dialog = screen.new_household()
    name = dialog.form.widgets["name"]
    dialog.activateWindow()
    name.setFocus()
    qtbot.waitUntil(name.hasFocus)
    qtbot.keyClick(name, Qt.Key.Key_Return)
    assert not name.hasFocus() and dialog.isVisible()  # moved on, did not save or close
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # nothing typed: closes without asking
    assert not dialog.isVisible() and not answers.shown


def test_double_click_opens_and_context_menu_offers_actions(qtbot: Any, seeded: Any) -> None:
    screen = HouseholdsScreen(seeded)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    table = screen.list.table
    rect = table.visualRect(screen.model.index(1, 1))
    with qtbot.waitSignal(seeded.bus.open_household) as opened:
        # Qt 6's QTest double click needs the first click before it (as a real double click has).
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert opened.args == [screen.model.id_at(1)]
    screen.list.select_id(screen.model.id_at(2))
    texts = [a.text() for a in screen.list.build_context_menu().actions()]
    assert texts[0] == "打开" and {"返困…", "标记脱困…", "销档…", "导出所选…"} <= set(texts)


def test_qt_dialogs_speak_chinese(qapp: Any) -> None:
    from desktop.startup import install_translations

    assert install_translations(qapp)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "取消"


def test_bundled_font_loads(qapp: Any) -> None:
    from resources import path

    font_id = QFontDatabase.addApplicationFont(str(path("fonts", "wqy-microhei.ttc")))
    assert font_id >= 0
    assert any("WenQuanYi" in f for f in QFontDatabase.applicationFontFamilies(font_id))


def test_login_dialog_refuses_a_wrong_password(qtbot: Any, ledger: Any) -> None:
    from desktop.login import LoginDialog

    ledger.accounts.add("admin", "管理员", "管理员", "管理员的密码456")
    ledger.accounts.add("wang", "王会计", "录入员", "正确的密码123")
    dialog = LoginDialog(ledger, "wang")
    qtbot.addWidget(dialog)
    dialog.password.setText("错的")
    dialog.try_login()
    assert dialog.actor is None and dialog.error.text()
    dialog.password.setText("正确的密码123")
    dialog.try_login()
    assert dialog.actor is not None and dialog.actor.role == "录入员"
