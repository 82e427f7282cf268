"""The article's photos: sized to the text column, captioned in 楷体, floated past the text after
them (or shrunk) rather than leaving a gap at the foot of a page."""

from __future__ import annotations

from collections.abc import Callable
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
    gap. Two photos told one after the other float as a pair: the text after the second moves
    up in front of both, and the second never stands directly under the first on a page (a
    paragraph goes between them). It stops floating at a page break."""

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
        self.under_photo = False  # set just under another photo on this page

    def _block(self, width: float, scale: float = 1.0) -> list[Flowable]:
        image = Image(self.path, width=self.photo_w * scale, height=self.photo_h * scale)
        image.hAlign = "CENTER"
        followers = list(self.followers)
        if followers and isinstance(followers[0], FloatingPhoto):
            followers[0] = followers[0]._with(followers[0].followers, under_photo=True)
        return [Spacer(1, 4), image, self.caption, *followers]

    def _height(self, width: float, scale: float = 1.0) -> float:
        caption = self.caption.wrap(width, 10_000)[1]
        style = self.caption.style
        return 4 + self.photo_h * scale + caption + style.spaceBefore + style.spaceAfter

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # noqa: N803
        # Never placed whole: the frame always asks for a split, which decides what goes where.
        return availWidth, availHeight + 1

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:  # noqa: N803
        # At the top of a new page (postponed) nothing is above the photo any more.
        under_photo = self.under_photo and not getattr(self, "_postponed", False)
        first, rebuild = self._next_text(under_photo)
        if not under_photo or first is None:
            full = self._height(availWidth)
            if full <= availHeight:
                return self._block(availWidth)
            scale = (availHeight - (full - self.photo_h)) / self.photo_h
            if scale >= SHRINK_TO:
                return self._block(availWidth, scale)
        if first is None:
            return []  # the top of the next page
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

    def _next_text(
        self, under_photo: bool
    ) -> tuple[Flowable | None, Callable[[list[Flowable]], FloatingPhoto]]:
        """The first flowable after this photo and any photos straight after it (None at a page
        break or the end), and how to rebuild the photos with what is left of it in front (a
        photo under another stays so until a paragraph, not a space or heading, parts them)."""
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
                followers = [photo._with(followers, under_photo=photo.under_photo)]
            return self._with(followers, under_photo and not isinstance(first, Paragraph))

        return first, rebuild

    def _with(self, followers: list[Flowable], under_photo: bool = False) -> FloatingPhoto:
        other = FloatingPhoto.__new__(FloatingPhoto)
        other.__dict__.update(self.__dict__)
        other.__dict__.pop("_postponed", None)  # a new piece gets its own chance at the next page
        other.followers = followers
        other.under_photo = under_photo
        return other

    def draw(self) -> None:  # pragma: no cover - split always replaces it
        raise AssertionError("FloatingPhoto is always split")
