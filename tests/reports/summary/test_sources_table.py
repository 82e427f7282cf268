"""The 数据来源 table never breaks a figure: 正文写法 and 精确值 each stay on one line, in both
styles (the 公文's narrower column too)."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest

from reports.summary import prepare
from reports.summary.build import assembled, build_summary
from tests.reports.summary.sample_data import YEAR

_NUMBER = re.compile(r"\d[\d,.]*")


@pytest.mark.parametrize("style", ["article", "official"])
def test_source_figures_are_never_broken(
    ledger: Any, county: Any, tmp_path: Path, style: str
) -> None:
    qa = tmp_path / "附件.pdf"
    build_summary(ledger, YEAR, tmp_path / "a.pdf", style=style, qa_file=qa)
    lines = subprocess.run(
        ["pdftotext", "-layout", str(qa), "-"], capture_output=True, text=True, check=True
    ).stdout.splitlines()
    sources = assembled(prepare(ledger, YEAR), style).sources
    # Each written figure with its unit ("406.8万元"), and each exact value's number.
    wanted = {s.written for s in sources} | {
        n for s in sources for n in _NUMBER.findall(s.exact) if len(n) > 1
    }
    assert any(len(w) >= 10 for w in wanted)  # the county has long exact values to fit
    broken = sorted(w for w in wanted if not any(w in line for line in lines))
    assert broken == []
    # The 来源 column holds each register's name on one line ("困难职工档案", not one or two
    # characters a line).
    registers = {name for s in sources for name in s.source.split("·")}
    assert any(len(r) >= 6 for r in registers), registers
    assert sorted(r for r in registers if not any(r in line for line in lines)) == []
    # 指标 wraps, but four characters a line at least ("思想引领/场次", not "思想/引领/场次").
    starts = {s.label[:4] for s in sources if len(s.label) >= 4}
    assert sorted(w for w in starts if not any(w in line for line in lines)) == []
