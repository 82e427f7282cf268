"""困难职工档案 service: files, members, the status lifecycle and assistance, with every rule enforced."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from sqlalchemy import Float, Select, and_, cast, func, select
from sqlalchemy.orm import Session, selectinload

from models import lifecycle, search_index
from models import validation as v
from models.backup import BEFORE_BULK
from models.errors import (
    ConcurrentEdit,
    DuplicatePerson,
    DuplicateRecord,
    ForbiddenTransition,
    InvalidValue,
    MissingRequired,
    NotFound,
)
from models.income import per_capita_monthly, suggest_class
from models.kinds import KINDS
from models.normalize import normalize_record
from models.rows import (
    AssistanceRow,
    HouseholdDetail,
    HouseholdRow,
    IncomeAssessment,
    MemberRow,
    StatusChangeRow,
    row_from,
)
from models.schema import (
    Assistance,
    DibaoStandard,
    Household,
    HouseholdCause,
    HouseholdMember,
    StatusChange,
)
from models.services.base import (
    Service,
    all_ids,
    apply_changes,
    first_error,
    serialize_on,
    snapshot,
)
from models.wording import original

LOAD_CHUNK = 500  # ids per IN (...) when loading many files: well under every driver's limit

# The ORM columns the clerk's values go to (secondary causes are a relation of their own).
FILE_NO_DIGITS = 5  # KN2025 00001: the year, then a five-digit count
HOUSEHOLD_COLUMNS = KINDS["households"].stored_columns()
MEMBER_COLUMNS = KINDS["members"].stored_columns()
ASSISTANCE_COLUMNS = KINDS["assistance"].stored_columns()

# Defaults for fields a form may leave empty.
# Only what a blank truly means; 民族 and the incomes stay blank when the clerk left them so.
_HOUSEHOLD_DEFAULTS: dict[str, Any] = {
    "family_size": 1,
    "single_parent": False,
    "zero_employment": False,
}


@dataclass(frozen=True)
class HouseholdQuery:
    """A list view's search: free text, filters and SQL-side sorting."""

    text: str = ""
    township: str | None = None
    status: str | None = None
    hardship_class: str | None = None
    year: int | None = None  # filed in that year
    figure: tuple[str, int] | None = None  # (工作台 figure, year): the files it counts
    sort: str = "file_no"
    descending: bool = False


def per_capita_sql() -> Any:
    # A blank figure counts as 0, as per_capita_monthly does.
    income = func.coalesce(Household.family_annual_income, 0)
    rigid = func.coalesce(Household.annual_rigid_expense, 0)
    return cast(income - rigid, Float) / (1200.0 * func.max(Household.family_size, 1))


SORT_KEYS: dict[str, Any] = {
    "file_no": Household.file_no,
    "name": Household.sort_name,
    "gender": Household.gender,
    "id_number": Household.id_number,
    "township": Household.township,
    "status": Household.status,
    "hardship_class": Household.hardship_class,
    "filed_date": Household.filed_date,
    "family_size": Household.family_size,
    "phone": Household.phone,
    "per_capita_monthly": per_capita_sql(),
    "updated_at": Household.updated_at,
}


