"""Compare: two to four techniques side by side, one row per question a patient asks."""

from massage_explorer.ui.common.screen import ScreenContext
from massage_explorer.ui.compare.screen import CompareView


def make_screen(context: ScreenContext) -> CompareView:
    view = CompareView(context.state)
    view.backRequested.connect(context.navigator.go_back)
    view.detailsRequested.connect(context.navigator.show_details)
    return view


__all__ = ["CompareView", "make_screen"]
