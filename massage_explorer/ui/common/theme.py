"""The look: a calm light theme and a black/white/yellow high-contrast one, at three text sizes."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import QWidget

BODY_PT = 16.0  # body text at scale 1.0, measured on the 1080p kiosk screen
START_BUTTON_PX = 420  # the welcome screen's one big call to start: the least width it has
# Latin, Greek and Cyrillic come from the first of these. Other scripts need no entry: for a
# character none of them has, Qt falls back on any installed font that has it (on Linux through
# fontconfig: Noto Sans CJK, Thai, Devanagari… from fonts-noto-cjk and fonts-noto-core, which
# .ci/setup and deploy/README.md install). Naming a CJK family here would draw every Han character
# in one region's forms, whatever the text's language.
FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Segoe UI", "Helvetica Neue", "Arial", "sans-serif"]


@dataclass(frozen=True)
class Colours:
    """One theme's colours; every text/background pair reaches at least 7:1 contrast."""

    window: str
    base: str
    text: str
    muted: str
    border: str
    accent: str  # filled (checked) controls and the saved toggle
    on_accent: str
    focus: str
    caution: str  # background of the caution frame; the frame also carries ⚠ and words
    guidance: str
    disabled: str


LIGHT = Colours(
    window="#f3f0ea",
    base="#ffffff",
    text="#1a1a1a",
    muted="#454545",
    border="#767676",
    accent="#0b4f5c",
    on_accent="#ffffff",
    focus="#1d4ed8",
    caution="#fff1cc",
    guidance="#e4eef0",
    disabled="#5c5c5c",
)
HIGH_CONTRAST = Colours(
    window="#000000",
    base="#000000",
    text="#ffffff",
    muted="#ffffff",
    border="#ffffff",
    accent="#ffff00",
    on_accent="#000000",
    focus="#ffff00",
    caution="#000000",
    guidance="#000000",
    disabled="#c8c8c8",
)


def palette_for(c: Colours) -> QPalette:
    pal = QPalette()
    roles = QPalette.ColorRole
    for role, value in (
        (roles.Window, c.window),
        (roles.WindowText, c.text),
        (roles.Base, c.base),
        (roles.AlternateBase, c.caution),
        (roles.Text, c.text),
        (roles.PlaceholderText, c.muted),
        (roles.Button, c.base),
        (roles.ButtonText, c.text),
        (roles.Highlight, c.accent),
        (roles.HighlightedText, c.on_accent),
        (roles.Mid, c.border),
        (roles.Dark, c.border),
        (roles.Link, c.text),
        (roles.ToolTipBase, c.base),
        (roles.ToolTipText, c.text),
    ):
        pal.setColor(role, QColor(value))
    for role, value in ((roles.Text, c.disabled), (roles.ButtonText, c.disabled)):
        pal.setColor(QPalette.ColorGroup.Disabled, role, QColor(value))
    return pal


