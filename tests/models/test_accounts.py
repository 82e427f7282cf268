"""Accounts, login, lockout, roles: a 查看 account can neither change nor unmask anything."""

from __future__ import annotations

import datetime as dt
import inspect
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from models import accounts as pw
from models.accounts import LoginFailed
from models.errors import InvalidValue, PermissionDenied
from models.services import ROLE_ADMIN, ROLE_CLERK, ROLE_VIEWER, Actor, Ledger
from models.services.audit import AuditQuery
from tests.models.factories import household_values

ROOT = Path(__file__).resolve().parents[2]
GOOD = "Huangshan#2025"
CLERK = "Yingke-Song7"


@pytest.fixture(autouse=True)
def _fast_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    # Production parameters cost a third of a second per hash; the scheme is the same.
    monkeypatch.setattr(pw, "SCRYPT_N", 2**10)


def test_hash_is_salted_and_verifies() -> None:
    a, b = pw.hash_password(GOOD), pw.hash_password(GOOD)
    assert a != b and a.startswith("scrypt$")
    assert pw.verify_password(GOOD, a) and not pw.verify_password("huangshan#2025", a)
    assert not pw.verify_password(GOOD, "garbage") and not pw.verify_password(GOOD, "")


def test_production_parameters_are_strong() -> None:
    import importlib

    fresh = importlib.reload(pw)
    assert fresh.SCRYPT_N >= 2**15 and fresh.SCRYPT_R >= 8
    assert fresh.MAX_FAILURES == 5 and fresh.LOCKOUT == dt.timedelta(minutes=15)


@pytest.mark.parametrize("bad", ["", "short1", "aaaaaaaaaa", "  padded password  "])
def test_weak_passwords_refused_in_chinese(ledger: Ledger, bad: str) -> None:
    with pytest.raises(InvalidValue) as info:
        ledger.accounts.add("admin", "管理员甲", ROLE_ADMIN, bad)
    assert "密码" in info.value.message
    assert not ledger.accounts.enabled()


def test_login_off_until_first_account_which_must_be_admin(ledger: Ledger) -> None:
    assert not ledger.accounts.enabled()
    with pytest.raises(InvalidValue, match="第一个账号必须是“管理员”"):
        ledger.accounts.add("clerk", "录入甲", ROLE_CLERK, GOOD)
    ledger.accounts.add("admin", "刘主席", ROLE_ADMIN, GOOD)
    assert ledger.accounts.enabled()
    actor = ledger.accounts.login("ADMIN", GOOD)  # user names are not case-sensitive
    assert actor == Actor("刘主席", "admin", ROLE_ADMIN)


def test_lockout_after_five_failures_and_audit(ledger: Ledger) -> None:
    ledger.accounts.add("admin", "刘主席", ROLE_ADMIN, GOOD)
    for _ in range(4):
        with pytest.raises(LoginFailed, match="用户名或密码不正确"):
            ledger.accounts.login("admin", "wrong-password")
    with pytest.raises(LoginFailed, match="已被锁定"):
        ledger.accounts.login("admin", "wrong-password")
    # Locked: even the right password is refused until the time passes or an admin unlocks.
    with pytest.raises(LoginFailed, match="已被锁定"):
        ledger.accounts.login("admin", GOOD)
    with ledger.db.engine.begin() as conn:
        conn.execute(text("UPDATE operators SET locked_until = :t"), {"t": dt.datetime(2000, 1, 1)})
    assert ledger.accounts.login("admin", GOOD).role == ROLE_ADMIN
    failed = ledger.audit.count(AuditQuery(action="login_failed"))
    assert failed == 6
    assert ledger.audit.count(AuditQuery(action="login")) == 1
    with pytest.raises(LoginFailed, match="用户名或密码不正确"):
        ledger.accounts.login("nobody", GOOD)


def test_admin_unlock_disable_and_last_admin_guard(ledger: Ledger) -> None:
    ledger.accounts.add("admin", "刘主席", ROLE_ADMIN, GOOD)
    ledger.accounts.add("clerk", "王录入", ROLE_CLERK, GOOD)
    for _ in range(5):
        with pytest.raises(LoginFailed):
            ledger.accounts.login("clerk", "nope-nope-nope")
    ledger.accounts.unlock("clerk")
    assert ledger.accounts.login("clerk", GOOD).role == ROLE_CLERK
    ledger.accounts.disable("clerk")
    with pytest.raises(LoginFailed, match="停用"):
        ledger.accounts.login("clerk", GOOD)
    with pytest.raises(InvalidValue, match="最后一个可用的管理员"):
        ledger.accounts.disable("admin")
    states = {r.username: r.state for r in ledger.accounts.list()}
    assert states == {"admin": "正常", "clerk": "已停用"}


