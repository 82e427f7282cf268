"""Details for technical support: files in the 日志 folder of the data folder, never shown to a clerk."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

from models import paths


def log_folder() -> Path:
    return paths.data_dir() / "日志"


def write_log(kind: str, text: str) -> Path | None:
    """Write `text` to a new file 日志/<kind>-<time>.log and return it; None if it cannot be written.

    Owner-only (0600) from its first byte: a database error's text carries the statement's
    parameters, full ID and bank numbers among them. Never overwrites an earlier log.
    """
    folder = log_folder()
    stamp = f"{dt.datetime.now():%Y%m%d-%H%M%S}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        for attempt in range(1, 100):
            path = folder / f"{kind}-{stamp}{'' if attempt == 1 else f'-{attempt}'}.log"
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                continue
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            return path
    except OSError:
        return None
    return None


def where_logged(kind: str, detail: str) -> str:
    """Log `detail` and return the sentence telling the clerk where it went ("" if it could not
    be written): the technical text is for support, the message stays in plain Chinese."""
    log = write_log(kind, detail)
    return f"详细信息已记录在 {log}，可发给技术支持。" if log else ""
