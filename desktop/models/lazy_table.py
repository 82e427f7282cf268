"""The list model every record list uses: ordered ids from SQL plus rows fetched in blocks on demand.

Modelled on Anki's browser: the service returns the ids of the whole result in display order (sorted
and filtered in SQL, so 100,000 rows cost one indexed query), and `data()` fills a small cache a block
at a time for the rows the view actually paints. When the list is big (BACKGROUND_ROWS or more), the
id search itself runs on the background-task helper and the new order replaces the old one when it
arrives, so sorting or filtering 100,000 rows costs the GUI thread only the swap and one block.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Protocol

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal

from models.validation import format_yuan

ID_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
BLOCK = 64  # rows fetched per round trip: two screenfuls at 24 px a row
CACHE_LIMIT = 20_000  # past this the cache is dropped and refilled around what is visible
BACKGROUND_ROWS = 20_000  # lists this big search off the GUI thread

Index = QModelIndex | QPersistentModelIndex


class ListSource(Protocol):
    def search_ids(self, query: Any, limit: int | None = None) -> list[int]: ...
    def rows(self, ids: Sequence[int]) -> list[Any]: ...
    def count(self, query: Any = None) -> int: ...


@dataclass(frozen=True)
class Column:
    """One list column: the row attribute, its header, the service's sort key (None: not sortable)."""

    key: str
    header: str
    sort: str | None = None
    render: Callable[[Any], str] | None = None
    numeric: bool = False
    width: int = 100
    # A personal number (ID, phone, bank card): shown through this mask unless the list is unmasked.
    mask: Callable[[Any], str | None] | None = None


def local_time(value: dt.datetime) -> dt.datetime:
    """Stored times are naive UTC (models.schema.base.utcnow); the clerk reads the PC's clock."""
    if value.tzinfo is None:
        value = value.replace(tzinfo=dt.UTC)
    return value.astimezone().replace(tzinfo=None)


