"""The reading-level estimate against hand-counted examples."""

from __future__ import annotations

import pytest

from massage_explorer.readability import MIN_WORDS, grade_level, prose_grade, syllables


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("stroke", 1), ("strokes", 1), ("gentle", 2), ("muscles", 2), ("table", 2), ("pressure", 2),
        ("massage", 2), ("therapist", 3), ("circulation", 4), ("kneading", 2), ("eased", 1),
        ("rested", 2), ("touches", 2), ("pages", 2), ("smile", 1), ("the", 1), ("anxiety", 3),
    ],
)  # fmt: skip
def test_syllables_of_common_words(word, count):
    assert syllables(word) == count


def test_grade_of_a_worked_example():
    # 2 sentences, 12 words, 15 syllables (hand count):
    # 0.39 * 6 + 11.8 * 15/12 - 15.59 = 1.5
    text = "Lie on the table. The therapist rubs your back with warm oil."
    assert prose_grade(text) == grade_level(text)
    assert grade_level(text) == pytest.approx(0.39 * 6 + 11.8 * 15 / 12 - 15.59)


def test_paragraph_breaks_end_sentences():
    one = "You may feel sore the next day\n\nDrink water and rest"
    assert grade_level(one) == pytest.approx(
        grade_level("You may feel sore the next day. Drink water and rest.")
    )


def test_no_words():
    assert grade_level("— 42 —") == 0.0


def test_short_texts_are_not_graded():
    assert prose_grade(" ".join(["word"] * (MIN_WORDS - 1)) + ".") is None
