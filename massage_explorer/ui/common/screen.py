"""The small interface between the shell and its screens.

The shell (ui/shell.py) holds the screens in a registry. It gives each one a ScreenContext when it
builds it, and later reaches every screen it has built through the same three calls of Screen:
a new catalog, a reset for the next patient, and a language switch.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

if TYPE_CHECKING:
    from massage_explorer.core.catalog import Catalog
    from massage_explorer.core.settings import KioskConfig
    from massage_explorer.ui.cards.model import TechniqueListModel
    from massage_explorer.ui.session import SessionState


class Screen(QWidget):
    """A screen the shell holds: what every screen offers it (each overrides what applies)."""

    # The screen shows the clinic's whole guidance itself: the shell's one-line footer would
    # only repeat its first line.
    full_guidance = False

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._stale = False  # what the screen shows changed while it was hidden

    def set_catalog(self, catalog: Catalog) -> None:
        """Show this catalog from now on (at start and after each live reload)."""

    def reset(self) -> None:
        """Forget the patient: as the next one should find the screen. Scroll positions are
        the shell's to rewind, for every screen at once (`scrolling.rewind_all`)."""

    def retranslate(self) -> None:
        """The interface language or the patient's language changed: say everything again."""

    def before_restyle(self) -> None:
        """The patient's text size or contrast is about to change: Qt restyles every widget of
        the window, shown or not. Let go of what is not on screen and cheaper to make again when
        next shown than to restyle now."""

    def refresh(self) -> None:
        """Show the session and the catalog as they are now (screens that show them override it)."""

    @Slot()
    def content_changed(self) -> None:
        """What the screen shows changed: refreshed now if it is on screen, otherwise when it is
        next shown. A hidden screen refreshed is refreshed for nobody, and often more than once: a
        session's end changes the language and the condition at once, and a patient adds
        techniques to the comparison from the list, with the comparison behind it."""
        if self.isVisible():
            self.refresh()
        else:
            self._stale = True

    def showEvent(self, event: QShowEvent) -> None:
        if self._stale:
            self._stale = False
            self.refresh()
        super().showEvent(event)

    def step_back(self) -> bool:
        """Go back a step inside the screen, if it has one to go back to (True when it did)."""
        return False


class Navigator(Protocol):
    """How a screen asks for another one; the shell keeps the way back."""

    def show_details(self, technique_id: str) -> None: ...
    def show_compare(self) -> None: ...
    def show_shortlist(self) -> None: ...
    def go_to(self, name: str) -> Screen: ...  # any screen in the shell's registry, by its name
    def go_back(self) -> None: ...


@dataclass(frozen=True)
class ShellOptions:
    """How the window runs, fixed when it is made: by the desktop app or by the kiosk."""

    kiosk: bool = False
    # The kiosk's settings: where take-away printouts and PDFs go (None: the defaults, as the
    # desktop app has them).
    settings: KioskConfig | None = None
    # The catalog file shown, if any: its folder is where the catalog's pictures are.
    catalog_path: Path | None = None

    @property
    def image_folder(self) -> Path | None:
        return self.catalog_path.parent if self.catalog_path is not None else None


@dataclass(frozen=True)
class ScreenContext:
    """What a screen is built with."""

    state: SessionState
    techniques: TechniqueListModel  # every technique as a card, shared by browse and shortlist
    navigator: Navigator
    options: ShellOptions
