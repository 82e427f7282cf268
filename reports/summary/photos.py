"""The article's photos: sized to the text column, captioned in 楷体, floated past the text after
them (or shrunk) rather than leaving a gap at the foot of a page."""

from __future__ import annotations

from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, Image, PageBreak, Paragraph, Spacer

__all__ = ["FloatingPhoto", "SHRINK_TO"]

SHRINK_TO = 0.7  # a photo may be printed down to this share of its size to stay where it is
MAX_HEIGHT_SHARE = 0.45  # of the text block: a 3:2 photo at the full column width is 0.44


class FloatingPhoto(Flowable):
    """A photo and its caption, holding the rest of the article's text after it.

    Where the photo fits, it is set there and the text after it. Where it fits at 70 % of its
    size, it is set smaller. Otherwise the next paragraph, heading or space (or the part of a
    paragraph that fits) moves up in front of it, and the photo tries again below that or at
    the top of the next page, as a newspaper floats a picture: no page ends in a photo-sized
    gap. It stops floating at the next photo or page break."""

    def __init__(
        self,
        path: str,
        caption: Paragraph,
        size: tuple[float, float],
        width: float,
        max_height: float,
        followers: list[Flowable],
    ) -> None:
        super().__init__()
        self.path, self.caption, self.followers = path, caption, followers
        pixels_w, pixels_h = size
        scale = min(width / pixels_w, max_height / pixels_h)
        self.photo_w, self.photo_h = pixels_w * scale, pixels_h * scale

    def _block(self, width: float, scale: float = 1.0) -> list[Flowable]:
        image = Image(self.path, width=self.photo_w * scale, height=self.photo_h * scale)
        image.hAlign = "CENTER"
        return [Spacer(1, 4), image, self.caption]

    def _height(self, width: float, scale: float = 1.0) -> float:
        caption = self.caption.wrap(width, 10_000)[1]
        style = self.caption.style
        return 4 + self.photo_h * scale + caption + style.spaceBefore + style.spaceAfter

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # Never placed whole: the frame always asks for a split, which decides what goes where.
        return availWidth, availHeight + 1

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        full = self._height(availWidth)
        if full <= availHeight:
            return [*self._block(availWidth), *self.followers]
        scale = (availHeight - (full - self.photo_h)) / self.photo_h
        if scale >= SHRINK_TO:
            return [*self._block(availWidth, scale), *self.followers]
        if not self.followers or isinstance(self.followers[0], FloatingPhoto | PageBreak):
            return []  # the top of the next page
        first, rest = self.followers[0], self.followers[1:]
        if isinstance(first, CondPageBreak):
            # The heading it guards would start a new page: so does the photo, before it.
            return [] if first.height > availHeight else [first, self._with(rest)]
        room = availHeight - first.getSpaceBefore()
        if first.wrap(availWidth, room)[1] <= room:
            return [first, self._with(rest)]
        parts: list[Any] = first.split(availWidth, room)
        if not parts:
            return []
        return [parts[0], self._with([*parts[1:], *rest])]

    def _with(self, followers: list[Flowable]) -> FloatingPhoto:
        other = FloatingPhoto.__new__(FloatingPhoto)
        other.__dict__.update(self.__dict__)
        other.__dict__.pop("_postponed", None)  # a new piece gets its own chance at the next page
        other.followers = followers
        return other

    def draw(self) -> None:  # pragma: no cover - split always replaces it
        raise AssertionError("FloatingPhoto is always split")
