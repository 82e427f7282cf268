"""Benchmark of the review lists and the duplicate search at county scale, on world-like people.

    python -m tests.benchmarks.bench_reviews [--db PATH] [--households 100000] [--runs 5]
    python -m tests.benchmarks.run reviews

The demo county gives the files their shape (members, aid, status history), but its names are
the app's own short lists. Before measuring, the people are renamed the way a real county's are:
surnames by the 2020 national frequencies the 公安部户政管理研究中心 published (王 7.1 %,
李 7.0 %, 张 6.7 % … top 30 ≈ 70 %, the rest spread thin), given names drawn Zipf-like so that the
common ones collide the way 张伟 and 王芳 do (hundreds of namesakes in 100,000 files); and, as in
rural files, a share of households give the 村委会 landline as phone and the village alone as
address, so the duplicate search's birth-date + phone/address blocks get their worst case.

Each list is timed on its own (the issue's target: under 1 s each at 100,000 files) and the
duplicate search as a whole (target: under 10 s). Timings are reported, never asserted; a
baseline (one full scan of the households) is measured in the same run to show the load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sqlalchemy import bindparam, func, select, update

from models.reviews import cross_checks, duplicates, lists
from models.schema import Household, HouseholdMember
from models.services import Ledger

# 2020 surname shares (%, 公安部户政管理研究中心《二〇二〇年全国姓名报告》 and the census tables
# it draws on); the remaining ~30 % is spread over the next surnames.
SURNAME_SHARES = (
    ("王", 7.1), ("李", 7.0), ("张", 6.7), ("刘", 5.4), ("陈", 4.5), ("杨", 3.1), ("黄", 2.5),
    ("赵", 2.4), ("吴", 2.1), ("周", 2.1), ("徐", 1.7), ("孙", 1.5), ("马", 1.5), ("朱", 1.3),
    ("胡", 1.3), ("郭", 1.2), ("何", 1.2), ("林", 1.1), ("高", 1.1), ("罗", 1.1), ("郑", 1.0),
    ("梁", 0.9), ("谢", 0.8), ("宋", 0.7), ("唐", 0.7), ("许", 0.7), ("韩", 0.6), ("邓", 0.6),
    ("冯", 0.6), ("曹", 0.5),
)  # fmt: skip
RARE_SURNAMES = "彭曾肖田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严欧莫孔向常汤康易乔赖文"  # noqa: E501
GIVEN_CHARS = (
    "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华建国志红玉春海燕梅金凤立新荣文斌辉波宁"
)
VILLAGE_SHARE = 0.15  # households giving the 村委会 phone and the village as their address


def _timed(call: Callable[[], Any], runs: int) -> dict[str, Any]:
    wall, cpu, size = [], [], 0
    for _ in range(runs):
        start, start_cpu = time.perf_counter(), time.process_time()
        found = call()
        wall.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
        size = len(found[0] if isinstance(found, tuple) else found)
    return {
        "median_s": round(statistics.median(wall), 3),
        "min_s": round(min(wall), 3),
        "median_cpu_s": round(statistics.median(cpu), 3),
        "found": size,
    }


def _given(rng: random.Random) -> str:
    # Zipf-like: a few characters are most of the given names, so namesakes are common.
    weights = [1 / (i + 1) ** 1.1 for i in range(len(GIVEN_CHARS))]
    first = rng.choices(GIVEN_CHARS, weights)[0]
    return first if rng.random() < 0.35 else first + rng.choices(GIVEN_CHARS, weights)[0]


def _surname(rng: random.Random) -> str:
    names = [s for s, _ in SURNAME_SHARES] + list(RARE_SURNAMES)
    rare = (100 - sum(w for _, w in SURNAME_SHARES)) / len(RARE_SURNAMES)
    weights = [w for _, w in SURNAME_SHARES] + [rare] * len(RARE_SURNAMES)
    return rng.choices(names, weights)[0]


def world_like(ledger: Ledger, seed: int = 14) -> None:
    """Rename everyone and give village files the village's phone and address (see module)."""
    rng = random.Random(seed)
    with ledger.db.begin() as s:
        heads = s.execute(select(Household.id, Household.township)).all()
        villages = {t: f"{t}{rng.choice('王李张刘陈杨')}庄村" for _, t in heads}
        phones = {t: f"0394-8{rng.randrange(100000, 999999)}" for _, t in heads}
        rows = []
        for hid, town in heads:
            row: dict[str, Any] = {"hid": hid, "name": _surname(rng) + _given(rng)}
            if rng.random() < VILLAGE_SHARE:
                row |= {"phone": phones[town], "address": villages[town]}
            rows.append(row)
        plain = [r for r in rows if "phone" not in r]
        village = [r for r in rows if "phone" in r]
        if plain:
            s.connection().execute(
                update(Household.__table__)
                .where(Household.__table__.c.id == _bind("hid"))
                .values(name=_bind("name")),
                plain,
            )
        if village:
            s.connection().execute(
                update(Household.__table__)
                .where(Household.__table__.c.id == _bind("hid"))
                .values(name=_bind("name"), phone=_bind("phone"), address=_bind("address")),
                village,
            )
        members = [
            {"mid": mid, "name": _surname(rng) + _given(rng)}
            for (mid,) in s.execute(select(HouseholdMember.id))
        ]
        if members:
            s.connection().execute(
                update(HouseholdMember.__table__)
                .where(HouseholdMember.__table__.c.id == _bind("mid"))
                .values(name=_bind("name")),
                members,
            )