def stylesheet(c: Colours, scale: float) -> str:
    """The QSS: sizes in points scaled by the text step; focus is a thick outline everywhere."""
    body = BODY_PT * scale
    title, heading = body * 1.5, body * 1.25
    return f"""
QMainWindow, QWidget#screen, QScrollArea, QScrollArea > QWidget > QWidget {{
    background: {c.window}; color: {c.text};
}}
QLabel {{ color: {c.text}; background: transparent; }}
QLabel[role="title"] {{ font-size: {title:.1f}pt; font-weight: bold; }}
QLabel[role="heading"] {{ font-size: {heading:.1f}pt; font-weight: bold; }}
QLabel[role="brand"] {{ font-size: {BODY_PT:.0f}pt; font-weight: bold; }}
QLabel[role="muted"] {{ color: {c.muted}; }}
QLabel[role="guidance"] {{
    background: {c.guidance}; font-weight: bold; padding: 10px 16px;
    border-top: 2px solid {c.border};
}}
QPushButton[role="redflags"] {{
    background: {c.caution}; font-weight: bold; text-align: left; padding: 6px 16px;
    border: none; border-top: 2px solid {c.border}; border-radius: 0;
}}
QLabel[role="redflagstitle"] {{ font-weight: bold; }}
QFrame[role="redflags"] {{
    background: {c.caution}; border: 2px solid {c.border}; border-radius: 10px;
}}
QLabel[role="empty"] {{
    background: {c.base}; border: 2px solid {c.border}; border-radius: 14px; padding: 24px;
}}
QWidget#topbar {{ background: {c.base}; border-bottom: 2px solid {c.border}; }}
QPushButton {{
    min-height: 48px; min-width: 48px; padding: 6px 18px;
    background: {c.base}; color: {c.text};
    border: 2px solid {c.border}; border-radius: 10px;
}}
QPushButton:checked {{ background: {c.accent}; color: {c.on_accent}; border-color: {c.text}; }}
QPushButton:pressed {{ background: {c.accent}; color: {c.on_accent}; }}
QPushButton:disabled {{ color: {c.disabled}; border-style: dashed; }}
QPushButton[role="badge"] {{ font-weight: bold; }}
QPushButton[role="back"] {{
    min-height: 64px; min-width: 160px; font-weight: bold; font-size: {body * 1.15:.1f}pt;
}}
QPushButton[role="primary"] {{ background: {c.accent}; color: {c.on_accent}; font-weight: bold; }}
QPushButton[role="primary"]:disabled {{ background: {c.base}; color: {c.disabled}; }}
QPushButton[role="size0"] {{ font-size: {BODY_PT:.0f}pt; font-weight: bold; }}
QPushButton[role="size1"] {{ font-size: {BODY_PT * 1.25:.0f}pt; font-weight: bold; }}
QPushButton[role="size2"] {{ font-size: {BODY_PT * 1.5:.0f}pt; font-weight: bold; }}
QLineEdit {{
    min-height: 52px; padding: 3px 14px; background: {c.base}; color: {c.text};
    border: 2px solid {c.border}; border-radius: 10px;
}}
QPushButton:focus, QLineEdit:focus {{ border: 5px solid {c.focus}; padding: 3px 15px; }}
QLineEdit:focus {{ padding: 0px 11px; }}
/* The top bar's buttons on a short screen at the largest text (TopBar.fit_height): a touch
   target's height, no more (38 + 2 x 3 + 2 x 2 = 48 px, with or without the focus frame), the
   38 px line of their text still whole; their sides keep their padding. */
QPushButton[compact="true"] {{ min-height: 38px; padding-top: 3px; padding-bottom: 3px; }}
QPushButton[compact="true"]:focus {{ padding-top: 0px; padding-bottom: 0px; }}
/* The comparison's buttons under each name: a touch target's height, no more, and less padding
   to the sides, so that Save and Remove share one row under a name at half the table's width and
   leave the answers below the names their height at the largest text. */
QPushButton[role="column"] {{ min-height: 38px; padding: 3px 6px; }}
QPushButton[role="column"]:focus {{ padding: 0px 3px; }}
ToggleButton {{ padding-left: 22px; padding-right: 14px; }}
ToggleButton:focus {{ padding-left: 19px; padding-right: 11px; }}
/* A style sheet's min-width is the width inside the padding and border: 48px above makes every
   button 88 px wide at least. The text sizes and "EN | ES" keep to 64 px, so the top bar is one
   line on a 1366 px screen (with the tick's padding, the "A" sits a little right of centre). */
ToggleButton[role="size0"], ToggleButton[role="size1"], ToggleButton[role="size2"],
ToggleButton[role="code"] {{
    min-width: 24px;
}}
ToggleButton[role="wide"] {{ padding-left: 26px; padding-right: 26px; }}
ToggleButton[role="wide"]:focus {{ padding-left: 23px; padding-right: 23px; }}
QListView {{ background: {c.window}; border: 3px solid transparent; border-radius: 12px; }}
QTableView {{ gridline-color: {c.border}; }}
QListView:focus {{ border: 3px solid {c.focus}; }}
QWidget#welcome {{ background: {c.window}; }}
QLabel[role="hero"] {{ font-size: {body * 2.25:.1f}pt; font-weight: bold; }}
QPushButton#startButton {{
    min-width: {START_BUTTON_PX}px; padding: 8px 32px;
    font-size: {body * 1.75:.1f}pt; font-weight: bold; border-radius: 24px;
    background: {c.accent}; color: {c.on_accent}; border: 3px solid {c.text};
}}
QPushButton#startButton:focus {{ border: 6px solid {c.focus}; }}
QFrame#countdown, QFrame#pinpad {{ background: rgba(0, 0, 0, 170); }}
QFrame#countdownBox, QFrame#pinpadBox {{
    background: {c.base}; border: 3px solid {c.text}; border-radius: 24px;
}}
QFrame#countdownBox QPushButton, QFrame#pinpadBox QPushButton {{ font-size: {body * 1.4:.1f}pt; }}
/* A track, outlined, for the handle to run in: a bare handle beside a panel read as a divider. */
QScrollBar:vertical {{
    width: 28px; background: {c.base}; border: 1px solid {c.border}; border-radius: 14px; margin: 0;
}}
QScrollBar:horizontal {{
    height: 28px; background: {c.base}; border: 1px solid {c.border}; border-radius: 14px; margin: 0;
}}
QScrollBar::handle {{ background: {c.border}; border-radius: 10px; min-height: 64px;
    min-width: 64px; margin: 4px; }}
QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
QScrollBar::add-page, QScrollBar::sub-page {{ background: none; }}
"""


