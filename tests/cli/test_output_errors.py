"""Every file a command writes (export, template, report, --errors, backup) that cannot be written
there is refused in Chinese, naming the folder and the cause, exit code 2, nothing left behind."""

from __future__ import annotations

import builtins
import errno
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

import main
from reports.excel.templates import write_template

GENERIC = "意外错误"


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "演示.sqlite3"
    assert main.main(["--db", str(db), "demo", "--households", "20", "--seed", "5"]) == 0
    return db


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "台账.sqlite3"
    shutil.copy(demo_db, copy)
    return copy


def _roster(folder: Path) -> Path:
    path = folder / "名单.xlsx"
    write_template("households", path, org_name="")
    return path


def _commands(out: Path, work: Path) -> dict[str, list[str]]:
    """Each command with `out` where it writes; the inputs it reads live in `work`."""
    return {
        "export": ["export", "households", str(out.with_suffix(".xlsx"))],
        "export-stats": ["export", "stats", str(out.with_suffix(".xlsx")), "--year", "2025"],
        "template": ["template", "households", str(out.with_suffix(".xlsx"))],
        "errors": [
            "import",
            "households",
            str(_roster(work)),
            "--dry-run",
            "--errors",
            str(out.with_suffix(".xlsx")),
        ],
        "report": ["report", "2025", str(out.with_suffix(".pdf"))],
        "report-xlsx": [
            "report",
            "2025",
            str(work / "总结.pdf"),
            "--xlsx",
            str(out.with_suffix(".xlsx")),
        ],
        "backup": ["backup", str(out.with_suffix(".sqlite3"))],
    }


FAST = ["export", "export-stats", "template", "errors", "backup"]
ALL = [*FAST, "report", "report-xlsx"]


def _run(capsys: pytest.CaptureFixture[str], db: Path, argv: list[str]) -> tuple[int, str]:
    code = main.main(["--db", str(db), *argv])
    out, err = capsys.readouterr()
    assert GENERIC not in err and "Traceback" not in err, err
    return code, err


def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


# ---- real cases: what the clerk can type -----------------------------------------------------


