"""The 公文's last paragraph and its 落款: the signature takes the paragraph's last lines with it to
a new page, never the whole paragraph (KeepTogether would, and leave the page foot blank)."""

# GB/T 9704-2012 7.3.5.1: where the space left cannot take the seal and the date, the spacing is
# adjusted. So the blank above the signature gives up one line when that keeps it on the page.

from __future__ import annotations

from reportlab.platypus import Flowable, Paragraph, Spacer
from reportlab.rl_config import _FUZZ

__all__ = ["KeepTail"]

LINES_WITH_SIGNATURE = 2  # GB/T 9704: the 落款 never stands alone; two lines of text go with it
LINES_LEFT_BEHIND = 2  # and no single line is left at the foot of the page before


class KeepTail(Flowable):
    """A paragraph followed by flowables that must stay with its last lines (附件说明, 落款)."""

    def __init__(self, paragraph: Paragraph, ending: list[Flowable], spare: float = 0.0) -> None:
        super().__init__()
        # spare: how much the first blank (a Spacer) of the ending may give up to stay here.
        self.paragraph, self.ending, self.spare = paragraph, ending, spare

    def _squeezed(self) -> list[Flowable]:
        out = list(self.ending)
        for i, item in enumerate(out):
            if isinstance(item, Spacer) and item.height > self.spare:
                out[i] = Spacer(item.width, item.height - self.spare)
                break
        return out

    def _height(self, width: float, height: float) -> float:
        total = 0.0
        for item in (self.paragraph, *self.ending):
            total += item.getSpaceBefore() + item.wrap(width, height)[1] + item.getSpaceAfter()
        return total

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # Never placed whole: the frame always asks for a split, which decides what goes where.
        return availWidth, availHeight + 1

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        full = self._height(availWidth, availHeight)
        if full <= availHeight + _FUZZ:
            return [self.paragraph, *self.ending]
        if self.spare and full - self.spare <= availHeight + _FUZZ:
            return [self.paragraph, *self._squeezed()]
        leading = self.paragraph.style.leading
        self.paragraph.wrap(availWidth, availHeight)
        lines = len(self.paragraph.blPara.lines)
        room = availHeight - self.paragraph.getSpaceBefore() + _FUZZ
        here = min(lines - LINES_WITH_SIGNATURE, int(room // leading))
        if here < LINES_LEFT_BEHIND:
            return []  # all of it on the next page: what stays behind is a line or less
        parts = self.paragraph.split(availWidth, here * leading + 0.5)
        if len(parts) != 2:
            return []
        return [parts[0], KeepTail(parts[1], self.ending, self.spare)]

    def draw(self) -> None:  # pragma: no cover - split always replaces it
        raise AssertionError("KeepTail is always split")
