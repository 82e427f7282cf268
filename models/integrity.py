"""Database health check: SQLite integrity and foreign keys, plus the domain's own invariants."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import and_, func, literal, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from models import diagnostics, lifecycle
from models.database import Database, current_revision, head_revision
from models.masking import mask_id_number
from models.schema import (
    Activity,
    Assistance,
    Household,
    HouseholdMember,
    Photo,
    Station,
    StationUsage,
    StatusChange,
)

ERROR = "错误"
WARNING = "提醒"

# The quick check at window start must stay well under a second on a 100k-file database.
QUICK_LIMIT = 20


@dataclass(frozen=True)
class Finding:
    """One problem found: which record, what is wrong, and what the clerk should do about it."""

    severity: str  # 错误 (data is inconsistent) or 提醒 (worth a look)
    code: str
    record: str  # e.g. "档案 KN202500012（户主 张三）"
    problem: str
    advice: str
    entity: str | None = None
    record_id: int | None = None

    def text(self) -> str:
        return f"【{self.severity}】{self.record}：{self.problem} {self.advice}"


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    quick: bool = False
    checked_at: dt.datetime = field(default_factory=dt.datetime.now)
    households_checked: int = 0

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def healthy(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        if not self.findings:
            return "数据库检查通过：文件完好，业务数据一致。"
        warnings = len(self.findings) - len(self.errors)
        return f"数据库检查发现 {len(self.errors)} 个错误、{warnings} 个提醒，请逐条处理。"

    def as_json(self) -> dict[str, Any]:
        return {
            "healthy": self.healthy,
            "quick": self.quick,
            "checked_at": self.checked_at.isoformat(timespec="seconds"),
            "errors": len(self.errors),
            "warnings": len(self.findings) - len(self.errors),
            "summary": self.summary(),
            "findings": [asdict(f) for f in self.findings],
        }


def _file_label(file_no: str, name: str) -> str:
    return f"档案 {file_no}（户主 {name}）"


def check(db: Database, *, quick: bool = False) -> CheckReport:
    """Run every check (`quick`: the cheap ones the window runs at start-up)."""
    report = CheckReport(quick=quick)
    storage = list(_storage_checks(db, quick))
    report.findings.extend(storage)
    if any(f.code in ("sqlite_corrupt", "schema_newer") for f in storage):
        return report  # domain queries on a damaged file would only add noise or fail
    with db.read() as s:
        report.households_checked = int(s.scalar(select(func.count(Household.id))) or 0)
        report.findings.extend(_one_active_file(s, limit=QUICK_LIMIT if quick else None))
        if quick:
            report.findings.extend(_status_matches_history_quick(s))
        else:
            report.findings.extend(_status_history(s))
            report.findings.extend(_money(s))
            report.findings.extend(_family_size(s))
            report.findings.extend(_counts(s))
            report.findings.extend(_photo_files(s, db.files_dir))
            report.findings.extend(_cross_checks(s))
    return report


def _cross_checks(s: Session) -> Iterator[Finding]:
    """The auditors' cross-checks (models.reviews.cross_checks) as reminders, as of today."""
    from decimal import Decimal

    from models.reviews.cross_checks import YEARLY_AID_LIMIT, cross_checks
    from models.schema import Setting

    limit = s.get(Setting, YEARLY_AID_LIMIT)
    found = cross_checks(
        s, dt.date.today(), Decimal(limit.value) if limit and limit.value else None
    )
    for c in found:
        if c.code == "aid_after_closing":
            continue  # _money reports it already, with the same code
        yield Finding(
            WARNING,
            c.code,
            c.record,
            c.problem,
            c.advice,
            entity=c.entity,
            record_id=c.record_ids[0] if c.record_ids else None,
        )


# ---- storage ---------------------------------------------------------------------------------


