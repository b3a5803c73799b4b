"""Details: everything about one technique, its benefits and its cautions with equal weight."""

from massage_explorer.ui.common.screen import ScreenContext
from massage_explorer.ui.details.screen import DetailView


def make_screen(context: ScreenContext) -> DetailView:
    view = DetailView(context.state, context.options.image_folder)
    view.backRequested.connect(context.navigator.go_back)
    view.compareRequested.connect(context.navigator.show_compare)
    return view


__all__ = ["DetailView", "make_screen"]
