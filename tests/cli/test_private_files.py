"""Files that hold full ID, phone or bank numbers are owner-only (0600) on POSIX from their first
byte: unmasked exports, error workbooks (they echo the clerk's rows), unmasked cover sheets, crash
logs, backups and the copy kept before an upgrade. A masked export keeps the usual permissions."""

from __future__ import annotations

import datetime as dt
import os
import stat
from pathlib import Path

import openpyxl
import pytest

import main
from models.services import Ledger
from models.validation import build_id_number
from tests.models.factories import household_values

pytestmark = pytest.mark.skipif(os.name != "posix", reason="file modes are a POSIX notion")

ID_NUMBER = build_id_number("411602", dt.date(1978, 5, 6), 13)
OTHER_ID = build_id_number("411602", dt.date(1981, 2, 3), 24)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "台账.sqlite3"
    ledger = Ledger.open(f"sqlite:///{path}", create=True)
    try:
        ledger.households.create(household_values(id_number=ID_NUMBER, phone="13812345678"))
    finally:
        ledger.close()
    return path


@pytest.fixture(autouse=True)
def _usual_umask() -> object:
    old = os.umask(0o022)
    yield
    os.umask(old)


def _run(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> int:
    code = main.main(["--db", str(db), *args])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "意外错误" not in err, err
    return code


def _cells(path: Path) -> str:
    book = openpyxl.load_workbook(path, read_only=True)
    try:
        return " ".join(
            str(c) for ws in book for row in ws.iter_rows(values_only=True) for c in row
        )
    finally:
        book.close()


def test_an_unmasked_export_is_owner_only_and_a_masked_one_is_not(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    full, masked = tmp_path / "完整.xlsx", tmp_path / "遮蔽.xlsx"
    assert _run(capsys, db, "export", "households", str(full), "--unmask") == 0
    assert _run(capsys, db, "export", "households", str(masked)) == 0
    assert ID_NUMBER in _cells(full) and ID_NUMBER not in _cells(masked)
    assert _mode(full) == 0o600
    assert _mode(masked) == 0o644


def test_an_unmasked_export_over_an_existing_readable_file_becomes_owner_only(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "花名册.xlsx"
    assert _run(capsys, db, "export", "households", str(out)) == 0
    assert _mode(out) == 0o644
    assert _run(capsys, db, "export", "households", str(out), "--unmask") == 0
    assert _mode(out) == 0o600


def test_the_error_workbook_of_an_import_is_owner_only(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sheet = tmp_path / "花名册.csv"
    # A real person's number with an impossible filing date next to it: the row is refused and
    # echoed, number and all, into the error workbook.
    sheet.write_text(
        f"户主姓名,身份证号,所属乡镇,困难类别,致困原因,建档日期\n"
        f"李四,{OTHER_ID},城关镇,深度困难,患重特大疾病,2023-13-45\n",
        encoding="utf-8",
    )
    errors = tmp_path / "错误.xlsx"
    assert _run(capsys, db, "import", "households", str(sheet), "--errors", str(errors)) == 0
    assert OTHER_ID in _cells(errors)
    assert _mode(errors) == 0o600


def test_an_unmasked_cover_sheet_is_owner_only(db: Path, tmp_path: Path) -> None:
    from reports.cover_sheet import write_cover_sheet

    ledger = Ledger.open(f"sqlite:///{db}")
    try:
        detail = ledger.households.detail(ledger.households.search_ids(_all())[0])
    finally:
        ledger.close()
    full, masked = tmp_path / "完整.pdf", tmp_path / "遮蔽.pdf"
    write_cover_sheet(detail, full, unmask=True)
    write_cover_sheet(detail, masked)
    assert _mode(full) == 0o600 and _mode(masked) == 0o644
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left


def test_backups_and_the_copy_before_an_upgrade_are_owner_only(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from models import database

    assert _run(capsys, db, "backup") == 0
    made = [p for p in (tmp_path / "备份").iterdir()]
    assert made and all(_mode(p) == 0o600 for p in made)
    opened = database.connect(f"sqlite:///{db}")
    try:
        aside = database.copy_aside(opened, "升级前-0001")
    finally:
        opened.dispose()
    assert aside is not None and _mode(aside) == 0o600


def test_a_crash_log_is_owner_only(
    db: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A database error's text carries the statement's parameters (full ID numbers) into the log.
    from reports.cli import stats

    def explode(_args: object) -> int:
        raise RuntimeError(f"[parameters: ('{ID_NUMBER}',)]")

    monkeypatch.setattr(stats, "run", explode)
    assert main.main(["--db", str(db), "stats", "2025"]) == 1
    err = capsys.readouterr().err
    logs = list((Path(os.environ["UNION_LEDGER_HOME"]) / "日志").iterdir())
    assert len(logs) == 1 and str(logs[0]) in err
    assert ID_NUMBER in logs[0].read_text(encoding="utf-8")
    assert _mode(logs[0]) == 0o600


def _all():
    from models.services import HouseholdQuery

    return HouseholdQuery()


def test_a_new_ledger_and_its_journal_files_are_owner_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # The ledger holds every full number the backups hold; SQLite gives its -wal and -shm files
    # the database file's permissions.
    made = tmp_path / "新台账.sqlite3"
    assert _run(capsys, made, "init") == 0
    assert _mode(made) == 0o600
    ledger = Ledger.open(f"sqlite:///{made}")
    try:
        ledger.households.create(household_values(id_number=OTHER_ID))
        journals = [made.with_name(made.name + s) for s in ("-wal", "-shm")]
        assert all(p.exists() and _mode(p) == 0o600 for p in journals)
    finally:
        ledger.close()
    default = Path(os.environ["UNION_LEDGER_HOME"]) / "ledger.sqlite3"
    assert main.main(["stats", "2025"]) == 0  # the default ledger, made on first use
    assert _mode(default) == 0o600


def test_the_windows_export_of_chosen_records_is_owner_only_when_unmasked(
    db: Path, tmp_path: Path
) -> None:
    from desktop import export_flow

    ledger = Ledger.open(f"sqlite:///{db}")
    try:
        ids = ledger.households.search_ids(_all())
        full, masked = tmp_path / "所选-完整.xlsx", tmp_path / "所选.xlsx"
        assert export_flow.export(ledger, "households", full, unmask=True, ids=ids) == 1
        assert export_flow.export(ledger, "households", masked, ids=ids) == 1
        whole = tmp_path / "全部-完整.xlsx"
        assert export_flow.export(ledger, "households", whole, unmask=True) == 1
    finally:
        ledger.close()
    assert ID_NUMBER in _cells(full) and ID_NUMBER in _cells(whole)
    assert _mode(full) == 0o600 and _mode(whole) == 0o600 and _mode(masked) == 0o644
