"""The forms of each record kind: what shows when (station type, activity category) and live hints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtWidgets import QLabel, QWidget

from desktop.forms.record_form import RecordForm
from models import validation as v
from models.errors import LedgerError
from models.income import per_capita_monthly, suggest_class
from models.kinds import Kind
from models.services.stations import REST_STOP, missing_kit


def _variant_fields(kind: Kind) -> tuple[str, ...]:
    """Fields that only some station types (activity categories) have."""
    return tuple(f.name for f in kind if f.only_for)


def fill_from_id(form: RecordForm) -> None:
    """性别 and 出生日期 taken from a valid ID number, where the clerk has not filled them.

    What was filled this way follows the number as it is typed on: the first fifteen digits of
    an eighteen-digit number read as an old fifteen-digit one (19YYMMDD), a wrong date."""
    try:
        info = v.id_number_info(form.raw("id_number"))
    except LedgerError:
        return
    filled = form.auto_filled
    for field, value in (("gender", info.gender), ("birth_date", info.birth_date)):
        current = form.raw(field)
        if current in (None, "") or (field in filled and current == filled[field]):
            form.set_raw(field, value)
            filled[field] = value


class HouseholdForm(RecordForm):
    """困难职工档案: the ID number fills 性别/出生日期; the income shows beside the 低保标准."""

    def __init__(
        self,
        *,
        townships: Sequence[str],
        dibao: Decimal | None,
        year: int | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__("households", options={"township": townships}, parent=parent)
        self.dibao, self.year = dibao, year or dt.date.today().year
        self.assessment = QLabel()
        self.assessment.setObjectName("assessment")
        self.assessment.setWordWrap(True)
        self.assessment.setProperty("role", "hint")
        income_group = self.groups[2]
        grid = income_group.layout()
        grid.addWidget(self.assessment, grid.rowCount(), 0, 1, grid.columnCount())
        self.field_changed.connect(self._on_field)
        self._update_assessment()

    def after_load(self) -> None:
        self._update_assessment()

    def _on_field(self, field: str) -> None:
        if field == "id_number":
            fill_from_id(self)
        if field in ("family_size", "family_annual_income", "annual_rigid_expense"):
            self._update_assessment()

    def _update_assessment(self) -> None:
        try:
            income = v.parse_money(self.raw("family_annual_income"), "family_annual_income")
            rigid = v.parse_money(self.raw("annual_rigid_expense"), "annual_rigid_expense")
            size = v.parse_int(self.raw("family_size"), "family_size", minimum=1) or 1
        except LedgerError:
            self.assessment.setText("收入数字有误，改正后这里显示月人均收入和建议类别。")
            return
        figure = per_capita_monthly(income or Decimal(0), rigid or Decimal(0), size)
        _, why = suggest_class(figure, self.dibao)
        self.assessment.setText(f"{self.year}年：{why}")


class StationForm(RecordForm):
    """服务阵地: fields of the chosen type only (设施 for 驿站, 藏书 for 书屋 …); kit warning."""

    def __init__(self, *, townships: Sequence[str], parent: QWidget | None = None) -> None:
        super().__init__("stations", options={"township": townships}, parent=parent)
        self.kit_hint = QLabel()
        self.kit_hint.setObjectName("kit_hint")
        self.kit_hint.setWordWrap(True)
        self.kit_hint.setProperty("role", "hint")
        grid = self.groups[2].layout()
        grid.addWidget(self.kit_hint, grid.rowCount(), 0, 1, grid.columnCount())
        self.field_changed.connect(self._on_field)
        self.after_load()

    def after_load(self) -> None:
        station_type = self.raw("station_type")
        for field in _variant_fields(self.spec):
            self.set_field_visible(field, self.spec[field].applies(station_type))
        self._update_kit()

    def _on_field(self, field: str) -> None:
        if field == "station_type":
            self.after_load()
        elif field == "facilities":
            self._update_kit()

    def _update_kit(self) -> None:
        if self.raw("station_type") != REST_STOP:
            self.kit_hint.hide()
            return
        lacking = missing_kit(self.raw("facilities"))
        self.kit_hint.setText(
            "标准配置齐全。"
            if not lacking
            else f"标准配置还缺：{'、'.join(lacking)}（可以保存，建议补齐）。"
        )
        self.kit_hint.show()


class ActivityForm(RecordForm):
    """活动台账: the figures of the chosen category (案件数 for 维权, 新建工会数 for 建会入会 …)."""

    def __init__(
        self,
        *,
        townships: Sequence[str],
        stations: Sequence[tuple[int, str]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(
            "activities", options={"township": townships, "station_id": stations}, parent=parent
        )
        self.field_changed.connect(lambda f: self.after_load() if f == "category" else None)
        self.after_load()

    def after_load(self) -> None:
        category = self.raw("category")
        for field in _variant_fields(self.spec):
            self.set_field_visible(field, self.spec[field].applies(category))

    def values(self) -> dict[str, Any]:
        values = super().values()
        for field in _variant_fields(self.spec):
            if not self.spec[field].applies(values.get("category")):
                values.pop(field, None)  # a figure of another category is not kept by accident
        return values


def member_form(parent: QWidget | None = None) -> RecordForm:
    """家庭成员: the ID number fills 性别/出生日期 as in the household form."""
    form = RecordForm("members", parent=parent)
    form.field_changed.connect(lambda field: field == "id_number" and fill_from_id(form))
    return form


def assistance_form(operator: str = "", parent: QWidget | None = None) -> RecordForm:
    form = RecordForm("assistance", parent=parent)
    if operator:
        form.set_raw("operator", operator)
        form._initial = form.values()
    return form


def defaults(form: RecordForm, values: Mapping[str, Any]) -> None:
    """Prefill a new record (not counted as an unsaved change)."""
    for field, value in values.items():
        if field in form.widgets:
            form.set_raw(field, value)
    form._initial = form.values()
