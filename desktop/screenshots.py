"""Screenshots of every main screen with demo data, for the README: python -m desktop.screenshots OUT.

Run under a real X server for faithful font rendering, e.g.
    Xvfb :99 -screen 0 1366x768x24 &  DISPLAY=:99 QT_QPA_PLATFORM=xcb python -m desktop.screenshots \
        resources/screenshots
Without --db a fresh demo county (its default size) is generated in a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

SIZE = (1366, 768)
REAL_SHEETS = Path(__file__).resolve().parents[1] / "tests" / "data" / "real_sheets"
# A roster worded the way a township writes it (因病, 男性, 待定 …): the wizard's value-mapping page.
TOWNSHIP_SHEET = REAL_SHEETS / "01_城关镇_2024年困难职工花名册.xlsx"
# An activity ledger with a column the import does not know (备注): the column page's drop-down.
UNKNOWN_COLUMN_SHEET = REAL_SHEETS / "61_北山镇_2024年工会活动台账.xlsx"


def _wait(app: object, seconds: float = 0.3) -> None:
    from PySide6.QtWidgets import QApplication

    from desktop.tasks import running_tasks

    end = time.monotonic() + seconds
    while time.monotonic() < end or running_tasks(include_quiet=True):
        QApplication.processEvents()
        time.sleep(0.01)
        if time.monotonic() > end + 60:
            break


def _fill_recycle_bin(ledger: object) -> None:
    """Delete a few demo records (a member, an assistance record, an activity) so the 回收站
    screenshot shows what the bin looks like in use."""
    from models.services import HouseholdQuery, RecordQuery

    hs = ledger.households  # type: ignore[attr-defined]
    for household_id in hs.search_ids(HouseholdQuery(status="在档"), limit=50):
        detail = hs.detail(household_id)
        if detail.members and detail.assistance:
            hs.remove_member(detail.members[-1].id)
            hs.remove_assistance(detail.assistance[-1].id)
            break
    activities = ledger.activities  # type: ignore[attr-defined]
    activities.delete(activities.search_ids(RecordQuery(sort="start_date"), limit=1)[0])


def _import_screens(window: object, app: object, out: Path) -> None:
    """The import wizard's column and value-mapping pages on a township's sheet, then 设置's
    本单位对应表 with the mappings that import saved."""
    screen = window.show_screen("import_export")  # type: ignore[attr-defined]
    wizard = screen.start_import("households")
    wizard.showMaximized()
    wizard.file_page.path.setText(str(TOWNSHIP_SHEET))
    wizard.next()
    wizard.next()
    _wait(app, 0.5)
    wizard.grab().save(str(out / "24-导入-核对列.png"))
    wizard.next()  # reads every row, then opens the value-mapping page
    _wait(app, 0.5)
    wizard.grab().save(str(out / "25-导入-核对写法.png"))
    if ("hardship_class", "待定") in wizard.values_page.rows:  # the clerk decides what 待定 is
        pending = wizard.values_page.combo_for(("hardship_class", "待定"))
        pending.setCurrentIndex(pending.findData("相对困难"))
    wizard.next()
    _wait(app, 0.5)
    wizard.next()
    _wait(app, 0.5)
    wizard.done(0)
    settings = window.show_screen("settings")  # type: ignore[attr-defined]
    _wait(app, 0.5)
    settings.scroll.ensureWidgetVisible(settings.vocabulary)
    _wait(app, 0.3)
    window.grab().save(str(out / "26-设置-本单位对应表.png"))  # type: ignore[attr-defined]
    wizard = screen.start_import("activities")
    wizard.showMaximized()
    wizard.file_page.path.setText(str(UNKNOWN_COLUMN_SHEET))
    wizard.next()
    wizard.next()
    _wait(app, 0.5)
    wizard.grab().save(str(out / "27-导入-未识别的列.png"))
    wizard.done(0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.screenshots")
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--db", help="use this database instead of a fresh demo one")
    options = parser.parse_args(argv)
    home = Path(tempfile.mkdtemp(prefix="screens-"))
    os.environ["UNION_LEDGER_HOME"] = str(home)  # fresh UI state, never the clerk's settings
    options.out.mkdir(parents=True, exist_ok=True)

    from desktop.app import attach_database, detach_database
    from desktop.main_window import SCREENS, MainWindow
    from desktop.startup import create_application
    from models.paths import sqlite_url

    app = create_application(sys.argv[:1])
    from models.services import Ledger

    db = Path(options.db) if options.db else home / "demo.sqlite3"
    if not options.db:
        from models.demo import DemoOptions, build_demo

        ledger = Ledger.open(sqlite_url(db), create=True)
        build_demo(ledger, DemoOptions())
        ledger.close()
    empty = home / "empty.sqlite3"
    Ledger.open(sqlite_url(empty), create=True).close()  # the window never creates a ledger

    # The welcome page, on an empty database.
    window = MainWindow()
    window.resize(*SIZE)
    window.show()
    attach_database(window, sqlite_url(empty))
    _wait(app, 0.5)
    window.grab().save(str(options.out / "00-欢迎页.png"))
    detach_database(window)

    attach_database(window, sqlite_url(db))
    if not options.db:
        _fill_recycle_bin(window.ctx.ledger)  # type: ignore[union-attr]
        window.update_counts()
    for number, (key, label) in enumerate(SCREENS, start=1):
        window.show_screen(key)
        _wait(app, 1.0)
        window.grab().save(str(options.out / f"{number:02d}-{label}.png"))

    households = window.show_screen("households")
    first = households.model.id_at(0)  # type: ignore[attr-defined]
    window.open_household(first)
    _wait(app, 0.5)
    view = window.file_views[first]
    view.resize(1280, 720)
    for index, name in ((0, "户主信息"), (2, "帮扶记录"), (4, "收入核算")):
        view.tabs.setCurrentIndex(index)
        _wait(app, 0.3)
        view.grab().save(str(options.out / f"20-一户一档-{name}.png"))
    view.close()

    dialog = households.new_household()  # type: ignore[attr-defined]
    dialog.resize(1000, 700)
    dialog.form.widgets["id_number"].setText("41160219800203002")
    dialog.form.validate_field("id_number")
    _wait(app, 0.3)
    dialog.grab().save(str(options.out / "21-新建档案-校验.png"))
    dialog.form._set_dirty(False)
    dialog.done(0)

    reststops = window.show_screen("reststops")
    station = reststops.open_station(reststops.model.id_at(0))  # type: ignore[attr-defined]
    station.resize(1000, 700)
    _wait(app, 0.3)
    station.grab().save(str(options.out / "22-驿站-基本信息.png"))
    station.tabs.setCurrentIndex(1)
    station.tabs.widget(1).year.setValue(station.tabs.widget(1).year.value() - 1)
    _wait(app, 0.3)
    station.grab().save(str(options.out / "23-驿站-服务人次.png"))
    station.done(0)
    if TOWNSHIP_SHEET.exists():  # a source checkout: the corpus is there
        _import_screens(window, app, options.out)

    window.close()
    detach_database(window)
    print(f"截图已保存到 {options.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
