"""Backups of the SQLite file and its photos: consistent snapshots, rotation, verification and a
crash-safe, all-or-nothing restore."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from models import backup_archive, diagnostics, paths
from models.database import ATTACHMENTS, MIGRATIONS_DIR, Database, head_revision, upgrade
from models.errors import CannotSave, DatabaseProblem
from models.saving import cannot_save, check_target, make_folder, saving

# Rotation: the newest snapshot of each of the last 7 days, 4 weeks and 12 months is kept, plus the
# last few whatever their date, so two imports on one afternoon can each still be undone.
KEEP_DAILY = 7
KEEP_WEEKLY = 4
KEEP_MONTHLY = 12
KEEP_LATEST = 10

# Why a snapshot was taken; the tag is part of the file name so a clerk can tell them apart.
DAILY = "每日"
MANUAL = "手动"
BEFORE_IMPORT = "导入前"
BEFORE_RESTORE = "恢复前"
BEFORE_BULK = "批量修改前"

PREFIX = "台账备份"
BACKUP_DIR = "backup_dir"  # the setting naming the folder a clerk chose for backups
SUFFIX = ".sqlite3"
# A ledger with photos is backed up as one zip (models.backup_archive): the database and the photo
# files it names, taken at the same moment and written to one file renamed into place at the end,
# so there is never a database without its photos or a photo folder from another day; copied to a
# USB disk, the one file carries everything. Without photos the backup stays the plain SQLite file
# it always was, which earlier versions and any SQLite tool can open.
ARCHIVE_SUFFIX = backup_archive.SUFFIX
# 台账备份-<database file name>-20250318-093000[-2]-每日.sqlite3 (or .zip): the database's name keeps
# the backups of two databases in one folder apart (rotation and the daily check look at their own).
_NAME = re.compile(
    rf"^{PREFIX}-(?:(.+)-)?(\d{{8}}-\d{{6}})(?:-(\d+))?-([^.\-]+)(?:\{SUFFIX}|\{ARCHIVE_SUFFIX})$"
)
# A backup being written is a hidden file beside its final name. One left by a killed import is
# removed by the next backup once it is older than any backup takes, never one still being written.
TEMP_PREFIX = ".备份中-"
STALE_AFTER = dt.timedelta(hours=1)
_SQLITE_MAGIC = b"SQLite format 3\x00"
_REQUIRED_TABLES = ("alembic_version", "households", "stations", "activities", "audit_log")


@dataclass(frozen=True)
class BackupFile:
    """One snapshot in the backup folder."""

    path: Path
    taken_at: dt.datetime
    reason: str
    size: int
    source: str = ""  # the database file's name (without extension)


@dataclass(frozen=True)
class VerifiedBackup:
    """A backup file that passed every check and may replace the live database."""

    path: Path
    revision: str
    households: int
    stations: int
    activities: int
    photos: int = 0  # photo files in the archive (0 for a database-only backup)


def pg_dump_advice(db: Database) -> str:
    """What a server database's administrator runs instead (the app does not fake server backups)."""
    url = make_url(db.url)
    host = url.host or "localhost"
    user = url.username or "用户名"
    name = url.database or "库名"
    port = f" -p {url.port}" if url.port else ""
    return (
        f"当前使用的是服务器数据库（{db.display_name}），它的备份由服务器管理员用 PostgreSQL 自带的"
        "工具完成，本程序不做、也不假装做这种备份。备份命令："
        f"pg_dump -Fc -h {host}{port} -U {user} -d {name} -f 工会台账-日期.dump ；"
        f"恢复命令：pg_restore --clean --if-exists -h {host}{port} -U {user} -d {name} 工会台账-日期.dump 。"
        "建议管理员用计划任务每天执行一次备份，并把备份文件另存到其他电脑或移动硬盘。"
        f"活动和阵地的照片不在服务器上，而在本机的 {db.files_dir} 文件夹中，pg_dump 不包含它们："
        "请同时把这个文件夹复制到备份位置，恢复时放回原处。"
    )


