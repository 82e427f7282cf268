"""Where data lives: the one place that decides the data folder and the database location."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "工会台账"
DB_FILE_NAME = "ledger.sqlite3"
ENV_DB = "UNION_LEDGER_DB"
ENV_DATABASE_URL = "UNION_LEDGER_DATABASE_URL"
ENV_HOME = "UNION_LEDGER_HOME"


def data_dir() -> Path:
    """The user data folder (platformdirs), or UNION_LEDGER_HOME when set (tests, portable installs)."""
    override = os.environ.get(ENV_HOME)
    if override:
        return Path(override)
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def default_db_path() -> Path:
    return data_dir() / DB_FILE_NAME


def sqlite_url(path: str | os.PathLike[str]) -> str:
    return "sqlite:///" + str(Path(path).expanduser().resolve())


def resolve_database_url(db: str | None = None, database_url: str | None = None) -> str:
    """Command line first, then environment, then the default file: --database-url, --db, env vars."""
    if database_url:
        return database_url
    if db:
        return sqlite_url(db)
    if os.environ.get(ENV_DATABASE_URL):
        return os.environ[ENV_DATABASE_URL]
    if os.environ.get(ENV_DB):
        return sqlite_url(os.environ[ENV_DB])
    return sqlite_url(default_db_path())


def sqlite_file(url: str) -> Path | None:
    """The file an SQLite URL names; None for a server or an in-memory database."""
    from sqlalchemy.engine import make_url  # here: the window starts before SQLAlchemy loads

    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return Path(parsed.database)
