"""Saving an import's many mappings at once (the wizard keeps every wording it showed) reads each
list's saved mappings once, not once per wording: the statements stay few however many are saved."""

from __future__ import annotations

from typing import Any

from sqlalchemy import event

from models.services import Ledger


def statements_while(ledger: Ledger, work: Any) -> list[str]:
    seen: list[str] = []

    def count(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement.split(None, 1)[0].upper())

    event.listen(ledger.db.engine, "before_cursor_execute", count)
    try:
        work()
    finally:
        event.remove(ledger.db.engine, "before_cursor_execute", count)
    return seen


def test_many_mappings_are_saved_with_few_reads(ledger: Ledger) -> None:
    ledger.vocabulary.set("industry", "第0车间", "建筑业")  # one to replace, one list read
    chosen = {("industry", f"第{i}车间"): "制造业" for i in range(300)}
    chosen.update({("main_cause", f"原因{i}"): "其他" for i in range(300)})
    chosen[("industry", "第1 车间")] = "建筑业"  # the same wording spaced: replaces it

    def save() -> None:
        with ledger.db.begin() as s:
            assert ledger.vocabulary.save_in(s, chosen) == 601

    selects = statements_while(ledger, save).count("SELECT")
    assert selects <= 10, selects  # one read per list (two lists), plus the session's own
    saved = ledger.vocabulary.mappings()
    assert saved[("industry", "第0车间")] == "制造业" and len(saved) == 600
    assert saved[("industry", "第1 车间")] == "建筑业" and ("industry", "第1车间") not in saved
    with ledger.db.begin() as s:
        assert ledger.vocabulary.save_in(s, saved) == 0  # what is saved already: nothing written
