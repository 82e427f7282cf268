"""What the review lists hand out: one frozen entry per file (or member) with why it is listed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from models.masking import mask_id_number, mask_phone

# The lists in the order the screen, the CLI and the export show them: key → heading.
LIST_TITLES: dict[str, str] = {
    "not_reviewed_12m": "超过12个月未核查",
    "never_assisted": "在档从未帮扶",
    "not_assisted_this_year": "今年未帮扶",
    "income_above_threshold": "收入已超过类别标准",
    "member_changes": "家庭成员年龄或就学变化",
    "follow_up_due": "防返困回访到期",
    "possible_duplicates": "疑似重复建档",
    "cross_checks": "交叉核对发现",
}
HOUSEHOLD_LISTS = (
    "not_reviewed_12m",
    "never_assisted",
    "not_assisted_this_year",
    "income_above_threshold",
    "member_changes",
    "follow_up_due",
)


@dataclass(frozen=True)
class ReviewEntry:
    """One file on a list; `detail` says in Chinese why, `date` is the date the rule looked at
    (最近核查, last aid, a member's birthday, a follow-up's due date)."""

    household_id: int
    file_no: str
    name: str
    township: str
    id_number: str
    phone: str | None
    status: str
    hardship_class: str
    detail: str
    date: dt.date | None = None
    member_id: int | None = None
    member_name: str | None = None
    suggestion: str | None = None  # 脱困 / 相对困难 …: what the rule suggests, the clerk decides
    overdue: bool = False

    def as_json(self, *, unmask: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "household_id": self.household_id,
            "file_no": self.file_no,
            "name": self.name,
            "township": self.township,
            "id_number": self.id_number if unmask else mask_id_number(self.id_number),
            "phone": (self.phone if unmask else mask_phone(self.phone)) if self.phone else None,
            "status": self.status,
            "hardship_class": self.hardship_class,
            "detail": self.detail,
            "date": self.date.isoformat() if self.date else None,
        }
        if self.member_id is not None:
            out["member_id"] = self.member_id
            out["member_name"] = self.member_name
        if self.suggestion:
            out["suggestion"] = self.suggestion
        if self.overdue:
            out["overdue"] = True
        return out


HEAD_COLUMNS = ("id", "file_no", "name", "township", "id_number", "phone", "status",
                "hardship_class")  # fmt: skip


def entry(row: Any, detail: str, **extra: Any) -> ReviewEntry:
    """An entry from a result row carrying HEAD_COLUMNS (in any order, by name)."""
    m = row._mapping
    return ReviewEntry(
        household_id=m["id"],
        file_no=m["file_no"],
        name=m["name"],
        township=m["township"],
        id_number=m["id_number"],
        phone=m["phone"],
        status=m["status"],
        hardship_class=m["hardship_class"],
        detail=detail,
        **extra,
    )
