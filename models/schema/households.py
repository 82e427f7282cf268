"""困难职工档案: household files, their members, causes, status history and assistance records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from models import pinyin
from models.schema.base import (
    Base,
    Money,
    SoftDeleted,
    Versioned,
    Worded,
    sort_name_of_insert,
    utcnow,
)


class Household(Versioned, SoftDeleted, Worded, Base):
    """One household file (一户一档); the head's personal data lives on the file itself."""

    __tablename__ = "households"

    id: Mapped[int] = mapped_column(primary_key=True)
    file_no: Mapped[str] = mapped_column(String(40), unique=True)
    status: Mapped[str] = mapped_column(String(8), default="在档", index=True)
    filed_date: Mapped[dt.date] = mapped_column(Date, index=True)
    hardship_class: Mapped[str] = mapped_column(String(8), index=True)
    hardship_class_original: Mapped[str | None] = mapped_column(String(20))
    main_cause: Mapped[str] = mapped_column(String(20))

    # The head of household (户主).
    name: Mapped[str] = mapped_column(String(40), index=True)
    # 姓名 as it sorts (拼音 with tones, models.pinyin); kept by `_keep_sort_name` and on insert.
    sort_name: Mapped[str | None] = mapped_column(
        String(pinyin.MAX_LEN), default=sort_name_of_insert, index=True
    )
    gender: Mapped[str] = mapped_column(String(2))
    ethnicity: Mapped[str | None] = mapped_column(String(10))
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    birth_date: Mapped[dt.date] = mapped_column(Date)
    political_status: Mapped[str | None] = mapped_column(String(10))
    health: Mapped[str | None] = mapped_column(String(10))
    disease: Mapped[str | None] = mapped_column(String(100))
    disability_kind: Mapped[str | None] = mapped_column(String(10))
    disability_grade: Mapped[str | None] = mapped_column(String(4))
    work_status: Mapped[str | None] = mapped_column(String(10))
    model_worker: Mapped[str | None] = mapped_column(String(10))
    phone: Mapped[str | None] = mapped_column(String(24), index=True)
    employer: Mapped[str | None] = mapped_column(String(100))
    employer_nature: Mapped[str | None] = mapped_column(String(20))
    industry: Mapped[str | None] = mapped_column(String(40))
    marital_status: Mapped[str | None] = mapped_column(String(4))
    hukou_type: Mapped[str | None] = mapped_column(String(6))
    housing_type: Mapped[str | None] = mapped_column(String(20))
    address: Mapped[str | None] = mapped_column(String(200))
    township: Mapped[str] = mapped_column(String(40), index=True)
    medical_insurance: Mapped[str | None] = mapped_column(String(20))
    single_parent: Mapped[bool] = mapped_column(Boolean, default=False)
    zero_employment: Mapped[bool] = mapped_column(Boolean, default=False)
    bank_name: Mapped[str | None] = mapped_column(String(60))
    bank_card: Mapped[str | None] = mapped_column(String(19))
    remarks: Mapped[str | None] = mapped_column(Text)

    # Income figures; the monthly per-capita figure is computed, never stored.
    family_size: Mapped[int] = mapped_column(Integer, default=1)
    monthly_income: Mapped[Decimal | None] = mapped_column(Money)
    family_annual_income: Mapped[Decimal | None] = mapped_column(Money)
    annual_rigid_expense: Mapped[Decimal | None] = mapped_column(Money)
    reviewed_date: Mapped[dt.date | None] = mapped_column(Date)

    members: Mapped[list[HouseholdMember]] = relationship(
        back_populates="household", order_by="HouseholdMember.id"
    )
    secondary_causes: Mapped[list[HouseholdCause]] = relationship(
        cascade="all, delete-orphan", order_by="HouseholdCause.position"
    )
    status_changes: Mapped[list[StatusChange]] = relationship(
        back_populates="household", order_by="(StatusChange.date, StatusChange.id)"
    )
    assistance: Mapped[list[Assistance]] = relationship(back_populates="household")

    @validates("name")
    def _keep_sort_name(self, _key: str, name: str) -> str:
        self.sort_name = pinyin.sort_key(name)
        return name

    __table_args__ = (
        Index("ix_households_status_township", "status", "township"),
        # The statistics ask first whether any file is in the recycle bin (usually none).
        Index("ix_households_deleted_at", "deleted_at"),
    )


