"""Shortlist: the techniques a patient saved, and the way to take them away."""

from massage_explorer.ui.common.screen import ScreenContext
from massage_explorer.ui.shortlist.screen import ShortlistScreen


def make_screen(context: ScreenContext) -> ShortlistScreen:
    options = context.options
    screen = ShortlistScreen(context.state, context.techniques, options.settings, kiosk=options.kiosk)
    screen.backRequested.connect(context.navigator.go_back)
    screen.openRequested.connect(context.navigator.show_details)
    screen.compareRequested.connect(context.navigator.show_compare)
    return screen


__all__ = ["ShortlistScreen", "make_screen"]
