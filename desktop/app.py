"""Starting the window: paint first, then open the database and load the heavy libraries."""

from __future__ import annotations

import argparse
import gc
import logging
import sys
from typing import Any

from PySide6.QtCore import QSettings, QThreadPool
from PySide6.QtWidgets import QApplication

from desktop.main_window import MainWindow
from desktop.opening import Opened, detach_database, open_failed, open_ledger, show_opened
from desktop.startup import create_application
from models import paths

log = logging.getLogger(__name__)


def attach_in_background(window: MainWindow, url: str, username: str | None = None) -> Any:
    """Start-up: open `url` on a worker while the window stays responsive, then show it.

    The window shows its "正在打开数据库……" page meanwhile; navigation waits for the database.
    """
    from desktop.tasks import run_task

    first = str(QSettings().value("window/screen", "dashboard"))
    window.loading.setText("正在打开数据库……")
    window.opening = True

    def opened(result: Opened) -> None:
        window.opening = False
        try:
            show_opened(window, result, username)
        finally:
            _resume_collection()

    def failed(exc: BaseException) -> None:
        window.opening = False
        _resume_collection()
        open_failed(window, exc)

    return run_task(
        lambda control: open_ledger(url, first),
        owner=window,
        quiet=True,
        on_success=opened,
        on_error=failed,
    )


def start_window(args: argparse.Namespace) -> tuple[QApplication, MainWindow]:
    """Show the (empty) window and open the database on a worker thread.

    SQLAlchemy, the services, the database and the first screen's module load off the GUI thread,
    so the window paints at once and its menus answer while they load; openpyxl and reportlab
    load only when an import, export or PDF needs them.
    """
    # Start-up creates some million objects that live as long as the program (modules, classes,
    # the ORM's mappings). Full garbage collections over them hold the GIL for ~60 ms at a time
    # on the opening worker and freeze the window's thread with it; so collection waits until
    # the database is open, and those objects are then frozen out of every later collection.
    gc.disable()
    # Workers (opening, searching, statistics) hold the GIL in 5 ms slices by default; every call
    # from Qt into Python on the GUI thread (a paint, a click) may wait that long, several times
    # per event. 1 ms slices keep those waits short at a negligible cost to the workers.
    sys.setswitchinterval(0.001)
    app = create_application(sys.argv[:1])
    url = paths.resolve_database_url(getattr(args, "db", None), getattr(args, "database_url", None))
    window = MainWindow()
    window.show()
    attach_in_background(window, url, getattr(args, "user", None))
    return app, window


def _resume_collection() -> None:
    gc.freeze()  # what start-up created stays; later collections skip it
    gc.enable()


def run_window(args: argparse.Namespace) -> int:
    """`main.py` with no command: the window on --db/--database-url or the default database."""
    app, window = start_window(args)
    code = app.exec()
    detach_database(window)
    QThreadPool.globalInstance().waitForDone(10_000)  # let a start-up backup finish cleanly
    return code
