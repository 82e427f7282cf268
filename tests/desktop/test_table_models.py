"""The list models: Qt's model contract (qtmodeltester), SQL sorting and filtering, lazy rows."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from desktop.models.lazy_table import BLOCK, ID_ROLE
from desktop.models.record_lists import (
    ActivityListModel,
    AuditListModel,
    HouseholdListModel,
    StationListModel,
)
from models.services import HouseholdQuery, RecordQuery
from models.services.audit import AuditQuery


def _loaded(model: Any) -> Any:
    model.set_query(model.query)
    return model


def test_household_model_passes_qtmodeltester(qtmodeltester: Any, seeded: Any) -> None:
    model = _loaded(HouseholdListModel(seeded.ledger.households, HouseholdQuery()))
    assert model.rowCount() == 5
    qtmodeltester.check(model, force_py=True)


def test_station_activity_audit_models_pass_qtmodeltester(qtmodeltester: Any, seeded: Any) -> None:
    ledger = seeded.ledger
    for model in (
        StationListModel(ledger.stations, RecordQuery()),
        StationListModel(
            ledger.stations, RecordQuery(kind_filter="户外劳动者服务站点"), rest_stops=True
        ),
        ActivityListModel(ledger.activities, RecordQuery()),
        AuditListModel(ledger.audit, AuditQuery()),
    ):
        _loaded(model)
        assert model.rowCount() > 0
        qtmodeltester.check(model, force_py=True)


def test_empty_model_passes_qtmodeltester(qtmodeltester: Any, ctx: Any) -> None:
    model = _loaded(HouseholdListModel(ctx.ledger.households, HouseholdQuery()))
    assert model.rowCount() == 0
    qtmodeltester.check(model, force_py=True)


def test_sort_runs_in_sql_and_keeps_filters(seeded: Any) -> None:
    model = _loaded(HouseholdListModel(seeded.ledger.households, HouseholdQuery(township="城关镇")))
    name_column = next(i for i, c in enumerate(model.columns) if c.key == "name")
    model.sort(name_column, Qt.SortOrder.DescendingOrder)
    names = [model.index(r, name_column).data() for r in range(model.rowCount())]
    assert names == ["张丽", "张建国"]  # by pinyin, Z→A: 丽 lì after 建 jiàn
    assert model.query.township == "城关镇" and model.query.sort == "name"


def test_unsortable_column_is_ignored(seeded: Any) -> None:
    model = _loaded(HouseholdListModel(seeded.ledger.households, HouseholdQuery()))
    cause = next(i for i, c in enumerate(model.columns) if c.key == "main_cause")
    before = list(model.ids)
    model.sort(cause)
    assert model.ids == before


def test_search_and_counts(seeded: Any) -> None:
    model = _loaded(HouseholdListModel(seeded.ledger.households, HouseholdQuery()))
    model.set_filters(text="张")
    assert model.shown() == 2 and model.total() == 5


def test_ids_masked_unless_unmasked(seeded: Any, qtbot: Any) -> None:
    model = _loaded(HouseholdListModel(seeded.ledger.households, HouseholdQuery()))
    column = next(i for i, c in enumerate(model.columns) if c.key == "id_number")
    assert "*" in model.index(0, column).data()
    with qtbot.waitSignal(model.dataChanged):
        model.set_unmasked(True)
    assert "*" not in model.index(0, column).data() and len(model.index(0, column).data()) == 18


class CountingSource:
    """A fake service with many ids that records how many rows each call asked for."""

    def __init__(self, n: int) -> None:
        self.n = n
        self.fetches: list[int] = []

    def search_ids(self, query: Any, limit: int | None = None) -> list[int]:
        return list(range(1, self.n + 1))

    def count(self, query: Any = None) -> int:
        return self.n

    def rows(self, ids: Any) -> list[Any]:
        from types import SimpleNamespace

        self.fetches.append(len(ids))
        return [SimpleNamespace(id=i, name=f"户{i}", status="在档") for i in ids]


def test_big_lists_search_in_the_background_and_fetch_rows_in_blocks(qtbot: Any) -> None:
    from desktop.models.lazy_table import Column, LazyTableModel

    class Model(LazyTableModel):
        columns = (Column("name", "姓名"),)

    source = CountingSource(100_000)
    model = Model(source, RecordQuery())
    with qtbot.waitSignal(model.loaded, timeout=10000):
        model.set_query(RecordQuery())
        assert model.is_loading and model.rowCount() == 0  # the GUI thread did not wait
    assert model.rowCount() == 100_000 and source.fetches == []
    assert model.index(99_999, 0).data() == "户100000"
    assert model.index(99_998, 0).data(ID_ROLE) == 99_999
    assert model.index(99_990, 0).data() == "户99991"
    assert source.fetches and max(source.fetches) <= BLOCK and sum(source.fetches) <= BLOCK


def test_refresh_drops_deleted_rows_and_row_gone_meanwhile_shows_placeholder(seeded: Any) -> None:
    model = _loaded(StationListModel(seeded.ledger.stations, RecordQuery()))
    first = model.id_at(0)
    seeded.ledger.stations.delete(first)
    model.refresh()
    assert first not in model.ids and model.shown() == 2
    model._ids.append(999_999)  # an id whose row vanished between the search and the paint
    assert model.index(model.rowCount() - 1, 1).data() == "（已删除）"


def test_a_late_background_result_never_replaces_a_newer_one(qtbot: Any, seeded: Any) -> None:
    model = HouseholdListModel(seeded.ledger.households, HouseholdQuery())
    model.background_rows = 0  # force the background path on a small list
    model.set_query(HouseholdQuery(text="张"))
    with qtbot.waitSignal(model.loaded, timeout=10000):
        model.set_query(HouseholdQuery(text="李"))
    qtbot.wait(200)  # the first search has finished too by now
    names = {model.index(r, 1).data() for r in range(model.rowCount())}
    assert names == {"李秀英"} and model.query.text == "李"
