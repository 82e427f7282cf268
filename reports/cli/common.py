"""What every command shares: opening the ledger from --db/--database-url, and no traceback for clerks."""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path

from models import paths
from models.diagnostics import write_log
from models.errors import LedgerError, LedgerNotFound
from models.services import Ledger


def open_ledger(args: argparse.Namespace, *, create: bool = False) -> Ledger:
    """Open (and migrate) the database the command line names, acting as the logged-in operator.

    Only `init` and `demo` pass `create`: every other command refuses a file that is not there.
    A write waits minutes for another program's lock, saying so on stderr (reports.cli.waiting).
    """
    from reports.cli.waiting import lock_wait_from_env

    url = paths.resolve_database_url(getattr(args, "db", None), getattr(args, "database_url", None))
    wait = lock_wait_from_env()
    try:
        ledger = Ledger.open(url, create=create)
    except LedgerNotFound as exc:
        raise LedgerNotFound(
            exc.path, f"如要在这里新建台账，请运行：python main.py --db {shell_path(exc.path)} init"
        ) from None
    ledger.db.lock_wait = wait  # before the login, which writes too
    from reports.cli.login import login_for_cli

    return login_for_cli(ledger, getattr(args, "user", None))


def shell_path(path: object) -> str:
    """A path as typed in a command shown to the clerk: quoted when it has spaces."""
    text = str(path)
    return f'"{text}"' if any(ch.isspace() for ch in text) else text


def guarded(command: Callable[[], int]) -> int:
    """Run a command; refusals print their Chinese message, surprises go to a log file, not the screen."""
    try:
        return command()
    except LedgerError as exc:
        print(f"错误：{exc.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("已取消。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader (`| head`, a closed window) stopped listening: not the clerk's problem.
        # Point stdout at nothing so the interpreter's final flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141
    except Exception:  # noqa: BLE001 - the clerk gets a message, the details go to the log
        log = _write_crash_log()
        print(
            "程序遇到意外错误，操作未完成，数据库没有被改动。"
            f"详细信息已记录在 {log}，请把该文件发给技术支持。",
            file=sys.stderr,
        )
        return 1


def _write_crash_log() -> Path:
    log = write_log("错误", traceback.format_exc())
    if log is None:
        traceback.print_exc()
        return Path("（无法写入日志文件）")
    return log