def _bind(name: str) -> Any:
    return bindparam(name)


def run(db: Path, runs: int = 5) -> dict[str, Any]:
    work = Path(tempfile.mkdtemp(prefix="bench-reviews-")) / "reviews.sqlite3"
    shutil.copy(db, work)
    ledger = Ledger.open("sqlite:///" + str(work))
    try:
        start = time.perf_counter()
        world_like(ledger)
        rename_s = round(time.perf_counter() - start, 1)
        with ledger.db.read() as s:
            last_aid = s.scalar(select(func.max(Household.reviewed_date)))
            files = int(s.scalar(select(func.count(Household.id))) or 0)
        as_of = last_aid or dt.date.today()
        months = ledger.reviews.follow_up_months()
        limit = ledger.reviews.yearly_aid_limit()

        def listing(fn: Callable[..., Any], *extra: Any) -> Callable[[], Any]:
            def call() -> Any:
                with ledger.db.read() as s:
                    return fn(s, as_of, *extra)

            return call

        def baseline() -> Any:
            with ledger.db.read() as s:
                return s.execute(select(Household.id, Household.name, Household.phone)).all()

        def search() -> Any:
            with ledger.db.read() as s:
                return duplicates.find_pairs(s)

        result: dict[str, Any] = {
            "households": files,
            "as_of": as_of.isoformat(),
            "rename_world_like_s": rename_s,
            "baseline_scan_households": _timed(baseline, runs),
            "not_reviewed_12m": _timed(listing(lists.not_reviewed), runs),
            "never_assisted": _timed(listing(lists.never_assisted), runs),
            "not_assisted_this_year": _timed(listing(lists.not_assisted_this_year), runs),
            "income_above_threshold": _timed(listing(lists.income_above_threshold), runs),
            "member_changes": _timed(listing(lists.member_changes), runs),
            "follow_up_due": _timed(listing(lists.follow_ups_due, months), runs),
            "cross_checks": _timed(listing(cross_checks.cross_checks, limit), runs),
            "possible_duplicates": _timed(search, max(1, runs // 2)),
        }
    finally:
        ledger.close()
        shutil.rmtree(work.parent, ignore_errors=True)
    return result


def cli() -> None:
    from tests.benchmarks import datasets

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--households", type=int, default=datasets.DEFAULT_HOUSEHOLDS)
    parser.add_argument("--db", type=Path, help="a demo database to copy (default: the cached one)")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    db = options.db or datasets.demo_database(options.households)
    print(json.dumps(run(db, options.runs), ensure_ascii=False, indent=2))


if __name__ == "__main__":
    cli()
