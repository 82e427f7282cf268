"""Command-line login: with no accounts defined the single clerk acts as 管理员; once accounts exist,
every command needs --user and the password (typed, or UNION_LEDGER_PASSWORD for scripts).

A password being set (`account add`, `account passwd`) is another secret: it is typed twice, or
comes from UNION_LEDGER_NEW_PASSWORD, never from the operator's login variable."""

from __future__ import annotations

import getpass
import os
import sys

from models.accounts import LoginFailed
from models.errors import DatabaseProblem, InvalidValue
from models.services import Actor, Ledger

ENV_PASSWORD = "UNION_LEDGER_PASSWORD"
ENV_NEW_PASSWORD = "UNION_LEDGER_NEW_PASSWORD"


def read_password(prompt: str = "密码：") -> str:
    """The operator's password from UNION_LEDGER_PASSWORD, else typed at the terminal (not echoed)."""
    from_env = os.environ.get(ENV_PASSWORD)
    if from_env is not None:
        return from_env
    if not sys.stdin.isatty():
        raise LoginFailed(
            "需要输入密码，但当前不是在终端中运行。请在终端中运行该命令，"
            f"或（在脚本中）用环境变量 {ENV_PASSWORD} 提供密码。"
        )
    return getpass.getpass(prompt)


def read_new_password(prompt: str) -> str:
    """The password being set: UNION_LEDGER_NEW_PASSWORD, else typed twice at the terminal.

    The login variable is never used for it: a script that logs in as 管理员 must not hand the
    管理员's own password to every account it creates.
    """
    new = os.environ.get(ENV_NEW_PASSWORD)
    if new is None:
        if not sys.stdin.isatty():
            raise LoginFailed(
                "需要设置新密码，但当前不是在终端中运行，无法提示输入，没有修改。"
                f"请在终端中运行该命令（新密码要输入两次），或在脚本中用环境变量 {ENV_NEW_PASSWORD} "
                f"提供新密码（{ENV_PASSWORD} 只用于登录）。"
            )
        new = getpass.getpass(prompt)
        if getpass.getpass("再输入一次：") != new:
            raise LoginFailed("两次输入的密码不一致，没有修改。请重新运行命令。")
    if new and new == os.environ.get(ENV_PASSWORD):
        raise InvalidValue(
            "password",
            "*" * min(len(new), 8),
            f"与当前操作员的登录密码（{ENV_PASSWORD}）相同，没有修改。"
            f"每个账号要有自己的密码，请在 {ENV_NEW_PASSWORD} 中另设一个。",
            label="新密码",
        )
    return new


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
