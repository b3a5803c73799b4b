"""The take-away content and its QR code: what goes in, how it shortens, and that phones can read it."""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QImage

from massage_explorer.core.catalog import BenefitClaim, Caution, Evidence, Range, Text
from massage_explorer.core.handout import Handout, HandoutTechnique, build_handout
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.qr_payload import (
    MAX_MEDIUM_VERSION,
    MAX_QR_VERSION,
    MIN_MODULE_PX,
    QUIET_ZONE,
    qr_text,
)
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.common.words import WORDS, guidance_lines
from massage_explorer.ui.takeaway.qr_code import qr_image, qr_pixmap
from tests import factories as f
from tests.ui.helpers import decode

HTML = "<b>bold</b> & <img src=x>"


def strings(value: object) -> list[str]:
    """Every string inside a handout, however deeply nested."""
    if isinstance(value, str):
        return [value]
    if dataclasses.is_dataclass(value):
        return [s for field in dataclasses.fields(value) for s in strings(getattr(value, field.name))]
    if isinstance(value, tuple):
        return [s for item in value for s in strings(item)]
    raise AssertionError(f"not plain data: {value!r}")


def long_technique(technique_id: str, words: int) -> object:
    filler = " ".join(["stretch slowly and breathe"] * words)
    return f.technique(
        technique_id,
        benefits=tuple(BenefitClaim(b.id, Evidence.LOW) for b in f.BENEFITS),
        cautions=tuple(Caution(c.id, f.t(f"{filler} ({c.id})")) for c in f.CONDITIONS),
        questions_to_ask=tuple(f.t(f"Question {n}: {filler}?") for n in range(4)),
    )


@pytest.fixture
def catalog() -> object:
    return f.catalog(
        f.technique("gentle"),
        f.technique(
            "firm-one",
            pressure=Range(3, 4),
            benefits=(
                BenefitClaim("calm", Evidence.UNTESTED),
                BenefitClaim("sleep", Evidence.VERY_LOW),
                BenefitClaim("pain", Evidence.MODERATE),
                BenefitClaim("calm", Evidence.HIGH),
            ),
        ),
    )


def test_handout_holds_what_the_patient_needs(qapp, catalog) -> None:
    handout = build_handout(catalog, ["gentle", "firm-one"], "en", WORDS)
    gentle, firm = handout.techniques
    assert gentle.name == "Gentle"
    assert gentle.pressure == "Light to medium"
    assert gentle.session == "30 to 60 minutes"
    assert gentle.benefits == (
        "Less back pain: Low evidence — may help",
        "Feeling calmer: Not studied — reported by patients, not studied",
    )
    assert [(c.condition, c.note) for c in gentle.cautions] == [
        ("Taking blood thinners", "Ask for light pressure.")
    ]
    assert gentle.questions == ("Have you treated backs like mine?",)
    # Up to three, strongest evidence first.
    assert [b.split(":")[0] for b in firm.benefits] == ["Feeling calmer", "Less back pain", "Better sleep"]
    assert handout.guidance == tuple(guidance_lines(full=True))
    assert handout.footer == "General information, not medical advice."
    assert handout.title


def test_handout_is_plain_and_impersonal(qapp) -> None:
    catalog = f.catalog(f.technique("t-0042", name=f.t("Gentle")))
    handout = build_handout(catalog, ["t-0042", "gone"], "en", WORDS)
    texts = strings(handout)  # raises on anything that is not a plain string
    assert [t.name for t in handout.techniques] == ["Gentle"]  # ids no longer in the catalog are skipped
    assert not any("t-0042" in text for text in texts)
    assert not any(char.isdigit() for text in texts if text != "30 to 60 minutes" for char in text)


def test_handout_in_the_language_on_screen(qapp) -> None:
    catalog = f.catalog(
        f.technique("sueco", name=Text.of({"en": "Swedish", "es": "Masaje sueco"})),
        languages=("en", "es"),
    )
    assert build_handout(catalog, ["sueco"], "es", WORDS).techniques[0].name == "Masaje sueco"
    assert build_handout(catalog, ["sueco"], "fr", WORDS).techniques[0].name == "Swedish"  # default