def test_operator_name_goes_into_audit_and_operator_fields(ledger: Ledger) -> None:
    ledger.accounts.add("admin", "刘主席", ROLE_ADMIN, GOOD)
    ledger.accounts.add("clerk", "王录入", ROLE_CLERK, GOOD)
    clerk = ledger.as_actor(ledger.accounts.login("clerk", GOOD))
    h = clerk.households.create(household_values())
    aid = clerk.households.add_assistance(
        h.id,
        {"date": "2024-01-10", "category": "生活救助", "cash": "500", "funding_source": "省财政"},
    )
    assert aid.operator == "王录入"
    entries = clerk.audit.history("households", h.id)
    assert entries and entries[0].operator == "王录入"
    detail = clerk.households.detail(h.id)
    assert detail.history[0].operator == "王录入"


def test_clerk_cannot_manage_accounts_or_restore(ledger: Ledger) -> None:
    ledger.accounts.add("admin", "刘主席", ROLE_ADMIN, GOOD)
    clerk = ledger.as_actor(Actor("王录入", "clerk", ROLE_CLERK))
    with pytest.raises(PermissionDenied):
        clerk.accounts.add("x", "x", ROLE_VIEWER, GOOD)
    with pytest.raises(PermissionDenied):
        clerk.accounts.list()
    with pytest.raises(PermissionDenied):
        clerk.privacy.audit_unmasked("花名册.xlsx")


# ---- the 查看 role --------------------------------------------------------------------------

# Public service methods that only read; everything else must refuse a 查看 account.
READ_ONLY = {
    "get",
    "by_file_no",
    "active_by_id_number",
    "detail",
    "assess",
    "search_ids",
    "count",
    "rows",
    "check_filter",
    "history",
    "changes_since",
    "items",
    "labels",
    "townships",
    "dibao_standards",
    "dibao_standard",
    "org_name",
    "clean_household",
    "clean_member",
    "clean_assistance",
    "clean_station",
    "clean_activity",
    "clean_usage",
    "enabled",
    "login",
    "can_unmask",
    "masked",
    "backup_dir",
    "backups",
    "verify",
    "check",
    "is_server",
    "server_backup_advice",
    "startup",
    "snapshot_daily",
    "snapshot_before",
    "record_event",
    "usage",
    "usage_rows",
    "photos",
    "first_photos",
    "by_code",
    "figures",
    "list",
    "require_unmask",
    "photo_file",
    "check_household",
    "check_member",
    "check_assistance",
    "paragraphs",
    "batches",
    "stats_tables",
    "sync",  # report drafts: writes only for a role that may edit (checked below)
    "find",
    "clean",
    "mappings",  # the office vocabulary, as an import reads with it
    "office",
    "export_csv",  # writes a file of the mappings, changes nothing (needs 导出数据)
    "audit",
    "require",  # helpers every service shares: write inside the caller's transaction
    "lists",  # the review lists and what feeds them (models.services.reviews)
    "duplicates",
    "cross_checks",
    "reviews",
    "follow_ups",
    "follow_up_months",
    "yearly_aid_limit",
}


def _table_counts(ledger: Ledger) -> dict[str, int]:
    from models.schema import Base

    with ledger.db.engine.connect() as conn:
        return {
            t: conn.execute(text(f'SELECT count(*) FROM "{t}"')).scalar_one()
            for t in Base.metadata.tables
            if t != "audit_log"
        }


def _dummy(param: inspect.Parameter) -> Any:
    return {"name": "x"} if "values" in param.name else 1


