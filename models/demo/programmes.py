"""The demo's 活动 programmes: how many a year, in which months, how big, and what they are called.

Names follow the way township and county 台账 entries are written (see tests/data/real_sheets
SOURCES.md and the 金秋助学/送温暖 reports cited in models.demo.calibration): a brand in quotes, a
trade or a group of workers, now and then the year or the edition. Slots: {town} the township or
县, {trade} a trade, {group} a group of workers, {nth} 第N届, {year}.
"""

from __future__ import annotations

from dataclasses import dataclass

REST_STOP = "户外劳动者服务站点"
ALL_YEAR = (1.0,) * 12


@dataclass(frozen=True)
class Programme:
    """One 活动类别 as the county runs it."""

    category: str
    per_year: int  # events a year, county and townships together (drawn around this)
    months: tuple[float, ...]  # weight of each month, January first
    people: tuple[int, float]  # participants of one township event: median, log-normal spread
    titles: tuple[str, ...]
    station_types: tuple[str, ...] = ()  # stations it may be held at
    days: tuple[int, int] = (0, 0)  # extra days after the start
    years: tuple[int, int] = (2000, 2100)  # the years the programme existed


def _months(**weights: float) -> tuple[float, ...]:
    """Month weights from m1=…, m12=… (months not named weigh nothing)."""
    return tuple(weights.get(f"m{m}", 0.0) for m in range(1, 13))