def test_qr_round_trip_in_english(qapp) -> None:
    catalog = f.catalog(f.technique("gentle"), f.technique("firm-one", benefits=(), cautions=()))
    handout = build_handout(catalog, ["gentle", "firm-one"], "en", WORDS)
    payload = qr_text(handout)
    assert not payload.shortened
    decoded = decode(qr_image(payload.text, MIN_MODULE_PX, payload.level))
    assert decoded == payload.text
    assert "Gentle" in decoded
    assert "Firm One" in decoded
    assert "Have you treated backs like mine?" in decoded
    assert "Taking blood thinners — ⚕ Ask your doctor first: Ask for light pressure." in decoded
    for line in guidance_lines(full=True):
        assert line in decoded


def test_qr_keeps_accents_and_html_literally(qapp) -> None:
    name = f"Masaje sueco — presión suave, niños {HTML}"
    catalog = f.catalog(
        f.technique("sueco", name=f.t(name), cautions=(Caution("disc", f.t(HTML)),)),
    )
    payload = qr_text(build_handout(catalog, ["sueco"], "en", WORDS))
    decoded = decode(qr_image(payload.text, MIN_MODULE_PX, payload.level))
    assert decoded == payload.text
    assert name in decoded
    assert f"Herniated disc — ⚕ Ask your doctor first: {HTML}" in decoded


def test_long_shortlist_is_shortened_but_still_reads(qapp) -> None:
    catalog = f.catalog(*(long_technique(f"long-{n}", words=30) for n in range(4)))
    handout = build_handout(catalog, [t.id for t in catalog], "en", WORDS)
    payload = qr_text(handout)
    assert payload.shortened
    assert payload.version <= MAX_QR_VERSION
    decoded = decode(qr_image(payload.text, MIN_MODULE_PX, payload.level))
    assert decoded == payload.text
    for item in handout.techniques:
        assert item.name in decoded
        assert item.pressure in decoded
    for line in handout.guidance_short:  # the same advice in fewer words
        assert line in decoded
    assert "stretch slowly" not in decoded  # the long cautions and questions were the first to go


def test_caution_advice_stays_longer_than_the_questions(qapp) -> None:
    catalog = f.catalog(
        f.technique(
            "chatty",
            questions_to_ask=tuple(f.t(f"Question {n}: " + "and what about this? " * 12) for n in range(8)),
        )
    )
    handout = build_handout(catalog, ["chatty"], "en", WORDS)
    payload = qr_text(handout)
    assert payload.shortened
    assert "Question 0" not in payload.text
    assert (
        "Taking blood thinners — ⚕ Ask your doctor first: Ask for light pressure." in payload.text
    )  # the advice itself stays


def test_caution_names_stay_when_the_advice_goes(qapp) -> None:
    catalog = f.catalog(long_technique("long", words=25))
    handout = build_handout(catalog, ["long"], "en", WORDS)
    payload = qr_text(handout)
    assert payload.shortened
    # The names stay under their level, said once in words.
    assert (
        "Take care in these cases:\n- ⚕ Ask your doctor first: Herniated disc; Taking blood thinners"
        in payload.text
    )
    assert "(disc)" not in payload.text  # the advice itself is on the printout


def kept(payload_text: str, item: HandoutTechnique) -> dict[str, bool]:
    """Which kinds of a technique's details made it into the code."""
    notes = [f"{c.condition} — {c.level}: {c.note}" for c in item.cautions]
    return {
        "questions": any(q in payload_text for q in item.questions),
        "advice": all(n in payload_text for n in notes),
        "benefits": all(b in payload_text for b in item.benefits),
        "strongest": item.benefits[0] in payload_text,
        "names": all(c.condition in payload_text for c in item.cautions),
    }


