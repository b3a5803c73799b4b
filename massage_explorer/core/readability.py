"""Flesch-Kincaid school grade of English text, for the catalog's reading-level warning. No Qt.

Why our own and not textstat: textstat 0.7.13 counts syllables with nltk's CMU dictionary, which it
downloads at run time (impossible on an offline kiosk, and it fails here); and the validator runs
on every kiosk reload and editor keystroke over thousands of texts, so it must be cheap. The formula
is the published one (0.39 words/sentence + 11.8 syllables/word - 15.59); syllables are counted by
vowel groups with the common English silent-ending rules. Tests pin both against worked examples.
"""

from __future__ import annotations

import functools
import re

MAX_GRADE = 8.0
# Grade formulas are unreliable on a few words (a three-word label can score grade 9).
MIN_WORDS = 10

_WORD = re.compile("[A-Za-z]+(?:['\u2019][A-Za-z]+)*")
# A sentence's end; a run of marks is matched from its first (the look-behind): tried from each
# mark of a run, a text of 10,000 dots took a second, and a catalog of such texts minutes.
_SENTENCE_END = re.compile(r"(?<![.!?])[.!?]+(?:\s|$)|\n\s*\n|:\s*\n")
_VOWEL_GROUP = re.compile(r"[aeiouy]+")
# A final 'e' ('stroke'), 'es' ('strokes', not 'uses', 'muscles') or 'ed' ('eased', not 'rested').
_SILENT_ENDING = re.compile(
    r"(?:[^aeiouyl]|[aeiouy]l)e$|(?:[^aeiouysxzgclh]|[^sc]h|[aeiouy]l)es$|[^aeiouytd]ed$"
)


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Vowel groups, less a silent ending ('stroke' 1, 'strokes' 1, 'eased' 1; 'gentle' 2)."""
    word = word.lower()
    count = len(_VOWEL_GROUP.findall(word))
    if count > 1 and _SILENT_ENDING.search(word):
        count -= 1
    return max(count, 1)


def grade_level(text: str) -> float:
    """Flesch-Kincaid grade level; 0 for text with no words."""
    return _grade(_WORD.findall(text), text)


def prose_grade(text: str) -> float | None:
    """The grade of a text long enough to be graded (MIN_WORDS or more), else None."""
    words = _WORD.findall(text)
    return _grade(words, text) if len(words) >= MIN_WORDS else None


def _grade(words: list[str], text: str) -> float:
    if not words:
        return 0.0
    sentences = sum(1 for part in _SENTENCE_END.split(text) if _WORD.search(part)) or 1
    total = sum(map(syllables, words))
    return 0.39 * len(words) / sentences + 11.8 * total / len(words) - 15.59


# -- Spanish ----------------------------------------------------------------------------------
# Szigriszt-Pazos perspicuity, read on the INFLESZ scale, which was built for health information
# for patients in Spanish: P = 206.835 - 62.3 syllables/word - words/sentence. 55 and above reads
# as "normal" or easier; patient texts aim there, as our English aims at school grade 8. (The
# older Fernández-Huerta formula, as usually printed, scores shorter sentences as harder.)
MIN_SPANISH_EASE = 55.0
_ES_WORD = re.compile(r"[A-Za-zÁÉÍÓÚÜÑáéíóúüñ]+")
_ES_STRONG = "aeoáéó"
_ES_WEAK = "iuü"
_ES_ACCENTED_WEAK = "íú"


@functools.lru_cache(maxsize=65536)
def spanish_syllables(word: str) -> int:
    """Vowel nuclei: a diphthong (weak unaccented i/u with any vowel) is one, a hiatus two."""
    count = 0
    previous = ""
    for char in word.lower():
        vowel = char in _ES_STRONG or char in _ES_WEAK or char in _ES_ACCENTED_WEAK
        if not vowel:
            previous = ""
            continue
        joined = previous and (
            (previous in _ES_WEAK and char not in _ES_ACCENTED_WEAK)
            or (char in _ES_WEAK and previous not in _ES_ACCENTED_WEAK)
        )
        if not joined:
            count += 1
        previous = char
    return max(count, 1)


def spanish_ease(text: str) -> float | None:
    """Szigriszt-Pazos perspicuity (INFLESZ) of a Spanish text of MIN_WORDS or more, else None."""
    words = _ES_WORD.findall(text)
    if len(words) < MIN_WORDS:
        return None
    sentences = sum(1 for part in _SENTENCE_END.split(text) if _ES_WORD.search(part)) or 1
    return 206.835 - 62.3 * sum(map(spanish_syllables, words)) / len(words) - len(words) / sentences


# -- the validator's check ----------------------------------------------------------------------
SCORED = frozenset({"en", "es"})  # catalog languages in any other are reported as not checked


# Remembered per text: a kiosk's reload and the editor's checks meet the same texts again and
# again (a 5,000-technique catalog has some 56,000; scoring them was a third of validating it).
@functools.lru_cache(maxsize=1 << 17)
def reading_problem(language: str, text: str) -> str | None:
    """Why a patient text in `language` reads too hard, or None (also when it is too short to
    score, or in a language no formula here scores: see SCORED)."""
    if language == "en":
        grade = prose_grade(text)
        if grade is not None and grade > MAX_GRADE:
            return (
                f"reads at school grade {grade:.1f}, above grade {MAX_GRADE:g}; "
                "use shorter sentences and everyday words"
            )
    elif language == "es":
        ease = spanish_ease(text)
        if ease is not None and ease < MIN_SPANISH_EASE:
            return (
                f"reading ease {ease:.0f} (INFLESZ), below {MIN_SPANISH_EASE:g}; "
                "use shorter sentences and everyday words"
            )
    return None