PROGRAMMES: tuple[Programme, ...] = (
    Programme(
        "思想引领", 84,
        (0.4, 0.5, 1.0, 1.2, 1.3, 1.1, 1.6, 0.9, 1.0, 1.2, 1.1, 0.8),
        (45, 0.6),
        (
            "{town}职工“大学习”课堂", "{town}职工“大学习”课堂（{group}专场）",
            "“中国梦·劳动美”主题宣讲进{town}", "{town}“工会好声音”微宣讲",
            "{town}{group}“学思想·强技能”分享会", "{town}职工诵读会",
            "“永远跟党走”{town}职工红色观影", "{town}工会干部学习贯彻工会十八大精神专题培训",
            "{town}劳模工匠“面对面”宣讲", "{town}职工书屋主题读书会",
        ),
        ("职工书屋", "乡镇(街道)职工服务站", "县级职工服务中心"),
    ),
    Programme(
        "职工文化", 63,
        (1.4, 0.8, 1.3, 1.5, 1.8, 0.6, 0.4, 0.4, 1.4, 1.2, 0.8, 1.6),
        (120, 0.7),
        (
            "{town}{nth}职工趣味运动会", "{town}职工迎新春文艺汇演", "{town}“巾帼心向党”三八节活动",
            "{town}职工书画摄影展", "{town}职工篮球联赛", "{town}职工广场舞展演",
            "{town}“书香三八”读书分享会", "{town}职工气排球比赛", "{town}“庆五一”职工文艺演出",
            "{town}职工拔河比赛", "{town}“我们的节日·中秋”职工联谊",
        ),
        ("职工书屋", "乡镇(街道)职工服务站"),
        (0, 2),
    ),
    Programme(
        "劳动和技能竞赛", 23,
        _months(m4=1.0, m5=1.2, m6=0.8, m7=0.6, m8=0.6, m9=1.2, m10=1.4, m11=0.8),
        (40, 0.5),
        (
            "{town}{trade}技能竞赛", "{town}{nth}职工职业技能大赛（{trade}）",
            "{town}重点项目“大干一百天”劳动竞赛", "{town}{trade}技能比武",
            "{town}“桐川工匠杯”{trade}竞赛", "{town}{group}岗位练兵",
        ),
        (),
        (0, 3),
    ),
    Programme(
        "职工技能培训", 30,
        (0.3, 0.4, 1.2, 1.3, 1.2, 1.0, 1.0, 0.9, 1.1, 1.3, 1.2, 0.6),
        (42, 0.35),
        (
            "{town}{trade}培训班", "{town}{group}技能提升培训", "{town}电子商务直播带货培训班",
            "{town}育婴员培训班", "{town}叉车司机培训班", "{town}中式面点师培训班",
            "{town}家政服务员培训班", "{town}农民工“技能提升”培训（{trade}）",
        ),
        ("县级职工服务中心", "乡镇(街道)职工服务站"),
        (2, 9),
    ),
    Programme(
        "劳模工匠", 14,
        _months(m3=0.6, m4=1.6, m5=1.4, m8=0.4, m9=1.0, m10=1.0, m12=0.5),
        (35, 0.5),
        (
            "{town}劳模工匠进企业宣讲", "{town}劳模创新工作室交流会", "{town}“工匠之星”推荐评选",
            "{town}劳模疗休养座谈会", "{town}“五一”劳模座谈会", "走访慰问{town}困难劳模",
        ),
    ),
    Programme(
        "送温暖", 41,
        ALL_YEAR,  # dated from 春节 instead (activities.py)
        (60, 0.6),
        (
            "{town}“两节”送温暖走访慰问", "{town}春节困难职工走访慰问", "{town}“冬日暖阳”慰问户外劳动者",
            "{town}新春慰问坚守岗位一线职工", "{town}“送温暖”慰问困难劳模",
            "{town}“情暖环卫”新春慰问", "{town}春节农民工平安返乡服务",
        ),
        (REST_STOP,),
    ),
    Programme(
        "夏送清凉", 47,
        _months(m6=0.8, m7=1.4, m8=1.0),
        (110, 0.7),
        (
            "{town}“夏送清凉”慰问{group}", "{town}高温慰问环卫工人", "{town}“清凉驿站”送清凉",
            "{town}夏送清凉进工地", "{town}“工会送清凉·关爱暖人心”",
            "{town}高温一线职工防暑降温慰问", "{town}“送清凉”进快递网点",
        ),
        (REST_STOP,),
    ),
    Programme(
        "金秋助学", 11,
        _months(m8=1.6, m9=0.8),
        (25, 0.5),
        (
            "{town}“金秋助学”助学金发放仪式", "{town}困难职工子女助学金发放",
            "{town}“金秋助学”入户走访", "{town}“金秋助学·筑梦启航”座谈会",
        ),
    ),
    Programme(
        "春送岗位/就业服务", 19,
        _months(m1=0.4, m2=1.6, m3=1.6, m4=0.8, m5=0.4),
        (160, 0.8),
        (
            "{town}“春风行动”专场招聘会", "{town}“春送岗位”招聘会", "{town}农民工返岗就业服务",
            "{town}高校毕业生就业服务活动", "{town}“就业援助月”送岗位进村",
            "{town}零工市场“送岗位”服务",
        ),
        ("县级职工服务中心", "乡镇(街道)职工服务站"),
    ),
    Programme(
        "法律援助与维权", 33,
        (1.8, 0.8, 0.9, 0.9, 1.0, 0.9, 0.8, 0.8, 0.9, 1.0, 1.1, 1.6),
        (50, 0.6),
        (
            "{town}农民工工资清欠专项行动", "{town}“尊法守法·携手筑梦”法律服务",
            "{town}劳动争议调解", "{town}法律援助进企业", "{town}新就业形态劳动者权益保障宣传",
            "{town}“宪法宣传周”普法宣传", "{town}根治欠薪冬季专项行动",
        ),
        ("职工法律援助工作站",),
    ),
    Programme(
        "建会入会", 26,
        (0.6, 0.5, 1.0, 1.2, 1.5, 1.3, 0.9, 0.8, 1.3, 1.2, 1.0, 0.7),
        (30, 0.6),
        (
            "{town}新就业形态劳动者集中入会", "{town}百人以上企业建会攻坚", "{town}货车司机入会行动",
            "{town}小微企业联合工会成立", "{town}快递外卖骑手入会仪式",
            "{town}“会聚新力量”集中入会",
        ),
    ),
    Programme(
        "劳动保护(安康杯)", 17,
        _months(m3=0.6, m4=0.8, m5=0.9, m6=2.2, m7=0.7, m9=0.6, m10=0.6, m11=0.8),
        (70, 0.6),
        (
            "{town}“安康杯”知识竞赛", "{town}“安全生产月”宣传咨询", "{town}职业病防治宣传",
            "{town}安全生产隐患排查", "{town}“安康杯”应急演练",
        ),
    ),
    Programme(
        "疫情防控", 58,
        (1.6, 1.8, 1.2, 0.8, 0.6, 0.5, 0.6, 0.8, 0.6, 0.8, 1.2, 1.4),
        (40, 0.6),
        (
            "{town}疫情防控一线人员慰问", "{town}防疫物资发放", "{town}企业复工复产防疫指导",
            "{town}核酸检测点志愿服务", "{town}慰问坚守疫情防控一线的医护人员",
        ),
        (),
        (0, 0),
        (2020, 2022),  # from the outbreak to the end of 2022 (乙类乙管 from 8 January 2023)
    ),
    Programme(
        "其他", 9,
        ALL_YEAR,
        (45, 0.6),
        (
            "{town}职工心理健康讲座", "{town}单身职工联谊会", "{town}职工义诊",
            "{town}工会会员普惠活动", "{town}“爱心妈妈小屋”健康讲座",
        ),
        ("县级职工服务中心",),
    ),
)  # fmt: skip

