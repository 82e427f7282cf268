"""Screenshots of every main screen with demo data, for the README: python -m desktop.screenshots OUT.

`--as-clerk` (what the README's pictures are made with) shows the screens the way a clerk sees
them: it starts its own Xvfb with a 1366×768 screen and the openbox window manager, maximises the
window (title bar and all, so the client area is what is left of 768 px) and grabs the whole
screen, dialogs where the window manager puts them:
    python -m desktop.screenshots --as-clerk resources/screenshots
`--screen` does the same on a display that already has a window manager (DISPLAY=…). Without
either, each window is grabbed alone at a 1366×768 client area, which hides what a title bar and
a maximised window cut off. Without --db a fresh demo county (its default size) is generated in a
temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

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


class Camera:
    """Saves a screenshot of a widget: the widget alone, or (screen mode) the whole screen."""

    def __init__(self, app: Any, out: Path, *, whole_screen: bool) -> None:
        self.app, self.out, self.whole_screen = app, out, whole_screen

    def show(self, widget: Any, size: tuple[int, int] | None = None) -> None:
        """Show a top-level window as the program would: maximised on a clerk's screen."""
        if self.whole_screen:
            widget.showMaximized()
        else:
            if size:
                widget.resize(*size)
            widget.show()
        _wait(self.app, 0.5)

    def take(self, widget: Any, name: str) -> None:
        _wait(self.app, 0.3)
        path = str(self.out / f"{name}.png")
        if self.whole_screen:
            widget.window().raise_()
            widget.window().activateWindow()
            _wait(self.app, 0.3)
            self.app.primaryScreen().grabWindow(0).save(path)
        else:
            widget.grab().save(path)


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


