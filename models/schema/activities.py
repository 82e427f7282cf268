"""活动台账: activities with their category-specific figures, and photos of activities and stations."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from models import pinyin
from models.schema.base import Base, Money, SoftDeleted, Versioned, Worded, sort_name_of_insert


class Activity(Versioned, SoftDeleted, Worded, Base):
    """One activity; figures that only some categories carry are nullable numbers, never text."""

    __tablename__ = "activities"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), index=True)
    # 活动名称 as it sorts (拼音, models.pinyin); kept by `_keep_sort_name` and on insert.
    sort_name: Mapped[str | None] = mapped_column(
        String(pinyin.MAX_LEN), default=sort_name_of_insert, index=True
    )
    category: Mapped[str] = mapped_column(String(20), index=True)
    start_date: Mapped[dt.date] = mapped_column(Date, index=True)
    end_date: Mapped[dt.date | None] = mapped_column(Date)
    place: Mapped[str | None] = mapped_column(String(200))
    township: Mapped[str | None] = mapped_column(String(40), index=True)
    organizer: Mapped[str | None] = mapped_column(String(100))
    undertaker: Mapped[str | None] = mapped_column(String(100))
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"), index=True)
    participants: Mapped[int | None] = mapped_column(Integer)
    person_times: Mapped[int | None] = mapped_column(Integer)
    households_benefited: Mapped[int | None] = mapped_column(Integer)
    cash: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    goods_value: Mapped[Decimal] = mapped_column(Money, default=Decimal(0))
    funding_source: Mapped[str | None] = mapped_column(String(10))
    summary: Mapped[str | None] = mapped_column(Text)
    include_in_summary: Mapped[bool] = mapped_column(Boolean, default=False, index=True)
    # 法律援助与维权
    cases: Mapped[int | None] = mapped_column(Integer)
    money_recovered: Mapped[Decimal | None] = mapped_column(Money)
    # 建会入会
    new_unions: Mapped[int | None] = mapped_column(Integer)
    new_members: Mapped[int | None] = mapped_column(Integer)
    new_migrant_members: Mapped[int | None] = mapped_column(Integer)
    # 劳动和技能竞赛
    contest_trades: Mapped[int | None] = mapped_column(Integer)
    contestants: Mapped[int | None] = mapped_column(Integer)
    # 职工技能培训
    training_sessions: Mapped[int | None] = mapped_column(Integer)
    trainees: Mapped[int | None] = mapped_column(Integer)
    # 金秋助学
    students: Mapped[int | None] = mapped_column(Integer)

    photos: Mapped[list[Photo]] = relationship(
        primaryjoin="and_(Photo.activity_id == Activity.id, Photo.deleted_at.is_(None))",
        order_by="(Photo.position, Photo.id)",
        viewonly=True,
    )

    @validates("name")
    def _keep_sort_name(self, _key: str, name: str) -> str:
        self.sort_name = pinyin.sort_key(name)
        return name

    __table_args__ = (Index("ix_activities_category_start", "category", "start_date"),)


class Photo(Versioned, SoftDeleted, Base):
    """A photo file (kept in the data folder) with its caption, belonging to an activity or a station."""

    __tablename__ = "photos"

    id: Mapped[int] = mapped_column(primary_key=True)
    activity_id: Mapped[int | None] = mapped_column(ForeignKey("activities.id"), index=True)
    station_id: Mapped[int | None] = mapped_column(ForeignKey("stations.id"), index=True)
    path: Mapped[str] = mapped_column(String(260))
    caption: Mapped[str] = mapped_column(String(200), default="")
    taken_on: Mapped[dt.date | None] = mapped_column(Date)
    position: Mapped[int] = mapped_column(Integer, default=0)
    description: Mapped[str | None] = mapped_column(Text)

    __table_args__ = (
        CheckConstraint("(activity_id IS NULL) <> (station_id IS NULL)", name="one_owner"),
    )
