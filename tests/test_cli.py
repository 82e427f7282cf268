"""The command line: Chinese help and errors, no traceback, every command reachable."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import main

ROOT = Path(__file__).resolve().parents[1]


def test_help_is_chinese(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main.main(["-h"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    assert "用法" in out and "命令" in out and "生成演示数据" in out


@pytest.mark.parametrize(
    ("argv", "phrase"),
    [
        (["stats"], "缺少必需的参数"),
        (["stats", "二〇二五"], "不是年份"),
        (["stats", "1800"], "超出范围"),
        (["import", "cats", "x.xlsx"], "无效的选项"),
        (["demo", "--households", "0"], "正整数"),
        (["frobnicate"], "无效的选项"),
    ],
)
def test_wrong_arguments_say_what_to_do(argv, phrase, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main.main(argv)
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert phrase in err
    assert "-h" in err
    assert "Traceback" not in err


def test_every_handler_is_importable() -> None:
    import importlib

    for command, target in main.HANDLERS.items():
        module_name, function_name = target.split(":")
        module = importlib.import_module(module_name)
        assert callable(getattr(module, function_name)), command


def test_unreadable_database_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "坏.sqlite3"
    bad.write_bytes(b"garbage" * 200)
    result = subprocess.run(
        [sys.executable, "main.py", "stats", "2025", "--db", str(bad)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "数据库" in result.stderr


def test_console_script_and_main_py_are_the_same_entry_point() -> None:
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert project["scripts"]["union-ledger"] == "main:main"


def test_output_cut_short_by_a_pipe_is_not_an_error(tmp_path: Path) -> None:
    db = tmp_path / "ledger.sqlite3"
    assert main.main(["demo", "--households", "30", "--db", str(db)]) == 0
    command = f"{sys.executable} main.py stats 2025 --db {db} | head -n 2"
    result = subprocess.run(
        ["bash", "-c", "set -o pipefail; " + command],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert "意外错误" not in result.stderr
    assert "Traceback" not in result.stderr


def test_import_needs_kind_and_file_unless_undoing(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main.main(["import", "households"])
    assert exit_.value.code == 2
    assert "--undo" in capsys.readouterr().err
