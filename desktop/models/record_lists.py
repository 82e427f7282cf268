"""The list models of each record kind: their columns (headers from models.fields) and row colours."""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QColor

from desktop.models.lazy_table import Column, LazyTableModel, display
from models.fields import ACTIVITY_FIELDS, HOUSEHOLD_FIELDS, STATION_FIELDS, label_of
from models.kinds import by_table
from models.masking import mask_id_number, mask_phone
from models.services.audit import ACTION_LABELS, ENTITY_LABELS
from models.services.privacy import MASKERS

GREY = QColor("#8a8a8a")
AMBER = QColor("#a15c00")


def _h(field: str) -> str:
    return HOUSEHOLD_FIELDS[field]


class HouseholdListModel(LazyTableModel):
    """困难职工档案 list; ID numbers and phones are masked unless the window is unmasked."""

    columns = (
        Column("file_no", _h("file_no"), "file_no", width=120),
        Column("name", _h("name"), "name", width=80),
        Column("gender", _h("gender"), "gender", width=44),
        Column("id_number", _h("id_number"), "id_number", width=160, mask=mask_id_number),
        Column("township", "乡镇(街道)", "township", width=100),
        Column("hardship_class", _h("hardship_class"), "hardship_class", width=80),
        Column("main_cause", _h("main_cause"), None, width=120),
        Column("family_size", "人口", "family_size", numeric=True, width=44),
        Column("per_capita_monthly", "月人均(元)", "per_capita_monthly", numeric=True, width=84),
        Column("status", "状态", "status", width=60),
        Column("filed_date", _h("filed_date"), "filed_date", width=90),
        Column("phone", _h("phone"), "phone", width=110, mask=mask_phone),
    )

    def foreground(self, row: Any) -> Any:
        if row.status == "已销档":
            return GREY
        if row.status == "已脱困":
            return AMBER
        return None


def _s(field: str) -> str:
    return STATION_FIELDS[field]


STATION_COLUMNS = (
    Column("code", _s("code"), "code", width=80),
    Column("name", _s("name"), "name", width=200),
    Column("station_type", _s("station_type"), "station_type", width=150),
    Column("township", "乡镇(街道)", "township", width=100),
    Column("host_unit", _s("host_unit"), None, width=140),
    Column("manager", _s("manager"), None, width=70),
    Column("phone", _s("phone"), None, width=110, mask=mask_phone),
    Column("built_date", _s("built_date"), "built_date", width=90),
    Column("status", _s("status"), "status", width=50),
    Column("star_level", _s("star_level"), "star_level", numeric=True, width=44),
)

REST_STOP_COLUMNS = (
    Column("code", _s("code"), "code", width=70),
    Column("name", _s("name"), "name", width=190),
    Column("township", "乡镇(街道)", "township", width=100),
    Column("host_kind", _s("host_kind"), None, width=80),
    Column("host_unit", _s("host_unit"), None, width=140),
    Column("open_24h", "24小时", None, width=54),
    Column("facilities", _s("facilities"), None, width=240),
    Column("status", _s("status"), "status", width=50),
    Column("star_level", _s("star_level"), "star_level", numeric=True, width=44),
)


class StationListModel(LazyTableModel):
    def __init__(
        self, source: Any, query: Any, *, rest_stops: bool = False, parent: Any = None
    ) -> None:
        self.columns = REST_STOP_COLUMNS if rest_stops else STATION_COLUMNS
        super().__init__(source, query, parent)

    def foreground(self, row: Any) -> Any:
        return GREY if row.status in ("停用", "撤销") else None


def _a(field: str) -> str:
    return ACTIVITY_FIELDS[field]


class ActivityListModel(LazyTableModel):
    columns = (
        Column("start_date", _a("start_date"), "start_date", width=90),
        Column("name", _a("name"), "name", width=260),
        Column("category", _a("category"), "category", width=120),
        Column("township", "乡镇(街道)", "township", width=100),
        Column("participants", _a("participants"), "participants", numeric=True, width=70),
        Column("person_times", _a("person_times"), "person_times", numeric=True, width=70),
        Column("cash", _a("cash"), "cash", numeric=True, width=90),
        Column("include_in_summary", "写入总结", None, width=64),
    )


def _changes_text(row: Any, unmasked: bool = False) -> str:
    if row.note:
        return row.note
    kind = by_table(row.entity)  # a station's name is 名称, a member's 姓名
    parts = []
    for field, pair in list(row.changes.items())[:6]:
        old, new = (pair + [None, None])[:2] if isinstance(pair, list) else (None, pair)
        mask = None if unmasked else MASKERS.get(field)
        if mask is not None:
            old, new = (mask(str(v)) if v else v for v in (old, new))
        label = label_of(field, kind.name if kind else None)
        parts.append(f"{label}：{display(old) or '空'} → {display(new) or '空'}")
    return "；".join(parts)


class AuditListModel(LazyTableModel):
    """操作日志: newest first (the audit service always orders by time)."""

    columns = (
        Column("at", "时间", None, width=130),
        Column("operator", "操作人", None, width=70),
        Column("action", "操作", None, lambda r: ACTION_LABELS.get(r.action, r.action), width=80),
        Column(
            "entity", "对象类型", None, lambda r: ENTITY_LABELS.get(r.entity, r.entity), width=90
        ),
        # A setting is logged under its key (org_name): shown by its Chinese name.
        Column(
            "entity_label",
            "对象",
            None,
            lambda r: label_of(r.entity_label) if r.entity == "settings" else r.entity_label,
            width=200,
        ),
        Column("changes", "内容", None, _changes_text, width=420),
    )

    def cell_text(self, row: Any, column: Column) -> str:
        if column.key == "changes":  # old → new values of ID numbers and phones are personal too
            return _changes_text(row, self.unmasked)
        return super().cell_text(row, column)
