"""Guard against PYSIDE-3474: PySide6 6.12.0 on Python 3.11 loses a reference to None/True on every
Python override return and every signal emit, and the interpreter aborts within minutes
(`none_dealloc`). pyproject.toml pins PySide6 below 6.12; this test fails if a lifted pin brings the
bug back. The probe runs in a child process because the bug kills the interpreter outright."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap

import pytest

PROBE = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import (
        QAbstractListModel, QCoreApplication, QEvent, QModelIndex, QObject, Signal,
    )

    class Emitter(QObject):
        fired = Signal(object)

    class EventEater(QObject):
        def event(self, event):  # Python override called from C++, returning True
            return True

    class Model(QAbstractListModel):
        def rowCount(self, parent=QModelIndex()):
            return 1

        def data(self, index, role=0):  # Python override returning None
            return None

    app = QCoreApplication([])
    emitter, eater, model = Emitter(), EventEater(), Model()
    emitter.fired.connect(lambda value: None)
    index = model.index(0, 0)
    rounds = 2000
    before = sys.getrefcount(None), sys.getrefcount(True)
    for _ in range(rounds):
        emitter.fired.emit(None)
        emitter.fired.emit(True)
        QCoreApplication.sendEvent(eater, QEvent(QEvent.Type.User))
        index.data()
    after = sys.getrefcount(None), sys.getrefcount(True)
    lost = before[0] - after[0], before[1] - after[1]
    print("lost", lost)
    sys.exit(1 if max(lost) > rounds // 10 else 0)
    """
)


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None/True are immortal from Python 3.12")
def test_pyside_keeps_references_to_none_and_true() -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    result = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, timeout=120, env=env
    )
    import PySide6

    assert result.returncode == 0, (
        f"PySide6 {PySide6.__version__} loses references to None/True (PYSIDE-3474): the window "
        f"would abort within minutes. Keep the pin in pyproject.toml. Probe said: "
        f"rc={result.returncode} {result.stdout.strip()} {result.stderr.strip()[-300:]}"
    )
