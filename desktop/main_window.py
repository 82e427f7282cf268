"""The main window: navigation pane, one screen per area, menus, toolbar, status bar, saved layout.

Built in two steps so the window paints before the heavy libraries load: `MainWindow()` needs only
Qt; `attach(ctx)` (after the database is open) builds the screens, each on its first visit.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QByteArray, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from desktop.change_watch import ChangeWatcher

if TYPE_CHECKING:
    from desktop.context import AppContext

# (key, navigation label); the order is the pane's order and the Ctrl+1…9, 0 shortcuts.
SCREENS: tuple[tuple[str, str], ...] = (
    ("dashboard", "工作台"),
    ("stations", "服务阵地"),
    ("reststops", "户外劳动者驿站"),
    ("households", "困难职工档案"),
    ("activities", "活动台账"),
    ("import_export", "导入导出"),
    ("summary", "年度总结"),
    ("audit", "操作日志"),
    ("settings", "设置"),
    ("recycle", "回收站"),
    ("reviews", "待办核查"),  # last: the ten before keep their Ctrl+1…9, 0
)
DEFAULT_SIZE = QSize(1280, 760)
TITLE_BAR = 40  # the window manager's frame above the window, roughly


def _factory(key: str) -> Callable[[AppContext], QWidget]:
    """Screens are imported on first use: start-up pays only for the first one."""

    def build(ctx: AppContext) -> QWidget:
        if key == "dashboard":
            from desktop.screens.dashboard import DashboardScreen

            return DashboardScreen(ctx)
        if key in ("stations", "reststops"):
            from desktop.screens.stations import StationsScreen

            return StationsScreen(ctx, rest_stops=key == "reststops")
        if key == "households":
            from desktop.screens.households import HouseholdsScreen

            return HouseholdsScreen(ctx)
        if key == "activities":
            from desktop.screens.activities import ActivitiesScreen

            return ActivitiesScreen(ctx)
        if key == "import_export":
            from desktop.screens.import_export import ImportExportScreen

            return ImportExportScreen(ctx)
        if key == "summary":
            from desktop.screens.summary import SummaryScreen

            return SummaryScreen(ctx)
        if key == "audit":
            from desktop.screens.audit_log import AuditLogScreen

            return AuditLogScreen(ctx)
        if key == "recycle":
            from desktop.screens.recycle_bin import RecycleBinScreen

            return RecycleBinScreen(ctx)
        if key == "reviews":
            from desktop.screens.reviews import ReviewsScreen

            return ReviewsScreen(ctx)
        from desktop.screens.settings import SettingsScreen

        return SettingsScreen(ctx)

    return build


class MainWindow(QMainWindow):
    def __init__(self) -> None:
        super().__init__()
        self.setWindowTitle("工会台账")
        self.ctx: AppContext | None = None
        self._watcher: ChangeWatcher | None = None
        self.screens: dict[str, QWidget] = {}
        self.file_views: dict[int, QWidget] = {}
        self.nav = QListWidget()
        self.nav.setObjectName("nav")
        self.nav.setIconSize(QSize(18, 18))
        for key, label in SCREENS:
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.nav.addItem(item)
        self.nav.setMinimumWidth(140)
        self.nav.setMaximumWidth(240)
        # Click (or Ctrl+1…9) to move: a pane that takes keyboard focus would pick its first
        # entry on focus-in and leave the welcome page behind.
        self.nav.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.nav.currentRowChanged.connect(self._nav_changed)
        self.opening = False  # a worker is opening the database (desktop.app.attach_in_background)
        self._pending_screen = ""  # chosen while it was still opening
        self.stack = QStackedWidget()
        self.loading = QLabel("正在打开数据库……")
        self.loading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.loading.setProperty("role", "hint")
        self.stack.addWidget(self.loading)
        self.splitter = QSplitter()
        self.splitter.setObjectName("main_splitter")
        self.splitter.addWidget(self.nav)
        self.splitter.addWidget(self.stack)
        self.splitter.setStretchFactor(0, 0)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([156, 1200])
        self.splitter.setChildrenCollapsible(False)
        self.notice = QLabel()
        self.notice.setObjectName("notice")
        self.notice.setWordWrap(True)
        self.notice.setProperty("role", "error")
        self.notice.hide()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.setSpacing(0)
        central_layout.addWidget(self.notice)
        central_layout.addWidget(self.splitter, 1)
        self.setCentralWidget(central)
        self.db_label = QLabel()
        self.counts_label = QLabel()
        self.statusBar().addPermanentWidget(self.counts_label)
        self.statusBar().addPermanentWidget(self.db_label)
        self._build_actions()
        self.restore_layout()

    # ---- menus and toolbar ---------------------------------------------------------------

    def _action(
        self, text: str, handler: Callable[[], Any], shortcut: Any = None, tip: str = ""
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.setStatusTip(tip or text)
        action.triggered.connect(lambda _=False: handler())
        return action

    def _build_actions(self) -> None:
        self.new_action = self._action(
            "新建(&N)", self.new_record, QKeySequence.StandardKey.New, "在当前列表中新建一条记录"
        )
        self.import_action = self._action(
            "导入 Excel(&I)…", lambda: self.show_screen("import_export"), "Ctrl+I"
        )
        self.export_action = self._action("导出 Excel(&E)…", self.export_dialog, "Ctrl+E")
        self.new_db_action = self._action(
            "新建台账(&W)…", self.new_database, tip="新建一个空的台账数据库文件并打开它"
        )
        self.open_db_action = self._action(
            "打开其他数据库(&O)…", self.choose_database, QKeySequence.StandardKey.Open
        )
        self.quit_action = self._action("退出(&X)", self.close, QKeySequence.StandardKey.Quit)
        self.find_action = self._action(
            "查找(&F)",
            self.focus_search,
            QKeySequence.StandardKey.Find,
            "把光标移到当前列表的搜索框",
        )
        self.refresh_action = self._action(
            "刷新(&R)", self.refresh_current, QKeySequence.StandardKey.Refresh
        )
        self.clear_action = self._action("清除筛选", self.clear_filters, "Ctrl+Shift+L")
        self.manual_action = self._action("使用说明(&M)", self.show_manual, "F1")
        self.about_action = self._action("关于工会台账(&A)", self.about)
        file_menu = self.menuBar().addMenu("文件(&F)")
        for action in (
            self.new_action,
            None,
            self.import_action,
            self.export_action,
            None,
            self.new_db_action,
            self.open_db_action,
            None,
            self.quit_action,
        ):
            file_menu.addSeparator() if action is None else file_menu.addAction(action)
        edit_menu = self.menuBar().addMenu("编辑(&E)")
        for action in (self.find_action, self.clear_action, self.refresh_action):
            edit_menu.addAction(action)
        view_menu = self.menuBar().addMenu("查看(&V)")
        view_menu.setToolTipsVisible(True)  # the greyed 显示完整号码 says why
        self.screen_actions: dict[str, QAction] = {}
        for i, (key, label) in enumerate(SCREENS, start=1):
            shortcut = f"Ctrl+{i % 10}" if i <= 10 else None  # Ctrl+1 … Ctrl+0
            action = self._action(label, lambda k=key: self.show_screen(k), shortcut)
            view_menu.addAction(action)
            self.screen_actions[key] = action
        view_menu.addSeparator()
        self.unmask_action = QAction("显示完整号码(&U)", self)
        self.unmask_action.setObjectName("unmask")
        self.unmask_action.setCheckable(True)
        self.unmask_action.setEnabled(False)
        self.unmask_action.toggled.connect(self.set_unmasked)
        view_menu.addAction(self.unmask_action)
        help_menu = self.menuBar().addMenu("帮助(&H)")
        help_menu.addAction(self.manual_action)
        help_menu.addAction(self.about_action)
        toolbar = QToolBar("常用")
        toolbar.setObjectName("main_toolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in (
            self.new_action,
            self.find_action,
            self.refresh_action,
            None,
            self.import_action,
            self.export_action,
        ):
            toolbar.addSeparator() if action is None else toolbar.addAction(action)
        self.addToolBar(toolbar)
        for action in (
            self.new_action,
            self.import_action,
            self.export_action,
            self.find_action,
            self.refresh_action,
            self.clear_action,
        ):
            action.setEnabled(False)

    # ---- attaching a database ------------------------------------------------------------

    def attach(
        self,
        ctx: AppContext,
        *,
        welcome: bool = False,
        org_name: str | None = None,
        counts: tuple[int, int, int, int] | None = None,
    ) -> None:
        """The database is open: build the first screen and wire the bus.

        `org_name` and `counts`, when the opening worker already read them, spare the GUI thread
        those queries."""
        self.ctx = ctx
        ctx.bus.open_household.connect(self.open_household)
        ctx.bus.open_record.connect(self.open_record)
        ctx.bus.show_list.connect(self.show_list)
        ctx.bus.status_message.connect(lambda text: self.statusBar().showMessage(text, 8000))
        ctx.bus.changed.connect(lambda _change: self._counts_timer.start())
        self._counts_timer = QTimer(self)
        self._counts_timer.setSingleShot(True)
        self._counts_timer.setInterval(300)
        self._counts_timer.timeout.connect(self.update_counts)
        self.stop_watching()  # another database was opened: stop watching the old one
        self._watcher = ChangeWatcher(ctx, self)
        name = ctx.ledger.settings.org_name if org_name is None else org_name
        self.setWindowTitle(f"工会台账 — {name}" if name else "工会台账")
        self.db_label.setText(f"数据库：{ctx.ledger.db.display_name}")
        if ctx.ledger.read_only:
            self.show_notice(ctx.ledger.read_only_reason + "本窗口只能查看，不能修改。")
        actor = ctx.ledger.actor
        if actor.name or actor.username:
            self.statusBar().addPermanentWidget(
                QLabel(f"操作员：{actor.name or actor.username}（{actor.role}）")
            )
        self.open_db_action.setEnabled(True)
        for action in (
            self.import_action,
            self.export_action,
            self.find_action,
            self.refresh_action,
            self.clear_action,
            *self.screen_actions.values(),
        ):
            action.setEnabled(True)
        self.import_action.setEnabled(actor.can("import"))
        self.export_action.setEnabled(actor.can("export"))
        self._reset_unmask_action()
        pending, self._pending_screen = self._pending_screen, ""
        if welcome:
            self.show_welcome()
        else:
            self.show_screen(pending or str(QSettings().value("window/screen", "dashboard")))
        if counts is not None:
            self.show_counts(ctx.ledger, counts)
        else:
            self.update_counts()

    def stop_watching(self) -> None:
        """Stop noticing other windows' changes (before the database is closed)."""
        if self._watcher is not None:
            self._watcher.stop()
            self._watcher.deleteLater()
            self._watcher = None

    def _reset_unmask_action(self) -> None:
        """Off at every start and every database change; greyed, saying why, for other roles."""
        self.unmask_action.blockSignals(True)
        self.unmask_action.setChecked(False)
        self.unmask_action.blockSignals(False)
        may = self.ctx is not None and self.ctx.can_unmask
        self.unmask_action.setEnabled(may)
        tip = (
            "在所有列表、档案和打印的一户一档封面中显示完整的身份证号、电话和银行卡号。"
            "打开时会记入操作日志。"
            if may
            else "当前账号无权查看完整的身份证号、电话和银行卡号，请联系管理员。"
        )
        self.unmask_action.setToolTip(tip)
        self.unmask_action.setStatusTip(tip)

    def set_unmasked(self, on: bool) -> None:
        """The 显示完整号码 switch: audited when turned on; lists and views follow via the bus."""
        from desktop import dialogs

        if self.ctx is None:
            return
        try:
            self.ctx.set_unmasked(on)
        except Exception as exc:  # noqa: BLE001 - refused or not recorded: stay masked, say why
            self.unmask_action.blockSignals(True)
            self.unmask_action.setChecked(self.ctx.unmasked)
            self.unmask_action.blockSignals(False)
            dialogs.show_error(self, exc, "无法显示完整号码")
            return
        self.statusBar().showMessage(
            "正在显示完整号码（已记入操作日志）。" if on else "号码已重新遮蔽。", 8000
        )

    def show_notice(self, text: str) -> None:
        """A lasting line above the screens (read-only database, backup or check problems)."""
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def show_welcome(self) -> None:
        from desktop.screens.welcome import WelcomeScreen

        assert self.ctx is not None
        page = WelcomeScreen(self.ctx)
        page.finished.connect(self._welcome_done)
        page.import_requested.connect(lambda: self.show_screen("import_export"))
        page.demo_ready.connect(self._open_demo)
        self.screens["welcome"] = page
        self.stack.addWidget(page)
        self.stack.setCurrentWidget(page)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(-1)
        self.nav.blockSignals(False)

    def _open_demo(self, url: str) -> None:
        """The demo was built in its own new file: open it (the clerk's database stays as it was)."""
        from desktop.opening import attach_database

        attach_database(self, url)

    def _welcome_done(self) -> None:
        assert self.ctx is not None
        name = self.ctx.ledger.settings.org_name
        self.setWindowTitle(f"工会台账 — {name}" if name else "工会台账")
        self.show_screen("dashboard")
        self.update_counts()

    # ---- navigation ----------------------------------------------------------------------

    def screen(self, key: str) -> QWidget:
        if key not in self.screens:
            assert self.ctx is not None
            widget = _factory(key)(self.ctx)
            self.screens[key] = widget
            self.stack.addWidget(widget)
        return self.screens[key]

    def show_screen(self, key: str) -> QWidget | None:
        keys = [k for k, _ in SCREENS]
        if self.ctx is None and self.opening and key in keys:
            # Still opening: remember the choice and show it as soon as the data is there.
            self._pending_screen = key
            self.nav.blockSignals(True)
            self.nav.setCurrentRow(keys.index(key))
            self.nav.blockSignals(False)
            self.loading.setText(f"正在打开数据库……\n打开后显示“{SCREENS[keys.index(key)][1]}”。")
            return None
        if self.ctx is None or key not in keys:
            key = "dashboard" if self.ctx is not None else ""
            if not key:
                return None
        widget = self.screen(key)
        self.stack.setCurrentWidget(widget)
        self.nav.blockSignals(True)
        self.nav.setCurrentRow(keys.index(key))
        self.nav.blockSignals(False)
        self.new_action.setEnabled(
            key in ("stations", "reststops", "households", "activities") and self.ctx.can_edit
        )
        return widget

    def current_key(self) -> str | None:
        current = self.stack.currentWidget()
        return next((k for k, w in self.screens.items() if w is current), None)

    def _nav_changed(self, row: int) -> None:
        if 0 <= row < len(SCREENS):
            self.show_screen(SCREENS[row][0])

    def show_list(self, key: str, filters: dict[str, Any]) -> None:
        """A dashboard figure was clicked: the list, filtered to what the figure counts."""
        widget = self.show_screen(key)
        opener = getattr(widget, "open_filters", None)
        if opener is not None:  # a screen of lists (待办核查) picks the one asked for
            opener(filters)
            return
        record_list = getattr(widget, "list", None)
        if record_list is None:
            return
        record_list.clear_filters()
        for field, value in filters.items():
            record_list.set_filter(field, value)

    def open_household(self, household_id: int) -> None:
        from desktop.screens.household_file import HouseholdFileView

        assert self.ctx is not None
        view = self.file_views.get(household_id)
        if view is not None:
            view.raise_()
            view.activateWindow()
            return
        view = HouseholdFileView(self.ctx, household_id, self)
        self.file_views[household_id] = view
        view.destroyed.connect(lambda *_: self.file_views.pop(household_id, None))
        view.show()

    def open_record(self, entity: str, record_id: int) -> None:
        if entity == "stations":
            stations = self.screen("stations")
            stations.open_station(record_id)  # type: ignore[attr-defined]
        elif entity == "activities":
            self.screen("activities").open_activity(record_id)  # type: ignore[attr-defined]

    def new_record(self) -> None:
        key = self.current_key()
        widget = self.screens.get(key or "")
        record_list = getattr(widget, "list", None)
        if record_list is not None and record_list.new_button is not None:
            record_list.new_requested.emit()

    def focus_search(self) -> None:
        record_list = getattr(self.stack.currentWidget(), "list", None)
        if record_list is not None:
            record_list.search.setFocus()
            record_list.search.selectAll()

    def refresh_current(self) -> None:
        widget = self.stack.currentWidget()
        record_list = getattr(widget, "list", None)
        if record_list is not None:
            record_list.refresh()
        elif hasattr(widget, "reload"):
            widget.reload()
        self.update_counts()

    def clear_filters(self) -> None:
        record_list = getattr(self.stack.currentWidget(), "list", None)
        if record_list is not None:
            record_list.clear_filters()

    def export_dialog(self) -> None:
        from desktop.screens.export_dialog import ExportDialog

        assert self.ctx is not None
        kind = {
            "stations": "stations",
            "reststops": "reststops",
            "households": "households",
            "activities": "activities",
        }.get(self.current_key() or "", "households")
        ExportDialog(self.ctx, kind=kind, parent=self).open()

    def choose_database(self) -> None:
        from PySide6.QtWidgets import QFileDialog

        from desktop import dialogs
        from desktop.tasks import running_tasks
        from models.paths import sqlite_url

        path, _ = QFileDialog.getOpenFileName(
            self, "打开其他数据库", "", "工会台账数据库 (*.sqlite3 *.db);;所有文件 (*)"
        )
        if not path:
            return
        if running_tasks():
            dialogs.warn(self, "请稍候", "导入、导出或打印还没有完成，完成后再更换数据库。")
            return
        from desktop.opening import attach_database

        attach_database(self, sqlite_url(path))

    def new_database(self, path: str | None = None) -> bool:
        """文件 → 新建台账…: choose a new file's name; an existing file is refused, not touched."""
        from pathlib import Path

        from PySide6.QtWidgets import QFileDialog

        from desktop import dialogs, save_folder
        from desktop.opening import create_database
        from desktop.tasks import running_tasks

        if path is None:
            path, _ = QFileDialog.getSaveFileName(
                self,
                "新建台账",
                save_folder.start_path("工会台账.sqlite3"),
                "工会台账数据库 (*.sqlite3)",
                options=QFileDialog.Option.DontConfirmOverwrite,  # refused below, never replaced
            )
            if not path:
                return False
        if running_tasks():
            dialogs.warn(self, "请稍候", "导入、导出或打印还没有完成，完成后再新建台账。")
            return False
        target = Path(path)
        if target.suffix.lower() not in (".sqlite3", ".db"):
            target = target.with_name(target.name + ".sqlite3")
        return create_database(self, str(target))

    def show_manual(self) -> QWidget:
        """帮助 → 使用说明: the short manual (first steps, import, 年度总结, backups)."""
        from desktop.manual import ManualDialog

        dialog = ManualDialog(self)
        dialog.show()
        return dialog

    def about(self) -> None:
        from desktop import dialogs
        from models.version import app_version

        dialogs.inform(
            self,
            "关于工会台账",
            f"工会台账 版本 {app_version()}\n\n"
            "县总工会服务阵地、户外劳动者驿站、困难职工档案和活动台账管理。\n"
            "数据保存在本机数据库中，每天首次打开时自动备份。",
        )

    # ---- status bar ----------------------------------------------------------------------

    def update_counts(self) -> Any:
        """Refresh the status bar's record counts off the GUI thread (four counts at 100,000
        households take ~0.15 s: too long to run after every change on the GUI thread)."""
        from desktop.opening import record_counts
        from desktop.tasks import run_task

        if self.ctx is None:
            return None
        ledger = self.ctx.ledger
        return run_task(
            lambda control: record_counts(ledger),
            owner=self,
            quiet=True,
            # a status-bar figure must never raise into the event loop: keep the last one shown
            on_success=lambda counts: self.show_counts(ledger, counts),
        )

    def show_counts(self, ledger: Any, counts: tuple[int, int, int, int]) -> None:
        if self.ctx is None or self.ctx.ledger.db is not ledger.db:
            return  # counted on a database this window has since closed
        households, on_file, stations, activities = counts
        self.counts_label.setText(
            f"档案 {households:,} 户（在档 {on_file:,}）　阵地 {stations:,} 个　活动 {activities:,} 项"
        )

    # ---- remembered layout ---------------------------------------------------------------

    def restore_layout(self) -> None:
        settings = QSettings()
        geometry = settings.value("window/geometry")
        if isinstance(geometry, QByteArray | bytes):
            self.restoreGeometry(geometry)
        else:
            self._fit_screen()
        state = settings.value("window/state")
        if isinstance(state, QByteArray | bytes):
            self.restoreState(state)
        splitter = settings.value("window/splitter")
        if isinstance(splitter, QByteArray | bytes):
            self.splitter.restoreState(splitter)

    def _fit_screen(self) -> None:
        """First start: the default size where it fits the screen's free area with its title bar
        (about 40 px); maximised otherwise (a 1366×768 laptop), so the status bar stays in view."""
        screen = QWidget.screen(self) or QApplication.primaryScreen()  # self.screen() is ours
        free = screen.availableGeometry() if screen is not None else None
        if free is None or (
            free.width() >= DEFAULT_SIZE.width()
            and free.height() >= DEFAULT_SIZE.height() + TITLE_BAR
        ):
            self.resize(DEFAULT_SIZE)
            return
        self.resize(
            min(DEFAULT_SIZE.width(), free.width()),
            min(DEFAULT_SIZE.height(), free.height() - TITLE_BAR),
        )
        self.setWindowState(self.windowState() | Qt.WindowState.WindowMaximized)

    def save_layout(self) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/state", self.saveState())
        settings.setValue("window/splitter", self.splitter.saveState())
        key = self.current_key()
        if key and key != "welcome":
            settings.setValue("window/screen", key)
        for widget in self.screens.values():
            record_list = getattr(widget, "list", None)
            if record_list is not None:
                record_list.save_layout()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802
        from desktop import dialogs
        from desktop.tasks import running_tasks

        if running_tasks() and not dialogs.ask(
            self,
            "仍有任务在进行",
            "导入、导出或打印还没有完成。现在退出会取消它们（已保存的数据不受影响）。要退出吗？",
            yes="退出",
            no="不退出",
        ):
            event.ignore()
            return
        self.save_layout()
        for view in list(self.file_views.values()):
            view.close()
        super().closeEvent(event)
