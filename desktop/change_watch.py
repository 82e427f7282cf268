"""Notices what another window, or another clerk on the office server, saved, and tells the views.

Every service writes an audit row with each change, so the newest audit id is a change counter
that works on SQLite and PostgreSQL alike. The poll runs off the GUI thread."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer

from desktop.context import AppContext
from desktop.tasks import run_task

POLL_MS = 3000


class ChangeWatcher(QObject):
    """Polls `ledger.audit.changes_since` and announces each changed kind of record on the bus."""

    def __init__(self, ctx: AppContext, parent: QObject | None = None, interval_ms: int = POLL_MS):
        super().__init__(parent)
        self.ctx = ctx
        self._mark: int | None = None
        self._busy = False
        self._timer = QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.poll)
        self._timer.start()
        self.poll()  # learn where the log stands now, so only later changes are announced

    def poll(self) -> None:
        if self._busy:
            return
        self._busy = True
        audit, mark = self.ctx.ledger.audit, self._mark
        run_task(
            lambda _control: audit.changes_since(mark),
            on_success=self._arrived,
            on_error=lambda _exc: None,  # a busy or unreachable database: try again next tick
            on_done=self._idle,
            owner=self,
            quiet=True,
        )

    def stop(self) -> None:
        self._timer.stop()

    def _idle(self) -> None:
        self._busy = False

    def _arrived(self, result: Any) -> None:
        newest, entities = result
        first, self._mark = self._mark is None, newest
        if first:
            return
        for entity in sorted(entities):
            self.ctx.bus.announce(entity, (), "external")
