"""One background-task helper: long work (import, export, PDF) runs off the GUI thread.

The work function receives a `TaskControl` to report progress and to notice cancellation; its
result, error and progress come back through Qt queued signals, so callbacks run on the GUI thread.
Workers are handed ids and file paths, never live objects.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import shiboken6

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot


class Cancelled(Exception):
    """Raised inside a worker when the clerk pressed 取消."""


class TaskControl:
    """Handed to the work function: `progress(done, total, text)` and `check()` for cancellation."""

    def __init__(self, signals: _TaskSignals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def progress(self, done: int, total: int = 0, text: str = "") -> None:
        self._signals.progress.emit(int(done), int(total), text)
        self.check()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def check(self) -> None:
        if self._cancel.is_set():
            raise Cancelled

    def cancel(self) -> None:
        self._cancel.set()


class _TaskSignals(QObject):
    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    done = Signal()


class _Runner(QRunnable):
    def __init__(
        self, work: Callable[[TaskControl], Any], signals: _TaskSignals, control: TaskControl
    ) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._work, self._signals, self._control = work, signals, control

    @Slot()
    def run(self) -> None:
        try:
            result = self._work(self._control)
        except Cancelled:
            self._signals.cancelled.emit()
        except BaseException as exc:  # noqa: BLE001 - reported to the GUI thread, never swallowed
            self._signals.failed.emit(exc)
        else:
            # Finished before it noticed the cancel: the work is done (e.g. committed), say so.
            self._signals.succeeded.emit(result)
        finally:
            self._signals.done.emit()


class Task(QObject):
    """A running background job; keep a reference while it runs (the window's TaskRunner does)."""

    progress = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    done = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _TaskSignals()
        self.control = TaskControl(self._signals)
        self.running = False
        self.quiet = False
        # Signals are emitted from the worker thread; the receivers live here, so Qt queues them.
        self._signals.progress.connect(self.progress)
        self._signals.succeeded.connect(self.succeeded)
        self._signals.failed.connect(self.failed)
        self._signals.cancelled.connect(self.cancelled)
        self._signals.done.connect(self._finish)

    def cancel(self) -> None:
        self.control.cancel()

    def _finish(self) -> None:
        self.running = False
        self.done.emit()


_live: set[Task] = set()


def run_task(
    work: Callable[[TaskControl], Any],
    *,
    on_success: Callable[[Any], None] | None = None,
    on_error: Callable[[BaseException], None] | None = None,
    on_progress: Callable[[int, int, str], None] | None = None,
    on_cancel: Callable[[], None] | None = None,
    on_done: Callable[[], None] | None = None,
    pool: QThreadPool | None = None,
    owner: QObject | None = None,
    quiet: bool = False,
) -> Task:
    """Start `work(control)` on the thread pool; callbacks run on the GUI thread.

    With `owner` (the screen that asked), callbacks are skipped once it has been destroyed: a
    result arriving after its window closed is dropped instead of touching deleted widgets.
    """
    if owner is not None:
        on_success, on_error, on_progress, on_cancel, on_done = (
            _guarded(owner, cb) for cb in (on_success, on_error, on_progress, on_cancel, on_done)
        )
    task = Task()
    task.quiet = quiet  # housekeeping (figures, start-up checks): closing need not ask about it
    if on_success:
        task.succeeded.connect(on_success)
    if on_error:
        task.failed.connect(on_error)
    if on_progress:
        task.progress.connect(on_progress)
    if on_cancel:
        task.cancelled.connect(on_cancel)
    if on_done:
        task.done.connect(on_done)
    _live.add(task)
    task.done.connect(lambda: _live.discard(task))
    task.running = True
    (pool or QThreadPool.globalInstance()).start(_Runner(work, task._signals, task.control))
    return task


def _guarded(owner: QObject, callback: Callable[..., Any] | None) -> Callable[..., Any] | None:
    if callback is None:
        return None

    def call(*args: Any) -> Any:
        if shiboken6.isValid(owner):
            return callback(*args)
        return None

    return call


def running_tasks(*, include_quiet: bool = False) -> int:
    """Jobs the clerk started and would lose by quitting (imports, exports, PDFs)."""
    return sum(1 for t in _live if t.running and (include_quiet or not t.quiet))
