"""The corpus's 活动台账: 夏送清凉 in several places on one day, two-row 活动时间 headers, 万元."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from tests.data.real_sheets import _wording_records as w
from tests.data.real_sheets._book import File, bad, ok
from tests.data.real_sheets._corpus import UNION, Corpus, footer_row, unit_line

D = dt.date


def activity_ok(name: str, start: dt.date, place: str, category: str, **stored: Any) -> dict:
    expect: dict[str, Any] = {"name": name, "start_date": start, **stored}
    expect["category"], maps = w.one("category", w.ACTIVITY, category)
    if isinstance(stored.get("funding_source"), str):
        expect["funding_source"], found = w.one(
            "funding_source", w.FUNDING, stored["funding_source"]
        )
        maps += found
    return ok({"name": name, "start_date": start, "place": place}, expect, maps)


def x60(corpus: Corpus) -> File:
    f = File(
        "60_东岭县总工会_2024年工作活动台账.xlsx",
        "activities",
        "县总台账：类别写 夏送清凉慰问/冬送温暖/文艺汇演/普法宣传；同名同日不同地点的两场夏送清凉；一场真重复",
        province="湖南",
    )
    s = f.sheet("活动台账")
    head = [
        "序号", "活动名称", "活动类别", "活动时间", "活动地点", "所属乡镇", "主办单位", "参与人数",
        "覆盖人次", "投入资金（元）", "资金来源", "活动内容",
    ]  # fmt: skip
    s.line(f"{UNION}2024年工作活动台账")
    s.merge_title(len(head))
    s.line(*unit_line(len(head), UNION, D(2024, 12, 31)))
    s.line(*head)
    summer = "2024年夏送清凉慰问活动"
    plan: list[tuple[Any, ...]] = [
        ("2024年春送岗位招聘会", "春风行动", ("2024.2.20", D(2024, 2, 20)), "县人社局广场", "城关镇",
         (800, 800), (3000, 3000), ("2.4万元", Decimal(24000)), "县总拨付", None),
        ("“巾帼心向党”三八节座谈", "三八节活动", ("2024.3.8", D(2024, 3, 8)), "县总工会会议室",
         "城关镇", (60, 60), (60, 60), (3000, Decimal(3000)), "本级工会经费", None),
        ("安康杯安全知识竞赛", "安康杯", ("2024.5.16", D(2024, 5, 16)), "县体育馆", "城关镇",
         (200, 200), (1000, 1000), (15000, Decimal(15000)), "本级工会经费", None),
        (summer, "夏送清凉慰问", ("2024.7.10", D(2024, 7, 10)), "城关镇环卫所", "城关镇",
         (300, 300), (300, 300), (30000, Decimal(30000)), "县总拨付", None),
        (summer, "夏送清凉慰问", ("2024.7.10", D(2024, 7, 10)), "北山镇建筑工地", "北山镇",
         (150, 150), (150, 150), (15000, Decimal(15000)), "县总拨付", None),
        (summer, "送清凉", ("2024.7.11", D(2024, 7, 11)), "东关街道交警中队", "东关街道",
         (80, 80), (80, 80), (8000, Decimal(8000)), "省总补助", None),
        (summer, "夏送清凉慰问", ("2024.7.10", D(2024, 7, 10)), "城关镇环卫所", "城关镇",
         (300, 300), (300, 300), (30000, Decimal(30000)), "县总拨付",
         ("duplicate_in_file", "与本表前面一行同名、同日、同地点（真重复）", "name")),
        ("职工迎国庆文艺汇演", "文艺汇演", ("2024.9.28", D(2024, 9, 28)), "县文化中心", "城关镇",
         (400, 400), (1500, 1500), ("3.5万元", Decimal(35000)), "本级工会经费", None),
        ("“尊法学法守法用法”普法宣传", "普法宣传", ("2024.12.4", D(2024, 12, 4)), "县人民广场",
         "城关镇", (120, 120), (2000, 2000), (5000, Decimal(5000)), "本级工会经费", None),
        (None, "送温暖", ("2024.12.20", D(2024, 12, 20)), "各乡镇", None, (50, 50), (50, 50),
         (50000, Decimal(50000)), "县总拨付",
         ("missing_required", "活动名称一格空着", "name")),
        ("元旦春节冬送温暖", "冬送温暖", ("2024年2月30日", None), "各乡镇", None, (500, 500),
         (500, 500), (100000, Decimal(100000)), "县总拨付",
         ("date_unparseable", "活动时间“2024年2月30日”不存在", "start_date")),
        ("职工技能培训班", "技能培训", ("2024.10.15", D(2024, 10, 15)), "县职业中专", "城关镇",
         ("若干", None), (100, 100), (20000, Decimal(20000)), "本级工会经费",
         ("invalid_value", "参与人数写“若干”，不是一个数", "participants")),
    ]  # fmt: skip
    for seq, row in enumerate(plan, start=1):
        name, cat, day, place, town, people, times, money, fund, defect = row
        cells = [seq, name, cat, day[0], place, town, UNION, people[0], times[0], money[0], fund,
                 None]  # fmt: skip
        if defect:
            s.data(cells, bad(*defect))
            continue
        stored: dict[str, Any] = {"participants": people[1], "person_times": times[1],
                                  "cash": money[1], "funding_source": fund}  # fmt: skip
        if town:
            stored["township"] = town
        s.data(cells, activity_ok(name, day[1], place, cat, **stored))
    s.line(*footer_row(len(head)))
    return f


def x61(corpus: Corpus) -> File:
    f = File(
        "61_北山镇_2024年工会活动台账.xlsx",
        "activities",
        "两行表头：活动时间（开始/结束）、经费投入（现金/实物折价）、参与情况 分组；结束日期不能丢；一行现金写“三千元”",
        province="陕西",
    )
    s = f.sheet("台账")
    top = ["序号", "活动名称", "活动类别", "活动时间", None, "地点", "经费投入", None, "参与情况",
           None, "备注"]  # fmt: skip
    sub = [None, None, None, "开始", "结束", None, "现金（元）", "实物折价（元）", "参与人数",
           "受益户数", None]  # fmt: skip
    s.line(*top)
    s.line(*sub)
    for ref in ("A1:A2", "B1:B2", "C1:C2", "D1:E1", "F1:F2", "G1:H1", "I1:J1", "K1:K2"):
        s.merge(ref)
    plan: list[tuple[Any, ...]] = [
        ("北山镇第三届职工运动会", "职工运动会", D(2024, 5, 1), D(2024, 5, 3), "北山中学操场",
         (8000, 8000), (0, 0), 260, None, None),
        ("金秋助学金发放仪式", "金秋助学", D(2024, 8, 28), D(2024, 8, 28), "北山镇政府礼堂",
         (30000, 30000), (2000, 2000), 40, 40, None),
        ("冬送温暖入户慰问", "冬送温暖", D(2024, 12, 25), D(2025, 1, 10), "北山镇各村",
         (45000, 45000), ("1.2万元", 12000), 90, 90, None),
        ("新就业形态劳动者入会集中行动", "建会入会", D(2024, 6, 5), D(2024, 6, 30), "北山镇",
         (2000, 2000), (0, 0), 120, None, None),
        ("北山镇职工书画摄影展", "职工文化", D(2024, 4, 28), D(2024, 5, 5), "北山镇文化站",
         (3000, 3000), (0, 0), 500, None, None),
        ("“劳模进企业”宣讲", "宣讲", D(2024, 6, 18), D(2024, 6, 18), "县纺织厂",
         (500, 500), (0, 0), 150, None, None),
        ("高温慰问一线职工", "送清凉", D(2024, 7, 15), D(2024, 7, 20), "北山矿区",
         (6000, 6000), ("0.8万元", 8000), 400, None, None),
        ("职工电工技能培训", "技能培训", D(2024, 10, 8), D(2024, 10, 12), "北山镇成校",
         (4000, 4000), (0, 0), 45, None, None),
        ("安康杯知识答题", "安康杯", D(2024, 11, 6), D(2024, 11, 6), "北山矿区",
         (1500, 1500), (500, 500), 120, None, None),
        ("矿区安全生产劳动竞赛", "劳动竞赛", D(2024, 9, 10), D(2024, 9, 20), "北山矿区",
         ("三千元", None), (0, 0), 80, None,
         ("amount_unparseable", "现金写成汉字“三千元”", "cash")),
    ]  # fmt: skip
    for seq, row in enumerate(plan, start=1):
        name, cat, start, end, place, cash, goods, people, homes, defect = row
        cells = [seq, name, cat, start, end, place, cash[0], goods[0], people, homes, None]
        if defect:
            s.data(cells, bad(*defect))
            continue
        stored: dict[str, Any] = {"end_date": end, "cash": Decimal(cash[1]),
                                  "goods_value": Decimal(goods[1]), "participants": people}  # fmt: skip
        if homes:
            stored["households_benefited"] = homes
        s.data(cells, activity_ok(name, start, place, cat, **stored))
    return f


def x62(corpus: Corpus) -> File:
    f = File(
        "62_西河镇_职工活动登记.csv",
        "activities",
        "UTF-8-BOM CSV：列名 类型/日期/主办/参加人数/经费；日期 2024年5月1日；一行 2024-04-31",
        fmt="csv-bom",
        province="山东",
    )
    s = f.sheet("csv")
    s.line("活动名称", "类型", "日期", "地点", "主办", "参加人数", "经费", "备注")
    plan = [
        ("西河镇“五一”职工趣味运动会", "职工运动会", ("2024年5月1日", D(2024, 5, 1)), "西河镇文化广场",
         150, ("6000", Decimal(6000)), None),
        ("劳模工匠座谈会", "劳模座谈", ("2024年4月28日", D(2024, 4, 28)), "西河镇政府",
         30, ("800元", Decimal(800)), None),
        ("农民工法律援助进工地", "法律援助", ("2024年6月12日", D(2024, 6, 12)), "西河镇工业园区",
         60, ("1,500", Decimal(1500)), None),
        ("新冠疫苗接种宣传", "疫情防控", ("2024年3月2日", D(2024, 3, 2)), "西河镇卫生院",
         200, ("0", Decimal(0)), None),
        ("西河镇快递小哥入会仪式", "建会入会", ("2024年7月8日", D(2024, 7, 8)), "西河镇党群服务中心",
         40, ("300", Decimal(300)), None),
        ("夏送清凉", "送清凉", ("2024年7月20日", D(2024, 7, 20)), "西河镇工业园区", 300,
         ("1.2万元", Decimal(12000)), None),
        ("夏送清凉", "送清凉", ("2024年7月20日", D(2024, 7, 20)), "西河镇环卫所", 80,
         ("3000", Decimal(3000)), None),
        ("金秋助学座谈", "金秋助学", ("2024年8月25日", D(2024, 8, 25)), "西河镇政府", 25,
         ("0", Decimal(0)), None),
        ("“三八”女职工健康讲座", "三八节活动", ("2024年3月8日", D(2024, 3, 8)), "西河镇卫生院",
         90, ("1000元", Decimal(1000)), None),
        ("职工理论宣讲", "宣讲", ("2024-04-31", None), "西河镇党群服务中心", 50, ("500", Decimal(500)),
         ("date_unparseable", "日期 2024-04-31 不存在（4月只有30日）", "start_date")),
    ]  # fmt: skip
    for name, cat, day, place, people, money, defect in plan:
        cells = [name, cat, day[0], place, "西河镇总工会", people, money[0], None]
        if defect:
            s.data(cells, bad(*defect))
            continue
        s.data(cells, activity_ok(name, day[1], place, cat, participants=people, cash=money[1],
                                  organizer="西河镇总工会"))  # fmt: skip
    return f


def x63(corpus: Corpus) -> File:
    f = File(
        "63_东岭县_2024年活动台账（分季度）.xlsx",
        "activities",
        "每季度一页；覆盖人次以万人次计；维权、建会入会、技能竞赛各带自己的数字列；二季度页重复了一季度的一场",
        province="湖北",
    )
    head = ["活动名称", "活动类别", "开始日期", "结束日期", "活动地点", "参与人数", "覆盖人次（万人次）",
            "案件数", "挽回经济损失（元）", "新建工会数", "新发展会员数", "竞赛工种数", "参赛人数",
            "培训期数", "培训人次"]  # fmt: skip
    extras = ("cases", "money_recovered", "new_unions", "new_members", "contest_trades",
              "contestants", "training_sessions", "trainees")  # fmt: skip
    quarters: dict[str, list[tuple[Any, ...]]] = {
        "一季度": [
            (
                "农民工欠薪维权专项行动",
                "法律援助与维权",
                D(2024, 1, 5),
                D(2024, 2, 5),
                "全县",
                300,
                (0.3, 3000),
                {"cases": 12, "money_recovered": Decimal(560000)},
            ),
            ("春节送温暖", "送温暖", D(2024, 1, 20), D(2024, 2, 8), "全县", 1200, (1.2, 12000), {}),
        ],
        "二季度": [
            (
                "“劳动者港湾”建会入会宣传周",
                "建会入会",
                D(2024, 4, 22),
                D(2024, 4, 28),
                "全县",
                500,
                (0.5, 5000),
                {"new_unions": 15, "new_members": 620},
            ),
            (
                "职工书香读书会",
                "职工文化",
                D(2024, 4, 23),
                D(2024, 4, 23),
                "县总工会职工书屋",
                80,
                (0.008, 80),
                {},
            ),
            (
                "春节送温暖",
                "送温暖",
                D(2024, 1, 20),
                D(2024, 2, 8),
                "全县",
                1200,
                (1.2, 12000),
                "dup",
            ),
        ],
        "三季度": [
            ("夏送清凉", "夏送清凉", D(2024, 7, 1), D(2024, 8, 31), "全县", 3000, (0.6, 6000), {}),
            ("金秋助学", "金秋助学", D(2024, 8, 20), D(2024, 9, 5), "全县", 150, (0.015, 150), {}),
            (
                "全县职工技能大赛",
                "劳动和技能竞赛",
                D(2024, 9, 10),
                D(2024, 9, 12),
                "县职业中专",
                260,
                (0.1, 1000),
                {"contest_trades": 8, "contestants": 260},
            ),
        ],
        "四季度": [
            (
                "新就业形态劳动者集中入会",
                "建会入会",
                D(2024, 10, 10),
                D(2024, 10, 31),
                "全县",
                900,
                (0.09, 900),
                {"new_unions": 6, "new_members": 880},
            ),
            (
                "职工电商技能培训",
                "职工技能培训",
                D(2024, 11, 4),
                D(2024, 11, 8),
                "县职工服务中心",
                120,
                (0.012, 120),
                {"training_sessions": 2, "trainees": 120},
            ),
            (
                "冬季送温暖",
                "送温暖",
                D(2024, 12, 15),
                D(2024, 12, 31),
                "全县",
                1500,
                (1.5, 15000),
                {},
            ),
        ],
    }
    for quarter, rows in quarters.items():
        s = f.sheet(quarter)
        s.line(f"{UNION}2024年{quarter}活动台账")
        s.merge_title(len(head))
        s.line(*head)
        for name, cat, start, end, place, people, wan, extra in rows:
            figures = extra if isinstance(extra, dict) else {}
            cells = [
                name,
                cat,
                start,
                end,
                place,
                people,
                wan[0],
                *(figures.get(k) for k in extras),
            ]
            if extra == "dup":
                s.data(
                    cells,
                    bad("duplicate_in_file", "一季度页已有同名、同日、同地点的这场活动", "name"),
                )
                continue
            s.data(cells, activity_ok(name, start, place, cat, end_date=end, participants=people,
                                      person_times=wan[1], **figures))  # fmt: skip
    return f
