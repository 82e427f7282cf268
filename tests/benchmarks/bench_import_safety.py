"""What the pre-read checks cost on a real roster, and how fast a full-size bomb is refused.

Figures: the checks (`safety.check_file`) against the reader's own load (calamine open + sheet) on
the cached 花名册 of bench_import (its cells written with r=, the fast path) and on the same roster
with every r= stripped (the row-by-row path); then the reported bomb at full size (1.6 GB of sheet
XML without r= in a ~10 MB file) and one just under the sheet-size limit, refused by counting.

    python -m tests.benchmarks.run import_safety --households 100000
"""

from __future__ import annotations

import re
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from tests.benchmarks.bench_import import roster

_REF = re.compile(rb' r="[A-Z]*[0-9]+"')


def _timed(action: Any) -> tuple[float, Any]:
    start = time.perf_counter()
    try:
        result = action()
    except Exception as exc:  # noqa: BLE001 - a refusal is a result here
        result = exc
    return round(time.perf_counter() - start, 2), result


def _calamine_load(path: Path) -> None:
    import python_calamine as pc

    book = pc.CalamineWorkbook.from_path(str(path))
    for name in book.sheet_names:
        book.get_sheet_by_name(name)
    book.close()


def _rewrite_sheet(source: Path, target: Path, chunks: Iterator[bytes]) -> Path:
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != "xl/worksheets/sheet1.xml":
                dst.writestr(info, src.read(info.filename))
        part = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
        part.compress_type = zipfile.ZIP_DEFLATED
        with dst.open(part, "w", force_zip64=True) as out:
            for chunk in chunks:
                out.write(chunk)
    return target


def _without_refs(path: Path) -> Iterator[bytes]:
    with zipfile.ZipFile(path) as archive, archive.open("xl/worksheets/sheet1.xml") as fh:
        tail = b""
        while chunk := fh.read(8 * 1024 * 1024):
            buf = tail + chunk
            cut = buf.rfind(b"<")
            yield _REF.sub(b"", buf[:cut])
            tail = buf[cut:]
        yield _REF.sub(b"", tail)


def _bomb(xml_bytes: int) -> Iterator[bytes]:
    """Rows without r=, 35 cells each, one of them different every row (ratio ~160, as reported)."""
    yield b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    same = '<c t="inlineStr"><is><t>城关镇</t></is></c>'.encode() * 34
    written, number = 0, 0
    while written < xml_bytes:
        block = b"".join(
            b"<row>" + same + b"<c><v>%d</v></c></row>" % (n * 7919 % 100_003)
            for n in range(number, number + 10_000)
        )
        number += 10_000
        written += len(block)
        yield block
    yield b"</sheetData></worksheet>"


def _describe(result: Any) -> str:
    return "passed" if not isinstance(result, Exception) else str(result)[:160]


def run(households: int = 100_000) -> dict[str, Any]:
    from reports.excel.safety import MAX_SHEET_XML_BYTES, check_file

    figures: dict[str, Any] = {"rows": households}
    path = roster(households)
    check_s, result = _timed(lambda: check_file(path))
    load_s, _ = _timed(lambda: _calamine_load(path))
    figures["roster"] = {
        "check_s": check_s,
        "calamine_load_s": load_s,
        "check_vs_load": round(check_s / load_s, 2) if load_s else None,
        "result": _describe(result),
    }
    with tempfile.TemporaryDirectory() as tmp:
        bare = _rewrite_sheet(path, Path(tmp) / "no-refs.xlsx", _without_refs(path))
        check_s, result = _timed(lambda: check_file(bare))
        load_s, _ = _timed(lambda: _calamine_load(bare))
        figures["roster_without_refs"] = {
            "check_s": check_s,
            "calamine_load_s": load_s,
            "check_vs_load": round(check_s / load_s, 2) if load_s else None,
            "result": _describe(result),
        }
        for label, size in (
            ("bomb_1.6GB", 1600 * 1024 * 1024),
            ("bomb_under_size_limit", MAX_SHEET_XML_BYTES - 64 * 1024 * 1024),
        ):
            build_s, bomb = _timed(
                lambda size=size: _rewrite_sheet(path, Path(tmp) / "bomb.xlsx", _bomb(size))
            )
            with zipfile.ZipFile(bomb) as archive:
                info = archive.getinfo("xl/worksheets/sheet1.xml")
            check_s, result = _timed(lambda bomb=bomb: check_file(bomb))
            figures[label] = {
                "file_mb": round(bomb.stat().st_size / 1024 / 1024, 1),
                "sheet_xml_mb": round(info.file_size / 1024 / 1024),
                "ratio": round(info.file_size / info.compress_size),
                "build_s": build_s,
                "check_s": check_s,
                "result": _describe(result),
            }
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(run(), ensure_ascii=False, indent=2))
