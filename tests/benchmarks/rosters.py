"""Big 困难职工花名册 for the import benchmarks, worded as townships word them, cached on disk.

The headers, the value wordings (因病, 深度困难职工, 下岗职工, 借住亲戚家 …), the date and money
spellings and the defects of bad rows come from the real-sheet corpus (tests/data/real_sheets),
never from the app's own lists. `refused` is the share of rows given one defect each (a wrong
check digit, an ID typed as a number, 困难类别 待定, no name, an impossible date, a money cell in
words, a person listed twice), so a benchmark can show the memory bound holds when most are refused.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tests.benchmarks import datasets
from tests.data.real_sheets import _ids, _wording
from tests.data.real_sheets._corpus import UNION, footer_row, unit_line
from tests.data.real_sheets._people import GIVEN_F, GIVEN_M, REGIONS, SURNAMES, padded

# A 花名册 with the columns several provinces' sheets have between them (see _households.py).
HEAD = (
    "序号", "姓名", "性别", "民族", "政治面貌", "身份证号码", "健康状况", "工作状态", "工作单位",
    "所属行业", "婚姻状况", "户口性质", "住房情况", "联系电话", "所在乡镇", "家庭住址", "家庭人口",
    "本人月收入（元）", "家庭年总收入（元）", "年刚性支出", "医保情况", "困难类别", "致困原因",
    "银行卡号", "建档时间", "备注",
)  # fmt: skip
TOWNSHIPS = ("城关镇", "东关街道", "西湖乡", "北山镇", "南河乡", "新华街道", "桥头镇", "柳林镇")
EMPLOYERS = (
    "城关镇环卫所", "县纺织厂", "县运输公司", "宏达建材有限公司", "城关镇中心小学", "县人民医院",
    "顺达物流有限公司", "县自来水公司", "个体", "灵活就业",
)  # fmt: skip
REMARKS = (None, None, None, "", "低保", "子女在读高中", "2023年复核", "已走访")


def _wordings(field_name: str, *exact: str) -> tuple[str, ...]:
    """The corpus's wordings a correct import accepts for a field, with some list spellings."""
    table = _wording.TABLES[field_name]
    return tuple(table) + exact


CHOICES: dict[str, tuple[str, ...]] = {
    "民族": _wordings("ethnicity", "汉族", "汉族", "汉族", "回族"),
    "政治面貌": _wordings("political_status", "群众", "群众", "群众"),
    "健康状况": tuple(w for w in _wording.HEALTH if "级" not in w) + ("良好", "良好"),
    "工作状态": _wordings("work_status", "在岗", "农民工"),
    "所属行业": _wordings("industry", "制造业"),
    "婚姻状况": _wordings("marital_status", "已婚", "已婚", "未婚", "丧偶"),
    "户口性质": _wordings("hukou_type", "农业", "非农业"),
    "住房情况": _wordings("housing_type"),
    "医保情况": _wordings("medical_insurance"),
    "困难类别": _wordings("hardship_class", "深度困难", "相对困难"),
    "致困原因": _wordings("main_cause", *_wording.EXACT_CAUSES),
}


def _date_cell(rnd: random.Random, day: dt.date) -> Any:
    """建档时间 as clerks type it: 2023.5.6, 2023年6月12日, 2023-05-06, or a real date cell."""
    return rnd.choice(
        (
            f"{day.year}.{day.month}.{day.day}",
            f"{day.year}年{day.month}月{day.day}日",
            day.isoformat(),
            dt.datetime(day.year, day.month, day.day),
        )
    )


def _money_cell(rnd: random.Random, amount: int) -> Any:
    return rnd.choice((amount, f"{amount:,}.00", f"{amount}元", float(amount)))


