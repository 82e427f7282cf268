"""The 工作台 待办 row does not search the whole ledger for duplicate people after every edit:
aid, reviews and follow-ups leave the people unchanged, so the last search still holds."""

from __future__ import annotations

from typing import Any

import pytest

from models.reviews import duplicates
from tests.desktop.helpers import wait_tasks
from tests.models.factories import household_values, id_number


def test_duplicate_search_runs_again_only_when_people_change(
    qtbot: Any, window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    ledger = window.ctx.ledger
    hid = ledger.households.create(household_values(name="刘桂芳", id_number=id_number())).id
    calls: list[int] = []
    real = duplicates.find_pairs

    def counted(s: Any) -> Any:
        calls.append(1)
        return real(s)

    monkeypatch.setattr(duplicates, "find_pairs", counted)
    dashboard = window.show_screen("dashboard")
    wait_tasks(qtbot)
    qtbot.waitUntil(lambda: "疑似重复 0" in dashboard.todo["possible_duplicates"].text())
    wait_tasks(qtbot)
    searched = len(calls)
    assert searched >= 1

    aid = {"date": "2025-12-20", "category": "送温暖慰问", "cash": "800",
           "funding_source": "本级工会经费"}  # fmt: skip
    ledger.households.add_assistance(hid, aid)
    window.ctx.bus.announce("assistance", (hid,), "create")
    ledger.reviews.record_review([hid], date="2025-12-21", reviewer="王丽", result="情况属实")
    window.ctx.bus.announce("household_reviews", (hid,), "create")
    wait_tasks(qtbot)
    assert len(calls) == searched  # the people are the same: the last search still holds

    # A new file brings new people: the search runs again.
    ledger.households.create(household_values(name="马秀珍", id_number=id_number()))
    window.ctx.bus.announce("households", (), "create")
    wait_tasks(qtbot)
    assert len(calls) > searched