def test_viewer_cannot_change_anything(ledger: Ledger) -> None:
    h = ledger.households.create(household_values())
    before = _table_counts(ledger)
    viewer = ledger.as_actor(Actor("赵查看", "viewer", ROLE_VIEWER))
    services = {
        name: svc
        for name, svc in vars(viewer).items()
        if hasattr(svc, "require") and hasattr(svc, "ledger")
    }
    refused, unclassified = [], []
    for svc_name, svc in services.items():
        for name, method in inspect.getmembers(svc, inspect.ismethod):
            if name.startswith("_") or name in READ_ONLY or name.endswith("_in"):
                continue
            params = [
                p
                for p in inspect.signature(method).parameters.values()
                if p.default is p.empty and p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD)
            ]
            if params and params[0].name in ("s", "session", "obj"):
                continue  # hooks inside a caller's transaction; the caller checked permission
            kwargs = {
                p.name: _dummy(p)
                for p in inspect.signature(method).parameters.values()
                if p.default is p.empty and p.kind is p.KEYWORD_ONLY
            }
            try:
                method(*[_dummy(p) for p in params], **kwargs)
            except PermissionDenied:
                refused.append(f"{svc_name}.{name}")
                continue
            except Exception:  # noqa: BLE001 - dummy arguments got past the permission check
                pass
            unclassified.append(f"{svc_name}.{name}")
    # Every method that is not a known read must refuse the viewer before doing anything.
    assert unclassified == [], f"这些方法没有拒绝“查看”账号：{unclassified}"
    assert {"households.create", "households.update", "households.change_status"} <= set(refused)
    assert {"settings.set", "recycle.delete", "maintenance.restore"} <= set(refused)
    viewer.drafts.sync(2025, None, [("综述", "opening", "2025年，县总工会……")])
    assert _table_counts(ledger) == before
    assert viewer.households.get(h.id).name == h.name  # reading still works


def test_viewer_cannot_unmask(ledger: Ledger) -> None:
    h = ledger.households.create(
        household_values(phone="13812345678", bank_card="6222021234567891234")
    )
    viewer = ledger.as_actor(Actor("赵查看", "viewer", ROLE_VIEWER))
    assert not viewer.privacy.can_unmask()
    row = viewer.households.get(h.id)
    shown = viewer.privacy.masked(row)
    assert shown.id_number != row.id_number and "*" in shown.id_number
    assert shown.phone == "138****5678" and "*" in (shown.bank_card or "")
    with pytest.raises(PermissionDenied, match="查看"):
        viewer.privacy.masked(row, unmask=True)
    with pytest.raises(PermissionDenied):
        viewer.privacy.audit_unmasked("困难职工档案花名册.xlsx")
    assert ledger.audit.count(AuditQuery(action="export_unmasked")) == 0

    admin = ledger.as_actor(Actor("刘主席", "admin", ROLE_ADMIN))
    assert admin.privacy.masked(row, unmask=True) == row
    admin.privacy.audit_unmasked("困难职工档案花名册.xlsx", detail="导出 1 户")
    entries = ledger.audit.rows(ledger.audit.search_ids(AuditQuery(action="export_unmasked")))
    assert len(entries) == 1 and entries[0].operator == "刘主席"


# ---- command line -------------------------------------------------------------------------


def _cli(
    *args: str, home: Path, password: str | None = None, new_password: str | None = None
) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, UNION_LEDGER_HOME=str(home))
    for name, value in (
        ("UNION_LEDGER_PASSWORD", password),
        ("UNION_LEDGER_NEW_PASSWORD", new_password),
    ):
        env.pop(name, None)
        if value is not None:
            env[name] = value
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.mark.sqlite_only
def test_cli_accounts_and_login(tmp_path: Path) -> None:
    db = str(tmp_path / "a.sqlite3")
    assert _cli("init", "--db", db, home=tmp_path).returncode == 0
    made = _cli(
        "account", "add", "admin", "--name", "刘主席", "--db", db, home=tmp_path, new_password=GOOD
    )
    assert made.returncode == 0, made.stderr
    assert "第一个账号" in made.stdout

    no_user = _cli("check", "--db", db, home=tmp_path)
    assert no_user.returncode == 2 and "--user" in no_user.stderr

    no_password = _cli("check", "--db", db, "--user", "admin", home=tmp_path)
    assert no_password.returncode == 2 and "UNION_LEDGER_PASSWORD" in no_password.stderr

    wrong = _cli("check", "--db", db, "--user", "admin", home=tmp_path, password="wrong-one!")
    assert wrong.returncode == 2 and "用户名或密码不正确" in wrong.stderr

    args = ("--db", db, "--user", "admin")
    clerk = _cli(
        "account",
        "add",
        "clerk",
        "--name",
        "王录入",
        "--role",
        "录入员",
        *args,
        home=tmp_path,
        password=GOOD,
        new_password=CLERK,
    )
    assert clerk.returncode == 0, clerk.stderr
    listed = _cli("account", "list", *args, home=tmp_path, password=GOOD)
    assert "王录入" in listed.stdout and "录入员" in listed.stdout

    as_clerk = _cli("account", "list", "--db", db, "--user", "clerk", home=tmp_path, password=CLERK)
    assert as_clerk.returncode == 2 and "无权管理账号" in as_clerk.stderr
    assert "Traceback" not in as_clerk.stderr
