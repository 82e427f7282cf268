"""Sort arrows that point the way clerks read them: ▲ over a column sorted A→Z, ▼ over Z→A.

Qt draws an ascending column's indicator as a downward arrow (QHeaderView hands the style
SortDown for Qt.AscendingOrder), the reverse of Windows Explorer and Excel, so a list sorted by
姓名 from 阿 to 张 looked sorted backwards. The style swaps the two before drawing.
"""

from __future__ import annotations

from PySide6.QtWidgets import QProxyStyle, QStyle, QStyleOption, QStyleOptionHeader, QWidget

_SWAPPED = {
    QStyleOptionHeader.SortIndicator.SortUp: QStyleOptionHeader.SortIndicator.SortDown,
    QStyleOptionHeader.SortIndicator.SortDown: QStyleOptionHeader.SortIndicator.SortUp,
}


class ReadableSortArrows(QProxyStyle):
    """The base style (Fusion) with the header sort arrows turned the Windows way round."""

    def drawPrimitive(  # noqa: N802 - Qt override
        self,
        element: QStyle.PrimitiveElement,
        option: QStyleOption,
        painter: object,
        widget: QWidget | None = None,
    ) -> None:
        if element == QStyle.PrimitiveElement.PE_IndicatorHeaderArrow and isinstance(
            option, QStyleOptionHeader
        ):
            turned = QStyleOptionHeader(option)
            turned.sortIndicator = _SWAPPED.get(option.sortIndicator, option.sortIndicator)
            super().drawPrimitive(element, turned, painter, widget)  # type: ignore[arg-type]
            return
        super().drawPrimitive(element, option, painter, widget)  # type: ignore[arg-type]
