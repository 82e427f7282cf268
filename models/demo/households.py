"""Generates 困难职工档案 for the demo: heads, families, causes, status histories and assistance.

Values come out exactly as the household service would store them (canonical choices, Decimal
yuan, dates), so the rows can be bulk-inserted and still obey every rule; tests run samples back
through the service's own cleaning functions to prove it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import random
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from typing import Any

from models import lifecycle
from models.demo import names
from models.demo.calendar import (
    Window,
    age_on,
    between,
    birth_for_age,
    days_after,
    spring_festival,
)
from models.validation import build_id_number

Row = dict[str, Any]

CLASS_WEIGHTS = (("深度困难", 45), ("相对困难", 40), ("意外致困", 15))
ACCIDENT_CAUSES = (("患重特大疾病", 50), ("遭受意外事故", 30), ("遭受自然灾害", 20))
INCOME_CAUSES = (
    ("患重特大疾病", 20), ("下岗失业", 18), ("无劳动能力", 12), ("子女上学", 15),
    ("有劳动能力而未就业", 9), ("未参加社会保险", 5), ("社会保险待遇落实不到位", 5),
    ("遭受意外事故", 5), ("遭受自然灾害", 3), ("其他", 8),
)  # fmt: skip
LIFT_REASONS = {
    "就业创业": "本人实现稳定就业，家庭月人均收入已超过标准",
    "社保兜底": "已纳入社会保障兜底，基本生活有保障",
    "社会救助": "经民政部门救助，家庭困难得到缓解",
    "工会帮扶": "经工会持续帮扶，家庭收入稳定增长",
    "其他": "家庭成员就业，收入明显提高",
}
RETURN_REASONS = (
    "家庭成员患重病，医疗支出大幅增加", "再次失业，家庭收入明显下降", "遭受意外事故致困",
    "子女上大学，教育支出增加", "所在企业停产，收入中断",
)  # fmt: skip
# Mean days until a file is lifted, closed or (once lifted) returns, drawn exponentially: about a
# fifth of the files lift and a tenth close within three years, a few lifted ones fall back.
LIFT_MEAN_DAYS = 2200
CLOSE_MEAN_DAYS = 5000
RETURN_MEAN_DAYS = 2600
CLOSE_WEIGHTS = (("不再符合条件", 40), ("调离", 25), ("退休", 20), ("死亡", 15))
MOBILE_PREFIXES = (
    "130", "131", "132", "135", "136", "137", "138", "139", "150", "151", "152", "155", "157",
    "158", "159", "176", "177", "182", "183", "185", "186", "187", "188", "189", "199",
)  # fmt: skip

GRADES = (
    "一年级", "二年级", "三年级", "四年级", "五年级", "六年级", "初一", "初二", "初三",
    "高一", "高二", "高三", "大一", "大二", "大三", "大四",
)  # fmt: skip


def pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    """One value of a (value, weight) table; called a million times for 100 000 files."""
    values, cumulative = _cumulative(weighted)
    return values[bisect(cumulative, rng.random() * cumulative[-1])]


@cache
def _cumulative(weighted: tuple[tuple[str, int], ...]) -> tuple[tuple[str, ...], list[int]]:
    return tuple(w[0] for w in weighted), list(itertools.accumulate(w[1] for w in weighted))


def yuan(amount: float, step: int = 1) -> Decimal:
    """Whole yuan, rounded to `step` (clerks write 500, 1200, not 517.36)."""
    return Decimal(max(int(round(amount / step)) * step, 0))


class People:
    """Hands out names, ID numbers, phones and bank cards; an ID number is never given twice."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used_ids: set[str] = set()

    def name(self, gender: str, surname: str | None = None) -> str:
        rng = self.rng
        family = surname or names.SURNAMES[int(rng.triangular(0, len(names.SURNAMES), 0))]
        return family + rng.choice(names.MALE_GIVEN if gender == "男" else names.FEMALE_GIVEN)

    def id_number(self, birth: dt.date, gender: str, local: bool = True) -> str:
        rng = self.rng
        region = names.COUNTY_CODE if local else rng.choice(names.NEIGHBOUR_CODES)
        parity = 1 if gender == "男" else 0
        while True:
            number = build_id_number(region, birth, rng.randrange(0, 500) * 2 + parity)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def phone(self) -> str:
        return self.rng.choice(MOBILE_PREFIXES) + f"{self.rng.randrange(10**8):08d}"

    def bank_card(self) -> tuple[str, str]:
        bank, prefix = self.rng.choice(names.BANKS)
        body = prefix + "".join(str(self.rng.randrange(10)) for _ in range(18 - len(prefix)))
        return bank, body + luhn_digit(body)