def _storage_checks(db: Database, quick: bool) -> Iterator[Finding]:
    try:
        revision = current_revision(db)
        head = head_revision(db)
    except DBAPIError as exc:
        yield _corrupt(db, str(exc.orig or exc))
        return
    if revision != head:
        yield Finding(
            ERROR,
            "schema_newer" if revision else "schema_missing",
            f"数据库 {db.display_name}",
            f"数据库版本为 {revision or '无'}，本程序需要 {head}。",
            "请用本程序重新打开数据库让它自动升级；若它来自更新版本的程序，请升级本程序。",
        )
        return
    if not db.is_sqlite:
        return
    try:
        with db.engine.connect() as conn:
            pragma = "quick_check" if quick else "integrity_check"
            rows = [r[0] for r in conn.exec_driver_sql(f"PRAGMA {pragma}(20)")]
            if rows != ["ok"]:
                yield _corrupt(db, "\n".join(rows))
                return
            for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check"):
                yield Finding(
                    ERROR,
                    "foreign_key",
                    f"数据表 {table} 第 {rowid} 行",
                    f"引用了 {parent} 中不存在的记录（外键不一致）。",
                    "请从最近一次检查通过的备份恢复，或把此情况告知技术支持。",
                    entity=table,
                    record_id=rowid,
                )
    except DBAPIError as exc:
        yield _corrupt(db, str(exc.orig or exc))


def _corrupt(db: Database, detail: str) -> Finding:
    # SQLite's own (English) lines are for technical support: into the log, not the report.
    where = diagnostics.where_logged("数据库检查", f"{db.display_name}\n{detail}\n")
    return Finding(
        ERROR,
        "sqlite_corrupt",
        f"数据库文件 {db.display_name}",
        "文件已损坏（内部结构校验没有通过）。",
        "请不要继续录入；用“恢复备份”选择最近的一份备份，恢复前的文件会另存一份。" + where,
    )


# ---- one active file per person ------------------------------------------------------------


def _one_active_file(s: Session, limit: int | None) -> Iterator[Finding]:
    active = and_(Household.status.in_(lifecycle.ACTIVE_STATUSES), Household.deleted_at.is_(None))
    heads = select(
        Household.id_number.label("idn"),
        Household.id.label("hid"),
        Household.file_no,
        Household.name.label("head"),
        Household.name.label("person"),
        literal("户主").label("role"),
    ).where(active)
    members = (
        select(
            HouseholdMember.id_number.label("idn"),
            Household.id.label("hid"),
            Household.file_no,
            Household.name.label("head"),
            HouseholdMember.name.label("person"),
            literal("成员").label("role"),
        )
        .join(Household, HouseholdMember.household_id == Household.id)
        .where(active, HouseholdMember.deleted_at.is_(None), HouseholdMember.id_number.is_not(None))
    )
    everyone = heads.union_all(members).subquery()
    dup_ids = (
        select(everyone.c.idn)
        .group_by(everyone.c.idn)
        .having(func.count() > 1)
        .order_by(everyone.c.idn)
    )
    if limit:
        dup_ids = dup_ids.limit(limit)
    wanted = [r[0] for r in s.execute(dup_ids)]
    if not wanted:
        return
    places: dict[str, list[Any]] = defaultdict(list)
    for row in s.execute(select(everyone).where(everyone.c.idn.in_(wanted))):
        places[row[0]].append(row)
    for idn in wanted:
        rows = places[idn]
        where = "；".join(f"{r.file_no}（户主 {r.head}）中的{r.role} {r.person}" for r in rows)
        yield Finding(
            ERROR,
            "duplicate_person",
            f"身份证号 {mask_id_number(idn)}（{rows[0].person}）",
            f"同一人同时出现在 {len(rows)} 份有效档案中：{where}。",
            "一人只能在一份在档档案里。请核实后把重复的档案销档（原因选“重复建档”），"
            "或把该成员移入回收站。",
            entity="households",
            record_id=rows[0].hid,
        )


# ---- status history ------------------------------------------------------------------------


