"""Opening a ledger in the window: the worker's reading, logging in, attaching and detaching it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QWidget

from desktop.events import EventBus

if TYPE_CHECKING:
    from desktop.main_window import MainWindow


@dataclass(frozen=True)
class Opened:
    """What the opening worker read, so the GUI thread has no query to wait for."""

    ledger: Any  # models.services.Ledger, acting as nobody yet
    login_required: bool
    org_name: str
    townships: list[str]
    empty: bool
    counts: tuple[int, int, int, int]


def open_ledger(url: str, first_screen: str = "") -> Opened:
    """Open (and migrate) the database and read what the first screen needs; any thread.

    Run on a worker at start-up: SQLAlchemy and the services import here (~0.5 s), the file is
    opened and its schema checked (~0.15 s), the counts read (~0.15 s at 100,000 households).
    """
    from models.services import Ledger

    if first_screen:
        preload_screen(first_screen)
    ledger = Ledger.open(url, read_only_fallback=True)
    try:
        settings = ledger.settings
        org_name = settings.org_name
        townships = settings.townships()
        counts = record_counts(ledger)
        empty = not (
            org_name or townships or settings.townships(include_inactive=True) or any(counts)
        )
        return Opened(ledger, ledger.accounts.enabled(), org_name, townships, empty, counts)
    except BaseException:
        ledger.close()
        raise


def preload_screen(key: str) -> None:
    """Import the first screen's module (and QtCharts, the forms …) on the worker too."""
    import importlib

    modules = {
        # The dashboard's statistics worker would otherwise import models.statistics (~50 ms of
        # module code) just as the GUI thread paints the new screen, stalling it for 50-80 ms.
        "dashboard": ("desktop.screens.dashboard", "models.statistics"),
        "stations": ("desktop.screens.stations",),
        "reststops": ("desktop.screens.stations",),
        "households": ("desktop.screens.households",),
        "activities": ("desktop.screens.activities",),
        "summary": ("desktop.screens.summary",),
    }.get(key, ())
    for module in modules:
        importlib.import_module(module)


def log_in(opened: Opened, username: str | None, parent: QWidget | None) -> Any:
    """The Ledger acting as the operator (asking for a password when accounts are enabled), or
    None when the clerk gave up (the database is closed then)."""
    from desktop.login import ask_login
    from models.services import Actor

    ledger = opened.ledger
    try:
        if opened.login_required:
            actor = ask_login(ledger, username, parent)
            if actor is None:
                ledger.close()
                return None
        else:
            actor = Actor(name=username or "", username=username or "")
        return ledger.as_actor(actor)
    except BaseException:
        ledger.close()
        raise


def startup_checks(ledger: Any, window: MainWindow) -> None:
    """The day's first backup and the quick integrity check, off the GUI thread; notices shown."""
    from desktop import dialogs
    from desktop.tasks import run_task

    def work(control: Any) -> Any:
        return ledger.maintenance.startup()

    def done(report: Any) -> None:
        if report.notices:
            window.show_notice("　".join(report.notices))

    run_task(
        work,
        owner=window,
        quiet=True,
        on_success=done,
        on_error=lambda exc: window.show_notice("启动检查没有完成：" + dialogs.describe(exc)),
    )


def attach_database(window: MainWindow, url: str, username: str | None = None) -> bool:
    """Open `url` in `window` now (文件 → 打开其他数据库…); False when it could not be opened."""
    try:
        opened = open_ledger(url)
    except Exception as exc:  # noqa: BLE001 - a refusal or a broken file: say so, keep the window
        open_failed(window, exc)
        return False
    return show_opened(window, opened, username)


def create_database(window: MainWindow, path: str) -> bool:
    """文件 → 新建台账…: a new, empty ledger file at `path` (never over an existing file, the same
    creation as `main.py --db PATH init`), then open it in `window` on its welcome page."""
    from desktop import dialogs
    from models.errors import DatabaseProblem
    from models.paths import sqlite_url
    from models.services import Ledger

    target = Path(path)
    if target.exists():
        dialogs.warn(
            window,
            "无法新建台账",
            f"“{target}”已存在。新建台账不会改动已有的文件：要使用它，请用“打开其他数据库…”；"
            "要新建，请换一个文件名。",
        )
        return False
    try:
        Ledger.open(sqlite_url(target), create=True).close()
    except (DatabaseProblem, OSError) as exc:
        dialogs.show_error(window, exc, "无法新建台账")
        return False
    return attach_database(window, sqlite_url(target))


def show_opened(window: MainWindow, opened: Opened, username: str | None = None) -> bool:
    """On the GUI thread: log in, replace what the window showed, build the first screen."""
    from desktop import dialogs
    from desktop.context import AppContext

    try:
        ledger = log_in(opened, username, window)
    except Exception as exc:  # noqa: BLE001
        dialogs.show_error(window, exc, "无法登录")
        ledger = None
    if ledger is None:
        window.loading.setText("未登录。可以用菜单“文件 → 打开其他数据库…”重新打开。")
        window.open_db_action.setEnabled(True)
        return False
    detach_database(window)
    ctx = AppContext(ledger=ledger, bus=EventBus(window), _townships=list(opened.townships))
    window.attach(ctx, welcome=opened.empty, org_name=opened.org_name, counts=opened.counts)
    startup_checks(ledger, window)
    return True


def open_failed(window: MainWindow, exc: BaseException) -> None:
    from desktop import dialogs

    window.loading.setText(
        "数据库未能打开：\n"
        + dialogs.describe(exc)
        + "\n\n可以用菜单“文件 → 打开其他数据库…”选择另一个数据库文件。"
    )
    window.open_db_action.setEnabled(True)
    dialogs.show_error(window, exc, "无法打开数据库")


def detach_database(window: MainWindow) -> None:
    import shiboken6

    if not shiboken6.isValid(window):
        return
    if window.ctx is None:
        return
    window.save_layout()
    window.stop_watching()
    for view in list(window.file_views.values()):
        view.close()
    for widget in window.screens.values():
        window.stack.removeWidget(widget)
        widget.deleteLater()
    window.screens.clear()
    window.ctx.bus.deleteLater()
    window.ctx.ledger.close()
    window.ctx = None
    window._reset_unmask_action()


def record_counts(ledger: Any) -> tuple[int, int, int, int]:
    """(households, of them 在档, stations, activities) for the status bar; any thread."""
    from models.services import HouseholdQuery

    return (
        ledger.households.count(),
        ledger.households.count(HouseholdQuery(status="在档")),
        ledger.stations.count(),
        ledger.activities.count(),
    )