def backup_dir(db: Database) -> Path:
    """The folder for automatic backups: the clerk's setting, else 备份 next to the database file."""
    chosen = _setting(db, BACKUP_DIR)
    if chosen:
        return Path(chosen).expanduser()
    base = db.path.parent if db.path else paths.data_dir()
    return base / "备份"


def _setting(db: Database, key: str) -> str:
    from models.schema import Setting

    try:
        with db.read() as s:
            row = s.get(Setting, key)
            return row.value if row else ""
    except Exception:  # noqa: BLE001 - a damaged database still gets backed up to the default folder
        return ""


def _require_sqlite(db: Database) -> Path:
    if db.path is None:
        raise DatabaseProblem(pg_dump_advice(db) if not db.is_sqlite else "内存数据库无法备份。")
    if not db.path.exists():
        raise DatabaseProblem(f"找不到数据库文件 {db.path}，无法备份。请检查路径。")
    return db.path


def copy_database(source: Path, target: Path) -> Path:
    """Copy a live SQLite file with the online backup API (consistent even while others write).

    The copy is written to a temporary name and renamed at the end, so a crash or a full disk never
    leaves a half-written file that looks like a backup.
    """
    with _backup_errors(source, target.parent):
        # Owner-only from its first byte: a backup holds every person's full ID and bank numbers.
        with saving(target, prefix=TEMP_PREFIX, private=True) as tmp:
            _copy_sqlite(source, tmp)
            _fsync(tmp)
        _fsync_dir(target.parent)
    return target


def write_backup(source: Path, files_dir: Path, target: Path) -> Path:
    """Back up the database and the photo files it names; returns the file made.

    The file is a .zip (named like `target`, suffix .zip) when there are photo files or `target`
    already ends in .zip; otherwise the plain SQLite copy under `target`'s name.
    """
    with _backup_errors(source, target.parent):
        check_target(target)
        scratch = _scratch(target.parent)
        try:
            _copy_sqlite(source, scratch)
            # Read from the copy, not the live file: the photos are those of the copied moment.
            photos = backup_archive.photo_files(scratch, files_dir)
            archived = bool(photos) or target.suffix.lower() == ARCHIVE_SUFFIX  # a name asked for
            made = target.with_suffix(ARCHIVE_SUFFIX) if archived else target
            with saving(made, prefix=TEMP_PREFIX, private=True) as tmp:
                if archived:
                    backup_archive.write(tmp, scratch, photos)
                else:
                    os.replace(scratch, tmp)
                _fsync(tmp)
            _fsync_dir(made.parent)
        finally:
            scratch.unlink(missing_ok=True)
    return made


@contextlib.contextmanager
def _backup_errors(source: Path, folder: Path) -> Iterator[None]:
    """What callers (the daily backup, imports) expect: a DatabaseProblem, in Chinese."""
    try:
        yield
    except sqlite3.Error as exc:
        raise DatabaseProblem(
            f"备份失败：无法读取数据库文件 {source}。请检查它是否完好，以及备份目录 {folder} 是否可写。"
            f"{diagnostics.where_logged('备份失败', f'{source}: {exc}')}"
        ) from exc
    except CannotSave as exc:
        raise DatabaseProblem(f"备份没有完成：{exc.message}") from None


def _scratch(folder: Path) -> Path:
    """An owner-only temporary file in `folder`, named like every backup being written."""
    try:
        fd, name = tempfile.mkstemp(prefix=TEMP_PREFIX, suffix=SUFFIX, dir=folder)
    except OSError as exc:
        raise cannot_save(exc, folder) from None
    os.close(fd)
    return Path(name)


def _copy_sqlite(source: Path, dest: Path) -> None:
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True, timeout=15)
    try:
        out = sqlite3.connect(str(dest))
        try:
            src.backup(out)
            # A backup is one self-contained file: no -wal beside it to get lost when copied.
            out.execute("PRAGMA journal_mode = DELETE")
        finally:
            out.close()
    finally:
        src.close()