def _status_matches_history_quick(s: Session) -> Iterator[Finding]:
    """Only the last change against the current status, in one query (for the start-up check)."""
    last_id = (
        select(StatusChange.household_id, func.max(StatusChange.id).label("last_id"))
        .group_by(StatusChange.household_id)
        .subquery()
    )
    stmt = (
        select(
            Household.id,
            Household.file_no,
            Household.name,
            Household.status,
            StatusChange.to_status,
        )
        .outerjoin(last_id, last_id.c.household_id == Household.id)
        .outerjoin(StatusChange, StatusChange.id == last_id.c.last_id)
        .where(
            Household.deleted_at.is_(None),
            (StatusChange.to_status.is_(None)) | (StatusChange.to_status != Household.status),
        )
        .limit(QUICK_LIMIT)
    )
    for hid, file_no, name, status, last in s.execute(stmt):
        yield _status_finding(hid, file_no, name, status, last)


def _status_finding(hid: int, file_no: str, name: str, status: str, last: str | None) -> Finding:
    if last is None:
        problem = f"当前状态为“{status}”，但没有任何状态变更记录（连建档记录都没有）。"
    else:
        problem = f"当前状态为“{status}”，但最后一次状态变更的结果是“{last}”。"
    return Finding(
        ERROR,
        "status_mismatch",
        _file_label(file_no, name),
        problem,
        "请打开该档案核对状态历史；确认实际状态后，请管理员从备份恢复或联系技术支持更正。",
        entity="households",
        record_id=hid,
    )


def _status_history(s: Session) -> Iterator[Finding]:
    histories: dict[int, list[StatusChange]] = defaultdict(list)
    for change in s.scalars(
        select(StatusChange).order_by(StatusChange.household_id, StatusChange.id)
    ):
        histories[change.household_id].append(change)
    stmt = select(
        Household.id, Household.file_no, Household.name, Household.status, Household.filed_date
    )
    for hid, file_no, name, status, filed in s.execute(stmt.where(Household.deleted_at.is_(None))):
        changes = histories.get(hid, [])
        label = _file_label(file_no, name)
        if not changes or changes[-1].to_status != status:
            yield _status_finding(
                hid, file_no, name, status, changes[-1].to_status if changes else None
            )
            if not changes:
                continue
        yield from _history_steps(hid, label, filed, changes)


def _history_steps(
    hid: int, label: str, filed: dt.date, changes: list[StatusChange]
) -> Iterator[Finding]:
    advice = "请打开该档案核对状态历史，必要时由管理员从备份恢复或联系技术支持更正。"
    first = changes[0]
    if (
        first.action != lifecycle.FILE
        or first.from_status is not None
        or first.to_status != lifecycle.ON_FILE
    ):
        yield Finding(
            ERROR,
            "history_start",
            label,
            f"状态历史的第一条是“{first.action}”（{first.from_status or '无'}→{first.to_status}），应为“建档”。",
            advice,
            entity="households",
            record_id=hid,
        )
    elif first.date != filed:
        yield Finding(
            WARNING,
            "history_filed_date",
            label,
            f"建档日期为 {filed.isoformat()}，但状态历史中的建档记录日期为 {first.date.isoformat()}。",
            "请核对建档日期。",
            entity="households",
            record_id=hid,
        )
    for before, after in zip(changes, changes[1:], strict=False):
        step = lifecycle.find(after.action)
        if (
            step is None
            or after.from_status != before.to_status
            or step.source != after.from_status
            or step.target != after.to_status
        ):
            yield Finding(
                ERROR,
                "history_illegal",
                label,
                f"{after.date.isoformat()} 的状态变更“{after.action}”"
                f"（{after.from_status or '无'}→{after.to_status}）不符合档案流程"
                f"（上一状态为“{before.to_status}”）。",
                advice,
                entity="households",
                record_id=hid,
            )
        if after.date < before.date:
            yield Finding(
                ERROR,
                "history_dates",
                label,
                f"状态变更日期倒序：{after.date.isoformat()} 的“{after.action}”记在"
                f" {before.date.isoformat()} 的“{before.action}”之后。",
                advice,
                entity="households",
                record_id=hid,
            )


