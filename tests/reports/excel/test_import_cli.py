"""The import command: the --json schema, the error workbook, and a fixed error workbook re-imported."""

from __future__ import annotations

import json

import openpyxl

import main
from tests.reports.excel.messy import HEAD, people, write_xlsx

KEYS = {
    "file", "kind", "sheets", "rows_read", "inserted", "updated", "unchanged", "rejected",
    "batch_id", "dry_run", "mapped",
}  # fmt: skip
MAPPED_KEYS = {"field", "value", "to", "count", "how"}
REJECTED_KEYS = {"sheet", "row", "field", "value", "code", "message"}
CODES = {
    "id_checksum", "id_length", "id_precision_lost", "id_birthdate", "date_unparseable",
    "amount_unparseable", "invalid_choice", "missing_required", "unknown_household",
    "duplicate_in_file", "duplicate_person", "identity_conflict", "invalid_value",
}  # fmt: skip


def run_json(capsys, db_url, *args):
    code = main.main(["--database-url", db_url, "import", *args, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def messy_file(tmp_path):
    rows = [["2024年困难职工名单"], HEAD + ["微信"], *[[*r, "wx"] for r in people(4)]]
    rows[3][2] = rows[3][2][:17] + ("1" if rows[3][2][17] != "1" else "2")  # checksum slip
    rows[4][4] = "特别困难"
    rows.append(list(rows[2]))  # duplicate of the first person
    return write_xlsx(tmp_path / "乡镇名单.xlsx", [("城关镇", rows)])


def test_json_schema_dry_run_and_real_run(capsys, db_url, tmp_path):
    path = messy_file(tmp_path)
    preview = run_json(capsys, db_url, "households", str(path), "--dry-run")
    assert set(preview) == KEYS
    assert preview["dry_run"] is True and preview["batch_id"] is None
    assert preview["sheets"] == [{"name": "城关镇", "header_row": 2, "unknown_columns": ["微信"]}]
    assert (
        preview["rows_read"],
        preview["inserted"],
        preview["updated"],
        preview["unchanged"],
    ) == (5, 2, 0, 0)
    for item in preview["rejected"]:
        assert set(item) == REJECTED_KEYS and item["code"] in CODES
        assert isinstance(item["row"], int) and isinstance(item["message"], str)
    assert [(r["row"], r["code"], r["field"]) for r in preview["rejected"]] == [
        (4, "id_checksum", "id_number"),
        (5, "invalid_choice", "hardship_class"),
        (7, "duplicate_in_file", "id_number"),
    ]
    assert preview["rejected"][1]["value"] == "特别困难"
    # 深度困难职工 (HEAD's wording) is the class with a suffix: stored as 深度困难, and reported.
    (mapped,) = preview["mapped"]
    assert set(mapped) == MAPPED_KEYS
    assert (mapped["field"], mapped["value"], mapped["to"], mapped["how"]) == (
        "hardship_class", "深度困难职工", "深度困难", "synonym"
    )  # fmt: skip
    assert mapped["count"] == 4  # every row read that says it, the duplicate's too
    real = run_json(capsys, db_url, "households", str(path))
    assert real["dry_run"] is False and isinstance(real["batch_id"], int)
    assert real["inserted"] == 2 and len(real["rejected"]) == 3
    again = run_json(capsys, db_url, "households", str(path))
    assert (again["inserted"], again["unchanged"], again["batch_id"]) == (0, 2, None)


def test_error_workbook_marks_cells_and_reimports_once_fixed(capsys, db_url, tmp_path):
    path = messy_file(tmp_path)
    errors = tmp_path / "错误.xlsx"
    main.main(
        ["--database-url", db_url, "import", "households", str(path), "--errors", str(errors)]
    )
    capsys.readouterr()
    ws = openpyxl.load_workbook(errors)["城关镇"]
    header = [c.value for c in ws[1]]
    assert header[: len(HEAD)] == HEAD and header[-2:] == ["错误原因", "原行号"]
    rows = list(ws.iter_rows(min_row=2))
    assert [r[-1].value for r in rows] == [4, 5, 7]
    bad_id = rows[0][2]
    assert bad_id.fill.fgColor.rgb.endswith("FFC7CE") and "校验码" in bad_id.comment.text
    assert rows[0][0].comment is None
    assert "特别困难" in rows[1][4].value and rows[1][4].comment is not None
    assert "重复" in rows[2][-2].value
    # The clerk fixes the class and re-imports the error workbook itself.
    rows[1][4].value = "相对困难"
    ws.parent.save(errors)
    fixed = run_json(capsys, db_url, "households", str(errors))
    assert fixed["sheets"][0]["unknown_columns"] == ["微信"]
    assert fixed["inserted"] == 1  # the class is fixed; the other two still need the clerk


def test_human_summary_is_chinese(capsys, db_url, tmp_path):
    path = messy_file(tmp_path)
    code = main.main(["--database-url", db_url, "import", "households", str(path)])
    out, _ = capsys.readouterr()
    assert code == 0
    assert "新增2" in out and "拒绝3" in out and "未识别" in out and "第4行" in out


def test_undo_through_the_cli(capsys, db_url, tmp_path):
    path = write_xlsx(tmp_path / "a.xlsx", [("s", [HEAD, *people(3)])])
    batch = run_json(capsys, db_url, "households", str(path))["batch_id"]
    code = main.main(
        ["--database-url", db_url, "import", "households", str(path), "--undo", str(batch)]
    )
    out, _ = capsys.readouterr()
    assert code == 0 and "已撤销" in out
    again = run_json(capsys, db_url, "households", str(path))
    assert again["inserted"] == 3  # undone files are in the recycle bin; the people are free again
    code = main.main(
        ["--database-url", db_url, "import", "households", str(path), "--undo", str(batch)]
    )
    _, err = capsys.readouterr()
    assert code == 2 and "撤销过" in err
