"""The backup archive: one zip holding a SQLite snapshot and the photo files it names. Written,
opened for checking, and its photos put back into the attachments folder in a way that can be
undone (a restore is all-or-nothing)."""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
import shutil
import sqlite3
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from models import diagnostics
from models.database import ATTACHMENTS
from models.errors import DatabaseProblem

SUFFIX = ".zip"
DB_MEMBER = "台账.sqlite3"
_FILES_MEMBER = f"{ATTACHMENTS}/"
# Hidden names of work in progress: a photo being put back, and a damaged one moved aside.
RESTORING = ".恢复中-"
_REPLACED = ".恢复前-"


class Damaged(Exception):
    """The archive cannot be read back as it was written: `what` for the clerk, `raw` for the log."""

    def __init__(self, what: str, raw: str) -> None:
        super().__init__(what)
        self.what = what
        self.raw = raw


def photo_files(database: Path, files_dir: Path) -> list[tuple[str, Path]]:
    """(archive name, file) of each photo file the database names, deleted ones too (the recycle
    bin can bring them back); files already missing are left out (`check` names them)."""
    try:
        conn = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
        try:
            stored = sorted({r[0] for r in conn.execute("SELECT path FROM photos")})
        finally:
            conn.close()
    except sqlite3.DatabaseError:
        return []  # a damaged database is still backed up, as the file it is
    found = []
    for relative in stored:
        name = _member_name(relative)
        file = files_dir / relative
        if name and file.is_file():
            found.append((name, file))
    return found


def _member_name(relative: str) -> str | None:
    """The archive name of a photo path, or None for a path that would leave the photo folder."""
    parts = PurePosixPath(relative.replace("\\", "/")).parts
    if not parts or parts[0] in ("/", "") or ".." in parts or ":" in parts[0]:
        return None
    return _FILES_MEMBER + "/".join(parts)


def write(out: Path, database: Path, photos: list[tuple[str, Path]]) -> None:
    """The archive: the database snapshot and the photos, under their names in the archive."""
    with zipfile.ZipFile(out, "w", allowZip64=True) as archive:
        # Pages of text compress several-fold; photos are compressed already and stored as they are.
        archive.write(database, DB_MEMBER, compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
        for name, file in photos:
            try:
                archive.write(file, name, compress_type=zipfile.ZIP_STORED)
            except OSError as exc:
                if str(exc.filename) != str(file):
                    raise  # the archive itself (a full disk): said by models.saving
                details = diagnostics.where_logged("备份失败", f"{file}: {exc!r}")
                raise DatabaseProblem(
                    f"备份没有完成：无法读取照片文件 {file}。请检查该文件是否被其他程序占用、"
                    f"是否有读取权限，处理后再备份。{details}"
                ) from None


def unpack(path: Path, work: Path) -> tuple[Path, tuple[str, ...]]:
    """Check an archive and extract its database into `work`; returns it and the photo names.

    Refuses (DatabaseProblem) an archive that is not ours; raises Damaged for one that is broken.
    """
    try:
        with zipfile.ZipFile(path) as zipped:
            names = [n for n in zipped.namelist() if not n.endswith("/")]
            strangers = [n for n in names if n != DB_MEMBER and not _is_photo_member(n)]
            if DB_MEMBER not in names or strangers:
                what = f"有不属于台账的文件 {strangers[0]}" if strangers else "里没有台账数据库"
                raise DatabaseProblem(
                    f"{path.name} 不是工会台账的备份（压缩包{what}）。数据库没有被改动，"
                    "请另选一个备份。"
                )
            bad = zipped.testzip()  # reads every member against its checksum
            if bad is not None:
                raise Damaged(f"其中的 {bad} 校验不符", f"zip: bad CRC in {bad}")
            zipped.extract(DB_MEMBER, work)
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as exc:
        raise Damaged("压缩包无法读出", repr(exc)) from exc
    return work / DB_MEMBER, tuple(n for n in names if n != DB_MEMBER)


def _is_photo_member(name: str) -> bool:
    return name.startswith(_FILES_MEMBER) and _member_name(name[len(_FILES_MEMBER) :]) == name


class PhotosPutBack:
    """An archive's photos put into the attachments folder, taken out again by `undo`.

    Photo files are never rewritten in place (each has a name of its own), so one already there
    with the archive's content is left alone; one with other content (damaged) is moved aside and
    comes back on `undo`. Files the archive does not hold are not touched: they may belong to
    another database in the same folder.
    """

    def __init__(self, files_dir: Path) -> None:
        self.files_dir = files_dir
        self.placed: list[Path] = []
        self.aside: list[tuple[Path, Path]] = []

    def put(self, archive: Path, names: tuple[str, ...]) -> None:
        if not names:
            return  # a database-only backup: the photo folder stays as it is
        current = self.files_dir
        try:
            with zipfile.ZipFile(archive) as zipped:
                for name in names:
                    info = zipped.getinfo(name)
                    target = self.files_dir / name[len(_FILES_MEMBER) :]
                    current = target
                    if _same_file(target, info):
                        continue
                    self._put_one(zipped, info, target)
        except (OSError, zipfile.BadZipFile, zlib.error) as exc:
            self.undo()
            raise DatabaseProblem(
                f"恢复没有完成：无法把照片放回 {current.parent}（{_cause(exc, current)}）。"
                "数据库和照片文件夹都没有被改动，处理后请再恢复一次。"
                f"{diagnostics.where_logged('恢复失败', f'{current}: {exc!r}')}"
            ) from exc

    def _put_one(self, zipped: zipfile.ZipFile, info: zipfile.ZipInfo, target: Path) -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f"{RESTORING}{secrets.token_hex(4)}-{target.name}")
        try:
            with zipped.open(info) as source, open(tmp, "xb") as out:
                shutil.copyfileobj(source, out)
            if target.is_file() or target.is_symlink():
                aside = target.with_name(f"{_REPLACED}{secrets.token_hex(4)}-{target.name}")
                os.replace(target, aside)
                self.aside.append((target, aside))
            os.replace(tmp, target)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        self.placed.append(target)

    def undo(self) -> None:
        for target in reversed(self.placed):
            with contextlib.suppress(OSError):
                target.unlink()
        for target, aside in reversed(self.aside):
            with contextlib.suppress(OSError):
                os.replace(aside, target)
        self.placed, self.aside = [], []

    def keep(self) -> None:
        """The restore went through: the damaged files moved aside are not needed any more."""
        for _target, aside in self.aside:
            with contextlib.suppress(OSError):
                aside.unlink()
        self.placed, self.aside = [], []


def _cause(exc: BaseException, target: Path) -> str:
    if isinstance(exc, IsADirectoryError | NotADirectoryError | FileExistsError):
        return f"“{target}”处或它的上级有同名的文件夹或文件挡住了它，请把它移走"
    if not isinstance(exc, OSError):
        return "备份文件在恢复途中读不出来了，请检查存放它的磁盘"
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)):
        return "磁盘空间已满，请先清理磁盘"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "该文件夹不能写入，请让管理员开放写入权限，或关闭正在打开这些照片的程序"
    return "写入照片时出错，请检查磁盘"


def _same_file(target: Path, info: zipfile.ZipInfo) -> bool:
    if not target.is_file() or target.stat().st_size != info.file_size:
        return False
    crc = 0
    with open(target, "rb") as handle:
        while chunk := handle.read(1 << 20):
            crc = zlib.crc32(chunk, crc)
    return crc == info.CRC
