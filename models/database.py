"""Opening a database: engine set-up (SQLite WAL, foreign keys, busy timeout), sessions, migrations."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, select
from sqlalchemy import inspect as sa_inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from models import paths
from models.errors import (
    ConcurrentEdit,
    DatabaseBusy,
    DatabaseProblem,
    LedgerNotFound,
    NotALedger,
)

if TYPE_CHECKING:
    from models.lock_wait import LockWait

# Alembic reads the scripts as files: importlib.resources finds their folder in a source tree and
# in the PyInstaller bundle alike (the spec copies them there as data).
MIGRATIONS_DIR = Path(str(files("models.migrations")))
# Photos and other attachments, beside the database file (see `Database.files_dir`).
ATTACHMENTS = "附件"
BUSY_TIMEOUT_MS = 15_000
# Tables every ledger has had since its first revision: a database holding other tables but not
# these is another program's (even one kept by Alembic too), and is left exactly as it is.
LEDGER_TABLES = frozenset({"alembic_version", "households", "stations", "activities", "audit_log"})


def _sqlite_on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # Let SQLAlchemy's "begin" hook emit BEGIN itself: pysqlite's own transaction handling
    # defers BEGIN until the first write, which lets two writers deadlock on lock upgrade.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = NORMAL")
    cur.close()


def _sqlite_read_only_on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
    # A read-only file cannot switch journal mode; only what is safe for a reader is set.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cur.execute("PRAGMA query_only = ON")
    cur.close()


def _sqlite_on_begin(conn: Any) -> None:
    # Writes take the lock up front (BEGIN IMMEDIATE), so a second window waits instead of failing
    # half-way; reads start a plain deferred transaction and never block a writer under WAL.
    options = conn.get_execution_options()
    mode = options.get("sqlite_begin", "DEFERRED")
    wait = options.get("lock_wait")
    if wait is None:
        conn.exec_driver_sql(f"BEGIN {mode}")
    else:
        _begin_waiting(conn, mode, wait)


def _begin_waiting(conn: Any, mode: str, wait: LockWait) -> None:
    """BEGIN retried while another connection holds the write lock, for as long as `wait` says:
    short attempts, so that between them the clerk hears that the program is still waiting."""
    waiting = wait.start()
    conn.exec_driver_sql(f"PRAGMA busy_timeout = {int(wait.step * 1000)}")
    try:
        while True:
            try:
                conn.exec_driver_sql(f"BEGIN {mode}")
                return
            except OperationalError as exc:
                if not _is_busy(exc):
                    raise
                waiting.retry(pause=0.05)  # the busy timeout waited; this only stops a spin
    finally:
        conn.exec_driver_sql(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")


def _is_busy(exc: OperationalError) -> bool:
    text = str(exc.orig) if exc.orig else str(exc)
    return "locked" in text or "busy" in text


@dataclass
class Database:
    """An open database: `begin()` for one user action that writes, `read()` for queries."""

    url: str
    engine: Engine
    _writer: sessionmaker[Session] = field(repr=False)
    _reader: sessionmaker[Session] = field(repr=False)
    # Opened read-only (file not writable, or a copy on read-only media): the window shows
    # `read_only_reason` in a banner and every save is refused with that reason.
    read_only: bool = False
    read_only_reason: str = ""
    # How long a write waits for a lock another program holds: the command line waits minutes,
    # saying so (models.lock_wait); None is the window's busy timeout and wording.
    lock_wait: LockWait | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def path(self) -> Path | None:
        """The database file, for SQLite; None for a server database."""
        if not self.is_sqlite:
            return None
        database = make_url(self.url).database
        return Path(database) if database and database != ":memory:" else None

    @property
    def files_dir(self) -> Path:
        """Where photos and other attachments of this database are kept."""
        base = self.path.parent if self.path else paths.data_dir()
        return base / ATTACHMENTS

    @property
    def display_name(self) -> str:
        """How the status bar names this database (never shows a password)."""
        if self.path:
            return str(self.path)
        return make_url(self.url).render_as_string(hide_password=True)

    @contextlib.contextmanager
    def begin(self) -> Iterator[Session]:
        """One short write transaction: committed on success, rolled back on any error.

        The write lock another connection holds is waited for as `lock_wait` says, else for the
        busy timeout; DatabaseBusy when it is not free by then, nothing written.
        """
        if self.read_only:
            raise DatabaseProblem(f"{self.read_only_reason}当前只能查看，不能保存修改。")
        session = self._writer()
        try:
            with session.begin():
                if self.lock_wait is not None and self.is_sqlite:
                    # BEGIN now, waiting as told (PostgreSQL: see services.base.serialize_on)
                    session.connection(execution_options={"lock_wait": self.lock_wait})
                yield session
        except StaleDataError as exc:
            # Another window saved the same record between our read and our write (version column).
            raise self._conflict(session, str(exc)) from exc
        except OperationalError as exc:
            text = str(exc.orig) if exc.orig else str(exc)
            if _is_busy(exc):
                raise DatabaseBusy(
                    BUSY_TIMEOUT_MS / 1000,
                    "数据库正被另一个窗口占用（可能正在导入或恢复），刚才的修改没有保存。"
                    "请稍等片刻再保存一次。",
                ) from exc
            if "readonly" in text or "read-only" in text:
                raise DatabaseProblem(
                    f"数据库文件 {self.display_name} 是只读的，刚才的修改没有保存。"
                    "请检查文件权限，或把数据库复制到可写的位置。"
                ) from exc
            raise
        finally:
            session.close()

    def _conflict(self, session: Session, message: str) -> ConcurrentEdit:
        """The conflict with the record's id and its version now in the database, when known."""
        table = next((t for t in _STALE_TABLES if f"'{t}'" in message), None)
        candidates = [
            obj
            for obj in list(session.identity_map.values())
            if getattr(obj, "__tablename__", None) == table
        ]
        if len(candidates) != 1:
            return ConcurrentEdit(_STALE_TABLES.get(table or "", "该记录"), None)
        record_id = sa_inspect(candidates[0]).identity[0]
        model = type(candidates[0])
        with self.engine.connect() as conn:
            current = conn.execute(
                select(model.version).where(model.id == record_id)  # type: ignore[attr-defined]
            ).scalar()
        return ConcurrentEdit(_STALE_TABLES[table or ""], record_id, current=current)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only session; anything it would write is discarded."""
        session = self._reader()
        try:
            yield session
        finally:
            session.rollback()
            session.close()

    def dispose(self) -> None:
        self.engine.dispose()


_STALE_TABLES = {
    "households": "该困难职工档案",
    "household_members": "该家庭成员",
    "assistance": "该帮扶记录",
    "stations": "该服务阵地",
    "station_usage": "该服务人次记录",
    "activities": "该活动",
    "photos": "该照片",
}


def create_database_engine(url: str, *, read_only: bool = False) -> Engine:
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if read_only and parsed.database:
            engine = create_engine(
                "sqlite:///file:" + parsed.database + "?mode=ro&uri=true",
                connect_args={"timeout": BUSY_TIMEOUT_MS / 1000},
            )
            event.listen(engine, "connect", _sqlite_read_only_on_connect)
            event.listen(engine, "begin", _sqlite_on_begin)
            return engine
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _sqlite_on_connect)
        event.listen(engine, "begin", _sqlite_on_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def connect(url: str, *, read_only_reason: str = "") -> Database:
    """Open an engine and sessions without touching the schema (see `open_database`)."""
    engine = create_database_engine(url, read_only=bool(read_only_reason))
    writer_bind = (
        engine.execution_options(sqlite_begin="IMMEDIATE")
        if engine.dialect.name == "sqlite"
        else engine
    )
    from models import search_index  # the ORM tables, only once a database is opened

    writer = sessionmaker(bind=writer_bind, expire_on_commit=False)
    search_index.keep_in_step(writer)
    return Database(
        url=url,
        engine=engine,
        _writer=writer,
        _reader=sessionmaker(bind=engine, expire_on_commit=False),
        read_only=bool(read_only_reason),
        read_only_reason=read_only_reason,
    )


def open_database(
    url: str | None = None,
    *,
    migrate: bool = True,
    read_only_fallback: bool = False,
    create: bool = False,
) -> Database:
    """Open and bring the schema up to date, copying the file aside first.

    A SQLite file that does not exist is refused (LedgerNotFound) unless `create` (新建台账,
    `init`, `demo`) or it is the default ledger, created on first use. A new file's folder must
    exist already, except the default data folder.
    With `read_only_fallback` (the window), an SQLite file that cannot be written is opened
    read-only instead of refused; `Database.read_only_reason` says why.
    """
    url = supported_url(url or paths.resolve_database_url())
    _require_ledger_file(url, create=create)
    _refuse_a_foreign_file(url)
    if read_only_fallback:
        reason = _unwritable_reason(url)
        if reason:
            return _open_read_only(url, reason)
    db = connect(url)
    try:
        if migrate:
            upgrade(db)
    except DatabaseError as exc:
        db.dispose()
        text = str(exc.orig) if exc.orig else str(exc)
        if read_only_fallback and ("readonly" in text or "read-only" in text or "locked" in text):
            return _open_read_only(url, f"数据库 {db.display_name} 暂时无法写入（{text}）。")
        raise DatabaseProblem(_describe_operational(exc, db)) from exc
    return db


SUPPORTED_URLS = (
    "支持的地址：sqlite:///数据库文件路径（单机，也可直接用 --db 文件），"
    "或 postgresql://用户:密码@主机/库名（办公室服务器，即 postgresql+psycopg://…）。"
)


def supported_url(url: str) -> str:
    """The URL as opened: plain postgresql:// (and postgres://) means psycopg 3, the one driver
    shipped; any other database or driver is refused, saying which URLs work."""
    from sqlalchemy.exc import ArgumentError

    try:
        parsed = make_url(url)
    except ArgumentError:
        raise DatabaseProblem(f"“{url}”不是数据库地址。{SUPPORTED_URLS}") from None
    if parsed.drivername in ("sqlite", "sqlite+pysqlite"):
        return url
    if parsed.drivername in ("postgresql", "postgres", "postgresql+psycopg"):
        return parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    shown = parsed.render_as_string(hide_password=True)
    raise DatabaseProblem(f"不支持数据库地址 {shown}（{parsed.drivername}）。{SUPPORTED_URLS}")


def _require_ledger_file(url: str, *, create: bool) -> None:
    """The one rule for which SQLite files may be opened, and which created (see open_database)."""
    path = paths.sqlite_file(url)
    if path is None:
        return
    if path.is_dir():
        raise DatabaseProblem(f"“{path}”是一个文件夹，不是数据库文件。请写出数据库文件的完整路径。")
    if path.exists():
        return
    default = paths.default_db_path().expanduser().resolve()
    if path.resolve() == default:
        try:
            default.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseProblem(
                f"无法建立数据文件夹 {default.parent}：{exc.strerror or exc}。"
                "请检查该位置是否可写，或用 --db 指定其他位置的数据库文件。"
            ) from exc
        _create_owner_only(path)
        return
    if not create:
        raise LedgerNotFound(path)
    if not path.parent.is_dir():
        what = "不是文件夹" if path.parent.exists() else "不存在"
        raise DatabaseProblem(
            f"无法在 {path} 新建数据库：文件夹 {path.parent} {what}。"
            "请先建立该文件夹，或换一个已有的文件夹。"
        )
    _create_owner_only(path)


def _create_owner_only(path: Path) -> None:
    """The new ledger, empty and owner-only (0600) before SQLite writes a page of it: it will hold
    every full ID and bank number, and SQLite gives its -wal and -shm files the same mode."""
    try:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
    except FileExistsError:
        return  # made meanwhile by another window: opened as it is
    except OSError as exc:
        raise DatabaseProblem(
            f"无法在文件夹 {path.parent} 中新建数据库文件：{exc.strerror or exc}。"
            "请检查该位置是否可写，或换一个位置。"
        ) from exc


def _refuse_a_foreign_file(url: str) -> None:
    """Refuse another program's SQLite file, looked at read-only: the engine's first connection
    already switches a file to WAL, so ownership is settled before it is made."""
    path = paths.sqlite_file(url)
    if path is None or not path.is_file() or path.stat().st_size == 0:
        return  # nothing there yet: a new ledger
    try:
        conn = sqlite3.connect(
            path.resolve().as_uri() + "?mode=ro", uri=True, timeout=BUSY_TIMEOUT_MS / 1000
        )
        try:
            names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        finally:
            conn.close()
    except sqlite3.Error:
        return  # damaged or not SQLite at all: open_database says so in its own words
    if not _is_ours(names):
        raise NotALedger(path)


def _is_ours(names: set[str]) -> bool:
    """Empty (to be set up), or holding what every ledger holds."""
    names = {n for n in names if not n.startswith("sqlite_")}
    return not names or LEDGER_TABLES <= names


def _unwritable_reason(url: str) -> str:
    parsed = make_url(url)
    if (
        parsed.get_backend_name() != "sqlite"
        or not parsed.database
        or parsed.database == ":memory:"
    ):
        return ""
    path = Path(parsed.database)
    if not path.exists():
        return ""
    if not os.access(path, os.W_OK):
        return f"数据库文件 {path} 是只读的（可能在光盘、只读共享文件夹，或文件属性设为只读）。"
    if not os.access(path.parent, os.W_OK):
        return f"数据库所在的文件夹 {path.parent} 不可写，程序无法记录修改。"
    return ""


def _open_read_only(url: str, reason: str) -> Database:
    db = connect(url, read_only_reason=reason)
    try:
        revision = current_revision(db)
    except DatabaseError as exc:
        db.dispose()
        raise DatabaseProblem(f"{reason}而且以只读方式也无法打开：{exc.orig or exc}。") from exc
    if revision != head_revision(db):
        db.dispose()
        raise DatabaseProblem(
            f"{reason}该数据库需要升级到本版本才能使用，但只读时无法升级。"
            "请把它复制到可写的位置后再打开。"
        )
    return db


def _describe_operational(exc: DatabaseError, db: Database) -> str:
    text = str(exc.orig) if exc.orig else str(exc)
    if "locked" in text:
        return (
            f"数据库 {db.display_name} 正被另一个程序占用，请稍后再试，或关闭其他正在使用它的窗口。"
        )
    if "not a database" in text or "malformed" in text:
        return (
            f"{db.display_name} 不是有效的工会台账数据库，或文件已损坏。"
            "请用“恢复备份”选择一份备份，或检查文件路径。"
        )
    return f"无法打开数据库 {db.display_name}：{text}。请检查路径或服务器地址、账号是否正确。"


def _alembic_config(db: Database) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.set_main_option("sqlalchemy.url", db.url.replace("%", "%%"))
    return cfg


def head_revision(db: Database) -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(_alembic_config(db)).get_current_head()
    assert head is not None
    return head


def current_revision(db: Database) -> str | None:
    from alembic.runtime.migration import MigrationContext

    with db.engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(db: Database, target: str = "head") -> None:
    """Migrate to `target`; an existing SQLite file with data is copied aside before it changes."""
    from alembic import command

    current = current_revision(db)
    if target == "head" and current == head_revision(db):
        return
    if not _is_ours(set(inspect(db.engine).get_table_names())):
        raise NotALedger(db.display_name)
    if current is not None:
        copy_aside(db, f"升级前-{current}")
    cfg = _alembic_config(db)
    sqlite = db.engine.dialect.name == "sqlite"
    with db.engine.connect() as conn:
        if sqlite:
            # A batch migration rebuilds a table (copy, drop, rename); SQLite's drop runs an
            # implicit DELETE that the rows referring to it refuse while foreign keys are on,
            # so every upgrade of a ledger holding data failed. Off for the migration only
            # (the pragma has no effect inside a transaction), and checked before the commit.
            conn.connection.driver_connection.execute("PRAGMA foreign_keys = OFF")
        try:
            with conn.begin():
                cfg.attributes["connection"] = conn
                command.upgrade(cfg, target)
                if sqlite and conn.exec_driver_sql("PRAGMA foreign_key_check").first():
                    raise DatabaseProblem(
                        f"数据库 {db.display_name} 升级后有记录指向不存在的档案，升级已撤销，"
                        "数据库保持原样。请把数据库文件和程序日志交给技术人员检查。"
                    )
        finally:
            if sqlite:
                conn.connection.driver_connection.execute("PRAGMA foreign_keys = ON")


def copy_aside(db: Database, tag: str) -> Path | None:
    """Copy the SQLite file next to itself with the SQLite online backup API (consistent under WAL)."""
    if db.path is None or not db.path.exists():
        return None
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    target = db.path.with_name(f"{db.path.stem}.{tag}.{stamp}{db.path.suffix}")
    # Owner-only from its first byte, as the backups: it holds every person's full numbers.
    os.close(os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600))
    source = sqlite3.connect(str(db.path))
    try:
        dest = sqlite3.connect(str(target))
        try:
            source.backup(dest)
        finally:
            dest.close()
    finally:
        source.close()
    return target
