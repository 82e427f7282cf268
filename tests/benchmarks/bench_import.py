"""Import of a big 花名册 (read, validated, committed) against openpyxl read-only just iterating it.

Each measurement runs in its own process so its peak memory is its own. The roster is a real
花名册 layout (merged title, 填报单位 line, header, data, 合计, footer) and is cached on disk.
Target (issue 3): import ≤ 0.5× the openpyxl read-only time, peak memory < 400 MB at 100,000
rows, and 200,000 rows must work.

    python -m tests.benchmarks.run import --households 100000
"""

from __future__ import annotations

import datetime as dt
import json
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from tests.benchmarks import datasets

ROOT = datasets.ROOT
TOWNSHIPS = ("城关镇", "东关街道", "西湖乡", "北山镇", "南河乡", "新华街道", "桥头镇", "河口乡")
CLASSES = ("深度困难", "相对困难", "意外致困", "深度困难职工", "低保户")
CAUSES = ("患重特大疾病", "下岗失业", "子女上学", "无劳动能力", "遭受意外事故")


def roster(rows: int, seed: int = 2025) -> Path:
    """A cached .xlsx roster of `rows` distinct households laid out as townships send them."""
    path = datasets.bench_dir() / f"roster-{rows}-{seed}.xlsx"
    if path.exists():
        return path
    from openpyxl import Workbook

    from models.fields import HOUSEHOLD_FIELDS
    from models.validation import build_id_number

    fields = [f for f in HOUSEHOLD_FIELDS if f not in ("status", "per_capita_monthly")]
    rnd = random.Random(seed)
    book = Workbook(write_only=True)
    ws = book.create_sheet("花名册")
    ws.merged_cells.add(f"A1:{chr(64 + 26)}1")
    ws.append(["示例县总工会困难职工花名册"])
    ws.append(["填报单位：示例县总工会", None, None, None, None, "填报日期：2025年1月5日"])
    ws.append([HOUSEHOLD_FIELDS[f] for f in fields])
    for i in range(rows):
        # Distinct people: the sequence number and the birth day together never repeat.
        born = dt.date(1960, 1, 1) + dt.timedelta(days=i // 500)
        record = {
            "file_no": f"KN2024{i + 1:06d}", "name": "张王李赵刘陈杨黄"[i % 8] + "伟芳敏静丽强"[i % 6],
            "ethnicity": "汉族", "id_number": build_id_number("411602", born, (i % 500) * 2 + 1),
            "political_status": "群众", "health": rnd.choice(("良好", "一般疾病", "患重特大疾病")),
            "work_status": rnd.choice(("在岗", "失业", "农民工", "下岗")), "model_worker": "无",
            "phone": f"13{rnd.randrange(3, 10)}{i:08d}", "employer": "示例建材有限公司",
            "employer_nature": "私营企业", "industry": "制造业", "marital_status": "已婚",
            "hukou_type": "农业", "housing_type": "自有住房", "township": TOWNSHIPS[i % 8],
            "address": f"{TOWNSHIPS[i % 8]}幸福路{i % 300}号", "family_size": 1 + i % 5,
            "monthly_income": f"{1500 + i % 700:,}.00", "family_annual_income": 20000 + i % 9000,
            "annual_rigid_expense": "3000元", "medical_insurance": "城乡居民医保",
            "single_parent": "否", "zero_employment": "否", "hardship_class": CLASSES[i % 5],
            "main_cause": CAUSES[i % 5], "secondary_causes": "子女上学" if i % 5 != 2 else "其他",
            "bank_name": "中国农业银行", "bank_card": f"62284804{i:011d}",
            "filed_date": dt.date(2024, 1, 1) + dt.timedelta(days=i % 300),
        }  # fmt: skip
        ws.append([record.get(f) for f in fields])
    ws.append(["合计", None, None, None, None, f"{rows}户"])
    ws.append(["单位负责人：", None, "审核人：", None, "填表人："])
    tmp = path.with_suffix(".part")
    book.save(tmp)
    tmp.rename(path)
    return path


_CHILD = r"""
import json, resource, sys, time
mode, path, db = sys.argv[1], sys.argv[2], sys.argv[3]
start, cpu = time.perf_counter(), time.process_time()
out = {}
if mode == "openpyxl":
    from openpyxl import load_workbook
    book = load_workbook(path, read_only=True, data_only=True)
    out["rows"] = sum(1 for ws in book.worksheets for _ in ws.iter_rows(values_only=True))
else:
    from models.services import Ledger
    from reports.excel.parse import parse_workbook
    from reports.excel.reading import open_workbook
    ledger = Ledger.open("sqlite:///" + db, create=True)
    with open_workbook(path) as book:
        parsed = parse_workbook("households", book)
        result = ledger.imports.apply("households", parsed.rows, file_name=path)
    out.update(rows=result.rows_read, inserted=result.inserted, unchanged=result.unchanged,
               rejected=len(result.rejected))
out["seconds"] = round(time.perf_counter() - start, 2)
out["cpu_seconds"] = round(time.process_time() - cpu, 2)
out["peak_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
print(json.dumps(out))
"""


def _child(mode: str, path: Path, db: Path) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, mode, str(path), str(db)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        return {"error": done.stderr[-2000:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def run(households: int = 100_000, seed: int = 2025) -> dict[str, Any]:
    figures: dict[str, Any] = {"rows": households}
    path = roster(households, seed)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "import.sqlite3"
        baseline = _child("openpyxl", path, db)
        first = _child("import", path, db)
        again = _child("import", path, db)  # the same file again: every row unchanged
    figures["openpyxl_read_only"] = baseline
    figures["import"] = first
    figures["reimport_unchanged"] = again
    if "seconds" in baseline and "seconds" in first:
        figures["ratio_wall"] = round(first["seconds"] / baseline["seconds"], 3)
        figures["ratio_cpu"] = round(first["cpu_seconds"] / baseline["cpu_seconds"], 3)
        figures["target"] = "ratio ≤ 0.5, peak_mb < 400 (100,000 rows)"
    return figures


def cli() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 100_000
    print(json.dumps(run(rows), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    cli()
