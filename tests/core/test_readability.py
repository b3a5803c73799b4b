"""The reading-level estimate against hand-counted examples."""

from __future__ import annotations

import pytest

from massage_explorer.core.readability import MIN_WORDS, grade_level, prose_grade, spanish_ease, syllables

SPANISH = "Acuéstese en la camilla. El terapeuta frota su espalda con aceite tibio."


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


@pytest.mark.parametrize("marks", ["...", "!?!", "." * 10_000])
def test_a_run_of_marks_ends_one_sentence(marks):
    # Guards what the sentence-end pattern means; how fast it splits a run (it was tried from
    # each mark, a second for 10,000 dots) is not a test's to say.
    single = "Lie on the table. The therapist rubs your back with warm oil."
    assert grade_level(single.replace(".", marks, 1)) == pytest.approx(grade_level(single))
    assert spanish_ease(SPANISH.replace(".", marks, 1)) == pytest.approx(spanish_ease(SPANISH))


def test_no_words():
    assert grade_level("— 42 —") == 0.0


def test_short_texts_are_not_graded():
    assert prose_grade(" ".join(["word"] * (MIN_WORDS - 1)) + ".") is None


@pytest.mark.parametrize(
    ("word", "count"),
    [
        ("masaje", 3), ("espalda", 3), ("terapeuta", 4), ("presión", 2), ("ciática", 3),
        ("día", 2), ("cuidado", 3), ("hernia", 2), ("muy", 1), ("baúl", 2), ("que", 1), ("oído", 3),
    ],
)  # fmt: skip
def test_spanish_syllables_of_common_words(word, count):
    from massage_explorer.core.readability import spanish_syllables

    assert spanish_syllables(word) == count


def test_spanish_ease_of_a_worked_example():
    # 2 sentences, 12 words, 26 syllables (hand count: a-cués-te-se en la ca-mi-lla el te-ra-peu-ta ...):
    # 206.835 - 62.3 * 26 / 12 - 12 / 2
    text = SPANISH
    assert spanish_ease(text) == pytest.approx(206.835 - 62.3 * 26 / 12 - 12 / 2)
    assert spanish_ease("Muy corto.") is None


def test_shorter_spanish_sentences_read_easier():
    from massage_explorer.core.readability import spanish_ease

    one = "El terapeuta usa aceite y hace movimientos largos sobre la espalda y sobre los hombros"
    two = "El terapeuta usa aceite. Hace movimientos largos sobre la espalda y sobre los hombros."
    assert spanish_ease(two) > spanish_ease(one)
