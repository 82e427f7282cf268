"""Which parts of an .xlsx the reader inflates: its sheets and shared strings, by their names."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass, field

from defusedxml import ElementTree

WORKBOOK = "xl/workbook.xml"
WORKBOOK_RELS = "xl/_rels/workbook.xml.rels"
SHARED_STRINGS = "xl/sharedStrings.xml"
_NOT_SHEETS = ("/sharedStrings", "/styles", "/theme")


@dataclass
class Parts:
    """Part name → sheet name (the part name when the workbook does not say)."""

    sheets: dict[str, str] = field(default_factory=dict)
    shared_strings: list[str] = field(default_factory=list)


def find_parts(archive: zipfile.ZipFile) -> Parts:
    """Sheets and shared strings as the workbook's relationships name them, plus the usual places.

    A relationship may point anywhere in the archive; every spelling of its target that names a
    part is taken, so that no sheet escapes the checks by living outside xl/worksheets/.
    The caller has refused DTDs already, and bounds the size of both small XML parts.
    """
    names = set(archive.namelist())
    parts = Parts()
    for name in sorted(names):
        if name.startswith("xl/worksheets/") and name.endswith(".xml"):
            parts.sheets[name] = posixpath.basename(name)
    if SHARED_STRINGS in names:
        parts.shared_strings.append(SHARED_STRINGS)
    targets: dict[str, list[str]] = {}  # relationship id → parts
    for rel in _elements(archive, WORKBOOK_RELS, "Relationship"):
        found = [p for p in _spellings(rel.get("Target") or "") if p in names]
        targets[rel.get("Id") or ""] = found
        is_strings = (rel.get("Type") or "").endswith("/sharedStrings")
        for part in found:
            if is_strings:
                parts.shared_strings.append(part)
            elif not (rel.get("Type") or "").endswith(_NOT_SHEETS):
                parts.sheets.setdefault(part, posixpath.basename(part))
    for sheet in _elements(archive, WORKBOOK, "sheet"):
        rid = next((v for k, v in sheet.attrib.items() if k.endswith("}id")), "")
        for part in targets.get(rid, ()):
            if part in parts.sheets and sheet.get("name"):
                parts.sheets[part] = sheet.get("name") or part
    parts.shared_strings = list(dict.fromkeys(parts.shared_strings))
    return parts


def _elements(archive: zipfile.ZipFile, part: str, local: str) -> list[ElementTree.Element]:
    try:
        root = ElementTree.fromstring(archive.read(part))
    except KeyError:
        return []
    except ElementTree.ParseError as exc:
        raise ValueError(f"{part} is not well-formed XML") from exc
    return [e for e in root.iter() if isinstance(e.tag, str) and e.tag.rsplit("}", 1)[-1] == local]


def _spellings(target: str) -> set[str]:
    """The part names a relationship target may mean (relative to xl/, or from the root)."""
    target = target.replace("\\", "/")
    found = {posixpath.normpath(posixpath.join("xl", target)), posixpath.normpath(target)}
    found.add(posixpath.normpath(target.lstrip("/")))
    return {p.lstrip("/") for p in found}
