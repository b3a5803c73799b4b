"""Browse: every technique as a card, narrowed by filters a patient sets with one finger."""

from massage_explorer.ui.browse.screen import BrowseScreen
from massage_explorer.ui.common.screen import ScreenContext


def make_screen(context: ScreenContext) -> BrowseScreen:
    screen = BrowseScreen(context.state, context.techniques)
    screen.openRequested.connect(context.navigator.show_details)
    return screen


__all__ = ["BrowseScreen", "make_screen"]
