"""The import wizard's value-mapping page: every wording of the file that is not a list's own,
with its count, how it was matched and a drop-down to change the value it becomes."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QTableWidgetItem,
    QVBoxLayout,
    QWizardPage,
)

from desktop.widgets.lazy_cells import LazyCellWidgets
from desktop.widgets.tables import read_only_table
from desktop.wording_flow import UNMAPPED, Survey, ValueQuestion, chosen_mappings

SAVE_TEXT = "保存为本单位对应表，以后导入自动使用"
HEADINGS = ("项目", "原值", "次数", "对应方式", "对应为", "说明")
CHOICE_COLUMN = 4
# Item data of the drop-down entries that are not list values: "" leaves the field blank (the
# wording is kept on the record); None maps nothing, so the rows are refused.
_BLANK = ""


class ValuesPage(QWizardPage):
    def __init__(self, wizard: Any) -> None:
        super().__init__()
        self.w = wizard
        self.setTitle("第四步：核对写法不标准的值")
        self.setSubTitle(
            "下面是表中和标准写法不一样的值。程序已提出对应的标准值，请逐项核对，"
            "需要时在“对应为”中改选；原来的写法会保留在记录中。"
        )
        self.summary = QLabel()
        self.summary.setObjectName("values_summary")
        self.summary.setWordWrap(True)
        self.refusal = QLabel()
        self.refusal.setObjectName("values_refusal")
        self.refusal.setProperty("role", "error")
        self.refusal.setWordWrap(True)
        self.table = read_only_table(HEADINGS)
        self.table.setObjectName("values_table")
        self.save = QCheckBox(SAVE_TEXT)
        self.save.setObjectName("save_vocabulary")
        self.save.setChecked(True)
        self.combos: dict[tuple[str, str], QComboBox] = {}  # the drop-downs made so far
        self.questions: tuple[ValueQuestion, ...] = ()
        self.rows: dict[tuple[str, str], int] = {}
        self.current: dict[tuple[str, str], str | None] = {}  # item data of each choice
        self.cells = LazyCellWidgets(self.table, CHOICE_COLUMN, self._make)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.refusal)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.save)

    @property
    def survey(self) -> Survey:
        assert self.w.survey is not None
        return self.w.survey

    def initializePage(self) -> None:  # noqa: N802
        plan = self.w.plan
        self.questions = self.survey.questions
        self.rows = {q.key: r for r, q in enumerate(self.questions)}
        self.current = {q.key: _initial(q, plan.chosen) for q in self.questions}
        self.combos.clear()
        self.table.setRowCount(0)  # drops the drop-downs of an earlier reading too
        self.table.setRowCount(len(self.questions))
        for r, q in enumerate(self.questions):
            shown = _text_of(q, self.current[q.key])
            cells = (q.label, q.entry.value, str(q.entry.count), q.how_label, shown, q.note)
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if c == 2:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if q.entry.refused and c in (1, 3):
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(r, c, item)
        header = self.table.horizontalHeader()
        for c in range(CHOICE_COLUMN):
            header.setSectionResizeMode(c, QHeaderView.ResizeMode.ResizeToContents)
        self.cells.reset()
        if self.combos:  # one height for every row, and room for the longest value
            probe = next(iter(self.combos.values()))
            self.table.verticalHeader().setDefaultSectionSize(probe.sizeHint().height() + 6)
            longest = max((t for q in self.questions for t, _ in q.options), key=len, default="")
            width = probe.fontMetrics().horizontalAdvance(max(longest, UNMAPPED, key=len))
            header.setSectionResizeMode(CHOICE_COLUMN, QHeaderView.ResizeMode.Fixed)
            header.resizeSection(CHOICE_COLUMN, width + 48)  # the arrow and the frame
        self.save.setChecked(plan.save_vocabulary)
        cells = sum(q.entry.count for q in self.questions)
        self.summary.setText(
            f"“{plan.path.name}”中有 {len(self.questions)} 种写法不是标准写法（共 {cells:,} 处）。"
            "“本单位对应”是以前导入时定下的对应。"
        )
        self.update_refusal()

    def _make(self, row: int) -> QComboBox:
        q = self.questions[row]
        current = self.current[q.key]
        combo = QComboBox()
        if q.entry.refused:
            combo.addItem(UNMAPPED, None)
        for text, value in q.options:
            combo.addItem(text, _BLANK if value is None else value)
        combo.setCurrentIndex(max(combo.findData(current), 0) if current is not None else 0)
        combo.setProperty("invalid", current is None)
        combo.currentIndexChanged.connect(lambda _=0, key=q.key, box=combo: self.changed(key, box))
        self.combos[q.key] = combo
        return combo

    def combo_for(self, key: tuple[str, str]) -> QComboBox:
        """The drop-down of one wording, made if it has not scrolled into view yet."""
        self.cells.widget(self.rows[key])
        return self.combos[key]

    def changed(self, key: tuple[str, str], box: QComboBox) -> None:
        self.current[key] = box.currentData()
        box.setProperty("invalid", box.currentData() is None)
        box.style().unpolish(box)
        box.style().polish(box)
        self.table.item(self.rows[key], CHOICE_COLUMN).setText(box.currentText())
        self.update_refusal()

    def picked(self) -> dict[tuple[str, str], tuple[bool, str | None]]:
        """Each wording's choice as (mapped, value; None for blank)."""
        return {key: (data is not None, data or None) for key, data in self.current.items()}

    def update_refusal(self) -> None:
        left = [q for q in self.questions if self.current[q.key] is None]
        if not left:
            self.refusal.clear()
            self.refusal.hide()
            return
        fields = "、".join(dict.fromkeys(f"“{q.label}”" for q in left))
        cells = sum(q.entry.count for q in left)
        self.refusal.setText(
            f"{fields}必须是可选值之一（性别、困难类别、档案状态和各类状态都是这样）。"
            f"标红的 {len(left)} 种写法请在“对应为”中选择对应的值；不选择的话，"
            f"含有它们的 {cells:,} 行不会导入，会列在检查结果里。"
        )
        self.refusal.show()

    def validatePage(self) -> bool:  # noqa: N802
        self.keep()
        return True

    def cleanupPage(self) -> None:  # noqa: N802
        self.keep()  # back to the columns: the choices made here are still there on return

    def keep(self) -> None:
        self.w.plan.chosen = chosen_mappings(self.survey, self.picked())
        self.w.plan.save_vocabulary = self.save.isChecked()


def _initial(q: ValueQuestion, chosen: dict[tuple[str, str], str | None]) -> str | None:
    """The drop-down's first choice: the clerk's earlier one, else the proposal (a refused
    wording starts unmapped)."""
    if q.key in chosen:
        return chosen[q.key] or _BLANK
    if q.entry.refused:
        return None
    return q.proposed or _BLANK


def _text_of(q: ValueQuestion, data: str | None) -> str:
    if data is None:
        return UNMAPPED
    return next((text for text, value in q.options if (value or _BLANK) == data), data)
