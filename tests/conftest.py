"""Shared fixtures; sets the offscreen Qt platform before anything imports Qt."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(scope="module")
def bundled():
    """The bundled catalog, loaded once for a test module: what a clinic starts with."""
    from massage_explorer.core.paths import bundled_catalog_path
    from massage_explorer.core.storage import load_catalog

    catalog = load_catalog(bundled_catalog_path()).catalog
    assert catalog is not None
    return catalog