class HouseholdService(Service):
    """Everything a clerk does to a household file."""

    # ---- reading -------------------------------------------------------------------------

    def get(self, household_id: int) -> HouseholdRow:
        with self.ledger.db.read() as s:
            return self._row(self._load(s, household_id))

    def by_file_no(self, file_no: str) -> HouseholdRow | None:
        with self.ledger.db.read() as s:
            h = s.scalar(self._live().where(Household.file_no == file_no))
            return self._row(h) if h else None

    def active_by_id_number(self, id_number: str) -> HouseholdRow | None:
        """The active file whose head has this ID number, if any."""
        with self.ledger.db.read() as s:
            h = s.scalar(
                self._live().where(
                    Household.id_number == id_number,
                    Household.status.in_(lifecycle.ACTIVE_STATUSES),
                )
            )
            return self._row(h) if h else None

    def detail(self, household_id: int) -> HouseholdDetail:
        with self.ledger.db.read() as s:
            h = self._load(s, household_id)
            members = s.scalars(
                select(HouseholdMember)
                .where(HouseholdMember.household_id == h.id, HouseholdMember.deleted_at.is_(None))
                .order_by(HouseholdMember.id)
            ).all()
            aid = s.scalars(
                select(Assistance)
                .where(Assistance.household_id == h.id, Assistance.deleted_at.is_(None))
                .order_by(Assistance.date.desc(), Assistance.id.desc())
            ).all()
            row = self._row(h)
            return HouseholdDetail(
                household=row,
                members=tuple(row_from(MemberRow, m) for m in members),
                history=tuple(row_from(StatusChangeRow, c) for c in h.status_changes),
                assistance=tuple(row_from(AssistanceRow, a) for a in aid),
                assessment=self._assess(s, row, dt.date.today().year),
            )

    def assess(self, household_id: int, year: int) -> IncomeAssessment:
        with self.ledger.db.read() as s:
            return self._assess(s, self._row(self._load(s, household_id)), year)

    def search_ids(self, query: HouseholdQuery, limit: int | None = None) -> list[int]:
        """Ids in display order; the list model fetches the rows it shows lazily by id."""
        stmt = self._filtered(select(Household.id), query)
        key = SORT_KEYS.get(query.sort, Household.file_no)
        if query.sort == "name" and self.ledger.db.engine.dialect.name == "postgresql":
            key = key.collate("C")  # the key is ASCII built to sort byte by byte, as on SQLite
        keys = [key, Household.name] if query.sort == "name" else [key]  # same pinyin: by 字
        stmt = stmt.order_by(
            *(k.desc() if query.descending else k.asc() for k in keys),
            Household.id.desc() if query.descending else Household.id,
        )
        if limit:
            stmt = stmt.limit(limit)
        with self.ledger.db.read() as s:
            return all_ids(s, stmt)

    def count(self, query: HouseholdQuery | None = None) -> int:
        stmt = self._filtered(select(func.count(Household.id)), query or HouseholdQuery())
        with self.ledger.db.read() as s:
            return int(s.scalar(stmt) or 0)

    def rows(self, ids: Sequence[int]) -> list[HouseholdRow]:
        """Rows for the given ids, in the given order (missing ids are skipped)."""
        if not ids:
            return []
        with self.ledger.db.read() as s:
            found = {
                h.id: self._row(h)
                for h in s.scalars(
                    select(Household)
                    .where(Household.id.in_(list(ids)))
                    .options(selectinload(Household.secondary_causes))
                )
            }
        return [found[i] for i in ids if i in found]

    def _filtered(self, stmt: Select[Any], q: HouseholdQuery) -> Select[Any]:
        stmt = stmt.where(Household.deleted_at.is_(None))
        if q.township:
            stmt = stmt.where(Household.township == q.township)
        if q.status:
            stmt = stmt.where(Household.status == q.status)
        if q.hardship_class:
            stmt = stmt.where(Household.hardship_class == q.hardship_class)
        if q.year:
            stmt = stmt.where(
                Household.filed_date >= dt.date(q.year, 1, 1),
                Household.filed_date <= dt.date(q.year, 12, 31),
            )
        if q.figure:
            from models.statistics import selections  # only when a figure was clicked

            stmt = stmt.where(*selections.conditions(q.figure))
        text = v.fold_text(q.text or "")
        if text:
            stmt = stmt.where(search_index.matches(self.ledger.db.engine.dialect.name, text))
        return stmt

    # ---- files ---------------------------------------------------------------------------

    def create(self, values: Mapping[str, Any], *, batch_id: int | None = None) -> HouseholdRow:
        """File a new household (状态 在档), refusing a person who already has an active file."""
        self.require("edit")
        clean = self._clean_household(values, partial=False)
        with self.ledger.db.begin() as s:
            h = self.create_in(s, clean, batch_id=batch_id)
            return self._row(h)

    def create_in(
        self, s: Session, clean: dict[str, Any], *, batch_id: int | None = None
    ) -> Household:
        """Insert a normalised file inside the caller's transaction (the importer's batch)."""
        self._check_person_free(s, clean["id_number"])
        file_no = clean.get("file_no") or self._next_file_no(s, clean["filed_date"].year)
        if s.scalar(select(Household.id).where(Household.file_no == file_no)):
            raise DuplicateRecord("file_no", file_no)
        h = Household(status=lifecycle.ON_FILE, created_by=self.actor.name)
        values = dict(clean, file_no=file_no)
        for field in HOUSEHOLD_COLUMNS:
            if field in values:
                setattr(h, field, values[field])
        h.original_wording = original.initial(clean)
        h.secondary_causes = [
            HouseholdCause(cause=c, position=i)
            for i, c in enumerate(clean.get("secondary_causes", ()))
        ]
        s.add(h)
        s.flush()
        s.add(
            StatusChange(
                household_id=h.id,
                date=h.filed_date,
                from_status=None,
                to_status=lifecycle.ON_FILE,
                action=lifecycle.FILE,
                reason="新建档案",
                operator=self.actor.name,
            )
        )
        changes = snapshot(h, HOUSEHOLD_COLUMNS)
        if clean.get("secondary_causes"):
            changes["secondary_causes"] = [None, list(clean["secondary_causes"])]
        self.audit(
            s, "create", "households", h.id, f"{h.file_no} {h.name}", changes, batch_id=batch_id
        )
        return h

    def update(
        self,
        household_id: int,
        values: Mapping[str, Any],
        *,
        expected_version: int | None = None,
        batch_id: int | None = None,
    ) -> HouseholdRow:
        """Change some fields of a file; only the given keys are touched."""
        self.require("edit")
        clean = self._clean_household(values, partial=True)
        with self.ledger.db.begin() as s:
            h = self._load(s, household_id)
            self._check_version(h, expected_version, "该困难职工档案")
            self.update_in(s, h, clean, batch_id=batch_id)
            s.flush()
            return self._row(h)

    def update_in(
        self, s: Session, h: Household, clean: dict[str, Any], *, batch_id: int | None = None
    ) -> dict[str, list[Any]]:
        if h.status == lifecycle.CLOSED:
            raise ForbiddenTransition(h.status, "修改", ("返回列表查看",))
        if "id_number" in clean and clean["id_number"] != h.id_number:
            self._check_person_free(s, clean["id_number"], except_household=h.id)
        if "file_no" in clean and not clean["file_no"]:
            del clean["file_no"]
        if clean.get("file_no") and clean["file_no"] != h.file_no:
            if s.scalar(select(Household.id).where(Household.file_no == clean["file_no"])):
                raise DuplicateRecord("file_no", clean["file_no"])
        merged = {f: clean.get(f, getattr(h, f)) for f in ("id_number", "gender", "birth_date")}
        v.check_id_consistency(merged["id_number"], merged["gender"], merged["birth_date"])
        changes = apply_changes(h, clean, HOUSEHOLD_COLUMNS)
        if "secondary_causes" in clean:
            old = [c.cause for c in h.secondary_causes]
            new = list(clean["secondary_causes"])
            if old != new:
                h.secondary_causes = [
                    HouseholdCause(cause=c, position=i) for i, c in enumerate(new)
                ]
                changes["secondary_causes"] = [old, new]
        if changes:
            self.audit(
                s, "update", "households", h.id, f"{h.file_no} {h.name}", changes, batch_id=batch_id
            )
        return changes

    def change_status(
        self,
        household_id: int,
        action: str,
        *,
        date: Any,
        reason: str,
        route: str | None = None,
        reviewer: str | None = None,
        expected_version: int | None = None,
    ) -> HouseholdRow:
        """Move a file along the lifecycle: 脱困 (with route), 销档 (with reason), 返困."""
        self.require("edit")
        with self.ledger.db.begin() as s:
            h = self._load(s, household_id)
            self._check_version(h, expected_version, "该困难职工档案")
            self.change_status_in(
                s, h, action, date=date, reason=reason, route=route, reviewer=reviewer
            )
            s.flush()
            return self._row(h)

    def change_status_many(
        self,
        household_ids: Sequence[int],
        action: str,
        *,
        date: Any,
        reason: str,
        route: str | None = None,
        reviewer: str | None = None,
    ) -> list[HouseholdRow]:
        """The same lifecycle step for several files in one transaction: all of them or none."""
        self.require("edit")
        if len(household_ids) > 1:
            self.ledger.maintenance.snapshot_before(BEFORE_BULK)  # a way back from a wrong batch
        with self.ledger.db.begin() as s:
            done = []
            for h in self._load_many(s, household_ids):
                try:
                    self.change_status_in(
                        s, h, action, date=date, reason=reason, route=route, reviewer=reviewer
                    )
                except ForbiddenTransition as exc:
                    exc.household = (h.file_no, h.name)  # type: ignore[attr-defined]
                    raise
                done.append(h)
            s.flush()
            return [self._row(h) for h in done]

    def change_status_in(
        self,
        s: Session,
        h: Household,
        action: str,
        *,
        date: Any,
        reason: str,
        route: str | None = None,
        reviewer: str | None = None,
        batch_id: int | None = None,
    ) -> None:
        allowed = lifecycle.allowed_from(h.status)
        transition = next((t for t in allowed if t.action == action), None)
        if transition is None:
            raise ForbiddenTransition(h.status, action, [t.button for t in allowed])
        when = v.parse_date(date, "date")
        if when is None:
            raise MissingRequired("date", label="变更日期")
        if when > dt.date.today():
            raise InvalidValue("date", when, "不能晚于今天。", label="变更日期")
        last = max((c.date for c in h.status_changes), default=h.filed_date)
        if when < last:
            raise InvalidValue(
                "date", when, f"不能早于上一次状态变更（{last.isoformat()}）。", label="变更日期"
            )
        if transition.needs == "lift_route":
            route = v.parse_choice("lift_route", route)
            if not route:
                raise MissingRequired("lift_route")
        elif transition.needs == "close_reason":
            reason = v.parse_choice("close_reason", reason) or ""
        reason_text = v.clean_text(reason, "reason", max_len=200) or (route or "")
        if not reason_text:
            raise MissingRequired("reason")
        if action == lifecycle.RETURN:
            self._check_person_free(s, h.id_number, except_household=h.id)
        old = h.status
        h.status = transition.target
        s.add(
            StatusChange(
                household_id=h.id,
                date=when,
                from_status=old,
                to_status=transition.target,
                action=action,
                reason=reason_text,
                route=route if transition.needs == "lift_route" else None,
                operator=self.actor.name,
                reviewer=v.clean_text(reviewer, "reviewer", max_len=40),
            )
        )
        self.audit(
            s,
            "status",
            "households",
            h.id,
            f"{h.file_no} {h.name}",
            {"status": [old, transition.target]},
            batch_id=batch_id,
            note=f"{action}：{reason_text}（{when.isoformat()}）",
        )

    # ---- members -------------------------------------------------------------------------

    def add_member(self, household_id: int, values: Mapping[str, Any]) -> MemberRow:
        self.require("edit")
        clean = self._clean_member(values, partial=False)
        with self.ledger.db.begin() as s:
            h = self._load(s, household_id)
            return row_from(MemberRow, self.add_member_in(s, h, clean))

    def add_member_in(
        self, s: Session, h: Household, clean: dict[str, Any], *, batch_id: int | None = None
    ) -> HouseholdMember:
        self._refuse_closed(h)
        if clean.get("id_number"):
            self._check_person_free(s, clean["id_number"])
        m = HouseholdMember(household_id=h.id, created_by=self.actor.name)
        for field in MEMBER_COLUMNS:
            if field in clean:
                setattr(m, field, clean[field])
        m.original_wording = original.initial(clean)
        s.add(m)
        s.flush()
        self.audit(
            s,
            "create",
            "household_members",
            m.id,
            f"{h.file_no} {h.name}家 {m.name}",
            snapshot(m, MEMBER_COLUMNS),
            batch_id=batch_id,
        )
        return m

    def update_member(
        self, member_id: int, values: Mapping[str, Any], *, expected_version: int | None = None
    ) -> MemberRow:
        self.require("edit")
        clean = self._clean_member(values, partial=True)
        with self.ledger.db.begin() as s:
            m = self._load_member(s, member_id)
            self._check_version(m, expected_version, "该家庭成员")
            self.update_member_in(s, m, clean)
            s.flush()
            return row_from(MemberRow, m)

    def update_member_in(
        self, s: Session, m: HouseholdMember, clean: dict[str, Any], *, batch_id: int | None = None
    ) -> dict[str, list[Any]]:
        self._refuse_closed(m.household)
        if clean.get("id_number") and clean["id_number"] != m.id_number:
            self._check_person_free(s, clean["id_number"], except_member=m.id)
        merged = {f: clean.get(f, getattr(m, f)) for f in ("id_number", "gender", "birth_date")}
        if merged["id_number"]:
            v.check_id_consistency(merged["id_number"], merged["gender"], merged["birth_date"])
        changes = apply_changes(m, clean, MEMBER_COLUMNS)
        if changes:
            self.audit(
                s,
                "update",
                "household_members",
                m.id,
                f"{m.household.file_no} {m.name}",
                changes,
                batch_id=batch_id,
            )
        return changes

    def remove_member(self, member_id: int) -> None:
        """Move a member to the recycle bin (restorable)."""
        self.ledger.recycle.delete("household_members", member_id)

    # ---- assistance ----------------------------------------------------------------------

    def add_assistance(self, household_id: int, values: Mapping[str, Any]) -> AssistanceRow:
        self.require("edit")
        clean = self._clean_assistance(values, partial=False)
        with self.ledger.db.begin() as s:
            h = self._load(s, household_id)
            return row_from(AssistanceRow, self.add_assistance_in(s, h, clean))

    def add_assistance_in(
        self, s: Session, h: Household, clean: dict[str, Any], *, batch_id: int | None = None
    ) -> Assistance:
        self._refuse_closed(h)
        a = Assistance(household_id=h.id, created_by=self.actor.name)
        for field in ASSISTANCE_COLUMNS:
            if field in clean:
                setattr(a, field, clean[field])
        a.original_wording = original.initial(clean)
        a.operator = a.operator or self.actor.name
        s.add(a)
        s.flush()
        self.audit(
            s,
            "create",
            "assistance",
            a.id,
            f"{h.file_no} {h.name} {a.date} {a.category}",
            snapshot(a, ASSISTANCE_COLUMNS),
            batch_id=batch_id,
        )
        return a

    def update_assistance(
        self, assistance_id: int, values: Mapping[str, Any], *, expected_version: int | None = None
    ) -> AssistanceRow:
        self.require("edit")
        clean = self._clean_assistance(values, partial=True)
        with self.ledger.db.begin() as s:
            a = s.get(Assistance, assistance_id)
            if a is None or a.deleted_at is not None:
                raise NotFound("帮扶记录", assistance_id)
            self._check_version(a, expected_version, "该帮扶记录")
            self._refuse_closed(a.household)
            merged = {f: clean.get(f, getattr(a, f)) for f in ("cash", "goods_value")}
            self._check_amounts(merged)
            changes = apply_changes(a, clean, ASSISTANCE_COLUMNS)
            if changes:
                self.audit(
                    s,
                    "update",
                    "assistance",
                    a.id,
                    f"{a.household.file_no} {a.household.name}",
                    changes,
                )
            s.flush()
            return row_from(AssistanceRow, a)

    def remove_assistance(self, assistance_id: int) -> None:
        self.ledger.recycle.delete("assistance", assistance_id)

    # ---- rules ---------------------------------------------------------------------------

    def clean_household(self, values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
        """Normalise and check a file's values as saving would (used by forms and the importer)."""
        return self._clean_household(values, partial=partial)

    def _clean_household(self, values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
        clean, errors = normalize_record("households", values, partial=partial)
        first_error(errors)
        return self.check_household(clean, partial=partial)

    def check_household(self, clean: dict[str, Any], *, partial: bool) -> dict[str, Any]:
        """The rules across fields, on values already normalised field by field (the importer)."""
        if "hardship_class" in clean and clean["hardship_class"] is not None:
            clean["hardship_class"], clean["hardship_class_original"] = clean["hardship_class"]
        if clean.get("id_number"):
            info = v.id_number_info(clean["id_number"])
            stated = clean.get("gender") or clean.get("birth_date")
            clean["gender"] = clean.get("gender") or info.gender
            clean["birth_date"] = clean.get("birth_date") or info.birth_date
            if stated:  # values taken from the ID number itself cannot contradict it
                v.check_id_consistency(clean["id_number"], clean["gender"], clean["birth_date"])
        if not partial:
            for field, default in _HOUSEHOLD_DEFAULTS.items():
                if clean.get(field) is None:
                    clean[field] = default
            clean["filed_date"] = clean.get("filed_date") or dt.date.today()
        if clean.get("filed_date") and clean["filed_date"] > dt.date.today():
            raise InvalidValue("filed_date", clean["filed_date"], "建档日期不能晚于今天。")
        if clean.get("disability_kind") and not clean.get("disability_grade") and not partial:
            raise MissingRequired("disability_grade")
        if "secondary_causes" in clean and clean.get("main_cause") in clean["secondary_causes"]:
            raise InvalidValue(
                "secondary_causes",
                "、".join(clean["secondary_causes"]),
                "次要致困原因不能与主要致困原因重复。",
            )
        return clean

    def clean_member(self, values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
        return self._clean_member(values, partial=partial)

    def _clean_member(self, values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
        clean, errors = normalize_record("members", values, partial=partial)
        first_error(errors)
        return self.check_member(clean, partial=partial)

    def check_member(self, clean: dict[str, Any], *, partial: bool) -> dict[str, Any]:
        """The rules across fields, on values already normalised field by field (the importer)."""
        if clean.get("id_number"):
            info = v.id_number_info(clean["id_number"])
            stated = clean.get("gender") or clean.get("birth_date")
            clean["gender"] = clean.get("gender") or info.gender
            clean["birth_date"] = clean.get("birth_date") or info.birth_date
            if stated:  # values taken from the ID number itself cannot contradict it
                v.check_id_consistency(clean["id_number"], clean["gender"], clean["birth_date"])
        return clean

    def clean_assistance(self, values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
        return self._clean_assistance(values, partial=partial)

    def _clean_assistance(self, values: Mapping[str, Any], *, partial: bool) -> dict[str, Any]:
        clean, errors = normalize_record("assistance", values, partial=partial)
        first_error(errors)
        return self.check_assistance(clean, partial=partial)

    def check_assistance(self, clean: dict[str, Any], *, partial: bool) -> dict[str, Any]:
        """The rules across fields, on values already normalised field by field (the importer)."""
        if not partial:
            clean["cash"] = clean.get("cash") or Decimal(0)
            clean["goods_value"] = clean.get("goods_value") or Decimal(0)
            self._check_amounts(clean)
        if clean.get("date") and clean["date"] > dt.date.today():
            raise InvalidValue("date", clean["date"], "帮扶日期不能晚于今天。")
        return clean

    @staticmethod
    def _check_amounts(values: Mapping[str, Any]) -> None:
        if not (values.get("cash") or values.get("goods_value")):
            raise InvalidValue(
                "cash", "0", "现金金额和实物折价不能都为零，请至少填写一项。", label="帮扶金额"
            )

    def _check_person_free(
        self,
        s: Session,
        id_number: str,
        *,
        except_household: int | None = None,
        except_member: int | None = None,
    ) -> None:
        """One active file per person: refuse an ID already head or member of an active file."""
        serialize_on(s, f"person:{id_number}")  # two clerks filing the same person at once
        active = and_(
            Household.status.in_(lifecycle.ACTIVE_STATUSES), Household.deleted_at.is_(None)
        )
        heads = select(Household.id, Household.file_no, Household.name).where(
            active, Household.id_number == id_number
        )
        if except_household is not None:
            heads = heads.where(Household.id != except_household)
        members = (
            select(Household.id, Household.file_no, Household.name)
            .join(HouseholdMember, HouseholdMember.household_id == Household.id)
            .where(
                active,
                HouseholdMember.id_number == id_number,
                HouseholdMember.deleted_at.is_(None),
            )
        )
        if except_member is not None:
            members = members.where(HouseholdMember.id != except_member)
        hit = s.execute(heads.union_all(members).limit(1)).first()
        if hit:
            raise DuplicatePerson(id_number, hit[0], hit[1], hit[2])

    @staticmethod
    def _refuse_closed(h: Household) -> None:
        if h.status == lifecycle.CLOSED:
            raise ForbiddenTransition(h.status, "修改", ())

    @staticmethod
    def _check_version(obj: Any, expected: int | None, what: str) -> None:
        if expected is not None and obj.version != expected:
            raise ConcurrentEdit(what, obj.id, current=obj.version)

    def _next_file_no(self, s: Session, year: int) -> str:
        prefix = f"KN{year}"
        serialize_on(s, f"file_no:{prefix}")
        # Only numbers of our own shape count: a township's KN2023I0007 (imported as it came)
        # sorts above every KN2023nnnnn, and taking the greatest number of any shape restarted
        # the count at 00001, a number already in use.
        ours = s.scalars(
            select(Household.file_no)
            .where(
                Household.file_no.between(f"{prefix}00000", f"{prefix}99999"),
                func.length(Household.file_no) == len(prefix) + FILE_NO_DIGITS,
            )
            .order_by(Household.file_no.desc())
        )
        last = next((n for n in ours if n[len(prefix) :].isdigit()), None)
        seq = int(last[len(prefix) :]) + 1 if last else 1
        return f"{prefix}{seq:0{FILE_NO_DIGITS}d}"

    # ---- helpers -------------------------------------------------------------------------

    @staticmethod
    def _live() -> Select[Any]:
        return select(Household).where(Household.deleted_at.is_(None))

    @staticmethod
    def _load(s: Session, household_id: int) -> Household:
        h = s.get(Household, household_id)
        if h is None or h.deleted_at is not None:
            raise NotFound("困难职工档案", household_id)
        return h

    @staticmethod
    def _load_many(s: Session, household_ids: Sequence[int]) -> list[Household]:
        """The files in the order given, with their status history and causes, in a few queries
        (loading them one by one cost ~7 ms each: a query, a lazy load and an autoflush)."""
        found: dict[int, Household] = {}
        wanted = list(dict.fromkeys(household_ids))
        for start in range(0, len(wanted), LOAD_CHUNK):
            found.update(
                (h.id, h)
                for h in s.scalars(
                    select(Household)
                    .where(Household.id.in_(wanted[start : start + LOAD_CHUNK]))
                    .options(
                        selectinload(Household.status_changes),
                        selectinload(Household.secondary_causes),
                    )
                )
            )
        loaded = []
        for household_id in household_ids:
            h = found.get(household_id)
            if h is None or h.deleted_at is not None:
                raise NotFound("困难职工档案", household_id)
            loaded.append(h)
        return loaded

    @staticmethod
    def _load_member(s: Session, member_id: int) -> HouseholdMember:
        m = s.get(HouseholdMember, member_id)
        if m is None or m.deleted_at is not None:
            raise NotFound("家庭成员", member_id)
        return m

    @staticmethod
    def _row(h: Household) -> HouseholdRow:
        return row_from(
            HouseholdRow,
            h,
            secondary_causes=tuple(c.cause for c in h.secondary_causes),
            per_capita_monthly=per_capita_monthly(
                h.family_annual_income, h.annual_rigid_expense, h.family_size
            ),
        )

    def _assess(self, s: Session, row: HouseholdRow, year: int) -> IncomeAssessment:
        dibao = s.scalar(select(DibaoStandard.monthly_amount).where(DibaoStandard.year == year))
        suggested, why = suggest_class(row.per_capita_monthly, dibao)
        return IncomeAssessment(year, row.per_capita_monthly, dibao, suggested, why)
