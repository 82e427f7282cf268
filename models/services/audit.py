"""Reading the audit trail (it is written by every service and never edited through the app)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Select, func, select

from models.kinds import KINDS
from models.rows import AuditRow, row_from
from models.schema import AuditEntry
from models.services.base import Service, all_ids

ACTION_LABELS = {
    "create": "新增",
    "update": "修改",
    "status": "状态变更",
    "delete": "移入回收站",
    "restore": "从回收站恢复",
    "import": "导入",
    "undo_import": "撤销导入",
    "export_unmasked": "未遮蔽导出",
    "print_unmasked": "未遮蔽打印",
    "view_unmasked": "查看完整号码",
    "login": "登录",
    "login_failed": "登录失败",
    "backup": "备份",
    "restore_backup": "恢复备份",
    "review": "核查",
    "follow_up": "防返困回访",
    "not_same_person": "标记不是同一人",
    "merge": "合并重复档案",
}

ENTITY_LABELS = {
    # Record kinds by the table the audit trail names them by, then everything else audited.
    **{k.table: k.label for k in KINDS.values() if k.importable and not k.record},
    "photos": "照片",
    "settings": "设置",
    "townships": "乡镇(街道)",
    "dibao_standards": "低保标准",
    "office_vocabulary": "常用写法对应",
    "import_batches": "导入批次",
    "operators": "账号",
    "exports": "导出",
    "reports": "年度总结",
    "not_same_person": "疑似重复（不是同一人）",
}


@dataclass(frozen=True)
class AuditQuery:
    entity: str | None = None
    entity_id: int | None = None
    action: str | None = None
    operator: str | None = None
    since: dt.date | None = None
    until: dt.date | None = None
    batch_id: int | None = None
    text: str = ""


class AuditService(Service):
    def search_ids(self, query: AuditQuery, limit: int | None = None) -> list[int]:
        stmt = self._filtered(select(AuditEntry.id), query).order_by(AuditEntry.id.desc())
        if limit:
            stmt = stmt.limit(limit)
        with self.ledger.db.read() as s:
            return all_ids(s, stmt)

    def count(self, query: AuditQuery | None = None) -> int:
        stmt = self._filtered(select(func.count(AuditEntry.id)), query or AuditQuery())
        with self.ledger.db.read() as s:
            return int(s.scalar(stmt) or 0)

    def rows(self, ids: Sequence[int]) -> list[AuditRow]:
        if not ids:
            return []
        with self.ledger.db.read() as s:
            found = {
                e.id: row_from(AuditRow, e)
                for e in s.scalars(select(AuditEntry).where(AuditEntry.id.in_(list(ids))))
            }
        return [found[i] for i in ids if i in found]

    def history(self, entity: str, entity_id: int) -> list[AuditRow]:
        return self.rows(self.search_ids(AuditQuery(entity=entity, entity_id=entity_id)))

    def changes_since(self, mark: int | None) -> tuple[int, frozenset[str]]:
        """The newest audit id and which kinds of record changed after `mark` (None: just the id).

        Every service writes an audit row with each change, so this is how a window learns that
        another window or another clerk on the server saved something, on any database engine.
        """
        with self.ledger.db.read() as s:
            newest = int(s.scalar(select(func.max(AuditEntry.id))) or 0)
            if mark is None or newest <= mark:
                return newest, frozenset()
            entities = s.scalars(
                select(AuditEntry.entity).where(AuditEntry.id > mark).distinct()
            ).all()
        return newest, frozenset(entities)

    def record_event(self, action: str, entity: str, label: str, note: str | None = None) -> None:
        """Audit something that changed no record (an unmasked export, a print, a login)."""
        with self.ledger.db.begin() as s:
            self.audit(s, action, entity, None, label, note=note)

    @staticmethod
    def _filtered(stmt: Select, q: AuditQuery) -> Select:  # type: ignore[type-arg]
        if q.entity:
            stmt = stmt.where(AuditEntry.entity == q.entity)
        if q.entity_id is not None:
            stmt = stmt.where(AuditEntry.entity_id == q.entity_id)
        if q.action:
            stmt = stmt.where(AuditEntry.action == q.action)
        if q.operator:
            stmt = stmt.where(AuditEntry.operator == q.operator)
        if q.batch_id is not None:
            stmt = stmt.where(AuditEntry.batch_id == q.batch_id)
        if q.since:
            stmt = stmt.where(AuditEntry.at >= dt.datetime.combine(q.since, dt.time()))
        if q.until:
            stmt = stmt.where(
                AuditEntry.at < dt.datetime.combine(q.until + dt.timedelta(days=1), dt.time())
            )
        if q.text:
            stmt = stmt.where(AuditEntry.entity_label.contains(q.text, autoescape=True))
        return stmt
