"""Chinese labels of field names, looked up in models.kinds (and of the few names outside it)."""

from __future__ import annotations

from models.kinds import KINDS

# One label table per record kind (花名册 columns in order), read off the registry.
HOUSEHOLD_FIELDS: dict[str, str] = KINDS["households"].labels()
MEMBER_FIELDS: dict[str, str] = KINDS["members"].labels()
ASSISTANCE_FIELDS: dict[str, str] = KINDS["assistance"].labels()
STATION_FIELDS: dict[str, str] = KINDS["stations"].labels()
ACTIVITY_FIELDS: dict[str, str] = KINDS["activities"].labels()
STATUS_CHANGE_FIELDS: dict[str, str] = KINDS["status_changes"].labels()
FIELDS_BY_KIND: dict[str, dict[str, str]] = {name: k.labels() for name, k in KINDS.items()}
KIND_LABELS: dict[str, str] = {name: k.label for name, k in KINDS.items()}

# Labels for names that are not fields of a record kind, or whose generic label differs.
_GENERIC: dict[str, str] = {
    "name": "姓名",
    "category": "类别",
    "status": "状态",
    "date": "日期",
    "month": "月份",
    "year": "年度",
    "org_name": "填报单位",
    "backup_dir": "备份目录",
    "report_font": "年度总结字体",
    "townships": "乡镇(街道)列表",
    "township_name": "乡镇(街道)名称",
    "monthly_amount": "低保标准(元/月)",
    "assistance_category": "帮扶类别",
    "activity_category": "活动类别",
    "lift_route": "脱困路径",
    "close_reason": "销档原因",
    "reason": "原因",
    "reviewer": "审核人",
    "operator": "经办人",
    "username": "用户名",
    "password": "密码",
    "role": "角色",
    "display_name": "姓名",
    "caption": "照片说明",
    "taken_on": "拍摄日期",
    "hardship_class_original": "困难类别(原表述)",
    # The audit trail of 核查 and 防返困回访 (models.services.reviews).
    "review_result": "核查结果",
    "review_by": "核查人",
    "follow_up_way": "回访方式",
    "follow_up_result": "回访结果",
    "person_a": "人员甲",
    "person_b": "人员乙",
}


def label_of(field: str, kind: str | None = None) -> str:
    """The Chinese label of a field, preferring the record kind's own wording."""
    own = KINDS[kind].get(field) if kind in KINDS else None
    if own is not None:
        return own.label
    if field in _GENERIC:
        return _GENERIC[field]
    for each in KINDS.values():
        found = each.get(field)
        if found is not None:
            return found.label
    return field
