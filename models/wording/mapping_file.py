"""Mapping files: a CSV of 字段,原值,标准值 saying which list value a township's wording means.

`import KIND FILE --map 对应表.csv` applies one to an import; the office vocabulary is exported
to and imported from the same format (设置). 字段 may be the field's Chinese label (a heading the
import understands) or its name; 标准值 is a value of the field's list, or （留空） to leave the
field blank. UTF-8 with or without BOM; a file Excel saved as plain CSV on a Chinese Windows
(GB18030) is read too. A bad line refuses the whole file, naming the line: nothing is applied.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from models import vocab
from models.errors import LedgerError
from models.kinds import KINDS, Field, Type
from models.validation import clean_text
from models.wording.keys import key
from models.wording.matcher import FLAG_LIST, FLAG_VALUES

HEADER = ("字段", "原值", "标准值")
BLANK = "（留空）"
_BLANK_KEYS = frozenset(key(word) for word in (BLANK, "留空", "空", "空白"))
MAX_BYTES = 5 * 1024 * 1024  # a mapping file is a few hundred lines; anything bigger is not one


class MappingFileError(LedgerError):
    """A mapping file that cannot be applied; says which line and what to change."""

    template = "对应表“{file}”{where}：{reason}"

    def __init__(self, file: str, reason: str, line: int | None = None) -> None:
        self.line = line
        where = f"第{line}行" if line else ""
        super().__init__(None, file, reason, file=file, where=where)


@dataclass(frozen=True)
class MappingLine:
    """One line of a mapping file: a wording of one list and the value (None: blank) it means."""

    line: int
    field: str | None  # the kind's field it was written for (None: named by its list)
    list_name: str
    wording: str
    value: str | None


def vocabulary_list(spec: Field) -> str | None:
    """The list a field's wordings are mapped onto (是/否 fields share one), or None."""
    if spec.type is Type.BOOL:
        return FLAG_LIST
    return spec.values if spec.values in vocab.CHOICES else None


def list_values(list_name: str) -> tuple[str, ...]:
    """The values a wording of the list may be mapped to (the drop-down of the mapping step)."""
    return FLAG_VALUES if list_name == FLAG_LIST else vocab.CHOICES[list_name]


def list_label(list_name: str) -> str:
    """How the 字段 column names a list when no kind is given: a label only it has, or its name."""
    labels = _labels_by_list().get(list_name, ())
    for label in labels:
        if _lists_named().get(key(label)) == {list_name}:
            return label
    return list_name


def read_mapping_file(path: str | Path, kind: str | None = None) -> list[MappingLine]:
    """The lines of a mapping file for an import of `kind` (or, without it, the vocabulary)."""
    path = Path(path)
    name = path.name
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise MappingFileError(name, f"无法读取（{exc.strerror or exc}），请检查路径。") from exc
    if len(data) > MAX_BYTES:
        raise MappingFileError(name, "文件太大，不像对应表（字段,原值,标准值 三列）。")
    rows = list(csv.reader(io.StringIO(_decode(name, data))))
    if not rows or [clean_text(c, "header") or "" for c in rows[0][:3]] != list(HEADER):
        raise MappingFileError(
            name, "第一行应是表头“字段,原值,标准值”。请按这三列填写后再导入。", 1 if rows else None
        )
    found: list[MappingLine] = []
    seen: dict[tuple[str, str], MappingLine] = {}
    for number, cells in enumerate(rows[1:], start=2):
        cells = [clean_text(c, "cell") or "" for c in cells]
        if not any(cells):
            continue
        entry = _line(name, number, cells, kind)
        earlier = seen.get((entry.list_name, key(entry.wording)))
        if earlier is not None and earlier.value != entry.value:
            raise MappingFileError(
                name,
                f"“{entry.wording}”在第{earlier.line}行已对应为“{earlier.value or BLANK}”，"
                f"这里又对应为“{entry.value or BLANK}”。请只保留一行。",
                number,
            )
        seen[(entry.list_name, key(entry.wording))] = entry
        found.append(entry)
    return found


