"""Fictional people for the corpus: names, valid ID numbers, phones and bank cards, from one seed."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass

from tests.data.real_sheets import _ids

SURNAMES = (
    "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎"
    "余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段漕钱汤尹黎易常武乔贺赖龚文"
)
GIVEN_M = "伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林欢阳建国志海峰亮"
GIVEN_F = "芳娜敏静丽艳娟霞秀英华慧巧美娥兰凤洁琳素云莲真环雪荣爱妹燕玲桂红梅莉萍"
# Region codes (6 digits) of the counties the corpus's sheets pretend to come from; the people
# are fictional, the codes only give the numbers a realistic shape.
REGIONS = {
    "河南": "410523",
    "江苏": "320481",
    "陕西": "610112",
    "湖南": "430626",
    "山东": "370830",
    "贵州": "520502",
    "湖北": "420525",
    "四川": "511725",
}


@dataclass(frozen=True)
class Person:
    name: str
    id_number: str
    male: bool
    born: dt.date

    @property
    def gender(self) -> str:
        return "男" if self.male else "女"


class People:
    """Deterministic supply of distinct fictional people (no name or ID is handed out twice)."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.used_names: set[str] = set()
        self.used_ids: set[str] = set()
        self.sequence = 100

    def name(self, male: bool, surname: str | None = None) -> str:
        given = GIVEN_M if male else GIVEN_F
        while True:
            sur = surname or self.rng.choice(SURNAMES)
            # Mostly two-character given names; single-character ones are the ones clerks pad.
            n = 1 if self.rng.random() < 0.3 else 2
            full = sur + "".join(self.rng.choice(given) for _ in range(n))
            if full not in self.used_names:
                self.used_names.add(full)
                return full

    def person(
        self,
        province: str = "河南",
        *,
        male: bool | None = None,
        born_from: int = 1962,
        born_to: int = 1998,
        single: bool | None = None,
        surname: str | None = None,
    ) -> Person:
        male = self.rng.random() < 0.55 if male is None else male
        while True:
            name = self.name(male, surname)
            if single is None or (len(name) == 2) == single:
                break
            self.used_names.discard(name)
        while True:
            born = dt.date(self.rng.randint(born_from, born_to), 1, 1) + dt.timedelta(
                days=self.rng.randint(0, 364)
            )
            self.sequence += 7
            number = _ids.id_number(REGIONS[province], born, self.sequence, male=male)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return Person(name, number, male, born)

    def child(self, parent: Person, province: str = "河南", *, male: bool | None = None) -> Person:
        """A child born when the parent was 22–32, mostly with the father's surname."""
        year = min(parent.born.year + self.rng.randint(22, 32), 2016)
        surname = parent.name[0] if parent.male or self.rng.random() < 0.2 else None
        return self.person(province, male=male, born_from=year, born_to=year, surname=surname)

    def spouse(self, head: Person, province: str = "河南") -> Person:
        year = head.born.year + self.rng.randint(-3, 3)
        return self.person(province, male=not head.male, born_from=year, born_to=year)

    def phone(self) -> str:
        return self.rng.choice(("138", "139", "151", "158", "187", "135")) + "".join(
            str(self.rng.randint(0, 9)) for _ in range(8)
        )

    def bank_card(self) -> str:
        return "6228" + "".join(str(self.rng.randint(0, 9)) for _ in range(15))

    def pick(self, options: Sequence[str]) -> str:
        return self.rng.choice(options)


def padded(name: str) -> str:
    """The name as clerks align two-character names in a column: 王芳 → 王　芳 (U+3000)."""
    return name[0] + "\u3000" + name[1:] if len(name) == 2 else name
