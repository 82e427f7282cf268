"""The yearly review lists, each one SQL query over the files in 在档 (and 已脱困 for follow-ups).

All lists look at the files as they stood on `as_of` (the day the clerk asks about, today unless
given): a file's status is the last step of its history on or before that day, a file filed after
it is not yet there, aid after it not yet paid.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import BigInteger, and_, exists, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from models import lifecycle
from models import validation as v
from models.income import per_capita_monthly
from models.reviews.dates import age_on, birthday, latest_due_by, months_after, zh
from models.reviews.entries import HEAD_COLUMNS, ReviewEntry, entry
from models.schema import (
    Assistance,
    DibaoStandard,
    FollowUp,
    Household,
    HouseholdMember,
    StatusChange,
)

REVIEW_MONTHS = 12
ADULT_AGE = 18
SCHOOL_AGE = 7  # 学龄前 still at 7 周岁: children start school the September after they turn 6
# The identities that mean "not earning" for someone who just came of age.
NOT_EARNING = ("学生", "无业", "学龄前")
# Final years of a school: 初三/九年级, 高三/十二年级, 中职/职高/大专 三年级, 大四/本科四年级, 研三.
FINAL_GRADE = re.compile(
    r"(初|初中)(三|3)|九年级|(高|高中)(三|3)|十二年级|(中职|职高|中专|技校|大专|专科)(三|3)"
    r"|(大|大学|本科)(四|4)|(研|研究生|硕士)(三|3)"
)
FINAL_DIGITS = ("三", "3", "四", "4", "九", "十二")


def _heads() -> Any:
    return select(*(getattr(Household, c) for c in HEAD_COLUMNS))


def _status_on(as_of: dt.date) -> Any:
    """The file's status at the end of `as_of`: a file 脱困 since then was still 在档 that day.
    A file with no status step by then (a history a sheet never gave) keeps the status it has."""
    last_step = (
        select(StatusChange.to_status)
        .where(StatusChange.household_id == Household.id, StatusChange.date <= as_of)
        .order_by(StatusChange.date.desc(), StatusChange.id.desc())
        .limit(1)
        .correlate(Household)
        .scalar_subquery()
    )
    return func.coalesce(last_step, Household.status)


def _on_file(as_of: dt.date) -> Any:
    return and_(
        Household.deleted_at.is_(None),
        _status_on(as_of) == lifecycle.ON_FILE,
        Household.filed_date <= as_of,
    )


def _aid_until(as_of: dt.date, since: dt.date | None = None) -> Any:
    cond = [
        Assistance.household_id == Household.id,
        Assistance.deleted_at.is_(None),
        Assistance.date <= as_of,
    ]
    if since is not None:
        cond.append(Assistance.date >= since)
    return exists().where(*cond)


def not_reviewed(s: Session, as_of: dt.date) -> list[ReviewEntry]:
    """在档 files never reviewed, or last reviewed 12 months or more before `as_of`."""
    due_by = latest_due_by(as_of, REVIEW_MONTHS)
    stmt = (
        _heads()
        .add_columns(Household.reviewed_date)
        .where(
            _on_file(as_of),
            or_(Household.reviewed_date.is_(None), Household.reviewed_date <= due_by),
        )
        .order_by(Household.reviewed_date.is_not(None), Household.reviewed_date, Household.file_no)
    )
    out = []
    for row in s.execute(stmt):
        last = row.reviewed_date
        detail = "从未核查" if last is None else f"最近核查于{zh(last)}，已满{REVIEW_MONTHS}个月"
        out.append(entry(row, detail, date=last))
    return out


def never_assisted(s: Session, as_of: dt.date) -> list[ReviewEntry]:
    """在档 files with no assistance recorded up to `as_of`."""
    stmt = (
        _heads()
        .add_columns(Household.filed_date)
        .where(_on_file(as_of), ~_aid_until(as_of))
        .order_by(Household.filed_date, Household.file_no)
    )
    return [
        entry(row, f"建档于{zh(row.filed_date)}，至今没有帮扶记录", date=row.filed_date)
        for row in s.execute(stmt)
    ]


def not_assisted_this_year(s: Session, as_of: dt.date) -> list[ReviewEntry]:
    """在档 files assisted before but not from 1 January of `as_of`'s year up to `as_of`
    (files never assisted are on their own list)."""
    since = dt.date(as_of.year, 1, 1)
    last = (
        select(Assistance.household_id, func.max(Assistance.date).label("last_aid"))
        .where(Assistance.deleted_at.is_(None), Assistance.date <= as_of)
        .group_by(Assistance.household_id)
        .subquery()
    )
    stmt = (
        _heads()
        .add_columns(last.c.last_aid)
        .join(last, last.c.household_id == Household.id)
        .where(_on_file(as_of), last.c.last_aid < since)
        .order_by(last.c.last_aid, Household.file_no)
    )
    return [
        entry(row, f"{as_of.year}年未帮扶，上次帮扶于{zh(row.last_aid)}",
              date=row.last_aid)
        for row in s.execute(stmt)
    ]  # fmt: skip


def income_above_threshold(s: Session, as_of: dt.date) -> tuple[list[ReviewEntry], Decimal | None]:
    """在档 深度困难 files whose monthly per-capita income is no longer below the 低保标准 of
    `as_of`'s year, and 相对困难 files no longer below twice it; with the standard used (None:
    not set for that year, so nothing can be said)."""
    dibao = s.scalar(select(DibaoStandard.monthly_amount).where(DibaoStandard.year == as_of.year))
    if dibao is None:
        return [], None
    # In 分 and whole numbers, the figure rounded to the 分 as the file shows it:
    # round((I − R) / (12·n)) ≥ T  ⇔  2·(I − R) ≥ (2·T − 1)·12·n.
    income = func.coalesce(type_coerce(Household.family_annual_income, BigInteger), 0)
    rigid = func.coalesce(type_coerce(Household.annual_rigid_expense, BigInteger), 0)
    size = (
        func.max(Household.family_size, 1)
        if s.get_bind().dialect.name == "sqlite"
        else (func.greatest(Household.family_size, 1))
    )
    net2 = 2 * (income - rigid)
    standard = int(dibao * 100)

    def at_least(fen: int) -> Any:
        return net2 >= (2 * fen - 1) * 12 * size

    stmt = (
        _heads()
        .add_columns(
            Household.family_annual_income, Household.annual_rigid_expense, Household.family_size
        )
        .where(
            _on_file(as_of),
            or_(
                and_(Household.hardship_class == "深度困难", at_least(standard)),
                and_(Household.hardship_class == "相对困难", at_least(2 * standard)),
            ),
        )
        .order_by(Household.township, Household.file_no)
    )

    out = []
    for row in s.execute(stmt):
        figure = per_capita_monthly(
            row.family_annual_income, row.annual_rigid_expense, row.family_size
        )
        twice = 2 * dibao
        if figure >= twice:
            suggestion = "脱困"
            why = (
                f"月人均收入{v.format_yuan(figure)}元，达到{as_of.year}年低保标准的2倍"
                f"（{v.format_yuan(twice)}元），建议核实后脱困"
            )
        else:
            suggestion = "相对困难"
            why = (
                f"月人均收入{v.format_yuan(figure)}元，达到{as_of.year}年低保标准"
                f"（{v.format_yuan(dibao)}元），建议核实后改为相对困难"
            )
        out.append(entry(row, why, suggestion=suggestion))
    return out, dibao


def member_changes(s: Session, as_of: dt.date) -> list[ReviewEntry]:
    """Members of 在档 files whose age or schooling changes the file: came of age (18) in the
    12 months up to `as_of` while 学生/无业/学龄前, in a final school year, or 7 and still 学龄前."""
    window_start = months_after(as_of, -REVIEW_MONTHS)  # turned 18 after this day …
    born_from = latest_due_by(window_start, 12 * ADULT_AGE)  # … so born after this day
    born_to = latest_due_by(as_of, 12 * ADULT_AGE)  # and on or before this one
    preschool_by = latest_due_by(as_of, 12 * SCHOOL_AGE)
    live = and_(HouseholdMember.deleted_at.is_(None), HouseholdMember.household_id == Household.id)
    stmt = (
        _heads()
        .add_columns(
            HouseholdMember.id.label("member_id"),
            HouseholdMember.name.label("member_name"),
            HouseholdMember.birth_date.label("member_birth"),
            HouseholdMember.identity,
            HouseholdMember.grade,
        )
        .join(HouseholdMember, live)
        .where(
            _on_file(as_of),
            or_(
                and_(
                    HouseholdMember.birth_date > born_from,
                    HouseholdMember.birth_date <= born_to,
                    or_(
                        HouseholdMember.identity.in_(NOT_EARNING),
                        HouseholdMember.identity.is_(None),
                    ),
                ),
                and_(
                    HouseholdMember.identity == "学生",
                    # Only grades that can be a final year reach Python's FINAL_GRADE.
                    or_(*(HouseholdMember.grade.contains(d) for d in FINAL_DIGITS)),
                ),
                and_(
                    HouseholdMember.identity == "学龄前",
                    HouseholdMember.birth_date <= preschool_by,
                ),
            ),
        )
        .order_by(Household.file_no, HouseholdMember.id)
    )
    out = []
    for row in s.execute(stmt):
        born, identity = row.member_birth, row.identity or "未填写"
        if born is not None and born_from < born <= born_to:
            came = birthday(born, ADULT_AGE)
            detail = f"{row.member_name}于{zh(came)}年满18周岁，人员身份为{identity}"
            when = came
        elif row.identity == "学生" and FINAL_GRADE.search(v.fold_text(row.grade or "")):
            detail = f"{row.member_name}就读{row.grade}，本学年毕业，请核实升学或就业情况"
            when = None
        elif row.identity == "学龄前" and born is not None and born <= preschool_by:
            detail = f"{row.member_name}已满{age_on(born, as_of)}周岁，人员身份仍为学龄前"
            when = None
        else:
            continue  # a student not in a final year: selected by SQL only to read the grade
        out.append(
            entry(row, detail, date=when, member_id=row.member_id, member_name=row.member_name)
        )
    return out


def follow_ups_due(s: Session, as_of: dt.date, intervals: Sequence[int]) -> list[ReviewEntry]:
    """已脱困 files whose next 防返困 follow-up (the k-th, k−1 done since the last 脱困) falls on
    or before `as_of`, and those whose last follow-up found them 已返困 (the 返困 is offered)."""
    lifted = (
        select(StatusChange.household_id, func.max(StatusChange.date).label("lifted_on"))
        .where(StatusChange.action == lifecycle.LIFT, StatusChange.date <= as_of)
        .group_by(StatusChange.household_id)
        .subquery()
    )
    stmt = (
        _heads()
        .add_columns(lifted.c.lifted_on)
        .join(lifted, lifted.c.household_id == Household.id)
        .where(Household.deleted_at.is_(None), _status_on(as_of) == lifecycle.LIFTED)
        .order_by(lifted.c.lifted_on, Household.file_no)
    )
    heads = list(s.execute(stmt))
    done: dict[int, list[tuple[dt.date, str]]] = {}
    if heads:
        calls = (
            select(FollowUp.household_id, FollowUp.date, FollowUp.result)
            .join(lifted, lifted.c.household_id == FollowUp.household_id)
            .where(FollowUp.date >= lifted.c.lifted_on, FollowUp.date <= as_of)
            .order_by(FollowUp.household_id, FollowUp.date, FollowUp.id)
        )
        for household_id, day, result in s.execute(calls):
            done.setdefault(household_id, []).append((day, result))
    out = []
    for row in heads:
        calls_made = done.get(row.id, [])
        last_result = calls_made[-1][1] if calls_made else None
        if last_result == "已返困":
            out.append(
                entry(
                    row,
                    f"{zh(calls_made[-1][0])}回访结果为“已返困”，请核实后办理返困",
                    date=calls_made[-1][0],
                    suggestion="返困",
                    overdue=True,
                )
            )
            continue
        k = len(calls_made)
        if k >= len(intervals):
            continue
        due = months_after(row.lifted_on, intervals[k])
        if due > as_of:
            continue
        overdue = months_after(due, 1) <= as_of
        risk = "，上次有返困风险" if last_result == "有返困风险" else ""
        state = "已逾期" if overdue else "到期"
        detail = f"{zh(row.lifted_on)}脱困，第{k + 1}次回访（{intervals[k]}个月）{state}{risk}"
        out.append(entry(row, detail, date=due, overdue=overdue))
    return out
