"""The demo county's year of reviews: 核查 records behind each 最近核查日期, 防返困 follow-ups of
lifted files (a few left undone, one finding 已返困), and planted cases for the other lists:
near-duplicate people across townships, aid after a 销档, aid above the yearly limit, and a
驿站 whose 服务人次 stopped. Called once by the demo builder, inside its transaction."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from models import lifecycle
from models.demo import names
from models.demo.calendar import Window
from models.reviews.cross_checks import YEARLY_AID_LIMIT
from models.reviews.dates import months_after
from models.schema import (
    Assistance,
    DibaoStandard,
    FollowUp,
    Household,
    HouseholdMember,
    HouseholdReview,
    Setting,
    Station,
    StationUsage,
    StatusChange,
)
from models.validation import build_id_number

FOLLOW_UP_MONTHS = (3, 6, 12)
# The 备注 of the one payment planted after a 销档 (the demo tests tell it from generated aid).
AID_AFTER_CLOSING_NOTE = "乡镇未及时获悉该户已销档"
YEARLY_LIMIT = Decimal(40000)
# Given-name characters and a same-sounding one a pinyin IME offers first (张伟 → 张玮).
HOMOPHONES = {"伟": "玮", "丽": "莉", "静": "婧", "娟": "鹃", "华": "桦", "军": "钧", "芳": "方",
              "红": "虹", "敏": "珉", "玲": "铃", "平": "萍", "明": "铭", "刚": "钢", "杰": "洁"}  # fmt: skip
# Standard characters and the traditional form an old 户口簿 shows.
TRADITIONAL = {"张": "張", "陈": "陳", "刘": "劉", "杨": "楊", "赵": "趙", "黄": "黃", "孙": "孫",
               "马": "馬", "华": "華", "国": "國", "军": "軍", "红": "紅", "丽": "麗", "伟": "偉"}  # fmt: skip


def plant_review_cases(session: Session, window: Window, seed: int) -> None:
    rng = random.Random(f"{seed}:reviews")
    _reviews(session, rng)
    _follow_ups(session, rng, window)
    _near_duplicates(session, rng)
    _income_risen(session, window)
    _not_assisted_this_year(session, window)
    _aid_after_closing(session, rng, window)
    _aid_above_limit(session, window)
    _idle_rest_stop(session, rng, window)


def _reviews(s: Session, rng: random.Random) -> None:
    rows = [
        {"household_id": hid, "date": day, "reviewer": rng.choice(names.REVIEWERS),
         "result": "情况属实" if rng.random() < 0.8 else "已更新档案", "operator": clerk,
         "created_by": clerk}
        for hid, day, clerk in s.execute(
            select(Household.id, Household.reviewed_date, Household.created_by)
            .where(Household.reviewed_date.is_not(None))
            .order_by(Household.id)
        )
    ]  # fmt: skip
    _insert(s, HouseholdReview, rows)


def _follow_ups(s: Session, rng: random.Random, window: Window) -> None:
    lifted = s.execute(
        select(StatusChange.household_id, func.max(StatusChange.date), Household.created_by)
        .join(Household, Household.id == StatusChange.household_id)
        .where(StatusChange.action == lifecycle.LIFT, Household.status == lifecycle.LIFTED)
        .group_by(StatusChange.household_id, Household.created_by)
        .order_by(StatusChange.household_id)
    ).all()
    rows: list[dict[str, Any]] = []
    returned = False
    for hid, lifted_on, clerk in lifted:
        for months in FOLLOW_UP_MONTHS:
            due = months_after(lifted_on, months)
            if due > window.end or rng.random() < 0.1:
                break  # not yet due, or the clerk has not got round to it: on the due list
            day = min(due + dt.timedelta(days=rng.randint(0, 20)), window.end)
            result = "稳定" if rng.random() < 0.88 else "有返困风险"
            if not returned and result == "有返困风险" and months == FOLLOW_UP_MONTHS[-1]:
                result, returned = "已返困", True
            rows.append({
                "household_id": hid, "date": day, "way": _way(rng), "result": result,
                "note": _note(result), "operator": clerk, "created_by": clerk,
            })  # fmt: skip
    _insert(s, FollowUp, rows)


def _way(rng: random.Random) -> str:
    draw = rng.random()
    return "电话" if draw < 0.6 else "入户" if draw < 0.95 else "其他"


def _note(result: str) -> str | None:
    return {
        "有返困风险": "务工收入不稳定，下月再电话了解",
        "已返困": "户主失业，配偶住院，家庭收入骤降",
    }.get(result)


def _near_duplicates(s: Session, rng: random.Random) -> None:
    """Four people filed twice in different townships, each written a little differently."""
    heads = s.execute(
        select(Household.id, Household.name, Household.gender, Household.id_number,
               Household.birth_date, Household.township, Household.phone, Household.address)
        .where(Household.status == lifecycle.ON_FILE)
        .order_by(Household.id)
    ).all()  # fmt: skip
    if len(heads) < 40:
        return
    taken = {h.id_number for h in heads}
    used: set[int] = set()

    def pick(test: Any) -> Any:
        for h in rng.sample(heads, len(heads)):
            if h.id not in used and test(h):
                used.add(h.id)
                return h
        return None

    def partner(first: Any) -> Any:
        return pick(lambda h: h.township != first.township and h.gender == first.gender)

    def new_id(region: str, born: dt.date, male: bool) -> str:
        for seq in range(1 if male else 2, 1000, 2):
            number = build_id_number(region, born, rng.randrange(seq, 1000, 2))
            if number not in taken:
                taken.add(number)
                return number
        raise AssertionError("no free ID number")

    # 1. One digit of the sequence mistyped when a 15-digit number was upgraded.
    a = pick(lambda h: True)
    b = partner(a)
    if a and b:
        seq = int(a.id_number[14:17])
        slip = seq - seq % 10 + (seq % 10 + 2) % 10  # the last digit only, same parity (gender)
        slipped = build_id_number(a.id_number[:6], a.birth_date, slip)
        if slipped not in taken:
            taken.add(slipped)
            _rewrite(s, b.id, name=a.name, birth_date=a.birth_date, id_number=slipped)
    # 2. A homophone of the given name, same birth date and phone.
    c = pick(lambda h: h.name[-1] in HOMOPHONES and h.phone)
    d = c and partner(c)
    if c and d:
        _rewrite(s, d.id, name=c.name[:-1] + HOMOPHONES[c.name[-1]], birth_date=c.birth_date,
                 phone=c.phone,
                 id_number=new_id(d.id_number[:6], c.birth_date, c.gender == "男"))  # fmt: skip
    # 3. Traditional characters from an old 户口簿, same birth date and address.
    e = pick(lambda h: any(ch in TRADITIONAL for ch in h.name) and h.address)
    f = e and partner(e)
    if e and f:
        written = "".join(TRADITIONAL.get(ch, ch) for ch in e.name)
        _rewrite(s, f.id, name=written, birth_date=e.birth_date, address=e.address,
                 id_number=new_id(f.id_number[:6], e.birth_date, e.gender == "男"))  # fmt: skip
    # 4. A wife filed as head in her township and, without her ID number, as her husband's spouse.
    g = pick(lambda h: h.gender == "女")
    husband = g and pick(lambda h: h.gender == "男" and h.township != g.township)
    if g and husband:
        husband_filed = s.scalar(select(Household.filed_date).where(Household.id == husband.id))
        _insert(s, HouseholdMember, [{
            "household_id": husband.id, "name": g.name, "relation": "配偶", "gender": "女",
            "birth_date": g.birth_date, "identity": "无业", "created_by": "",
            "_at": _stamp(husband_filed),
        }])  # fmt: skip
        s.execute(
            update(Household)
            .where(Household.id == husband.id)
            .values(family_size=Household.family_size + 1, updated_at=Household.updated_at)
        )


def _income_risen(s: Session, window: Window) -> None:
    """A 深度困难 file whose wife found work: per-capita income now 1.2 × the year's 低保标准."""
    dibao = s.scalar(
        select(DibaoStandard.monthly_amount).where(DibaoStandard.year == window.end.year)
    )
    row = s.execute(
        select(Household.id, Household.family_size, Household.annual_rigid_expense)
        .where(Household.status == lifecycle.ON_FILE, Household.hardship_class == "深度困难")
        .order_by(Household.id.desc())
        .limit(1)
    ).first()
    if dibao is None or row is None:
        return
    hid, size, rigid = row
    income = (dibao * Decimal("1.2") * 12 * max(size, 1) + (rigid or 0)).quantize(Decimal(1))
    _rewrite(s, hid, family_annual_income=income)


