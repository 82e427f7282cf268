"""Photos for the summary: small baseline JPEGs go in as they are, anything else is re-encoded."""

from __future__ import annotations

from pathlib import Path

from PIL import Image

from reports.summary.build import PHOTO_MAX_SIDE, _downscale


def _photo(path: Path, size: tuple[int, int], fmt: str = "JPEG", **options: object) -> Path:
    Image.new("RGB", size, (200, 40, 40)).save(path, fmt, **options)
    return path


def test_a_small_baseline_jpeg_is_used_as_it_is(tmp_path: Path) -> None:
    source = _photo(tmp_path / "small.jpg", (480, 320), quality=90)
    out = _downscale({"p": source}, tmp_path / "work", [])
    assert out == {"p": str(source)}


def test_large_progressive_or_non_jpeg_photos_are_reencoded(tmp_path: Path) -> None:
    (tmp_path / "work").mkdir()
    files = {
        "big": _photo(tmp_path / "big.jpg", (3000, 2000)),
        "progressive": _photo(tmp_path / "p.jpg", (480, 320), progressive=True),
        "png": _photo(tmp_path / "shot.png", (600, 400), "PNG"),
    }
    out = _downscale(files, tmp_path / "work", [])
    assert set(out) == set(files)
    for key, path in out.items():
        assert Path(path).parent == tmp_path / "work", key
        with Image.open(path) as image:
            assert image.format == "JPEG" and max(image.size) <= PHOTO_MAX_SIDE
            assert not image.info.get("progressive")
    with Image.open(out["big"]) as image:
        assert image.size == (PHOTO_MAX_SIDE, PHOTO_MAX_SIDE * 2 // 3)


def test_an_unreadable_photo_is_left_out_with_a_warning(tmp_path: Path) -> None:
    broken = tmp_path / "broken.jpg"
    broken.write_bytes(b"not a picture")
    warnings: list[str] = []
    assert _downscale({"x": broken}, tmp_path, warnings) == {}
    assert len(warnings) == 1 and "broken.jpg" in warnings[0] and "重新添加" in warnings[0]