_THEME = "massage_explorer_theme"  # the application's theme, as apply_theme last set it
_LOOK = "massage_explorer_look"  # a patient's look (apply_look), while it differs from the default


def apply_theme(app: QGuiApplication, *, high_contrast: bool, scale: float) -> None:
    """Set palette, font and style sheet on the whole application (nothing to do if unchanged).
    For a patient's own text size and contrast, see `apply_look`."""
    # Re-setting an identical style sheet still re-polishes every widget: skip it.
    key = f"{high_contrast}:{scale}"
    if app.property(_THEME) == key:
        return
    app.setProperty(_THEME, key)
    app.setProperty(_LOOK, None)
    colours = HIGH_CONTRAST if high_contrast else LIGHT
    _font_and_palette(app, colours, scale)
    set_sheet = getattr(app, "setStyleSheet", None)  # QApplication only; QGuiApplication has none
    if set_sheet is not None:
        set_sheet(stylesheet(colours, scale))


def apply_look(window: QWidget, *, high_contrast: bool, scale: float) -> None:
    """A patient's text size and contrast, on the window they use (its overlays and dialogs
    follow it); the default look (light, scale 1.0) is the application's own theme again.

    The application keeps its style sheet, `apply_theme`'s: for a new application style sheet
    Qt restyles every widget there is, shown or not, ~0.5 ms each (0.1 s a tap on the list,
    0.2-0.3 s on a details page); for a window's own sheet only that window's widgets, once
    each (20-90 ms). The font and the palette are set on the application, as by `apply_theme`:
    that costs nothing, the window's restyle takes them up, and what is drawn from the palette
    (the cards, the chips) follows them."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return
    colours = HIGH_CONTRAST if high_contrast else LIGHT
    default = not high_contrast and scale == 1.0
    # The body size is in the window's sheet too: once a window's sheet has been taken away
    # (the usual look again, between patients), Qt no longer gives its widgets the application's
    # new font when the next sheet comes, and the next patient's larger text stayed small.
    body = f"QWidget {{ font-size: {BODY_PT * scale:.1f}pt; }}\n"
    sheet = "" if default else body + stylesheet(colours, scale)
    app.setProperty(_LOOK, None if default else f"{high_contrast}:{scale}")
    _font_and_palette(app, colours, scale)
    if window.styleSheet() != sheet:  # the same sheet again would still restyle the window
        window.setStyleSheet(sheet)


def _font_and_palette(app: QGuiApplication, colours: Colours, scale: float) -> None:
    if not _QT_FONT:  # by whichever of apply_theme and apply_look comes first
        _QT_FONT.append(QFont(app.font()))
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(BODY_PT * scale)
    app.setFont(font)
    app.setPalette(palette_for(colours))


_QT_FONT: list[QFont] = []  # the application's font before ours: the one clear_theme gives back


def current_colours(app: QGuiApplication | None = None) -> Colours:
    """The colours of the look a patient chose (`apply_look`), or else of the theme
    `apply_theme` last set (the light one before it ran).

    For what the palette has no role for, such as the focus ring.
    """
    owner = app or QGuiApplication.instance()
    key = None
    if owner is not None:
        key = owner.property(_LOOK) or owner.property(_THEME)
    return HIGH_CONTRAST if isinstance(key, str) and key.startswith("True:") else LIGHT


def clear_theme(app: QGuiApplication) -> None:
    """Back to Qt's own look, font and palette, as before the first apply_theme or apply_look
    (one test's theme never leaks into the next)."""
    app.setProperty(_THEME, None)
    app.setProperty(_LOOK, None)
    if _QT_FONT:
        app.setFont(_QT_FONT[0])
    set_sheet = getattr(app, "setStyleSheet", None)
    if set_sheet is not None:
        set_sheet("")
    app.setPalette(QPalette())
