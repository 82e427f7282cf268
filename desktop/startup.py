"""Application set-up before the first window: Chinese Qt translations, a CJK font, the stylesheet."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QSettings, QTranslator
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from desktop import wheel_guard
from desktop.sort_arrows import ReadableSortArrows
from models import paths
from resources import path as resource_path

ORG = "UnionLedger"
APP = "工会台账"
BUNDLED_FONT = ("fonts", "wqy-microhei.ttc")
_translators: list[QTranslator] = []  # kept alive for the application's lifetime


def configure_settings() -> None:
    """UI state lives in an ini file in the data folder (so UNION_LEDGER_HOME isolates tests too)."""
    QCoreApplication.setOrganizationName(ORG)
    QCoreApplication.setApplicationName(APP)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(
        QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(paths.data_dir() / "界面")
    )


class MissingQtWords(QTranslator):
    """Strings Qt's own qtbase_zh_CN leaves in English (the file dialog's labels)."""

    WORDS = {
        ("QFileDialog", "&Look in:"): "查找范围(&L)：",
        ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
    }

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return self.WORDS.get((context, source), "")

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def install_translations(app: QCoreApplication) -> bool:
    """Qt's own zh_CN strings (standard buttons, file dialogs, context menus of line edits)."""
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    missing = MissingQtWords(app)
    app.installTranslator(missing)
    _translators.append(missing)
    loaded = False
    for name in ("qtbase_zh_CN", "qt_zh_CN"):
        translator = QTranslator(app)
        if translator.load(name, folder):
            app.installTranslator(translator)
            _translators.append(translator)
            loaded = True
    return loaded


def has_cjk_font() -> bool:
    return bool(QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese))


def ensure_cjk_font(app: QApplication) -> str | None:
    """Use the bundled WenQuanYi Micro Hei when the system has no Chinese font (bare Linux)."""
    family: str | None = None
    if not has_cjk_font():
        font_id = QFontDatabase.addApplicationFont(str(resource_path(*BUNDLED_FONT)))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = families[0] if families else None
    else:
        preferred = (
            "Microsoft YaHei",
            "微软雅黑",
            "PingFang SC",
            "Noto Sans CJK SC",
            "Source Han Sans SC",
            "WenQuanYi Micro Hei",
            "文泉驿微米黑",
        )
        available = set(QFontDatabase.families())
        family = next((f for f in preferred if f in available), None)
    if family:
        font = QFont(family)
        font.setPointSizeF(max(app.font().pointSizeF(), 10.0))
        app.setFont(font)
    return family


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    configure_settings()
    app = existing if isinstance(existing, QApplication) else QApplication(argv or sys.argv[:1])
    app.setApplicationDisplayName(APP)
    wheel_guard.install(app)
    install_translations(app)
    ensure_cjk_font(app)
    app.setStyle(ReadableSortArrows("Fusion"))
    style = resource_path("style.qss")
    if style.is_file():
        app.setStyleSheet(style.read_text(encoding="utf-8"))
    return app
