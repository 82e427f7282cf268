"""The corpus's 服务阵地 and 户外劳动者服务站点 (驿站) sheets."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal
from typing import Any

from tests.data.real_sheets import _wording_records as w
from tests.data.real_sheets._book import File, Sheet, bad, ok
from tests.data.real_sheets._corpus import COUNTY, UNION, Built, Corpus, footer_row, unit_line

D = dt.date
REST_TYPE = "户外劳动者服务站点"
# 2019年5月, 2021.10, 2023-06: a date written only to the month (its month is a real one).
MONTH_ONLY = re.compile(r"[0-9]{4}(?:年(?:[1-9]|1[0-2])月|[.-](?:0?[1-9]|1[0-2]))")


def month_only(cell: Any, field_name: str = "built_date") -> dict[str, Any] | None:
    """The refusal of a date written only to the month: dates are strict, and which day of the
    month the station opened is not something the import may make up."""
    if isinstance(cell, str) and MONTH_ONLY.fullmatch(cell):
        return bad("date_unparseable", f"建成时间只写到月（“{cell}”），看不出是哪一天", field_name)
    return None


def station_ok(
    corpus: Corpus, file: str, name: str, township: str, words: dict[str, str], **stored: Any
) -> dict[str, Any]:
    """Expectation of a station row; `words` are cells mapped through the tables, `stored` as is."""
    expect: dict[str, Any] = {"name": name, "township": township, **stored}
    maps: list[dict[str, Any]] = []
    singles = {
        "station_type": w.STATION_TYPE,
        "status": w.STATUS,
        "host_kind": w.HOST_KIND,
        "build_mode": w.BUILD_MODE,
        "demo_level": w.DEMO_LEVEL,
        "nursing_grade": w.NURSING,
    }
    for field_name, table in singles.items():
        if words.get(field_name):
            expect[field_name], found = w.one(field_name, table, words[field_name])
            maps += found
    for field_name, table in (("facilities", w.FACILITY), ("functions", w.FUNCTION)):
        if words.get(field_name):
            sep = words.get("sep", "、")
            expect[field_name], found = w.many(field_name, table, words[field_name], sep)
            maps += found
    corpus.stations.append(
        Built(name, township, file, stored.get("code"), stored.get("built_date"))
    )
    return ok({"name": name, "township": township}, expect, maps)


def s30(corpus: Corpus) -> File:
    f = File(
        "30_东岭县_职工服务阵地统计表.xlsx",
        "stations",
        "县级汇总：类型写 县职工服务中心/镇职工服务站/母婴室；建成时间一行只写到月；"
        "投入资金（万元）；状态 正常运营/在建",
        province="河南",
    )
    s = f.sheet("阵地")
    head = [
        "序号", "阵地名称", "阵地类型", "所在乡镇", "详细地址", "依托单位", "负责人", "联系电话",
        "建成时间", "面积（㎡）", "投入资金（万元）", "服务内容", "运行状态", "备注",
    ]  # fmt: skip
    s.line(f"{UNION}职工服务阵地建设情况统计表")
    s.merge_title(len(head))
    s.line(*unit_line(len(head), UNION, D(2024, 11, 30)))
    s.line(*head)
    plan = [
        ("东岭县职工服务中心", "县职工服务中心", "城关镇", ("2019年5月20日", D(2019, 5, 20)), 1200,
         (260, Decimal(2600000)), "困难帮扶、法律援助、就业服务、技能培训", "正常运营"),
        ("东关街道职工服务站", "街道职工服务站", "东关街道", ("2021.10.15", D(2021, 10, 15)), 150,
         (12.5, Decimal(125000)), "帮扶救助、心理疏导、职工培训", "正常"),
        ("北山镇职工服务站", "镇职工服务站", "北山镇", (D(2022, 6, 18), D(2022, 6, 18)), 200,
         (15, Decimal(150000)), "12351、法律咨询", "运行"),
        ("幸福社区职工服务点", "社区职工服务点", "城关镇", ("2023年3月", None), 60,
         (3.2, Decimal(32000)), "困难帮扶、职业介绍", "整改中"),
        ("县人民医院爱心妈妈小屋", "母婴室", "城关镇", ("2023.5.10", D(2023, 5, 10)), 15,
         (1.5, Decimal(15000)), None, "正常运营"),
        ("东岭县职工法律援助工作站", "法律援助工作站", "城关镇", ("2020.9.1", D(2020, 9, 1)),
         40, (5, Decimal(50000)), "法律援助、信访接待", "运行"),
        ("宏达公司企业职工服务站", "企业职工服务站", "西河镇", ("2022.12.1", D(2022, 12, 1)),
         80, (6, Decimal(60000)), "困难帮扶", "正常"),
        ("南湖乡职工服务站", "镇职工服务站", "南湖乡", (None, None), 100, (8, Decimal(80000)),
         "困难帮扶、就业服务", "在建"),
        (None, "镇职工服务站", "柳林镇", ("2023.4.1", D(2023, 4, 1)), 90, (5, Decimal(50000)),
         "困难帮扶", "运行"),
        ("白马乡职工服务站", "镇职工服务站", "白马乡", ("2023.13", None), 90, (5, Decimal(50000)),
         "困难帮扶", "运行"),
        ("石桥镇职工服务站", "镇职工服务站", "石桥镇", ("2022.3.3", D(2022, 3, 3)), 90,
         (5, Decimal(50000)), "困难帮扶", "良好"),
        ("柳林镇职工服务站", "镇职工服务站", "柳林镇", ("2021.7.1", D(2021, 7, 1)), 110,
         (7, Decimal(70000)), "困难帮扶、心理疏导", "暂停使用"),
    ]  # fmt: skip
    for seq, (name, kind, town, built, area, money, funcs, status) in enumerate(plan, start=1):
        cells = [seq, name, kind, town, f"{town}人民路{seq}号", UNION, "赵主任", "0391-6123456",
                 built[0], area, money[0], funcs, status, None]  # fmt: skip
        if name is None:
            exp = bad("missing_required", "阵地名称一格空着", "name")
        elif month_only(built[0]):
            exp = month_only(built[0])
        elif built[0] and built[1] is None:
            exp = bad("date_unparseable", "建成时间“2023.13”没有13月", "built_date")
        elif status == "良好":
            exp = bad("invalid_choice", "运行状态写“良好”，不是运行/整改/停用/撤销", "status")
        else:
            stored: dict[str, Any] = {"area": Decimal(area), "investment": money[1]}
            if built[1]:
                stored["built_date"] = built[1]
            words = {"station_type": kind, "status": status, "functions": funcs or ""}
            exp = station_ok(corpus, f.name, name, town, words, **stored)
        s.data(cells, exp)
    s.line(*footer_row(len(head)))
    return f


def s31(corpus: Corpus) -> File:
    f = File(
        "31_东岭县_职工书屋和爱心妈妈小屋.xlsx",
        "stations",
        "两页：职工书屋（藏书 5000册/1.2万册，示范点级别 全国职工书屋示范点/省级）与母婴室（配置档次 基础型/舒适型）",
        province="江苏",
    )
    books = f.sheet("职工书屋")
    books.line("名称", "类型", "所属乡镇", "依托单位", "藏书（册）", "报刊（种）", "示范点级别",
               "建成日期", "状态")  # fmt: skip
    plan = [
        (
            "东岭县总工会职工书屋",
            "职工书屋",
            "城关镇",
            ("5000册", 5000),
            ("30种", 30),
            "全国职工书屋示范点",
            D(2018, 4, 23),
            "运行",
        ),
        (
            "县纺织厂职工书屋",
            "职工书屋",
            "北山镇",
            ("1.2万册", 12000),
            (20, 20),
            "省级",
            D(2019, 4, 23),
            "正常",
        ),
        (
            "东关街道职工书屋",
            "职工书屋",
            "东关街道",
            (2000, 2000),
            (10, 10),
            "市级示范点",
            D(2020, 4, 23),
            "运行",
        ),
        ("西河镇职工书屋", None, "西河镇", (1500, 1500), (8, 8), None, D(2021, 4, 23), "运行"),
        (
            "县人民医院职工书屋",
            "职工书屋",
            "城关镇",
            ("3000册", 3000),
            ("15种", 15),
            "市级示范点",
            D(2021, 4, 23),
            "运行",
        ),
        (
            "顺达物流职工书屋",
            "职工书屋",
            "西河镇",
            (800, 800),
            (5, 5),
            None,
            D(2022, 4, 23),
            "正常",
        ),
        (
            "县纺织厂职工书屋",
            "职工书屋",
            "北山镇",
            ("1.2万册", 12000),
            (20, 20),
            "省级",
            D(2019, 4, 23),
            "正常",
        ),
    ]
    assert plan[-1][:3] == plan[1][:3], "the last row repeats the second (duplicate in file)"  # fmt: skip
    for n, (name, kind, town, count, papers, level, built, status) in enumerate(plan):
        cells = [name, kind, town, "县总工会", count[0], papers[0], level, built, status]
        if kind is None:
            exp = bad("missing_required", "类型一格空着", "station_type")
        elif n == len(plan) - 1:
            exp = bad("duplicate_in_file", "同一书屋（同名同乡镇）在本页列了两次", "name")
        else:
            words = {"station_type": kind, "status": status, "demo_level": level}
            exp = station_ok(corpus, f.name, name, town, words, books=count[1],
                             periodicals=papers[1], built_date=built)  # fmt: skip
        books.data(cells, exp)
    _nursing(corpus, f, f.sheet("母婴室"))
    return f


def _nursing(corpus: Corpus, f: File, s: Sheet) -> None:
    s.line("名称", "类型", "所属乡镇", "依托单位", "配置档次", "面积（平方米）", "状态")
    plan = [
        (
            "县政务中心爱心妈妈小屋",
            "爱心妈妈小屋",
            "城关镇",
            "政务服务中心",
            "基础型",
            12,
            "正常运营",
        ),
        ("县人民医院门诊母婴室", "母婴室", "城关镇", "县人民医院", "舒适型", 20, "运行"),
        ("东关商场母婴室", "母婴室", "东关街道", "东关商场", "基础型", "十平方米", "运行"),
        ("县妇幼保健院母婴室", "母婴室", "城关镇", "县妇幼保健院", "舒适型", 25, "运行"),
        (
            "北山镇便民服务中心母婴室",
            "母婴室",
            "北山镇",
            "北山镇便民服务中心",
            "基础型",
            10,
            "正常",
        ),
    ]
    for name, kind, town, host, grade, area, status in plan:
        cells = [name, kind, town, host, grade, area, status]
        if isinstance(area, str):
            exp = bad("invalid_value", "面积写成汉字“十平方米”", "area")
        else:
            words = {"station_type": kind, "status": status, "nursing_grade": grade}
            exp = station_ok(corpus, f.name, name, town, words, area=Decimal(area))
        s.data(cells, exp)


def s32(corpus: Corpus) -> File:
    f = File(
        "32_西河镇_职工服务站点.csv",
        "stations",
        "GBK CSV：投用时间（不是建成日期，一行只写到月）、服务功能（服务站的功能）、"
        "投入资金写 10万元/五万、状态 运营中/已投用",
        fmt="csv-gbk",
        province="山东",
    )
    s = f.sheet("csv")
    s.line("站点名称", "站点类型", "镇街", "地址", "负责人", "电话", "投用时间", "服务功能",
           "投入资金", "状态")  # fmt: skip
    plan = [
        ("西河镇职工服务站", "镇职工服务站", ("2022-03-01", D(2022, 3, 1)), "困难帮扶、法律援助",
         ("10万元", Decimal(100000)), "运营中"),
        ("西河镇幸福村职工服务点", "村职工服务点", ("2023/6/1", D(2023, 6, 1)),
         "就业服务、技能培训", ("2万", Decimal(20000)), "已投用"),
        ("西河镇工业园区职工服务站", "企业职工服务站", ("2021年8月6日", D(2021, 8, 6)),
         "困难帮扶", ("五万", None), "运行"),
        ("西河镇爱心妈妈小屋", "爱心妈妈小屋", ("2023.8.8", D(2023, 8, 8)), None,
         ("8000", Decimal(8000)), "运行"),
        ("西河镇职工法律援助工作站", "法律援助工作站", ("2022年11月", None),
         "法律援助、法律咨询", ("1.5万元", Decimal(15000)), "运行"),
        ("西河镇东村职工服务点", "村职工服务点", ("2024/3/15", D(2024, 3, 15)), "困难帮扶",
         ("5000", Decimal(5000)), "正常运营"),
        ("西河镇顺达物流职工服务站", "企业职工服务站", ("2023-10-01", D(2023, 10, 1)),
         "心理疏导、职业介绍", ("3万元", Decimal(30000)), "运营中"),
        ("西河镇南街社区职工服务点", "社区职工服务点", ("2024年5月20日", D(2024, 5, 20)),
         "帮扶救助", ("6000", Decimal(6000)), "在建"),
        ("西河镇职工书屋（工业园）", "职工书屋", ("2023.4.23", D(2023, 4, 23)), None,
         ("2万", Decimal(20000)), "运行"),
        ("西河镇卫生院母婴室", "母婴室", ("2024.6.1", D(2024, 6, 1)), None,
         ("4000元", Decimal(4000)), "正常"),
    ]  # fmt: skip
    for name, kind, built, funcs, money, status in plan:
        cells = [name, kind, "西河镇", "西河镇府前街", "孙站长", "0536-1234567", built[0], funcs,
                 money[0], status]  # fmt: skip
        if month_only(built[0]):
            exp = month_only(built[0])
        elif money[1] is None:
            exp = bad("amount_unparseable", "投入资金写成“五万”（汉字）", "investment")
        else:
            words = {"station_type": kind, "status": status, "functions": funcs or ""}
            exp = station_ok(corpus, f.name, name, "西河镇", words, built_date=built[1],
                             investment=money[1])  # fmt: skip
        s.data(cells, exp)
    return f


def r40(corpus: Corpus) -> File:
    f = File(
        "40_东岭县_户外劳动者服务站点统计表.xlsx",
        "reststops",
        "驿站统计表：无类型列（都是驿站）；服务功能列写的是设施（饮水、热饭、休息）；依托单位类型、建设方式、24小时、在建",
        province="河南",
    )
    s = f.sheet("驿站")
    head = [
        "序号", "站点编号", "站点名称", "所在乡镇（街道）", "详细地址", "依托单位", "依托单位类型",
        "建设方式", "站点负责人", "联系电话", "建站时间", "面积（平方米）", "开放时间", "服务功能",
        "运营状态", "获得荣誉",
    ]  # fmt: skip
    s.line(f"{COUNTY}工会户外劳动者服务站点（工会驿站）统计表")
    s.merge_title(len(head))
    s.line(*unit_line(len(head), UNION, D(2024, 12, 5)))
    s.line(*head)
    plan = [
        ("城关镇环卫工会驿站", "城关镇", "城关镇环卫所", "环卫站", "自建",
         ("2022年5月18日", D(2022, 5, 18)), 20, "24小时", "饮水、热饭、休息", "正常运营",
         "2023年全国最美工会户外劳动者服务站点"),
        ("人民路加油站爱心驿站", "城关镇", "中石化人民路加油站", "中石化加油站", "共建",
         ("2022.8.1", D(2022, 8, 1)), 15, "8:30-17:30", "饮水机、微波炉、药箱、空调", "正常", None),
        ("农商行北山支行爱心驿站", "北山镇", "县农商行北山支行", "农商行", "联建",
         ("2023.3.15", D(2023, 3, 15)), 12, "8:00-18:00", "如厕、手机充电、避雨", "运行", None),
        ("东关街道政务中心驿站", "东关街道", "东关街道便民服务中心", "政务服务中心", "共建共享",
         ("2023.6.1", D(2023, 6, 1)), 18, "星期一到星期五 9:00-17:00", "饮水、WIFI、图书、打气筒",
         "运营中", None),
        ("南湖乡超市驿站", "南湖乡", "南湖乡惠民超市", "超市", "共建", (None, None), 12, None,
         "饮水、休息", "在建", None),
        ("西河镇社区工会驿站", "西河镇", "西河镇幸福社区", "社区", "工会自建",
         ("2024.1.10", D(2024, 1, 10)), 16, "7:30-17:30", "饮水、热饭、桌椅、空调、厕所", "正常",
         None),
        ("石桥镇快递驿站", "石桥镇", "石桥镇快递物流园", "企业", "共建", ("2023.2.30", None), 15,
         "8:00-20:00", "饮水、热饭", "运行", None),
        (None, "白马乡", "白马乡卫生院", "企业", "共建", ("2023.9.1", D(2023, 9, 1)), 12,
         "8:00-18:00", "饮水", "运行", None),
        ("白马乡卫生院驿站", "白马乡", "白马乡卫生院", "企业", "共建", ("2023.9.1", D(2023, 9, 1)),
         "十二平方米", "8:00-18:00", "饮水、休息", "运行", None),
        ("柳林镇快递驿站", "柳林镇", "柳林镇快递服务部", "企业", "共建",
         ("2024.3.1", D(2024, 3, 1)), 12, "8:00-20:00", "饮水、热饭、休息", "正常运营", None),
    ]  # fmt: skip
    for seq, row in enumerate(plan, start=1):
        name, town, host, host_kind, mode, built, area, hours, facilities, status, honor = row
        code = f"DL-YZ-{seq:03d}"
        cells = [seq, code, name, town, f"{town}{host}旁", host, host_kind, mode, "钱站长",
                 "13700001111", built[0], area, hours, facilities, status, honor]  # fmt: skip
        if name is None:
            exp = bad("missing_required", "站点名称一格空着", "name")
        elif built[0] and built[1] is None:
            exp = bad("date_unparseable", "建站时间 2023.2.30 不存在", "built_date")
        elif isinstance(area, str):
            exp = bad("invalid_value", "面积写成汉字“十二平方米”", "area")
        else:
            stored: dict[str, Any] = {
                "code": code,
                "area": Decimal(area),
                "station_type": REST_TYPE,
            }
            if built[1]:
                stored["built_date"] = built[1]
            if hours == "24小时":
                stored["open_24h"] = True
            elif hours:
                stored["opening_hours"] = hours
            if honor:
                stored["honors"] = honor
            words = {"status": status, "host_kind": host_kind, "build_mode": mode,
                     "facilities": facilities}  # fmt: skip
            exp = station_ok(corpus, f.name, name, town, words, **stored)
        s.data(cells, exp)
    s.line(*footer_row(len(head)))
    return f


TICK_COLUMNS = (
    ("饮水", "饮水"), ("微波炉", "热饭(微波炉)"), ("桌椅", "休息桌椅"), ("空调", "空调/风扇"),
    ("药箱", "应急药箱"), ("充电", "充电"), ("卫生间", "卫生间"),
)  # fmt: skip


def r41(corpus: Corpus) -> File:
    f = File(
        "41_城关镇_工会驿站台账.xlsx",
        "reststops",
        "两行表头：基本情况/配套设施/运行情况 分组；配套设施每项一列打√；一站重复列了两次",
        province="湖南",
    )
    s = f.sheet("驿站台账")
    top = ["序号", "基本情况", None, None, None, "配套设施", *[None] * 6, "运行情况", None,
           "建成日期"]  # fmt: skip
    sub = [None, "站点名称", "所属乡镇", "地址", "依托单位", *[t for t, _ in TICK_COLUMNS],
           "状态", "开放时间", None]  # fmt: skip
    s.line(*top)
    s.line(*sub)
    for ref in ("A1:A2", "B1:E1", "F1:L1", "M1:N1", "O1:O2"):
        s.merge(ref)
    plan = [
        ("城关镇公交总站驿站", "公交总站", "√√√√√√√", "运行", D(2022, 9, 1)),
        ("城关镇人民公园驿站", "人民公园管理处", "√ √√ √√", "运行", D(2023, 4, 1)),
        ("城关镇建设银行驿站", "建设银行城关支行", "√√√√√  ", "正常运营", D(2023, 7, 15)),
        ("城关镇邮政驿站", "城关邮政支局", "√√√ √√ ", "正常", D(2024, 2, 1)),
        ("城关镇火车站驿站", "火车站广场", "√√√√  √", "运行", D(2024, 3, 8)),
        ("城关镇中心医院驿站", "县中心医院", "√√√√√√√", "运行", D(2024, 4, 1)),
        ("城关镇农贸市场驿站", "农贸市场管理所", "√ √   √", "正常运营", D(2024, 5, 1)),
        ("城关镇客运站驿站", "县汽车客运站", "√√√√√  ", "运行", D(2024, 6, 1)),
        ("城关镇商业街驿站", "步行街管委会", "√√√ √√√", "运行", D(2024, 7, 1)),
    ]
    for seq, (name, host, ticks, status, built) in enumerate(plan, start=1):
        marks = [("√" if t == "√" else None) for t in ticks.ljust(len(TICK_COLUMNS))]
        cells = [seq, name, "城关镇", f"城关镇{host}", host, *marks, status, "8:00-18:00", built]
        facilities = sorted(label for (_, label), m in zip(TICK_COLUMNS, marks, strict=True) if m)
        exp = station_ok(corpus, f.name, name, "城关镇", {"status": status},
                         facilities=facilities, built_date=built, station_type=REST_TYPE)  # fmt: skip
        s.data(cells, exp)
    first = plan[0]
    s.data(
        [len(plan) + 1, first[0], "城关镇", f"城关镇{first[1]}", first[1], "√", None, None, None, None, None,
         None, "运行", "8:00-18:00", first[4]],
        bad("duplicate_in_file", "同一驿站（同名同乡镇）在本表列了两次", "name"),
    )  # fmt: skip
    return f


def r42(corpus: Corpus) -> File:
    f = File(
        "42_北山镇_爱心驿站.csv",
        "reststops",
        "UTF-8-BOM CSV：设施配置用中文逗号/分号分隔、建成时间写 2023-06-18，一行只写到月、状态写“待定”",
        fmt="csv-bom",
        province="山东",
    )
    s = f.sheet("csv")
    s.line("驿站名称", "所属镇", "位置", "依托单位", "设施配置", "开放时间", "状态", "建成时间")
    plan = [
        (
            "北山镇矿区爱心驿站",
            "饮水，微波炉，应急药箱",
            "，",
            "8:00-18:00",
            "运行",
            ("2023-06-18", D(2023, 6, 18)),
        ),
        (
            "北山镇卫生院爱心驿站",
            "饮水；休息桌椅；卫生间；充电",
            "；",
            "24小时",
            "正常运营",
            ("2023-09-01", D(2023, 9, 1)),
        ),
        (
            "北山镇加油站爱心驿站",
            "饮水，热饭，雨伞",
            "，",
            "6:00-22:00",
            "正常",
            ("2024-01-08", D(2024, 1, 8)),
        ),
        ("北山镇南街爱心驿站", "饮水", "，", "8:00-17:00", "待定", ("2024-05-06", D(2024, 5, 6))),
        (
            "北山镇中学门口爱心驿站",
            "饮水，热饭，休息，空调",
            "，",
            "7:00-19:00",
            "运行",
            ("2024-03-12", D(2024, 3, 12)),
        ),
        (
            "北山镇农商行爱心驿站",
            "饮水；充电；WIFI",
            "；",
            "8:30-17:00",
            "运行",
            ("2022-11-20", D(2022, 11, 20)),
        ),
        (
            "北山镇物流园爱心驿站",
            "饮水，微波炉，桌椅，厕所",
            "，",
            "24小时",
            "正常",
            ("2023-12-01", D(2023, 12, 1)),
        ),
        (
            "北山镇东街爱心驿站",
            "饮水，图书，雨伞",
            "，",
            "8:00-18:00",
            "暂停使用",
            ("2021-07", None),
        ),
        (
            "北山镇环卫所爱心驿站",
            "饮水；热饭；药箱；厕所",
            "；",
            "5:00-20:00",
            "运行",
            ("2022-06-15", D(2022, 6, 15)),
        ),
        ("北山镇建筑工地爱心驿站", "饮水，休息", "，", "6:00-18:00", "在建", (None, None)),
    ]
    for name, facilities, sep, hours, status, built in plan:
        cells = [name, "北山镇", "北山镇", "北山镇人民政府", facilities, hours, status, built[0]]
        if month_only(built[0]):
            exp = month_only(built[0])
        elif status == "待定":
            exp = bad("invalid_choice", "状态写“待定”，不是运行/整改/停用/撤销", "status")
        else:
            stored: dict[str, Any] = {"station_type": REST_TYPE}
            if built[1]:
                stored["built_date"] = built[1]
            if hours == "24小时":
                stored["open_24h"] = True
            words = {"status": status, "facilities": facilities, "sep": sep}
            exp = station_ok(corpus, f.name, name, "北山镇", words, **stored)
        s.data(cells, exp)
    return f
