"""A ledger is created only on purpose (`init`, `demo`, the default ledger on first use); a mistyped
--db, UNION_LEDGER_DB or sqlite URL is refused by every command and creates no file or folder."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

import main
from models.errors import DatabaseProblem, LedgerNotFound
from models.services import Ledger
from reports.excel.templates import write_template


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _commands(tmp_path: Path) -> dict[str, list[str]]:
    roster = tmp_path / "花名册.xlsx"
    write_template("households", roster, org_name="")
    return {
        "check": ["check"],
        "check-json": ["check", "--json"],
        "backup": ["backup"],
        "backup-to-file": ["backup", str(tmp_path / "b.sqlite3")],
        "restore": ["restore", str(tmp_path / "b.sqlite3"), "--yes"],
        "export": ["export", "households", str(tmp_path / "out.xlsx")],
        "account": ["account", "list"],
        "template": ["template", "households", str(tmp_path / "t.xlsx")],
        "import-dry-run": ["import", "households", str(roster), "--dry-run"],
        "import-undo": ["import", "--undo", "1"],
        "stats": ["stats", "2025"],
        "report": ["report", "2025", str(tmp_path / "总结.pdf")],
    }


COMMANDS = [
    "check",
    "check-json",
    "backup",
    "backup-to-file",
    "restore",
    "export",
    "account",
    "template",
    "import-dry-run",
    "import-undo",
    "stats",
    "report",
]


def _files(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_refuses_a_missing_db_file_and_names_init(
    command: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = _commands(tmp_path)[command]
    before = _files(tmp_path)
    typo = tmp_path / "台账-拼错.sqlite3"
    code, out, err = _run(capsys, "--db", str(typo), *argv)
    assert code == 2, (out, err)
    text = err if command != "check-json" else out
    assert "找不到数据库文件" in text and str(typo) in text, text
    assert f"--db {typo} init" in text
    assert "Traceback" not in out + err
    assert _files(tmp_path) == before  # no ledger, no backup folder, no output file


def test_a_missing_folder_in_db_is_not_created(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "无此文件夹" / "x.sqlite3"
    code, _, err = _run(capsys, "--db", str(typo), "check")
    assert code == 2 and "找不到数据库文件" in err
    assert not typo.parent.exists()


def test_a_missing_file_in_a_sqlite_url_is_refused_too(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "no" / "x.sqlite3"
    code, _, err = _run(capsys, "--database-url", f"sqlite:///{typo}", "check")
    assert code == 2 and "找不到数据库文件" in err and "init" in err
    assert not typo.parent.exists()


def test_the_environment_variable_follows_the_same_rule(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    typo = tmp_path / "typo.sqlite3"
    monkeypatch.setenv("UNION_LEDGER_DB", str(typo))
    code, _, err = _run(capsys, "check")
    assert code == 2 and str(typo) in err and "init" in err
    assert not typo.exists()


def test_a_folder_given_as_db_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "--db", str(tmp_path), "check")
    assert code == 2 and "文件夹" in err and str(tmp_path) in err and "Traceback" not in err


@pytest.mark.parametrize("option", ["--db", "--database-url"])
def test_an_empty_db_is_an_error_not_the_default_ledger(
    option: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from models import paths

    with pytest.raises(SystemExit) as exit_:
        main.main([option, "", "check"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "不能为空" in err and option in err
    assert not paths.default_db_path().exists()


def test_the_default_ledger_is_created_on_first_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from models import paths

    monkeypatch.setenv("UNION_LEDGER_HOME", str(tmp_path / "新电脑" / "工会台账"))
    code, out, err = _run(capsys, "check")
    assert code == 0, err
    assert paths.default_db_path().is_file()


def test_init_creates_a_ledger_with_its_org_name(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "城关镇.sqlite3"
    code, out, err = _run(capsys, "--db", str(db), "init", "--org", "桐川县总工会")
    assert code == 0, err
    assert str(db) in out and "import" in out
    ledger = Ledger.open("sqlite:///" + str(db))
    try:
        assert ledger.settings.org_name == "桐川县总工会"
    finally:
        ledger.close()
    assert _run(capsys, "--db", str(db), "check")[0] == 0


def test_init_refuses_an_existing_file_and_leaves_it_alone(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "别人的.sqlite3"
    con = sqlite3.connect(db)
    con.execute("CREATE TABLE notes (body TEXT)")
    con.commit()
    con.close()
    before = db.read_bytes()
    code, _, err = _run(capsys, "--db", str(db), "init")
    assert code == 2 and "已存在" in err and str(db) in err
    assert db.read_bytes() == before


def test_init_refuses_a_missing_folder_and_names_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "拼错的文件夹"
    code, _, err = _run(capsys, "--db", str(folder / "x.sqlite3"), "init")
    assert code == 2 and str(folder) in err and "不存在" in err
    assert not folder.exists()


def test_demo_may_create_a_new_ledger(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "演示.sqlite3"
    assert _run(capsys, "--db", str(db), "demo", "--households", "20")[0] == 0
    assert db.is_file()


def test_the_model_api_creates_only_when_asked(tmp_path: Path) -> None:
    url = "sqlite:///" + str(tmp_path / "new.sqlite3")
    with pytest.raises(LedgerNotFound) as refused:
        Ledger.open(url)
    assert refused.value.path == tmp_path / "new.sqlite3"
    assert not (tmp_path / "new.sqlite3").exists()
    Ledger.open(url, create=True).close()
    Ledger.open(url).close()
    with pytest.raises(DatabaseProblem) as no_folder:
        Ledger.open("sqlite:///" + str(tmp_path / "无" / "x.sqlite3"), create=True)
    assert str(tmp_path / "无") in no_folder.value.message and not (tmp_path / "无").exists()


@pytest.mark.parametrize(
    "url",
    [
        "mysql://clerk:pw@10.0.0.5/ledger",
        "oracle://x@h/y",
        "不是地址",
        "postgresql+pg8000://a@h/x",
        "sqlite+aiosqlite:///x.db",
    ],
)
def test_unsupported_database_urls_say_which_are_supported(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = _run(capsys, "--database-url", url, "check")
    assert code == 2, err
    assert "sqlite:///" in err and "postgresql://" in err and "Traceback" not in err
    assert "pw@" not in err  # the password is never echoed


@pytest.mark.parametrize("scheme", ["postgresql", "postgres"])
def test_plain_postgresql_urls_use_psycopg(scheme: str, capsys: pytest.CaptureFixture[str]) -> None:
    # Port 1 refuses at once: the point is that the URL was understood and psycopg tried it.
    code, _, err = _run(capsys, "--database-url", f"{scheme}://clerk:pw@127.0.0.1:1/x", "check")
    assert code == 2, err
    assert "postgresql+psycopg://clerk:***@127.0.0.1:1/x" in err and "Traceback" not in err
