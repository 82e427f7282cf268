"""Draws small stand-in photos for demo activities and stations: a coloured scene and a banner."""

from __future__ import annotations

import hashlib
import io
import random
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from resources import path as resource_path

SCALE = 2  # pixels per point of the 480 × 320 scene: sharp at the text column's width
WIDTH, HEIGHT = 480 * SCALE, 320 * SCALE
# Fonts that can draw Chinese, best first (the bundled one is always there in an installed copy);
# without any the banner is left blank.
CJK_FONTS = (
    str(resource_path("fonts", "wqy-microhei.ttc")),
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "C:/Windows/Fonts/msyh.ttc",
    "C:/Windows/Fonts/simhei.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "/System/Library/Fonts/PingFang.ttc",
)
# Scene colours per category: (sky, ground) — red for festive visits, green for outdoor work …
PALETTES: dict[str, tuple[tuple[int, int, int], tuple[int, int, int]]] = {
    "送温暖": ((196, 48, 43), (238, 214, 180)),
    "夏送清凉": ((120, 190, 235), (210, 200, 150)),
    "金秋助学": ((240, 190, 90), (200, 150, 80)),
    "职工文化": ((110, 90, 170), (225, 215, 235)),
    "劳动和技能竞赛": ((70, 110, 160), (190, 190, 190)),
    "职工技能培训": ((60, 130, 110), (230, 230, 220)),
    "station": ((150, 200, 240), (120, 170, 90)),
}
DEFAULT_PALETTE = ((100, 150, 200), (200, 210, 190))


@cache
def cjk_font_path() -> str | None:
    return next((path for path in CJK_FONTS if Path(path).is_file()), None)


@cache
def _font(size: int) -> Any:
    path = cjk_font_path()
    return ImageFont.truetype(path, size) if path else None


def draw_photo(seed: str, kind: str, banner: str) -> bytes:
    """A JPEG (about 15–30 KB) of a banner over a crowd. No caption is drawn on it: the report
    prints the caption under the photo, as a newspaper does."""
    rng = random.Random(seed)
    sky, ground = PALETTES.get(kind, DEFAULT_PALETTE)
    image = Image.new("RGB", (WIDTH, HEIGHT), sky)
    draw = ImageDraw.Draw(image)

    def at(*values: float) -> list[int]:  # the scene is laid out on a 480 × 320 grid
        return [round(v * SCALE) for v in values]

    w, h = WIDTH / SCALE, HEIGHT / SCALE
    horizon = rng.randint(150, 190)
    for y in range(horizon * SCALE):  # a soft vertical gradient reads as sky or hall light
        shade = tuple(min(255, c + y // (4 * SCALE)) for c in sky)
        draw.line([(0, y), (WIDTH, y)], fill=shade)
    draw.rectangle(at(0, horizon, w, h), fill=ground)
    if kind == "station":
        draw.rectangle(
            at(140, 70, 340, horizon + 10), fill=(245, 245, 240), outline=(90, 90, 90),
            width=2 * SCALE,
        )  # fmt: skip
        draw.polygon(at(120, 75, 240, 30, 360, 75), fill=(200, 60, 50))
        draw.rectangle(at(215, 120, 265, horizon + 10), fill=(120, 80, 50))
    else:
        draw.rectangle(
            at(50, 28, w - 50, 78), fill=(200, 30, 30), outline=(250, 220, 120), width=3 * SCALE
        )
    for _ in range(rng.randint(7, 13)):  # people: a head and a body in work-clothes colours
        x = rng.randint(20, int(w) - 20)
        y = rng.randint(horizon - 10, int(h) - 70)
        body = rng.choice(
            ((230, 120, 30), (40, 90, 160), (200, 40, 40), (60, 60, 60), (240, 200, 40))
        )
        draw.rounded_rectangle(at(x - 12, y, x + 12, y + 40), radius=6 * SCALE, fill=body)
        draw.ellipse(at(x - 9, y - 20, x + 9, y - 2), fill=(240, 200, 170))
    title_font = _font(24 * SCALE)
    if title_font is not None and kind != "station":
        draw.text((WIDTH / 2, 53 * SCALE), _fit(draw, banner, title_font, WIDTH - 120 * SCALE),
                  font=title_font, fill=(255, 240, 180), anchor="mm")  # fmt: skip
    out = io.BytesIO()
    image.save(out, "JPEG", quality=72, optimize=True)
    return out.getvalue()


def _fit(draw: ImageDraw.ImageDraw, text: str, font: Any, width: int) -> str:
    if draw.textlength(text, font=font) <= width:
        return text
    while text and draw.textlength(text + "…", font=font) > width:
        text = text[:-1]
    return text + "…"


def photo_name(data: bytes) -> str:
    """Named by content, so two demo databases sharing a folder never overwrite each other's photo."""
    return f"照片/演示-{hashlib.sha256(data).hexdigest()[:20]}.jpg"
