"""Cross-checks the county's auditors ask for, across records that should agree.

- a programme's money twice: 送温暖 and 金秋助学 activities' 现金投入 against the assistance paid
  in the matching 帮扶类别 in the same month (only months where both were recorded);
- aid to a household dated after its 销档;
- aid to one household in a year above the per-household limit set in 设置;
- 驿站 in 运行 with no 服务人次 in each of the three full months before `as_of`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, extract, func, select, type_coerce
from sqlalchemy.orm import Session

from models import lifecycle
from models import validation as v
from models.kinds import REST_STOP
from models.reviews.dates import months_after, zh
from models.schema import Activity, Assistance, Household, Station, StationUsage, StatusChange

# Activity category → the 帮扶类别 of the same programme's payments to households.
PROGRAMMES: dict[str, str] = {"送温暖": "送温暖慰问", "金秋助学": "子女助学/金秋助学"}
IDLE_MONTHS = 3
YEARLY_AID_LIMIT = "yearly_aid_limit"  # the setting: 元 per household and year, blank for none
CENTS = Decimal(100)


@dataclass(frozen=True)
class CrossCheck:
    """One finding, with the records it is about (entity = the audit trail's table name)."""

    code: str
    record: str
    problem: str
    advice: str
    entity: str
    record_ids: tuple[int, ...] = ()
    household_id: int | None = None
    file_no: str | None = None
    name: str | None = None
    township: str | None = None
    figures: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "record": self.record,
            "problem": self.problem,
            "advice": self.advice,
            "entity": self.entity,
            "record_ids": list(self.record_ids),
            "file_no": self.file_no,
            "name": self.name,
            "township": self.township,
            "figures": dict(self.figures),
        }


def _yuan(fen: int) -> Decimal:
    return (Decimal(int(fen)) / CENTS).quantize(Decimal("0.01"))


def cross_checks(s: Session, as_of: dt.date, yearly_limit: Decimal | None) -> list[CrossCheck]:
    found = list(programme_money(s, as_of))
    found.extend(aid_after_closing(s))
    if yearly_limit is not None:
        found.extend(aid_above_limit(s, as_of, yearly_limit))
    found.extend(idle_rest_stops(s, as_of))
    return found


def programme_money(s: Session, as_of: dt.date) -> list[CrossCheck]:
    """Months of `as_of`'s year where a programme's activities and its payments both have cash
    and the two sums differ."""
    since = dt.date(as_of.year, 1, 1)
    # A county's programme activities are a few dozen a year: grouped here, ids kept for links.
    spent: dict[tuple[str, int], list[Any]] = {}
    for aid_id, category, day, cash in s.execute(
        select(Activity.id, Activity.category, Activity.start_date,
               type_coerce(Activity.cash, BigInteger))
        .where(
            Activity.deleted_at.is_(None),
            Activity.category.in_(PROGRAMMES),
            Activity.start_date >= since,
            Activity.start_date <= as_of,
        )
        .order_by(Activity.start_date, Activity.id)
    ):  # fmt: skip
        if cash:
            group = spent.setdefault((category, day.month), [0, []])
            group[0] += int(cash)
            group[1].append(aid_id)
    if not spent:
        return []
    aid_month = extract("month", Assistance.date)
    paid = {
        (category, int(m)): int(total or 0)
        for category, m, total in s.execute(
            select(
                Assistance.category,
                aid_month,
                func.sum(type_coerce(Assistance.cash, BigInteger)),
            )
            .where(
                Assistance.deleted_at.is_(None),
                Assistance.category.in_(PROGRAMMES.values()),
                Assistance.date >= since,
                Assistance.date <= as_of,
            )
            .group_by(Assistance.category, aid_month)
        )
    }
    out = []
    for (category, m), (total, ids) in spent.items():
        aid = paid.get((PROGRAMMES[category], m))
        if aid is None or aid == int(total):
            continue
        activity, assistance = _yuan(total), _yuan(aid)
        gap = activity - assistance
        out.append(
            CrossCheck(
                "programme_money",
                f"{as_of.year}年{m}月 {category}",
                f"{category}活动现金投入{v.format_yuan(activity)}元，同月“{PROGRAMMES[category]}”"
                f"帮扶现金合计{v.format_yuan(assistance)}元，"
                f"{'活动多' if gap > 0 else '帮扶多'}{v.format_yuan(abs(gap))}元。",
                "请核对活动台账的现金投入和帮扶记录是否漏录、重录或日期记错了月份。",
                "activities",
                tuple(ids),
                figures={"activity_cash": str(activity), "assistance_cash": str(assistance)},
            )
        )
    return out


