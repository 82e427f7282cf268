"""Typed domain errors; each carries field and value and renders its Chinese message here, in one place."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, ClassVar

from models.masking import mask_id_number


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


class UnmappedChoice(InvalidChoice):
    """An import's wording that no list value, synonym or office mapping covers, in a field that
    cannot be left blank or 其他 (性别, 困难类别, a required list without 其他)."""

    template = (
        "{label}“{value}”对应不到可选值（{allowed}）。如这是本地的写法，请在导入时指定它对应的"
        "标准值（导入向导的“值对应”一步，或命令行 --map 对应表），以后的导入会自动沿用。"
    )


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


@dataclass(frozen=True)
class Person:
    """Who a conflict message names: a name, and the ID number (always shown masked) or birth date."""

    name: str | None
    id_number: str | None = None
    birth_date: dt.date | None = None

    def __str__(self) -> str:
        name = self.name or ""
        if self.id_number:
            masked = mask_id_number(self.id_number)
            return f"{name}（身份证号 {masked}）" if name else f"身份证号为 {masked} 的人"
        if self.birth_date:
            return f"{name}（出生日期 {_cn_date(self.birth_date)}）"
        return name or "（未填姓名）"


def _cn_date(d: dt.date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


class IdentityConflict(LedgerError):
    """A natural key (档案编号, 身份证号, 站点编号) that finds the record of someone else.

    An import never changes who a record is about, nor hangs a row on another person's file: the
    row is refused naming both sides. Built by the class methods below, one per situation.
    """

    code = "identity_conflict"
    template = "{found}，而这一行{incoming}{note}。{consequence}请核对表中的{check}是否填错{fix}。"

    def __init__(
        self,
        field: str,
        value: Any,
        *,
        found: str,
        incoming: str,
        consequence: str,
        check: str,
        fix: str = "",
        note: str = "",
    ) -> None:
        super().__init__(
            field, value, found=found, incoming=incoming, consequence=consequence, check=check,
            fix=f"；{fix}" if fix else "", note=note,
        )  # fmt: skip

    @staticmethod
    def _look_alike(a: str | None, b: str | None) -> str:
        if a and b and a != b and mask_id_number(a) == mask_id_number(b):
            return "（两个身份证号遮蔽后看起来一样，不同之处在中间被遮住的几位）"
        return ""

    @classmethod
    def file_of_another(
        cls,
        field: str,
        value: Any,
        file_no: str,
        head: Person,
        incoming: Person,
        by: str = "身份证号",
    ) -> IdentityConflict:
        """A household row whose 档案编号 is the file of someone with another ID number (`by`)."""
        return cls(
            field,
            value,
            found=f"档案编号“{file_no}”在台账中是{head}的档案",
            incoming=f"填的是{incoming}",
            note=cls._look_alike(head.id_number, incoming.id_number),
            consequence=_REWRITE.format(whom="档案户主", identity="姓名和身份证号"),
            check=f"档案编号或{by}",
            fix="若台账中该档案的户主信息本身有误，请打开该档案修改后再导入",
        )

    @classmethod
    def renamed_head(
        cls, field: str, value: Any, file_no: str, head: Person, name: str
    ) -> IdentityConflict:
        """A row with a head's ID number (or a member row with it) under another name."""
        return cls(
            field,
            value,
            found=f"身份证号“{mask_id_number(head.id_number)}”在台账中是档案 {file_no} 的户主{head.name}",
            incoming=f"填的姓名是{name}",
            consequence=_REWRITE.format(whom="档案户主", identity="姓名和身份证号"),
            check="身份证号或姓名",
            fix="若户主确已改名或台账中的姓名有误，请打开该档案修改姓名后再导入",
        )

    @classmethod
    def renamed_member(
        cls, field: str, value: Any, file_no: str, member: Person, name: str
    ) -> IdentityConflict:
        """A member row whose ID number is a member of the file under another name."""
        return cls(
            field,
            value,
            found=f"身份证号“{mask_id_number(member.id_number)}”在档案 {file_no} 中是家庭成员{member.name}",
            incoming=f"填的姓名是{name}",
            consequence=_REWRITE.format(whom="家庭成员", identity="姓名和身份证号"),
            check="身份证号或姓名",
            fix="若台账中的成员姓名有误，请打开该档案修改后再导入",
        )

    @classmethod
    def other_member(
        cls, field: str, value: Any, file_no: str, member: Person, incoming: Person
    ) -> IdentityConflict:
        """A member row with a member's name but another ID number or birth date."""
        by_id = bool(member.id_number and incoming.id_number)
        return cls(
            field,
            value,
            found=f"档案 {file_no} 中已有家庭成员{member}",
            incoming=f"填的却是{incoming}",
            note=cls._look_alike(member.id_number, incoming.id_number),
            consequence=_REWRITE.format(whom="家庭成员", identity="身份证号和出生日期"),
            check="身份证号" if by_id else "姓名和出生日期",
            fix="若是同一人而台账中的信息有误，请打开该档案修改后再导入；"
            "若是同名的另一人，请在档案中手工添加",
        )

    @classmethod
    def wrong_file(
        cls,
        what: str,
        file_no: str,
        head: Person,
        *,
        by_file_no: bool,
        stated_id: str | None = None,
        stated_name: str | None = None,
    ) -> IdentityConflict:
        """A member or aid row whose 档案编号, 户主身份证号 and 户主姓名 are not one file's head."""
        if by_file_no:
            found, key = f"档案编号“{file_no}”在台账中的户主是{head}", "档案编号"
        else:
            masked = mask_id_number(head.id_number)
            found = f"户主身份证号“{masked}”在台账中是档案 {file_no} 的户主{head.name}"
            key = "户主身份证号"
        if stated_id:
            field, value = "head_id_number", stated_id
            told = f"户主身份证号是 {mask_id_number(stated_id)}"
        else:
            field, value, told = "head_name", stated_name, f"户主姓名是{stated_name}"
        return cls(
            field,
            value,
            found=found,
            incoming=f"填的{told}",
            consequence=f"为免把{what}记到别人的档案里，这一行没有导入。",
            check=f"{key}和{'户主身份证号' if stated_id else '户主姓名'}",
        )

    @classmethod
    def renamed_station(
        cls, field: str, value: Any, code: str, name: str, stated: str, *, usage: bool = False
    ) -> IdentityConflict:
        """A station row (or a 服务人次 row) whose 站点编号 is a station of another name."""
        consequence = (
            "为免把服务人次记到别的阵地，这一行没有导入。"
            if usage
            else "导入不会改动已有阵地的名称（以免把一个阵地的服务人次和活动记到另一个名下），"
            "这一行没有导入。"
        )
        return cls(
            field,
            value,
            found=f"站点编号“{code}”在台账中是“{name}”",
            incoming=f"填的名称是“{stated}”",
            consequence=consequence,
            check="站点编号或名称",
            fix="若阵地确已更名，请先在“服务阵地”中打开它修改名称，再导入",
        )


