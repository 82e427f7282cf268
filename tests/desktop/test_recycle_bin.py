"""回收站: deleted records listed with who and when; restoring brings them back into every list, and
a refusal (the person now has another file) is said in Chinese and leaves the item in the bin."""

from __future__ import annotations

import datetime as dt
from typing import Any

from desktop.context import AppContext
from desktop.events import EventBus
from desktop.screens.recycle_bin import RecycleBinScreen
from models.services import Actor, HouseholdQuery, RecordQuery
from tests.desktop.helpers import wait_tasks
from tests.models.factories import household_values, id_number


def _bin_texts(screen: RecycleBinScreen) -> list[tuple[str, ...]]:
    table = screen.table
    return [
        tuple(table.item(r, c).text() for c in range(table.columnCount()))
        for r in range(table.rowCount())
    ]


def _select(screen: RecycleBinScreen, *labels: str) -> None:
    from PySide6.QtCore import QItemSelectionModel

    flags = QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows
    screen.table.clearSelection()
    for r, item in enumerate(screen.items):
        if any(text in item.label for text in labels):
            screen.table.selectionModel().select(screen.table.model().index(r, 0), flags)


def test_deleted_records_are_listed_and_restored(qtbot: Any, window: Any, answers: Any) -> None:
    ctx = window.ctx
    ledger = ctx.ledger
    ledger.settings.set_townships(["城关镇"])
    head = ledger.households.create(household_values(name="李秀英"))
    member = ledger.households.add_member(
        head.id, {"name": "李小明", "relation": "子女", "id_number": id_number(dt.date(2008, 3, 1))}
    )
    station = ledger.stations.create(
        {"name": "城关环卫驿站", "station_type": "户外劳动者服务站点", "township": "城关镇"}
    )
    ledger.households.remove_member(member.id)
    ledger.stations.delete(station.id)
    stations = window.show_screen("reststops")
    qtbot.waitUntil(lambda: stations.list.count_label.text() == "共 0 条")

    screen = window.show_screen("recycle")
    assert window.nav.currentItem().text() == "回收站"
    wait_tasks(qtbot)
    rows = _bin_texts(screen)
    assert {r[0] for r in rows} == {"家庭成员", "服务阵地"}
    assert any("李小明" in r[1] for r in rows) and any("城关环卫驿站" in r[1] for r in rows)
    today = dt.date.today().isoformat()
    assert all(r[2].startswith(today[:8]) for r in rows)  # local time, not a raw UTC stamp
    assert not screen.restore_button.isEnabled()  # nothing selected yet

    _select(screen, "李小明", "城关环卫驿站")
    assert screen.restore_button.isEnabled()
    done, problems = screen.restore_selected()
    assert (done, problems) == (2, [])
    assert [m.name for m in ledger.households.detail(head.id).members] == ["李小明"]
    window.show_screen("reststops")
    qtbot.waitUntil(lambda: stations.model.rowCount() == 1)  # the list followed the restore
    window.show_screen("recycle")
    wait_tasks(qtbot)
    assert screen.table.rowCount() == 0 and screen.count.text() == "回收站是空的"
    assert "restore" in {
        r.action for r in ledger.audit.rows(ledger.audit.search_ids(_audit_query()))
    }


def _audit_query() -> Any:
    from models.services.audit import AuditQuery

    return AuditQuery()


def test_a_refused_restore_is_explained_and_stays_in_the_bin(
    qtbot: Any, seeded: AppContext, answers: Any
) -> None:
    hs = seeded.ledger.households
    first = hs.rows(hs.search_ids(HouseholdQuery()))[0]
    child = id_number(dt.date(2009, 6, 1))
    member = hs.add_member(first.id, {"name": "王小军", "relation": "子女", "id_number": child})
    hs.remove_member(member.id)
    hs.create(household_values(name="王小军", id_number=child))  # now heads a file of his own
    screen = RecycleBinScreen(seeded)
    qtbot.addWidget(screen)
    screen.show()
    wait_tasks(qtbot)
    _select(screen, "王小军")
    done, problems = screen.restore_selected()
    assert done == 0 and len(problems) == 1
    assert "王小军" in answers.texts() and "一人只能在一个在档的困难职工档案里" in answers.texts()
    assert "仍在回收站中" in answers.texts()
    wait_tasks(qtbot)
    assert any("王小军" in r[1] for r in _bin_texts(screen))
    assert [m.name for m in hs.detail(first.id).members] == []


def test_the_bin_filters_by_kind_and_a_viewer_cannot_restore(
    qtbot: Any, seeded: AppContext
) -> None:
    st = seeded.ledger.stations
    for station_id in st.search_ids(RecordQuery()):
        st.delete(station_id)
    viewer = AppContext(
        ledger=seeded.ledger.as_actor(Actor(name="赵查看", username="zhao", role="查看")),
        bus=EventBus(),
    )
    screen = RecycleBinScreen(viewer)
    qtbot.addWidget(screen)
    screen.show()
    wait_tasks(qtbot)
    assert screen.table.rowCount() == 3
    screen.kind.setCurrentIndex(screen.kind.findData("activities"))
    wait_tasks(qtbot)
    assert screen.table.rowCount() == 0
    screen.kind.setCurrentIndex(screen.kind.findData("stations"))
    wait_tasks(qtbot)
    screen.table.selectAll()
    assert not screen.restore_button.isEnabled() and "只能查看" in screen.restore_button.toolTip()
    assert screen.restore_selected() == (0, [])
    assert st.count(RecordQuery()) == 0
    viewer.bus.deleteLater()