# ---- money and counts ----------------------------------------------------------------------


def _money(s: Session) -> Iterator[Finding]:
    negative_aid = (
        select(
            Assistance.id,
            Assistance.date,
            Assistance.cash,
            Assistance.goods_value,
            Household.file_no,
            Household.name,
        )
        .join(Household, Assistance.household_id == Household.id)
        .where(
            Assistance.deleted_at.is_(None), (Assistance.cash < 0) | (Assistance.goods_value < 0)
        )
    )
    for aid, date, cash, goods, file_no, name in s.execute(negative_aid):
        yield Finding(
            ERROR,
            "negative_amount",
            f"{_file_label(file_no, name)} {date} 的帮扶记录",
            f"金额为负数（现金 {cash} 元，实物折价 {goods} 元）。",
            "请打开该帮扶记录改正金额；若是冲减，请删除原记录后重新录入正确金额。",
            entity="assistance",
            record_id=aid,
        )
    zero_aid = (
        select(Assistance.id, Assistance.date, Household.file_no, Household.name)
        .join(Household, Assistance.household_id == Household.id)
        .where(Assistance.deleted_at.is_(None), Assistance.cash == 0, Assistance.goods_value == 0)
    )
    for aid, date, file_no, name in s.execute(zero_aid):
        yield Finding(
            WARNING,
            "zero_amount",
            f"{_file_label(file_no, name)} {date} 的帮扶记录",
            "现金和实物折价都为零。",
            "请补填金额，或把这条记录移入回收站。",
            entity="assistance",
            record_id=aid,
        )
    before_filing = (
        select(
            Assistance.id, Assistance.date, Household.file_no, Household.name, Household.filed_date
        )
        .join(Household, Assistance.household_id == Household.id)
        .where(
            Assistance.deleted_at.is_(None),
            Household.deleted_at.is_(None),
            Assistance.date < Household.filed_date,
        )
    )
    for aid, date, file_no, name, filed in s.execute(before_filing):
        yield Finding(
            WARNING,
            "aid_before_filing",
            f"{_file_label(file_no, name)} {date} 的帮扶记录",
            f"帮扶日期早于建档日期 {filed}（应先建档后帮扶）。",
            "请核对帮扶日期或建档日期。",
            entity="assistance",
            record_id=aid,
        )
    closed_on = (
        select(StatusChange.household_id, func.max(StatusChange.date).label("closed"))
        .where(StatusChange.to_status == lifecycle.CLOSED)
        .group_by(StatusChange.household_id)
        .subquery()
    )
    after_close = (
        select(
            Assistance.id, Assistance.date, Household.file_no, Household.name, closed_on.c.closed
        )
        .join(Household, Assistance.household_id == Household.id)
        .join(closed_on, closed_on.c.household_id == Household.id)
        .where(
            Assistance.deleted_at.is_(None),
            Household.status == lifecycle.CLOSED,
            Assistance.date > closed_on.c.closed,
        )
    )
    for aid, date, file_no, name, closed in s.execute(after_close):
        yield Finding(
            WARNING,
            "aid_after_closing",
            f"{_file_label(file_no, name)} {date} 的帮扶记录",
            f"帮扶日期晚于销档日期 {closed}。",
            "请核对：销档后的帮扶应记在新的档案上。",
            entity="assistance",
            record_id=aid,
        )
    for column, what in (
        (Household.family_annual_income, "家庭年收入"),
        (Household.annual_rigid_expense, "年刚性支出"),
        (Household.monthly_income, "月收入"),
    ):
        stmt = select(Household.id, Household.file_no, Household.name, column).where(
            Household.deleted_at.is_(None), column < 0
        )
        for hid, file_no, name, amount in s.execute(stmt):
            yield Finding(
                ERROR,
                "negative_amount",
                _file_label(file_no, name),
                f"{what}为负数（{amount} 元）。",
                f"请打开该档案改正{what}。",
                entity="households",
                record_id=hid,
            )
    members = (
        select(
            HouseholdMember.id,
            HouseholdMember.name,
            HouseholdMember.monthly_income,
            Household.file_no,
            Household.name,
        )
        .join(Household, HouseholdMember.household_id == Household.id)
        .where(HouseholdMember.deleted_at.is_(None), HouseholdMember.monthly_income < 0)
    )
    for mid, person, amount, file_no, name in s.execute(members):
        yield Finding(
            ERROR,
            "negative_amount",
            f"{_file_label(file_no, name)} 的成员 {person}",
            f"月收入为负数（{amount} 元）。",
            "请打开该成员信息改正月收入。",
            entity="household_members",
            record_id=mid,
        )


