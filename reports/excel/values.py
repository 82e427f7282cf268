"""The value-mapping step of an import: the distinct wordings of a file that are not the lists'
own, and the clerk's choices for them turned into the vocabulary the import reads with.

    parsed = parse_workbook(kind, book, sheets, office=ledger.vocabulary.office(chosen))
    entries = survey(parsed)            # every distinct wording: count, proposal, how
    chosen = mappings(kind, {(field, wording): value, ...})   # the clerk's drop-down choices
    ... parse again with office=ledger.vocabulary.office(chosen), then
    ledger.imports.apply(kind, parsed.rows, ..., vocabulary=chosen)   # saved if real
"""

from __future__ import annotations

from collections.abc import Mapping

from models.kinds import KINDS
from models.wording import office_list
from models.wording.mapping_file import list_values, vocabulary_list
from models.wording.tally import ValueCount
from reports.excel.parse import ParsedFile


def survey(parsed: ParsedFile) -> list[ValueCount]:
    """Read every row of a parsed file (writing nothing) and return its distinct wordings."""
    for _row in parsed.rows:
        pass
    return parsed.wording.entries()


def choices(kind: str, field: str) -> tuple[str, ...]:
    """The values a wording of the field may be mapped to (the mapping step's drop-down)."""
    listed = vocabulary_list(KINDS[kind][field])
    if listed is None:
        raise ValueError(f"{kind}.{field} has no value list")
    return list_values(listed)


def mappings(
    kind: str, chosen: Mapping[tuple[str, str], str | None]
) -> dict[tuple[str, str], str | None]:
    """The clerk's choices {(field, wording): value or None for blank} as the vocabulary's
    {(list name, wording): value}; a value outside the field's list is a programming error."""
    found: dict[tuple[str, str], str | None] = {}
    for (field, wording), value in chosen.items():
        listed = vocabulary_list(KINDS[kind][field])
        if listed is None or (value is not None and value not in list_values(listed)):
            raise ValueError(f"{value!r} is not a value of {kind}.{field}")
        found[(office_list(listed), wording)] = value
    return found
