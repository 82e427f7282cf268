"""Operator accounts and login: optional (off until an administrator creates the first account)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import accounts as pw
from models import validation as v
from models.accounts import LoginFailed
from models.errors import DuplicateRecord, InvalidChoice, InvalidValue, MissingRequired, NotFound
from models.schema import Operator
from models.schema.base import utcnow
from models.services.base import ROLE_ADMIN, ROLES, Actor, Service

_USERNAME = re.compile(r"^[\w.\-@]{1,40}$")
_WRONG = "用户名或密码不正确，请重新输入。注意大小写和输入法（全角/半角）。"


@dataclasses.dataclass(frozen=True)
class AccountRow:
    id: int
    username: str
    display_name: str
    role: str
    active: bool
    locked_until: dt.datetime | None
    failed_attempts: int
    last_login_at: dt.datetime | None

    @property
    def locked(self) -> bool:
        return self.locked_until is not None and self.locked_until > utcnow()

    @property
    def state(self) -> str:
        if not self.active:
            return "已停用"
        return "已锁定" if self.locked else "正常"


def _row(op: Operator) -> AccountRow:
    return AccountRow(
        op.id,
        op.username,
        op.display_name,
        op.role,
        op.active,
        op.locked_until,
        op.failed_attempts,
        op.last_login_at,
    )


class AccountService(Service):
    """Accounts are managed by 管理员; with no account at all, the single clerk acts as 管理员."""

    def enabled(self) -> bool:
        """Whether login is on: true as soon as any account exists."""
        with self.ledger.db.read() as s:
            return bool(s.scalar(select(func.count(Operator.id))))

    def list(self) -> list[AccountRow]:
        self.require("accounts")
        with self.ledger.db.read() as s:
            return [_row(o) for o in s.scalars(select(Operator).order_by(Operator.id))]

    def add(self, username: str, display_name: str | None, role: str, password: str) -> AccountRow:
        self.require("accounts")
        user = self._clean_username(username)
        name = v.strip_controls(display_name or "").strip() or user
        if len(name) > 40:
            raise InvalidValue("display_name", name, "不能超过 40 个字。", label="姓名")
        if role not in ROLES:
            raise InvalidChoice("role", role, ROLES, label="角色")
        pw.check_password_rules(password, user)
        with self.ledger.db.begin() as s:
            if s.scalar(select(Operator.id).where(func.lower(Operator.username) == user.lower())):
                raise DuplicateRecord("username", user, label="用户名")
            if role != ROLE_ADMIN and not s.scalar(select(func.count(Operator.id))):
                raise InvalidValue(
                    "role",
                    role,
                    "第一个账号必须是“管理员”，否则就没有人能管理账号了。请先建一个管理员账号。",
                    label="角色",
                )
            op = Operator(
                username=user,
                display_name=name,
                role=role,
                password_hash=pw.hash_password(password),
                active=True,
                failed_attempts=0,
                created_by=self.actor.name,
            )
            s.add(op)
            s.flush()
            self.audit(
                s,
                "create",
                "operators",
                op.id,
                f"账号 {user}（{name}）",
                {"username": [None, user], "display_name": [None, name], "role": [None, role]},
            )
            return _row(op)

    def set_password(
        self, username: str, password: str, *, old_password: str | None = None
    ) -> None:
        """管理员 resets anyone's password; an operator changes their own with the old one."""
        own = username == self.actor.username and old_password is not None
        if not own:
            self.require("accounts")
        pw.check_password_rules(password, username)
        with self.ledger.db.begin() as s:
            op = self._get(s, username)
            if own and not pw.verify_password(old_password or "", op.password_hash):
                raise LoginFailed("原密码不正确，密码没有修改。")
            op.password_hash = pw.hash_password(password)
            op.failed_attempts, op.locked_until = 0, None
            self.audit(
                s, "update", "operators", op.id, f"账号 {op.username}", {"password": ["***", "***"]}
            )

    def set_role(self, username: str, role: str) -> None:
        self.require("accounts")
        if role not in ROLES:
            raise InvalidChoice("role", role, ROLES, label="角色")
        with self.ledger.db.begin() as s:
            op = self._get(s, username)
            if op.role == role:
                return
            if op.role == ROLE_ADMIN:
                self._keep_an_admin(s, op)
            old, op.role = op.role, role
            self.audit(
                s, "update", "operators", op.id, f"账号 {op.username}", {"role": [old, role]}
            )

    def disable(self, username: str) -> None:
        self._set_active(username, False)

    def enable(self, username: str) -> None:
        self._set_active(username, True)

    def unlock(self, username: str) -> None:
        self.require("accounts")
        with self.ledger.db.begin() as s:
            op = self._get(s, username)
            op.failed_attempts, op.locked_until = 0, None
            self.audit(
                s,
                "update",
                "operators",
                op.id,
                f"账号 {op.username}",
                {"locked_until": ["锁定", None]},
            )

    def login(self, username: str, password: str) -> Actor:
        """Check the password; five failures in a row lock the account for fifteen minutes."""
        user = (username or "").strip()
        now = utcnow()
        with self.ledger.db.begin() as s:
            op = s.scalar(select(Operator).where(func.lower(Operator.username) == user.lower()))
            if op is None:
                self._log(s, "login_failed", None, f"账号 {user[:40]}", "无此用户名")
                failure = _WRONG
            elif op.locked_until is not None and op.locked_until > now:
                self._log(s, "login_failed", op.id, f"账号 {op.username}", "账号锁定中")
                failure = pw.lockout_message(op.locked_until, now)
            elif not pw.verify_password(password or "", op.password_hash):
                op.failed_attempts = (op.failed_attempts or 0) + 1
                note = f"密码错误（第 {op.failed_attempts} 次）"
                failure = _WRONG
                if op.failed_attempts >= pw.MAX_FAILURES:
                    op.locked_until, op.failed_attempts = now + pw.LOCKOUT, 0
                    note += "，账号已锁定 15 分钟"
                    failure = pw.lockout_message(op.locked_until, now)
                self._log(s, "login_failed", op.id, f"账号 {op.username}", note)
            elif not op.active:
                self._log(s, "login_failed", op.id, f"账号 {op.username}", "账号已停用")
                failure = "该账号已被停用，请联系管理员。"
            else:
                op.failed_attempts, op.locked_until, op.last_login_at = 0, None, now
                if pw.needs_rehash(op.password_hash):
                    op.password_hash = pw.hash_password(password)
                actor = Actor(name=op.display_name, username=op.username, role=op.role)
                self._log(s, "login", op.id, f"账号 {op.username}", None, operator=op.display_name)
                return actor
        # The failure (counter, lock, audit row) is committed above before the refusal is raised.
        raise LoginFailed(failure)

    # ---- helpers -------------------------------------------------------------------------

    def _set_active(self, username: str, active: bool) -> None:
        self.require("accounts")
        with self.ledger.db.begin() as s:
            op = self._get(s, username)
            if op.active == active:
                return
            if not active and op.role == ROLE_ADMIN:
                self._keep_an_admin(s, op)
            op.active = active
            if active:
                op.failed_attempts, op.locked_until = 0, None
            self.audit(
                s,
                "update",
                "operators",
                op.id,
                f"账号 {op.username}",
                {"active": [not active, active]},
            )

    @staticmethod
    def _keep_an_admin(s: Session, op: Operator) -> None:
        others = s.scalar(
            select(func.count(Operator.id)).where(
                Operator.role == ROLE_ADMIN, Operator.active.is_(True), Operator.id != op.id
            )
        )
        if not others:
            raise InvalidValue(
                "role",
                op.username,
                "这是最后一个可用的管理员账号，停用或降级后就没有人能管理账号和恢复备份了。"
                "请先为另一人建立管理员账号。",
                label="账号",
            )

    @staticmethod
    def _get(s: Session, username: str) -> Operator:
        op = s.scalar(
            select(Operator).where(
                func.lower(Operator.username) == (username or "").strip().lower()
            )
        )
        if op is None:
            raise NotFound("账号", username)
        return op

    @staticmethod
    def _clean_username(username: Any) -> str:
        user = (username or "").strip() if isinstance(username, str) else ""
        if not user:
            raise MissingRequired("username", label="用户名")
        if not _USERNAME.match(user):
            raise InvalidValue(
                "username",
                user,
                "只能用字母、数字、汉字和 . - _ @，不超过 40 个字符，不能有空格。",
                label="用户名",
            )
        return user

    def _log(
        self,
        s: Session,
        action: str,
        op_id: int | None,
        label: str,
        note: str | None,
        *,
        operator: str | None = None,
    ) -> None:
        from models.schema import AuditEntry

        s.add(
            AuditEntry(
                operator=operator or label.removeprefix("账号 "),
                action=action,
                entity="operators",
                entity_id=op_id,
                entity_label=label[:200],
                changes={},
                note=note,
            )
        )
