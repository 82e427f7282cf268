"""Fuzzing the services with random field values: a saved row or a Chinese refusal, and a refusal
leaves the database exactly as it was."""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import text

from models.errors import LedgerError
from models.normalize import RULES_BY_KIND
from models.schema import Base
from models.services import Ledger
from tests.fuzz.strategies import FUZZ, cell_value, chinese
from tests.models.factories import household_values


def _fingerprint(ledger: Ledger) -> dict[str, Any]:
    with ledger.db.engine.connect() as conn:
        counts = {
            t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one()
            for t in Base.metadata.tables
        }
        counts["versions"] = conn.execute(text("SELECT sum(version) FROM households")).scalar()
    return counts


def _attempt(ledger: Ledger, call: Any) -> None:
    before = _fingerprint(ledger)
    try:
        call()
    except LedgerError as exc:
        assert chinese(exc.message), exc.message
        assert _fingerprint(ledger) == before, "被拒绝的操作改动了数据库"


def _mutated(data: st.DataObject, base: dict[str, Any], kind: str) -> dict[str, Any]:
    fields = sorted(RULES_BY_KIND[kind])
    broken = data.draw(st.lists(st.sampled_from(fields), unique=True, min_size=1, max_size=5))
    values = dict(base)
    for field in broken:
        values[field] = data.draw(cell_value)
    return values


@FUZZ
@given(st.data())
def test_create_household_with_random_values(ledger: Ledger, data: st.DataObject) -> None:
    values = _mutated(data, household_values(), "households")
    _attempt(ledger, lambda: ledger.households.create(values))


@FUZZ
@given(st.data())
def test_update_member_and_assistance_with_random_values(
    ledger: Ledger, data: st.DataObject
) -> None:
    if not ledger.households.count():
        ledger.households.create(household_values())
    target = ledger.households.search_ids(
        __import__("models.services", fromlist=["x"]).HouseholdQuery()
    )[0]
    what = data.draw(st.sampled_from(["update", "member", "assistance", "status"]))
    if what == "update":
        values = _mutated(data, {}, "households")
        _attempt(ledger, lambda: ledger.households.update(target, values))
    elif what == "member":
        values = _mutated(data, {"name": "张小红", "relation": "子女"}, "members")
        _attempt(ledger, lambda: ledger.households.add_member(target, values))
    elif what == "assistance":
        base = {
            "date": "2024-01-10",
            "category": "生活救助",
            "cash": "500",
            "funding_source": "省财政",
        }
        values = _mutated(data, base, "assistance")
        _attempt(ledger, lambda: ledger.households.add_assistance(target, values))
    else:
        action = data.draw(st.sampled_from(["脱困", "销档", "返困", "建档", "乱写"]))
        kwargs = {
            "date": data.draw(cell_value),
            "reason": data.draw(cell_value),
            "route": data.draw(cell_value),
        }
        _attempt(ledger, lambda: ledger.households.change_status(target, action, **kwargs))
    assert ledger.maintenance.check(quick=True).healthy


@FUZZ
@given(st.data())
def test_create_station_and_activity_with_random_values(
    ledger: Ledger, data: st.DataObject
) -> None:
    kind = data.draw(st.sampled_from(["stations", "activities"]))
    service = ledger.stations if kind == "stations" else ledger.activities
    fields = sorted(RULES_BY_KIND[kind])
    chosen = data.draw(st.lists(st.sampled_from(fields), unique=True, max_size=len(fields)))
    values = {f: data.draw(cell_value) for f in chosen}
    _attempt(ledger, lambda: service.create(values))
