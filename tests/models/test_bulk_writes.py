"""bulk_writes.insert_rows stores exactly what SQLAlchemy's own insert of the same rows stores.

On SQLite it binds values itself and gives the ids beforehand; elsewhere it is SQLAlchemy's
insertmanyvalues. Either way: the same column values (money, dates, JSON, booleans, defaults),
each row's own id even when rows give different sets of columns, nothing on rollback.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import insert, select

from models.schema import AuditEntry, Household
from models.services.bulk_writes import insert_rows

TABLE = Household.__table__


def _rows(n: int, start: int) -> list[dict[str, Any]]:
    """Households as the importer gives them: some leave optional columns out."""
    rows = []
    for i in range(n):
        row = {
            "file_no": f"KN2024{start + i:05d}",
            "name": "张建国" + "甲乙丙"[i % 3],
            "gender": "女" if i % 2 else "男",
            "id_number": f"41160219800101{start + i:04d}",
            "township": "城关镇",
            "hardship_class": "深度困难",
            "main_cause": "患重特大疾病",
            "birth_date": dt.date(1980, 1, 1),
            "filed_date": dt.date(2024, 1, 1) + dt.timedelta(days=i),
            "created_by": "测试",
        }
        if i % 3 == 0:  # a second set of columns, interleaved with the first
            row.update(
                monthly_income=Decimal("1234.56"),
                single_parent=True,
                original_wording={"main_cause": "因病"},
                reviewed_date=dt.date(2024, 6, 30),
            )
        rows.append(row)
    return rows


def _stored(s, file_nos: list[str]) -> list[dict[str, Any]]:
    found = s.execute(select(TABLE).where(TABLE.c.file_no.in_(file_nos))).mappings()
    by_no = {r["file_no"]: dict(r) for r in found}
    return [by_no[f] for f in file_nos]


def test_insert_rows_stores_what_sqlalchemy_stores(ledger) -> None:
    ours, theirs = _rows(7, 0), _rows(7, 100)
    with ledger.db.begin() as s:
        ids = insert_rows(s, TABLE, ours, ids=True)
        for row in theirs:
            s.execute(insert(TABLE), [row])
        mine = _stored(s, [r["file_no"] for r in ours])
        other = _stored(s, [r["file_no"] for r in theirs])
    assert ids == [r["id"] for r in mine]  # each row's own id, across both sets of columns
    assert len(set(ids)) == len(ids)
    differ = {"id", "file_no", "id_number", "created_at", "updated_at"}
    for a, b in zip(mine, other, strict=True):
        assert {k: v for k, v in a.items() if k not in differ} == {
            k: v for k, v in b.items() if k not in differ
        }
        assert a["version"] == 1 and a["status"] == "在档"  # column defaults, as SQLAlchemy fills
        assert isinstance(a["created_at"], dt.datetime)
    assert mine[0]["monthly_income"] == Decimal("1234.56")
    assert mine[0]["original_wording"] == {"main_cause": "因病"}
    assert mine[1]["original_wording"] is None and mine[0]["single_parent"] is True


def test_insert_rows_ids_follow_what_is_on_file(ledger) -> None:
    with ledger.db.begin() as s:
        first = insert_rows(s, TABLE, _rows(3, 0), ids=True)
    with ledger.db.begin() as s:
        second = insert_rows(s, TABLE, _rows(4, 10), ids=True)
        audit = [
            {"operator": "测试", "action": "create", "entity": "households", "entity_id": i,
             "changes": {"name": [None, "王芳"]}, "batch_id": None, "note": None}
            for i in second
        ]  # fmt: skip
        assert insert_rows(s, AuditEntry.__table__, audit) == []
    assert min(second) > max(first)
    with ledger.db.read() as s:
        entries = s.scalars(select(AuditEntry).where(AuditEntry.entity_id.in_(second))).all()
        assert sorted(e.entity_id for e in entries) == sorted(second)
        assert all(e.changes == {"name": [None, "王芳"]} and e.at is not None for e in entries)


def test_insert_rows_writes_nothing_when_the_transaction_fails(ledger) -> None:
    with pytest.raises(RuntimeError), ledger.db.begin() as s:
        insert_rows(s, TABLE, _rows(5, 0), ids=True)
        raise RuntimeError("中途失败")
    with ledger.db.read() as s:
        assert s.execute(select(TABLE.c.id)).first() is None