def clean_stale(
    folder: Path, prefix: str = TEMP_PREFIX, *, now: dt.datetime | None = None
) -> list[Path]:
    """Remove what backups or restores killed midway left in `folder` (hidden files or folders
    named `prefix`…, older than STALE_AFTER so none still being written); logs each one."""
    limit = (now or dt.datetime.now()) - STALE_AFTER
    removed: list[Path] = []
    lines: list[str] = []
    try:
        candidates = [p for p in folder.iterdir() if p.name.startswith(prefix)]
    except OSError:
        return removed
    for path in candidates:
        try:
            info = path.stat()
            if dt.datetime.fromtimestamp(info.st_mtime) > limit:
                continue
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
        except OSError:
            continue  # held by a virus scanner, or gone meanwhile: next time
        written = dt.datetime.fromtimestamp(info.st_mtime)
        removed.append(path)
        lines.append(f"{path}（{info.st_size} 字节，写于 {written:%Y-%m-%d %H:%M:%S}）")
    if lines:
        diagnostics.write_log(
            "备份清理", "已删除中断的备份或恢复留下的临时文件：\n" + "\n".join(lines) + "\n"
        )
    return removed


def _fsync(path: Path) -> None:
    with open(path, "rb") as handle:
        os.fsync(handle.fileno())


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def snapshot(
    db: Database, reason: str = MANUAL, *, folder: Path | None = None, rotate_after: bool = True
) -> Path:
    """Take a snapshot into the backup folder (then rotate it); returns the new file."""
    source = _require_sqlite(db)
    target_dir = folder or backup_dir(db)
    now = dt.datetime.now()
    label = source_label(db)
    try:
        make_folder(target_dir)
    except CannotSave as exc:
        raise DatabaseProblem(f"备份没有完成：{exc.message}") from None
    clean_stale(target_dir)
    target = target_dir / f"{PREFIX}-{label}-{now:%Y%m%d-%H%M%S}-{reason}{SUFFIX}"
    counter = 1
    # Two snapshots within one second (an import right after start-up), either kind of file.
    while target.exists() or target.with_suffix(ARCHIVE_SUFFIX).exists():
        counter += 1
        target = target_dir / f"{PREFIX}-{label}-{now:%Y%m%d-%H%M%S}-{counter}-{reason}{SUFFIX}"
    made = write_backup(source, db.files_dir, target)
    if rotate_after:
        rotate(target_dir, now=now, source=label)
    return made


def snapshot_if_possible(db: Database, reason: str) -> Path | None:
    """The automatic snapshot before an import or bulk change: SQLite only (a server has pg_dump)."""
    if db.path is None or not db.path.exists():
        return None
    return snapshot(db, reason)


def daily_snapshot(db: Database, *, today: dt.date | None = None) -> Path | None:
    """At start-up: one snapshot a day (none if today's exists, or for a server database)."""
    if db.path is None or not db.path.exists() or db.path.stat().st_size == 0:
        return None
    if not _has_changes(db):
        return None  # a database nothing was ever written to needs no backup
    folder = backup_dir(db)
    day = today or dt.date.today()
    if any(b.taken_at.date() == day for b in list_backups(folder, source_label(db))):
        return None
    return snapshot(db, DAILY, folder=folder)


def _has_changes(db: Database) -> bool:
    from sqlalchemy import select

    from models.schema import AuditEntry

    try:
        with db.read() as s:
            return s.scalar(select(AuditEntry.id).limit(1)) is not None
    except Exception:  # noqa: BLE001 - unreadable: back it up anyway, it may be all there is
        return True


def source_label(db: Database) -> str:
    return re.sub(r"[^\w.]+", "_", db.path.stem) if db.path else "server"


