"""The import wizard on a messy workbook (check, import, error workbook, undo) and the exports."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from PySide6.QtWidgets import QLabel

from desktop.screens.export_dialog import ExportDialog
from desktop.screens.import_export import ImportExportScreen
from desktop.screens.import_wizard import NOT_IMPORTED
from models.services import HouseholdQuery
from tests.desktop.helpers import wait_tasks
from tests.models.factories import id_number


def messy_roster(path: Path) -> list[str]:
    """A roster the way townships send it: title, 填报单位 line, odd headings, bad rows, 合计, footer."""
    book = Workbook()
    ws = book.active
    ws.title = "困难职工"
    ws.append(["青山县城关镇困难职工花名册"])
    ws.merge_cells("A1:K1")
    ws.append(["填报单位：城关镇总工会", None, None, None, None, None, "填报日期：2024年12月"])
    ws.append(
        [
            "序号",
            "姓名",
            "身份证号码",
            "性别",
            "所属乡镇",
            "困难类别",
            "主要致困原因",
            "联系电话",
            "家庭人口",
            "家庭年收入",
            "帮扶责任人",
        ]
    )
    good = [
        id_number(dt.date(1975, 3, 1)),
        id_number(dt.date(1982, 7, 9), male=False),
        id_number(dt.date(1990, 1, 15)),
    ]
    ws.append(
        [
            1,
            "刘强",
            good[0],
            "男",
            "城关镇",
            "深度困难",
            "患重特大疾病",
            "13800001111",
            4,
            "2.4万",
            "王干事",
        ]
    )
    ws.append(
        [
            2,
            "孙梅",
            good[1],
            "女",
            "城关镇",
            "低保边缘户",
            "下岗失业",
            "13800002222",
            3,
            30000,
            "王干事",
        ]
    )
    ws.append(
        [3, "周涛", good[2], "男", "城关镇", "相对困难", "子女上学", "", 2, "18,000", "李干事"]
    )
    bad_checksum = good[0][:-1] + ("0" if good[0][-1] != "0" else "1")
    ws.append([4, "错号", bad_checksum, "男", "城关镇", "深度困难", "其他", "", 1, 1000, ""])
    ws.append(
        [5, "科学计数", 4.11602197503e17, "男", "城关镇", "深度困难", "其他", "", 1, 1000, ""]
    )
    ws.append([6, "类别不明", id_number(), "男", "城关镇", "特困", "其他", "", 1, 1000, ""])
    ws.append(["合计", None, None, None, None, None, None, None, 11, 80000])
    ws.append(["填表人：张三", None, None, "审核人：李四"])
    notes = book.create_sheet("说明")
    notes.append(["本表由各乡镇填报，每月5日前报县总工会。"])
    book.save(path)
    return good


@pytest.fixture
def screen(qtbot: Any, ctx: Any) -> ImportExportScreen:
    widget = ImportExportScreen(ctx)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def test_import_wizard_on_a_messy_file_then_undo(
    qtbot: Any, screen: ImportExportScreen, tmp_path: Path, answers: Any
) -> None:
    source = tmp_path / "城关镇困难职工.xlsx"
    good = messy_roster(source)
    ledger = screen.ctx.ledger
    wizard = screen.start_import("households")
    wizard.file_page.path.setText(str(tmp_path / "没有这个文件.xlsx"))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page and "不存在" in wizard.file_page.error.text()
    wizard.file_page.path.setText(str(source))
    wizard.next()
    assert wizard.currentPage() is wizard.sheet_page
    assert wizard.sheet_page.chosen() == ["困难职工", "说明"]
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    preview = wizard.previews[0]
    assert preview.header_row == 3 and len(wizard.previews) == 1  # 说明 has no header: skipped
    combo = wizard.mapping_page.combos[("困难职工", 10)]
    assert combo.currentText() == NOT_IMPORTED  # 帮扶责任人 was not recognised
    responsible = next(c for c in preview.columns if c.index == 10)
    assert responsible.unknown and "未识别" in responsible.note
    assert "不导入的列" in wizard.mapping_page.tabs.widget(0).findChild(QLabel).text()
    assert "帮扶责任人" in wizard.mapping_page.tabs.widget(0).findChild(QLabel).text()
    combo.setCurrentIndex(combo.findData("remarks"))  # the clerk keeps it as 备注
    wizard.mapping_page.refresh()
    assert wizard.mapping_page.combos[("困难职工", 10)].currentData() == "remarks"
    wizard.next()  # reads every row for the values not worded as the lists word them
    qtbot.waitUntil(lambda: wizard.currentPage() is wizard.values_page, timeout=20000)
    values = wizard.values_page
    assert values.combo_for(("hardship_class", "低保边缘户")).currentText() == "相对困难"
    wizard.next()
    check = wizard.check_page
    qtbot.waitUntil(lambda: check.done, timeout=20000)
    result = check.outcome.result
    assert result.dry_run and result.inserted == 3 and len(result.rejected) == 3
    assert check.rejected.rowCount() == 3
    reasons = "\n".join(check.rejected.item(r, 4).text() for r in range(3))
    assert "校验" in reasons or "身份证" in reasons
    assert "15" in reasons  # the number Excel rounded to 15 digits
    assert ledger.households.count() == 0  # the check wrote nothing
    errors = check.save_errors(str(tmp_path / "错误.xlsx"))
    assert errors and load_workbook(errors).active.max_row == 4
    wizard.next()
    run = wizard.import_page
    qtbot.waitUntil(lambda: run.done, timeout=20000)
    assert run.outcome.result.inserted == 3 and run.outcome.result.batch_id
    assert ledger.households.count() == 3
    row = ledger.households.active_by_id_number(good[1])
    assert row.hardship_class == "相对困难" and row.hardship_class_original == "低保边缘户"
    assert row.remarks == "王干事" and row.family_annual_income == 30000
    answers.ask = [True]
    assert run.undo()
    assert ledger.households.count() == 0
    assert "已撤销" in run.status.text()
    wizard.done(0)
    screen.reload()
    assert "已撤销" in screen.batches.item(0, 7).text()


def test_import_cancel_leaves_database_untouched(
    qtbot: Any, screen: ImportExportScreen, tmp_path: Path
) -> None:
    source = tmp_path / "名单.xlsx"
    book = Workbook()
    book.active.append(["姓名", "身份证号", "所属乡镇", "困难类别", "主要致困原因"])
    for i in range(1500):
        book.active.append(
            [
                f"职工{i}",
                id_number(dt.date(1970, 1, 1) + dt.timedelta(days=i)),
                "城关镇",
                "深度困难",
                "其他",
            ]
        )
    book.save(source)
    wizard = screen.start_import("households")
    wizard.file_page.path.setText(str(source))
    wizard.next()
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.check_page.done, timeout=20000)
    wizard.next()
    assert wizard.check_page.outcome.result.inserted == 1500
    page = wizard.import_page
    page.cancel()  # the worker stops at its next progress report and the transaction rolls back
    wait_tasks(qtbot)
    assert not page.done and "已取消" in page.status.text()
    assert screen.ctx.ledger.households.count() == 0
    assert not page.isComplete()
    wizard.done(0)


def test_import_refuses_a_file_that_is_not_a_workbook(
    qtbot: Any, screen: ImportExportScreen, tmp_path: Path
) -> None:
    fake = tmp_path / "伪装.xlsx"
    fake.write_text("这不是表格", encoding="utf-8")
    wizard = screen.start_import("households")
    wizard.file_page.path.setText(str(fake))
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert "伪装.xlsx" in wizard.file_page.error.text()
    wizard.done(0)


def test_export_all_and_selection(qtbot: Any, seeded: Any, tmp_path: Path) -> None:
    ids = seeded.ledger.households.search_ids(HouseholdQuery(sort="name"))
    dialog = ExportDialog(seeded, kind="households", ids=ids[:2])
    qtbot.addWidget(dialog)
    out = tmp_path / "所选.xlsx"
    dialog.out.setText(str(out))
    dialog.start()
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=20000)
    assert dialog.written == 2
    sheet = load_workbook(out).active
    names = {sheet.cell(r, 2).value for r in range(4, 6)}
    assert names == {r.name for r in seeded.ledger.households.rows(ids[:2])}
    ids_written = [sheet.cell(r, 5).value for r in range(4, 6)]
    assert all("*" in str(v) for v in ids_written)  # masked by default
    dialog.selection.setChecked(False)
    township = dialog.township
    township.setCurrentIndex(township.findData("城关镇"))
    out_all = tmp_path / "城关镇.xlsx"
    dialog.out.setText(str(out_all))
    dialog.written = None
    dialog.start()
    qtbot.waitUntil(lambda: dialog.written is not None, timeout=20000)
    assert dialog.written == 2
    dialog.out.setText(str(tmp_path / "没有的文件夹" / "x.xlsx"))
    assert dialog.start() is None and "不存在" in dialog.message.text()
    dialog.close()


def test_template_download(qtbot: Any, screen: ImportExportScreen, tmp_path: Path) -> None:
    out = screen.save_template("stations", str(tmp_path / "模板.xlsx"))
    assert out and Path(out).exists()
