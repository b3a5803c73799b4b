"""The editor's three panes (what to edit with its problems, the form, the preview), arranged for
the window's width: side by side on a wide screen, the form above the preview on a laptop's or
a kiosk's 1024-1366 px screen, and all one above the other on a screen stood upright.

Side by side on a 1366 px screen, the form was left 330 px for two languages' fields and the
list's buttons were cut; on an 800 px upright screen the window was wider than the screen."""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QSplitter, QWidget

WIDE_PX = 1600  # from this width the three panes are side by side
UPRIGHT_PX = 1000  # below it they are one above the other


class Arrangement(Enum):
    SIDE_BY_SIDE = "side by side"
    FORM_OVER_PREVIEW = "the form above the preview"
    ONE_ABOVE_ANOTHER = "one above another"


def arrangement_for(width: int) -> Arrangement:
    if width >= WIDE_PX:
        return Arrangement.SIDE_BY_SIDE
    if width >= UPRIGHT_PX:
        return Arrangement.FORM_OVER_PREVIEW
    return Arrangement.ONE_ABOVE_ANOTHER


class Panes(QSplitter):
    """`choose` (the list of what to edit above its problems), `form` and `preview`, arranged by
    `arrangement_for` the width they have (never more than their screen's: a window that does
    not fit its screen yet is arranged for the screen). Staff may drag each divider."""

    def __init__(
        self,
        choose: QSplitter,
        form: QWidget,
        preview: QWidget,
        parent: QWidget | None = None,
        arrangement: Arrangement = Arrangement.SIDE_BY_SIDE,
    ) -> None:
        """`arrangement`: the first, for the screen the window opens on. Each move of the form or
        the preview to another splitter restyles every widget in it (about 20 ms for the form
        under the app's style sheet), so they are placed once, where that arrangement wants them."""
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.choose, self.form, self.preview = choose, form, preview
        # The form above the preview, in the middle arrangement; empty and hidden otherwise.
        self.work = QSplitter(Qt.Orientation.Vertical, self)
        self.work.setChildrenCollapsible(False)
        self.addWidget(choose)
        self.addWidget(self.work)
        self.setChildrenCollapsible(False)
        self.arrangement: Arrangement | None = None
        self._unshared = True  # arranged, but not yet shared out: done at the next resize
        self.arrange(arrangement)

    def arrange(self, arrangement: Arrangement) -> bool:
        """Arrange the panes so; True when that changed. Each gets its share of the room at the
        next resize, when the room is known."""
        if arrangement == self.arrangement:
            return False
        self.arrangement = arrangement
        across, down = Qt.Orientation.Horizontal, Qt.Orientation.Vertical
        upright = arrangement is Arrangement.ONE_ABOVE_ANOTHER
        self.setOrientation(down if upright else across)
        # Upright, the list and its problems share the width; else the list is above them.
        self.choose.setOrientation(across if upright else down)
        if arrangement is Arrangement.FORM_OVER_PREVIEW:
            self.work.addWidget(self.form)
            self.work.addWidget(self.preview)
            self.work.show()
        else:
            self.insertWidget(2, self.form)
            self.insertWidget(3, self.preview)
            self.work.hide()
        self._unshared = True
        return True

    def _share(self) -> None:
        """The room in the arrangement's proportions (in per cent), each pane at least its
        minimum (the splitter sees to that)."""

        def split(splitter: QSplitter, *shares: int) -> None:
            whole = (
                splitter.height() if splitter.orientation() == Qt.Orientation.Vertical else splitter.width()
            )
            splitter.setSizes([whole * share // 100 for share in shares])

        if self.arrangement is Arrangement.FORM_OVER_PREVIEW:
            split(self, 30, 70, 0, 0)
            split(self.work, 55, 45)
            split(self.choose, 65, 35)
        elif self.arrangement is Arrangement.ONE_ABOVE_ANOTHER:
            split(self, 30, 0, 40, 30)
            split(self.choose, 60, 40)
        else:
            split(self, 24, 0, 43, 33)
            split(self.choose, 65, 35)

    def fit(self, size: QSize) -> bool:
        """Arrange for `size`, or for the screen's width where that is less; True on a change."""
        width = size.width()
        screen = self.screen()
        if screen is not None:
            width = min(width, screen.availableGeometry().width())
        return self.arrange(arrangement_for(width))

    def resizeEvent(self, event: QResizeEvent) -> None:
        self.fit(event.size())
        super().resizeEvent(event)  # the panes laid out: the nested ones have their room now
        if self._unshared:
            self._unshared = False
            self._share()
