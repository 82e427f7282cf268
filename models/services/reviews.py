"""The clerk's year as a service: review lists, 核查 and 防返困 follow-ups (audited), the duplicate
search and its "not the same person" memory, cross-checks, and their settings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from models import lifecycle
from models import validation as v
from models.backup import BEFORE_BULK
from models.errors import InvalidValue, MissingRequired, NotFound
from models.reviews import cross_checks as checks
from models.reviews import duplicates as dup
from models.reviews import lists
from models.reviews.cross_checks import YEARLY_AID_LIMIT, CrossCheck
from models.reviews.duplicates import DuplicatePair
from models.reviews.entries import LIST_TITLES, ReviewEntry
from models.schema import (
    Assistance,
    AuditEntry,
    FollowUp,
    Household,
    HouseholdMember,
    HouseholdReview,
    NotSamePerson,
)
from models.services.base import Service
from models.vocab import FOLLOW_UP_RESULTS, FOLLOW_UP_WAYS, REVIEW_RESULTS

FOLLOW_UP_MONTHS = "follow_up_months"
DEFAULT_FOLLOW_UP_MONTHS = (3, 6, 12)


@dataclass(frozen=True)
class ReviewRow:
    id: int
    household_id: int
    date: dt.date
    reviewer: str
    result: str
    note: str | None
    operator: str


@dataclass(frozen=True)
class FollowUpRow:
    id: int
    household_id: int
    date: dt.date
    way: str
    result: str
    note: str | None
    operator: str


@dataclass(frozen=True)
class ReviewLists:
    """Every list for one day; `notices` say what could not be looked at (no 低保标准 …)."""

    as_of: dt.date
    entries: dict[str, list[ReviewEntry]]
    duplicates: list[DuplicatePair]
    cross_checks: list[CrossCheck]
    notices: tuple[str, ...] = ()
    dibao: Decimal | None = None

    def count(self, key: str) -> int:
        if key == "possible_duplicates":
            return len(self.duplicates)
        if key == "cross_checks":
            return len(self.cross_checks)
        return len(self.entries.get(key, ()))

    def as_json(self, *, unmask: bool = False) -> dict[str, Any]:
        out: dict[str, list[Any]] = {}
        for key in LIST_TITLES:
            if key == "possible_duplicates":
                out[key] = [p.as_json(unmask=unmask) for p in self.duplicates]
            elif key == "cross_checks":
                out[key] = [c.as_json() for c in self.cross_checks]
            else:
                out[key] = [e.as_json(unmask=unmask) for e in self.entries[key]]
        return {
            "as_of": self.as_of.isoformat(),
            "lists": out,
            "titles": dict(LIST_TITLES),
            "notices": list(self.notices),
        }


# The audited changes that can change who is a possible duplicate of whom: the people, their
# files' status, and the pairs ruled out. Aid, reviews and follow-ups cannot (the last two are
# audited on the file, under their own actions).
PEOPLE_ENTITIES = ("households", "household_members", "not_same_person")
NOT_PEOPLE_ACTIONS = ("review", "follow_up")
MERGED = {
    "members": "家庭成员",
    "assistance": "帮扶记录",
    "reviews": "核查记录",
    "follow_ups": "回访记录",
}


class ReviewService(Service):
    """Reads are open to every role; 核查, follow-ups and duplicate decisions need 修改数据."""

    def __init__(self, ledger: Any) -> None:
        super().__init__(ledger)
        # (latest audit id of PEOPLE_ENTITIES, the pairs found then): the search reads every
        # person (seconds at 100k files), so it is not run again until the people change.
        self._pairs: tuple[int | None, tuple[DuplicatePair, ...]] | None = None

    # ---- settings ------------------------------------------------------------------------

    def follow_up_months(self) -> tuple[int, ...]:
        text = self.ledger.settings.get(FOLLOW_UP_MONTHS)
        return _parse_months(text) if text else DEFAULT_FOLLOW_UP_MONTHS

    def set_follow_up_months(self, value: str | Sequence[int]) -> tuple[int, ...]:
        months, _ = self.set_review_settings(value, self.yearly_aid_limit())
        return months

    def yearly_aid_limit(self) -> Decimal | None:
        text = self.ledger.settings.get(YEARLY_AID_LIMIT)
        return Decimal(text) if text else None

    def set_yearly_aid_limit(self, value: Any) -> Decimal | None:
        """The most one household should receive in a year (元); blank: no limit is checked."""
        _, limit = self.set_review_settings(self.follow_up_months(), value)
        return limit

    def set_review_settings(
        self, months: str | Sequence[int], limit: Any
    ) -> tuple[tuple[int, ...], Decimal | None]:
        """Both settings of 设置's 年度核查与防返困, checked first and kept together or not at all."""
        self.require("settings")
        text = months if isinstance(months, str) else "、".join(str(m) for m in months)
        parsed = _parse_months(text)
        money = v.parse_money(limit, YEARLY_AID_LIMIT)
        if money is not None and money <= 0:
            raise InvalidValue(
                YEARLY_AID_LIMIT, limit, "须大于零；不设上限请留空。", label="每户年度帮扶上限"
            )
        with self.ledger.db.begin() as s:
            settings = self.ledger.settings
            settings.set_in(s, FOLLOW_UP_MONTHS, ",".join(str(m) for m in parsed))
            settings.set_in(s, YEARLY_AID_LIMIT, "" if money is None else str(money))
        return parsed, money

    # ---- lists ---------------------------------------------------------------------------

    def lists(self, as_of: dt.date | None = None) -> ReviewLists:
        day = as_of or dt.date.today()
        months = self.follow_up_months()
        limit = self.yearly_aid_limit()
        with self.ledger.db.read() as s:
            above, dibao = lists.income_above_threshold(s, day)
            entries = {
                "not_reviewed_12m": lists.not_reviewed(s, day),
                "never_assisted": lists.never_assisted(s, day),
                "not_assisted_this_year": lists.not_assisted_this_year(s, day),
                "income_above_threshold": above,
                "member_changes": lists.member_changes(s, day),
                "follow_up_due": lists.follow_ups_due(s, day, months),
            }
            pairs = self._find_pairs(s)
            found = checks.cross_checks(s, day, limit)
        notices = []
        if dibao is None:
            notices.append(
                f"尚未设置{day.year}年低保标准，无法列出收入已超过类别标准的档案。"
                "请在“设置”中填写。"
            )
        return ReviewLists(day, entries, pairs, found, tuple(notices), dibao)

    def duplicates(self) -> list[DuplicatePair]:
        with self.ledger.db.read() as s:
            return self._find_pairs(s)

    def _find_pairs(self, s: Session) -> list[DuplicatePair]:
        latest = s.scalar(
            select(func.max(AuditEntry.id)).where(
                AuditEntry.entity.in_(PEOPLE_ENTITIES), AuditEntry.action.not_in(NOT_PEOPLE_ACTIONS)
            )
        )
        cached = self._pairs
        if cached is not None and cached[0] == latest and latest is not None:
            return list(cached[1])
        pairs = dup.find_pairs(s)
        self._pairs = (latest, tuple(pairs))  # one assignment: safe from the worker thread
        return pairs

    def cross_checks(self, as_of: dt.date | None = None) -> list[CrossCheck]:
        limit = self.yearly_aid_limit()
        with self.ledger.db.read() as s:
            return checks.cross_checks(s, as_of or dt.date.today(), limit)

    # ---- 核查 ----------------------------------------------------------------------------

    def record_review(
        self,
        household_ids: Sequence[int],
        *,
        date: Any,
        reviewer: str,
        result: str,
        note: str | None = None,
    ) -> int:
        """One 核查 for each file given, all in one transaction (all or none); 最近核查日期
        moves to the review's date unless a later review is already recorded."""
        self.require("edit")
        when = _past_date(date, "核查日期")
        who = v.clean_text(reviewer, "reviewer", max_len=40)
        if not who:
            raise MissingRequired("reviewer", label="核查人")
        outcome = _one_of(result, REVIEW_RESULTS, "核查结果")
        text = v.clean_text(note, "note", max_len=500, multiline=True)
        ids = list(dict.fromkeys(household_ids))
        if not ids:
            raise MissingRequired("household_ids", label="要核查的档案")
        if len(ids) > 1:
            self.ledger.maintenance.snapshot_before(BEFORE_BULK)
        with self.ledger.db.begin() as s:
            for h in self._files(s, ids):
                if h.status == lifecycle.CLOSED:
                    raise InvalidValue(
                        "household", h.file_no, "已销档的档案不再核查。", label=f"档案 {h.file_no}"
                    )
                if when < h.filed_date:
                    raise InvalidValue(
                        "date", when.isoformat(),
                        f"早于档案 {h.file_no} 的建档日期（{h.filed_date.isoformat()}）。",
                        label="核查日期",
                    )  # fmt: skip
                s.add(
                    HouseholdReview(
                        household_id=h.id, date=when, reviewer=who, result=outcome, note=text,
                        operator=self.actor.name, created_by=self.actor.name,
                    )
                )  # fmt: skip
                old = h.reviewed_date
                changes: dict[str, list[Any]] = {
                    "review_result": [None, outcome],
                    "review_by": [None, who],
                }
                if old is None or when > old:
                    h.reviewed_date = when
                    changes["reviewed_date"] = [
                        old.isoformat() if old else None,
                        when.isoformat(),
                    ]
                self.audit(
                    s, "review", "households", h.id, f"{h.file_no} {h.name}", changes,
                    note=f"核查（{when.isoformat()}）：{outcome}" + (f"。{text}" if text else ""),
                )  # fmt: skip
        return len(ids)

    def reviews(self, household_id: int) -> list[ReviewRow]:
        with self.ledger.db.read() as s:
            return [
                ReviewRow(r.id, r.household_id, r.date, r.reviewer, r.result, r.note, r.operator)
                for r in s.scalars(
                    select(HouseholdReview)
                    .where(HouseholdReview.household_id == household_id)
                    .order_by(HouseholdReview.date.desc(), HouseholdReview.id.desc())
                )
            ]

    # ---- 防返困 --------------------------------------------------------------------------

    def add_follow_up(
        self, household_id: int, *, date: Any, way: str, result: str, note: str | None = None
    ) -> FollowUpRow:
        """A follow-up of a 已脱困 file. A result of 已返困 changes nothing by itself: the window
        then offers the 返困 status change (HouseholdService.change_status), the clerk decides."""
        self.require("edit")
        when = _past_date(date, "回访日期")
        how = _one_of(way, FOLLOW_UP_WAYS, "回访方式")
        outcome = _one_of(result, FOLLOW_UP_RESULTS, "回访结果")
        text = v.clean_text(note, "note", max_len=500, multiline=True)
        with self.ledger.db.begin() as s:
            (h,) = self._files(s, [household_id])
            if h.status != lifecycle.LIFTED:
                raise InvalidValue(
                    "household", h.file_no,
                    f"防返困回访只用于“已脱困”的档案，该档现在是“{h.status}”。",
                    label=f"档案 {h.file_no}",
                )  # fmt: skip
            lifted = max(
                (c.date for c in h.status_changes if c.action == lifecycle.LIFT),
                default=h.filed_date,
            )
            if when < lifted:
                raise InvalidValue(
                    "date", when.isoformat(), f"早于该档的脱困日期（{lifted.isoformat()}）。",
                    label="回访日期",
                )  # fmt: skip
            row = FollowUp(
                household_id=h.id, date=when, way=how, result=outcome, note=text,
                operator=self.actor.name, created_by=self.actor.name,
            )  # fmt: skip
            s.add(row)
            s.flush()
            self.audit(
                s, "follow_up", "households", h.id, f"{h.file_no} {h.name}",
                {"follow_up_way": [None, how], "follow_up_result": [None, outcome]},
                note=f"防返困回访（{when.isoformat()}，{how}）：{outcome}"
                + (f"。{text}" if text else ""),
            )  # fmt: skip
            return FollowUpRow(row.id, h.id, when, how, outcome, text, row.operator)

    def follow_ups(self, household_id: int) -> list[FollowUpRow]:
        with self.ledger.db.read() as s:
            return [
                FollowUpRow(f.id, f.household_id, f.date, f.way, f.result, f.note, f.operator)
                for f in s.scalars(
                    select(FollowUp)
                    .where(FollowUp.household_id == household_id)
                    .order_by(FollowUp.date.desc(), FollowUp.id.desc())
                )
            ]

    # ---- duplicates ----------------------------------------------------------------------

    def mark_not_same_person(self, a: str, b: str, note: str | None = None) -> None:
        """Remember that two records ("h12", "m34") are two people: never proposed again."""
        self.require("edit")
        first, second = dup.pair_key(_person_key(a), _person_key(b))
        if first == second:
            raise InvalidValue("person", a, "两条记录相同。", label="疑似重复的两人")
        text = v.clean_text(note, "note", max_len=500)
        with self.ledger.db.begin() as s:
            exists = s.scalar(
                select(NotSamePerson.id).where(
                    NotSamePerson.person_a == first, NotSamePerson.person_b == second
                )
            )
            if exists:
                return
            row = NotSamePerson(
                person_a=first, person_b=second, note=text, created_by=self.actor.name
            )
            s.add(row)
            s.flush()
            self.audit(
                s, "not_same_person", "not_same_person", row.id, f"{first} ≠ {second}",
                {"person_a": [None, first], "person_b": [None, second]}, note=text,
            )  # fmt: skip

    def close_as_duplicate(self, household_id: int, keep_file_no: str, *, date: Any) -> None:
        """Close one of two files of one person: 销档, reason 重复建档, naming the file kept."""
        self.require("edit")
        with self.ledger.db.begin() as s:
            (h,) = self._files(s, [household_id])
            self.ledger.households.change_status_in(
                s, h, lifecycle.CLOSE, date=date, reason="重复建档"
            )
            self.audit(
                s, "update", "households", h.id, f"{h.file_no} {h.name}", {},
                note=f"重复建档：与档案 {keep_file_no} 为同一人，保留 {keep_file_no}",
            )  # fmt: skip

    def merge_duplicate(self, keep_id: int, other_id: int, *, date: Any) -> None:
        """Merge two files of one person: the other file's members (but those whose ID number
        the kept file already has), aid, reviews and follow-ups move to the kept file, and the
        other is closed as 重复建档 naming it; all in one transaction, audited."""
        self.require("edit")
        if keep_id == other_id:
            raise InvalidValue(
                "household", other_id, "不能把档案并入它自己。", label="要合并的档案"
            )
        with self.ledger.db.begin() as s:
            keep, other = self._files(s, [keep_id, other_id])
            kept_ids = {keep.id_number} | set(
                s.scalars(
                    select(HouseholdMember.id_number).where(
                        HouseholdMember.household_id == keep.id,
                        HouseholdMember.deleted_at.is_(None),
                        HouseholdMember.id_number.is_not(None),
                    )
                )
            )
            members = s.scalars(
                select(HouseholdMember).where(
                    HouseholdMember.household_id == other.id, HouseholdMember.deleted_at.is_(None)
                )
            ).all()
            moved_members = [m for m in members if not m.id_number or m.id_number not in kept_ids]
            for m in moved_members:
                m.household_id = keep.id
            moved: dict[str, list[int]] = {"members": [m.id for m in moved_members]}
            for key, model in (
                ("assistance", Assistance),
                ("reviews", HouseholdReview),
                ("follow_ups", FollowUp),
            ):
                ids = list(s.scalars(select(model.id).where(model.household_id == other.id)))
                if ids:
                    values: dict[str, Any] = {"household_id": keep.id}
                    if model is Assistance:  # a copy open in the other file's view is now stale
                        values["version"] = Assistance.version + 1
                    s.execute(update(model).where(model.id.in_(ids)).values(**values))
                moved[key] = ids
            if other.reviewed_date and not (
                keep.reviewed_date and keep.reviewed_date >= other.reviewed_date
            ):
                keep.reviewed_date = other.reviewed_date  # its reviews are the kept file's now
            self.ledger.households.change_status_in(
                s, other, lifecycle.CLOSE, date=date, reason="重复建档"
            )
            counts = "、".join(f"{MERGED[k]}{len(v)}条" for k, v in moved.items() if v) or "无记录"
            self.audit(
                s, "merge", "households", keep.id, f"{keep.file_no} {keep.name}",
                {k: [None, v] for k, v in moved.items() if v},
                note=f"合并重复档案：并入档案 {other.file_no} 的{counts}",
            )  # fmt: skip
            self.audit(
                s, "update", "households", other.id, f"{other.file_no} {other.name}", {},
                note=f"重复建档：已并入档案 {keep.file_no}，保留 {keep.file_no}",
            )  # fmt: skip

    # ---- helpers -------------------------------------------------------------------------

    @staticmethod
    def _files(s: Session, ids: Sequence[int]) -> list[Household]:
        found = {h.id: h for h in s.scalars(select(Household).where(Household.id.in_(list(ids))))}
        out = []
        for i in ids:
            h = found.get(i)
            if h is None or h.deleted_at is not None:
                raise NotFound("困难职工档案", i)
            out.append(h)
        return out


