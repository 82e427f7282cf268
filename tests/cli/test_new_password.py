"""`account add`/`passwd` take the new password from UNION_LEDGER_NEW_PASSWORD or a prompt, never
from the operator's login variable."""

from __future__ import annotations

import io
from collections.abc import Iterator

import pytest

import main
from models import accounts as pw
from models.accounts import LoginFailed
from models.services import ROLE_ADMIN, Actor, Ledger

ADMIN_PASSWORD = "Huangshan#2025"
CLERK_PASSWORD = "Yingke-Song7"


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.fixture(autouse=True)
def _fast_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pw, "SCRYPT_N", 2**10)  # production cost is a third of a second per hash


@pytest.fixture
def admin_db(ledger: Ledger, db_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """A ledger with one 管理员 `admin`, and the operator's login password in the environment."""
    ledger.accounts.add("admin", "刘主席", ROLE_ADMIN, ADMIN_PASSWORD)
    monkeypatch.setenv("UNION_LEDGER_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.delenv("UNION_LEDGER_NEW_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO())  # no terminal: a script
    yield db_url


def _account(db_url: str, *args: str) -> int:
    return main.main(["--database-url", db_url, "--user", "admin", "account", *args])


def _logs_in(db_url: str, username: str, password: str) -> bool:
    ledger = Ledger.open(db_url)
    try:
        ledger.accounts.login(username, password)
        return True
    except LoginFailed:
        return False
    finally:
        ledger.close()


def _usernames(db_url: str) -> list[str]:
    ledger = Ledger.open(db_url)
    try:
        admin = ledger.as_actor(Actor("刘主席", "admin", ROLE_ADMIN))
        return [row.username for row in admin.accounts.list()]
    finally:
        ledger.close()


def test_add_without_a_new_password_is_refused_not_given_the_operators(
    admin_db: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _account(admin_db, "add", "clerk", "--role", "录入员") == 2
    err = capsys.readouterr().err
    assert "UNION_LEDGER_NEW_PASSWORD" in err and "终端" in err and "Traceback" not in err
    assert _usernames(admin_db) == ["admin"]


def test_add_takes_the_new_password_variable(
    admin_db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("UNION_LEDGER_NEW_PASSWORD", CLERK_PASSWORD)
    assert _account(admin_db, "add", "clerk", "--name", "王录入", "--role", "录入员") == 0
    assert "已建立账号 clerk" in capsys.readouterr().out
    assert _logs_in(admin_db, "clerk", CLERK_PASSWORD)
    assert not _logs_in(admin_db, "clerk", ADMIN_PASSWORD)


def test_passwd_without_a_new_password_changes_nothing(
    admin_db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("UNION_LEDGER_NEW_PASSWORD", CLERK_PASSWORD)
    assert _account(admin_db, "add", "clerk", "--role", "录入员") == 0
    monkeypatch.delenv("UNION_LEDGER_NEW_PASSWORD")
    capsys.readouterr()
    assert _account(admin_db, "passwd", "clerk") == 2
    assert "UNION_LEDGER_NEW_PASSWORD" in capsys.readouterr().err
    assert _logs_in(admin_db, "clerk", CLERK_PASSWORD)
    assert not _logs_in(admin_db, "clerk", ADMIN_PASSWORD)


def test_passwd_takes_the_new_password_variable(
    admin_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("UNION_LEDGER_NEW_PASSWORD", CLERK_PASSWORD)
    assert _account(admin_db, "add", "clerk", "--role", "录入员") == 0
    monkeypatch.setenv("UNION_LEDGER_NEW_PASSWORD", "Another#Pass9")
    assert _account(admin_db, "passwd", "clerk") == 0
    assert _logs_in(admin_db, "clerk", "Another#Pass9")
    assert not _logs_in(admin_db, "clerk", CLERK_PASSWORD)


def test_a_new_password_equal_to_the_operators_login_is_refused(
    admin_db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("UNION_LEDGER_NEW_PASSWORD", ADMIN_PASSWORD)
    assert _account(admin_db, "add", "clerk", "--role", "录入员") == 2
    assert "UNION_LEDGER_PASSWORD" in capsys.readouterr().err
    assert _usernames(admin_db) == ["admin"]


def test_at_a_terminal_the_new_password_is_asked_twice(
    admin_db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("UNION_LEDGER_PASSWORD")
    monkeypatch.setattr("sys.stdin", _Terminal())
    prompts: list[str] = []
    answers = iter([ADMIN_PASSWORD, CLERK_PASSWORD, CLERK_PASSWORD])

    def typed(prompt: str = "") -> str:
        prompts.append(prompt)
        return next(answers)

    monkeypatch.setattr("getpass.getpass", typed)
    assert _account(admin_db, "add", "clerk", "--role", "录入员") == 0, capsys.readouterr().err
    assert len(prompts) == 3 and "clerk" in prompts[1] and "再输入一次" in prompts[2]
    assert _logs_in(admin_db, "clerk", CLERK_PASSWORD)


def test_two_different_answers_at_the_terminal_change_nothing(
    admin_db: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", _Terminal())
    answers = iter([CLERK_PASSWORD, "Yingke-Song8"])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    assert _account(admin_db, "add", "clerk", "--role", "录入员") == 2
    assert "两次输入的密码不一致" in capsys.readouterr().err
    assert _usernames(admin_db) == ["admin"]


def test_the_first_account_needs_its_own_password_too(
    ledger: Ledger, db_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("UNION_LEDGER_PASSWORD", ADMIN_PASSWORD)
    monkeypatch.delenv("UNION_LEDGER_NEW_PASSWORD", raising=False)
    monkeypatch.setattr("sys.stdin", io.StringIO())
    assert main.main(["--database-url", db_url, "account", "add", "admin"]) == 2
    assert "UNION_LEDGER_NEW_PASSWORD" in capsys.readouterr().err
    assert not ledger.accounts.enabled()


def test_account_help_names_both_variables(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main.main(["account", "-h"])
    out = capsys.readouterr().out
    assert "UNION_LEDGER_NEW_PASSWORD" in out and "UNION_LEDGER_PASSWORD" in out
