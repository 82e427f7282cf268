"""Page geometry of both layouts and the numbered canvas that prints "— N —"."""

# GB/T 9704-2012: A4, top margin 37 mm, left (binding) margin 28 mm, text block 156 × 225 mm,
# 22 lines of 28 characters. So the right margin is 210 − 28 − 156 = 26 mm and the bottom margin
# 297 − 37 − 225 = 35 mm; a line is 225 / 22 mm high and a character 156 / 28 mm wide (3号 is
# nominally 16 pt; 28 of them need 15.8 pt, which is how word processors fit 28 a line).
# Page numbers: 4号 (14 pt) "— 1 —", odd pages at the right, even pages at the left, one
# character in from the text block, 7 mm below it.

from __future__ import annotations

from typing import Any

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

__all__ = ["ArticlePage", "OfficialPage", "numbered_canvas"]

PAGE_WIDTH, PAGE_HEIGHT = A4


class OfficialPage:
    top = 37 * mm
    left = 28 * mm
    text_width = 156 * mm
    text_height = 225 * mm
    right = PAGE_WIDTH - left - text_width
    bottom = PAGE_HEIGHT - top - text_height
    lines = 22
    chars = 28
    line_height = text_height / lines  # ≈ 28.99 pt
    char_width = text_width / chars  # ≈ 15.79 pt
    number_size = 14.0
    number_drop = 7 * mm  # from the bottom of the text block to the number's baseline


class ArticlePage:
    top = 20 * mm
    left = 20 * mm
    right = 20 * mm
    bottom = 22 * mm
    text_width = PAGE_WIDTH - left - right
    text_height = PAGE_HEIGHT - top - bottom
    number_size = 10.0
    number_drop = 10 * mm


def numbered_canvas(
    font: str,
    *,
    size: float,
    drop: float,
    official: bool,
    left: float,
    width: float,
    bottom: float,
    char: float = 0.0,
    footer: str = "",
) -> type[canvas.Canvas]:
    """A canvas class that holds every page back until the end, then stamps "— N —" on each
    (the classic two-pass numbered canvas, so a "共M页" or per-parity placement is possible)."""

    class NumberedCanvas(canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            # Every page starts in the canvas's initial font: ours, not an unembedded Helvetica.
            kwargs["initialFontName"] = kwargs.get("initialFontName") or font
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:  # noqa: N802 - reportlab's name
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self._stamp(total)
                super().showPage()
            super().save()

        def _stamp(self, total: int) -> None:
            number = self._pageNumber
            text = f"— {number} —"
            y = bottom - drop
            self.saveState()
            self.setFont(font, size)
            self.setFillGray(0.15)
            if official:
                if number % 2:  # odd: right, one character in
                    self.drawRightString(left + width - char, y, text)
                else:
                    self.drawString(left + char, y, text)
            else:
                self.drawCentredString(left + width / 2, y, text)
                if footer:
                    self.setFont(font, size - 2)
                    self.setFillGray(0.45)
                    self.drawRightString(left + width, y, footer)
            self.restoreState()

    return NumberedCanvas
