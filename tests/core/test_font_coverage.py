"""The warning for catalog text no installed font shows, without Qt: which characters the fonts
are asked about (once each, never Latin-1), where the first unshown one is written, and what the
warning says. The fonts are handed in, as the command line and the app hand in Qt's."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

import pytest

from massage_explorer.core.catalog import Catalog, Caution, RedFlag, Term, Text, Urgency
from massage_explorer.core.doctor import catalog_characters
from massage_explorer.core.font_coverage import MAX_NAMED, characters_to_ask, font_warning
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.problems import ItemKind, Location
from massage_explorer.core.storage import load_catalog
from tests import factories as f
from tests.core.helpers import line_of, read, variant

PUA = "\ue000"  # private use: what stands for a character no font has, whatever the fonts say here


class Fonts:
    """Fonts that lack `missing`; remembers what it was asked."""

    def __init__(self, missing: str = PUA) -> None:
        self.missing = missing
        self.asked: list[set[str]] = []

    def __call__(self, characters: Iterable[str]) -> list[str]:
        asked = set(characters)
        self.asked.append(asked)
        return [ch for ch in asked if ch in self.missing]


def write(tmp_path: Path, text: str) -> tuple[Path, Catalog]:
    path = tmp_path / "techniques.yaml"
    path.write_text(text, encoding="utf-8")
    result = load_catalog(path)
    assert result.catalog is not None, [p.format("f") for p in result.errors]
    return path, result.catalog


def with_japanese(name: str) -> str:
    """VALID in English and Japanese, the technique's name given in both."""
    text = variant("languages: [en]", "languages: [en, ja]")
    return variant(
        "    name: Swedish massage\n", f"    name:\n      en: Swedish massage\n      ja: {name}\n", text
    )


def test_a_latin_catalog_never_asks_the_fonts():
    fonts = Fonts(missing="aé¿ñ")
    catalog = load_catalog(bundled_catalog_path()).catalog
    assert catalog is not None
    assert font_warning(catalog, fonts, bundled_catalog_path()) is None
    assert fonts.asked == []  # so validating it needs no Qt at all


def test_the_fonts_are_asked_once_about_each_character_whatever_the_catalog_size():
    many = [f.technique(f"t{i}", name=Text.plain(f"指圧 {i} ✖ {PUA}")) for i in range(300)]
    fonts = Fonts()
    problem = font_warning(f.catalog(*many), fonts)
    assert fonts.asked == [{"指", "圧", "✖", PUA}]
    assert problem is not None and "U+E000" in problem.text


def test_every_text_a_patient_reads_is_looked_at_as_the_doctor_does():
    """The same characters as the doctor's check (less Latin-1), from every kind of TEXT."""
    greek, cyrillic, arabic, hebrew, thai, devanagari, korean, chinese = (
        "αβ",
        "жы",
        "مر",
        "של",
        "สว",
        "नम",
        "한",
        "指圧",
    )
    technique = f.technique(
        "one",
        name=Text.plain(greek),
        summary=Text.of({"en": "Plain.", "ja": chinese}),
        cautions=(Caution("thinners", Text.plain(cyrillic)),),
        questions_to_ask=(Text.plain(arabic),),
        image_alt=Text.plain(hebrew),
    )
    catalog = f.catalog(
        technique,
        benefits=(Term("pain", Text.plain("Pain"), Text.plain(thai), (("en", ("빠",)),)),),
        red_flags=(RedFlag(Text.plain(devanagari + korean), Urgency.EMERGENCY),),
        languages=("en", "ja"),
    )
    expected = {ch for ch in catalog_characters(catalog) if ord(ch) > 0xFF}
    assert characters_to_ask(catalog) == expected
    assert expected == set(greek + cyrillic + arabic + hebrew + thai + devanagari + korean + chinese)
    # Search words are typed, never read: not asked about (as the doctor does).
    assert "빠" not in expected