def aid_after_closing(s: Session) -> list[CrossCheck]:
    """Assistance dated after the 销档 of a closed file."""
    closed = (
        select(StatusChange.household_id, func.max(StatusChange.date).label("closed_on"))
        .where(StatusChange.action == lifecycle.CLOSE)
        .group_by(StatusChange.household_id)
        .subquery()
    )
    rows = s.execute(
        select(
            Assistance.id,
            Assistance.date,
            Assistance.category,
            Household.id,
            Household.file_no,
            Household.name,
            Household.township,
            closed.c.closed_on,
        )  # fmt: skip
        .join(Household, Household.id == Assistance.household_id)
        .join(closed, closed.c.household_id == Household.id)
        .where(
            Household.status == lifecycle.CLOSED,
            Household.deleted_at.is_(None),
            Assistance.deleted_at.is_(None),
            Assistance.date > closed.c.closed_on,
        )
        .order_by(Household.file_no, Assistance.date)
    ).all()
    return [
        CrossCheck(
            "aid_after_closing",
            f"档案 {file_no}（户主 {name}）",
            f"{zh(day)}的“{category}”帮扶晚于该档{zh(closed_on)}销档。",
            "请核实：帮扶日期是否记错，或该户是否应重新建档后再帮扶（先建档后帮扶）。",
            "assistance",
            (aid_id,),
            hid,
            file_no,
            name,
            town,
        )
        for aid_id, day, category, hid, file_no, name, town, closed_on in rows
    ]


def aid_above_limit(s: Session, as_of: dt.date, limit: Decimal) -> list[CrossCheck]:
    """Households whose cash and goods in `as_of`'s year add up to more than the limit."""
    since = dt.date(as_of.year, 1, 1)
    value = type_coerce(Assistance.cash, BigInteger) + type_coerce(
        Assistance.goods_value, BigInteger
    )
    total = func.sum(value)
    rows = s.execute(
        select(
            Household.id,
            Household.file_no,
            Household.name,
            Household.township,
            total,
            func.count(Assistance.id),
        )  # fmt: skip
        .join(Household, Household.id == Assistance.household_id)
        .where(
            Assistance.deleted_at.is_(None),
            Household.deleted_at.is_(None),
            Assistance.date >= since,
            Assistance.date <= as_of,
        )
        .group_by(Household.id, Household.file_no, Household.name, Household.township)
        .having(total > int(limit * CENTS))
        .order_by(Household.file_no)
    ).all()
    ids_by_household: dict[int, list[int]] = defaultdict(list)
    if rows:
        wanted = [r[0] for r in rows]
        for start in range(0, len(wanted), 500):
            for aid_id, hid in s.execute(
                select(Assistance.id, Assistance.household_id).where(
                    Assistance.household_id.in_(wanted[start : start + 500]),
                    Assistance.deleted_at.is_(None),
                    Assistance.date >= since,
                    Assistance.date <= as_of,
                )
            ):
                ids_by_household[hid].append(aid_id)
    return [
        CrossCheck(
            "aid_above_limit",
            f"档案 {file_no}（户主 {name}）",
            f"{as_of.year}年帮扶{count}次，现金和实物合计{v.format_yuan(_yuan(fen))}元，"
            f"超过设置的每户年度上限{v.format_yuan(limit)}元。",
            "请核实是否重复发放；确属特殊情况的，在帮扶记录备注中写明审批依据。",
            "assistance",
            tuple(sorted(ids_by_household[hid])),
            hid,
            file_no,
            name,
            town,
            {"total": str(_yuan(fen)), "limit": str(limit)},
        )
        for hid, file_no, name, town, fen, count in rows
    ]


def idle_months(as_of: dt.date) -> list[tuple[int, int]]:
    """The three full months before `as_of`'s month, oldest first."""
    first = dt.date(as_of.year, as_of.month, 1)
    return [(d.year, d.month) for d in (months_after(first, -k) for k in range(IDLE_MONTHS, 0, -1))]


def idle_rest_stops(s: Session, as_of: dt.date) -> list[CrossCheck]:
    """驿站 in 运行, built before the three months began, with no 服务人次 in any of them."""
    months = idle_months(as_of)
    start = dt.date(months[0][0], months[0][1], 1)
    keys = [y * 100 + m for y, m in months]
    used = (
        select(StationUsage.id)
        .where(
            StationUsage.station_id == Station.id,
            StationUsage.deleted_at.is_(None),
            StationUsage.visits > 0,
            (StationUsage.year * 100 + StationUsage.month).in_(keys),
        )
        .exists()
    )
    rows = s.execute(
        select(Station.id, Station.code, Station.name, Station.township)
        .where(
            Station.deleted_at.is_(None),
            Station.station_type == REST_STOP,
            Station.status == "运行",
            (Station.built_date.is_(None)) | (Station.built_date < start),
            ~used,
        )
        .order_by(Station.township, Station.name)
    ).all()
    span = f"{months[0][0]}年{months[0][1]}月至{months[-1][0]}年{months[-1][1]}月"
    return [
        CrossCheck(
            "idle_rest_stop",
            f"驿站 {name}（{town}）",
            f"状态为“运行”，但{span}没有服务人次记录。",
            "请补录这几个月的服务人次；驿站已不开放的，请把状态改为“整改”或“停用”。",
            "stations",
            (sid,),
            township=town,
        )
        for sid, _code, name, town in rows
    ]
