"""The languages the project knows by name: one table for the validator's messages, the editor's
field titles and the patients' language buttons. No Qt.

Adding a language: an entry here, a translation of the app's own words
(resources/translations), and, if a reading-level formula exists for it, a scorer in
readability.py; a catalog language without one is reported as not checked.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from massage_explorer.core.paths import resources_path

# The share of the app's own words a translation must have for the interface to count as
# speaking that language: a translation just begun compiles too, and would pass for one.
COMPLETE = 0.95


@dataclass(frozen=True)
class Language:
    """A language's code, its name in English (for staff) and in itself (for patients)."""

    code: str
    english: str
    native: str


KNOWN = {
    language.code: language
    for language in (
        Language("en", "English", "English"),
        Language("es", "Spanish", "Español"),
    )
}


def english_name(code: str) -> str:
    """'Spanish' for es; a code we have no name for stays as it is."""
    known = KNOWN.get(code)
    return known.english if known else code


def native_name(code: str) -> str:
    """'Español' for es, as a reader of that language looks for it; never translated."""
    known = KNOWN.get(code)
    return known.native if known else code


def staff_title(code: str) -> str:
    """'Spanish (es)', how the editor and the validator name a language to staff."""
    known = KNOWN.get(code)
    return f"{known.english} ({code})" if known else code


@functools.cache  # the app's files do not change while it runs; the editor checks often
def interface_languages() -> frozenset[str]:
    """The languages the app's own words (buttons, headings, advice) come in: English, the
    language they are written in, and each translation in resources/translations that is
    compiled and COMPLETE or nearly so."""
    found = {"en"}
    for source in (resources_path() / "translations").glob("massage_explorer_*.ts"):
        code = source.stem.removeprefix("massage_explorer_")
        if source.with_suffix(".qm").is_file() and translated_share(source) >= COMPLETE:
            found.add(code)
    return frozenset(found)


def translated_share(source: Path) -> float:
    """How much of a translation source (.ts) is translated and finished: 0 to 1."""
    import xml.etree.ElementTree as ElementTree  # only the validator and staff tools ask: not at start-up

    try:
        messages = ElementTree.parse(source).getroot().iter("message")
    except (OSError, ElementTree.ParseError):
        return 0.0
    total = done = 0
    for message in messages:
        total += 1
        translation = message.find("translation")
        if translation is not None and translation.get("type") not in ("unfinished", "vanished", "obsolete"):
            done += 1
    return done / total if total else 0.0
