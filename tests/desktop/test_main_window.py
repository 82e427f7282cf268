"""The main window: welcome page, navigation, status bar, remembered layout, settings, log, dashboard."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

import pytest

from PySide6.QtCore import QSettings

from desktop.main_window import SCREENS, MainWindow
from desktop.opening import attach_database, detach_database
from tests.desktop.helpers import wait_tasks


def test_empty_database_opens_on_the_welcome_page(qtbot: Any, window: Any, answers: Any) -> None:
    page = window.screens["welcome"]
    assert window.stack.currentWidget() is page
    assert page.save_and_start() is False  # the name is required
    assert "不能为空" in answers.texts()
    page.org_name.setText("青山县总工会")
    page.townships.setPlainText("城关镇、东城街道\n西河乡")
    assert page.save_and_start()
    assert window.current_key() == "dashboard"
    assert window.ctx.ledger.settings.townships() == ["城关镇", "东城街道", "西河乡"]
    assert "青山县总工会" in window.windowTitle()
    wait_tasks(qtbot)


def test_demo_data_from_the_welcome_page(
    qtbot: Any, window: Any, monkeypatch: Any, answers: Any, db_url: str
) -> None:
    from desktop.screens import welcome
    from models.services import Ledger

    monkeypatch.setattr(welcome, "DEMO_HOUSEHOLDS", 40)
    page = window.screens["welcome"]
    assert page.load_demo() is None  # asked first; the clerk said no
    assert "演示" in answers.texts() and window.screens.get("welcome") is page
    answers.ask.append(True)
    page.load_demo()
    wait_tasks(qtbot, timeout=60000)
    qtbot.waitUntil(lambda: window.current_key() == "dashboard")
    assert window.ctx.ledger.households.count() == 40
    assert "演示台账" in window.db_label.text()
    qtbot.waitUntil(lambda: "档案 40 户" in window.counts_label.text())
    real = Ledger.open(db_url)  # the clerk's own database got nothing
    try:
        assert real.households.count() == 0
    finally:
        real.close()


def test_new_ledger_from_the_file_menu(
    qtbot: Any, filled: Any, tmp_path: Any, answers: Any
) -> None:
    window = filled
    menu_texts = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert menu_texts.index("新建台账(&W)…") + 1 == menu_texts.index("打开其他数据库(&O)…")
    target = tmp_path / "新台账"
    assert window.new_database(str(target))
    wait_tasks(qtbot)
    assert (tmp_path / "新台账.sqlite3").is_file()
    assert "新台账.sqlite3" in window.db_label.text()
    assert window.ctx.ledger.households.count() == 0
    assert window.stack.currentWidget() is window.screens["welcome"]


def test_new_ledger_refuses_an_existing_file(
    qtbot: Any, filled: Any, tmp_path: Any, answers: Any
) -> None:
    window = filled
    opened = window.db_label.text()
    existing = tmp_path / "旧台账.sqlite3"
    existing.write_bytes(b"the clerk's old file")
    assert not window.new_database(str(existing))
    assert "已存在" in answers.texts()
    assert existing.read_bytes() == b"the clerk's old file"
    assert window.db_label.text() == opened and window.ctx.ledger.households.count() == 3


@pytest.fixture
def filled(qtbot: Any, window: Any) -> Any:
    ledger = window.ctx.ledger
    ledger.settings.set_org_name("青山县总工会")
    ledger.settings.set_townships(["城关镇", "东城街道"])
    from tests.models.factories import household_values

    for name in ("甲", "乙", "丙"):
        ledger.households.create(
            household_values(name="张" + name, filed_date=dt.date.today().isoformat())
        )
    window.ctx.bus.announce("households", (), "create")
    return window


def test_navigation_shortcuts_and_counts(qtbot: Any, filled: Any) -> None:
    window = filled
    for i, (key, label) in enumerate(SCREENS):
        window.screen_actions[key].trigger()
        assert window.current_key() == key
        assert window.nav.currentRow() == i and window.nav.currentItem().text() == label
    wait_tasks(qtbot)
    window.update_counts()  # off the GUI thread
    qtbot.waitUntil(lambda: "档案 3 户（在档 3）" in window.counts_label.text())
    assert "数据库" in window.db_label.text()


def test_find_and_new_act_on_the_current_list(qtbot: Any, filled: Any) -> None:
    window = filled
    window.show_screen("households")
    window.activateWindow()
    window.find_action.trigger()
    screen = window.screens["households"]
    qtbot.waitUntil(lambda: screen.list.search.hasFocus())
    opened: list[Any] = []
    screen.list.new_requested.connect(lambda: opened.append(True))
    window.new_action.trigger()
    assert opened
    from desktop.forms.record_dialog import RecordDialog

    for dialog in screen.findChildren(RecordDialog):
        dialog.done(0)


def test_layout_is_remembered(qtbot: Any, filled: Any) -> None:
    window = filled
    window.show_screen("households")
    window.resize(760, 540)  # inside the offscreen screen (800×600) so nothing is clamped
    header = window.screens["households"].list.table.horizontalHeader()
    header.resizeSection(1, 177)
    window.save_layout()
    settings = QSettings()
    assert settings.value("window/screen") == "households"
    fresh = MainWindow()
    qtbot.addWidget(fresh)
    assert (fresh.width(), fresh.height()) == (760, 540)
    fresh.ctx = window.ctx
    table = fresh.screen("households").list.table
    assert table.horizontalHeader().sectionSize(1) == 177
    fresh.ctx = None


def test_dashboard_figure_opens_filtered_list(qtbot: Any, filled: Any) -> None:
    window = filled
    board = window.show_screen("dashboard")
    qtbot.waitUntil(lambda: board.figures is not None, timeout=10000)
    wait_tasks(qtbot)
    assert board.tiles["on_file"].value.text() == "3"
    assert "上年" in board.tiles["on_file"].change.text()
    assert board.aid_chart.chart().series()
    board.tiles["on_file"].clicked.emit()
    assert window.current_key() == "households"
    households = window.screens["households"]
    assert households.model.query.figure == ("on_file", board.year.currentData())
    assert households.model.shown() == 3


def test_settings_screen_saves_and_refuses(qtbot: Any, filled: Any, answers: Any) -> None:
    window = filled
    screen = window.show_screen("settings")
    screen.townships.setPlainText("城关镇\n东城街道\n南山镇")
    assert screen.save_org_and_townships()
    assert window.ctx.ledger.settings.townships()[-1] == "南山镇"
    screen.add_dibao_row()
    row = screen.dibao.rowCount() - 1
    screen.dibao.item(row, 0).setText("2024")
    screen.dibao.item(row, 1).setText("六百")
    assert not screen.save_dibao()
    assert "低保标准" in answers.texts()
    screen.dibao.item(row, 1).setText("620")
    assert screen.save_dibao()
    assert str(window.ctx.ledger.settings.dibao_standard(2024)) in ("620", "620.00")
    # the households filter now offers the new township
    households = window.screen("households")
    assert households.list.filter_boxes["township"].findData("南山镇") >= 0


def test_audit_log_lists_and_filters(qtbot: Any, filled: Any) -> None:
    window = filled
    screen = window.show_screen("audit")
    assert screen.model.shown() > 3
    entity = screen.list.filter_boxes["entity"]
    entity.setCurrentIndex(entity.findData("households"))
    assert screen.model.shown() == 3
    labels = {screen.model.index(r, 3).data() for r in range(screen.model.rowCount())}
    assert labels == {"困难职工档案"}
    screen.use_dates.setChecked(True)
    screen.since.setDate(screen.since.date().addYears(-1))
    assert screen.model.shown() == 3
    screen.until.setDate(screen.since.date())
    assert screen.model.shown() == 0


def test_window_paints_before_the_database_opens(qtbot: Any, tmp_path: Any) -> None:
    """run_window's start: the window is up (nothing imported from SQLAlchemy yet is needed), the
    named database opens on the next turn of the event loop. (app.exec itself is not run here:
    quitting the application inside a test session would stop timers for the tests after it.)"""
    from desktop.app import start_window
    from models.paths import sqlite_url
    from models.services import Ledger

    db = tmp_path / "窗口.sqlite3"
    Ledger.open(sqlite_url(db), create=True).close()
    app, window = start_window(argparse.Namespace(db=str(db), database_url=None, user=None))
    qtbot.addWidget(window)
    assert window.isVisible() and window.ctx is None and "正在打开数据库" in window.loading.text()
    qtbot.waitUntil(lambda: window.ctx is not None, timeout=10000)
    assert str(db) in window.db_label.text()
    wait_tasks(qtbot)
    detach_database(window)
    window.close()


def test_a_missing_database_is_refused_not_created(qtbot: Any, tmp_path: Any, answers: Any) -> None:
    """`main.py --db 拼错.sqlite3` opens the window on nothing: it says so and makes no file."""
    from desktop.app import start_window

    typo = tmp_path / "拼错的文件夹" / "台账.sqlite3"
    app, window = start_window(argparse.Namespace(db=str(typo), database_url=None, user=None))
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: "数据库未能打开" in window.loading.text(), timeout=10000)
    assert window.ctx is None and "找不到数据库文件" in window.loading.text()
    assert str(typo) in answers.texts() and "Traceback" not in answers.texts()
    assert not typo.parent.exists()
    wait_tasks(qtbot)
    window.close()


def test_unopenable_database_is_explained(qtbot: Any, tmp_path: Any, answers: Any) -> None:
    from desktop.startup import configure_settings
    from models.paths import sqlite_url

    configure_settings()
    bad = tmp_path / "坏.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    win = MainWindow()
    qtbot.addWidget(win)
    assert not attach_database(win, sqlite_url(bad))
    assert "数据库未能打开" in win.loading.text() and answers.shown
    assert "Traceback" not in answers.texts()


def test_audit_log_names_settings_in_chinese(qtbot: Any, filled: Any) -> None:
    window = filled
    ledger = window.ctx.ledger
    ledger.settings.set_org_name("青山县总工会（改）")
    ledger.settings.set("backup_dir", "/tmp/备份")
    screen = window.show_screen("audit")
    entity = screen.list.filter_boxes["entity"]
    entity.setCurrentIndex(entity.findData("settings"))
    qtbot.waitUntil(lambda: screen.model.shown() >= 2)
    column = next(i for i, c in enumerate(screen.model.columns) if c.key == "entity_label")
    texts = [
        screen.model.index(r, c).data()
        for r in range(screen.model.rowCount())
        for c in (column, column + 1)
    ]
    joined = " ".join(texts)
    assert "填报单位" in joined and "备份目录" in joined
    assert "org_name" not in joined and "backup_dir" not in joined


def test_help_menu_opens_a_chinese_manual(qtbot: Any, filled: Any) -> None:
    window = filled
    help_menu = window.menuBar().actions()[-1].menu()
    assert "使用说明(&M)" in [a.text() for a in help_menu.actions()]
    dialog = window.show_manual()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    for topic in ("第一步", "导入", "年度总结", "备份", "新建台账"):
        assert topic in text, topic
    dialog.close()