@pytest.mark.parametrize("command", [c for c in ALL if c != "backup"])
def test_a_folder_given_as_the_output_file(
    command: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "输入"
    work.mkdir()
    base = tmp_path / "占位"
    argv = _commands(base, work)[command]
    target = next(Path(arg) for arg in argv if arg.startswith(str(base)))
    target.mkdir()  # a folder that happens to be called 花名册.xlsx / 总结.pdf
    code, err = _run(capsys, db, argv)
    assert code == 2 and str(target) in err and "是一个文件夹" in err
    assert _listing(target) == []


@pytest.mark.parametrize("command", ALL)
def test_a_file_given_as_the_output_folder(
    command: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "输入"
    work.mkdir()
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("一个普通文件", encoding="utf-8")
    code, err = _run(capsys, db, _commands(blocker / "结果", work)[command])
    assert code == 2 and str(blocker) in err and "不是文件夹" in err
    assert blocker.read_text(encoding="utf-8") == "一个普通文件"


@pytest.mark.parametrize("command", ALL)
def test_a_missing_output_folder_is_named_not_created(
    command: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "输入"
    work.mkdir()
    missing = tmp_path / "拼错的文件夹"
    code, err = _run(capsys, db, _commands(missing / "结果", work)[command])
    assert code == 2 and str(missing) in err and "不存在" in err
    assert not missing.exists()


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="root writes into a 0555 folder anyway"
)
@pytest.mark.parametrize("command", FAST)
def test_a_folder_without_write_permission(
    command: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    work = tmp_path / "输入"
    work.mkdir()
    locked = tmp_path / "只读"
    locked.mkdir()
    locked.chmod(0o555)
    try:
        code, err = _run(capsys, db, _commands(locked / "结果", work)[command])
    finally:
        locked.chmod(0o755)
    assert code == 2 and str(locked) in err and "没有写入权限" in err
    assert _listing(locked) == []


# ---- simulated: a read-only disk, no permission, a full disk ---------------------------------
# Tests run as root here, and root ignores permissions; so the operating system's refusal is
# played by os.open / open / os.replace for files inside the one folder.

_WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT


def _refuse_writes_in(monkeypatch: pytest.MonkeyPatch, folder: Path, code: int) -> None:
    def inside(path: object) -> bool:
        try:
            return Path(os.fsdecode(path)).resolve().parent == folder.resolve()  # type: ignore[arg-type]
        except (TypeError, ValueError):
            return False

    def refusal(path: object) -> OSError:
        return OSError(code, os.strerror(code), os.fsdecode(path))  # type: ignore[arg-type]

    real_os_open, real_open, real_replace = os.open, builtins.open, os.replace

    def os_open(path: object, flags: int, *args: object, **kw: object) -> int:
        if flags & _WRITE_FLAGS and inside(path):
            raise refusal(path)
        return real_os_open(path, flags, *args, **kw)  # type: ignore[arg-type]

    def open_(file: object, mode: str = "r", *args: object, **kw: object) -> object:
        if isinstance(file, str | bytes | os.PathLike) and set(mode) & set("wax+"):
            if inside(file):
                raise refusal(file)
        return real_open(file, mode, *args, **kw)  # type: ignore[call-overload]

    def replace(src: object, dst: object, *args: object, **kw: object) -> None:
        if inside(dst):
            raise refusal(dst)
        real_replace(src, dst, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", os_open)
    monkeypatch.setattr(builtins, "open", open_)
    monkeypatch.setattr(os, "replace", replace)


CAUSES: dict[int, str] = {
    errno.EROFS: "只读",
    errno.EACCES: "没有写入权限",
    errno.ENOSPC: "磁盘空间已满",
}


@pytest.mark.parametrize("cause", list(CAUSES), ids=lambda c: errno.errorcode[c])
@pytest.mark.parametrize("command", FAST)
def test_a_folder_that_refuses_writes(
    command: str,
    cause: int,
    db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    work = tmp_path / "输入"
    work.mkdir()
    folder = tmp_path / "光盘"
    folder.mkdir()
    argv = _commands(folder / "结果", work)[command]
    _refuse_writes_in(monkeypatch, folder, cause)
    code, err = _run(capsys, db, argv)
    assert code == 2, err
    assert str(folder) in err and CAUSES[cause] in err
    assert _listing(folder) == []


@pytest.mark.parametrize("command", ["report", "report-xlsx"])
def test_a_read_only_folder_for_the_report(
    command: str,
    db: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    work = tmp_path / "输入"
    work.mkdir()
    folder = tmp_path / "光盘"
    folder.mkdir()
    argv = _commands(folder / "结果", work)[command]
    _refuse_writes_in(monkeypatch, folder, errno.EROFS)
    code, err = _run(capsys, db, argv)
    assert code == 2 and str(folder) in err and "只读" in err
    assert _listing(folder) == []


def test_an_import_whose_error_file_cannot_be_saved_imports_nothing(
    db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sqlite3

    def households() -> int:
        con = sqlite3.connect(db)
        try:
            return int(con.execute("SELECT count(*) FROM households").fetchone()[0])
        finally:
            con.close()

    before = households()
    folder = tmp_path / "光盘"
    folder.mkdir()
    argv = ["import", "households", str(_roster(tmp_path)), "--errors", str(folder / "错误.xlsx")]
    _refuse_writes_in(monkeypatch, folder, errno.EROFS)
    code, err = _run(capsys, db, argv)
    assert code == 2 and str(folder) in err and "只读" in err
    assert households() == before


def test_the_default_backup_folder_refusing_writes(
    db: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = db.parent / "备份"
    folder.mkdir()
    _refuse_writes_in(monkeypatch, folder, errno.EACCES)
    code, err = _run(capsys, db, ["backup"])
    assert code == 2 and str(folder) in err and "没有写入权限" in err
    assert _listing(folder) == []


def test_an_unreadable_photo_is_not_blamed_on_the_output_folder(tmp_path: Path) -> None:
    """Only errors about the file being saved become 'cannot save'; others pass through."""
    from models.saving import saving

    def read_a_missing_photo(_: Path) -> None:
        (tmp_path / "照片.jpg").read_bytes()

    out = tmp_path / "总结.pdf"
    step: Callable[[Path], None] = read_a_missing_photo
    with pytest.raises(FileNotFoundError), saving(out, prefix=".生成中-") as partial:
        step(partial)
    assert _listing(tmp_path) == []
