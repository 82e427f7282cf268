"""Command-line login: with no accounts defined the single clerk acts as 管理员; once accounts exist,
every command needs --user and the password (typed, or UNION_LEDGER_PASSWORD for scripts)."""

from __future__ import annotations

import getpass
import os
import sys

from models.accounts import LoginFailed
from models.errors import DatabaseProblem
from models.services import Actor, Ledger

ENV_PASSWORD = "UNION_LEDGER_PASSWORD"


def read_password(prompt: str = "密码：", *, confirm: bool = False) -> str:
    """The password from UNION_LEDGER_PASSWORD, else typed at the terminal (never echoed)."""
    from_env = os.environ.get(ENV_PASSWORD)
    if from_env is not None:
        return from_env
    if not sys.stdin.isatty():
        raise LoginFailed(
            "需要输入密码，但当前不是在终端中运行。请在终端中运行该命令，"
            f"或（在脚本中）用环境变量 {ENV_PASSWORD} 提供密码。"
        )
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("再输入一次：") != first:
        raise LoginFailed("两次输入的密码不一致，没有修改。请重新运行命令。")
    return first


def login_for_cli(ledger: Ledger, username: str | None) -> Ledger:
    """The ledger acting as the operator the command line names (or the sole clerk)."""
    try:
        if not ledger.accounts.enabled():
            return _started(ledger.as_actor(Actor(name=username or "", username=username or "")))
        if not username:
            raise LoginFailed(
                "本数据库已启用账号登录，请用 --user 用户名 指定账号；密码会在终端提示输入"
                f"（脚本中可用环境变量 {ENV_PASSWORD}）。"
            )
        actor = ledger.accounts.login(username, read_password(f"{username} 的密码："))
    except BaseException:
        ledger.close()
        raise
    return _started(ledger.as_actor(actor))


def _started(ledger: Ledger) -> Ledger:
    # The day's first command also takes the day's automatic backup, like opening the window does.
    try:
        ledger.maintenance.snapshot_daily()
    except DatabaseProblem as exc:
        print(f"提醒：今天的自动备份没有完成：{exc.message}", file=sys.stderr)
    return ledger
