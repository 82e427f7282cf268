"""The one import pipeline: the clerk's column choices are an input to the parse (the heading the
parser found is never edited), each step opens the file once, and the command line and the window
get the same rows from the same file and choices."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from reports.excel import pipeline
from reports.excel.layout import find_header
from tests.models.factories import id_number


def township_sheet(path: Path) -> Path:
    """Two sheets as townships send them: a heading the app does not understand (户籍地, which
    this township means as the family's address) and a second township on its own sheet."""
    book = Workbook()
    first = book.active
    first.title = "城关镇"
    first.append(["XX县2024年困难职工花名册"])
    first.append(
        ["序号", "姓名", "性别", "身份证号码", "困难类别", "联系方式", "户籍地", "乡镇", "致困原因"]
    )
    first.append(
        [1, "王　芳", "女", id_number(male=False), "深度困难职工", "13800000001", "本县", "城关镇",
         "因病"]
    )  # fmt: skip
    first.append(
        [2, "李强", "男", id_number(), "相对困难", "13800000002", "外县", "城关镇", "子女上学"]
    )
    second = book.create_sheet("河口乡")
    second.append(
        ["序号", "姓名", "性别", "身份证号码", "困难类别", "联系方式", "所在乡镇", "致困原因"]
    )
    second.append([1, "赵六", "男", id_number(), "一般困难", "13900000003", "河口乡", "因残"])
    book.save(path)
    return path


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    return township_sheet(tmp_path / "花名册.xlsx")


def test_a_column_choice_reads_the_column_without_editing_the_heading(
    ledger: Any, sheet: Path
) -> None:
    plain = pipeline.ImportRequest("households", sheet)
    chosen = pipeline.ImportRequest("households", sheet, columns={"城关镇": {6: "address"}})
    before = {s.info.name: s for s in pipeline.preview(plain, ledger, 5)}
    after = {s.info.name: s for s in pipeline.preview(chosen, ledger, 5)}
    assert "户籍地" in before["城关镇"].header.unknown
    assert 6 not in before["城关镇"].header.columns
    assert "address" not in before["城关镇"].rows[0].values
    assert after["城关镇"].header.columns[6].field == "address"
    assert "户籍地" not in after["城关镇"].header.unknown
    assert after["城关镇"].info.unknown_columns == []
    assert after["城关镇"].rows[0].values["address"] == "本县"
    assert after["城关镇"].rows[0].values["name"] == "王芳"  # the ideographic space is gone
    assert "address" not in after["河口乡"].rows[0].values  # a choice is for its own sheet
    assert len(after["城关镇"].rows) == 2 and len(after["河口乡"].rows) == 1


def test_chosen_returns_a_new_heading() -> None:
    rows = [(1, ["姓名", "身份证号码", "户籍地"]), (2, ["王芳", "x", "本县"])]
    header = find_header("households", rows)
    assert header is not None
    columns = dict(header.columns)
    other = header.chosen({2: "address", 0: None})
    assert header.columns == columns and "户籍地" in header.unknown
    assert other.columns[2].field == "address" and 0 not in other.columns
    assert "户籍地" not in other.unknown


def test_each_step_opens_the_file_once(
    ledger: Any, sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[Path] = []
    real = pipeline.open_workbook

    def counting(path: Any) -> Any:
        opened.append(Path(path))
        return real(path)

    monkeypatch.setattr(pipeline, "open_workbook", counting)
    request = pipeline.ImportRequest("households", sheet)
    pipeline.preview(request, ledger, 12)
    assert len(opened) == 1
    pipeline.wordings(request, ledger)
    assert len(opened) == 2
    outcome = pipeline.run(request, ledger, dry_run=True)
    assert len(opened) == 3
    assert outcome.result.rows_read == 3
    # 一般困难 is an old wording no list value matches: refused until the clerk maps it
    assert [(r.row.sheet, r.first.field) for r in outcome.result.rejected] == [
        ("河口乡", "hardship_class")
    ]


def test_value_choices_are_saved_only_when_asked(ledger: Any, tmp_path: Path) -> None:
    book = Workbook()
    book.active.append(["姓名", "性别", "身份证号码", "困难类别", "所在乡镇", "主要致困原因"])
    book.active.append(["孙七", "男", id_number(), "待定", "城关镇", "因灾"])
    path = tmp_path / "待定.xlsx"
    book.save(path)
    refused = pipeline.run(pipeline.ImportRequest("households", path), ledger, dry_run=True)
    assert [r.first.field for r in refused.result.rejected] == ["hardship_class"]
    values = {("hardship_class", "待定"): "相对困难"}
    once = pipeline.ImportRequest("households", path, values=values, save_values=False)
    assert pipeline.run(once, ledger, dry_run=False).result.inserted == 1
    assert ledger.vocabulary.mappings() == {}
