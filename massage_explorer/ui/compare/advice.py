"""Compare's Advice button. Where the table needs the whole width of a short screen (1024x768
at the largest text), the clinic's advice folds away behind it (GuidedLayout's `fold`) and shows
in the table's place while the button is on."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Slot
from PySide6.QtWidgets import QApplication, QWidget

from massage_explorer.ui.common.buttons import big_button
from massage_explorer.ui.common.guided import GuidedLayout
from massage_explorer.ui.common.labels import advice_name
from massage_explorer.ui.compare.headers import answers_height
from massage_explorer.ui.compare.table import CompareTable


class AdviceFold(QObject):
    """The button that opens and closes the folded advice, and the screen's answer to its
    GuidedLayout's question: must the advice fold away (`folds`)?"""

    def __init__(self, table: CompareTable, parent: QWidget) -> None:
        super().__init__(parent)
        self._table = table
        self._guided: GuidedLayout | None = None
        self.button = big_button("", parent=parent)
        self.button.setCheckable(True)
        self.button.hide()  # until the advice folds
        self.button.toggled.connect(self._open)

    def follow(self, guided: GuidedLayout) -> None:
        """The layout that places the advice, made with `fold=self.folds`."""
        self._guided = guided
        guided.foldedChanged.connect(self._folded)

    def folds(self, width: int, height: int) -> bool:
        """Whether a table `width` x `height` px, beside the clinic's advice, would show less than
        the names and two questions' answers: then it takes the whole width and the advice goes
        behind the button (at 1024x768 and the largest text, beside it the table showed the first
        question and a line of its answers). Asked whatever page is shown, so that the advice
        stays where it was while the patient picks a technique."""
        table = self._table
        if table.horizontalHeader().count() < 2:  # nothing compared yet: the placeholder
            return False
        return table.least_height(width) + answers_height(table.font()) > height

    def close(self) -> None:
        self.button.setChecked(False)

    def retranslate(self) -> None:
        on = self.button.isChecked()
        self.button.setText(self.tr("✕ Close") if on else self.tr("ℹ Advice"))  # noqa: RUF001 (the information sign)
        self.button.setAccessibleName(advice_name())
        self.button.setAccessibleDescription(
            self.tr("Shows the comparison again.")
            if on
            else self.tr("Shows the clinic's advice in place of the comparison.")
        )

    @Slot(bool)
    def _folded(self, folded: bool) -> None:
        if not folded:
            self.button.setChecked(False)
        self.button.setVisible(folded)

    @Slot(bool)
    def _open(self, on: bool) -> None:
        guided = self._guided
        if guided is None:
            return
        if not on and guided.folded and guided.guidance_holds(QApplication.focusWidget()):
            # Read by keyboard and closed (Escape, Back): the focus goes back to the button that
            # opened it, before the advice is hidden; else Qt gave it to the top bar's first button.
            self.button.setFocus(Qt.FocusReason.OtherFocusReason)
        guided.set_guidance_open(on)
        self.retranslate()
