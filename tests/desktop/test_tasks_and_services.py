"""The background-task helper (callbacks on the GUI thread, errors, cancel, owner gone) and the
service addition the window needs (all-or-nothing bulk status change)."""

from __future__ import annotations

import datetime as dt
import threading
import time
from typing import Any

import pytest

from PySide6.QtCore import QObject

from desktop.tasks import Cancelled, run_task, running_tasks
from models.errors import ForbiddenTransition
from models.services import HouseholdQuery
from tests.desktop.helpers import wait_tasks


def test_result_and_progress_arrive_on_the_gui_thread(qtbot: Any) -> None:
    seen: list[Any] = []
    gui = threading.get_ident()

    def work(control: Any) -> int:
        assert threading.get_ident() != gui
        for i in range(3):
            control.progress(i + 1, 3, f"第{i + 1}步")
        return 42

    run_task(
        work,
        on_progress=lambda d, t, text: seen.append((threading.get_ident(), d, text)),
        on_success=lambda value: seen.append((threading.get_ident(), "done", value)),
    )
    wait_tasks(qtbot)
    assert seen[-1] == (gui, "done", 42)
    assert [s[1] for s in seen[:3]] == [1, 2, 3] and all(s[0] == gui for s in seen)


def test_errors_are_reported_not_raised(qtbot: Any) -> None:
    errors: list[BaseException] = []
    run_task(lambda control: 1 / 0, on_error=errors.append)
    wait_tasks(qtbot)
    assert isinstance(errors[0], ZeroDivisionError)


def test_cancel_stops_at_the_next_check(qtbot: Any) -> None:
    events: list[str] = []
    started = threading.Event()

    def work(control: Any) -> None:
        started.set()
        while True:
            time.sleep(0.01)
            control.check()

    task = run_task(
        work,
        on_cancel=lambda: events.append("cancelled"),
        on_success=lambda _: events.append("finished"),
    )
    assert running_tasks() == 1
    started.wait(5)
    task.cancel()
    wait_tasks(qtbot)
    assert events == ["cancelled"] and running_tasks() == 0
    with pytest.raises(Cancelled):
        task.control.check()


def test_callbacks_skipped_when_the_owner_is_gone(qtbot: Any) -> None:
    owner = QObject()
    seen: list[Any] = []
    gate = threading.Event()
    run_task(lambda control: gate.wait(5), owner=owner, on_success=seen.append)
    owner.deleteLater()
    qtbot.wait(50)
    gate.set()
    wait_tasks(qtbot)
    assert seen == []


def test_bulk_status_change_is_all_or_nothing(seeded: Any) -> None:
    hs = seeded.ledger.households
    ids = hs.search_ids(HouseholdQuery())
    today = dt.date.today()
    hs.change_status(ids[0], "脱困", date=today, reason="就业", route="就业创业")
    with pytest.raises(ForbiddenTransition) as refused:
        hs.change_status_many(ids[:3], "销档", date=today, reason="调离")
    assert refused.value.household[0] == hs.get(ids[0]).file_no  # says which file
    assert [r.status for r in hs.rows(ids[:3])] == ["已脱困", "在档", "在档"]
    done = hs.change_status_many(ids[1:3], "销档", date=today, reason="调离")
    assert [r.status for r in done] == ["已销档", "已销档"]
