"""Business settings service: organisation name, townships, yearly 低保标准 and other named values."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import validation as v
from models.errors import InvalidValue, MissingRequired
from models.schema import DibaoStandard, Setting, Township
from models.services.base import Service

ORG_NAME = "org_name"
REPORT_FONT = "report_font"


class SettingsService(Service):
    """Reads are open to every role; changes need the 修改设置 permission."""

    def get(self, key: str, default: str = "") -> str:
        with self.ledger.db.read() as s:
            row = s.get(Setting, key)
            return row.value if row else default

    def set(self, key: str, value: str) -> None:
        self.require("settings")
        with self.ledger.db.begin() as s:
            self.set_in(s, key, value)

    def set_in(self, s: Session, key: str, value: str) -> None:
        """`set` inside the caller's transaction (the demo writes settings along with its data)."""
        text = v.clean_text(value, key, max_len=500) or ""
        row = s.get(Setting, key)
        old = row.value if row else None
        if old == text:
            return
        if row is None:
            s.add(Setting(key=key, value=text, created_by=self.actor.name))
        else:
            row.value = text
        self.audit(s, "update", "settings", None, key, {key: [old, text]})

    @property
    def org_name(self) -> str:
        return self.get(ORG_NAME)

    def set_org_name(self, name: str) -> None:
        if not v.clean_text(name, ORG_NAME):
            raise MissingRequired(ORG_NAME)
        self.set(ORG_NAME, name)

    # ---- townships -----------------------------------------------------------------------

    def townships(self, *, include_inactive: bool = False) -> list[str]:
        stmt = select(Township.name).order_by(Township.position, Township.id)
        if not include_inactive:
            stmt = stmt.where(Township.active.is_(True))
        with self.ledger.db.read() as s:
            return list(s.scalars(stmt))

    def set_townships(self, names: Sequence[str]) -> None:
        """Replace the list (order kept); names dropped from it are kept inactive, not deleted."""
        self.require("settings")
        with self.ledger.db.begin() as s:
            self.set_townships_in(s, names)

    def set_townships_in(self, s: Session, names: Sequence[str]) -> None:
        """`set_townships` inside the caller's transaction."""
        clean: list[str] = []
        for raw in names:
            name = v.clean_text(raw, "township_name", max_len=40)
            if name and name not in clean:
                clean.append(name)
        existing = {t.name: t for t in s.scalars(select(Township))}
        old = [t.name for t in sorted(existing.values(), key=lambda t: t.position) if t.active]
        if old == clean:
            return
        for position, name in enumerate(clean):
            town = existing.get(name)
            if town is None:
                s.add(Township(name=name, position=position, created_by=self.actor.name))
            else:
                town.position, town.active = position, True
        for name, town in existing.items():
            if name not in clean:
                town.active = False
        self.audit(s, "update", "townships", None, "乡镇(街道)列表", {"townships": [old, clean]})

    # ---- 低保标准 --------------------------------------------------------------------------

    def dibao_standards(self) -> dict[int, Decimal]:
        with self.ledger.db.read() as s:
            return {
                d.year: d.monthly_amount
                for d in s.scalars(select(DibaoStandard).order_by(DibaoStandard.year))
            }

    def dibao_standard(self, year: int) -> Decimal | None:
        with self.ledger.db.read() as s:
            return s.scalar(select(DibaoStandard.monthly_amount).where(DibaoStandard.year == year))

    def set_dibao_standard(self, year: Any, amount: Any) -> None:
        self.require("settings")
        with self.ledger.db.begin() as s:
            self.set_dibao_standard_in(s, year, amount)

    def set_dibao_standard_in(self, s: Session, year: Any, amount: Any) -> None:
        """`set_dibao_standard` inside the caller's transaction."""
        y = v.parse_int(year, "year", minimum=1990, maximum=2100)
        money = v.parse_money(amount, "monthly_amount")
        if y is None:
            raise MissingRequired("year")
        if not money:
            raise InvalidValue("monthly_amount", amount, "低保标准必须大于零。")
        row = s.get(DibaoStandard, y)
        old = row.monthly_amount if row else None
        if old == money:
            return
        if row is None:
            s.add(DibaoStandard(year=y, monthly_amount=money, created_by=self.actor.name))
        else:
            row.monthly_amount = money
        self.audit(
            s,
            "update",
            "dibao_standards",
            y,
            f"{y}年低保标准",
            {"monthly_amount": [str(old) if old is not None else None, str(money)]},
        )