def _not_assisted_this_year(s: Session, window: Window) -> None:
    """A file whose township reported no aid this year: its payments moved to the year before."""
    year = window.end.year
    hid = s.scalar(
        select(Household.id)
        .join(Assistance, Assistance.household_id == Household.id)
        .where(
            Household.status == lifecycle.ON_FILE,
            Household.filed_date < dt.date(year - 1, 1, 1),
            Assistance.date >= dt.date(year, 1, 1),
        )
        .order_by(Household.id)
        .limit(1)
    )
    if hid is None:
        return
    for aid_id, day in s.execute(
        select(Assistance.id, Assistance.date).where(
            Assistance.household_id == hid, Assistance.date >= dt.date(year, 1, 1)
        )
    ).all():
        earlier = months_after(day, -12)
        s.execute(
            update(Assistance)
            .where(Assistance.id == aid_id)
            .values(date=earlier, updated_at=Assistance.updated_at)
        )


def _rewrite(s: Session, household_id: int, **values: Any) -> None:
    # updated_at kept as generated: onupdate would stamp the build's clock (same seed, same data).
    s.execute(
        update(Household)
        .where(Household.id == household_id)
        .values(**values, updated_at=Household.updated_at)
    )


def _aid_after_closing(s: Session, rng: random.Random, window: Window) -> None:
    """A 临时救助 paid a week after the file was closed (the township had not heard)."""
    closed = s.execute(
        select(StatusChange.household_id, StatusChange.date, Household.created_by)
        .join(Household, Household.id == StatusChange.household_id)
        .where(
            StatusChange.action == lifecycle.CLOSE,
            StatusChange.reason != "重复建档",
            StatusChange.date <= window.end - dt.timedelta(days=30),
        )
        .order_by(StatusChange.date.desc(), StatusChange.household_id)
        .limit(1)
    ).first()
    if closed is None:
        return
    hid, day, clerk = closed
    _insert(s, Assistance, [{
        "household_id": hid, "date": day + dt.timedelta(days=7), "category": "临时救助",
        "cash": Decimal(500), "goods_value": Decimal(0), "funding_source": "本级工会经费",
        "operator": clerk, "created_by": clerk, "remarks": AID_AFTER_CLOSING_NOTE,
    }])  # fmt: skip


