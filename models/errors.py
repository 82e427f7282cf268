"""Typed domain errors; each carries field and value and renders its Chinese message here, in one place."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar


class LedgerError(Exception):
    """Base of every refusal the services make; `message` is the Chinese text a clerk sees.

    `code` is a stable machine-readable reason (the import report's `code` values).
    `field` is the canonical field name (see models.fields), `label` its Chinese name.
    """

    code: ClassVar[str] = "invalid_value"
    template: ClassVar[str] = "{label}的值“{value}”不正确：{reason}"

    def __init__(
        self,
        field: str | None = None,
        value: Any = None,
        reason: str = "",
        *,
        label: str | None = None,
        **details: Any,
    ) -> None:
        self.field = field
        self.value = value
        self.reason = reason
        self.label = label or _label_for(field)
        self.details = details
        super().__init__(self.message)

    @property
    def message(self) -> str:
        return self.template.format(
            label=self.label, value=_short(self.value), reason=self.reason, **self.details
        )

    def __str__(self) -> str:
        return self.message


def _label_for(field: str | None) -> str:
    if not field:
        return "该项"
    from models.fields import label_of  # local: fields imports nothing heavy, but avoids a cycle

    return label_of(field)


def _short(value: Any, limit: int = 40) -> str:
    text = "" if value is None else str(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


class InvalidValue(LedgerError):
    """A value that does not fit its field (phone, coordinate, range, length …)."""


class MissingRequired(LedgerError):
    code = "missing_required"
    template = "{label}不能为空，请填写后再保存。"


class InvalidIdNumber(LedgerError):
    """An ID number that fails GB 11643; `code` says which check failed."""

    template = "身份证号“{value}”不正确：{reason}"

    def __init__(self, value: Any, reason: str, code: str, field: str = "id_number") -> None:
        self.code = code  # type: ignore[misc]  # per-instance: id_checksum / id_length / …
        super().__init__(field, value, reason)


class InvalidDate(LedgerError):
    code = "date_unparseable"
    template = (
        "{label}“{value}”不是有效日期：{reason}请写成 2025-03-18 或 2025年3月18日 这样的形式。"
    )


class InvalidMonth(InvalidDate):
    """A year-month value (服务人次 month); same code as a bad date, but the hint shows a month."""

    template = "{label}“{value}”不是有效月份：{reason}请写成 2025-03 或 2025年3月 这样的形式。"


class InvalidAmount(LedgerError):
    code = "amount_unparseable"
    template = "{label}“{value}”不是有效金额：{reason}请填写数字，如 1200 或 1,200.50。"


class InvalidChoice(LedgerError):
    code = "invalid_choice"
    template = "{label}“{value}”不在可选范围内。可选值：{allowed}。"

    def __init__(self, field: str, value: Any, allowed: Iterable[str], **kw: Any) -> None:
        self.allowed = tuple(allowed)
        super().__init__(field, value, allowed="、".join(self.allowed), **kw)


class DuplicatePerson(LedgerError):
    """The person is already head or member of another active household file."""

    code = "duplicate_person"
    template = (
        "身份证号为“{value}”的人员已在有效档案 {other_file_no}（户主：{other_head}）中，"
        "一人只能在一个在档的困难职工档案里。请先打开该档案核实，必要时销档后再建。"
    )

    def __init__(
        self, value: str, other_household_id: int, other_file_no: str, other_head: str
    ) -> None:
        self.other_household_id = other_household_id
        super().__init__("id_number", value, other_file_no=other_file_no, other_head=other_head)


class DuplicateRecord(LedgerError):
    """A natural key (档案编号, 站点编号 …) that is already taken."""

    code = "duplicate_record"
    template = "{label}“{value}”已被另一条记录使用，请换一个或打开已有的那条记录。"


class UnknownHousehold(LedgerError):
    code = "unknown_household"
    template = (
        "找不到{label}为“{value}”的困难职工档案。请先建档（先建档后帮扶），再录入成员或帮扶记录。"
    )


class ForbiddenTransition(LedgerError):
    code = "forbidden_transition"
    template = "档案当前状态为“{current}”，不能进行“{target}”操作。可以进行的操作：{allowed}。"

    def __init__(self, current: str, target: str, allowed: Iterable[str]) -> None:
        allowed_text = "、".join(allowed) or "无（已销档的档案只能查看；如需重新帮扶请新建档案）"
        super().__init__("status", target, current=current, target=target, allowed=allowed_text)


class NotFound(LedgerError):
    code = "not_found"
    template = "找不到{what}（编号 {value}），它可能已被删除或移入回收站。请刷新列表后再试。"

    def __init__(self, what: str, record_id: Any) -> None:
        super().__init__(None, record_id, what=what)


class ConcurrentEdit(LedgerError):
    """Someone saved the same record after this copy was read (optimistic locking)."""

    code = "concurrent_edit"
    template = "{what}已被其他人修改（您打开后又有人保存过）。请查看对方的修改，再决定保留哪一份。"

    def __init__(self, what: str, record_id: Any, current: int | None = None) -> None:
        # The version now in the database (None when unknown); the window reloads that record
        # to show both versions side by side.
        self.current = current
        super().__init__(None, record_id, what=what)


class PermissionDenied(LedgerError):
    code = "permission_denied"
    template = "当前账号（{role}）无权{action}。如需操作，请联系管理员。"

    def __init__(self, action: str, role: str) -> None:
        super().__init__(None, None, action=action, role=role)


class DatabaseProblem(LedgerError):
    """The database file or server cannot be used as it is (locked, newer schema, unreachable …)."""

    code = "database"
    template = "{reason}"

    def __init__(self, reason: str) -> None:
        super().__init__(None, None, reason)
