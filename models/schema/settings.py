"""Business settings kept in the database: key/value settings, townships, yearly 低保标准 and the
office's vocabulary (how its townships word values, mapped onto the value lists)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from sqlalchemy import Boolean, DateTime, Integer, String, Text, func
from sqlalchemy.orm import Mapped, mapped_column

from models.schema.base import Base, Money, Stamped, utcnow


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


class OfficeVocabularyEntry(Base):
    """One wording the office has mapped onto a value list: every later import, form and CLI run
    reads 因学 in 致困原因 as 子女上学 without asking. `value` NULL: the wording means "leave blank"."""

    __tablename__ = "office_vocabulary"

    list_name: Mapped[str] = mapped_column(String(40), primary_key=True)  # models.vocab.CHOICES key
    wording: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[str | None] = mapped_column(String(40))
    created_at: Mapped[dt.datetime] = mapped_column(
        DateTime, default=utcnow, server_default=func.now()
    )
    created_by: Mapped[str] = mapped_column(String(40), default="", server_default="")
