"""The import wizard's value-mapping page on a real township sheet: every wording that is not a
list's own with its count, drop-downs that change what is imported, choices saved as the office
vocabulary and used by the next import without a question; 设置 → 本单位对应表 edits and deletes."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from desktop.screens.import_export import ImportExportScreen
from desktop.screens.settings import SettingsScreen
from desktop.wording_flow import UNMAPPED
from tests.models.factories import id_number

REAL = Path(__file__).resolve().parents[1] / "data" / "real_sheets"
ROSTER = REAL / "01_城关镇_2024年困难职工花名册.xlsx"


def sheet_rows(path: Path) -> list[dict[str, Any]]:
    """The data rows of a real sheet as {heading: cell}, read with openpyxl (not the app)."""
    rows = list(load_workbook(path, read_only=True).active.iter_rows(values_only=True))
    top = next(i for i, row in enumerate(rows) if "姓名" in row)
    heads = rows[top]
    return [
        dict(zip(heads, row, strict=False))
        for row in rows[top + 1 :]
        if isinstance(row[0], int)  # 序号: leaves out 合计 and the signature lines
    ]


def row_where(rows: list[dict[str, Any]], heading: str, value: str) -> dict[str, Any]:
    return next(r for r in rows if r[heading] == value)


def table_row(page: Any, field_label: str, wording: str) -> list[str]:
    table = page.table
    for r in range(table.rowCount()):
        cells = [table.item(r, c).text() if table.item(r, c) else "" for c in range(6)]
        if cells[0] == field_label and cells[1] == wording:
            return cells
    raise AssertionError(f"{field_label} {wording} not listed")


@pytest.fixture
def screen(qtbot: Any, ctx: Any) -> ImportExportScreen:
    widget = ImportExportScreen(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def to_values_or_check(qtbot: Any, screen: ImportExportScreen, path: Path) -> tuple[Any, list]:
    """File → sheets → columns → next; returns the wizard and the pages it went through."""
    wizard = screen.start_import("households")
    visited: list[Any] = []
    wizard.currentIdChanged.connect(lambda _: visited.append(wizard.currentPage()))
    wizard.file_page.path.setText(str(path))
    wizard.next()
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.next()  # reads every row in the background, then moves on by itself
    qtbot.waitUntil(lambda: wizard.currentPage() is not wizard.mapping_page, timeout=20000)
    return wizard, visited


def run_to_end(qtbot: Any, wizard: Any) -> Any:
    if wizard.currentPage() is wizard.values_page:
        wizard.next()
    qtbot.waitUntil(lambda: wizard.check_page.done, timeout=20000)
    wizard.next()
    qtbot.waitUntil(lambda: wizard.import_page.done, timeout=20000)
    return wizard.import_page.outcome.result


def test_the_page_lists_each_wording_and_the_choices_change_the_import(
    qtbot: Any, screen: ImportExportScreen
) -> None:
    rows = sheet_rows(ROSTER)
    ledger = screen.ctx.ledger
    wizard, _ = to_values_or_check(qtbot, screen, ROSTER)
    page = wizard.values_page
    assert wizard.currentPage() is page
    ill = sum(1 for r in rows if r["致困原因"] == "因病")
    assert ill > 1
    assert table_row(page, "主要致困原因", "因病")[2:4] == [str(ill), "常见写法"]
    assert page.combo_for(("main_cause", "因病")).currentText() == "患重特大疾病"
    # 待定 is no 困难类别: unmapped, the page says the row will be refused.
    assert table_row(page, "困难类别", "待定")[3] == "对应不到"
    pending = page.combo_for(("hardship_class", "待定"))
    assert pending.currentText() == UNMAPPED
    assert "困难类别" in page.refusal.text() and "不会导入" in page.refusal.text()
    assert page.save.isChecked()
    pending.setCurrentIndex(pending.findData("相对困难"))
    assert page.refusal.isHidden()
    low = page.combo_for(("main_cause", "收入低"))
    assert low.currentText() == "其他"
    low.setCurrentIndex(low.findData("无劳动能力"))
    result = run_to_end(qtbot, wizard)
    assert not any(r.first.field == "hardship_class" for r in result.rejected)
    held = ledger.households.active_by_id_number(row_where(rows, "困难类别", "待定")["身份证号码"])
    assert held.hardship_class == "相对困难"
    poor = ledger.households.active_by_id_number(
        row_where(rows, "致困原因", "收入低")["身份证号码"]
    )
    assert poor.main_cause == "无劳动能力"
    saved = ledger.vocabulary.mappings()
    assert saved[("hardship_class", "待定")] == "相对困难"
    assert saved[("main_cause", "收入低")] == "无劳动能力"
    assert saved[("main_cause", "因病")] == "患重特大疾病"  # confirmed proposals are kept too
    assert "存入本单位对应表" in wizard.import_page.status.text()
    wizard.done(0)


def test_a_choice_not_saved_is_used_once(qtbot: Any, screen: ImportExportScreen) -> None:
    wizard, _ = to_values_or_check(qtbot, screen, ROSTER)
    page = wizard.values_page
    pending = page.combo_for(("hardship_class", "待定"))
    pending.setCurrentIndex(pending.findData("深度困难"))
    page.save.setChecked(False)
    result = run_to_end(qtbot, wizard)
    assert not any(r.first.field == "hardship_class" for r in result.rejected)
    assert screen.ctx.ledger.vocabulary.mappings() == {}
    assert "只用于这次导入" in wizard.import_page.status.text()
    wizard.done(0)


def next_township(path: Path) -> list[str]:
    """Another township's sheet worded like the first one (the clerks copy each other's forms)."""
    book = Workbook()
    ws = book.active
    ws.append(["序号", "姓名", "性别", "身份证号码", "所在乡镇", "困难类别", "致困原因"])
    people = [id_number(), id_number(), id_number(male=False)]
    ws.append([1, "甲一", "男性", people[0], "城关镇", "待定", "因病、因学"])
    ws.append([2, "乙二", "男", people[1], "城关镇", "深度困难职工", "收入低"])
    ws.append([3, "丙三", "女", people[2], "城关镇", "相对困难", "因学"])
    book.save(path)
    return people


def test_the_next_sheet_worded_the_same_asks_nothing(
    qtbot: Any, screen: ImportExportScreen, tmp_path: Path
) -> None:
    ledger = screen.ctx.ledger
    wizard, _ = to_values_or_check(qtbot, screen, ROSTER)
    pending = wizard.values_page.combo_for(("hardship_class", "待定"))
    pending.setCurrentIndex(pending.findData("相对困难"))
    run_to_end(qtbot, wizard)
    wizard.done(0)

    source = tmp_path / "东关街道困难职工.xlsx"
    people = next_township(source)
    wizard, visited = to_values_or_check(qtbot, screen, source)
    assert wizard.currentPage() is wizard.check_page
    assert wizard.values_page not in visited
    result = run_to_end(qtbot, wizard)
    assert (result.inserted, result.rejected) == (3, [])
    first = ledger.households.active_by_id_number(people[0])
    assert first.hardship_class == "相对困难"  # 待定, as the office mapped it
    # A combined cell saved whole still gives its second cause.
    assert (first.main_cause, first.secondary_causes) == ("患重特大疾病", ("子女上学",))
    assert "本单位对应表对应" in wizard.check_page.status.text()
    wizard.done(0)


@pytest.fixture
def settings(qtbot: Any, ctx: Any) -> SettingsScreen:
    ctx.ledger.vocabulary.set("main_cause", "因病", "患重特大疾病")
    ctx.ledger.vocabulary.set("hardship_class", "待定", "相对困难")
    ctx.ledger.vocabulary.set("industry", "不详", None)
    widget = SettingsScreen(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def vocabulary_rows(box: Any) -> list[tuple[str, str, str]]:
    table = box.table
    return [
        (table.item(r, 0).text(), table.item(r, 1).text(), box.combo_at(r).currentText())
        for r in range(table.rowCount())
    ]


def test_settings_lists_edits_and_deletes_the_office_mappings(
    settings: SettingsScreen, answers: Any
) -> None:
    box = settings.vocabulary
    ledger = settings.ctx.ledger
    shown = vocabulary_rows(box)
    assert ("困难类别", "待定", "相对困难") in shown
    assert ("主要致困原因", "因病", "患重特大疾病") in shown
    assert any(row[1] == "不详" and row[2].startswith("保留原文") for row in shown)
    r = next(i for i, row in enumerate(shown) if row[1] == "待定")
    combo = box.combo_at(r)
    combo.setCurrentIndex(combo.findData("深度困难"))
    assert ledger.vocabulary.mappings()[("hardship_class", "待定")] == "深度困难"
    r = next(i for i, row in enumerate(vocabulary_rows(box)) if row[1] == "因病")
    box.table.selectRow(r)
    answers.ask = [False]
    assert box.delete_selected() == 0
    assert ("main_cause", "因病") in ledger.vocabulary.mappings()
    answers.ask = [True]
    assert box.delete_selected() == 1
    assert ("main_cause", "因病") not in ledger.vocabulary.mappings()
    assert {row[1] for row in vocabulary_rows(box)} == {"待定", "不详"}


def test_thousands_of_wordings_get_their_drop_downs_as_they_scroll_into_view(
    qtbot: Any, ctx: Any
) -> None:
    from types import SimpleNamespace

    from desktop.import_flow import ImportPlan
    from desktop.screens.import_values import ValuesPage
    from desktop.widgets.lazy_cells import AHEAD as FIRST_ROWS
    from desktop.wording_flow import Survey, question
    from models.wording.tally import ValueCount

    wordings = [f"第{i}车间" for i in range(3 * FIRST_ROWS)]
    entries = [ValueCount("industry", "industry", w, "制造业", "fuzzy", 2) for w in wordings]
    plan = ImportPlan("households", Path("车间名单.xlsx"))
    wizard = SimpleNamespace(
        plan=plan, survey=Survey((), tuple(question("households", e) for e in entries))
    )
    page = ValuesPage(wizard)
    qtbot.addWidget(page)
    page.resize(900, 500)
    page.show()
    page.initializePage()
    assert len(page.combos) == FIRST_ROWS  # not thousands of widgets at once
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: ("industry", wordings[-1]) in page.combos)
    last = page.combos[("industry", wordings[-1])]
    last.setCurrentIndex(last.findData("建筑业"))
    page.validatePage()
    assert len(plan.chosen) == len(wordings)  # rows never scrolled to keep their proposal
    assert plan.chosen[("industry", wordings[-1])] == "建筑业"
    assert plan.chosen[("industry", wordings[FIRST_ROWS + 1])] == "制造业"
    page.hide()


def test_choices_survive_going_back_to_the_columns(qtbot: Any, screen: ImportExportScreen) -> None:
    wizard, _ = to_values_or_check(qtbot, screen, ROSTER)
    page = wizard.values_page
    pending = page.combo_for(("hardship_class", "待定"))
    pending.setCurrentIndex(pending.findData("意外致困"))
    wizard.back()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.next()  # the columns did not change: no second reading of the file
    assert wizard.currentPage() is page
    assert page.combo_for(("hardship_class", "待定")).currentText() == "意外致困"
    assert page.refusal.isHidden()
    wizard.done(0)


def test_the_viewer_role_sees_the_mappings_but_cannot_change_them(qtbot: Any, ctx: Any) -> None:
    from desktop.context import AppContext
    from models.services import ROLE_VIEWER, Actor

    ctx.ledger.vocabulary.set("hardship_class", "待定", "相对困难")
    viewer = AppContext(
        ledger=ctx.ledger.as_actor(Actor("查看员", "viewer", ROLE_VIEWER)), bus=ctx.bus
    )
    widget = SettingsScreen(viewer)
    qtbot.addWidget(widget)
    widget.show()
    box = widget.vocabulary
    assert vocabulary_rows(box) == [("困难类别", "待定", "相对困难")]
    assert not box.combo_at(0).isEnabled() and not box.delete_button.isEnabled()
    widget.hide()