def list_backups(folder: Path, source: str | None = None) -> list[BackupFile]:
    """Snapshots in the folder (of one database if `source` is given), newest first; files not
    named by this program are ignored."""
    found: list[BackupFile] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return []
    for path in entries:
        match = _NAME.match(path.name)
        if not match or not path.is_file():
            continue
        label = match.group(1) or ""
        if source is not None and label != source:
            continue
        try:
            taken = dt.datetime.strptime(match.group(2), "%Y%m%d-%H%M%S")
        except ValueError:
            continue
        seq = int(match.group(3) or 1)
        found.append(
            BackupFile(
                path,
                taken + dt.timedelta(microseconds=seq),
                match.group(4),
                path.stat().st_size,
                label,
            )
        )
    return sorted(found, key=lambda b: b.taken_at, reverse=True)


def to_keep(backups: Iterable[BackupFile], now: dt.datetime) -> set[Path]:
    """Grandfather-father-son: newest per day (7), per ISO week (4), per month (12), plus the latest."""
    ordered = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    keep = {b.path for b in ordered[:KEEP_LATEST]}
    buckets = (
        (KEEP_DAILY, lambda t: t.date()),
        (KEEP_WEEKLY, lambda t: t.isocalendar()[:2]),
        (KEEP_MONTHLY, lambda t: (t.year, t.month)),
    )
    for limit, bucket in buckets:
        seen: list[object] = []
        for b in ordered:
            key = bucket(b.taken_at)
            if key in seen:
                continue
            seen.append(key)
            if len(seen) > limit:
                break
            keep.add(b.path)
    # A snapshot "from the future" (a wrong clock) is never deleted by rotation.
    keep.update(b.path for b in ordered if b.taken_at > now + dt.timedelta(days=1))
    return keep


def rotate(
    folder: Path, *, now: dt.datetime | None = None, source: str | None = None
) -> list[Path]:
    """Delete snapshots (of one database) the rotation no longer needs; returns what was deleted."""
    backups = list_backups(folder, source)
    keep = to_keep(backups, now or dt.datetime.now())
    removed = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
                removed.append(b.path)
            except OSError:
                continue  # a locked file (antivirus scan) goes next time
    return removed


def verify_backup(db: Database | None, file: str | os.PathLike[str]) -> VerifiedBackup:
    """Check a file before it may replace anything: SQLite (or our archive), intact, ours, and a
    schema we know."""
    path = Path(file)
    with tempfile.TemporaryDirectory(prefix="工会台账-校验-") as work:  # owner-only (0700)
        return _verified(path, _unpack(path, Path(work)))


@dataclass(frozen=True)
class _Unpacked:
    """A backup ready to check: its database as a file, and the photo names of an archive."""

    database: Path
    photos: tuple[str, ...] = ()


def _unpack(path: Path, work: Path) -> _Unpacked:
    """The backup's database as a file (an archive's is extracted into `work`)."""
    if not path.is_file():
        raise DatabaseProblem(f"找不到备份文件 {path}，请检查路径。")
    try:
        with open(path, "rb") as handle:
            magic = handle.read(len(_SQLITE_MAGIC))
        archive = zipfile.is_zipfile(path)
    except OSError as exc:
        raise DatabaseProblem(
            f"无法读取备份文件 {path}，请检查它是否有读取权限、是否被其他程序占用。"
            f"数据库没有被改动。{diagnostics.where_logged('备份校验', f'{path}: {exc!r}')}"
        ) from exc
    if magic == _SQLITE_MAGIC:
        return _Unpacked(path)  # a database-only backup, as earlier versions made them all
    if not archive:
        if magic.startswith(b"PK\x03\x04"):  # the start of a zip whose end is missing
            raise _damaged(path, "压缩包不完整", "zip: end of central directory not found")
        raise DatabaseProblem(
            f"{path.name} 不是工会台账的备份文件（既不是 SQLite 数据库，也不是本程序的备份压缩包）。"
            "数据库没有被改动，请另选一个备份。"
        )
    try:
        database, photos = backup_archive.unpack(path, work)
    except backup_archive.Damaged as exc:
        raise _damaged(path, exc.what, exc.raw) from exc
    return _Unpacked(database, photos)


