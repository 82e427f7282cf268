"""The article's photos: sized to the text column, captioned in 楷体, floated past the text after
them (or shrunk) rather than leaving a gap at the foot of a page."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from reportlab.platypus import CondPageBreak, Flowable, Image, PageBreak, Paragraph, Spacer

__all__ = ["FloatingPhoto", "SHRINK_TO"]

LINES_WITH_SIGNATURE = 2  # the last lines of the text that follow a photo set after the rest

SHRINK_TO = 0.7  # a photo may be printed down to this share of its size to stay where it is
TEXT_BETWEEN_SHARE = 0.25  # of the text block: the least text between two photos on a page
MAX_HEIGHT_SHARE = 0.45  # of the text block: a 3:2 photo at the full column width is 0.44


class _PlacedImage(Image):
    """A photo that notes where it was drawn, so the next photo knows what stands above it."""

    def __init__(self, path: str, width: float, height: float, last: dict[str, float]) -> None:
        super().__init__(path, width=width, height=height)
        self.last = last

    def drawOn(self, canv: Any, x: float, y: float, _sW: float = 0) -> None:  # noqa: N802, N803
        self.last.update(page=canv.getPageNumber(), bottom=y)
        super().drawOn(canv, x, y, _sW)


def _all_but_last_lines(text: Flowable, width: float, room: float) -> list[Flowable] | None:
    """A paragraph split so that its last lines stay behind; None when no part may go ahead."""
    if not isinstance(text, Paragraph):
        return None
    text.wrap(width, room)
    lines = len(text.blPara.lines)
    here = min(lines - LINES_WITH_SIGNATURE, int(room // text.style.leading))
    if here < 1:
        return None
    parts: list[Flowable] = text.split(width, here * text.style.leading + 0.5)
    return parts if len(parts) == 2 else None


class FloatingPhoto(Flowable):
    """A photo and its caption, holding the rest of the article's text after it.

    Where the photo fits, it is set there and the text after it. Where it fits at 70 % of its
    size, it is set smaller. Otherwise the next paragraph, heading or space (or the part of a
    paragraph that fits) moves up in front of it, and the photo tries again below that or at
    the top of the next page, as a newspaper floats a picture: no page ends in a photo-sized
    gap. A photo on the page of another photo floats, too, until a quarter page of text stands
    between them; photos told one after the other float as a group, the text after the last
    moving up in front of them all. It stops floating at a page break."""

    def __init__(
        self,
        path: str,
        caption: Paragraph,
        size: tuple[float, float],
        frame: tuple[float, float, float],
        followers: list[Flowable],
        last: dict[str, float],
    ) -> None:
        """`frame` is the text column's (width, height, bottom); `last` is shared by the
        article's photos: the page and the bottom edge of the last one drawn."""
        super().__init__()
        self.path, self.caption, self.followers, self.last = path, caption, followers, last
        width, height, self.bottom = frame
        pixels_w, pixels_h = size
        scale = min(width / pixels_w, height * MAX_HEIGHT_SHARE / pixels_h)
        self.photo_w, self.photo_h = pixels_w * scale, pixels_h * scale
        self.text_between = height * TEXT_BETWEEN_SHARE

    def _block(self, width: float, scale: float = 1.0) -> list[Flowable]:
        w, h = self.photo_w * scale, self.photo_h * scale
        image = _PlacedImage(self.path, w, h, self.last)
        image.hAlign = "CENTER"
        return [Spacer(1, 4), image, self.caption, *self.followers]

    def _height(self, width: float, scale: float = 1.0) -> float:
        caption = self.caption.wrap(width, 10_000)[1]
        style = self.caption.style
        return 4 + self.photo_h * scale + caption + style.spaceBefore + style.spaceAfter

    def _too_close(self, availHeight: float) -> bool:  # noqa: N803
        """Whether a photo drawn above on this page is less than the least text away."""
        page = self.canv.getPageNumber() if hasattr(self, "canv") else None
        if page is None or self.last.get("page") != page:
            return False
        return self.last["bottom"] - (self.bottom + availHeight) < self.text_between

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # Never placed whole: the frame always asks for a split, which decides what goes where.
        return availWidth, availHeight + 1

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        first, rebuild = self._next_text()
        # Where all the text after it fits here, the photo would stand alone after it: it is
        # set now if it and that text fit, near another photo or not, and otherwise keeps the
        # last paragraph and the signature behind it for the next page.
        ending = first is None or self._rest_fits(availWidth, availHeight)
        with_rest = availHeight - self._height(availWidth)
        if (
            first is None
            or self._rest_fits(availWidth, with_rest)
            or not self._too_close(availHeight)
        ):
            full = self._height(availWidth)
            if full <= availHeight:
                return self._block(availWidth)
            scale = (availHeight - (full - self.photo_h)) / self.photo_h
            if scale >= SHRINK_TO:
                return self._block(availWidth, scale)
        if first is None:
            return []  # the top of the next page
        if ending and self._only_the_tail_left() and not isinstance(first, Spacer):
            # The last paragraph goes ahead but for its last lines, which follow the photo.
            head = _all_but_last_lines(first, availWidth, availHeight - first.getSpaceBefore())
            return [head[0], rebuild(head[1:])] if head else []
        if isinstance(first, CondPageBreak):
            # The heading it guards would start a new page: so does the photo, before it.
            return [] if first.height > availHeight else [first, rebuild([])]
        room = availHeight - first.getSpaceBefore()
        if first.wrap(availWidth, room)[1] <= room:
            return [first, rebuild([])]
        parts: list[Any] = first.split(availWidth, room)
        if not parts:
            return []
        return [parts[0], rebuild(parts[1:])]

    def _text_after(self) -> list[Flowable]:
        """The flowables after this photo and the photos straight after it, to a page break."""
        items = self.followers
        while items and isinstance(items[0], FloatingPhoto):
            items = items[0].followers
        out: list[Flowable] = []
        for item in items:
            if isinstance(item, PageBreak):
                break
            out.append(item)
        return out

    def _rest_fits(self, width: float, height: float) -> bool:
        total = 0.0
        for item in self._text_after():
            if isinstance(item, FloatingPhoto):
                return False  # another photo follows later: the text does not end here
            total += item.getSpaceBefore() + item.wrap(width, height)[1] + item.getSpaceAfter()
            if total > height:
                return False
        return True

    def _only_the_tail_left(self) -> bool:
        """Whether only the last paragraph and the signature are left after the photo."""
        text = [f for f in self._text_after() if isinstance(f, Paragraph)]
        return len(text) <= 2

    def _next_text(self) -> tuple[Flowable | None, Callable[[list[Flowable]], FloatingPhoto]]:
        """The first flowable after this photo and any photos straight after it (None at a page
        break or the end), and how to rebuild the photos with what is left of it in front."""
        photos: list[FloatingPhoto] = []
        items = self.followers
        while items and isinstance(items[0], FloatingPhoto):
            photos.append(items[0])
            items = items[0].followers
        first = items[0] if items and not isinstance(items[0], PageBreak) else None
        rest = items[1:]

        def rebuild(left: list[Flowable]) -> FloatingPhoto:
            followers = [*left, *rest]
            for photo in reversed(photos):
                followers = [photo._with(followers)]
            return self._with(followers)

        return first, rebuild

    def _with(self, followers: list[Flowable]) -> FloatingPhoto:
        other = FloatingPhoto.__new__(FloatingPhoto)
        other.__dict__.update(self.__dict__)
        other.__dict__.pop("_postponed", None)  # a new piece gets its own chance at the next page
        other.__dict__.pop("canv", None)
        other.followers = followers
        return other

    def draw(self) -> None:  # pragma: no cover - split always replaces it
        raise AssertionError("FloatingPhoto is always split")
