"""The bundle's smoke test: each command and the window, run the way a clerk's PC runs them.

From the bundle's own folder, in a scratch working directory, with no PYTHON* variables and a data
folder of its own (UNION_LEDGER_HOME), so nothing can come from a source tree or a virtualenv.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from collections.abc import Callable
from contextlib import closing
from importlib.metadata import version
from pathlib import Path

WINDOWS = sys.platform == "win32"
CLI = "union-ledger.exe" if WINDOWS else "union-ledger"  # console: every command
WINDOW = "工会台账.exe" if WINDOWS else "union-ledger"  # what the shortcuts start
DEMO_YEARS = ("2024", "2025")
STEP_TIMEOUT = 300  # seconds; a step that hangs is a failure, not a stuck build


def app_version() -> str:
    return version("union-ledger")


class Smoke:
    """Runs the bundle's executables in a scratch folder and records which steps passed."""

    def __init__(self, bundle: Path, scratch: Path, window_seconds: float) -> None:
        self.bundle = bundle
        self.scratch = scratch
        self.window_seconds = window_seconds
        self.db = scratch / "演示台账.sqlite3"
        self.failures: list[str] = []

    def env(self, home: Path) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "UNION_LEDGER"))}
        env["UNION_LEDGER_HOME"] = str(home)
        env["QT_QPA_PLATFORM"] = "offscreen"
        return env

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.bundle / CLI), *args],
            cwd=self.scratch,
            env=self.env(self.scratch / "home"),
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=STEP_TIMEOUT,
            check=False,
        )

    def step(self, name: str, check: Callable[[], str | None]) -> None:
        started = time.monotonic()
        try:
            problem = check()
        except Exception as exc:  # noqa: BLE001 - every failure is reported, the next step runs
            problem = f"{type(exc).__name__}: {exc}"
        seconds = time.monotonic() - started
        if problem:
            self.failures.append(name)
            print(f"✗ {name}（{seconds:.1f} 秒）：{problem}", flush=True)
        else:
            print(f"✓ {name}（{seconds:.1f} 秒）", flush=True)

    def command(
        self, *args: str, expect: Callable[[str], str | None] = lambda out: None
    ) -> str | None:
        done = self.run(*args)
        if done.returncode != 0:
            return f"退出码 {done.returncode}\n{done.stdout[-2000:]}\n{done.stderr[-4000:]}"
        if "Traceback" in done.stderr:
            return "输出中有 Python 错误堆栈：\n" + done.stderr[-4000:]
        return expect(done.stdout)

    def all_steps(self) -> None:
        year = DEMO_YEARS[-1]
        self.step(
            "--help", lambda: self.command("--help", expect=_mentions("union-ledger", "demo"))
        )
        self.step(
            "--version",
            lambda: self.command("--version", expect=_mentions(app_version())),
        )
        self.step(
            "demo（临时数据库）",
            lambda: self.command(
                "--db", str(self.db), "demo", "--households", "60", "--years", "-".join(DEMO_YEARS)
            ),
        )
        self.step(
            "stats --json",
            lambda: self.command(
                "--db", str(self.db), "stats", year, "--json", expect=_stats(year)
            ),
        )
        pdf = self.scratch / "年度总结.pdf"
        self.step(
            "report → PDF",
            lambda: (
                self.command("--db", str(self.db), "report", year, str(pdf))
                or _file_starts(pdf, b"%PDF-")
            ),
        )
        xlsx = self.scratch / "花名册.xlsx"
        self.step(
            "export → xlsx",
            lambda: (
                self.command("--db", str(self.db), "export", "households", str(xlsx))
                or _workbook(xlsx)
            ),
        )
        self.step(f"窗口（offscreen，{self.window_seconds:g} 秒）", self.window)

    def window(self) -> str | None:
        """The window on a fresh data folder: alive after a few seconds, its default ledger
        created and migrated by the opening worker (so Qt, the plugins and Alembic all loaded)."""
        home = self.scratch / "window-home"
        home.mkdir()
        log = self.scratch / "window.log"
        with log.open("w", encoding="utf-8") as out:
            process = subprocess.Popen(
                [str(self.bundle / WINDOW)],
                cwd=self.scratch,
                env=self.env(home),
                stdout=out,
                stderr=subprocess.STDOUT,
            )
            try:
                process.wait(timeout=self.window_seconds)
            except subprocess.TimeoutExpired:
                pass
            code = process.poll()
            if code is None:
                process.terminate()
                try:
                    process.wait(timeout=15)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
        output = log.read_text(encoding="utf-8", errors="replace")
        if code is not None:
            return f"窗口 {self.window_seconds:g} 秒内就退出了（退出码 {code}）：\n{output[-4000:]}"
        if "Traceback" in output:
            return "窗口输出中有 Python 错误堆栈：\n" + output[-4000:]
        return _migrated(home / "ledger.sqlite3")


def _mentions(*words: str) -> Callable[[str], str | None]:
    def check(out: str) -> str | None:
        missing = [word for word in words if word not in out]
        return f"输出中没有 {missing}：\n{out[-2000:]}" if missing else None

    return check


def _stats(year: str) -> Callable[[str], str | None]:
    def check(out: str) -> str | None:
        data = json.loads(out)
        return None if str(data.get("year")) == year else f"JSON 中的年份不是 {year}：{out[:500]}"

    return check


def _file_starts(path: Path, magic: bytes) -> str | None:
    if not path.is_file():
        return f"没有生成 {path}"
    with path.open("rb") as handle:
        head = handle.read(len(magic))
    return None if head == magic else f"{path} 不是预期的文件（开头 {head!r}）"


def _workbook(path: Path) -> str | None:
    if not zipfile.is_zipfile(path):
        return f"{path} 不是 xlsx 工作簿"
    with zipfile.ZipFile(path) as book:
        return None if "xl/workbook.xml" in book.namelist() else f"{path} 中没有 xl/workbook.xml"


def _migrated(path: Path) -> str | None:
    if not path.is_file():
        return f"窗口没有建立默认数据库 {path}"
    with closing(sqlite3.connect(path)) as conn:  # closed: Windows cannot delete an open file
        rows = conn.execute("SELECT version_num FROM alembic_version").fetchall()
    return None if rows else f"{path} 没有迁移版本"


def bundle_size_mb(bundle: Path) -> float:
    """Bytes on disk of the bundle's files (symbolic links inside it are not counted twice)."""
    total = sum(
        path.stat().st_size
        for path in bundle.rglob("*")
        if path.is_file() and not path.is_symlink()
    )
    return total / 1024 / 1024


def smoke(bundle: Path, window_seconds: float) -> bool:
    if not (bundle / CLI).is_file():
        print(f"✗ {bundle} 中没有可执行文件 {CLI}", flush=True)
        return False
    with tempfile.TemporaryDirectory(
        prefix="工会台账-冒烟测试-", ignore_cleanup_errors=True
    ) as scratch:
        tester = Smoke(bundle, Path(scratch), window_seconds)
        tester.all_steps()
    if tester.failures:
        print(f"冒烟测试未通过：{'、'.join(tester.failures)}", flush=True)
        return False
    print("冒烟测试全部通过", flush=True)
    return True
