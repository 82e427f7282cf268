"""Two imports at once: the command line's import waits for the other one (minutes, not seconds),
saying on stderr that it waits, and when it gives up says so for the command line: which command
to run again, and that nothing was imported. The window keeps its own, short wait and wording."""

from __future__ import annotations

import datetime as dt
import io
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

import main
from models.errors import DatabaseProblem
from models.normalize import normalize_record
from models.services import HouseholdQuery, Ledger
from models.services.imports import ImportRow
from models.validation import build_id_number
from tests.models.factories import household_values

NOTE = "数据库正被另一个程序使用，正在等待"


class _OtherImport(threading.Thread):
    """Another clerk's import, holding its transaction open until `release()`."""

    def __init__(self, url: str) -> None:
        super().__init__(daemon=True)
        self.url = url
        self.inside = threading.Event()
        self._go = threading.Event()
        self.error: BaseException | None = None
        self.inserted = 0

    def _rows(self) -> Iterator[ImportRow]:
        values = household_values(id_number=build_id_number("411602", dt.date(1975, 3, 4), 21))
        clean, errors = normalize_record("households", values, partial=True)
        assert not errors
        self.inside.set()  # asked for its first row: its write transaction has begun
        self._go.wait(120)
        yield ImportRow("甲的花名册", 2, clean)

    def run(self) -> None:
        ledger = Ledger.open(self.url)
        try:
            result = ledger.imports.apply("households", self._rows(), file_name="甲.xlsx")
            self.inserted = result.inserted
        except BaseException as exc:  # noqa: BLE001 - handed to the test thread
            self.error = exc
        finally:
            ledger.close()

    def release(self) -> None:
        self._go.set()

    def finish(self) -> None:
        self.release()
        self.join(60)
        assert not self.is_alive() and self.error is None, self.error
        assert self.inserted == 1


class _Watched(io.TextIOBase):
    """stderr that lets the other import finish once the waiting note has been written."""

    def __init__(self, through: object, on_note: threading.Event) -> None:
        self.through, self.on_note, self.text = through, on_note, ""

    def write(self, text: str) -> int:
        self.text += text
        if NOTE in self.text:
            self.on_note.set()
        return self.through.write(text)  # type: ignore[attr-defined]


