"""Frozen rows the services hand out instead of live ORM objects: safe across threads and sessions."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from typing import Any, TypeVar

from models.wording.original import COLUMN as ORIGINAL_WORDING
from models.wording.original import KeptWording

R = TypeVar("R")


def row_from(cls: type[R], obj: Any, **extra: Any) -> R:
    """Build a row from an ORM object by the row's field names (extra values override)."""
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]
    values = {n: extra[n] if n in extra else getattr(obj, n) for n in names}
    if ORIGINAL_WORDING in values and not isinstance(values[ORIGINAL_WORDING], KeptWording):
        values[ORIGINAL_WORDING] = KeptWording.of(obj.__tablename__, values[ORIGINAL_WORDING])
    return cls(**values)


@dataclasses.dataclass(frozen=True)
class HouseholdRow:
    id: int
    version: int
    file_no: str
    status: str
    filed_date: dt.date
    hardship_class: str
    hardship_class_original: str | None
    main_cause: str
    secondary_causes: tuple[str, ...]
    name: str
    gender: str
    ethnicity: str | None
    id_number: str
    birth_date: dt.date
    political_status: str | None
    health: str | None
    disease: str | None
    disability_kind: str | None
    disability_grade: str | None
    work_status: str | None
    model_worker: str | None
    phone: str | None
    employer: str | None
    employer_nature: str | None
    industry: str | None
    marital_status: str | None
    hukou_type: str | None
    housing_type: str | None
    address: str | None
    township: str
    medical_insurance: str | None
    single_parent: bool
    zero_employment: bool
    bank_name: str | None
    bank_card: str | None
    remarks: str | None
    family_size: int
    monthly_income: Decimal | None
    family_annual_income: Decimal | None
    annual_rigid_expense: Decimal | None
    per_capita_monthly: Decimal
    reviewed_date: dt.date | None
    created_by: str
    updated_at: dt.datetime
    original_wording: KeptWording  # the sheet's own wording of mapped values


@dataclasses.dataclass(frozen=True)
class MemberRow:
    id: int
    version: int
    household_id: int
    name: str
    relation: str
    id_number: str | None
    gender: str | None
    birth_date: dt.date | None
    health: str | None
    monthly_income: Decimal | None
    identity: str | None
    school: str | None
    grade: str | None
    original_wording: KeptWording  # the sheet's own wording of mapped values


@dataclasses.dataclass(frozen=True)
class StatusChangeRow:
    id: int
    household_id: int
    date: dt.date
    from_status: str | None
    to_status: str
    action: str
    reason: str
    route: str | None
    operator: str
    reviewer: str | None


@dataclasses.dataclass(frozen=True)
class AssistanceRow:
    id: int
    version: int
    household_id: int
    date: dt.date
    category: str
    cash: Decimal
    goods: str | None
    goods_value: Decimal
    funding_source: str
    operator: str
    remarks: str | None
    original_wording: KeptWording  # the sheet's own wording of mapped values

    @property
    def total(self) -> Decimal:
        return self.cash + self.goods_value


@dataclasses.dataclass(frozen=True)
class IncomeAssessment:
    """The computed monthly per-capita income beside that year's 低保标准 and the suggested class."""

    year: int
    per_capita_monthly: Decimal
    dibao_standard: Decimal | None
    suggested_class: str | None
    explanation: str


@dataclasses.dataclass(frozen=True)
class HouseholdDetail:
    """Everything the 一户一档 view shows about one file."""

    household: HouseholdRow
    members: tuple[MemberRow, ...]
    history: tuple[StatusChangeRow, ...]
    assistance: tuple[AssistanceRow, ...]
    assessment: IncomeAssessment

    def assistance_by_year(self) -> dict[int, Decimal]:
        totals: dict[int, Decimal] = {}
        for a in self.assistance:
            totals[a.date.year] = totals.get(a.date.year, Decimal(0)) + a.total
        return dict(sorted(totals.items()))


@dataclasses.dataclass(frozen=True)
class StationRow:
    id: int
    version: int
    code: str
    name: str
    station_type: str
    township: str
    address: str | None
    longitude: Decimal | None
    latitude: Decimal | None
    host_unit: str | None
    host_kind: str | None
    build_mode: str | None
    manager: str | None
    phone: str | None
    built_date: dt.date | None
    area: Decimal | None
    investment: Decimal | None
    opening_hours: str | None
    open_24h: bool
    status: str
    star_level: int | None
    honors: str | None
    remarks: str | None
    books: int | None
    periodicals: int | None
    demo_level: str | None
    nursing_grade: str | None
    facilities: tuple[str, ...]
    functions: tuple[str, ...]
    original_wording: KeptWording  # the sheet's own wording of mapped values


@dataclasses.dataclass(frozen=True)
class UsageRow:
    id: int
    version: int
    station_id: int
    year: int
    month: int
    visits: int
    remarks: str | None


@dataclasses.dataclass(frozen=True)
class PhotoRow:
    id: int
    version: int
    activity_id: int | None
    station_id: int | None
    path: str
    caption: str
    taken_on: dt.date | None
    position: int


@dataclasses.dataclass(frozen=True)
class ActivityRow:
    id: int
    version: int
    name: str
    category: str
    start_date: dt.date
    end_date: dt.date | None
    place: str | None
    township: str | None
    organizer: str | None
    undertaker: str | None
    station_id: int | None
    participants: int | None
    person_times: int | None
    households_benefited: int | None
    cash: Decimal
    goods_value: Decimal
    funding_source: str | None
    summary: str | None
    include_in_summary: bool
    cases: int | None
    money_recovered: Decimal | None
    new_unions: int | None
    new_members: int | None
    new_migrant_members: int | None
    contest_trades: int | None
    contestants: int | None
    training_sessions: int | None
    trainees: int | None
    students: int | None
    original_wording: KeptWording  # the sheet's own wording of mapped values


@dataclasses.dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime
    operator: str
    action: str
    entity: str
    entity_id: int | None
    entity_label: str
    changes: dict[str, Any]
    batch_id: int | None
    note: str | None
