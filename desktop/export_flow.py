"""Export work for the window, free of widgets: a whole kind through reports.excel, or a selection."""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from models.kinds import IMPORT_KINDS, KINDS

EXPORT_KINDS = (*IMPORT_KINDS, "stats")


def kind_label(kind: str) -> str:
    return "年度统计表" if kind == "stats" else KINDS[kind].label


def export(
    ledger: Any,
    kind: str,
    out: str | Path,
    *,
    year: int | None = None,
    township: str | None = None,
    status: str | None = None,
    unmask: bool = False,
    ids: Collection[int] | None = None,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Write the 花名册 of `kind` (filtered), or of the selected records only; returns rows written."""
    from reports.excel.export import export_kind

    out = Path(out)
    if ids is None:
        return export_kind(
            ledger,
            kind,
            out,
            year=year,
            township=township,
            status=status,
            unmask=unmask,
            progress=progress,
        )
    return _export_selection(ledger, kind, out, set(ids), unmask=unmask, progress=progress)


def _export_selection(
    ledger: Any,
    kind: str,
    out: Path,
    ids: set[int],
    *,
    unmask: bool,
    progress: Callable[[int], None] | None,
) -> int:
    """The same 花名册 layout with only the chosen records (the list's multi-selection)."""
    from models.services.exports import ExportFilter
    from reports.excel.export import Layout, export_columns, roster_labels, write_roster

    what = f"{KINDS[kind].label}花名册（所选{len(ids)}条）"
    if unmask:
        ledger.privacy.audit_unmasked(f"{what} → {out.name}", use="export")
    else:
        ledger.exports.require("export")
    org = ledger.settings.org_name
    fields = export_columns(kind)
    layout = Layout(f"{org}{KINDS[kind].label}花名册", org, fields, roster_labels(kind, fields))
    chosen = (r for r in ledger.exports.rows(kind, ExportFilter()) if r.get("id") in ids)
    return write_roster(out, layout, chosen, unmask=unmask, progress=progress)


def write_template(ledger: Any, kind: str, out: str | Path) -> Path:
    from reports.excel.templates import write_template as write

    write(kind, Path(out), org_name=ledger.settings.org_name)
    return Path(out)
