"""What every service shares: the acting operator, permission checks, change tracking and audit rows."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from sqlalchemy import inspect as sa_inspect
from sqlalchemy import text
from sqlalchemy.orm import Session

from models.errors import LedgerError, MissingRequired, PermissionDenied
from models.schema import AuditEntry
from models.wording import original

if TYPE_CHECKING:
    from models.lock_wait import LockWait
    from models.services.ledger import Ledger

ROLE_ADMIN = "管理员"
ROLE_CLERK = "录入员"
ROLE_VIEWER = "查看"
ROLES = (ROLE_ADMIN, ROLE_CLERK, ROLE_VIEWER)

# What each role may do; the window greys out what is not allowed, the services refuse it.
PERMISSIONS: dict[str, frozenset[str]] = {
    ROLE_ADMIN: frozenset(
        {"edit", "import", "export", "unmask", "restore", "accounts", "settings", "backup"}
    ),
    ROLE_CLERK: frozenset({"edit", "import", "export"}),
    ROLE_VIEWER: frozenset({"export"}),
}

ACTION_NAMES = {
    "edit": "修改数据",
    "import": "导入数据",
    "export": "导出数据",
    "unmask": "查看或导出未遮蔽的身份证号、电话和银行卡号",
    "restore": "恢复备份",
    "backup": "把数据库备份到指定位置（备份文件含完整的身份证号和银行卡号）",
    "accounts": "管理账号",
    "settings": "修改设置",
}


@dataclass(frozen=True)
class Actor:
    """Who is working: their name goes into the audit trail and the 经办人/录入人 fields."""

    name: str = ""
    username: str = ""
    role: str = ROLE_ADMIN

    def can(self, permission: str) -> bool:
        return permission in PERMISSIONS.get(self.role, frozenset())


ID_BATCH = 1000


def all_ids(session: Session, stmt: Any) -> list[int]:
    """Every id a list search selects, fetched ID_BATCH at a time.

    One fetch of 100,000 rows holds the GIL for ~50 ms in C, so the window's GUI thread stalls
    while a list searches on a worker; fetched in batches it waits ~1 ms, and the whole search is
    faster too (tests/benchmarks/bench_desktop.py measures the GUI thread during start-up).
    """
    return list(session.scalars(stmt.execution_options(yield_per=ID_BATCH)))


def serialize_on(session: Session, key: str, wait: LockWait | None = None) -> None:
    """Make concurrent transactions about the same key (an ID number …) run one after the other.

    PostgreSQL: a transaction-level advisory lock, released at commit/rollback, so a check-then-
    insert (one active file per person) cannot interleave between two clerks; `wait` bounds the
    wait for it (DatabaseBusy after), saying meanwhile that it waits. SQLite needs nothing: every
    write transaction already holds the database's write lock (BEGIN IMMEDIATE).
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    digest = hashlib.blake2b(key.encode("utf-8"), digest_size=8).digest()
    params = {"key": int.from_bytes(digest, "big", signed=True)}
    if wait is None:
        session.execute(text("SELECT pg_advisory_xact_lock(:key)"), params)
        return
    waiting = wait.start()
    while not session.scalar(text("SELECT pg_try_advisory_xact_lock(:key)"), params):
        waiting.retry(pause=0.2)


def first_error(errors: list[LedgerError]) -> None:
    """Raise the first problem found, carrying the rest, so a form can mark every bad field."""
    if errors:
        exc = errors[0]
        exc.others = errors[1:]  # type: ignore[attr-defined]
        raise exc


def jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, tuple | list | set | frozenset):
        return [jsonable(v) for v in value]
    return value


class Service:
    """Base of the area services; each public method is one short transaction for one user action."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    @property
    def actor(self) -> Actor:
        return self.ledger.actor

    def require(self, permission: str) -> None:
        if not self.actor.can(permission):
            raise PermissionDenied(ACTION_NAMES.get(permission, permission), self.actor.role)

    def audit(
        self,
        session: Session,
        action: str,
        entity: str,
        entity_id: int | None,
        label: str,
        changes: Mapping[str, Any] | None = None,
        *,
        batch_id: int | None = None,
        note: str | None = None,
    ) -> None:
        session.add(
            AuditEntry(
                operator=self.actor.name or self.actor.username,
                action=action,
                entity=entity,
                entity_id=entity_id,
                entity_label=label[:200],
                changes=dict(changes or {}),
                batch_id=batch_id,
                note=note,
            )
        )


def apply_changes(
    obj: Any, values: Mapping[str, Any], fields: Iterable[str]
) -> dict[str, list[Any]]:
    """Set the given attributes where they differ; return {field: [old, new]} for the audit trail.

    The clerk's original wording is not replaced but kept in step with the fields it explains
    (models.wording.original.settle).
    """
    changes: dict[str, list[Any]] = {}
    fields = tuple(fields)
    for field in fields:
        if field not in values:
            continue
        old, new = getattr(obj, field), values[field]
        if new is None:
            new = _blank_for(obj, field)
        if _same(old, new):
            continue
        setattr(obj, field, new)
        changes[field] = [jsonable(old), jsonable(new)]
    if hasattr(obj, original.COLUMN):
        original.settle(obj, values, changes, fields)
    return changes


def _blank_for(obj: Any, field: str) -> Any:
    """What clearing a field means: None, or for a NOT NULL column its default (家庭人口 1 …);
    a NOT NULL column without a default cannot be cleared (a refusal, not a database error)."""
    column = sa_inspect(type(obj)).columns.get(field)
    if column is None or column.nullable:
        return None
    default = column.default.arg if column.default is not None else None
    if default is None or callable(default):
        raise MissingRequired(field)
    return default


def snapshot(obj: Any, fields: Iterable[str]) -> dict[str, list[Any]]:
    """Audit changes for a new record: every non-empty field as [None, value], and the clerk's
    original wording the record was created with."""
    changes = {
        f: [None, jsonable(getattr(obj, f))]
        for f in fields
        if getattr(obj, f) not in (None, "", False)
    }
    if getattr(obj, original.COLUMN, None):
        changes[original.COLUMN] = [None, getattr(obj, original.COLUMN)]
    return changes


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, Decimal) or isinstance(new, Decimal):
        try:
            return Decimal(old) == Decimal(new)  # 12 == 12.00
        except TypeError:
            return False
    return bool(old == new)
