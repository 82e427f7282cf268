"""The corpus's 驿站/阵地 服务人次 sheets: 1月…12月 across the columns, or one month a row."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from tests.data.real_sheets._book import File, bad, ok
from tests.data.real_sheets._corpus import COUNTY, UNION, Built, Corpus, footer_row

D = dt.date
R40 = "40_东岭县_户外劳动者服务站点统计表.xlsx"
R41 = "41_城关镇_工会驿站台账.xlsx"
R42 = "42_北山镇_爱心驿站.csv"
S30 = "30_东岭县_职工服务阵地统计表.xlsx"
S32 = "32_西河镇_职工服务站点.csv"


def usage_ok(name: str, township: str, months: dict[str, int], note: str | None = None) -> dict:
    return ok({"name": name, "township": township}, {"usage": months}, note=note)


def in_service(stations: list[Built]) -> list[Built]:
    """The stations a usage sheet lists: built ones (one still being built has no date yet)."""
    return [station for station in stations if station.built is not None]


def opened(station: Built, year: int, month: int) -> bool:
    """Whether the station was open in that month: the sheet leaves the months before it blank."""
    assert station.built is not None
    return (year, month) >= (station.built.year, station.built.month)


def u50(corpus: Corpus) -> File:
    f = File(
        "50_东岭县_2024年工会驿站服务人次统计表.xlsx",
        "usage",
        "每站一行、1月…12月横排、合计列与合计行；年份只在标题里；11、12月还没填；一站不在台账里",
        province="河南",
        after=[R40, R41],
    )
    s = f.sheet("服务人次")
    head = ["序号", "站点名称", "所在乡镇", *[f"{m}月" for m in range(1, 13)], "合计"]
    s.line(f"{COUNTY}2024年工会驿站服务人次统计表")
    s.merge_title(len(head))
    s.line("（单位：人次）", *[None] * 13, f"填报单位：{UNION}")
    s.line(*head)
    rng = random.Random(50)
    seq = 0
    for built in in_service(corpus.built(R40) + corpus.built(R41)):
        seq += 1
        last = 12 if seq % 3 else 10  # some stations have not reported Nov/Dec yet
        counts = [
            rng.randint(150, 900) if m <= last and opened(built, 2024, m) else None
            for m in range(1, 13)
        ]
        months = {f"2024-{m:02d}": c for m, c in enumerate(counts, start=1) if c is not None}
        note = (
            "月份只写“1月…12月”，年份取自标题“2024年”；空着的月份（还没报、站点还没建成）不生成记录"
        )
        s.data([seq, built.name, built.township, *counts, sum(c for c in counts if c)],
               usage_ok(built.name, built.township, months, note))  # fmt: skip
    seq += 1
    s.data([seq, "县城北客运站驿站", "城关镇", *[300] * 12, 3600],
           bad("unknown_station", "台账里没有这个驿站（先建站后报人次）", "station_name"))  # fmt: skip
    s.line("合计", None, None, *[None] * 12, None)
    s.line(*footer_row(len(head)))
    return f


def u51(corpus: Corpus) -> File:
    f = File(
        "51_北山镇_驿站月度服务人次.xlsx",
        "usage",
        "一月一行：月份写 2024年3月/2024.04/2024-05/日期格；人次写 1,200/350人次；"
        "一行“二百余”、一行13月、一行早于建成、一站查无",
        province="山东",
        after=[R40, R42],
    )
    s = f.sheet("月报")
    s.line("站点名称", "所属乡镇", "月份", "服务人次", "备注")
    stops = corpus.built(R42)
    plan: list[tuple[Any, Any, Any, Any, Any]] = [
        (stops[0], ("2024年3月", "2024-03"), ("1,200", 1200), None, None),
        (stops[0], ("2024.04", "2024-04"), ("350人次", 350), None, None),
        (stops[1], ("2024-05", "2024-05"), (420, 420), "含夜间", None),
        (stops[1], (D(2024, 6, 1), "2024-06"), (510, 510), None, None),
        (
            stops[2],
            ("2024年7月", "2024-07"),
            ("二百余", None),
            None,
            ("invalid_value", "服务人次写“二百余”，不是一个数", "visits"),
        ),
        (
            stops[2],
            ("2024年13月", None),
            (260, 260),
            None,
            ("date_unparseable", "月份“2024年13月”没有13月", "month"),
        ),
    ]
    for stop, month, visits, remark, defect in plan:
        cells = [stop.name, stop.township, month[0], visits[0], remark]
        if defect:
            s.data(cells, bad(*defect))
        else:
            s.data(cells, usage_ok(stop.name, stop.township, {month[1]: visits[1]}))
    for stop in stops[3:-1]:  # the last one is still 在建
        s.data([stop.name, stop.township, "2024年9月", 180, None],
               usage_ok(stop.name, stop.township, {"2024-09": 180}))  # fmt: skip
    early = next(s for s in in_service(stops) if s.built and s.built > D(2024, 2, 1))
    assert early.built is not None
    before = f"{early.built.year}年{early.built.month - 1}月"
    s.data([early.name, early.township, before, 90, None],
           bad("invalid_value", f"{before}早于该驿站的建成日期（{early.built}），那时还没有站点",
               "month"))  # fmt: skip
    other = corpus.built(R40)[0]
    s.data([other.name, other.township, "2024年8月", 640, None],
           usage_ok(other.name, other.township, {"2024-08": 640}))  # fmt: skip
    s.data(["北山镇汽车站驿站", "北山镇", "2024年8月", 300, None],
           bad("unknown_station", "台账里没有这个驿站", "station_name"))  # fmt: skip
    return f


def u52(corpus: Corpus) -> File:
    f = File(
        "52_东岭县_2024年上半年阵地服务人次.csv",
        "usage",
        "GBK CSV：标题行写“2024年上半年”，列为 1月份…6月份 和 小计",
        fmt="csv-gbk",
        province="河南",
        after=[S30, S32],
    )
    s = f.sheet("csv")
    s.line("2024年上半年职工服务阵地服务人次统计")
    s.line("阵地名称", "乡镇", *[f"{m}月份" for m in range(1, 7)], "小计")
    rng = random.Random(52)
    for built in in_service(corpus.built(S30)) + in_service(corpus.built(S32))[:4]:
        counts = [rng.randint(40, 400) if opened(built, 2024, m) else None for m in range(1, 7)]
        months = {f"2024-{m:02d}": c for m, c in enumerate(counts, start=1) if c is not None}
        s.data([built.name, built.township, *counts, sum(c for c in counts if c)],
               usage_ok(built.name, built.township, months))  # fmt: skip
    return f
