"""after_first_paint: work that waits until a widget has been painted, once."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication, QLabel

from massage_explorer.ui.common.first_paint import after_first_paint


def test_runs_once_after_the_first_paint_not_before(qtbot):
    label = QLabel("Hello")
    qtbot.addWidget(label)
    calls: list[bool] = []
    after_first_paint(label, lambda: calls.append(label.isVisible()))
    QApplication.processEvents()
    assert calls == []  # not shown, not painted: nothing yet
    with qtbot.waitExposed(label):
        label.show()
    qtbot.waitUntil(lambda: calls == [True])
    label.repaint()
    QApplication.processEvents()
    assert calls == [True]  # later paints call nothing more


def test_a_widget_hidden_before_it_was_painted_calls_nothing(qtbot):
    """Shown and hidden again before the event loop painted it (a screen passed through): the
    work waits for a paint, not for a show."""
    label = QLabel("Hello")
    qtbot.addWidget(label)
    calls: list[int] = []
    after_first_paint(label, lambda: calls.append(1))
    label.show()
    label.hide()
    for _ in range(5):
        QApplication.processEvents()
    assert calls == []