def _import_screens(window: Any, app: Any, camera: Camera) -> None:
    """The import wizard's pages on a township's sheet (file, columns, value mapping, check,
    result), then 设置's 本单位对应表 with the mappings that import saved."""
    screen = window.show_screen("import_export")
    wizard = screen.start_import("households")
    wizard.showMaximized()
    wizard.file_page.path.setText(str(TOWNSHIP_SHEET))
    _wait(app, 0.5)
    camera.take(wizard, "24-导入-选择文件")
    wizard.next()
    _wait(app, 0.5)
    camera.take(wizard, "24-导入-表头")
    wizard.next()
    _wait(app, 0.5)
    camera.take(wizard, "24-导入-核对列")
    wizard.next()  # reads every row, then opens the value-mapping page
    _wait(app, 0.5)
    camera.take(wizard, "25-导入-核对写法")
    if ("hardship_class", "待定") in wizard.values_page.rows:  # the clerk decides what 待定 is
        pending = wizard.values_page.combo_for(("hardship_class", "待定"))
        pending.setCurrentIndex(pending.findData("相对困难"))
    wizard.next()
    _wait(app, 0.5)
    camera.take(wizard, "25-导入-检查结果")
    wizard.next()
    _wait(app, 0.5)
    camera.take(wizard, "25-导入-完成")
    wizard.done(0)
    settings = window.show_screen("settings")
    _wait(app, 0.5)
    settings.scroll.ensureWidgetVisible(settings.vocabulary)
    camera.take(window, "26-设置-本单位对应表")
    wizard = screen.start_import("activities")
    wizard.showMaximized()
    wizard.file_page.path.setText(str(UNKNOWN_COLUMN_SHEET))
    wizard.next()
    wizard.next()
    _wait(app, 0.5)
    camera.take(wizard, "27-导入-未识别的列")
    wizard.done(0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m desktop.screenshots")
    parser.add_argument("out", type=Path, help="folder for the PNG files")
    parser.add_argument("--db", help="use this database instead of a fresh demo one")
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument(
        "--as-clerk",
        action="store_true",
        help="start Xvfb (1366×768) with openbox and take --screen shots there",
    )
    mode.add_argument(
        "--screen",
        action="store_true",
        help="maximise under the running window manager and grab the whole screen",
    )
    options = parser.parse_args(argv)
    if options.as_clerk:
        rest = [str(options.out), "--screen"] + (["--db", options.db] if options.db else [])
        return _as_clerk(rest)
    home = Path(tempfile.mkdtemp(prefix="screens-"))
    os.environ["UNION_LEDGER_HOME"] = str(home)  # fresh UI state, never the clerk's settings
    options.out.mkdir(parents=True, exist_ok=True)

    from desktop.main_window import SCREENS, MainWindow
    from desktop.opening import attach_database, detach_database
    from desktop.startup import create_application
    from models.paths import sqlite_url

    app = create_application(sys.argv[:1])
    from models.services import Ledger

    camera = Camera(app, options.out, whole_screen=options.screen)
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
    camera.show(window, SIZE)
    attach_database(window, sqlite_url(empty))
    _wait(app, 0.5)
    camera.take(window, "00-欢迎页")
    detach_database(window)

    attach_database(window, sqlite_url(db))
    if not options.db:
        _fill_recycle_bin(window.ctx.ledger)  # type: ignore[union-attr]
        window.update_counts()
    for number, (key, label) in enumerate(SCREENS, start=1):
        window.show_screen(key)
        _wait(app, 1.0)
        camera.take(window, f"{number:02d}-{label}")
    summary = window.show_screen("summary")
    summary.build()  # type: ignore[union-attr]
    _wait(app, 3.0)
    camera.take(window, "07-年度总结-预览")

    households = window.show_screen("households")
    first = households.model.id_at(0)  # type: ignore[union-attr]
    window.open_household(first)
    _wait(app, 0.5)
    view = window.file_views[first]
    if not options.screen:
        view.resize(1280, 720)
    for index, name in ((0, "户主信息"), (1, "家庭成员"), (2, "帮扶记录"), (4, "收入核算")):
        view.tabs.setCurrentIndex(index)
        camera.take(view, f"20-一户一档-{name}")
    view.close()

    dialog = households.new_household()  # type: ignore[union-attr]
    if not options.screen:
        dialog.resize(1000, 700)
    dialog.form.widgets["id_number"].setText("41160219800203002")
    dialog.form.validate_field("id_number")
    camera.take(dialog, "21-新建档案-校验")
    dialog.form._set_dirty(False)
    dialog.done(0)

    reststops = window.show_screen("reststops")
    station = reststops.open_station(reststops.model.id_at(0))  # type: ignore[union-attr]
    if not options.screen:
        station.resize(1000, 700)
    camera.take(station, "22-驿站-基本信息")
    station.tabs.setCurrentIndex(1)
    station.tabs.widget(1).year.setValue(station.tabs.widget(1).year.value() - 1)
    camera.take(station, "23-驿站-服务人次")
    station.done(0)
    if TOWNSHIP_SHEET.exists():  # a source checkout: the corpus is there
        _import_screens(window, app, camera)

    window.close()
    detach_database(window)
    print(f"截图已保存到 {options.out}")
    return 0


def _as_clerk(args: list[str]) -> int:
    """Run the --screen shots in a fresh Xvfb screen of 1366×768 with openbox managing it."""
    missing = [tool for tool in ("Xvfb", "openbox") if shutil.which(tool) is None]
    if missing:
        print(f"需要先安装 {'、'.join(missing)}（Debian：apt-get install xvfb openbox）。")
        return 2
    read_end, write_end = os.pipe()
    screen = f"{SIZE[0]}x{SIZE[1]}x24"
    xvfb = ["Xvfb", "-displayfd", str(write_end), "-screen", "0", screen, "-nolisten", "tcp"]
    with _running(xvfb, pass_fds=(write_end,)):
        os.close(write_end)
        with os.fdopen(read_end) as chosen:  # Xvfb writes the free display number it took
            display = ":" + chosen.readline().strip()
        env = dict(os.environ, DISPLAY=display, QT_QPA_PLATFORM="xcb")
        with _running(["openbox"], env=env):
            time.sleep(1.0)  # openbox takes the screen before the first window maps
            command = [sys.executable, "-m", "desktop.screenshots", *args]
            return subprocess.run(command, env=env, check=False).returncode


@contextlib.contextmanager
def _running(
    command: list[str], env: dict[str, str] | None = None, pass_fds: tuple[int, ...] = ()
) -> Iterator[None]:
    process = subprocess.Popen(
        command, env=env, pass_fds=pass_fds, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        yield
    finally:
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=5)
        if process.poll() is None:
            process.kill()


if __name__ == "__main__":
    sys.exit(main())