def _family_size(s: Session) -> Iterator[Finding]:
    live = (
        select(HouseholdMember.household_id, func.count().label("n"))
        .where(HouseholdMember.deleted_at.is_(None))
        .group_by(HouseholdMember.household_id)
        .subquery()
    )
    stmt = (
        select(Household.id, Household.file_no, Household.name, Household.family_size, live.c.n)
        .join(live, live.c.household_id == Household.id)
        .where(Household.deleted_at.is_(None), Household.family_size < live.c.n + 1)
    )
    for hid, file_no, name, size, n in s.execute(stmt):
        yield Finding(
            WARNING,
            "family_size",
            _file_label(file_no, name),
            f"家庭人口填的是 {size} 人，但户主加登记的成员共 {n + 1} 人。",
            "请核对家庭人口数（它决定月人均收入和困难类别），或把已不在户内的成员移入回收站。",
            entity="households",
            record_id=hid,
        )


def _counts(s: Session) -> Iterator[Finding]:
    usage = select(StationUsage.id, StationUsage.year, StationUsage.month).where(
        StationUsage.deleted_at.is_(None), StationUsage.visits < 0
    )
    for uid, year, month in s.execute(usage):
        yield Finding(
            ERROR,
            "negative_count",
            f"{year}年{month}月的服务人次记录（编号 {uid}）",
            "服务人次为负数。",
            "请打开该站点的服务人次改正。",
            entity="station_usage",
            record_id=uid,
        )
    activities = select(Activity.id, Activity.name, Activity.start_date).where(
        Activity.deleted_at.is_(None), (Activity.cash < 0) | (Activity.goods_value < 0)
    )
    for aid, name, start in s.execute(activities):
        yield Finding(
            ERROR,
            "negative_amount",
            f"活动“{name}”（{start}）",
            "慰问金或物资折价为负数。",
            "请打开该活动改正金额。",
            entity="activities",
            record_id=aid,
        )


# ---- photo files -----------------------------------------------------------------------------


def _photo_files(s: Session, folder: Path) -> Iterator[Finding]:
    """Each live photo whose file is gone from the attachments folder (the record alone is no
    evidence of the activity)."""
    stmt = (
        select(Photo.id, Photo.path, Activity.name, Activity.start_date, Station.name)
        .outerjoin(Activity, Photo.activity_id == Activity.id)
        .outerjoin(Station, Photo.station_id == Station.id)
        .where(
            Photo.deleted_at.is_(None),
            Activity.deleted_at.is_(None),
            Station.deleted_at.is_(None),
        )
        .order_by(Photo.id)
    )
    for pid, relative, activity, start, station in s.execute(stmt):
        file = folder / relative
        if file.is_file():
            continue
        owner = f"活动“{activity}”（{start}）" if activity else f"服务阵地“{station}”"
        where = "该活动" if activity else "该阵地"
        yield Finding(
            ERROR,
            "photo_missing",
            f"{owner}的照片",
            f"照片文件 {file} 不存在（可能被删除、移走，或复制数据库时没有带上“附件”文件夹）。",
            "请从含有照片的备份恢复（名称以 .zip 结尾的备份），或把原照片文件放回上述位置；"
            f"若已无法找回，请在{where}中删除这张照片后重新添加。",
            entity="photos",
            record_id=pid,
        )
