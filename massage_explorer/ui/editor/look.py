"""The editor's additions to the app theme: touch-sized inputs (its buttons 52 px tall, not the kiosk's
64, so that a 1280x720 screen holds the editor), the read-only banner, problem lines."""

from __future__ import annotations

EDITOR_QSS = """
QComboBox, QSpinBox, QDateEdit { min-height: 44px; padding: 2px 10px; }
QPushButton { min-height: 36px; }
QPlainTextEdit { padding: 4px; }
QLineEdit[readOnly="true"] { background: transparent; }
QLabel[role="fieldTitle"] { font-weight: bold; }
QLabel[role="fieldProblem"] { font-weight: bold; padding: 2px 0; }
QLabel[role="banner"] {
    background: #fff1cc; color: #1a1a1a; font-weight: bold; padding: 12px 16px;
    border-bottom: 3px solid #1a1a1a;
}
QLabel[role="saveReason"] { font-weight: bold; }
QTabBar::tab { min-height: 48px; min-width: 120px; padding: 0 16px; }
QListView[role="editorList"] {
    background: palette(base); border: 2px solid palette(mid); border-radius: 6px;
}
QListView[role="editorList"]::item { min-height: 44px; padding: 2px 8px; }
QListView[role="editorList"]:focus { border: 3px solid palette(link); }
*[problem="true"] { border-left: 6px solid #8a4b00; }
QListView::indicator, QCheckBox::indicator { width: 28px; height: 28px; }
QWidget#entryForm { border-left: 3px solid palette(mid); padding-left: 8px; }
"""
