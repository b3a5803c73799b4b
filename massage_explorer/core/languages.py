"""The languages the project knows by name: one table for the validator's messages, the editor's
field titles and the patients' language buttons. No Qt.

Adding a language: an entry here, a translation of the app's own words
(resources/translations), and, if a reading-level formula exists for it, a scorer in
readability.py; a catalog language without one is reported as not checked.
"""

from __future__ import annotations

from dataclasses import dataclass


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