@pytest.fixture
def roster(tmp_path: Path) -> Path:
    path = tmp_path / "乙的花名册.csv"
    person = build_id_number("411602", dt.date(1980, 7, 8), 32)
    path.write_text(
        "户主姓名,身份证号,所属乡镇,困难类别,致困原因,建档日期\n"
        f"王秀英,{person},城关镇,深度困难,患重特大疾病,2024-03-01\n",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def other(db_url: str, ledger: Ledger) -> Iterator[_OtherImport]:
    # `ledger` first: the schema exists before the two clerks start.
    holder = _OtherImport(db_url)
    holder.start()
    assert holder.inside.wait(60)
    yield holder
    holder.release()
    holder.join(60)


def test_the_command_line_import_waits_with_a_note_and_then_imports(
    db_url: str,
    ledger: Ledger,
    other: _OtherImport,
    roster: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("UNION_LEDGER_LOCK_WAIT", "120")
    noted = threading.Event()
    watched = _Watched(sys.stderr, noted)
    monkeypatch.setattr(sys, "stderr", watched)
    releaser = threading.Thread(target=lambda: noted.wait(120) and other.release(), daemon=True)
    releaser.start()
    code = main.main(["--database-url", db_url, "import", "households", str(roster)])
    out = capsys.readouterr().out
    assert noted.is_set(), watched.text
    assert code == 0, (out, watched.text)
    assert "新增1" in out
    other.finish()
    assert ledger.households.count(HouseholdQuery()) == 2  # both clerks' rows


@pytest.mark.parametrize("dry_run", [False, True], ids=["import", "dry-run"])
def test_the_command_line_import_gives_up_in_its_own_words_having_imported_nothing(
    db_url: str,
    ledger: Ledger,
    other: _OtherImport,
    roster: Path,
    dry_run: bool,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("UNION_LEDGER_LOCK_WAIT", "3")
    argv = ["--database-url", db_url, "import", "households", str(roster)]
    code = main.main(argv + (["--dry-run"] if dry_run else []))
    out, err = capsys.readouterr()
    assert code == 2, (out, err)
    assert NOTE in err, err
    final = err.strip().splitlines()[-1]
    assert "窗口" not in final and "没有导入" in final, final
    assert f"import households {roster}" in final, final
    assert "Traceback" not in err and "意外错误" not in err
    other.finish()
    assert ledger.households.count(HouseholdQuery()) == 1  # the other clerk's row only


def test_undoing_an_import_waits_for_the_other_import_too(
    db_url: str,
    ledger: Ledger,
    roster: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert main.main(["--database-url", db_url, "import", "households", str(roster)]) == 0
    batch = ledger.imports.batches()[0].id
    capsys.readouterr()
    holder = _OtherImport(db_url)
    holder.start()
    try:
        assert holder.inside.wait(60)
        monkeypatch.setenv("UNION_LEDGER_LOCK_WAIT", "3")
        code = main.main(["--database-url", db_url, "import", "--undo", str(batch)])
        out, err = capsys.readouterr()
        assert code == 2, (out, err)
        assert NOTE in err, err
        final = err.strip().splitlines()[-1]
        assert "窗口" not in final and "没有撤销" in final and f"import --undo {batch}" in final
    finally:
        holder.finish()
    assert ledger.households.count(HouseholdQuery()) == 2  # the batch is still there
    assert ledger.imports.batches()[-1].undone_at is None


def test_a_login_waits_too_and_gives_up_in_the_same_words(
    db_url: str,
    ledger: Ledger,
    roster: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # With accounts, logging in writes (the audit trail) before the import: on SQLite it is the
    # first thing to wait for the other import.
    from models.services.base import ROLE_ADMIN

    ledger.accounts.add("admin", "刘主席", ROLE_ADMIN, "Zhuxi-2025!")
    holder = _OtherImport(db_url)
    holder.start()
    try:
        assert holder.inside.wait(60)
        monkeypatch.setenv("UNION_LEDGER_LOCK_WAIT", "3")
        monkeypatch.setenv("UNION_LEDGER_PASSWORD", "Zhuxi-2025!")
        argv = ["--database-url", db_url, "import", "households", str(roster), "--user", "admin"]
        code = main.main(argv)
        out, err = capsys.readouterr()
        assert code == 2, (out, err)
        assert NOTE in err, err
        final = err.strip().splitlines()[-1]
        assert "窗口" not in final and "没有导入" in final and "import households" in final
    finally:
        holder.finish()
    assert ledger.households.count(HouseholdQuery()) == 1


def test_a_wait_that_is_not_a_number_is_refused_in_chinese(
    db_url: str,
    ledger: Ledger,
    roster: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("UNION_LEDGER_LOCK_WAIT", "五分钟")
    code = main.main(["--database-url", db_url, "import", "households", str(roster)])
    err = capsys.readouterr().err
    assert code == 2 and "UNION_LEDGER_LOCK_WAIT" in err and "秒" in err, err
    assert ledger.households.count(HouseholdQuery()) == 0


@pytest.mark.sqlite_only
def test_the_window_keeps_its_short_wait_and_wording(
    db_url: str, ledger: Ledger, other: _OtherImport, monkeypatch: pytest.MonkeyPatch
) -> None:
    from models import database

    # The window's wait is the busy timeout (15 s); shortened so the test does not sit it out.
    monkeypatch.setattr(database, "BUSY_TIMEOUT_MS", 300)
    window = Ledger.open(db_url)
    try:
        with pytest.raises(DatabaseProblem) as info:
            window.households.create(household_values())
    finally:
        window.close()
    assert "另一个窗口" in info.value.message
    other.finish()
