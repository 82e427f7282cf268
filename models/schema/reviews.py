"""The clerk's year: 核查 records of a file, 防返困 follow-ups of lifted files, and pairs of records
the clerk confirmed are not the same person (so the duplicate search stops proposing them)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, DateTime, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from models.schema.base import Base, Stamped, utcnow


class HouseholdReview(Stamped, Base):
    """One 核查 (yearly review) of a file; the newest one's date is the file's 最近核查日期."""

    __tablename__ = "household_reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    date: Mapped[dt.date] = mapped_column(Date)
    reviewer: Mapped[str] = mapped_column(String(40))
    result: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    operator: Mapped[str] = mapped_column(String(40), default="", server_default="")

    __table_args__ = (Index("ix_household_reviews_household_date", "household_id", "date"),)


class FollowUp(Stamped, Base):
    """One 防返困 follow-up of a lifted file (电话/入户/其他, and how the household is doing)."""

    __tablename__ = "follow_ups"

    id: Mapped[int] = mapped_column(primary_key=True)
    household_id: Mapped[int] = mapped_column(ForeignKey("households.id"))
    date: Mapped[dt.date] = mapped_column(Date)
    way: Mapped[str] = mapped_column(String(8))
    result: Mapped[str] = mapped_column(String(10))
    note: Mapped[str | None] = mapped_column(Text)
    operator: Mapped[str] = mapped_column(String(40), default="", server_default="")

    __table_args__ = (Index("ix_follow_ups_household_date", "household_id", "date"),)


class NotSamePerson(Base):
    """Two person records (户主 "h<id>" or 成员 "m<id>", the smaller key first) the clerk checked
    and found to be two people: the duplicate search never proposes the pair again."""

    __tablename__ = "not_same_person"

    id: Mapped[int] = mapped_column(primary_key=True)
    person_a: Mapped[str] = mapped_column(String(20))
    person_b: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    created_by: Mapped[str] = mapped_column(String(40), default="")

    __table_args__ = (UniqueConstraint("person_a", "person_b"),)
