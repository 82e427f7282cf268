"""内容摘要 of demo activities, written as clerks write 台账 entries: who, where, with whom, a remark.

A real entry names the units that took part, the officials by their posts, the workers by their
trade, and now and then quotes someone; it does not repeat one sentence with other numbers. Every
figure written here is one of the record's own (the summary's stories print only those).
"""

from __future__ import annotations

import random
from typing import Any

from models.demo import names

Row = dict[str, Any]

# Posts of the people who lead an event (names drawn for each entry; all fictional).
COUNTY_LEADS = ("县总工会党组书记、常务副主席", "县总工会副主席", "县总工会党组成员、经审会主任")
TOWN_LEADS = ("党委副书记、工会主席", "党委委员、工会主席", "工会副主席")
PARTNERS: dict[str, tuple[str, ...]] = {
    "春送岗位/就业服务": ("县人社局", "县就业服务中心", "县工商联"),
    "法律援助与维权": ("县人社局劳动保障监察大队", "县司法局", "县法律援助中心", "县人民法院"),
    "劳动保护(安康杯)": ("县应急管理局", "县卫健委"),
    "职工技能培训": ("县人社局", "县职业中等专业学校"),
    "劳动和技能竞赛": ("县人社局", "县职业中等专业学校", "县住建局"),
    "金秋助学": ("县教育局",),
    "夏送清凉": ("县城市管理局", "县环境卫生管理所", "县邮政管理局"),
    "送温暖": ("县民政局", "县城市管理局"),
    "建会入会": ("县邮政管理局", "县交通运输局", "县市场监管局"),
    "疫情防控": ("县卫健委", "县疾控中心"),
}
# What a worker or official said, as the clerk noted it (speaker added in the entry).
QUOTES: dict[str, tuple[str, ...]] = {
    "夏送清凉": (
        "天一热，最盼的就是这口绿豆汤",
        "扫完一条街正口渴，工会的水就送到了",
        "驿站里能歇脚、能充电，跑单心里踏实",
    ),
    "送温暖": (
        "年前工会又来看我们，这个年过得踏实",
        "孩子的学费有着落了，谢谢娘家人",
        "大冷天还想着我们这些扫马路的，心里暖和",
    ),
    "金秋助学": ("我会好好读书，将来回报家乡", "这笔钱正好交上第一学期的学费"),
    "法律援助与维权": ("拖了半年的工钱终于拿到了", "没想到工会律师这么快就帮我们立了案"),
    "职工技能培训": ("学会了这门手艺，找活儿更有底气", "培训不收钱，还发证书，这样的班多办几期"),
    "建会入会": ("入了会，跑单路上也有了娘家", "以后有事知道该找谁了"),
    "春送岗位/就业服务": ("家门口就能找到活儿，不用再往外跑",),
    "劳模工匠": ("手艺要传下去，年轻人肯学我就肯教",),
    "劳动和技能竞赛": ("比一比才知道自己差在哪", "拿了名次，厂里还给涨了工资"),
}
SPEAKERS: dict[str, tuple[str, ...]] = {
    "夏送清凉": ("环卫工人{s}师傅", "外卖骑手小{s}", "快递员小{s}", "建筑工人老{s}"),
    "送温暖": ("环卫工人{s}大姐", "一名受慰问的困难职工", "困难职工家属{s}阿姨"),
    "金秋助学": ("受助学生小{s}", "一名考上大学的受助学生"),
    "法律援助与维权": ("农民工老{s}", "务工人员{s}师傅"),
    "职工技能培训": ("学员{s}女士", "学员小{s}"),
    "建会入会": ("新入会的骑手小{s}", "货车司机{s}师傅"),
    "春送岗位/就业服务": ("求职者{s}大姐", "返乡务工人员老{s}"),
    "劳模工匠": ("省级劳模{s}师傅",),
    "劳动和技能竞赛": ("参赛选手小{s}", "获奖选手{s}师傅"),
}
VERBS = ("开展", "举办", "组织", "举行")
TITLE_WORKERS = (
    ("环卫", "环卫工人"), ("快递", "快递员"), ("外卖", "外卖骑手"), ("工地", "建筑工人"),
    ("建筑工人", "建筑工人"), ("货车司机", "货车司机"), ("网约车", "网约车司机"),
    ("交通协管员", "交通协管员"), ("园林", "园林养护工人"), ("新就业形态", "新就业形态劳动者"),
    ("户外劳动者", "户外劳动者"), ("劳模", "困难劳模"), ("农民工", "农民工"),
)  # fmt: skip


