"""Saving a file the clerk named (花名册, 模板, 错误文件, 年度总结, 备份): the path checked first, the
content written to a temporary file beside it and moved into place, every OS error said in Chinese.

One place for all of them, so that a read-only disk, a folder without write permission, a full disk,
a folder given as the file name or a file given as a folder reads the same everywhere: the folder,
the cause, and what to do. A folder that does not exist is refused, not created: a mistyped folder
name must not scatter files (and people's data) in a new place nobody looks at.
"""

from __future__ import annotations

import contextlib
import errno
import os
import secrets
from collections.abc import Iterator
from pathlib import Path

from models.errors import CannotSave

_CAUSES = {
    errno.EACCES: "没有写入权限",
    errno.EPERM: "没有写入权限",
    errno.EROFS: "它在只读的磁盘上（光盘、写保护的U盘或只读共享文件夹）",
    errno.ENOSPC: "磁盘空间已满",
    getattr(errno, "EDQUOT", errno.ENOSPC): "磁盘配额已用完",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EINVAL: '文件名中有不能使用的字符（如 \\ / : * ? " < > |）',
}
_FULL = (errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC))


def check_target(out: Path, *, probe: bool = False) -> Path:
    """Refuse, before any work is done, a path that cannot become a new file; returns it.

    `probe` also creates and removes an empty file in the folder, for work that cannot be taken
    back once done (an import's rows are in the database before its error workbook is written).
    """
    if not out.name or out.is_dir():
        raise CannotSave(
            f"“{out}”是一个文件夹，不是文件名。请在后面写上文件名，"
            f"如 {out / ('文件' + (out.suffix or '.xlsx'))}。",
            out,
        )
    folder = out.parent
    if folder.is_dir():
        if probe:
            tmp = _temporary(out, ".检查-", private=True)
            _remove(tmp)
        return out
    blocker = next((p for p in (folder, *folder.parents) if p.exists()), None)
    if blocker is not None and not blocker.is_dir():
        raise CannotSave(
            f"无法保存到 {folder}：路径中的“{blocker}”是一个文件，不是文件夹。请换一个保存位置。",
            out,
        )
    raise CannotSave(
        f"保存位置的文件夹不存在：{folder}。请先建立该文件夹，或换一个已有的位置。", out
    )


def make_folder(folder: Path) -> Path:
    """A folder the program keeps its own files in (备份/), created when missing."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise cannot_save(exc, folder) from None
    if not folder.is_dir():
        raise CannotSave(f"无法使用文件夹 {folder}：同名的文件已存在。请换一个位置。", folder)
    return folder


@contextlib.contextmanager
def saving(out: Path, *, prefix: str, private: bool = False) -> Iterator[Path]:
    """The temporary file to write `out` into, beside it; moved over `out` when the block ends.

    The temporary file already exists (empty) when the block starts, so a folder that cannot be
    written is refused before any work; `private` makes it owner-only (0600) from its first byte.
    Whatever fails, the temporary file is removed and `out` is untouched; an OS error about
    these files becomes CannotSave, one raised by something else (a photo that cannot be read)
    passes through as it is.
    """
    check_target(out)
    folder = out.parent
    tmp = _temporary(out, prefix, private=private)
    try:
        yield tmp
        try:
            os.replace(tmp, out)
        except PermissionError:
            # The folder took the temporary file, so it is `out` itself that is held: on Windows,
            # open in another program.
            holder = "PDF 阅读器" if out.suffix.lower() == ".pdf" else "Excel 或 WPS"
            raise CannotSave(
                f"无法覆盖文件 {out}：它可能正被 {holder} 打开。请关闭该文件后重试，或换一个文件名。",
                out,
            ) from None
    except OSError as exc:
        _remove(tmp)
        if exc.filename is not None and str(exc.filename) not in (str(tmp), str(out)):
            raise
        raise cannot_save(exc, folder) from None
    except BaseException:
        _remove(tmp)
        raise


def cannot_save(exc: OSError, folder: Path) -> CannotSave:
    """The Chinese refusal for an OS error while saving into `folder`: where, why, what to do."""
    if exc.errno == errno.EISDIR and exc.filename:
        return CannotSave(f"“{exc.filename}”是一个文件夹，不是文件名。请换一个文件名。", folder)
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        return CannotSave(
            f"无法保存到 {folder}：该文件夹不存在或已被移走。请换一个已有的位置。", folder
        )
    cause = _CAUSES.get(exc.errno or 0) or exc.strerror or str(exc)
    advice = "请换一个位置（如“文档”或桌面）后重试"
    if exc.errno in _FULL:
        advice = "请清理磁盘空间，或换一个位置后重试"
    elif exc.errno in (errno.EACCES, errno.EPERM):
        advice += "，或请管理员开放该文件夹的写入权限"
    return CannotSave(f"无法在文件夹 {folder} 中保存文件：{cause}。{advice}。", folder)


def _temporary(out: Path, prefix: str, *, private: bool) -> Path:
    tmp = out.parent / f"{prefix}{secrets.token_hex(4)}-{out.name}"
    try:
        os.close(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600 if private else 0o666))
    except OSError as exc:
        raise cannot_save(exc, out.parent) from None
    return tmp


def _remove(tmp: Path) -> None:
    # A second error here (the folder gone read-only meanwhile) must not hide the first one.
    with contextlib.suppress(OSError):
        tmp.unlink(missing_ok=True)