@pytest.mark.parametrize("max_version", range(8, 26))
def test_safety_is_the_last_detail_to_go(qapp, max_version) -> None:
    catalog = f.catalog(long_technique("long", words=6))
    (item,) = build_handout(catalog, ["long"], "en", WORDS).techniques
    payload = qr_text(build_handout(catalog, ["long"], "en", WORDS), max_version=max_version)
    if item.name not in technique_blocks(payload.text):
        return  # too small for even one technique: only its name is left, under the "more" line
    has = kept(payload.text, item)
    assert has["names"]  # always, for every technique in the code
    # Questions go first, then the caution advice, then the weaker benefits, then the strongest.
    assert not has["questions"] or has["advice"]
    assert not has["advice"] or has["benefits"]
    assert not has["benefits"] or has["strongest"]


def technique_blocks(text: str) -> dict[str, str]:
    """The code's text split into its blocks, keyed by their first line (a technique's name)."""
    return {block.split("\n", 1)[0]: block for block in text.split("\n\n")}


@pytest.mark.parametrize("count", [1, 2, 4, 8])
def test_bundled_codes_name_every_caution_of_every_technique_in_them(qapp, count) -> None:
    catalog = load_catalog(bundled_catalog_path()).catalog
    handout = build_handout(catalog, [t.id for t in catalog][:count], "en", WORDS)
    payload = qr_text(handout)
    decoded = decode(qr_image(payload.text, MIN_MODULE_PX, payload.level))
    assert decoded == payload.text
    blocks = technique_blocks(decoded)
    included = [item for item in handout.techniques if item.name in blocks]
    # Each technique has about 14 cautions (the clinic's required set and the spine's own), and
    # the red flags always come first: the code keeps as many techniques whole as fit, with every
    # caution's name and level, and names the rest under a line pointing to the printout.
    assert included == list(handout.techniques)[: len(included)]
    assert included, "the first technique always fits with all its cautions"
    if count <= 4:  # a usual shortlist: the rest are named at least
        assert all(f"- {item.name}" in decoded for item in handout.techniques[len(included) :])
    if len(included) < count:
        assert handout.labels.more in decoded
    assert "Warning signs" in decoded and "Loss of control of your bladder or bowels" in decoded
    for item in included:
        assert all(c.condition in blocks[item.name] for c in item.cautions), item.name


def test_without_paper_the_code_points_to_the_front_desk(qapp) -> None:
    techniques = [f.technique(f"t{n}", name=f.t(f"Technique {n} " + "x" * 90)) for n in range(12)]
    handout = build_handout(f.catalog(*techniques), [t.id for t in techniques], "en", WORDS)
    assert handout.labels.more in qr_text(handout).text
    text = qr_text(handout, paper=False).text
    assert handout.labels.more_desk in text
    assert "printout" not in text


def test_only_low_error_correction_goes_beyond_version_20(qapp) -> None:
    catalog = load_catalog(bundled_catalog_path()).catalog
    ids = [t.id for t in catalog]
    for count in range(1, len(ids) + 1):
        payload = qr_text(build_handout(catalog, ids[:count], "en", WORDS))
        assert payload.version <= MAX_QR_VERSION
        assert payload.version <= MAX_MEDIUM_VERSION or payload.level == "l"


def test_too_many_techniques_drop_from_the_end_with_a_note(qapp) -> None:
    techniques = [f.technique(f"t{n}", name=f.t(f"Technique {n} " + "x" * 90)) for n in range(12)]
    handout = build_handout(f.catalog(*techniques), [t.id for t in techniques], "en", WORDS)
    payload = qr_text(handout)
    assert payload.shortened
    assert payload.version <= MAX_QR_VERSION
    assert "Technique 0 " in payload.text
    assert "Technique 11 " not in payload.text
    assert handout.labels.more in payload.text
    assert decode(qr_image(payload.text, MIN_MODULE_PX, payload.level)) == payload.text


