"""Starting the window: paint first, then open the database and load the heavy libraries."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from desktop.events import EventBus
from desktop.main_window import MainWindow
from desktop.startup import create_application
from models import paths

log = logging.getLogger(__name__)


def open_ledger_for_window(url: str, username: str | None, parent: QWidget | None) -> Any:
    """Open (and migrate) the database; ask for a password when accounts are enabled.

    Returns the Ledger acting as the logged-in operator, or None when the clerk gave up.
    """
    from desktop.login import ask_login
    from models.services import Actor, Ledger

    ledger = Ledger.open(url, read_only_fallback=True)
    try:
        if ledger.accounts.enabled():
            actor = ask_login(ledger, username, parent)
            if actor is None:
                ledger.close()
                return None
        else:
            actor = Actor(name=username or "", username=username or "")
        ledger = ledger.as_actor(actor)
    except BaseException:
        ledger.close()
        raise
    return ledger


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
    """Open `url` in `window` (replacing whatever it showed); False when it could not be opened."""
    from desktop import dialogs
    from desktop.context import AppContext
    from desktop.screens.welcome import is_empty

    try:
        ledger = open_ledger_for_window(url, username, window)
    except Exception as exc:  # noqa: BLE001 - a refusal or a broken file: say so, keep the window
        window.loading.setText(
            "数据库未能打开：\n"
            + dialogs.describe(exc)
            + "\n\n可以用菜单“文件 → 打开其他数据库…”选择另一个数据库文件。"
        )
        window.open_db_action.setEnabled(True)
        dialogs.show_error(window, exc, "无法打开数据库")
        return False
    if ledger is None:
        window.loading.setText("未登录。可以用菜单“文件 → 打开其他数据库…”重新打开。")
        return False
    detach_database(window)
    ctx = AppContext(ledger=ledger, bus=EventBus(window))
    window.attach(ctx, welcome=is_empty(ctx))
    startup_checks(ledger, window)
    return True


def detach_database(window: MainWindow) -> None:
    import shiboken6

    if not shiboken6.isValid(window):
        return
    if window.ctx is None:
        return
    window.save_layout()
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


def start_window(args: argparse.Namespace) -> tuple[QApplication, MainWindow]:
    """Show the (empty) window and let it paint, then queue opening the database.

    The database, SQLAlchemy and the screens load after the first paint, so the clerk sees the
    window at once; openpyxl and reportlab load only when an import, export or PDF needs them.
    """
    app = create_application(sys.argv[:1])
    url = paths.resolve_database_url(getattr(args, "db", None), getattr(args, "database_url", None))
    window = MainWindow()
    window.show()
    app.processEvents()  # expose and paint now, before the slow part below
    QTimer.singleShot(0, lambda: attach_database(window, url, getattr(args, "user", None)))
    return app, window


def run_window(args: argparse.Namespace) -> int:
    """`main.py` with no command: the window on --db/--database-url or the default database."""
    app, window = start_window(args)
    code = app.exec()
    detach_database(window)
    QThreadPool.globalInstance().waitForDone(10_000)  # let a start-up backup finish cleanly
    return code


def main() -> int:  # pragma: no cover - convenience for `python -m desktop.app`
    from main import build_parser

    return run_window(build_parser().parse_args([]))


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())


__all__ = ["QApplication", "attach_database", "run_window"]