_REWRITE = (
    "导入不会改动已有{whom}的{identity}（以免把一个人的信息记到另一个人名下），这一行没有导入。"
)


class MaskedNumber(LedgerError):
    """A masked number (带*) where a new record needs the real one."""

    template = (
        "{label}“{value}”是遮蔽后的号码（带*），只能用来核对已有记录，不能据此{action}。"
        "请使用原始名单或“导出完整号码”的文件。"
    )

    def __init__(self, field: str, value: Any, action: str) -> None:
        super().__init__(field, value, action=action)


class DuplicateRecord(LedgerError):
    """A natural key (档案编号, 站点编号 …) that is already taken."""

    code = "duplicate_record"
    template = "{label}“{value}”已被另一条记录使用，请换一个或打开已有的那条记录。"


class UnknownHousehold(LedgerError):
    code = "unknown_household"
    template = (
        "找不到{label}为“{value}”的困难职工档案。请先建档（先建档后帮扶），再录入成员或帮扶记录。"
    )


class UnknownStation(LedgerError):
    """A 服务人次 (or 活动) row naming a station the ledger does not have: 先建站后报人次."""

    code = "unknown_station"
    template = (
        "台账中没有{what}“{value}”的站点。请先导入“站点”表（服务阵地或驿站台账），或在“服务阵地”"
        "中录入该站点，再导入这一行；若已录入，请核对站点名称、编号与台账是否一致。"
    )

    def __init__(self, field: str, value: Any, *, what: str = "名为") -> None:
        super().__init__(field, value, what=what)


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


class LedgerNotFound(DatabaseProblem):
    """A ledger file that does not exist where it was asked for: only 新建台账 or `init` create one,
    so that a mistyped path never collects a day's work in a new, empty ledger."""

    code = "ledger_not_found"

    def __init__(self, path: Any, how_to_create: str = "") -> None:
        self.path = path
        reason = (
            f"找不到数据库文件“{path}”。请检查路径是否写错"
            "（程序不会自动新建数据库，以免把数据录进一个空的新台账）。"
        )
        super().__init__(reason + how_to_create)


class DatabaseBusy(DatabaseProblem):
    """Another window or program held the database's write lock for longer than this action waits
    (`waited` seconds); nothing of the action was written."""

    code = "database_busy"

    def __init__(self, waited: float = 0.0, reason: str = "") -> None:
        self.waited = waited
        super().__init__(
            reason
            or f"数据库正被另一个程序使用，等了{round(waited)}秒仍未空出，这次没有写入任何内容。"
            "请等另一个程序完成后再试一次。"
        )


class NotALedger(DatabaseProblem):
    """A database that holds another program's tables: refused before anything is written to it
    (not even its journal mode), and never replaced by a restore."""

    code = "not_a_ledger"

    def __init__(self, where: Any) -> None:
        self.where = where
        super().__init__(
            f"{where} 里已有数据表，但不是工会台账创建的（可能是另一个程序的数据库）。"
            "为免损坏他人的数据，程序没有改动它。请换一个工会台账的数据库文件；"
            "要新建台账，请用一个新的文件名。"
        )


class CannotSave(InvalidValue):
    """A file the clerk asked for cannot be written there; the message names the folder and why."""

    code = "cannot_save"
    template = "{reason}"

    def __init__(self, reason: str, path: Any = None) -> None:
        super().__init__("file", path, reason, label="保存位置")