class EntryWriter:
    """Writes one 内容摘要 per activity; the rng is the activity generator's own."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        # Who holds each post is fixed for the whole demo: a 常务副主席 who changes name from
        # one entry to the next gives the county away.
        self.cast: dict[str, str] = {}

    def person(self) -> str:
        rng = self.rng
        surname = names.SURNAMES[int(rng.triangular(0, len(names.SURNAMES), 0))]
        given = rng.choice(names.MALE_GIVEN if rng.random() < 0.6 else names.FEMALE_GIVEN)
        return surname + given

    def holder(self, post: str) -> str:
        if post not in self.cast:
            self.cast[post] = self.person()
        return self.cast[post]

    def lead_official(self, row: Row) -> str:
        if row["township"] is None:
            post = self.rng.choice(COUNTY_LEADS)
        else:
            town = row["township"]
            post = town + self.rng.choice(TOWN_LEADS)
            if town.endswith("街道"):
                post = post.replace("党委", "党工委")
        return post + self.holder(post)

    def partner(self, category: str) -> str | None:
        options = PARTNERS.get(category)
        if not options or self.rng.random() < 0.4:
            return None
        return self.rng.choice(options)

    def write(self, row: Row) -> str:
        rng = self.rng
        d = row["start_date"]
        partner = self.partner(row["category"])
        who = row["organizer"] + (f"联合{partner}" if partner else "")
        verb = rng.choice(VERBS)
        name = row["name"].removesuffix("活动")
        opening = rng.random()
        if opening < 0.5:
            lead = f"{d.month}月{d.day}日，{who}在{row['place']}{verb}{name}活动"
        elif opening < 0.75:
            lead = f"{d.month}月{d.day}日，{name}在{row['place']}举行，活动由{who}主办"
        else:
            lead = f"为{self._purpose(row['category'])}，{who}于{d.month}月{d.day}日在{row['place']}{verb}{name}"
        sentences = [lead + self._figures(row) + "。"]
        if rng.random() < 0.45:
            sentences.append(f"{self.lead_official(row)}{rng.choice(('出席', '参加', '带队'))}。")
        # A family's thanks belongs to a visit, not to a 返乡 bus or a county meeting.
        visit = row["category"] != "送温暖" or "慰问" in row["name"]
        quote = self._quote(row["category"]) if visit else None
        if quote:
            sentences.append(quote)
        return "".join(sentences)

    def _purpose(self, category: str) -> str:
        return {
            "送温暖": "把节日的关怀送到困难职工家中",
            "夏送清凉": "帮助高温下坚守岗位的户外劳动者防暑降温",
            "金秋助学": "帮助困难职工子女顺利入学",
            "法律援助与维权": "维护职工合法权益",
            "建会入会": "把新就业形态劳动者吸收到工会中来",
            "职工技能培训": "提升职工就业技能",
            "劳动和技能竞赛": "营造比学赶超的氛围",
            "春送岗位/就业服务": "帮助农民工和困难职工就近就业",
            "劳动保护(安康杯)": "筑牢安全生产防线",
            "思想引领": "引导职工听党话、跟党走",
            "疫情防控": "支持一线防疫工作",
        }.get(category, "丰富职工精神文化生活")

    def _figures(self, row: Row) -> str:
        category = row["category"]
        rng = self.rng
        if category == "送温暖":
            goods = rng.choice(("米面油", "棉被和米面油", "慰问品", "春联和年货"))
            named = [who for word, who in TITLE_WORKERS if word in row["name"]]
            whom = f"{named[0]}家庭" if named else "困难职工、困难劳模和一线职工"
            return (
                f"，走访慰问{whom}{row['households_benefited']}户，"
                f"送去慰问金{row['cash']:,.0f}元和{goods}"
            )
        if category == "夏送清凉":
            goods = rng.choice(
                (
                    "矿泉水、藿香正气水和毛巾",
                    "绿豆、白糖和清凉油",
                    "西瓜、防暑药品",
                    "清凉饮品和防晒用品",
                )
            )
            # The workers the title names are the ones the entry says were visited.
            named = [who for word, who in TITLE_WORKERS if word in row["name"]]
            workers = (
                named[0]
                if named
                else rng.choice(
                    ("环卫工人、快递小哥", "建筑工人", "交警和协管员", "外卖骑手和货车司机")
                )
            )
            return f"，为{workers}等送去{goods}，惠及{row['person_times']}人次"
        if category == "金秋助学":
            return f"，为{row['students']}名困难职工子女发放助学金{row['cash']:,.0f}元"
        if category == "法律援助与维权":
            return (
                f"，受理劳动争议和欠薪案件{row['cases']}件，"
                f"帮助职工追回工资和经济补偿{row['money_recovered']:,.0f}元"
            )
        if category == "建会入会":
            return (
                f"，新建工会{row['new_unions']}家，发展会员{row['new_members']}人，"
                f"其中农民工会员{row['new_migrant_members']}人"
            )
        if category == "劳动和技能竞赛":
            return f"，设{row['contest_trades']}个竞赛项目，{row['contestants']}名选手同台比拼"
        if category == "职工技能培训":
            return f"，{row['trainees']}名学员参加，聘请{rng.choice(('县职业中专', '县人社局', '企业'))}的老师授课"
        if category == "春送岗位/就业服务":
            firms = rng.randint(12, 68)
            return f"，{firms}家企业进场招聘，前来咨询求职的群众{row['person_times']}人次"
        return f"，{row['participants']}名职工参加"

    def _quote(self, category: str) -> str | None:
        rng = self.rng
        said = QUOTES.get(category)
        if not said or rng.random() > 0.3:
            return None
        surname = names.SURNAMES[int(rng.triangular(0, len(names.SURNAMES), 0))]
        speaker = rng.choice(SPEAKERS[category]).format(s=surname)
        return f"“{rng.choice(said)}。”{speaker}说。"
