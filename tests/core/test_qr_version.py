"""The QR version a payload reports is the one its code is made at: counted from the text's
length, it must agree with segno making the code, or the screen sizes a code it does not draw."""

from __future__ import annotations

import pytest
import segno
from hypothesis import given, settings
from hypothesis import strategies as st

from massage_explorer.core.qr_payload import _make, _version

# Handout-like text (letters, accents, dashes, symbols, other scripts), and the digits-only and
# capitals-only texts segno packs in its denser modes.
HANDOUT = st.text(alphabet=st.sampled_from("abc XYZ 123 ñé—✖⚕⚠指圧\n:-."), max_size=3000)
DENSE = st.text(alphabet=st.sampled_from("0123456789"), min_size=1, max_size=3000) | st.text(
    alphabet=st.sampled_from("ABC 123$%*+-./:"), min_size=1, max_size=2000
)


def segno_version(text: str, level: str) -> int | None:
    try:
        return int(_make(text, level).version)
    except segno.DataOverflowError:
        return None


def counted_version(text: str, level: str) -> int | None:
    try:
        return _version(text, level)
    except segno.DataOverflowError:
        return None


@settings(max_examples=40, deadline=None)
@given(text=HANDOUT | DENSE, level=st.sampled_from(["l", "m"]))
def test_the_counted_version_is_the_version_segno_makes(text, level):
    assert counted_version(text, level) == segno_version(text, level)


@pytest.mark.parametrize("level", ["l", "m"])
def test_the_versions_a_screen_uses_agree_at_their_edges(level):
    # One byte either side of where each version up to 20 fills up.
    for version in range(1, 21):
        size = len(_make("a", level, version=version).matrix)
        assert size == 17 + 4 * version
        fits = next(n for n in range(2960, 0, -1) if counted_version("a" * n, level) == version)
        for n in (fits, fits + 1):
            assert counted_version("a" * n, level) == segno_version("a" * n, level), n
