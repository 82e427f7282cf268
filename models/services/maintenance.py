"""Backup, restore and health check as services, with permissions and audit (window and CLI share it)."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from models import backup, integrity
from models.backup import BACKUP_DIR
from models.errors import DatabaseProblem, InvalidValue
from models.services.base import Service


@dataclass(frozen=True)
class StartupReport:
    """What the window shows after opening a database: a notice for each thing worth saying."""

    daily_backup: Path | None
    check: integrity.CheckReport
    read_only: bool
    notices: tuple[str, ...]


@dataclass(frozen=True)
class RestoreResult:
    restored: backup.VerifiedBackup
    kept: Path  # the database as it was just before the restore

    def message(self) -> str:
        r = self.restored
        photos = f"，照片 {r.photos} 张" if r.photos else ""
        return (
            f"已从 {r.path.name} 恢复：困难职工档案 {r.households} 户，服务阵地 {r.stations} 个，"
            f"活动 {r.activities} 条{photos}。恢复前的数据库已另存为 {self.kept}。"
        )


class MaintenanceService(Service):
    @property
    def is_server(self) -> bool:
        return not self.ledger.db.is_sqlite

    def server_backup_advice(self) -> str:
        return backup.pg_dump_advice(self.ledger.db)

    # ---- backup folder -------------------------------------------------------------------

    def backup_dir(self) -> Path:
        return backup.backup_dir(self.ledger.db)

    def set_backup_dir(self, folder: str | os.PathLike[str]) -> Path:
        """Change where automatic backups go (e.g. a USB disk); the folder must be writable."""
        self.require("settings")
        path = Path(str(folder).strip()).expanduser()
        if not str(folder).strip():
            raise InvalidValue("backup_dir", folder, "请选择一个文件夹。", label="备份目录")
        try:
            path.mkdir(parents=True, exist_ok=True)
            probe = path / ".写入测试"
            probe.write_bytes(b"")
            probe.unlink()
        except OSError as exc:
            raise InvalidValue(
                "backup_dir",
                str(path),
                f"无法在此文件夹写入（{exc.strerror or exc}）。请选择一个可写的文件夹。",
                label="备份目录",
            ) from exc
        self.ledger.settings.set(BACKUP_DIR, str(path.resolve()))
        return path

    def backups(self) -> list[backup.BackupFile]:
        return backup.list_backups(self.backup_dir(), backup.source_label(self.ledger.db))

    # ---- backup / restore ----------------------------------------------------------------

    def backup(self, out: str | os.PathLike[str] | None = None) -> Path:
        """A manual backup: into the backup folder (rotated), or to the given file (admins only)."""
        db = self.ledger.db
        self.require("edit" if out is None else "backup")
        if self.is_server:
            raise DatabaseProblem(self.server_backup_advice())
        if out is None:
            made = backup.snapshot(db, backup.MANUAL)
        else:
            target = Path(out).expanduser()
            if target.is_dir():
                target = target / f"{backup.PREFIX}-{_stamp()}{backup.SUFFIX}"
            if db.path and target.resolve() == db.path.resolve():
                raise InvalidValue(
                    "out", str(target), "不能备份到数据库文件本身。", label="备份文件"
                )
            # With photos the file becomes a .zip of the same name (the message names it).
            made = backup.write_backup(db.path, db.files_dir, target)  # type: ignore[arg-type]
        if not db.read_only:
            self.ledger.audit.record_event("backup", "settings", str(made), note="手动备份")
        return made

    def snapshot_before(self, reason: str) -> Path | None:
        """The automatic snapshot before an import, a bulk change or a restore (SQLite only)."""
        if self.ledger.db.read_only:
            return None
        return backup.snapshot_if_possible(self.ledger.db, reason)

    def snapshot_daily(self) -> Path | None:
        """The day's first automatic backup (none if today's exists, read-only, or a server)."""
        if self.ledger.db.read_only:
            return None
        return backup.daily_snapshot(self.ledger.db)

    def verify(self, file: str | os.PathLike[str]) -> backup.VerifiedBackup:
        return backup.verify_backup(self.ledger.db, file)

    def restore(self, file: str | os.PathLike[str]) -> RestoreResult:
        """Replace the database with a verified backup; the replaced one is kept as a backup."""
        self.require("restore")
        if self.is_server:
            raise DatabaseProblem(self.server_backup_advice())
        if self.ledger.db.read_only:
            raise DatabaseProblem(f"{self.ledger.db.read_only_reason}只读时不能恢复备份。")
        verified, kept = backup.restore(self.ledger.db, file)
        result = RestoreResult(verified, kept)
        # Written into the restored database, so its own trail says where it came from.
        self.ledger.audit.record_event(
            "restore_backup", "settings", verified.path.name, note=f"恢复前的数据库另存为 {kept}"
        )
        return result

    # ---- health --------------------------------------------------------------------------

    def check(self, *, quick: bool = False) -> integrity.CheckReport:
        return integrity.check(self.ledger.db, quick=quick)

    def startup(self) -> StartupReport:
        """What the window does after opening: the day's first backup and the quick check."""
        notices: list[str] = []
        daily = None
        if self.ledger.db.read_only:
            notices.append(f"{self.ledger.db.read_only_reason}本窗口只能查看，不能修改。")
        else:
            try:
                daily = self.snapshot_daily()
            except DatabaseProblem as exc:
                notices.append(f"今天的自动备份没有完成：{exc.message}")
        report = self.check(quick=True)
        if report.findings:
            notices.append(
                f"{report.summary()}请在“工具 → 检查数据库”中查看详情（命令行：python main.py check）。"
            )
        return StartupReport(daily, report, self.ledger.db.read_only, tuple(notices))


def _stamp() -> str:
    import datetime as dt

    return f"{dt.datetime.now():%Y%m%d-%H%M%S}"
