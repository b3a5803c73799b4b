"""Translatable texts of a widget, remembered so they can be said again after a language switch."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QAbstractButton


class Texts:
    """Remembers how each translatable text of a screen is made, to make it again on a language
    change: `texts(label.setText, lambda: self.tr("Hello"))` sets it now and after each switch."""

    def __init__(self) -> None:
        self._bound: list[tuple[Callable[[str], object], Callable[[], str]]] = []

    def __call__(self, setter: Callable[[str], object], make: Callable[[], str]) -> None:
        setter(make())
        self._bound.append((setter, make))

    def button(self, button: QAbstractButton, make: Callable[[], str]) -> None:
        """A button's label and its accessible name, from one text."""
        self(button.setText, make)
        self(button.setAccessibleName, make)

    def refresh(self) -> None:
        for setter, make in self._bound:
            setter(make())
