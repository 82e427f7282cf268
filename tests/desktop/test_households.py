"""困难职工档案 screens driven through real widgets: type, save, refuse, search, filter, status."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from PySide6.QtCore import Qt

from desktop.forms.status_dialog import StatusDialog
from desktop.screens.household_file import HouseholdFileView
from desktop.screens.households import HouseholdsScreen
from models.services import HouseholdQuery
from tests.desktop.helpers import type_text, wait_tasks, when_modal
from tests.models.factories import id_number


@pytest.fixture
def screen(qtbot: Any, seeded: Any) -> HouseholdsScreen:
    widget = HouseholdsScreen(seeded)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def pick(form: Any, field: str, value: Any) -> None:
    box = form.widgets[field]
    box.setCurrentIndex(box.findData(value) if not box.isEditable() else box.findText(value))


def test_create_household_by_keyboard(qtbot: Any, screen: HouseholdsScreen) -> None:
    dialog = screen.new_household()
    form = dialog.form
    person = id_number(dt.date(1980, 2, 3), male=False)
    type_text(qtbot, form.widgets["name"], "陈美华")
    qtbot.keyClicks(form.widgets["id_number"], person)
    qtbot.waitUntil(lambda: form.raw("gender") == "女")  # filled from the ID number
    assert form.raw("birth_date") == dt.date(1980, 2, 3)
    pick(form, "township", "西河乡")
    pick(form, "hardship_class", "相对困难")
    pick(form, "main_cause", "下岗失业")
    qtbot.keyClicks(form.widgets["family_size"].edit, "3")
    qtbot.keyClicks(form.widgets["family_annual_income"].edit, "24000")
    # 24000 ÷ 12 ÷ 3 = 666.67 元, above the 650 元 standard but below twice it
    qtbot.waitUntil(lambda: "666.67" in form.assessment.text())
    assert "建议“相对困难”" in form.assessment.text()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(
        form.widgets["family_size"].edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier
    )
    assert not dialog.isVisible(), form.banner.text()
    row = screen.ctx.ledger.households.active_by_id_number(person)
    assert row is not None and row.name == "陈美华" and row.township == "西河乡"
    assert row.id in screen.model.ids and screen.list.count_label.text() == "共 6 条"


def test_bad_id_number_turns_red_and_saves_nothing(
    qtbot: Any, screen: HouseholdsScreen, answers: Any
) -> None:
    dialog = screen.new_household()
    form = dialog.form
    type_text(qtbot, form.widgets["name"], "错号")
    qtbot.keyClicks(form.widgets["id_number"], "41160219800203002")
    qtbot.waitUntil(lambda: form.error_text("id_number") != "")
    assert "身份证号" in form.error_text("id_number")
    assert form.widgets["id_number"].property("invalid") is True
    before = screen.ctx.ledger.households.count()
    assert dialog.save() is False
    assert form.banner.isVisible() and "处填写有误" in form.banner.text()
    assert screen.ctx.ledger.households.count() == before
    form.widgets["id_number"].clear()
    form.widgets["id_number"].setText(id_number())
    form.validate_field("id_number")
    assert form.error_text("id_number") == "" and not form.widgets["id_number"].property("invalid")
    answers.three = [1]  # 不保存
    dialog.reject()
    assert not dialog.isVisible() and "尚未保存" in answers.texts()


def test_duplicate_person_offers_to_open_the_other_file(
    qtbot: Any, screen: HouseholdsScreen, answers: Any
) -> None:
    other = screen.ctx.ledger.households.rows(
        screen.ctx.ledger.households.search_ids(HouseholdQuery())
    )[0]
    dialog = screen.new_household()
    form = dialog.form
    form.widgets["name"].setText("冒名")
    form.widgets["id_number"].setText(other.id_number)
    pick(form, "township", "城关镇")
    pick(form, "hardship_class", "深度困难")
    pick(form, "main_cause", "其他")
    answers.ask = [True]
    with qtbot.waitSignal(screen.ctx.bus.open_household) as opened:
        assert dialog.save() is False
    assert opened.args == [other.id]
    assert other.file_no in form.banner.text() and form.error_text("id_number")
    answers.three = [1]
    dialog.reject()


def test_search_and_filters(qtbot: Any, screen: HouseholdsScreen) -> None:
    type_text(qtbot, screen.list.search, "张")
    qtbot.waitUntil(lambda: screen.model.shown() == 2)
    assert screen.list.count_label.text() == "显示 2 / 共 5 条"
    screen.list.search.clear()
    qtbot.waitUntil(lambda: screen.model.shown() == 5)
    box = screen.list.filter_boxes["township"]
    box.setCurrentIndex(box.findData("东城街道"))
    assert screen.model.shown() == 2
    status = screen.list.filter_boxes["status"]
    status.setCurrentIndex(status.findData("已销档"))
    assert screen.model.shown() == 0
    screen.list.clear_filters()
    assert screen.model.shown() == 5


def test_bulk_lift_and_refusal_changes_nothing(qtbot: Any, screen: HouseholdsScreen) -> None:
    ids = screen.model.ids[:2]

    def fill(dialog: Any) -> None:
        assert isinstance(dialog, StatusDialog)
        dialog.route.setCurrentIndex(dialog.route.findData("就业创业"))
        dialog.reason.setText("实现稳定就业")
        dialog._accept()

    when_modal(fill)
    screen.change_status(ids, "脱困")
    rows = screen.ctx.ledger.households.rows(ids)
    assert [r.status for r in rows] == ["已脱困", "已脱困"]
    # 销档 is not allowed from 已脱困: the dialog shows why and nothing changes for anyone.
    mixed = ids[:1] + screen.model.ids[3:4]
    seen: list[str] = []

    def close_and_read(dialog: Any) -> None:
        dialog.reason_choice.setCurrentIndex(dialog.reason_choice.findData("调离"))
        dialog._accept()
        when_modal(lambda d: (seen.append(d.error.text()), d.reject()))

    when_modal(close_and_read)
    screen.change_status(mixed, "销档")
    assert seen and "已脱困" in seen[0] and "没有任何档案被修改" in seen[0]
    assert screen.ctx.ledger.households.get(mixed[1]).status == "在档"


def test_file_view_members_assistance_status_and_edit(
    qtbot: Any, seeded: Any, answers: Any
) -> None:
    household_id = seeded.ledger.households.search_ids(HouseholdQuery())[0]
    view = HouseholdFileView(seeded, household_id)
    qtbot.addWidget(view)
    view.show()
    assert "帮扶合计" in view.aid_totals.text() and "500.00" in view.aid_totals.text()
    assert "低保标准" in view.income.text()
    # add a member
    dialog = view.add_member()
    dialog.form.widgets["name"].setText("陈小明")
    pick(dialog.form, "relation", "子女")
    assert dialog.save()
    qtbot.waitUntil(lambda: view.members.rowCount() == 1)
    # assistance with both amounts zero is refused with the service's reason
    dialog = view.add_assistance()
    pick(dialog.form, "category", "生活救助")
    pick(dialog.form, "funding_source", "社会捐助")
    assert not dialog.save()
    assert "不能都为零" in dialog.form.banner.text()
    dialog.form.widgets["cash"].setText("800")
    assert dialog.save()
    qtbot.waitUntil(lambda: view.aid.rowCount() == 2)
    # edit the head's phone
    dialog = view.edit_household()
    dialog.form.widgets["phone"].setText("13912345678")
    assert dialog.save()
    assert seeded.ledger.households.get(household_id).phone == "13912345678"
    # 标记脱困 from the file view
    when_modal(lambda d: (d.route.setCurrentIndex(d.route.findData("工会帮扶")), d._accept()))
    view.change_status("脱困")
    qtbot.waitUntil(lambda: view.status_badge.text() == "已脱困")
    assert view.status_buttons["返困"].isEnabled() and not view.status_buttons["脱困"].isEnabled()
    assert view.history.rowCount() == 2
    view.close()


def test_concurrent_edit_shows_both_versions(qtbot: Any, seeded: Any, monkeypatch: Any) -> None:
    from desktop.forms import record_dialog

    household_id = seeded.ledger.households.search_ids(HouseholdQuery())[0]
    view = HouseholdFileView(seeded, household_id)
    qtbot.addWidget(view)
    dialog = view.edit_household()
    seeded.ledger.households.update(household_id, {"address": "别人改的地址"})  # someone else saves
    dialog.form.widgets["address"].setText("我改的地址")
    seen: list[list[str]] = []

    def choose(self: Any) -> int:
        table = self.table
        seen.extend([[table.item(r, c).text() for c in range(3)] for r in range(table.rowCount())])
        return record_dialog.ConflictDialog.KEEP_MINE

    monkeypatch.setattr(record_dialog.ConflictDialog, "exec_choice", choose)
    assert dialog.save()
    assert ["家庭住址", "我改的地址", "别人改的地址"] in seen
    assert seeded.ledger.households.get(household_id).address == "我改的地址"
    view.close()


def test_cover_sheet_pdf(qtbot: Any, seeded: Any, tmp_path: Path) -> None:
    from PySide6.QtPdf import QPdfDocument

    household_id = seeded.ledger.households.search_ids(HouseholdQuery())[0]
    view = HouseholdFileView(seeded, household_id)
    qtbot.addWidget(view)
    out = tmp_path / "封面.pdf"
    view.write_cover_sheet(str(out), open_after=False)
    wait_tasks(qtbot)
    assert out.read_bytes()[:4] == b"%PDF"
    document = QPdfDocument()
    document.load(str(out))
    assert document.pageCount() == 1
    text = document.getAllText(0).text()
    assert "困难职工家庭档案" in text and view.detail.household.file_no in text
    assert view.detail.household.id_number not in text  # masked by default
    view.close()


def test_closed_file_cannot_be_edited(qtbot: Any, seeded: Any) -> None:
    household_id = seeded.ledger.households.search_ids(HouseholdQuery())[0]
    seeded.ledger.households.change_status(
        household_id, "销档", date=dt.date.today(), reason="调离"
    )
    view = HouseholdFileView(seeded, household_id)
    qtbot.addWidget(view)
    assert not view.edit_button.isEnabled()
    assert not any(b.isEnabled() for b in view.status_buttons.values())
    view.close()


def test_fields_left_blank_in_the_form_stay_blank(qtbot: Any, screen: HouseholdsScreen) -> None:
    dialog = screen.new_household()
    form = dialog.form
    person = id_number(dt.date(1982, 4, 5))
    type_text(qtbot, form.widgets["name"], "周明")
    qtbot.keyClicks(form.widgets["id_number"], person)
    pick(form, "township", "西河乡")
    pick(form, "hardship_class", "相对困难")
    pick(form, "main_cause", "下岗失业")
    assert form.raw("ethnicity") is None and form.raw("family_annual_income") == ""
    assert dialog.save(), form.banner.text()
    row = screen.ctx.ledger.households.active_by_id_number(person)
    assert row.ethnicity is None
    assert row.family_annual_income is None and row.annual_rigid_expense is None


def test_delete_on_a_file_explains_closing_instead(
    qtbot: Any, screen: HouseholdsScreen, answers: Any
) -> None:
    qtbot.waitUntil(lambda: screen.model.shown() == 5)
    screen.list.select_id(screen.model.id_at(0))
    assert "删除…" in [a.text() for a in screen.list.build_context_menu().actions()]
    screen.list.delete_requested.emit(screen.list.selected_ids())
    assert "销档" in answers.texts()
    assert screen.ctx.ledger.households.count() == 5


def test_new_record_dialog_starts_in_its_first_field(qtbot: Any, screen: HouseholdsScreen) -> None:
    dialog = screen.new_household()
    qtbot.waitExposed(dialog)
    qtbot.waitUntil(lambda: dialog.form.widgets["name"].hasFocus())
    dialog.reject()


def test_member_dialog_fills_gender_and_birth_date_from_the_id(
    qtbot: Any, screen: HouseholdsScreen
) -> None:
    view = HouseholdFileView(screen.ctx, screen.model.id_at(0))
    qtbot.addWidget(view)
    dialog = view.add_member()
    form = dialog.form
    qtbot.keyClicks(form.widgets["id_number"], id_number(dt.date(2008, 9, 1), male=False))
    qtbot.waitUntil(lambda: form.raw("gender") == "女")
    assert form.raw("birth_date") == dt.date(2008, 9, 1)
    form._set_dirty(False)
    dialog.reject()


def test_a_search_hiding_the_selection_clears_it(qtbot: Any, screen: HouseholdsScreen) -> None:
    qtbot.waitUntil(lambda: screen.model.shown() == 5)
    target = next(
        i
        for i in screen.model.ids
        if screen.model.row_at(screen.model.position_of(i)).name == "王福生"
    )
    screen.list.select_id(target)
    assert screen.list.selected_label.text() == "已选 1 条"
    screen.list.search.setText("张")
    screen.list.apply_search()
    qtbot.waitUntil(lambda: screen.model.shown() == 2)
    assert screen.list.selected_ids() == [] and screen.list.selected_label.text() == ""
    assert not screen.close_button.isEnabled()
