"""Matching a roster's wording to the value lists (models.wording), cell by cell, in matches/s.

A roster of `households` rows (default 200,000) with ten descriptive columns worded as townships
word them: mostly the list's own values, many researched synonyms, combined cells (肢体四级,
因病、因学) and some free text that differs on every row (患肺癌（2019年确诊）), which the cache
cannot help with. Beside it, the same number of `validation.parse_choice` calls on list values
(what the importer does per cell today) as the baseline of the same run.

    python -m tests.benchmarks.run wording
    python -m tests.benchmarks.bench_wording [--households 200000]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from models import vocab
from models.validation import parse_choice
from models.wording import Matcher
from models.wording.keys import derived_keys

ROWS = 200_000
# Researched wordings (see models/wording/synonyms.py for the sources), per column.
WORDINGS: dict[str, tuple[str, ...]] = {
    "political_status": ("预备党员", "党员", "团员", "无党派人士", "中国共产党党员"),
    "health": ("健康", "癌症", "尿毒症", "高血压病", "肢体残疾二级", "一般", "患重特大疾病（尿毒症）"),
    "disability_kind": ("肢体四级", "听力残疾一级（极重度）", "二级低视力", "一级智残"),
    "work_status": ("下岗职工", "离休", "在职", "失业人员", "进城务工人员"),
    "housing_type": ("借住亲戚家", "承租单位公房", "政府廉租房", "自购房", "自建房", "租房"),
    "industry": ("交通运输业", "教育系统", "纺织系统", "冶金系统", "医疗卫生", "餐饮业", "建筑"),
    "medical_insurance": ("城镇职工医疗保险", "新农合", "居民医保", "职工医保", "无"),
    "hardship_class": ("低保户", "低保边缘户", "深度困难职工", "享受低保", "意外致困户"),
    "main_cause": ("因病", "因学", "患重特大疾病、子女上学", "因病因学", "单亲", "因残", "6"),
    "status": ("在档", "销档", "正常", "已解困"),
}  # fmt: skip
DISEASES = ("肺癌", "胃癌", "尿毒症", "白血病", "糖尿病", "脑中风")


def _cell(column: str, rng: random.Random, row: int) -> str:
    draw = rng.random()
    if draw < 0.55:
        return rng.choice(vocab.CHOICES[column])
    if draw < 0.97 or column not in ("health", "main_cause", "housing_type"):
        return rng.choice(WORDINGS[column])
    # Free text that is new on (almost) every row: the worst case for the cache.
    if column == "health":
        return f"患{rng.choice(DISEASES)}（{1990 + row % 35}年确诊，第{row}号）"
    if column == "main_cause":
        return f"因病、因学（{row}）"
    return f"借住亲戚家（{row}号）"


def roster(rows: int, seed: int) -> list[tuple[str, ...]]:
    rng = random.Random(seed)
    columns = tuple(WORDINGS)
    return [tuple(_cell(column, rng, row) for column in columns) for row in range(rows)]


def _timed(call: Callable[[], Any], runs: int) -> dict[str, float]:
    wall, cpu = [], []
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        call()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    return {"median_s": round(statistics.median(wall), 3), "min_s": round(min(wall), 3),
            "median_cpu_s": round(statistics.median(cpu), 3)}  # fmt: skip


def run(households: int = ROWS, seed: int = 2025, runs: int = 3) -> dict[str, Any]:
    rows = roster(households, seed)
    columns = tuple(WORDINGS)
    cells = len(rows) * len(columns)
    hows: Counter[str] = Counter()

    def cold() -> None:
        derived_keys.cache_clear()
        matcher = Matcher()  # a fresh one per import: every distinct wording is a miss once
        for row in rows:
            for column, cell in zip(columns, row, strict=True):
                matcher.match(column, cell)

    warm_matcher = Matcher()
    for row in rows:
        for column, cell in zip(columns, row, strict=True):
            hows[warm_matcher.match(column, cell).how] += 1

    def warm() -> None:
        for row in rows:
            for column, cell in zip(columns, row, strict=True):
                warm_matcher.match(column, cell)

    distinct = sorted({(column, row[i]) for row in rows for i, column in enumerate(columns)})

    def every_wording_new() -> None:
        derived_keys.cache_clear()  # the process-wide key cache must not carry over between runs
        matcher = Matcher()
        for column, cell in distinct:
            matcher.match(column, cell)

    values = [(column, value) for column in columns for value in vocab.CHOICES[column]]
    baseline_cells = [values[i % len(values)] for i in range(cells)]

    def baseline() -> None:
        for column, value in baseline_cells:
            parse_choice(column, value)

    figures: dict[str, Any] = {
        "rows": len(rows),
        "cells": cells,
        "distinct_wordings": len(distinct),
    }
    for name, call, count in (
        ("cold", cold, cells),
        ("warm", warm, cells),
        ("every_wording_new", every_wording_new, len(distinct)),
        ("baseline_parse_choice", baseline, cells),
    ):
        timing = _timed(call, runs)
        timing["matches_per_s"] = round(count / timing["median_s"]) if timing["median_s"] else None
        figures[name] = timing
    figures["how"] = dict(hows.most_common())
    figures["reported_share"] = round(1 - hows["exact"] / cells, 3)
    return figures


def cli() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=ROWS)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    print(json.dumps(run(options.households, runs=options.runs), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    cli()
