"""A second window (or clerk) saving something makes this window's views refresh."""

from __future__ import annotations

from typing import Any

from desktop.change_watch import ChangeWatcher
from desktop.events import Changed
from models.services import Ledger


def test_changes_saved_elsewhere_are_announced(qtbot: Any, ctx: Any, db_url: str) -> None:
    watcher = ChangeWatcher(ctx, interval_ms=50)
    qtbot.waitUntil(lambda: watcher._mark is not None, timeout=5000)
    other = Ledger.open(db_url)
    try:
        with qtbot.waitSignal(
            ctx.bus.changed,
            timeout=5000,
            check_params_cb=lambda change: (
                isinstance(change, Changed) and change.entity == "stations"
            ),
        ):
            other.stations.create(
                {"name": "另一窗口新建的驿站", "station_type": "工会驿站", "township": "城关镇"}
            )
    finally:
        watcher.stop()
        qtbot.waitUntil(lambda: not watcher._busy, timeout=5000)
        watcher.deleteLater()
        other.close()


def test_the_main_window_watches_and_stops(window: Any) -> None:
    assert window._watcher is not None
    window.stop_watching()
    assert window._watcher is None