def test_bundled_shortlists_fit_the_limit(qapp) -> None:
    catalog = load_catalog(bundled_catalog_path()).catalog
    ids = [t.id for t in catalog]
    for count in range(1, len(ids) + 1):
        payload = qr_text(build_handout(catalog, ids[:count], "en", WORDS))
        assert payload.version <= MAX_QR_VERSION
        if count <= 4:  # a usual shortlist: every technique is named in the code
            assert all(catalog.technique(i).name.default in payload.text for i in ids[:count])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    sizes=st.lists(st.integers(min_value=0, max_value=60), min_size=0, max_size=6),
    max_version=st.integers(min_value=15, max_value=25),
)
def test_payload_never_exceeds_the_limit_and_keeps_the_guidance(qapp, sizes, max_version) -> None:
    catalog = f.catalog(*(long_technique(f"t{n}", words) for n, words in enumerate(sizes))) if sizes else None
    handout = build_handout(catalog, [t.id for t in catalog], "en", WORDS) if catalog else empty_handout()
    payload = qr_text(handout, max_version=max_version)
    assert isinstance(payload.version, int)  # a full QR code, never a Micro QR
    assert payload.version <= max_version
    guidance = [handout.guidance, handout.guidance_short]  # the short form once the code is full
    assert any(all(line in payload.text for line in lines) for lines in guidance)
    if not payload.shortened:
        details = [q for item in handout.techniques for q in item.questions]
        details += [c.note for item in handout.techniques for c in item.cautions]
        assert all(detail in payload.text for detail in details)


def empty_handout() -> Handout:
    return build_handout(f.catalog(), [], "en", WORDS)


def test_even_a_tiny_text_is_a_full_qr_code(qapp) -> None:
    payload = qr_text(empty_handout())
    assert isinstance(payload.version, int)
    assert payload.version >= 1
    assert decode(qr_image(payload.text, MIN_MODULE_PX, payload.level)) == payload.text


def test_qr_image_is_black_on_white_with_a_quiet_zone(qapp) -> None:
    payload = qr_text(empty_handout())
    image = qr_image(payload.text, 3, payload.level)
    modules = 17 + 4 * payload.version + 2 * QUIET_ZONE
    assert image.width() == image.height() == modules * 3
    border = QUIET_ZONE * 3
    for i in range(image.width()):
        for edge in range(border):
            assert image.pixelColor(i, edge).lightness() == 255
            assert image.pixelColor(edge, i).lightness() == 255
    assert image.pixelColor(border, border).lightness() == 0  # the finder pattern's corner
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    assert {
        gray.pixelColor(x, y).lightness() for x in range(0, gray.width(), 7) for y in range(gray.height())
    } == {
        0,
        255,
    }


def test_screen_pixmap_uses_whole_pixels_and_a_minimum_module(qapp, catalog) -> None:
    payload = qr_text(build_handout(catalog, ["gentle"], "en", WORDS))
    modules = 17 + 4 * payload.version + 2 * QUIET_ZONE
    large = qr_pixmap(payload, 600)
    assert large.width() % modules == 0
    assert large.width() <= 600
    assert large.width() // modules >= MIN_MODULE_PX
    small = qr_pixmap(payload, 100)  # too small to scan: the module size wins over the space
    assert small.width() == modules * MIN_MODULE_PX
    assert decode(large.toImage()) == payload.text


def test_a_phone_reads_each_cautions_level_and_the_red_flags_from_the_code(qapp) -> None:
    from massage_explorer.core.catalog import CautionLevel, RedFlag, Urgency

    avoid = Caution("thinners", f.t("Not with thinners."), CautionLevel.AVOID)
    flags = (RedFlag(f.t("Loss of bladder control"), Urgency.EMERGENCY),)
    catalog = f.catalog(f.technique("careful", cautions=(avoid,)), red_flags=flags)
    payload = qr_text(build_handout(catalog, ["careful"], "en", WORDS))
    decoded = decode(qr_image(payload.text, MIN_MODULE_PX, payload.level))
    assert "Taking blood thinners — ✖ Avoid: Not with thinners." in decoded
    assert "Get emergency care now if you have:\n- Loss of bladder control" in decoded
