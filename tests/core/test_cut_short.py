"""The signs that a new version of the catalog is the first part of a file still being written,
against what a legitimate edit looks like. The kiosk holds such a version back (ui.catalog_watch)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from massage_explorer.core.catalog import Catalog, Technique
from massage_explorer.core.cut_short import cut_short
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.storage import parse_catalog
from tests import factories as f

SHOWN = f.catalog(*(f.technique(name) for name in ("first", "second", "third", "fourth")))


def _with(*techniques: Technique) -> Catalog:
    return f.catalog(*techniques)


def _read(text: str) -> Catalog:
    result = parse_catalog(text.encode("utf-8"))
    assert result.catalog is not None, result.errors
    return result.catalog


def test_a_whole_file_edited_anywhere_but_its_tail_shows_no_sign():
    first, second, third, fourth = SHOWN.techniques
    renamed = replace(second, name=f.t("Second, renamed"))
    assert cut_short(SHOWN, _with(first, renamed, third, fourth), ends_with_line_break=True) is None
    # one deleted, one added at the end, the order changed with the last one kept last
    assert cut_short(SHOWN, _with(first, third, fourth), ends_with_line_break=True) is None
    assert cut_short(SHOWN, _with(*SHOWN.techniques, f.technique("fifth")), ends_with_line_break=True) is None
    assert cut_short(SHOWN, _with(third, first, second, fourth), ends_with_line_break=True) is None


def test_a_file_that_does_not_end_with_a_line_break_may_be_cut_mid_line():
    assert cut_short(SHOWN, SHOWN, ends_with_line_break=False) == "the file does not end with a line break"


def test_a_file_cut_inside_its_last_technique_ends_with_that_technique_not_as_shown():
    # Cut at a line's end before the cautions of the last technique: valid, and the cautions gone.
    text = dump_catalog(SHOWN)
    start = text.index("- id: fourth")
    cut = text[: text.index("    cautions:", start)]
    new = _read(cut)
    assert new.techniques[-1].cautions == ()
    assert cut_short(SHOWN, new, ends_with_line_break=True) == (
        "its last technique, 'fourth', is not as shown (it may end part-way)"
    )


def test_a_file_cut_between_techniques_ends_where_shown_ones_followed():
    text = dump_catalog(SHOWN)
    new = _read(text[: text.index("  - id: fourth")])
    assert [t.id for t in new.techniques] == ["first", "second", "third"]
    assert cut_short(SHOWN, new, ends_with_line_break=True) == (
        "it ends at technique 'third', and leaves out 'fourth' that followed it"
    )


@pytest.mark.parametrize(("kept", "held"), [(2, False), (1, True)])
def test_a_file_that_leaves_out_more_than_half_the_techniques_shown_may_be_cut_early(kept, held):
    # Its last technique is new, so only the share left out tells.
    new = _with(*SHOWN.techniques[:kept], f.technique("brand-new"))
    reason = cut_short(SHOWN, new, ends_with_line_break=True)
    if held:
        assert reason == "it leaves out 3 of the 4 techniques shown"
    else:
        assert reason is None  # two of four left out: half, not more
