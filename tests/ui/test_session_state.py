"""A patient's session state: what a reset tells the screens."""

from __future__ import annotations

from massage_explorer.ui.session import SessionState

SIGNALS = ("shortlistChanged", "compareChanged", "conditionChanged", "appearanceChanged", "languageChanged")


def heard(state: SessionState) -> list[str]:
    said: list[str] = []
    for name in SIGNALS:
        getattr(state, name).connect(lambda name=name: said.append(name))
    return said


def test_a_reset_of_an_untouched_session_says_nothing(qapp) -> None:
    state = SessionState("es")
    said = heard(state)
    state.reset()
    # Every card and open page would be made again for nothing (at 10,000 techniques, ~0.1 s).
    assert said == []


def test_a_reset_says_each_thing_the_patient_changed_once(qapp) -> None:
    state = SessionState("es")
    state.toggle_shortlist("gentle")
    state.set_compare(["gentle", "firm"])
    state.set_condition("disc")
    state.set_text_step(2)
    state.set_high_contrast(True)
    state.set_language("en")
    said = heard(state)
    state.reset()
    assert sorted(said) == sorted(SIGNALS)
    assert (state.shortlist, state.compare, state.condition) == ([], [], None)
    assert (state.text_step, state.high_contrast, state.language) == (0, False, "es")


def test_a_reset_after_only_a_larger_text_says_only_that(qapp) -> None:
    state = SessionState()
    state.set_text_step(1)
    said = heard(state)
    state.reset()
    assert said == ["appearanceChanged"]
