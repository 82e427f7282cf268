"""Import cost per row of all seven kinds, each beside households measured in the same run.

One child process builds a ledger and imports, in order: a 花名册 of `rows` households, then
member, aid, station, 驿站, monthly 服务人次 and activity sheets of `rows` rows each, hung on
those files and stations. The sheets are worded as townships word them (headers, relations,
categories, funding sources, facilities and statuses from tests/data/real_sheets), never from
the app's own lists. Each kind reports its seconds (read + parse + apply), the apply seconds
alone, ms per row and the ratio of its per-row cost to households'. Target (issue 10): every
kind within 1.5× of households per row.

    python -m tests.benchmarks.run import_kinds --households 20000
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

KINDS = ("households", "members", "assistance", "stations", "reststops", "usage", "activities")
TOWNSHIPS = ("城关镇", "东关街道", "西湖乡", "北山镇", "南河乡", "新华街道", "桥头镇", "柳林镇")

# Wordings seen in real sheets (tests/data/real_sheets): accepted, mostly through synonyms.
RELATIONS_SPOUSE = ("妻子", "丈夫", "配偶", "爱人")
RELATIONS_CHILD = ("儿子", "女儿", "子女", "之子", "之女")
HEALTH = ("健康", "良好", "一般")
IDENTITY_ADULT = ("在岗", "无业", "灵活就业", "务农")
IDENTITY_CHILD = ("在校生", "学生", "学龄前")
SCHOOLS = ("城关镇中心小学", "东关中学", "县职业中专", "东关实验小学")
AID = ("春节慰问", "送温暖", "困难补助", "日常救助", "大病救助", "助学金", "临时困难救助")
FUNDING = ("县总拨付", "省总补助", "市总下拨", "县财政", "社会捐赠", "本级工会经费")
GOODS = ("大米50斤、食用油1桶", "棉被1床", "米面油", None, None)
STATION_TYPES = ("镇职工服务站", "街道职工服务站", "社区职工服务点", "村职工服务点", "母婴室")
STATION_STATUS = ("正常运营", "正常", "运营中", "已投用", "整改中")
SERVICES = ("帮扶救助、法律咨询", "职业介绍、职工培训", "心理疏导、12351", "法律咨询")
HOSTS = (("环卫所", "环卫站"), ("加油站", "中石化加油站"), ("农商行支行", "农商行"),
         ("便民服务中心", "政务服务中心"), ("惠民超市", "超市"))  # fmt: skip
BUILD = ("自建", "共建", "联建", "共建共享")
FACILITIES = (
    "饮水、热饭、休息",
    "饮水机、微波炉、药箱、空调",
    "如厕、手机充电、避雨",
    "饮水、休息",
)
ACTIVITIES = ("夏送清凉慰问", "送清凉", "冬送温暖", "文艺汇演", "职工运动会", "劳动竞赛",
              "技能培训", "普法宣传")  # fmt: skip


def _day(rnd: random.Random, start: dt.date, span: int) -> Any:
    day = start + dt.timedelta(days=rnd.randrange(span))
    return rnd.choice(
        (f"{day.year}.{day.month}.{day.day}", f"{day.year}年{day.month}月{day.day}日", day)
    )


def _save(path: Path, title: str, head: list[str], rows: list[list[Any]]) -> Path:
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    ws = book.create_sheet("Sheet1")
    ws.append([title])
    ws.append(list(head))
    for cells in rows:
        ws.append(cells)
    book.save(path)
    return path


def members_sheet(folder: Path, heads: list[tuple[str, str]], rows: int) -> Path:
    """本人, spouse and child per file, as 户主姓名/户主身份证号 … like file 10 of the corpus."""
    from tests.data.real_sheets import _ids

    rnd = random.Random(10)
    head = ["户主姓名", "户主身份证号", "成员姓名", "与户主关系", "身份证号", "性别", "出生日期",
            "健康状况", "月收入（元）", "人员身份", "就读学校", "年级"]  # fmt: skip
    out: list[list[Any]] = []
    for i in range(rows):
        name, id_number = heads[(i // 3) % len(heads)]
        who = i % 3
        if who == 0:
            out.append([name, id_number, name, "本人", id_number, None, None, "良好",
                        f"{1200 + i % 500}元", "在岗", None, None])  # fmt: skip
            continue
        born = (dt.date(1971, 1, 1) if who == 1 else dt.date(2004, 1, 1)) + dt.timedelta(
            days=i // 600
        )
        male = rnd.random() < 0.5
        member_id = _ids.id_number("411602", born, (i % 600) + 1, male=male)
        kin = rnd.choice(RELATIONS_SPOUSE if who == 1 else RELATIONS_CHILD)
        given = "芳娜敏静丽艳" if not male else "伟强磊军勇杰"
        cells = [name, id_number, name[0] + given[i % 6] + "华"[: i % 2], kin, member_id,
                 "男" if male else "女", born.isoformat(), rnd.choice(HEALTH),
                 rnd.choice((0, "800", "1,000.00")), None, None, None]  # fmt: skip
        if who == 1:
            cells[9] = rnd.choice(IDENTITY_ADULT)
        else:
            cells[9:12] = [rnd.choice(IDENTITY_CHILD), rnd.choice(SCHOOLS), f"{1 + i % 6}年级"]
        out.append(cells)
    return _save(folder / "members.xlsx", "困难职工家庭成员情况表", head, out)


def assistance_sheet(folder: Path, heads: list[tuple[str, str]], rows: int) -> Path:
    """A 送温暖/救助 发放表 like file 20: 慰问金 written 500元 / 1,200.00, 县总拨付 …"""
    rnd = random.Random(20)
    head = ["序号", "姓名", "身份证号", "慰问类别", "慰问金（元）", "慰问品", "折价（元）",
            "资金来源", "发放日期", "经办人", "领取人签字"]  # fmt: skip
    out = []
    for i in range(rows):
        name, id_number = heads[i % len(heads)]
        cash = rnd.choice(("500元", 800, "1,200.00", "0.1万元", 300 + i % 7 * 100))
        goods = rnd.choice(GOODS)
        out.append([i + 1, name, id_number, rnd.choice(AID), cash, goods,
                    rnd.choice((100, 150, "200元")) if goods else None, rnd.choice(FUNDING),
                    _day(rnd, dt.date(2022, 1, 1) + dt.timedelta(days=i // len(heads) * 40), 30),
                    "李会计", None])  # fmt: skip
    return _save(folder / "assistance.xlsx", "2024年春节送温暖慰问金发放花名册", head, out)


def stations_sheet(folder: Path, rows: int) -> Path:
    """A county 阵地统计表 like file 30: 类型 镇职工服务站/母婴室, 投入资金（万元）, 正常运营."""
    rnd = random.Random(30)
    head = ["序号", "阵地名称", "阵地类型", "所在乡镇", "详细地址", "依托单位", "负责人",
            "联系电话", "建成时间", "面积（㎡）", "投入资金（万元）", "服务内容", "运行状态",
            "备注"]  # fmt: skip
    out = []
    for i in range(rows):
        town = TOWNSHIPS[i % len(TOWNSHIPS)]
        kind = rnd.choice(STATION_TYPES)
        out.append([i + 1, f"{town}第{i + 1}{kind}", kind, town, f"{town}人民路{i % 300}号",
                    f"{town}工会", "刘主任", f"0371-{6000000 + i}",
                    _day(rnd, dt.date(2015, 1, 1), 2500), 60 + i % 200, rnd.choice((1.5, 3, "2")),
                    rnd.choice(SERVICES), rnd.choice(STATION_STATUS), None])  # fmt: skip
    return _save(folder / "stations.xlsx", "职工服务阵地建设情况统计表", head, out)


def reststops_sheet(folder: Path, rows: int) -> Path:
    """A 驿站统计表 like file 40: 服务功能 listing facilities, 依托单位类型, 建设方式, 24小时."""
    rnd = random.Random(40)
    head = ["序号", "站点编号", "站点名称", "所在乡镇（街道）", "详细地址", "依托单位",
            "依托单位类型", "建设方式", "站点负责人", "联系电话", "建站时间", "面积（平方米）",
            "开放时间", "服务功能", "运营状态", "获得荣誉"]  # fmt: skip
    out = []
    for i in range(rows):
        town = TOWNSHIPS[i % len(TOWNSHIPS)]
        host, host_kind = HOSTS[i % len(HOSTS)]
        out.append([i + 1, f"DL-YZ-{i + 1:06d}", f"{town}{host}{i + 1}号爱心驿站", town,
                    f"{town}{host}旁", f"{town}{host}", host_kind, rnd.choice(BUILD), "钱站长",
                    "13700001111", _day(rnd, dt.date(2019, 1, 1), 1200), 12 + i % 20,
                    rnd.choice(("24小时", "8:00-18:00", "8:30-17:30")), rnd.choice(FACILITIES),
                    rnd.choice(STATION_STATUS[:4]), None])  # fmt: skip
    return _save(folder / "reststops.xlsx", "工会户外劳动者服务站点统计表", head, out)


def usage_sheet(folder: Path, stops: list[tuple[str, str]], rows: int) -> Path:
    """A 月报 like file 51: one month a row, 2024年3月 / 2024.04 / 2024-05, 1,200 / 350人次."""
    rnd = random.Random(51)
    head = ["站点名称", "所属乡镇", "月份", "服务人次", "备注"]
    out = []
    for i in range(rows):
        name, town = stops[(i // 24) % len(stops)]
        year, month = 2023 + (i % 24) // 12, 1 + i % 12
        when = rnd.choice((f"{year}年{month}月", f"{year}.{month:02d}", f"{year}-{month:02d}"))
        visits = rnd.randrange(150, 2000)
        out.append([name, town, when, rnd.choice((visits, f"{visits:,}", f"{visits}人次")),
                    rnd.choice((None, None, "含夜间"))])  # fmt: skip
    return _save(folder / "usage.xlsx", "驿站月度服务人次", head, out)


def activities_sheet(folder: Path, rows: int) -> Path:
    """A 工作活动台账 like file 60: 夏送清凉慰问 / 冬送温暖 / 普法宣传, 2.4万元, 县总拨付."""
    rnd = random.Random(60)
    head = ["序号", "活动名称", "活动类别", "活动时间", "活动地点", "所属乡镇", "主办单位",
            "参与人数", "覆盖人次", "投入资金（元）", "资金来源", "活动内容"]  # fmt: skip
    out = []
    for i in range(rows):
        town = TOWNSHIPS[i % len(TOWNSHIPS)]
        category = rnd.choice(ACTIVITIES)
        people = 20 + i % 300
        out.append([i + 1, f"{town}{category}活动（第{i + 1}场）", category,
                    _day(rnd, dt.date(2022, 1, 1), 1000), f"{town}文化广场", town, "县总工会",
                    people, people * 3, rnd.choice(("2.4万元", 3000, "15,000.00")),
                    rnd.choice(FUNDING), "走访慰问、发放物资"])  # fmt: skip
    return _save(folder / "activities.xlsx", "2024年工作活动台账", head, out)


_CHILD = r"""
import json, sys, time
from pathlib import Path
from sqlalchemy import select
from models.schema import Household, Station
from models.services import Ledger
from reports.excel.parse import parse_workbook
from reports.excel.reading import open_workbook
from tests.benchmarks import bench_import_kinds as b, rosters

