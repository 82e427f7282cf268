"""HouseholdService.change_status_many: a few reading queries for the whole set (not a few per
file), the same checks and audit rows as one by one, all files or none."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import event

from models.errors import ForbiddenTransition, NotFound
from models.services import HouseholdQuery, Ledger
from models.services.audit import AuditQuery
from tests.models.factories import household_values


@contextmanager
def selects(ledger: Ledger) -> Iterator[list[str]]:
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith("SELECT"):
            seen.append(statement)

    engine = ledger.db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", record)


def _files(ledger: Ledger, n: int) -> list[int]:
    return [ledger.households.create(household_values()).id for _ in range(n)]


def test_reading_queries_do_not_grow_with_the_number_of_files(ledger: Ledger) -> None:
    ids = _files(ledger, 30)
    today = dt.date.today()
    with selects(ledger) as few:
        ledger.households.change_status_many(
            ids[:3], "脱困", date=today, reason="就业", route="就业创业"
        )
    with selects(ledger) as many:
        done = ledger.households.change_status_many(
            ids[3:], "脱困", date=today, reason="就业", route="就业创业"
        )
    assert len(many) <= len(few) + 2, many  # not 27 × (load + history + causes)
    assert [r.status for r in done] == ["已脱困"] * 27
    audit = ledger.audit.rows(ledger.audit.search_ids(AuditQuery(action="status")))
    assert sorted(a.entity_id for a in audit) == sorted(ids)
    assert all(a.changes == {"status": ["在档", "已脱困"]} for a in audit)
    history = ledger.households.detail(ids[5]).history
    assert [(c.from_status, c.to_status, c.route) for c in history][-1] == (
        "在档",
        "已脱困",
        "就业创业",
    )


def test_one_refused_file_leaves_every_file_as_it_was(ledger: Ledger) -> None:
    ids = _files(ledger, 6)
    hs = ledger.households
    today = dt.date.today()
    hs.change_status(ids[4], "销档", date=today, reason="调离")
    before = [(r.status, r.version) for r in hs.rows(ids)]
    with pytest.raises(ForbiddenTransition) as refused:
        hs.change_status_many(ids, "脱困", date=today, reason="就业", route="就业创业")
    assert refused.value.household == (hs.get(ids[4]).file_no, hs.get(ids[4]).name)
    assert [(r.status, r.version) for r in hs.rows(ids)] == before
    with pytest.raises(NotFound):
        hs.change_status_many([ids[0], 999_999], "销档", date=today, reason="调离")
    assert hs.get(ids[0]).status == "在档"
    assert hs.count(HouseholdQuery(status="已脱困")) == 0
