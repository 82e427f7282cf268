"""Desktop test fixtures: an app context over the per-test database, a real main window, scripted
answers for message boxes, and a check that no test leaves a window open."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest

from PySide6.QtWidgets import QApplication

from desktop.context import AppContext
from desktop.events import EventBus
from tests.models.factories import household_values, id_number


@dataclass
class Answers:
    """What the scripted clerk answers; every prompt shown is recorded with its text."""

    ask: list[bool] = field(default_factory=list)
    three: list[int] = field(default_factory=list)
    shown: list[tuple[str, str, str]] = field(default_factory=list)

    def texts(self) -> str:
        return "\n".join(f"{title}：{text}" for _, title, text in self.shown)


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    from desktop import dialogs

    scripted = Answers()

    def ask(parent: Any, title: str, text: str, **kw: Any) -> bool:
        scripted.shown.append(("ask", title, text))
        return scripted.ask.pop(0) if scripted.ask else False

    def ask_three(parent: Any, title: str, text: str, buttons: Any) -> int:
        scripted.shown.append(("ask_three", title, text))
        return scripted.three.pop(0) if scripted.three else 2

    def note(kind: str) -> Any:
        return lambda parent, title, text: scripted.shown.append((kind, title, text))

    monkeypatch.setattr(dialogs, "ask", ask)
    monkeypatch.setattr(dialogs, "ask_three", ask_three)
    monkeypatch.setattr(dialogs, "warn", note("warn"))
    monkeypatch.setattr(dialogs, "inform", note("inform"))
    return scripted


@pytest.fixture
def ctx(qapp: QApplication, ledger: Any) -> Iterator[AppContext]:
    from desktop.startup import configure_settings

    configure_settings()
    bus = EventBus()
    context = AppContext(ledger=ledger, bus=bus)
    context.ledger.settings.set_org_name("测试县总工会")
    context.ledger.settings.set_townships(["城关镇", "东城街道", "西河乡"])
    context.ledger.settings.set_dibao_standard(dt.date.today().year, "650")
    yield context
    bus.deleteLater()


@pytest.fixture
def seeded(ctx: AppContext) -> AppContext:
    """A few records of every kind."""
    hs = ctx.ledger.households
    for i, (name, town) in enumerate(
        (
            ("张建国", "城关镇"),
            ("李秀英", "东城街道"),
            ("王福生", "西河乡"),
            ("张丽", "城关镇"),
            ("赵大海", "东城街道"),
        )
    ):
        row = hs.create(
            household_values(
                name=name, township=town, id_number=id_number(), phone=f"1380000{i:04d}"
            )
        )
        hs.add_assistance(
            row.id,
            {
                "date": "2024-01-10",
                "category": "送温暖慰问",
                "cash": "500",
                "funding_source": "本级工会经费",
            },
        )
    st = ctx.ledger.stations
    st.create(
        {
            "name": "城关环卫驿站",
            "station_type": "户外劳动者服务站点",
            "township": "城关镇",
            "facilities": ["饮水", "休息桌椅"],
        }
    )
    st.create(
        {
            "name": "东城职工书屋",
            "station_type": "职工书屋",
            "township": "东城街道",
            "books": "3000",
        }
    )
    st.create({"name": "县职工服务中心", "station_type": "县级职工服务中心", "township": "城关镇"})
    ac = ctx.ledger.activities
    ac.create(
        {
            "name": "送温暖慰问困难职工",
            "category": "送温暖",
            "start_date": "2024-01-20",
            "participants": "120",
            "township": "城关镇",
        }
    )
    ac.create(
        {
            "name": "农民工法律援助",
            "category": "法律援助与维权",
            "start_date": "2024-05-01",
            "cases": "12",
            "money_recovered": "56000",
        }
    )
    return ctx


@pytest.fixture
def window(qtbot: Any, db_url: str) -> Iterator[Any]:
    """The real main window on the per-test database (opened the way File → Open does)."""
    from desktop.main_window import MainWindow
    from desktop.opening import attach_database, detach_database
    from desktop.startup import configure_settings
    from tests.desktop.helpers import wait_tasks

    configure_settings()
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    assert attach_database(win, db_url)
    yield win
    wait_tasks(qtbot)
    detach_database(win)


@pytest.fixture(autouse=True)
def no_leaked_windows(qapp: QApplication) -> Iterator[None]:
    yield
    import shiboken6

    left = [w for w in QApplication.topLevelWidgets() if shiboken6.isValid(w) and w.isVisible()]
    names = [type(w).__name__ for w in left]
    for widget in left:
        widget.hide()
    assert not left, f"test left windows open: {names}"
