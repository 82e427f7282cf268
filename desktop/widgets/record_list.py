"""The list screen every record kind shares: search as you type, filters, SQL sorting, bulk actions."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QItemSelectionModel, QModelIndex, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from desktop.models.lazy_table import ID_ROLE, LazyTableModel

SEARCH_DELAY_MS = 250  # long enough to skip the keystrokes in between, short enough to feel live
ALL = "全部"


@dataclass(frozen=True)
class FilterSpec:
    """A drop-down filter: the query field it sets and where its options come from."""

    field: str
    label: str
    options: Callable[[], Sequence[Any]]
    render: Callable[[Any], str] = str


HEADER_PADDING = 24  # px around a column heading: cell margins and the sort indicator
MAX_FIT = 320  # px a column widens to for its values; longer ones (addresses) stay cut


class RecordList(QWidget):
    """A searchable, filterable, sortable list over a LazyTableModel."""

    open_requested = Signal(int)
    new_requested = Signal()
    delete_requested = Signal(list)  # the Delete key on the selected rows
    selection_changed = Signal(list)

    def __init__(
        self,
        model: LazyTableModel,
        *,
        settings_key: str,
        search_hint: str,
        filters: Sequence[FilterSpec] = (),
        new_label: str | None = "新建",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.model = model
        self.settings_key = settings_key
        self.filter_specs = tuple(filters)
        self._bulk_actions: list[tuple[str, Callable[[list[int]], None], bool]] = []
        self._row_actions: list[tuple[str, Callable[[list[int]], None]]] = []

        self.search = QLineEdit()
        self.search.setPlaceholderText(search_hint)
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("search")
        self.search.setMinimumWidth(260)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self.apply_search)
        self.search.textChanged.connect(lambda _text: self._search_timer.start())
        self.search.returnPressed.connect(self.apply_search)

        bar = QHBoxLayout()
        bar.addWidget(self.search, 2)
        self.filter_boxes: dict[str, QComboBox] = {}
        for spec in self.filter_specs:
            box = QComboBox()
            box.setObjectName(f"filter_{spec.field}")
            box.setToolTip(spec.label)
            box.setMinimumContentsLength(6)
            box.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            self.filter_boxes[spec.field] = box
            bar.addWidget(QLabel(spec.label))
            bar.addWidget(box, 1)
        self.reload_filter_options()
        for box in self.filter_boxes.values():
            box.currentIndexChanged.connect(self.apply_filters)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        bar.addStretch(0)
        bar.addWidget(self.count_label)
        self.new_button: QPushButton | None = None
        if new_label:
            self.new_button = QPushButton(new_label)
            self.new_button.setObjectName("new")
            self.new_button.clicked.connect(self.new_requested)
            bar.addWidget(self.new_button)

        # A 工作台 figure's filter: named above the list, with a way back to the whole list.
        self.figure_label = QLabel()
        self.figure_label.setObjectName("figure_filter")
        self.figure_label.setProperty("role", "hint")
        self.figure_clear = QPushButton("显示全部")
        self.figure_clear.clicked.connect(self.clear_filters)
        figure_bar = QHBoxLayout()
        figure_bar.addWidget(self.figure_label)
        figure_bar.addWidget(self.figure_clear)
        figure_bar.addStretch(1)
        self.figure_label.hide()
        self.figure_clear.hide()

        self.bulk_bar = QHBoxLayout()
        self.bulk_bar.addStretch(1)
        self.selected_label = QLabel()
        self.bulk_bar.insertWidget(0, self.selected_label)

        self.table = QTableView()
        self.table.setObjectName("table")
        self.table.setModel(model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._context_menu)
        self.table.doubleClicked.connect(self._double_clicked)
        vertical = self.table.verticalHeader()
        vertical.setDefaultSectionSize(24)
        vertical.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)  # no per-row measuring at 100k
        vertical.hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        header.setSortIndicatorShown(True)
        header.setSectionsClickable(True)
        metrics = header.fontMetrics()
        for i, column in enumerate(model.columns):
            # Never narrower than its heading (with margins and the sort arrow): 依托单位类型 was cut.
            header.resizeSection(
                i, max(column.width, metrics.horizontalAdvance(column.header) + HEADER_PADDING)
            )
        header.sortIndicatorChanged.connect(self._sort_changed)
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)
        open_action = QAction("打开", self.table)
        open_action.setShortcuts([QKeySequence(Qt.Key.Key_Return), QKeySequence(Qt.Key.Key_Enter)])
        open_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        open_action.triggered.connect(self.open_current)
        self.table.addAction(open_action)
        delete_action = QAction("删除", self.table)
        delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete_action.triggered.connect(
            lambda: self.selected_ids() and self.delete_requested.emit(self.selected_ids())
        )
        self.table.addAction(delete_action)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        layout.addLayout(bar)
        layout.addLayout(figure_bar)
        layout.addWidget(self.table, 1)
        layout.addLayout(self.bulk_bar)
        self._pending_select: int | None = None
        self._fitted = bool(QSettings().value(f"lists/{self.settings_key}/header"))
        model.loading.connect(lambda: self.count_label.setText("正在查询……"))
        model.loaded.connect(self._loaded)
        model.failed.connect(self._search_failed)
        self.restore_layout()
        self.show_sort()
        self.update_counts()
        self._selection_changed()

    # ---- actions -------------------------------------------------------------------------

    def add_bulk_action(
        self, text: str, handler: Callable[[list[int]], None], *, needs_selection: bool = True
    ) -> QPushButton:
        """A button under the list acting on the selected ids (also offered in the context menu)."""
        button = QPushButton(text)
        button.setObjectName(f"bulk_{len(self._bulk_actions)}")
        button.clicked.connect(lambda: handler(self.selected_ids()))
        self.bulk_bar.addWidget(button)
        self._bulk_actions.append((text, handler, needs_selection))
        button.setProperty("needs_selection", needs_selection)
        self._selection_changed()
        return button

    def add_row_action(self, text: str, handler: Callable[[list[int]], None]) -> None:
        """An entry of the right-click menu only."""
        self._row_actions.append((text, handler))

    def selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.id_at(r) for r in rows]

    def open_current(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.open_requested.emit(self.model.id_at(index.row()))

    def _loaded(self) -> None:
        if not self._fitted and self.model.shown():
            self._fitted = True  # once: after that the widths are the clerk's
            QTimer.singleShot(0, self.fit_columns)
        self.update_counts()
        self._selection_changed()  # a reset drops the selection without saying so
        total = self.model.total()
        if total != self.model.size_guess:  # QSettings writes cost ~20 ms: only on change
            self.model.size_guess = total
            QSettings().setValue(f"lists/{self.settings_key}/size", total)
        if self._pending_select is not None:
            record_id, self._pending_select = self._pending_select, None
            self.select_id(record_id)

    def _search_failed(self, exc: BaseException) -> None:
        from desktop import dialogs

        self.count_label.setText("查询没有完成：" + dialogs.describe(exc))

    def select_id(self, record_id: int) -> bool:
        if self.model.is_loading:
            self._pending_select = record_id  # selected when the running search is in
            return True
        position = self.model.position_of(record_id)
        if position is None:
            return False
        index = self.model.index(position, 0)
        self.table.setCurrentIndex(index)
        self.table.selectionModel().select(
            index,
            QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows,
        )
        self.table.scrollTo(index)
        return True

    # ---- searching -----------------------------------------------------------------------

    def apply_search(self) -> None:
        self._search_timer.stop()
        text = self.search.text().strip()
        if text != getattr(self.model.query, "text", ""):
            self.model.set_filters(text=text)
            self.update_counts()

    def apply_filters(self) -> None:
        changes = {field: box.currentData() for field, box in self.filter_boxes.items()}
        self.model.set_filters(**changes)
        self.update_counts()

    def set_filter(self, field: str, value: Any) -> None:
        """Pick a filter value from outside (a dashboard figure was clicked)."""
        box = self.filter_boxes.get(field)
        if field == "figure":
            from models.statistics.selections import label

            self.figure_label.setText(f"工作台筛选：{label(value)}")
            self.figure_label.show()
            self.figure_clear.show()
        if box is None:
            self.model.set_filters(**{field: value})
            self.update_counts()
            return
        position = box.findData(value)
        if position < 0:
            box.addItem(str(value), value)
            position = box.count() - 1
        box.setCurrentIndex(position)

    def clear_filters(self) -> None:
        self.figure_label.hide()
        self.figure_clear.hide()
        self.search.clear()
        for box in self.filter_boxes.values():
            box.blockSignals(True)
            box.setCurrentIndex(0)
            box.blockSignals(False)
        self.model.set_query(self.model.base_query)
        self.update_counts()

    def reload_filter_options(self) -> None:
        for spec in self.filter_specs:
            box = self.filter_boxes[spec.field]
            current = box.currentData()
            box.blockSignals(True)
            box.clear()
            box.addItem(ALL, None)
            for option in spec.options():
                box.addItem(spec.render(option), option)
            position = box.findData(current) if current is not None else 0
            box.setCurrentIndex(max(position, 0))
            box.blockSignals(False)

    def refresh(self) -> None:
        """Data changed: same search and filters, fresh rows; the selection follows the ids."""
        chosen = self.selected_ids()
        self.model.refresh()
        for record_id in chosen[:1]:
            self.select_id(record_id)

    def update_counts(self) -> None:
        if self.model.is_loading:
            return
        shown, total = self.model.shown(), self.model.total()
        text = f"共 {total:,} 条" if shown == total else f"显示 {shown:,} / 共 {total:,} 条"
        self.count_label.setText(text)

    # ---- internals -----------------------------------------------------------------------

    def fit_columns(self) -> None:
        """Widen the columns whose values on screen are cut (有劳动能力而未就业 showed "…"), up to
        MAX_FIT; the last column just fills what is left."""
        header = self.table.horizontalHeader()
        for i in range(len(self.model.columns) - 1):
            wanted = min(self.table.sizeHintForColumn(i), MAX_FIT)
            if wanted > header.sectionSize(i):
                header.resizeSection(i, wanted)

    def show_sort(self) -> None:
        """The header's arrow on the column the list is sorted by (a header state restored from
        the last session, or Qt's default, would show another column or the other way)."""
        query = self.model.query
        if not hasattr(query, "sort"):  # a list in a fixed order (操作日志: newest first)
            self.table.horizontalHeader().setSortIndicatorShown(False)
            return
        column = next((i for i, c in enumerate(self.model.columns) if c.sort == query.sort), -1)
        order = Qt.SortOrder.DescendingOrder if query.descending else Qt.SortOrder.AscendingOrder
        header = self.table.horizontalHeader()
        header.blockSignals(True)  # the list is sorted so already
        header.setSortIndicator(column, order)
        header.blockSignals(False)

    def _sort_changed(self, column: int, order: Qt.SortOrder) -> None:
        if self.model.columns[column].sort is None:
            return
        self.model.sort(column, order)

    def _double_clicked(self, index: QModelIndex) -> None:
        if index.isValid():
            self.open_requested.emit(index.data(ID_ROLE))

    def _selection_changed(self, *args: Any) -> None:
        ids = self.selected_ids()
        self.selected_label.setText(f"已选 {len(ids):,} 条" if ids else "")
        for i in range(self.bulk_bar.count()):
            widget = self.bulk_bar.itemAt(i).widget()
            if isinstance(widget, QPushButton) and widget.property("needs_selection"):
                widget.setEnabled(bool(ids))
        self.selection_changed.emit(ids)

    def _context_menu(self, point: QPoint) -> None:
        index = self.table.indexAt(point)
        if index.isValid() and index.row() not in {
            i.row() for i in self.table.selectionModel().selectedRows()
        }:
            self.select_id(self.model.id_at(index.row()))
        menu = self.build_context_menu()
        menu.exec(self.table.viewport().mapToGlobal(point))

    def build_context_menu(self) -> QMenu:
        ids = self.selected_ids()
        menu = QMenu(self)
        if len(ids) == 1:
            menu.addAction("打开", lambda: self.open_requested.emit(ids[0]))
        for text, handler in self._row_actions:
            action = menu.addAction(text, lambda h=handler: h(self.selected_ids()))
            action.setEnabled(bool(ids))
        for text, handler, needs in self._bulk_actions:
            action = menu.addAction(text, lambda h=handler: h(self.selected_ids()))
            action.setEnabled(bool(ids) or not needs)
        return menu

    # ---- remembered layout ---------------------------------------------------------------

    def restore_layout(self) -> None:
        size = QSettings().value(f"lists/{self.settings_key}/size")
        if size is not None and str(size).isdigit():
            self.model.size_guess = int(size)  # last session's size: big lists load off-thread
        state = QSettings().value(f"lists/{self.settings_key}/header")
        if state:
            self.table.horizontalHeader().restoreState(state)

    def save_layout(self) -> None:
        QSettings().setValue(
            f"lists/{self.settings_key}/header", self.table.horizontalHeader().saveState()
        )