def _parse_months(text: str) -> tuple[int, ...]:
    pieces = [p for p in v.split_list(text.replace(",", "、").replace("，", "、")) if p]
    try:
        months = sorted({int(p) for p in pieces})
    except ValueError:
        raise InvalidValue(
            FOLLOW_UP_MONTHS, text, "请写脱困后第几个月回访，用顿号或逗号隔开，如 3、6、12。",
            label="防返困回访间隔",
        ) from None  # fmt: skip
    if not months or months[0] < 1 or months[-1] > 60:
        raise InvalidValue(
            FOLLOW_UP_MONTHS, text, "至少一个，每个在 1 到 60 个月之间，如 3、6、12。",
            label="防返困回访间隔",
        )  # fmt: skip
    return tuple(months)


def _past_date(value: Any, label: str) -> dt.date:
    when = v.parse_date(value, "date")
    if when is None:
        raise MissingRequired("date", label=label)
    if when > dt.date.today():
        raise InvalidValue("date", when.isoformat(), "不能晚于今天。", label=label)
    return when


def _one_of(value: Any, allowed: tuple[str, ...], label: str) -> str:
    text = v.clean_text(value, "value", max_len=40)
    if not text:
        raise MissingRequired("value", label=label)
    if text not in allowed:
        raise InvalidValue("value", text, f"请从 {'、'.join(allowed)} 中选一个。", label=label)
    return text


def _person_key(key: str) -> str:
    if len(key) < 2 or key[0] not in "hm" or not key[1:].isdigit():
        raise InvalidValue("person", key, "应为 h+档案号 或 m+成员号。", label="人员")
    return key
