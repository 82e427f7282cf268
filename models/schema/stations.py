"""服务阵地: every kind of station (incl. 户外劳动者服务站点), their facilities, functions and monthly usage."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import (
    Boolean,
    Date,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship, validates

from models import pinyin
from models.schema.base import Base, Money, SoftDeleted, Versioned, Worded, sort_name_of_insert


class Station(Versioned, SoftDeleted, Worded, Base):
    """A service position of any type; type-specific figures are nullable columns."""

    __tablename__ = "stations"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100), index=True)
    # 名称 as it sorts (拼音, models.pinyin); kept by `_keep_sort_name` and on insert.
    sort_name: Mapped[str | None] = mapped_column(
        String(pinyin.MAX_LEN), default=sort_name_of_insert, index=True
    )
    station_type: Mapped[str] = mapped_column(String(20), index=True)
    township: Mapped[str] = mapped_column(String(40), index=True)
    address: Mapped[str | None] = mapped_column(String(200))
    longitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    latitude: Mapped[Decimal | None] = mapped_column(Numeric(9, 6))
    host_unit: Mapped[str | None] = mapped_column(String(100))
    host_kind: Mapped[str | None] = mapped_column(String(10))
    build_mode: Mapped[str | None] = mapped_column(String(10))
    manager: Mapped[str | None] = mapped_column(String(40))
    phone: Mapped[str | None] = mapped_column(String(24))
    built_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    area: Mapped[Decimal | None] = mapped_column(Numeric(10, 2))
    investment: Mapped[Decimal | None] = mapped_column(Money)
    opening_hours: Mapped[str | None] = mapped_column(String(100))
    open_24h: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(4), default="运行", index=True)
    star_level: Mapped[int | None] = mapped_column(Integer)
    honors: Mapped[str | None] = mapped_column(Text)
    remarks: Mapped[str | None] = mapped_column(Text)
    # 职工书屋
    books: Mapped[int | None] = mapped_column(Integer)
    periodicals: Mapped[int | None] = mapped_column(Integer)
    demo_level: Mapped[str | None] = mapped_column(String(4))
    # 爱心妈妈小屋(母婴室)
    nursing_grade: Mapped[str | None] = mapped_column(String(4))

    facilities: Mapped[list[StationFacility]] = relationship(
        cascade="all, delete-orphan", order_by="StationFacility.facility"
    )
    functions: Mapped[list[StationFunction]] = relationship(
        cascade="all, delete-orphan", order_by="StationFunction.function"
    )
    usage: Mapped[list[StationUsage]] = relationship(back_populates="station")

    @validates("name")
    def _keep_sort_name(self, _key: str, name: str) -> str:
        self.sort_name = pinyin.sort_key(name)
        return name

    __table_args__ = (Index("ix_stations_name_township", "name", "township"),)


class StationFacility(Base):
    """One facility (驿站设施) a station offers."""

    __tablename__ = "station_facilities"

    station_id: Mapped[int] = mapped_column(
        ForeignKey("stations.id", ondelete="CASCADE"), primary_key=True
    )
    facility: Mapped[str] = mapped_column(String(20), primary_key=True)


class StationFunction(Base):
    """One service function (服务中心功能) a station offers."""

    __tablename__ = "station_functions"

    station_id: Mapped[int] = mapped_column(
        ForeignKey("stations.id", ondelete="CASCADE"), primary_key=True
    )
    function: Mapped[str] = mapped_column(String(20), primary_key=True)


class StationUsage(Versioned, SoftDeleted, Base):
    """服务人次 of one station in one month."""

    __tablename__ = "station_usage"

    id: Mapped[int] = mapped_column(primary_key=True)
    station_id: Mapped[int] = mapped_column(ForeignKey("stations.id"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    visits: Mapped[int] = mapped_column(Integer)
    remarks: Mapped[str | None] = mapped_column(String(200))

    station: Mapped[Station] = relationship(back_populates="usage")

    __table_args__ = (
        UniqueConstraint("station_id", "year", "month"),
        Index("ix_station_usage_year_month", "year", "month"),
    )
