"""The catalog that ships: valid without warnings, honest about its evidence."""

from __future__ import annotations

import pytest

from massage_explorer.core.catalog import Evidence
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.storage import load_catalog
from tests.core.helpers import LOADERS


@pytest.fixture(scope="module")
def catalog():
    result = load_catalog(bundled_catalog_path())
    assert result.problems == [], [p.format("techniques.yaml") for p in result.problems]
    return result.catalog


@pytest.mark.parametrize("loader", LOADERS)
def test_both_parsers_read_the_same_catalog(loader, catalog):
    assert load_catalog(bundled_catalog_path(), loader=loader).catalog == catalog


def test_required_content_is_there(catalog):
    assert len(catalog) >= 8
    assert {"swedish", "neuromuscular"} <= {t.id for t in catalog}
    benefit_ids = {b.id for b in catalog.benefits}
    assert {"lower-cortisol", "anxiety", "depression", "blood-pressure", "inflammation", "sleep",
            "back-pain", "daily-function"} <= benefit_ids  # fmt: skip
    condition_ids = {c.id for c in catalog.conditions}
    assert {"low-back-pain", "herniated-disc", "sciatica", "spinal-stenosis", "osteoporosis",
            "pregnancy", "blood-thinners"} <= condition_ids  # fmt: skip


def test_every_claim_is_graded_and_dated_and_cortisol_is_not_oversold(catalog):
    for technique in catalog:
        assert technique.cautions, technique.id
        for claim in technique.benefits:
            assert claim.reviewed is not None, (technique.id, claim.benefit)
            if claim.evidence is not Evidence.UNTESTED:
                assert claim.sources, f"{technique.id}: a graded claim needs a source"
            if claim.benefit == "lower-cortisol":
                # Moyer et al. 2011: the effect on cortisol is very small and not significant.
                assert claim.evidence in (Evidence.LOW, Evidence.VERY_LOW, Evidence.UNTESTED)
            if claim.benefit == "back-pain":
                # Furlan et al. 2015 (Cochrane): low to very-low certainty.
                assert claim.evidence.strength <= Evidence.LOW.strength