def test_the_warning_is_at_the_first_unshown_character_of_a_field_in_a_language(tmp_path):
    text = with_japanese(f'"スウェーデン式 {PUA} 指圧"')
    path, catalog = write(tmp_path, "# a comment " + PUA + "\n" + text)  # a comment is not shown
    problem = font_warning(catalog, Fonts(), path)
    assert problem is not None
    line = line_of("\n" + text, "スウェーデン式")
    column = len('      ja: "スウェーデン式 ') + 1
    assert problem.location == Location(ItemKind.TECHNIQUE, "swedish", field="name", language="ja")
    assert problem.format(str(path)) == (
        f"{path}:{line}:{column}: warning: technique 'swedish', name [ja]: no installed font shows this "
        "character: U+E000; patients see an empty box for it: install a font that has it (on Debian: "
        "apt-get install fonts-noto-core fonts-noto-cjk) or correct the text"
    )


@pytest.mark.parametrize(
    ("old", "new", "needle", "where"),
    [
        (
            "It is the most common kind.",
            f"It is the most {PUA} kind.",
            "most ",
            "technique 'swedish', description",
        ),
        ("    label: Better sleep", f"    label: Better {PUA}", "Better ", "benefits 'sleep', label"),
        (
            "questions_to_ask:\n      - Have",
            f"questions_to_ask:\n      - Plain one\n      - Have {PUA}",
            "Have ",
            "technique 'swedish', questions_to_ask[1]",
        ),
        (
            "benefits:\n  pain:",
            f"red_flags:\n  - sign: Sudden {PUA}\n    urgency: emergency\nbenefits:\n  pain:",
            "Sudden ",
            "red_flags[0].sign",
        ),
    ],
)
def test_each_kind_of_field_is_named_with_its_line_and_column(tmp_path, old, new, needle, where):
    text = variant(old, new)
    path, catalog = write(tmp_path, text)
    problem = font_warning(catalog, Fonts(), path)
    assert problem is not None
    line = line_of(text, needle + PUA)
    column = text.splitlines()[line - 1].index(PUA) + 1
    assert problem.format("f").startswith(f"f:{line}:{column}: warning: {where}: no installed font shows")


def test_a_character_written_as_an_escape_is_placed_at_its_value(tmp_path):
    text = variant("    feels_like: Smooth and slow.", '    feels_like: "Smooth \\uE000 and slow."')
    path, catalog = write(tmp_path, text)
    problem = font_warning(catalog, Fonts(), path)
    assert problem is not None
    line = line_of(text, "feels_like")
    assert (problem.line, problem.column) == (line, len("    feels_like: ") + 1)
    assert str(problem.location) == "technique 'swedish', feels_like"


def test_many_characters_are_counted_the_first_named_and_the_file_unread_still_warns(tmp_path):
    unshown = "".join(chr(0xE000 + i) for i in range(MAX_NAMED + 5))
    path = tmp_path / "gone.yaml"
    catalog = f.catalog(f.technique("one", feels_like=Text.plain("指圧 " + unshown)))
    problem = font_warning(catalog, Fonts(missing=unshown), path)  # no such file: no place
    assert problem is not None and (problem.line, problem.location) == (0, None)
    assert problem.format(str(path)).startswith(
        f"{path}: warning: no installed font shows {MAX_NAMED + 5} characters of the catalog: U+E000, U+E001,"
    )
    assert f"U+{0xE000 + MAX_NAMED - 1:04X} and 5 more; patients see an empty box for each" in problem.text
    assert "指" not in problem.text  # shown by a font: not named


def test_characters_the_fonts_show_give_no_warning(tmp_path):
    path, catalog = write(tmp_path, with_japanese("指圧"))
    fonts = Fonts()
    assert font_warning(catalog, fonts, path) is None
    assert fonts.asked == [{"指", "圧"}]


def test_a_named_character_is_shown_with_its_name(tmp_path):
    path, catalog = write(tmp_path, with_japanese("指圧"))
    problem = font_warning(catalog, Fonts(missing="圧"), path)
    assert problem is not None
    assert "no installed font shows this character: 圧 (U+5727 CJK UNIFIED IDEOGRAPH-5727);" in problem.text
    assert problem.column == len("      ja: 指") + 1


def test_reading_the_file_as_text_gives_the_same_place_as_the_validator(tmp_path):
    # The file is read again only for the place: the same decoding (a byte-order mark is skipped).
    text = with_japanese(PUA)
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode())
    catalog = read(text).catalog
    assert catalog is not None
    problem = font_warning(catalog, Fonts(), path)
    assert problem is not None and (problem.line, problem.column) == (line_of(text, "ja: "), 11)
