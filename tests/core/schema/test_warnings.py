"""Warnings: shown to staff, never fatal (the CLI's --strict makes them fatal)."""

from __future__ import annotations

import pytest

from tests.core.helpers import LOADERS, TODAY, line_of, read, variant


@pytest.mark.parametrize("loader", LOADERS)
def test_missing_translation_names_the_field(loader):
    text = variant("languages: [en]", "languages: [en, es]")
    text = variant(
        "    name: Swedish massage", "    name:\n      en: Swedish massage\n      es: Masaje sueco", text
    )
    result = read(text, loader)
    assert result.ok
    warned = {(w.line, w.message) for w in result.warnings}
    assert (
        line_of(text, "summary:"),
        "technique 'swedish', summary [es]: no Spanish translation; patients will see the English (en) text",
    ) in warned
    assert not any("name" in m for _, m in warned)
    # Citations read the same in every language: no translation warning for them.
    assert not any("sources" in m for _, m in warned)


def test_a_language_the_interface_is_not_translated_into_is_a_warning():
    text = variant("languages: [en]", "languages: [en, es, de]")
    result = read(text)
    assert result.ok  # the catalog itself is fine
    about_languages = [w for w in result.warnings if w.message.startswith("languages:")]
    assert [(w.line, w.message) for w in about_languages] == [
        (
            line_of(text, "languages:"),
            "languages: the app's own words (buttons, headings, advice) have no 'de' translation; "
            "a patient who picks it reads them in English",
        ),
        (
            line_of(text, "languages:"),
            "languages: de (de) texts are not checked for reading level: there is no readability "
            "formula for it here (only for English (en), Spanish (es))",
        ),
    ]


def test_the_interface_languages_are_english_and_each_complete_compiled_translation(tmp_path, monkeypatch):
    from massage_explorer.core import languages

    compiled = {p.stem.split("_")[-1] for p in (languages.resources_path() / "translations").glob("*.qm")}
    assert compiled  # Spanish at least
    assert languages.interface_languages() == {"en", *compiled}
    # A translation just begun compiles too: it does not count until it is (nearly) finished.
    folder = tmp_path / "translations"
    folder.mkdir()
    (folder / "massage_explorer_fr.qm").write_bytes(b"qm")
    (folder / "massage_explorer_fr.ts").write_text(
        '<TS version="2.1" language="fr"><context><name>x</name>'
        "<message><source>Yes</source><translation>Oui</translation></message>"
        '<message><source>No</source><translation type="unfinished"></translation></message>'
        "</context></TS>",
        encoding="utf-8",
    )
    monkeypatch.setattr(languages, "resources_path", lambda: tmp_path)
    languages.interface_languages.cache_clear()
    try:
        assert languages.translated_share(folder / "massage_explorer_fr.ts") == 0.5
        assert languages.interface_languages() == {"en"}
    finally:
        languages.interface_languages.cache_clear()


def test_evidence_reviewed_over_five_years_ago():
    old = TODAY.replace(year=TODAY.year - 6)
    text = variant("reviewed: 2025-06-01", f"reviewed: {old.isoformat()}")
    result = read(text)
    assert result.ok
    (warning,) = result.warnings
    assert warning.line == line_of(text, "reviewed:")
    assert f"last reviewed {old.isoformat()}, over 5 years ago" in warning.message


def test_review_date_in_the_future_is_an_error():
    result = read(variant("reviewed: 2025-06-01", "reviewed: 2030-01-01"))
    assert "in the future" in result.errors[0].message


def test_benefits_without_cautions_or_aftercare_is_unbalanced():
    text = variant(
        "    cautions:\n      - condition: disc\n        level: adapt\n"
        "        note: Ask for gentle pressure near the spine.\n",
        "",
    )
    text = variant("    after_session: You may feel sleepy.\n", "", text)
    result = read(text)
    assert result.ok
    (warning,) = result.warnings
    assert "lists benefits but no cautions and no after_session" in warning.message
    assert warning.line == line_of(text, "- id: swedish")


def test_hard_text_is_flagged_with_its_grade():
    hard = (
        "Neuromuscular manipulation facilitates physiological normalisation of "
        "myofascial hypertonicity, consequently ameliorating nociceptive sensitisation."
    )
    text = variant("feels_like: Smooth and slow.", f"feels_like: {hard}")
    result = read(text)
    assert result.ok
    (warning,) = result.warnings
    assert warning.line == line_of(text, "feels_like")
    assert "feels_like [en]: reads at school grade" in warning.message and "above grade 8" in warning.message


def test_short_labels_are_not_graded():
    # 'Lower blood pressure' would score above grade 8 by formula; three words are not prose.
    result = read(variant("label: Better sleep", "label: Lower arterial pressure"))
    assert result.warnings == []


def test_hard_spanish_is_flagged_with_its_reading_ease():
    text = variant("languages: [en]", "languages: [en, es]")
    hard = (
        "La manipulación neuromuscular facilita la normalización fisiológica de la hipertonicidad "
        "miofascial, mejorando consecuentemente la sensibilización nociceptiva."
    )
    text = variant(
        "    feels_like: Smooth and slow.",
        f"    feels_like:\n      en: Smooth and slow.\n      es: {hard}",
        text,
    )
    result = read(text)
    warned = [w for w in result.warnings if "reading ease" in w.message]
    assert len(warned) == 1
    assert warned[0].line == line_of(text, "es: La manipulación")
    assert "feels_like [es]: reading ease" in warned[0].message and "INFLESZ" in warned[0].message