# Where each programme happens: township venues ({town} filled in) and county venues.
_CENTRE, _HALL, _SQUARE = "{town}党群服务中心", "{town}便民服务中心会议室", "{town}文化广场"
_STATION, _PARK, _SITE = "{town}职工服务站", "{town}工业园区", "{town}重点项目工地"
PLACES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "思想引领": ((_CENTRE, _STATION, _HALL, _PARK), ("县工人文化宫", "县职工服务中心", "县会展中心")),
    "职工文化": ((_SQUARE, "{town}中心小学操场", _CENTRE, _STATION), ("县工人文化宫", "县体育中心", "县会展中心")),
    "劳动和技能竞赛": ((_PARK, _SITE, _STATION), ("县职工培训基地", "县经济开发区", "县职业中等专业学校")),
    "职工技能培训": ((_STATION, _HALL, _CENTRE), ("县职工培训基地", "县职业中等专业学校", "县职工服务中心")),
    "劳模工匠": ((_CENTRE, _HALL, _PARK), ("县工人文化宫", "县职工服务中心")),
    "送温暖": (("{town}困难职工家中", "{town}各村（社区）", _CENTRE), ("全县各乡镇（街道）", "县城区各环卫作业点")),
    "夏送清凉": ((_SITE, _PARK, "{town}环卫站", _SQUARE), ("县城区主要路段", "县经济开发区", "县快递物流园")),
    "金秋助学": ((_CENTRE, _HALL, "{town}受助学生家中"), ("县职工服务中心", "县工人文化宫")),
    "春送岗位/就业服务": ((_SQUARE, _CENTRE, _STATION), ("县人力资源市场", "县职工服务中心", "县会展中心")),
    "法律援助与维权": ((_PARK, _SITE, _HALL), ("县职工服务中心", "县经济开发区", "县人力资源市场")),
    "建会入会": ((_CENTRE, _PARK, _HALL), ("县职工服务中心", "县经济开发区", "县快递物流园")),
    "劳动保护(安康杯)": ((_PARK, _SITE, _HALL), ("县经济开发区", "县工人文化宫", "县会展中心")),
    "疫情防控": ((_CENTRE, "{town}卫生院", _SITE), ("县人民医院", "县经济开发区")),
    "其他": ((_STATION, _HALL, _CENTRE), ("县职工服务中心", "县工人文化宫")),
}  # fmt: skip

# Words in a title that tie it to months: a 迎新春 gala in September or a 三八节 reading in
# October would give the ledger away.
TIED_WORDS: tuple[tuple[str, tuple[int, ...]], ...] = (
    ("新春", (1, 2)), ("春节", (1, 2)), ("两节", (1, 2, 12)), ("冬日", (1, 2, 12)),
    ("三八", (3,)), ("五一", (4,)), ("中秋", (9, 10)), ("春风行动", (1, 2, 3)),
    ("春送岗位", (2, 3, 4, 5)), ("就业援助月", (1, 2)), ("安全生产月", (6,)),
    ("宪法宣传周", (12,)), ("冬季", (11, 12, 1)), ("大干一百天", (4, 5, 6, 7, 8, 9)),
)  # fmt: skip


def fits(title: str, month: int) -> bool:
    """Whether a title may be held in this month."""
    return all(month in months for word, months in TIED_WORDS if word in title)


TRADES = (
    "电工", "焊工", "叉车司机", "家政服务员", "中式烹调师", "快递员", "挖掘机驾驶员", "茶艺师",
    "养老护理员", "汽车维修工", "收银员", "电子商务师",
)  # fmt: skip
GROUPS = (
    "环卫工人", "快递小哥", "外卖骑手", "货车司机", "建筑工人", "新就业形态劳动者", "一线职工",
    "网约车司机", "交通协管员", "园林养护工人",
)  # fmt: skip
EDITIONS = "一二三四五六七八九十"
