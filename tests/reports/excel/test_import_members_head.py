"""A family-member sheet that lists the head too (与户主关系 本人/户主, or the head's own ID number):
the head's row is the file's head, unchanged or updated through the household rules, never a
duplicate person (DOMAIN.md §5: "Family lists often include the head as 本人 or 户主")."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from reports.excel.parse import parse_workbook
from reports.excel.reading import open_workbook
from tests.models.factories import household_values, id_number
from tests.reports.excel.messy import write_xlsx

HEAD = ["户主身份证号", "姓名", "与户主关系", "身份证号", "性别", "健康状况", "月收入"]


def run(ledger: Any, path: Path) -> Any:
    with open_workbook(path) as book:
        parsed = parse_workbook("members", book)
        return ledger.imports.apply("members", parsed.rows, file_name=path.name)


def test_the_head_listed_as_himself_is_the_files_head(ledger, tmp_path):
    h = ledger.households.create(household_values(monthly_income="1200"))
    wife = id_number(male=False)
    rows = [
        HEAD,
        [h.id_number, "张建国", "本人", h.id_number, "男", None, 1200],
        [h.id_number, "王　芳", "妻子", wife, "女", "良好", 800],
    ]
    result = run(ledger, write_xlsx(tmp_path / "成员.xlsx", [("s", rows)]))
    assert result.rejected == [], [r.message for r in result.rejected]
    assert (result.inserted, result.unchanged, result.updated) == (1, 1, 0)
    detail = ledger.households.detail(h.id)
    assert [(m.name, m.relation) for m in detail.members] == [("王芳", "配偶")]
    # The same sheet again, now with the head's income changed: the file's head is updated.
    rows[1] = [h.id_number, "张 建国", "户主", None, None, "患重特大疾病（尿毒症）", 1500]
    result = run(ledger, write_xlsx(tmp_path / "again.xlsx", [("s", rows)]))
    assert result.rejected == [], [r.message for r in result.rejected]
    assert (result.inserted, result.unchanged, result.updated) == (0, 1, 1)
    head = ledger.households.get(h.id)
    assert head.monthly_income == Decimal("1500.00") and head.health == "患重特大疾病"
    assert head.name == "张建国" and len(ledger.households.detail(h.id).members) == 1


def test_a_row_with_the_heads_id_number_is_the_head_whatever_its_relation_says(ledger, tmp_path):
    h = ledger.households.create(household_values())
    rows = [HEAD, [h.id_number, "张建国", None, h.id_number, None, None, None]]
    result = run(ledger, write_xlsx(tmp_path / "成员.xlsx", [("s", rows)]))
    assert result.rejected == [] and result.unchanged == 1
    assert ledger.households.detail(h.id).members == ()


def test_a_head_row_that_is_someone_else_is_a_conflict(ledger, tmp_path):
    h = ledger.households.create(household_values())
    other = id_number()
    rows = [
        HEAD,
        [h.id_number, "张建国", "本人", other, None, None, None],
        [h.id_number, "李四", "户主", None, None, None, None],
    ]
    result = run(ledger, write_xlsx(tmp_path / "成员.xlsx", [("s", rows)]))
    assert [r.code for r in result.rejected] == ["identity_conflict", "identity_conflict"]
    assert "张建国" in result.rejected[1].message and "李四" in result.rejected[1].message
    assert ledger.households.detail(h.id).members == ()