def luhn_digit(body: str) -> str:
    total = 0
    for i, char in enumerate(reversed(body)):
        digit = int(char) * (2 if i % 2 == 0 else 1)
        total += digit - 9 if digit > 9 else digit
    return str((10 - total % 10) % 10)


@dataclass
class Timeline:
    """A file's status steps as (date, status); answers "was the file 在档 on this day?"."""

    steps: list[tuple[dt.date, str]] = field(default_factory=list)

    def status_on(self, day: dt.date) -> str | None:
        current = None
        for when, status in self.steps:
            if when > day:
                break
            current = status
        return current

    def on_file(self, day: dt.date) -> bool:
        return self.status_on(day) == lifecycle.ON_FILE


@dataclass
class Bundle:
    """One generated household with everything that hangs off it, ready for bulk insert."""

    household: Row
    causes: list[Row]
    members: list[Row]
    changes: list[Row]
    assistance: list[Row]


@dataclass
class _Family:
    """What the generator remembers of a recent file, so a 重复建档 duplicate can copy it."""

    household: Row
    members: list[Row]


class HouseholdGenerator:
    """Draws `count` household files filed across the window, deterministic for the rng given."""

    def __init__(
        self, rng: random.Random, window: Window, dibao: dict[int, Decimal], count: int
    ) -> None:
        self.rng = rng
        self.window = window
        self.dibao = dibao
        self.count = count
        self.people = People(rng)
        self.towns = names.TOWNSHIPS
        self.town_weights = [4 if t.urban else 1.5 for t in self.towns]
        self.villages = {
            t.name: [
                rng.choice(names.VILLAGE_STEMS) + rng.choice(names.VILLAGE_SUFFIXES)
                for _ in range(8)
            ]
            for t in self.towns
            if not t.urban
        }
        self._recent: list[_Family] = []  # candidates for a 重复建档 duplicate

    # ---- plan ----------------------------------------------------------------------------

    def filing_dates(self) -> list[dt.date]:
        """When each file was opened, sorted: ids and 档案编号 follow the order of filing."""
        rng, w = self.rng, self.window
        # The roll the office already held goes in during the first weeks of the ledger; the
        # rest are filed as hardship comes, through the years.
        roll_end = min(days_after(w.start, 75), w.end)
        dates = [
            between(rng, w.start, roll_end) if rng.random() < 0.45 else between(rng, w.start, w.end)
            for _ in range(self.count)
        ]
        dates.sort()
        return dates

    def generate(self, filing_dates: list[dt.date], first_id: int = 1) -> Iterator[Bundle]:
        serial: dict[int, int] = {}
        for offset, filed in enumerate(filing_dates):
            serial[filed.year] = serial.get(filed.year, 0) + 1
            file_no = f"KN{filed.year}{serial[filed.year]:05d}"
            yield self._household(first_id + offset, file_no, filed)

    # ---- one household -------------------------------------------------------------------

    def _household(self, hid: int, file_no: str, filed: dt.date) -> Bundle:
        rng = self.rng
        duplicate_of = self._duplicate_source(filed) if rng.random() < 0.004 else None
        if duplicate_of is not None:
            head, members = self._duplicate(duplicate_of, filed)
        else:
            head, members = self._family(filed)
        head.update(id=hid, file_no=file_no, filed_date=filed)
        for m in members:
            m["household_id"] = hid
        changes, timeline = self._history(head, duplicate=duplicate_of is not None)
        head["status"] = timeline.steps[-1][1]
        head["reviewed_date"] = self._review_date(filed, timeline)
        last_change = max(c["date"] for c in changes)
        stamp = _stamp(max(last_change, head["reviewed_date"] or filed))
        head.update(created_at=_stamp(filed), updated_at=stamp, created_by=rng.choice(names.CLERKS))
        for m in members:
            m.update(
                created_at=_stamp(filed), updated_at=_stamp(filed), created_by=head["created_by"]
            )
        assistance = self._assistance(head, members, timeline) if duplicate_of is None else []
        causes = [
            {"household_id": hid, "cause": c, "position": i}
            for i, c in enumerate(head.pop("secondary_causes"))
        ]
        head.pop("_ill", None)
        if (
            duplicate_of is None
            and head["status"] != lifecycle.CLOSED
            and any(m["relation"] == "配偶" and m["id_number"] is None for m in members)
        ):
            self._recent = (self._recent + [_Family(head, members)])[-20:]
        return Bundle(head, causes, members, changes, assistance)

    def _family(self, filed: dt.date) -> tuple[Row, list[Row]]:
        rng, people = self.rng, self.people
        town = rng.choices(self.towns, self.town_weights)[0]
        cls = pick(rng, CLASS_WEIGHTS)
        main = pick(rng, ACCIDENT_CAUSES if cls == "意外致困" else INCOME_CAUSES)
        gender = "男" if rng.random() < 0.6 else "女"
        age = int(rng.triangular(26, 63, 46))
        birth = birth_for_age(rng, age, filed)
        surname = names.SURNAMES[int(rng.triangular(0, len(names.SURNAMES), 0))]
        marital = pick(
            rng, (("已婚", 64), ("离异", 13), ("丧偶", 9), ("未婚", 14 if age < 40 else 3))
        )
        head: Row = {
            "name": people.name(gender, surname),
            "gender": gender,
            "ethnicity": pick(rng, (("汉族", 95), ("回族", 3), ("满族", 1), ("蒙古族", 1))),
            "id_number": people.id_number(birth, gender, local=rng.random() < 0.9),
            "birth_date": birth,
            "political_status": pick(
                rng, (("群众", 82), ("中共党员", 12), ("共青团员", 4), ("民主党派", 2))
            ),
            "marital_status": marital,
            "township": town.name,
            "hardship_class": cls,
            "hardship_class_original": None,
            "main_cause": main,
            "model_worker": "无"
            if rng.random() < 0.97
            else pick(rng, (("地市级劳模", 3), ("其他", 2), ("省部级劳模", 1))),
            "phone": people.phone() if rng.random() < 0.95 else None,
            "hukou_type": "非农业"
            if town.urban and rng.random() < 0.8
            else pick(rng, (("农业", 4), ("农转居", 1))),
            "housing_type": pick(
                rng,
                (
                    ("自有住房", 50),
                    ("租住私房", 18),
                    ("租住公房", 14),
                    ("借住", 8),
                    ("单位宿舍", 4),
                    ("无房", 3),
                    ("其他", 3),
                ),
            ),
            "address": self._address(town),
            "medical_insurance": pick(
                rng,
                (
                    ("城镇职工基本医疗保险", 55),
                    ("城乡居民基本医疗保险", 40),
                    ("未参保", 3),
                    ("其他", 2),
                ),
            ),
            "remarks": None,
            "disease": None,
            "disability_kind": None,
            "disability_grade": None,
            "_ill": False,
        }
        self._health_and_work(head, age)
        if head["phone"] is None:
            head["remarks"] = "本人无手机，联系其子女或社区网格员"
        bank = self.people.bank_card() if rng.random() < 0.9 else (None, None)
        head["bank_name"], head["bank_card"] = bank
        members = self._members(head, age, filed, marital, town)
        if main == "患重特大疾病" and not head["_ill"]:
            ill = [m for m in members if m["relation"] in ("配偶", "子女", "父母")]
            if ill:
                rng.choice(ill)["health"] = "患重特大疾病"
            else:
                head["health"], head["disease"], head["_ill"] = (
                    "患重特大疾病",
                    rng.choice(names.DISEASES),
                    True,
                )
        head["secondary_causes"] = self._secondary_causes(head, members)
        self._income(head, members, filed)
        head["single_parent"] = marital in ("离异", "丧偶") and any(
            m["relation"] == "子女" and age_on(m["birth_date"], filed) < 18 for m in members
        )
        return head, members

    def _address(self, town: names.Town) -> str:
        rng = self.rng
        if town.urban:
            return (
                f"{names.COUNTY}{town.name}{rng.choice(names.STREETS)}{rng.randint(1, 280)}号"
                f"{rng.randint(1, 12)}号楼{rng.randint(1, 4)}单元{rng.randint(1, 6)}0{rng.randint(1, 4)}室"
            )
        return (
            f"{names.COUNTY}{town.name}{rng.choice(self.villages[town.name])}{rng.randint(1, 9)}组"
        )

    def _health_and_work(self, head: Row, age: int) -> None:
        rng, main = self.rng, head["main_cause"]
        head["health"] = pick(rng, (("良好", 55), ("一般疾病", 45)))
        if main == "患重特大疾病" and rng.random() < 0.7:
            head["health"], head["disease"], head["_ill"] = (
                "患重特大疾病",
                rng.choice(names.DISEASES),
                True,
            )
        elif main == "无劳动能力":
            if rng.random() < 0.6:
                head["health"] = "残疾"
                head["disability_kind"] = rng.choice(
                    ("肢体", "肢体", "视力", "听力", "精神", "多重")
                )
                head["disability_grade"] = rng.choice(("一级", "二级", "二级", "三级"))
            else:
                head["health"], head["disease"], head["_ill"] = (
                    "患重特大疾病",
                    rng.choice(names.DISEASES),
                    True,
                )
        if main == "下岗失业":
            work = rng.choice(("下(待)岗", "失(无)业"))
        elif main == "有劳动能力而未就业":
            work = "失(无)业"
        elif main == "无劳动能力" or head["_ill"]:
            work = rng.choice(("病休", "失(无)业", "内退"))
        elif age >= 58:
            work = "退休"
        else:
            work = pick(rng, (("在岗", 60), ("农民工", 30), ("内退", 5), ("病休", 5)))
        head["work_status"] = work
        if work in ("在岗", "农民工", "病休", "内退", "下(待)岗") or rng.random() < 0.3:
            employer, industry, nature = self._employer(work)
            head.update(employer=employer, industry=industry, employer_nature=nature)
        else:
            head.update(employer=None, industry=None, employer_nature=None)

    def _employer(self, work: str) -> tuple[str, str, str]:
        rng = self.rng
        if work != "农民工" and rng.random() < 0.35:
            return rng.choice(names.PUBLIC_EMPLOYERS)
        trade, industry, nature = rng.choice(names.COMPANY_TRADES)
        return f"{names.COUNTY}{rng.choice(names.COMPANY_STEMS)}{trade}", industry, nature

    def _members(
        self, head: Row, age: int, filed: dt.date, marital: str, town: names.Town
    ) -> list[Row]:
        rng = self.rng
        members: list[Row] = []
        if marital == "已婚":
            gender = "女" if head["gender"] == "男" else "男"
            spouse_age = max(20, age + rng.randint(-5, 4) + (2 if gender == "男" else -2))
            members.append(self._member("配偶", gender, spouse_age, filed, town))
        if marital != "未婚" and age >= 24:
            n_children = rng.choices((0, 1, 2, 3), (12, 45, 34, 9))[0]
            if head["main_cause"] == "子女上学":
                n_children = max(n_children, 1)
            for i in range(n_children):
                child_age = age - rng.randint(22, 36)
                if head["main_cause"] == "子女上学" and i == 0:
                    child_age = rng.randint(7, min(21, max(7, age - 20)))
                if child_age < 0:
                    continue
                gender = rng.choice(("男", "女"))
                child = self._member(
                    "子女", gender, child_age, filed, town, surname=head["name"][0]
                )
                members.append(child)
        if age < 56 and rng.random() < 0.3:
            for gender in rng.sample(("男", "女"), rng.choice((1, 2))):
                parent_age = min(age + rng.randint(22, 32), 92)
                surname = head["name"][0] if gender == "男" else None
                members.append(
                    self._member("父母", gender, parent_age, filed, town, surname=surname)
                )
        if marital == "已婚" and rng.random() < 0.04:
            members[0]["id_number"] = None  # the clerk did not record the spouse's number
        return members

    def _member(
        self,
        relation: str,
        gender: str,
        age: int,
        filed: dt.date,
        town: names.Town,
        surname: str | None = None,
    ) -> Row:
        rng, as_of = self.rng, self.window.end
        birth = birth_for_age(rng, age, filed)
        member: Row = {
            "name": self.people.name(gender, surname),
            "relation": relation,
            "id_number": self.people.id_number(birth, gender, local=rng.random() < 0.85),
            "gender": gender,
            "birth_date": birth,
            "health": pick(rng, (("良好", 75), ("一般疾病", 25))),
            "school": None,
            "grade": None,
        }
        now = age_on(birth, as_of)
        identity, income = self._identity(now, relation, town)
        member["identity"], member["monthly_income"] = identity, income
        if identity == "学生":
            member["school"], member["grade"] = self._school(birth, town)
        return member

    def _identity(self, age: int, relation: str, town: names.Town) -> tuple[str, Decimal | None]:
        rng = self.rng
        if age < 6:
            return "学龄前", None
        if age <= 17 or (age <= 21 and rng.random() < 0.75):
            return "学生", None
        if age >= 60:
            if town.urban or rng.random() < 0.3:
                return "退休", yuan(rng.uniform(1300, 2600), 10)
            return pick(rng, (("务农", 2), ("无业", 1))), yuan(rng.uniform(120, 300), 10)
        weights = (
            ("在岗", 35),
            ("灵活就业", 22),
            ("无业", 18),
            ("失业", 8),
            ("务农", 0 if town.urban else 17),
        )
        identity = pick(rng, weights)
        income = {
            "在岗": (1800, 3200), "灵活就业": (800, 2000), "务农": (300, 900), "无业": (0, 0),
            "失业": (0, 0),
        }[identity]  # fmt: skip
        return identity, yuan(rng.uniform(*income), 10) if income[1] else None

    def _school(self, birth: dt.date, town: names.Town) -> tuple[str, str]:
        as_of = self.window.end
        school_year = as_of.year if as_of.month >= 9 else as_of.year - 1
        level = min(max(age_on(birth, dt.date(school_year, 9, 1)) - 6, 0), len(GRADES) - 1)
        rng = self.rng
        if level < 6:
            if town.urban:
                school = f"{names.COUNTY}{rng.choice(names.PRIMARY_SCHOOLS)}"
            else:
                school = f"{names.COUNTY}{town.name}中心小学"
        elif level < 9:
            school = f"{names.COUNTY}{rng.choice(names.MIDDLE_SCHOOLS)}"
        elif level < 12:
            school = rng.choice(names.HIGH_SCHOOLS)
        else:
            school = rng.choice(names.COLLEGES)
        return school, GRADES[level]

    def _secondary_causes(self, head: Row, members: list[Row]) -> list[str]:
        rng, main = self.rng, head["main_cause"]
        options = []
        if any(m["identity"] == "学生" for m in members):
            options.append("子女上学")
        if head["_ill"] or any(m["health"] == "患重特大疾病" for m in members):
            options.append("患重特大疾病")
        if head["work_status"] in ("下(待)岗", "失(无)业"):
            options.append("下岗失业")
        if head["medical_insurance"] == "未参保":
            options.append("未参加社会保险")
        options += ["其他"] if rng.random() < 0.1 else []
        options = [c for c in dict.fromkeys(options) if c != main]
        return options[: rng.choice((0, 1, 1, 2, 3))]

    def _income(self, head: Row, members: list[Row], filed: dt.date) -> None:
        """Income that fits the class against that year's 低保标准 (a few sit just across the line)."""
        rng = self.rng
        size = 1 + len(members)
        dibao = float(self.dibao[filed.year])
        cls = head["hardship_class"]
        if cls == "深度困难":
            ratio = rng.uniform(0.35, 0.97) if rng.random() > 0.04 else rng.uniform(1.0, 1.1)
        elif cls == "相对困难":
            ratio = rng.uniform(1.03, 1.95) if rng.random() > 0.04 else rng.uniform(0.9, 0.99)
        else:
            ratio = rng.uniform(0.6, 3.0)
        ill = head["_ill"] or any(m["health"] == "患重特大疾病" for m in members)
        rigid = yuan(rng.uniform(12000, 45000) if ill else rng.uniform(0, 4000), 100)
        if cls == "意外致困" and head["main_cause"] != "患重特大疾病":
            rigid = yuan(rng.uniform(8000, 30000), 100)
        annual = yuan(ratio * dibao * 12 * size) + rigid
        head["family_size"] = size
        head["family_annual_income"] = annual
        head["annual_rigid_expense"] = rigid
        earners = [m for m in members if m["monthly_income"]]
        known = sum((m["monthly_income"] * 12 for m in earners), Decimal(0))
        if known > annual * Decimal("0.85"):
            # Members' stated incomes may not add up to more than the family's income.
            factor = annual * Decimal("0.7") / known
            for m in earners:
                m["monthly_income"] = yuan(float(m["monthly_income"] * factor), 10) or None
            known = sum(
                (m["monthly_income"] * 12 for m in earners if m["monthly_income"]), Decimal(0)
            )
        working_head = head["work_status"] in ("在岗", "农民工", "内退", "退休", "病休")
        if working_head:
            head["monthly_income"] = yuan(max(float(annual - known) / 12 * 0.8, 300), 10)
        else:
            head["monthly_income"] = Decimal(0)
        employed = {"在岗", "灵活就业", "务农"}
        head["zero_employment"] = head["work_status"] in ("下(待)岗", "失(无)业") and not any(
            m["identity"] in employed for m in members
        )

    # ---- 重复建档 --------------------------------------------------------------------------

    def _duplicate_source(self, filed: dt.date) -> _Family | None:
        candidates = [f for f in self._recent if (filed - f.household["filed_date"]).days <= 120]
        if not candidates:
            return None
        source = self.rng.choice(candidates)
        self._recent.remove(source)
        return source

    def _duplicate(self, source: _Family, filed: dt.date) -> tuple[Row, list[Row]]:
        """The spouse filed the same family again, without the partner's ID: caught and closed."""
        original = source.household
        spouse = next(m for m in source.members if m["relation"] == "配偶")
        head = {
            k: v for k, v in original.items()
            if k not in ("id", "file_no", "filed_date", "status", "reviewed_date", "created_at",
                         "updated_at", "created_by", "secondary_causes")
        }  # fmt: skip
        head.update(
            name=spouse["name"], gender=spouse["gender"], birth_date=spouse["birth_date"],
            id_number=self.people.id_number(spouse["birth_date"], spouse["gender"]),
            health=spouse["health"], disease=None, disability_kind=None, disability_grade=None,
            work_status=None, employer=None, industry=None, employer_nature=None,
            monthly_income=spouse["monthly_income"], phone=self.people.phone(),
            model_worker="无", political_status="群众", bank_name=None, bank_card=None,
            remarks="与已有档案为同一家庭，核查后销档", secondary_causes=[], _ill=False,
        )  # fmt: skip
        if head["main_cause"] == "无劳动能力":
            head["main_cause"] = "其他"
        partner = {
            "name": original["name"], "relation": "配偶", "id_number": None,
            "gender": original["gender"], "birth_date": original["birth_date"],
            "health": original["health"], "monthly_income": original["monthly_income"] or None,
            "identity": "在岗" if original["work_status"] in ("在岗", "农民工") else "无业",
            "school": None, "grade": None,
        }  # fmt: skip
        swap = {"父母": "配偶父母", "配偶父母": "父母"}
        others = [
            dict(m, id_number=None, relation=swap.get(m["relation"], m["relation"]))
            for m in source.members
            if m is not spouse
        ]
        for m in others:
            m.pop("household_id", None)
            m.pop("created_at", None)
            m.pop("updated_at", None)
            m.pop("created_by", None)
        return head, [partner, *others]

    # ---- status history ------------------------------------------------------------------

    def _history(self, head: Row, *, duplicate: bool) -> tuple[list[Row], Timeline]:
        rng, end = self.rng, self.window.end
        filed = head["filed_date"]
        timeline = Timeline([(filed, lifecycle.ON_FILE)])
        changes = [self._change(head, filed, None, lifecycle.ON_FILE, lifecycle.FILE, "新建档案")]
        # Lifting and closing come at a steady rate a year, not at a uniformly drawn day of what is
        # left of the window: otherwise the last year lifts twice as many files as the one before.
        lift_at = days_after(filed, 120 + int(rng.expovariate(1 / LIFT_MEAN_DAYS)))
        close_at = days_after(filed, 60 + int(rng.expovariate(1 / CLOSE_MEAN_DAYS)))
        if duplicate:
            room = (end - filed).days
            when = days_after(filed, rng.randint(15, 60)) if room > 60 else end
            changes.append(
                self._change(
                    head, when, lifecycle.ON_FILE, lifecycle.CLOSED, lifecycle.CLOSE, "重复建档"
                )
            )
            timeline.steps.append((when, lifecycle.CLOSED))
        elif lift_at <= min(close_at, end):
            self._lift(head, changes, timeline, lift_at)
        elif close_at <= end:
            reason = pick(rng, CLOSE_WEIGHTS)
            if reason == "退休" and age_on(head["birth_date"], end) < 50:
                reason = "不再符合条件"
            changes.append(
                self._change(
                    head, close_at, lifecycle.ON_FILE, lifecycle.CLOSED, lifecycle.CLOSE, reason
                )
            )
            timeline.steps.append((close_at, lifecycle.CLOSED))
        return changes, timeline

    def _lift(self, head: Row, changes: list[Row], timeline: Timeline, when: dt.date) -> None:
        rng, end = self.rng, self.window.end
        route = self._route(head)
        changes.append(
            self._change(
                head,
                when,
                lifecycle.ON_FILE,
                lifecycle.LIFTED,
                lifecycle.LIFT,
                LIFT_REASONS[route],
                route,
            )
        )
        timeline.steps.append((when, lifecycle.LIFTED))
        back = days_after(when, 60 + int(rng.expovariate(1 / RETURN_MEAN_DAYS)))
        if back <= end:
            changes.append(
                self._change(
                    head,
                    back,
                    lifecycle.LIFTED,
                    lifecycle.ON_FILE,
                    lifecycle.RETURN,
                    rng.choice(RETURN_REASONS),
                )
            )
            timeline.steps.append((back, lifecycle.ON_FILE))
            again = days_after(back, 120 + int(rng.expovariate(1 / LIFT_MEAN_DAYS)))
            if again <= end:
                self._lift(head, changes, timeline, again)

    def _route(self, head: Row) -> str:
        main = head["main_cause"]
        if main in ("下岗失业", "有劳动能力而未就业"):
            return pick(self.rng, (("就业创业", 70), ("工会帮扶", 20), ("其他", 10)))
        if main == "无劳动能力":
            return pick(self.rng, (("社保兜底", 70), ("社会救助", 30)))
        return pick(
            self.rng,
            (("工会帮扶", 35), ("社会救助", 25), ("就业创业", 20), ("社保兜底", 15), ("其他", 5)),
        )

    def _change(
        self,
        head: Row,
        when: dt.date,
        old: str | None,
        new: str,
        action: str,
        reason: str,
        route: str | None = None,
    ) -> Row:
        rng = self.rng
        return {
            "household_id": head["id"],
            "date": when,
            "from_status": old,
            "to_status": new,
            "action": action,
            "reason": reason,
            "route": route,
            "operator": rng.choice(names.CLERKS),
            "reviewer": None if action == lifecycle.FILE else rng.choice(names.REVIEWERS),
            "recorded_at": _stamp(when, rng.randint(8, 17), rng.randint(0, 59)),
        }

    def _review_date(self, filed: dt.date, timeline: Timeline) -> dt.date | None:
        """Most active files were reviewed in the last year; some are overdue (clerks search those)."""
        rng, end = self.rng, self.window.end
        last_step = timeline.steps[-1][0]
        if timeline.steps[-1][1] == lifecycle.CLOSED:
            return None if rng.random() < 0.5 else between(rng, filed, last_step)
        if (end - filed).days < 200:
            return None
        if rng.random() < 0.85:
            return between(rng, max(filed, days_after(end, -330)), end)
        return between(rng, filed, max(filed, days_after(end, -400)))

    # ---- assistance ----------------------------------------------------------------------

    def _assistance(self, head: Row, members: list[Row], timeline: Timeline) -> list[Row]:
        rng, w = self.rng, self.window
        cls = head["hardship_class"]
        ill = head["_ill"] or any(m["health"] == "患重特大疾病" for m in members)
        jobless = head["main_cause"] in ("下岗失业", "有劳动能力而未就业")
        rows: list[Row] = []

        def give(
            day: dt.date,
            category: str,
            cash: Decimal,
            source: str,
            goods: tuple[str, int] | None = None,
            remarks: str | None = None,
        ) -> None:
            if day < head["filed_date"] or day > w.end or not timeline.on_file(day):
                return
            rows.append(
                {
                    "household_id": head["id"], "date": day, "category": category, "cash": cash,
                    "goods": goods[0] if goods else None,
                    "goods_value": Decimal(goods[1]) if goods else Decimal(0),
                    "funding_source": source, "operator": rng.choice(names.CLERKS),
                    "remarks": remarks, "created_at": _stamp(day), "updated_at": _stamp(day),
                    "created_by": head["created_by"],
                }
            )  # fmt: skip

        for year in w.years:
            festival = spring_festival(year)
            if rng.random() < 0.85:
                cash = {"深度困难": 1000, "相对困难": 600, "意外致困": 1500}[cls]
                goods = rng.choice(names.GOODS) if rng.random() < 0.6 else None
                source = pick(
                    rng,
                    (
                        ("上级工会拨款", 35),
                        ("本级工会经费", 30),
                        ("中央财政", 15),
                        ("省财政", 10),
                        ("社会捐助", 10),
                    ),
                )
                give(
                    days_after(festival, -rng.randint(3, 25)),
                    "送温暖慰问",
                    Decimal(cash),
                    source,
                    goods,
                    "春节送温暖",
                )
            students = [
                m for m in members
                if m["relation"] == "子女" and 6 <= age_on(m["birth_date"], dt.date(year, 9, 1)) <= 21
            ]  # fmt: skip
            if students:
                oldest = age_on(min(m["birth_date"] for m in students), dt.date(year, 9, 1))
                level, amount, chance = (
                    ("大学", (3000, 5000), 0.55) if oldest >= 18
                    else ("高中", (1500, 2000), 0.35) if oldest >= 15
                    else ("义务教育", (500, 1000), 0.1)
                )  # fmt: skip
                if rng.random() < chance:
                    source = pick(
                        rng,
                        (
                            ("本级工会经费", 40),
                            ("上级工会拨款", 25),
                            ("社会捐助", 25),
                            ("中央财政", 10),
                        ),
                    )
                    give(between(rng, dt.date(year, 8, 10), dt.date(year, 9, 20)), "子女助学/金秋助学",
                         yuan(rng.uniform(*amount), 500), source, None, f"金秋助学（{level}）")  # fmt: skip
            if ill:
                for _ in range(rng.choice((0, 1, 1, 2))):
                    source = pick(
                        rng,
                        (("中央财政", 35), ("省财政", 25), ("市县财政", 25), ("本级工会经费", 15)),
                    )
                    give(between(rng, w.year_start(year), w.year_end(year)), "医疗救助",
                         yuan(rng.uniform(2000, 20000), 100), source, None, "大病医疗救助")  # fmt: skip
            quarters = {"深度困难": (2, 3, 4), "相对困难": (0, 1, 2), "意外致困": (0, 1)}[cls]
            for quarter in sorted(rng.sample((0, 1, 2, 3), rng.choice(quarters))):
                day = between(
                    rng, dt.date(year, quarter * 3 + 1, 5), dt.date(year, quarter * 3 + 1, 25)
                )
                source = pick(
                    rng, (("中央财政", 40), ("省财政", 25), ("市县财政", 25), ("本级工会经费", 10))
                )
                give(day, "生活救助", yuan(rng.uniform(300, 1000), 50), source)
            if jobless and rng.random() < 0.3:
                source = pick(rng, (("本级工会经费", 60), ("市县财政", 40)))
                give(between(rng, w.year_start(year), w.year_end(year)), "就业帮扶",
                     yuan(rng.uniform(500, 1500), 100), source, None, "技能培训补贴")  # fmt: skip
            if rng.random() < 0.03:
                give(between(rng, dt.date(year, 6, 20), dt.date(year, 8, 10)), "其他", Decimal(0),
                     "本级工会经费", ("防暑降温用品1份", 100), "夏送清凉")  # fmt: skip
        if cls == "意外致困" or rng.random() < 0.05:
            day = days_after(head["filed_date"], rng.randint(3, 40))
            source = pick(rng, (("本级工会经费", 40), ("市县财政", 30), ("社会捐助", 30)))
            give(
                day,
                "临时救助",
                yuan(rng.uniform(2000, 10000), 500),
                source,
                None,
                "突发困难临时救助",
            )
        rows.sort(key=lambda r: r["date"])
        return rows


def _stamp(day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute)
