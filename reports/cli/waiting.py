"""How long a command waits for a lock another program holds (UNION_LEDGER_LOCK_WAIT seconds, else
five minutes), and the note it prints on stderr meanwhile."""

from __future__ import annotations

import math
import os
import sys

from models.errors import InvalidValue
from models.lock_wait import LockWait

ENV_LOCK_WAIT = "UNION_LEDGER_LOCK_WAIT"
# An office's imports take minutes, and a scheduled script had better wait than fail.
LOCK_WAIT_SECONDS = 300


def lock_wait_from_env() -> LockWait:
    """The command line's wait; a value that is not a number of seconds is refused."""
    text = os.environ.get(ENV_LOCK_WAIT, "").strip()
    seconds = float(LOCK_WAIT_SECONDS)
    if text:
        try:
            seconds = float(text)
        except ValueError:
            seconds = -1.0
        if not math.isfinite(seconds) or seconds < 0:
            raise InvalidValue(
                None, text, "应为等待的秒数，如 300（5 分钟）。没有做任何改动，请改正后再运行。",
                label=f"环境变量 {ENV_LOCK_WAIT} ",
            )  # fmt: skip
    limit = duration(seconds)

    def note(waited: float) -> None:
        so_far = f"已等{duration(waited)}，" if waited >= 1 else ""
        print(f"数据库正被另一个程序使用，正在等待…（{so_far}最多等{limit}）",
              file=sys.stderr, flush=True)  # fmt: skip

    return LockWait(seconds, note)


def duration(seconds: float) -> str:
    """Seconds as a clerk says them: 45秒, 5分钟, 2分钟30秒."""
    whole = round(seconds)
    if whole < 60:
        return f"{whole}秒"
    minutes, rest = divmod(whole, 60)
    return f"{minutes}分钟" + (f"{rest}秒" if rest else "")
