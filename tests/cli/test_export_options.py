"""`export`: only .xlsx is written (a .csv is refused, saying why), and a filter that matches
nothing because it is misspelt or does not apply is refused, naming what can be given."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

import main
from models.services import Ledger


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "演示.sqlite3"
    assert main.main(["--db", str(db), "demo", "--households", "30", "--seed", "9"]) == 0
    return db


@pytest.fixture
def db(demo_db: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "台账.sqlite3"
    shutil.copy(demo_db, copy)
    return copy


def _export(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> tuple[int, str, str]:
    code = main.main(["--db", str(db), "export", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "意外错误" not in err, err
    return code, out, err


def _townships(db: Path) -> list[str]:
    ledger = Ledger.open("sqlite:///" + str(db))
    try:
        return ledger.settings.townships()
    finally:
        ledger.close()


def test_a_csv_name_is_refused_saying_why(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "花名册.csv"
    code, _, err = _export(capsys, db, "households", str(out))
    assert code == 2 and ".xlsx" in err and "CSV" in err and "身份证号" in err
    assert not out.exists() and not list(tmp_path.glob("*花名册*"))


@pytest.mark.parametrize("name", ["花名册.pdf", "花名册.txt", "花名册", "花名册.xls"])
def test_other_names_are_refused_naming_xlsx(
    name: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _export(capsys, db, "households", str(tmp_path / name))
    assert code == 2 and ".xlsx" in err
    assert not (tmp_path / name).exists()


@pytest.mark.parametrize("kind", ["households", "members", "stations", "activities", "usage"])
def test_an_unknown_township_is_refused_naming_the_known_ones(
    kind: str, db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.xlsx"
    code, _, err = _export(capsys, db, kind, str(out), "--township", "火星镇")
    assert code == 2 and "火星镇" in err
    townships = _townships(db)
    assert townships and all(name in err for name in townships[:3])
    assert not out.exists()


def test_a_known_township_exports_its_files_only(
    db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    township = _townships(db)[0]
    out = tmp_path / "x.xlsx"
    code, stdout, err = _export(capsys, db, "households", str(out), "--township", township)
    assert code == 0, err
    sheet = openpyxl.load_workbook(out, read_only=True).worksheets[0]
    header = [c for c in next(sheet.iter_rows(min_row=3, max_row=3, values_only=True))]
    column = header.index("所属乡镇(街道)")
    values = {row[column] for row in sheet.iter_rows(min_row=4, values_only=True) if row[1]}
    assert values == {township}


@pytest.mark.parametrize(
    ("kind", "known"),
    [("households", ["在档", "已脱困", "已销档"]), ("stations", ["运行", "整改", "停用", "撤销"])],
)
def test_an_unknown_status_is_refused_naming_the_known_ones(
    kind: str, known: list[str], db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.xlsx"
    code, _, err = _export(capsys, db, kind, str(out), "--status", "某某")
    assert code == 2 and "某某" in err and all(name in err for name in known)
    assert not out.exists()


@pytest.mark.parametrize(
    "args",
    [
        ["usage", "--status", "运行"],
        ["activities", "--status", "在档"],
        ["stats", "--township", "城关镇"],
        ["stats", "--status", "在档"],
        ["members", "--year", "2024"],
    ],
)
def test_a_filter_that_does_not_apply_is_refused(
    args: list[str], db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kind, *options = args
    out = tmp_path / "x.xlsx"
    code, _, err = _export(capsys, db, kind, str(out), *options)
    assert code == 2 and options[0] in err
    assert not out.exists()


def test_export_help_documents_the_filters(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main.main(["export", "-h"])
    out = capsys.readouterr().out
    for text in ("--year", "--township", "--status", "在档", "运行", ".xlsx", "CSV"):
        assert text in out, text