rows, db, folder = int(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
ledger = Ledger.open("sqlite:///" + db, create=True)

def timed(kind, path):
    start = time.perf_counter()
    with open_workbook(path) as book:
        parsed = list(parse_workbook(kind, book).rows)
    applying = time.perf_counter()
    result = ledger.imports.apply(kind, parsed, file_name=str(path))
    done = time.perf_counter()
    return {"rows": result.rows_read, "inserted": result.inserted, "updated": result.updated,
            "unchanged": result.unchanged, "rejected": len(result.rejected),
            "seconds": round(done - start, 2), "apply_seconds": round(done - applying, 2),
            "first_refusals": [r.message for r in result.rejected[:3]]}

out = {"households": timed("households", rosters.roster(rows))}
with ledger.db.read() as s:
    heads = list(s.execute(select(Household.name, Household.id_number).order_by(Household.id)))
out["members"] = timed("members", b.members_sheet(folder, heads, rows))
out["assistance"] = timed("assistance", b.assistance_sheet(folder, heads, rows))
out["stations"] = timed("stations", b.stations_sheet(folder, rows))
out["reststops"] = timed("reststops", b.reststops_sheet(folder, rows))
with ledger.db.read() as s:
    stops = list(s.execute(select(Station.name, Station.township)
                           .where(Station.station_type == "户外劳动者服务站点")))
out["usage"] = timed("usage", b.usage_sheet(folder, stops, rows))
out["activities"] = timed("activities", b.activities_sheet(folder, rows))
print(json.dumps(out, ensure_ascii=False))
"""


def run(households: int = 20_000, seed: int = 2025) -> dict[str, Any]:
    """`households` is the row count of every kind's sheet (the runner's size option)."""
    with tempfile.TemporaryDirectory(dir=datasets.bench_dir()) as tmp:
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(households), str(Path(tmp) / "k.sqlite3"), tmp],
            cwd=datasets.ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        return {"error": done.stderr[-3000:]}
    kinds: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    base = kinds["households"]
    for figures in kinds.values():
        n = max(figures["rows"], 1)
        figures["ms_per_row"] = round(figures["seconds"] * 1000 / n, 3)
        figures["apply_ms_per_row"] = round(figures["apply_seconds"] * 1000 / n, 3)
        figures["ratio_to_households"] = round(
            figures["ms_per_row"] / max(base["seconds"] * 1000 / max(base["rows"], 1), 1e-9), 2
        )
        figures["apply_ratio_to_households"] = round(
            figures["apply_ms_per_row"]
            / max(base["apply_seconds"] * 1000 / max(base["rows"], 1), 1e-9),
            2,
        )
    return {"rows_per_kind": households, "target": "ratio_to_households ≤ 1.5", "kinds": kinds}


def cli() -> None:
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    print(json.dumps(run(rows), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    cli()
