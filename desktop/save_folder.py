"""Where save dialogs start: the folder last saved to, else the clerk's Documents (never the
program's own folder, where a relative file name would otherwise land)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QStandardPaths

KEY = "paths/last_save_folder"


def start_path(file_name: str) -> str:
    """The suggested file in the folder a save dialog should open on."""
    return str(_folder() / file_name)


def remember(path: str) -> None:
    """The clerk saved to `path`: the next save dialog starts in its folder."""
    if path:
        QSettings().setValue(KEY, str(Path(path).parent))


def _folder() -> Path:
    last = QSettings().value(KEY)
    if last and Path(str(last)).is_dir():
        return Path(str(last))
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    return Path(documents) if documents and Path(documents).is_dir() else Path.home()