def _row(rnd: random.Random, i: int) -> list[Any]:
    male = rnd.random() < 0.55
    name = rnd.choice(SURNAMES) + "".join(
        rnd.choice(GIVEN_M if male else GIVEN_F) for _ in range(rnd.choice((1, 2, 2)))
    )
    # Distinct people: the birth day and the sequence number together never repeat.
    born = dt.date(1962, 1, 1) + dt.timedelta(days=i // 400)
    region = rnd.choice(tuple(REGIONS.values()))
    id_number = _ids.id_number(region, born, (i % 400) * 2 + 1, male=male)
    town = TOWNSHIPS[i % len(TOWNSHIPS)]
    cells = {
        "序号": i + 1,
        "姓名": padded(name) if rnd.random() < 0.3 else name,
        "性别": rnd.choice(("男", "男性")) if male else rnd.choice(("女", "女性")),
        "身份证号码": id_number.lower() if rnd.random() < 0.1 else id_number,
        "工作单位": rnd.choice(EMPLOYERS),
        "联系电话": rnd.choice(("138", "139", "151", "158", "187")) + f"{rnd.randrange(10**8):08d}",
        "所在乡镇": town,
        "家庭住址": f"{town}幸福路{i % 300}号",
        "家庭人口": 1 + i % 5,
        "本人月收入（元）": _money_cell(rnd, 800 + i % 1700),
        "家庭年总收入（元）": _money_cell(rnd, 12000 + i % 40000),
        "年刚性支出": f"{rnd.randrange(1, 9) * 1000}元",
        "银行卡号": "6228" + f"{rnd.randrange(10**15):015d}",
        "建档时间": _date_cell(rnd, dt.date(2022, 1, 1) + dt.timedelta(days=i % 900)),
        "备注": rnd.choice(REMARKS),
    }
    for heading, options in CHOICES.items():
        cells[heading] = rnd.choice(options)
    return [cells.get(h) for h in HEAD]


def _defect_wrong_check(cells: list[Any], _earlier: list[Any]) -> None:
    cells[_col("身份证号码")] = _ids.wrong_check(str(cells[_col("身份证号码")]).upper())


def _defect_id_as_number(cells: list[Any], _earlier: list[Any]) -> None:
    # What Excel keeps of an 18-digit ID typed into a number cell: 15 significant digits.
    cells[_col("身份证号码")] = float(f"{int(str(cells[_col('身份证号码')])[:17]):.14e}")


def _defect_undecided_class(cells: list[Any], _earlier: list[Any]) -> None:
    cells[_col("困难类别")] = "待定"


def _defect_no_name(cells: list[Any], _earlier: list[Any]) -> None:
    cells[_col("姓名")] = None


def _defect_impossible_date(cells: list[Any], _earlier: list[Any]) -> None:
    cells[_col("建档时间")] = "2023.13.45"


def _defect_money_in_words(cells: list[Any], _earlier: list[Any]) -> None:
    cells[_col("家庭年总收入（元）")] = "两万左右"


def _defect_listed_twice(cells: list[Any], earlier: list[Any]) -> None:
    cells[_col("身份证号码")] = earlier[_col("身份证号码")]
    cells[_col("姓名")] = earlier[_col("姓名")]


DEFECTS: tuple[Callable[[list[Any], list[Any]], None], ...] = (
    _defect_wrong_check, _defect_id_as_number, _defect_undecided_class, _defect_no_name,
    _defect_impossible_date, _defect_money_in_words, _defect_listed_twice,
)  # fmt: skip


def _col(heading: str) -> int:
    return HEAD.index(heading)


def roster(rows: int, seed: int = 2025, *, refused: float = 0.0) -> Path:
    """A cached .xlsx roster of `rows` households; `refused` of them carry one defect each."""
    share = round(refused * 100)
    path = datasets.bench_dir() / f"roster-real-{rows}-{seed}-bad{share}.xlsx"
    if path.exists():
        return path
    from openpyxl import Workbook

    rnd = random.Random(seed)
    book = Workbook(write_only=True)
    ws = book.create_sheet("花名册")
    ws.merged_cells.add(f"A1:{chr(64 + len(HEAD))}1")
    ws.append([f"{UNION}2024年度困难职工花名册"])
    ws.append(unit_line(len(HEAD), "示例县总工会", dt.date(2025, 1, 5)))
    ws.append(list(HEAD))
    good: list[Any] | None = None
    for i in range(rows):
        cells = _row(rnd, i)
        if good is not None and rnd.random() < refused:
            rnd.choice(DEFECTS)(cells, good)
        else:
            good = cells
        ws.append(cells)
    ws.append(["合计", None, None, None, None, None, None, None, None, None, f"{rows}户"])
    ws.append(footer_row(len(HEAD)))
    tmp = path.with_suffix(".part")
    book.save(tmp)
    tmp.rename(path)
    return path
