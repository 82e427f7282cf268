"""The importer's look-ups go through the index of what they look up, not a scan of live records.

Beside an IN list of ID numbers, a `deleted_at IS NULL` condition made SQLite walk the
deleted_at index (every live file) for each chunk: member and aid imports grew with the square of
the ledger's size (100,000 member rows at 4× the per-row cost of households). Every SELECT a
member and an aid import sends is asked for its plan here.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from sqlalchemy import event

from models.normalize import normalize_record
from models.services.imports import ImportRow
from tests.models.factories import household_values, id_number

pytestmark = pytest.mark.sqlite_only


def _row(kind: str, values: dict, number: int, **keys: str) -> ImportRow:
    clean, errors = normalize_record(kind, values, partial=True)
    assert not errors, errors
    return ImportRow("s", number, clean, keys)


def _plans(ledger, kind: str, rows: list[ImportRow]) -> list[tuple[str, str]]:
    sent: list[tuple[str, tuple]] = []

    def seen(_conn, _cursor, statement, parameters, _context, executemany) -> None:
        if statement.lstrip().upper().startswith("SELECT") and not executemany:
            sent.append((statement, tuple(parameters or ())))

    event.listen(ledger.db.engine, "before_cursor_execute", seen)
    try:
        result = ledger.imports.apply(kind, rows, file_name="t.xlsx")
    finally:
        event.remove(ledger.db.engine, "before_cursor_execute", seen)
    assert not result.rejected, [r.message for r in result.rejected]
    conn = sqlite3.connect(ledger.db.engine.url.database)
    try:
        return [
            (statement, step[3])
            for statement, parameters in sent
            for step in conn.execute("EXPLAIN QUERY PLAN " + statement, parameters)
        ]
    finally:
        conn.close()


def test_member_and_aid_imports_find_files_by_their_indexes(ledger) -> None:
    heads = [
        ledger.households.create(
            household_values(id_number=id_number(dt.date(1970, 1, 1) + dt.timedelta(days=i)))
        )
        for i in range(12)
    ]
    members = [
        _row("members", {"name": f"王小{'一二三四五六七八九十甲乙'[i]}", "relation": "子女",
                         "id_number": id_number(dt.date(2010, 1, 1) + dt.timedelta(days=i))},
             i + 2, head_id_number=h.id_number)
        for i, h in enumerate(heads)
    ]  # fmt: skip
    aid = [
        _row("assistance", {"date": "2024-01-10", "category": "送温暖慰问", "cash": "500",
                            "funding_source": "本级工会经费"}, i + 2, head_id_number=h.id_number)
        for i, h in enumerate(heads)
    ]  # fmt: skip
    plans = _plans(ledger, "members", members) + _plans(ledger, "assistance", aid)
    assert plans
    scans = [(sql, step) for sql, step in plans if "ix_households_deleted_at" in step]
    assert not scans, scans