def _aid_above_limit(s: Session, window: Window) -> None:
    """The yearly limit in 设置, and one 在档 household paid twice for one hospital stay
    (大病救助 of 20,000 元 each: above the limit together)."""
    s.merge(Setting(key=YEARLY_AID_LIMIT, value=str(YEARLY_LIMIT)))
    year = window.end.year
    hid = s.scalar(
        select(Assistance.household_id)
        .join(Household, Household.id == Assistance.household_id)
        .where(
            Household.status == lifecycle.ON_FILE,
            Assistance.category == "医疗救助",
            Assistance.date >= dt.date(year, 1, 1),
        )
        .order_by(Assistance.household_id)
        .limit(1)
    )
    if hid is None:
        return
    day = dt.date(year, 1, 1) + (window.end - dt.date(year, 1, 1)) / 2
    _insert(s, Assistance, [{
        "household_id": hid, "date": d, "category": "医疗救助", "cash": Decimal(20000),
        "goods_value": Decimal(0), "funding_source": "市县财政", "operator": "",
        "remarks": "住院大额医疗费用救助", "created_by": "",
    } for d in (day, day + dt.timedelta(days=3))])  # fmt: skip


def _idle_rest_stop(s: Session, rng: random.Random, window: Window) -> None:
    """One 驿站 in 运行 whose last three months' 服务人次 were never reported."""
    stop = s.scalar(
        select(Station.id)
        .where(Station.station_type == "户外劳动者服务站点", Station.status == "运行",
               Station.built_date < window.start)
        .order_by(Station.id)
    )  # fmt: skip
    if stop is None:
        return
    first = dt.date(window.end.year, window.end.month, 1)
    for k in (1, 2, 3):
        month = months_after(first, -k)
        s.execute(
            delete(StationUsage).where(
                StationUsage.station_id == stop,
                StationUsage.year == month.year,
                StationUsage.month == month.month,
            )
        )
    s.execute(
        delete(StationUsage).where(
            StationUsage.station_id == stop,
            StationUsage.year == window.end.year,
            StationUsage.month == window.end.month,
        )
    )


def _stamp(day: dt.date) -> dt.datetime:
    """A record entered at 9 o'clock on its own day: the same seed gives the same rows."""
    return dt.datetime.combine(day, dt.time(9))


def _insert(s: Session, model: Any, rows: list[dict[str, Any]]) -> None:
    for row in rows:
        day = row.get("date") or row.get("birth_date")
        stamp = row.pop("_at", None) or _stamp(day)
        row.setdefault("created_at", stamp)
        if "updated_at" in model.__table__.c:
            row.setdefault("updated_at", stamp)
    for start in range(0, len(rows), 1000):
        s.execute(insert(model), rows[start : start + 1000])