class HouseholdCause(Base):
    """Up to three secondary 致困原因 of a household (the main one is a column of the file)."""

    __tablename__ = "household_causes"

    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), primary_key=True
    )
    cause: Mapped[str] = mapped_column(String(20), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)


class HouseholdMember(Versioned, SoftDeleted, Worded, Base):
    """A family member (家庭成员) other than the head."""

    __tablename__ = "household_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    name: Mapped[str] = mapped_column(String(40))
    relation: Mapped[str] = mapped_column(String(10))
    id_number: Mapped[str | None] = mapped_column(String(18), index=True)
    gender: Mapped[str | None] = mapped_column(String(2))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    health: Mapped[str | None] = mapped_column(String(10))
    monthly_income: Mapped[Decimal | None] = mapped_column(Money)
    identity: Mapped[str | None] = mapped_column(String(10))
    school: Mapped[str | None] = mapped_column(String(100))
    grade: Mapped[str | None] = mapped_column(String(20))

    household: Mapped[Household] = relationship(back_populates="members")

    # A file's live members from the index alone: the statistics count them for 100k files.
    # By name: a one-character search matches the start of members' names too.
    __table_args__ = (
        Index("ix_household_members_household_live", "household_id", "deleted_at"),
        Index("ix_household_members_name", "name"),
    )


class HouseholdSearch(Base):
    """What the list search looks inside for one file: its numbers, names and members' (one row a
    file, kept by models.search_index; on SQLite an FTS5 trigram index reads it, on PostgreSQL a
    pg_trgm index where the server has the extension)."""

    __tablename__ = "household_search"

    household_id: Mapped[int] = mapped_column(
        ForeignKey("households.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    text: Mapped[str] = mapped_column(Text)


class StatusChange(Base):
    """One step of a file's lifecycle; the history is append-only."""

    __tablename__ = "status_changes"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    from_status: Mapped[str | None] = mapped_column(String(8))
    to_status: Mapped[str] = mapped_column(String(8))
    action: Mapped[str] = mapped_column(String(8))
    reason: Mapped[str] = mapped_column(String(200))
    route: Mapped[str | None] = mapped_column(String(10))
    operator: Mapped[str] = mapped_column(String(40), default="")
    reviewer: Mapped[str | None] = mapped_column(String(40))
    recorded_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    household: Mapped[Household] = relationship(back_populates="status_changes")

    # A file's history in date order from the index alone: the statistics join every file to
    # its steps through it without reading the table (see statistics.household_queries).
    __table_args__ = (
        Index("ix_status_changes_household_steps", "household_id", "date", "action", "to_status"),
    )


class Assistance(Versioned, SoftDeleted, Worded, Base):
    """A payment or gift of assistance (帮扶记录) to a filed household."""

    __tablename__ = "assistance"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"), index=True)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    category: Mapped[str] = mapped_column(String(10), index=True)
    cash: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    goods: Mapped[str | None] = mapped_column(String(200))
    goods_value: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    funding_source: Mapped[str] = mapped_column(String(10))
    operator: Mapped[str] = mapped_column(String(40), default="")
    remarks: Mapped[str | None] = mapped_column(Text)

    household: Mapped[Household] = relationship(back_populates="assistance")

    # Covers every column the yearly statistics sum (models.statistics): their GROUP BYs read
    # this index alone instead of 500k scattered rows (≈3× faster at 100k households).
    __table_args__ = (
        Index(
            "ix_assistance_stats",
            "date", "category", "funding_source", "household_id", "cash", "goods_value",
            "deleted_at",
        ),
    )  # fmt: skip
