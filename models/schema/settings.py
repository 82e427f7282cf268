"""Business settings kept in the database: key/value settings, townships and yearly 低保标准."""

from __future__ import annotations

from decimal import Decimal

from sqlalchemy import Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from models.schema.base import Base, Money, Stamped


class Setting(Stamped, Base):
    """One named setting (e.g. org_name 填报单位); values are text, typed by the settings service."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class Township(Stamped, Base):
    """A township or street (乡镇/街道) of the county, in the clerk's chosen order."""

    __tablename__ = "townships"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(40), unique=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    active: Mapped[bool] = mapped_column(Boolean, default=True)


class DibaoStandard(Stamped, Base):
    """The county's monthly 低保标准 (元/人·月) for one year."""

    __tablename__ = "dibao_standards"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    monthly_amount: Mapped[Decimal] = mapped_column(Money)
