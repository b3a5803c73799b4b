"""How many pages the printed take-away needs, for every shortlist of the bundled catalog.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/handout_pages.py [--max 4]
Lays out the handout of every combination of 1..max techniques, in each language and on A4 and
Letter, as the kiosk's printer would get it, and prints how many need 1, 2, ... pages and which
form (everything, or the brief form) they were printed in. Asserts nothing. Takes about a
minute per language and paper size at --max 4 on a 2-core machine.
"""

from __future__ import annotations

import argparse
import collections
import itertools
import os
import sys

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter
from PySide6.QtWidgets import QApplication

from massage_explorer.core.handout import build_handout
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.common.i18n import install_language
from massage_explorer.ui.common.words import WORDS
from massage_explorer.ui.takeaway import pdf as takeaway_pdf


def pages_and_form(handout, size: QPageSize.PageSizeId) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(takeaway_pdf.PDF_DPI)
    writer.setPageSize(QPageSize(size))
    margin = takeaway_pdf.MARGIN_MM
    writer.setPageMargins(QMarginsF(margin, margin, margin, margin), QPageLayout.Unit.Millimeter)
    printed = takeaway_pdf.paint_handout(handout, writer)
    return printed.pages, "brief form" if printed.layout.brief else "everything"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--max", type=int, default=4, help="largest shortlist to try")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    catalog = load_catalog(bundled_catalog_path()).catalog
    assert catalog is not None
    ids = [t.id for t in catalog]
    for language in catalog.languages:
        install_language(app, language)
        for size in (QPageSize.PageSizeId.A4, QPageSize.PageSizeId.Letter):
            counts: collections.Counter[tuple[int, int, str]] = collections.Counter()
            for count in range(1, min(args.max, len(ids)) + 1):
                for combo in itertools.combinations(ids, count):
                    handout = build_handout(catalog, combo, language, WORDS)
                    counts[(count, *pages_and_form(handout, size))] += 1
            name = QPageSize(size).name()
            for (count, pages, form), n in sorted(counts.items()):
                print(f"{language} {name}: {n} shortlists of {count} -> {pages} page(s), {form}")


if __name__ == "__main__":
    main()
