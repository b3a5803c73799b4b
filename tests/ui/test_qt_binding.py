"""Guards against a Qt binding that would crash a kiosk after minutes of use."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel


def test_void_qt_calls_do_not_leak_references_to_none(qtbot):
    # PySide6 6.12.0 dropped a reference to None on every call returning nothing; on Python 3.11
    # the process aborts after a few thousand calls. pyproject pins a version without the defect.
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for _ in range(2000):
        label.setText("x")
    assert sys.getrefcount(None) >= before - 10