def write_mapping_file(path: str | Path, lines: Iterable[tuple[str, str, str | None]]) -> int:
    """Write (字段, 原值, 标准值) lines as UTF-8 with BOM (Excel opens it in Chinese); returns
    the number of lines. A value of None is written as （留空）."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(HEADER)
    count = 0
    for field, wording, value in lines:
        writer.writerow((field, wording, value or BLANK))
        count += 1
    Path(path).write_text(buffer.getvalue(), encoding="utf-8-sig")
    return count


def _decode(name: str, data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise MappingFileError(
        name, "不是文本格式的 CSV。请在 Excel 中“另存为”→“CSV UTF-8（逗号分隔）”后再用。"
    )


def _line(name: str, number: int, cells: list[str], kind: str | None) -> MappingLine:
    cells = (cells + ["", "", ""])[:3]
    field_text, wording, target = cells
    if not field_text:
        raise MappingFileError(name, "“字段”是空的，请写上列名（如 致困原因）。", number)
    if not wording:
        raise MappingFileError(name, "“原值”是空的，请写上表格里的写法。", number)
    if not target:
        raise MappingFileError(
            name, f"“标准值”是空的。如要让“{wording}”留空，请写“{BLANK}”。", number
        )
    field, list_name = _resolve(name, number, field_text, kind)
    if key(target) in _BLANK_KEYS:
        return MappingLine(number, field, list_name, wording, None)
    allowed = list_values(list_name)
    value = next((v for v in allowed if key(v) == key(target)), None)
    if value is None:
        raise MappingFileError(
            name, f"“{target}”不是“{field_text}”的可选值。可选值：{'、'.join(allowed)}。", number
        )
    return MappingLine(number, field, list_name, wording, value)


def _resolve(name: str, number: int, text: str, kind: str | None) -> tuple[str | None, str]:
    k = key(text.strip("*＊:："))
    if kind is not None:
        for spec in KINDS[kind]:
            listed = vocabulary_list(spec)
            names = (spec.name, spec.label, spec.label_alone, *spec.aliases)
            if listed and any(key(n) == k for n in names):
                return spec.name, listed
        worded = "、".join(
            spec.label for spec in KINDS[kind] if vocabulary_list(spec) and spec.roster
        )
        raise MappingFileError(
            name, f"{KINDS[kind].label}没有可对应写法的列“{text}”。可以写的列：{worded}。", number
        )
    lists = _lists_named().get(k, set())
    if len(lists) == 1:
        return None, next(iter(lists))
    if not lists:
        raise MappingFileError(name, f"不认识“{text}”这一列，请写列名（如 致困原因）。", number)
    raise MappingFileError(
        name,
        f"“{text}”在不同台账里指不同的列，请改写为其中之一：{'、'.join(sorted(lists))}。",
        number,
    )


def _labels_by_list() -> dict[str, tuple[str, ...]]:
    found: dict[str, list[str]] = {}
    for each in KINDS.values():
        for spec in each:
            listed = vocabulary_list(spec)
            if listed:
                for label in (spec.label_alone, spec.label):
                    if label not in found.setdefault(listed, []):
                        found[listed].append(label)
    return {name: tuple(labels) for name, labels in found.items()}


def _lists_named() -> dict[str, set[str]]:
    """Folded label, alias or name → the lists it names in some kind (one, or ambiguous)."""
    named: dict[str, set[str]] = {}
    for each in KINDS.values():
        for spec in each:
            listed = vocabulary_list(spec)
            if listed:
                for text in (spec.name, spec.label, spec.label_alone, *spec.aliases):
                    named.setdefault(key(text), set()).add(listed)
    for listed in (*vocab.CHOICES, FLAG_LIST):
        named.setdefault(key(listed), set()).add(listed)
    for listed, label in vocab.LIST_LABELS.items():
        named.setdefault(key(label), set()).add(listed)
    return named


__all__ = [
    "BLANK",
    "HEADER",
    "MappingFileError",
    "MappingLine",
    "list_label",
    "list_values",
    "read_mapping_file",
    "vocabulary_list",
    "write_mapping_file",
]