def display(value: Any) -> str:
    """How a stored value reads in a list cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, Decimal):
        return format_yuan(value)
    if isinstance(value, dt.datetime):
        return local_time(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return "、".join(str(v) for v in value)
    return str(value)


class LazyTableModel(QAbstractTableModel):
    """Ids plus a lazily filled row cache; `set_query` re-runs the search, `sort` re-sorts in SQL."""

    columns: tuple[Column, ...] = ()
    loading = Signal()  # a search started (the old rows stay until it finishes)
    loaded = Signal()  # new ids are in
    failed = Signal(object)  # a background search failed (exception)

    def __init__(self, source: ListSource, query: Any, parent: Any = None) -> None:
        super().__init__(parent)
        self.source = source
        self.base_query = query  # the screen's fixed part (e.g. only rest stops)
        self.query = query
        self._ids: list[int] = []
        self._cache: dict[int, Any] = {}
        self._total: int | None = None
        self._generation = 0
        self.is_loading = False
        self.background_rows = BACKGROUND_ROWS
        self.size_guess: int | None = None
        self.unmasked = False  # the window's 显示完整号码 switch (AppContext.unmasked)

    # ---- Qt interface --------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self._ids)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008, N802 - Qt's signature
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._ids):
            return None
        column = self.columns[index.column()]
        if role == ID_ROLE:
            return self._ids[index.row()]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = (
                Qt.AlignmentFlag.AlignRight if column.numeric else Qt.AlignmentFlag.AlignLeft
            )
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
            ROW_ROLE,
            Qt.ItemDataRole.ForegroundRole,
        ):
            return None
        row = self.row_at(index.row())
        if row is None:
            return "（已删除）" if role == Qt.ItemDataRole.DisplayRole else None
        if role == ROW_ROLE:
            return row
        if role == Qt.ItemDataRole.ForegroundRole:
            return self.foreground(row)
        return self.cell_text(row, column)

    def cell_text(self, row: Any, column: Column) -> str:
        """A cell's text; personal numbers go through the column's mask unless unmasked."""
        if column.mask is not None and not self.unmasked:
            return column.mask(getattr(row, column.key, None)) or ""
        if column.render is not None:
            return column.render(row)
        return display(getattr(row, column.key, None))

    def set_unmasked(self, on: bool) -> None:
        """Re-render the visible cells with or without full numbers (the cached rows hold both)."""
        if on == self.unmasked:
            return
        self.unmasked = on
        if self._ids:
            last = self.index(len(self._ids) - 1, len(self.columns) - 1)
            self.dataChanged.emit(self.index(0, 0), last, [Qt.ItemDataRole.DisplayRole])

    def headerData(  # noqa: N802 - Qt override
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self.columns[section].header if 0 <= section < len(self.columns) else None
        return str(section + 1)

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.columns) or self.columns[column].sort is None:
            return
        descending = order == Qt.SortOrder.DescendingOrder
        new = dataclasses.replace(self.query, sort=self.columns[column].sort, descending=descending)
        if new != self.query:
            self.set_query(new)

    def foreground(self, row: Any) -> Any:
        """A colour for rows that should stand out (override)."""
        return None

    # ---- loading -------------------------------------------------------------------------

    def set_query(self, query: Any) -> None:
        """Run the search; small lists at once, big ones in the background (see module doc).

        Until the list's size is known, `size_guess` (the size last time, kept by the screen)
        decides, so a big list's first load does not count its rows on the GUI thread either.
        """
        self.query = query
        self._generation += 1
        generation = self._generation
        known = self._total if self._total is not None else self.size_guess
        if known is None:
            known = self.total()
        if known < self.background_rows:
            self._apply(generation, self.source.search_ids(query))
            return
        from desktop.tasks import run_task

        source, base, need_total = self.source, self.base_query, self._total is None
        self.is_loading = True
        self.loading.emit()

        def work(control: Any) -> tuple[list[int], int | None]:
            return source.search_ids(query), source.count(base) if need_total else None

        run_task(
            work,
            owner=self,
            quiet=True,
            on_error=self._failed,
            on_success=lambda found: self._apply(generation, *found),
        )

    def _apply(self, generation: int, ids: list[int], total: int | None = None) -> None:
        if generation != self._generation:
            return  # an older search finishing after a newer one started
        self.beginResetModel()
        self._ids = ids
        self._cache.clear()
        if total is not None:
            self._total = total
        self.is_loading = False
        self.endResetModel()
        self.loaded.emit()

    def _failed(self, exc: BaseException) -> None:
        self.is_loading = False
        self.failed.emit(exc)

    def set_filters(self, **changes: Any) -> None:
        """Replace some filter fields, keeping the sort order and the fixed base filters."""
        self.set_query(dataclasses.replace(self.query, **changes))

    def refresh(self) -> None:
        """Data changed elsewhere: re-run the same search and forget cached rows and totals."""
        self._total = None
        self._cache.clear()
        self.set_query(self.query)

    def row_at(self, position: int) -> Any:
        record_id = self._ids[position]
        row = self._cache.get(record_id)
        if row is None and record_id not in self._cache:
            self._fetch_around(position)
            row = self._cache.get(record_id)
        return row

    def _fetch_around(self, position: int) -> None:
        if len(self._cache) > CACHE_LIMIT:
            self._cache.clear()
        start = max(0, position - BLOCK // 4)
        wanted = [i for i in self._ids[start : start + BLOCK] if i not in self._cache]
        for row in self.source.rows(wanted):
            self._cache[row.id] = row
        for record_id in wanted:
            self._cache.setdefault(record_id, None)  # gone since the search: show a placeholder

    # ---- helpers for views ---------------------------------------------------------------

    @property
    def ids(self) -> list[int]:
        return self._ids

    def id_at(self, position: int) -> int:
        return self._ids[position]

    def shown(self) -> int:
        return len(self._ids)

    def total(self) -> int:
        """Records under the screen's fixed filters, ignoring search text and filter choices."""
        if self._total is None:
            self._total = self.source.count(self.base_query)
        return self._total

    def position_of(self, record_id: int) -> int | None:
        try:
            return self._ids.index(record_id)
        except ValueError:
            return None
