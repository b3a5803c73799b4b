"""The kiosk's welcome screen follows the catalog it shows."""

from __future__ import annotations

from massage_explorer.ui.kiosk.welcome import WelcomeScreen
from tests import factories as f


def test_a_reloaded_catalog_with_another_language_gets_its_button(qtbot):
    welcome = WelcomeScreen()
    qtbot.addWidget(welcome)
    welcome.set_catalog(f.catalog(f.technique("gentle")), "en")
    assert set(welcome.language_buttons) == {"en"}
    welcome.set_catalog(f.catalog(f.technique("gentle"), languages=("en", "es")), "en")
    assert set(welcome.language_buttons) == {"en", "es"}
    assert welcome.language_buttons["en"].isChecked() and welcome.language_buttons["es"].text() == "Español"
