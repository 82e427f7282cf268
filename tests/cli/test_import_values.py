"""`import --show-values` and `import --map`: see a township's wording, map it once, and import
the next township's sheet with no questions asked (issue 10)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import main
from models.services import HouseholdQuery, Ledger
from tests.reports.excel.messy import ids, write_xlsx

HEAD = ["姓名", "身份证号", "所在乡镇", "困难类别", "致困原因", "所属行业"]


def run(capsys: pytest.CaptureFixture[str], db_url: str, *args: str) -> tuple[int, str, str]:
    code = main.main(["--database-url", db_url, "import", *args])
    out, err = capsys.readouterr()
    return code, out, err


def count(db_url: str) -> int:
    ledger = Ledger.open(db_url)
    try:
        return ledger.households.count(HouseholdQuery())
    finally:
        ledger.close()


def first_township(tmp_path: Path) -> Path:
    a, b, c = ids(3)
    rows = [
        HEAD,
        ["甲", a, "城关镇", "深度困难", "因病", "交通运输业"],
        ["乙", b, "城关镇", "特别困难", "因病、因学", "搞运输的"],
        ["丙", c, "城关镇", "深度困难", "收入低", "制造业"],
    ]
    return write_xlsx(tmp_path / "城关镇.xlsx", [("花名册", rows)])


def test_show_values_lists_each_wording_with_count_proposal_and_how(capsys, db_url, tmp_path):
    code, out, err = run(capsys, db_url, "households", str(first_township(tmp_path)),
                         "--show-values")  # fmt: skip
    assert code == 0, err
    assert count(db_url) == 0  # nothing written
    lines = out.splitlines()
    assert "不是标准写法的值" in lines[0] and "未写入数据库" in lines[0]
    assert lines[1].split() == ["字段", "原值", "次数", "对应为", "方式"]
    table = {tuple(line.split()[:2]): line.split()[2:] for line in lines[2:]}
    assert table[("主要致困原因", "因病")] == ["1", "患重特大疾病", "常见写法"]
    assert table[("主要致困原因", "因病、因学")] == ["1", "患重特大疾病", "常见写法"]
    assert "另记入：次要致困原因 子女上学" in out
    assert table[("主要致困原因", "收入低")] == ["1", "其他", "归为其他"]
    assert table[("所属行业", "交通运输业")] == ["1", "交通运输、仓储和邮政业", "近似写法"]
    assert table[("困难类别", "特别困难")][:2] == ["1", "（对应不到，该行拒绝）"]
    assert any("--map" in line for line in lines)
    code, out, _ = run(capsys, db_url, "households", str(first_township(tmp_path)),
                       "--show-values", "--json")  # fmt: skip
    values = json.loads(out)["values"]
    refused = next(v for v in values if v["value"] == "特别困难")
    assert refused["refused"] and refused["candidates"] == ["深度困难", "相对困难", "意外致困"]


def mapping_file(tmp_path: Path, text: str, bom: bool = True) -> Path:
    path = tmp_path / "对应表.csv"
    path.write_text(text, encoding="utf-8-sig" if bom else "utf-8")
    return path


def test_a_mapping_applies_and_is_kept_for_the_next_township(capsys, db_url, tmp_path):
    table = mapping_file(
        tmp_path,
        "字段,原值,标准值\n困难类别,特别困难,深度困难\nmain_cause,收入低,无劳动能力\n"
        "所属行业,搞运输的,交通运输、仓储和邮政业\n",
        bom=False,
    )
    path = first_township(tmp_path)
    code, out, err = run(capsys, db_url, "households", str(path), "--map", str(table),
                         "--dry-run", "--json")  # fmt: skip
    preview = json.loads(out)
    assert code == 0 and preview["inserted"] == 3 and preview["rejected"] == []
    how = {(m["field"], m["value"]): (m["to"], m["how"]) for m in preview["mapped"]}
    assert how[("hardship_class", "特别困难")] == ("深度困难", "office")
    assert how[("main_cause", "收入低")] == ("无劳动能力", "office")
    assert how[("main_cause", "因病")] == ("患重特大疾病", "synonym")
    code, out, err = run(capsys, db_url, "households", str(path), "--map", str(table))
    assert code == 0, err
    assert "对应表的3条写法已存为本单位的常用写法" in out
    assert "按常见写法对应了" in out and "--show-values" in out
    assert count(db_url) == 3
    # The next township writes the same way: no mapping file, no refusal.
    (d,) = ids(1, start=10)
    rows = [HEAD, ["丁", d, "河口乡", "特别困难", "收入低", "搞运输的"]]
    nxt = write_xlsx(tmp_path / "河口乡.xlsx", [("花名册", rows)])
    code, out, err = run(capsys, db_url, "households", str(nxt), "--json")
    report = json.loads(out)
    assert report["inserted"] == 1 and report["rejected"] == []
    assert {m["how"] for m in report["mapped"]} == {"office"}


def test_a_dry_run_keeps_no_mapping(capsys, db_url, tmp_path):
    table = mapping_file(tmp_path, "字段,原值,标准值\n困难类别,特别困难,深度困难\n")
    path = first_township(tmp_path)
    code, out, _ = run(capsys, db_url, "households", str(path), "--map", str(table), "--dry-run")
    assert code == 0 and "正式导入时才存为本单位的常用写法" in out
    code, out, _ = run(capsys, db_url, "households", str(path), "--json")
    assert [r["value"] for r in json.loads(out)["rejected"]] == ["特别困难"]


@pytest.mark.parametrize(
    ("text", "line", "said"),
    [
        ("字段,原值,标准值\n困难类别,特别困难,很困难\n", "第2行", "很困难"),
        ("字段,原值,标准值\n困难类别,特别困难,深度困难\n工资,很低,其他\n", "第3行", "工资"),
        ("字段,原值,标准值\n致困原因,,其他\n", "第2行", "原值"),
        ("字段,原值,标准值\n致困原因,收入低,\n", "第2行", "（留空）"),
        ("字段,原值,标准值\n致困原因,收入低,其他\n致困原因,收入低,无劳动能力\n", "第3行", "第2行"),
        ("姓名,身份证号\n", "第1行", "字段,原值,标准值"),
    ],
)
def test_a_bad_mapping_file_names_the_line_and_imports_nothing(
    capsys, db_url, tmp_path, text, line, said
):
    table = mapping_file(tmp_path, text)
    code, out, err = run(capsys, db_url, "households", str(first_township(tmp_path)),
                         "--map", str(table))  # fmt: skip
    assert code == 2 and out == ""
    assert err.startswith("错误：对应表“对应表.csv”") and line in err and said in err, err
    assert "Traceback" not in err
    assert count(db_url) == 0