def _damaged(path: Path, what: str, raw: str) -> DatabaseProblem:
    """The refusal of a damaged backup: SQLite's or zip's own lines go to the log, not the clerk."""
    details = diagnostics.where_logged("备份校验", f"{path}\n{raw}\n")
    return DatabaseProblem(
        f"备份文件 {path.name} 已损坏（{what}），不能用来恢复。数据库没有被改动。"
        f"请另选一个较早的备份；若每个备份都这样，请检查存放备份的磁盘或U盘。{details}"
    )


def _verified(path: Path, unpacked: _Unpacked) -> VerifiedBackup:
    try:
        conn = sqlite3.connect(f"file:{unpacked.database}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise _damaged(path, "无法打开", repr(exc)) from exc
    try:
        problems = [r[0] for r in conn.execute("PRAGMA integrity_check(20)")]
        if problems != ["ok"]:
            raise _damaged(path, "数据库内部结构校验没有通过", "\n".join(problems))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        missing = [t for t in _REQUIRED_TABLES if t not in tables]
        if missing:
            raise DatabaseProblem(
                f"{path.name} 不是工会台账的备份（缺少数据表 {'、'.join(missing)}）。数据库没有被改动。"
            )
        revision = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        if conn.execute("PRAGMA foreign_key_check").fetchone() is not None:
            raise DatabaseProblem(
                f"备份文件 {path.name} 中有记录引用了不存在的记录（外键不一致），不能用来恢复。"
                "数据库没有被改动，请另选一个备份。"
            )
        counts = [
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("households", "stations", "activities")
        ]
    except sqlite3.DatabaseError as exc:
        raise _damaged(path, "数据库不完整或无法读出", repr(exc)) from exc
    finally:
        conn.close()
    _check_revision(path, revision[0] if revision else None)
    return VerifiedBackup(
        path, revision[0] if revision else "", *counts, photos=len(unpacked.photos)
    )


def _check_revision(path: Path, revision: str | None) -> None:
    from alembic.script import ScriptDirectory

    if not revision:
        raise DatabaseProblem(
            f"{path.name} 没有记录数据库版本，不是完整的工会台账备份。数据库没有被改动。"
        )
    script = ScriptDirectory(str(MIGRATIONS_DIR))
    head = script.get_current_head()
    known = {rev.revision for rev in script.walk_revisions()}
    if revision not in known:
        raise DatabaseProblem(
            f"备份文件 {path.name} 来自更新版本的工会台账（数据库版本 {revision}），本程序无法使用它。"
            "请先把本程序升级到最新版本，再恢复。数据库没有被改动。"
        )
    ancestors = {rev.revision for rev in script.iterate_revisions(head, "base")}
    if revision not in ancestors:
        raise DatabaseProblem(
            f"备份文件 {path.name} 的数据库版本 {revision} 不在本程序的升级路线上。数据库没有被改动。"
        )


def _copy_pages(source: Path, live: Path) -> None:
    """Every page of `source` into the live file in one step: one SQLite write transaction, so a
    failure or a crash leaves the old data or the restored data, never a mix."""
    src = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        dest = sqlite3.connect(str(live), timeout=15)
        try:
            src.backup(dest)
            dest.execute("PRAGMA journal_mode = WAL")
        finally:
            dest.close()
    finally:
        src.close()


def restore(db: Database, file: str | os.PathLike[str]) -> tuple[VerifiedBackup, Path]:
    """Replace the live database and its photos with a verified backup; returns (what was
    restored, kept copy).

    The current database is snapshotted first (reason 恢复前). The photos are put back first and
    taken out again if the database cannot be replaced, so a failure leaves both as they were.
    Callers check the 'restore' permission (see the maintenance service).
    """
    live = _require_sqlite(db)
    path = Path(file)
    if path.exists() and path.resolve() == live.resolve():
        raise DatabaseProblem("不能用正在使用的数据库文件恢复它自己，请选择备份目录中的文件。")
    with _workspace(live.parent) as work:
        unpacked = _unpack(path, work)
        verified = _verified(path, unpacked)
        kept = snapshot(db, BEFORE_RESTORE)
        photos = backup_archive.PhotosPutBack(db.files_dir)
        photos.put(path, unpacked.photos)
        db.engine.dispose()  # pooled connections must not keep a view of the old pages or schema
        try:
            _copy_pages(unpacked.database, live)
        except sqlite3.Error as exc:
            photos.undo()
            text = str(exc)
            if "locked" in text or "busy" in text:
                raise DatabaseProblem(
                    "数据库正被另一个窗口或程序使用，无法恢复。请关闭其他使用它的窗口后再试。"
                    f"数据库和照片都没有被改动（恢复前的副本：{kept}）。"
                ) from exc
            raise DatabaseProblem(
                f"恢复失败：写入数据库文件 {live} 时出错。数据库和照片都没有被改动"
                f"（恢复前的副本：{kept}）。请检查磁盘是否已满或有故障后再试。"
                f"{diagnostics.where_logged('恢复失败', f'{live}: {exc!r}')}"
            ) from exc
        except BaseException:
            photos.undo()
            raise
        photos.keep()
    if verified.revision != head_revision(db):
        upgrade(db)  # an older backup is brought up to this version's schema
    return verified, kept


@contextlib.contextmanager
def _workspace(folder: Path) -> Iterator[Path]:
    """An owner-only folder beside the database for the extracted backup (same disk: no second
    disk needs room for it), removed afterwards; one a killed restore left is removed first."""
    clean_stale(folder, backup_archive.RESTORING)
    try:
        with tempfile.TemporaryDirectory(prefix=backup_archive.RESTORING, dir=folder) as work:
            yield Path(work)
    except PermissionError as exc:
        if exc.filename is None or not str(exc.filename).startswith(
            str(folder / backup_archive.RESTORING)
        ):
            raise
        raise DatabaseProblem(
            f"无法恢复：文件夹 {folder} 不可写。请让管理员开放写入权限后再试。数据库没有被改动。"
        ) from None


def restore_over_unreadable(
    live: Path, file: str | os.PathLike[str]
) -> tuple[VerifiedBackup, Path]:
    """Restore when the live file cannot even be opened (damaged): verify, move it aside, copy in.

    The damaged file is renamed, never deleted, so nothing is lost even if it was only half broken.
    """
    path = Path(file)
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = live.with_name(f"{live.stem}.损坏-{stamp}{live.suffix}")
    staged = live.with_name(f".{live.name}.恢复中")
    with _workspace(live.parent) as work:
        unpacked = _unpack(path, work)
        verified = _verified(path, unpacked)
        copy_database(unpacked.database, staged)
        # The attachments folder as Database.files_dir has it (there is no Database to ask).
        photos = backup_archive.PhotosPutBack(live.parent / ATTACHMENTS)
        photos.put(path, unpacked.photos)
        try:
            if live.exists():
                os.replace(live, kept)
            for extra in ("-wal", "-shm", "-journal"):
                side = live.with_name(live.name + extra)
                if side.exists():
                    os.replace(side, kept.with_name(kept.name + extra))
            os.replace(staged, live)
            _fsync_dir(live.parent)
        except OSError as exc:
            photos.undo()
            raise DatabaseProblem(
                f"无法替换数据库文件 {live}。请关闭其他使用它的窗口后再试。"
                f"{diagnostics.where_logged('恢复失败', f'{live}: {exc!r}')}"
            ) from exc
        photos.keep()
    return verified, kept
