"""Privacy in the window: personal numbers masked everywhere until a permitted clerk turns on
查看 → 显示完整号码 (audited), and the cover sheet prints what the window shows."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from desktop.context import AppContext
from desktop.events import EventBus
from desktop.screens.household_file import HouseholdFileView
from desktop.screens.households import HouseholdsScreen
from desktop.screens.stations import StationsScreen
from models.errors import PermissionDenied
from models.services import Actor
from tests.desktop.helpers import wait_tasks
from tests.models.factories import household_values, id_number


def _column(model: Any, key: str) -> int:
    return next(i for i, c in enumerate(model.columns) if c.key == key)


def _audit_actions(ledger: Any) -> list[str]:
    from models.services.audit import AuditQuery

    return [r.action for r in ledger.audit.rows(ledger.audit.search_ids(AuditQuery()))]


@pytest.fixture
def filed(window: Any) -> Any:
    """The window (administrator, login off) with one household whose numbers are known."""
    ledger = window.ctx.ledger
    ledger.settings.set_townships(["城关镇"])
    number = id_number()
    row = ledger.households.create(
        household_values(
            name="张建国",
            id_number=number,
            phone="13812345678",
            bank_card="6217000010001234567",
            township="城关镇",
        )
    )
    window.ctx.bus.announce("households", (row.id,), "create")
    return window, row


def test_an_administrator_sees_masked_numbers_until_asking(qtbot: Any, filed: Any) -> None:
    window, row = filed
    action = window.unmask_action
    assert action.isEnabled() and not action.isChecked()  # off at every start
    screen = window.show_screen("households")
    qtbot.waitUntil(lambda: screen.model.rowCount() == 1)
    model = screen.model
    id_cell, phone_cell = (model.index(0, _column(model, k)) for k in ("id_number", "phone"))
    assert id_cell.data() != row.id_number and "*" in id_cell.data()
    assert "*" in phone_cell.data()
    window.open_household(row.id)
    view = window.file_views[row.id]
    qtbot.addWidget(view)
    assert row.id_number not in _head_texts(view) and "6217000010001234567" not in _head_texts(view)

    action.trigger()  # 查看 → 显示完整号码
    assert action.isChecked() and window.ctx.unmasked
    assert id_cell.data() == row.id_number and phone_cell.data() == "13812345678"
    assert row.id_number in _head_texts(view) and "6217000010001234567" in _head_texts(view)
    assert "view_unmasked" in _audit_actions(window.ctx.ledger)

    action.trigger()  # and off again
    assert not window.ctx.unmasked and "*" in id_cell.data()
    assert row.id_number not in _head_texts(view)
    view.close()


def _head_texts(view: HouseholdFileView) -> str:
    from PySide6.QtWidgets import QLabel

    return " ".join(label.text() for label in view.findChildren(QLabel))


def test_the_switch_is_off_again_after_reopening(qtbot: Any, filed: Any, db_url: str) -> None:
    from desktop.opening import attach_database

    window, _row = filed
    window.unmask_action.trigger()
    assert window.ctx.unmasked
    assert attach_database(window, db_url)  # 文件 → 打开其他数据库…, or the next start
    assert not window.unmask_action.isChecked() and not window.ctx.unmasked


def test_search_by_full_id_number_works_while_masked(qtbot: Any, seeded: AppContext) -> None:
    screen = HouseholdsScreen(seeded)
    qtbot.addWidget(screen)
    screen.show()
    target = seeded.ledger.households.rows(screen.model.ids)[2]
    screen.list.search.setText(target.id_number)
    screen.list.apply_search()
    assert screen.model.ids == [target.id]
    shown = screen.model.index(0, _column(screen.model, "id_number")).data()
    assert "*" in shown and shown != target.id_number


def test_station_phones_and_audit_changes_are_masked_too(qtbot: Any, seeded: AppContext) -> None:
    from desktop.models.record_lists import AuditListModel
    from models.services.audit import AuditQuery

    ledger = seeded.ledger
    station = ledger.stations.rows(ledger.stations.search_ids(_any_station_query()))[0]
    ledger.stations.update(station.id, {"phone": "13900001111"})
    hs = ledger.households
    house = hs.rows(hs.search_ids(_household_query()))[0]
    hs.update(house.id, {"phone": "13722223333"}, expected_version=house.version)
    screen = StationsScreen(seeded)
    qtbot.addWidget(screen)
    screen.show()
    column = _column(screen.model, "phone")
    phones = [screen.model.index(r, column).data() for r in range(screen.model.rowCount())]
    assert "13900001111" not in phones and any("*" in p for p in phones)
    audit = AuditListModel(ledger.audit, AuditQuery())
    audit.set_query(audit.query)
    texts = [audit.index(r, 5).data() for r in range(audit.rowCount())]
    assert not any("13722223333" in t for t in texts)
    assert any("137" in t and "*" in t for t in texts)
    audit.set_unmasked(True)
    assert any("13722223333" in audit.index(r, 5).data() for r in range(audit.rowCount()))


def _any_station_query() -> Any:
    from models.services import RecordQuery

    return RecordQuery(sort="code")


def _household_query() -> Any:
    from models.services import HouseholdQuery

    return HouseholdQuery()


def test_a_role_without_the_permission_cannot_unmask(qtbot: Any, seeded: AppContext) -> None:
    from desktop.main_window import MainWindow

    clerk = seeded.ledger.as_actor(Actor(name="王会计", username="wang", role="录入员"))
    ctx = AppContext(ledger=clerk, bus=EventBus())
    with pytest.raises(PermissionDenied):
        ctx.set_unmasked(True)
    assert not ctx.unmasked
    assert "view_unmasked" not in _audit_actions(clerk)
    window = MainWindow()
    qtbot.addWidget(window)
    window.attach(ctx)
    assert not window.unmask_action.isEnabled()
    assert "无权" in window.unmask_action.toolTip()
    wait_tasks(qtbot)
    window.close()
    ctx.bus.deleteLater()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="需要 poppler-utils（pdftotext）")
def test_the_cover_sheet_prints_what_the_window_shows(
    qtbot: Any, seeded: AppContext, tmp_path: Path
) -> None:
    hs = seeded.ledger.households
    row = hs.rows(hs.search_ids(_household_query()))[0]
    view = HouseholdFileView(seeded, row.id)
    qtbot.addWidget(view)

    def printed(name: str) -> str:
        out = tmp_path / name
        task = view.write_cover_sheet(str(out), open_after=False)
        with qtbot.waitSignal(task.done, timeout=30000):
            pass
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True, text=True
        ).stdout
        return text.replace(" ", "")

    masked = printed("masked.pdf")
    assert row.id_number not in masked and row.id_number[:6] in masked
    assert "print_unmasked" not in _audit_actions(seeded.ledger)
    seeded.set_unmasked(True)
    full = printed("full.pdf")
    assert row.id_number in full
    assert "print_unmasked" in _audit_actions(seeded.ledger)
    view.close()


def _edit_dialog(qtbot: Any, window: Any, row: Any) -> Any:
    view = HouseholdFileView(window.ctx, row.id, window)
    qtbot.addWidget(view)
    return view.edit_household()


def test_the_edit_form_masks_numbers_and_keeps_them_when_saved(
    qtbot: Any, filed: Any, answers: Any
) -> None:
    window, row = filed
    dialog = _edit_dialog(qtbot, window, row)
    form = dialog.form
    shown = " ".join(form.widgets[f].text() for f in ("id_number", "phone", "bank_card"))
    for full in (row.id_number, "13812345678", "6217000010001234567"):
        assert full not in shown
    assert "*" in form.widgets["id_number"].text()
    form.widgets["address"].setText("城关镇幸福路 8 号")
    assert dialog.save(), form.banner.text()
    stored = window.ctx.ledger.households.get(row.id)
    assert stored.id_number == row.id_number and stored.phone == "13812345678"
    assert stored.bank_card == "6217000010001234567" and stored.address == "城关镇幸福路 8 号"
    assert "view_unmasked" not in _audit_actions(window.ctx.ledger)


def test_showing_full_numbers_in_the_form_is_audited(qtbot: Any, filed: Any, answers: Any) -> None:
    window, row = filed
    dialog = _edit_dialog(qtbot, window, row)
    form = dialog.form
    assert form.reveal_button.isVisibleTo(dialog)
    form.reveal_button.click()
    assert form.widgets["id_number"].text() == row.id_number
    assert form.widgets["phone"].text() == "13812345678"
    assert "view_unmasked" in _audit_actions(window.ctx.ledger)
    assert not form.is_dirty()
    dialog.reject()


def test_a_clerk_without_the_permission_edits_masked(qtbot: Any, seeded: AppContext) -> None:
    from desktop.screens.household_file import HouseholdFileView

    clerk = seeded.ledger.as_actor(Actor(name="王会计", username="wang", role="录入员"))
    ctx = AppContext(ledger=clerk, bus=EventBus())
    hid = seeded.ledger.households.search_ids(_household_query())[0]
    full = seeded.ledger.households.get(hid)
    view = HouseholdFileView(ctx, hid)
    qtbot.addWidget(view)
    dialog = view.edit_household()
    form = dialog.form
    assert full.id_number not in form.widgets["id_number"].text()
    assert not form.reveal_button.isVisibleTo(dialog)
    form.widgets["phone"].setText("13900001111")  # a new number typed over the masked one
    assert dialog.save(), form.banner.text()
    stored = seeded.ledger.households.get(hid)
    assert stored.phone == "13900001111" and stored.id_number == full.id_number
    ctx.bus.deleteLater()
