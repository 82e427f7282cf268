"""Keyboard flow in forms and lists, the context menu, Qt's own Chinese strings, the bundled font,
and the login dialog."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QWidget

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


def test_start_up_opens_the_database_off_the_gui_thread(
    qtbot: Any, ledger: Any, db_url: str, monkeypatch: Any
) -> None:
    """The window answers (timers fire, the pane takes a choice) while a slow database opens on
    a worker; the chosen screen appears with its data once it is open."""
    import argparse
    import gc
    import sys
    import threading
    import time

    from PySide6.QtCore import QTimer

    import desktop.app as app_module
    from tests.desktop.helpers import wait_tasks

    ledger.settings.set_org_name("测试县总工会")  # not a first start: no welcome page
    real_open = app_module.open_ledger
    threads: list[threading.Thread] = []

    def slow_open(url: str, first: str = "") -> Any:
        threads.append(threading.current_thread())
        time.sleep(0.6)  # a big database on a slow disk, the imports on a cold start
        return real_open(url, first)

    monkeypatch.setattr(app_module, "open_ledger", slow_open)
    switch = sys.getswitchinterval()
    gaps: list[float] = []
    last = [time.perf_counter()]

    def tick() -> None:
        now = time.perf_counter()
        gaps.append(now - last[0])
        last[0] = now

    probe = QTimer()
    probe.setInterval(10)
    probe.timeout.connect(tick)
    try:
        _app, window = app_module.start_window(
            argparse.Namespace(db=None, database_url=db_url, user=None)
        )
        qtbot.addWidget(window)
        probe.start()
        last[0] = time.perf_counter()
        assert window.ctx is None and "正在打开数据库" in window.loading.text()
        window.screen_actions["households"].trigger()  # Ctrl+4 before the data is there
        assert "困难职工档案" in window.loading.text()
        qtbot.waitUntil(lambda: window.ctx is not None, timeout=10000)
        probe.stop()
        assert threads and threads[0] is not threading.main_thread()
        # The GUI thread kept answering: opening on it would stall it for the whole 0.6 s sleep.
        # The bound stays below that, well above what a loaded 2-core machine adds to a tick.
        assert len(gaps) >= 20 and max(gaps) < 0.5
        assert window.current_key() == "households"
        assert gc.isenabled()  # collection resumed once the database was open
        wait_tasks(qtbot)
        window.close()
        app_module.detach_database(window)
    finally:
        sys.setswitchinterval(switch)
        gc.enable()


def test_opening_worker_imports_what_the_dashboard_worker_needs(monkeypatch: Any) -> None:
    """The statistics modules load while the database opens, not while the dashboard paints."""
    import importlib

    from desktop import opening

    imported: list[str] = []
    monkeypatch.setattr(importlib, "import_module", imported.append)
    opening.preload_screen("dashboard")
    assert imported == ["desktop.screens.dashboard", "models.statistics"]
    imported.clear()
    opening.preload_screen("households")
    assert imported == ["desktop.screens.households"]
    imported.clear()
    opening.preload_screen("welcome")
    assert imported == []


def test_first_window_fits_the_screen(qtbot: Any) -> None:
    """No remembered size: the window must fit the screen's free area (title bar, task bar)."""
    from desktop.main_window import MainWindow
    from desktop.startup import configure_settings

    configure_settings()
    window = MainWindow()
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    free = QWidget.screen(window).availableGeometry()  # MainWindow.screen(key) is a page
    assert window.isMaximized() or (
        window.width() <= free.width() and window.height() <= free.height()
    )
    window.close()


def test_the_file_dialog_speaks_chinese(qtbot: Any) -> None:
    from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

    from desktop.startup import install_translations

    install_translations(QApplication.instance())
    dialog = QFileDialog(None, "打开其他数据库")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    labels = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "查找范围" in labels and "文件类型" in labels
    assert not any(word in labels for word in ("Look in", "Files of type", "File name"))
