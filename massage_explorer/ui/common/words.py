"""The app's own words in the language on screen: core.present's Words over Qt's translators."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from massage_explorer.core.catalog import Catalog
from massage_explorer.core.present import Presenter, Words

# Looked up on every call, so one instance follows every language switch.
WORDS = Words(QCoreApplication.translate)


def presenter(catalog: Catalog, language: str) -> Presenter:
    """What a patient reads about the catalog's techniques, in `language`, with translated words."""
    return Presenter(catalog, language, WORDS)


def guidance_lines(full: bool) -> list[str]:
    """The clinic's guidance: always the doctor line; on details, compare and shortlist the rest."""
    return WORDS.guidance(full=full)
