"""Draws small stand-in photos for demo activities and stations: a coloured scene and a banner."""

from __future__ import annotations

import hashlib
import io
import random

from PIL import Image, ImageDraw

SCALE = 2  # pixels per point of the 480 × 320 scene: sharp at the text column's width
WIDTH, HEIGHT = 480 * SCALE, 320 * SCALE
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


def draw_photo(seed: str, kind: str) -> bytes:
    """A JPEG (about 15–30 KB) of a banner over a crowd, or of a station's front. No words are
    drawn on it: a photo's caption is the record's text, printed under it as a newspaper does,
    and a banner seen from the back of a hall reads as a row of marks, not as a sentence."""
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
    if kind != "station":
        for i in range(rng.randint(9, 14)):  # the banner's characters, too far off to read
            x = 70 + i * 26
            if x > w - 80:
                break
            draw.rectangle(at(x, 44, x + 18, 62), fill=(250, 225, 160))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=72, optimize=True)
    return out.getvalue()


def photo_name(data: bytes) -> str:
    """Named by content, so two demo databases sharing a folder never overwrite each other's photo."""
    return f"照片/演示-{hashlib.sha256(data).hexdigest()[:20]}.jpg"
