"""The review report as the medical director gets it: a PDF read back with pdftotext."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess

import pytest

from massage_explorer.cli import main
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.review import GRADES, build_review
from massage_explorer.core.storage import load_catalog


def _text(pdf) -> str:
    tool = shutil.which("pdftotext")
    if tool is None:
        pytest.fail("pdftotext is missing: run .ci/setup (it installs poppler-utils)")
    # In the order it was drawn: a table cell's lines together, not interleaved with the next
    # column's as a layout-preserving read puts them.
    out = subprocess.run([tool, "-raw", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return " ".join(out.replace("\ufb01", "fi").replace("\ufb00", "ff").replace("\ufb02", "fl").split())


def test_the_report_holds_every_claim_and_caution_of_the_bundled_catalog(qapp, tmp_path, capsys) -> None:
    out = tmp_path / "review.pdf"
    assert main(["report", str(bundled_catalog_path()), "--pdf", str(out)]) == 0
    assert "review report of 8 techniques" in capsys.readouterr().out
    text = _text(out)
    catalog = load_catalog(bundled_catalog_path()).catalog
    assert catalog is not None
    report = build_review(catalog, "x")
    assert "Signature:" in text and "Date:" in text
    for technique in report.techniques:
        assert f"id: {technique.id}" in text
        for claim in technique.claims:
            line = f"{claim.benefit}: evidence {claim.grade}; reviewed {claim.reviewed}"
            assert " ".join(line.split()) in text, line
            for source in claim.sources:
                assert " ".join(source.split())[:40] in text.replace("- ", "-")
        for caution in technique.cautions:
            assert f"{caution.condition}: {caution.level}" in text
    # Each technique from the top of its own page: pdftotext marks pages with a form feed.
    raw = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    starts = [page.lstrip().split("\n")[0] for page in raw.split("\f")]
    names = [t.name for t in report.techniques]
    assert [s for s in starts if s in names] == names
    assert set(GRADES.values()) >= {c.grade for t in report.techniques for c in t.claims}


@pytest.fixture(scope="module")
def bundled_report(qapp, tmp_path_factory) -> tuple[object, list[str], list[int]]:
    """The bundled catalog's report, made once for the tests that read it: its file, its pages as
    pdftotext reads them, and the page each technique starts on (its name the page's first line)."""
    out = tmp_path_factory.mktemp("report") / "review.pdf"
    assert main(["report", str(bundled_catalog_path()), "--pdf", str(out)]) == 0
    raw = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True, check=True).stdout
    pages = [page.strip() for page in raw.split("\f") if page.strip()]
    catalog = load_catalog(bundled_catalog_path()).catalog
    assert catalog is not None
    names = {t.name.default for t in catalog.techniques}
    starts = [i for i, page in enumerate(pages) if page.split("\n")[0] in names]
    assert len(starts) == len(names)
    return out, pages, starts


def test_a_technique_gets_a_page_of_its_own_and_the_languages_side_by_side(bundled_report) -> None:
    """Stacked one language under the other, a bundled technique took three pages. In columns,
    set smaller where needed, most take one; none more than two."""
    out, pages, starts = bundled_report
    names = {page.split("\n")[0] for page in (pages[i] for i in starts)}
    lengths = [end - start for start, end in itertools.pairwise([*starts, len(pages)])]
    assert len(lengths) == len(names)
    assert max(lengths) <= 2 and lengths.count(1) >= len(names) - 2, lengths
    # The English and the Spanish of a caution sit side by side: on one line of a layout read.
    layout = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True).stdout
    assert re.search(
        r"en: Deep pressure can cause large bruises.*es: Si toma medicinas para diluir la sangre", layout
    )


def test_every_page_says_whose_it_is_and_where_it_stands(bundled_report) -> None:
    """A technique too long for one page at the smallest size runs on to a second: each page's
    foot names its technique and says "page 2 of 2", so a page filed alone is not taken for all."""
    _, pages, starts = bundled_report
    ran_on = 0
    for start, end in itertools.pairwise([*starts, len(pages)]):
        name = pages[start].split("\n")[0]
        for number, page in enumerate(pages[start:end], 1):
            own = f" — page {number} of {end - start}" if end - start > 1 else ""
            assert f"{name}{own} · report page {start + number} of {len(pages)}" in page, page[-200:]
        ran_on += end - start > 1
    assert ran_on  # the bundled Swedish massage has 7 claims and 14 cautions: two pages
    assert f"Catalog review · report page 1 of {len(pages)}" in pages[0]


def test_catalog_text_is_printed_as_text_never_as_markup(qapp, tmp_path) -> None:
    source = bundled_catalog_path().read_text(encoding="utf-8")
    hostile = source.replace('en: "Swedish massage"', 'en: "<b>Swedish</b> &amp; <i>massage</i>"', 1)
    assert hostile != source
    path = tmp_path / "techniques.yaml"
    path.write_text(hostile, encoding="utf-8")
    shutil.copytree(bundled_catalog_path().parent / "resources", tmp_path / "resources")
    out = tmp_path / "review.pdf"
    assert main(["report", str(path), "--pdf", str(out)]) == 0
    assert "<b>Swedish</b> &amp; <i>massage</i>" in _text(out)


def test_an_invalid_catalog_gets_its_problems_not_a_report(tmp_path, capsys) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("schema_version: 1\nbenefits: {\n", encoding="utf-8")
    out = tmp_path / "review.pdf"
    assert main(["report", str(path), "--pdf", str(out)]) == 1
    err = capsys.readouterr().err
    assert re.search(rf"{re.escape(str(path))}:\d+:\d+: error:", err)
    assert not out.exists()


def test_the_editor_saves_the_report_of_what_it_shows(qtbot, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog

    from massage_explorer.ui.editor import EditorWindow
    from tests.ui.editor.conftest import write_catalog

    catalog = write_catalog(tmp_path / "techniques.yaml")
    out = tmp_path / "signed.pdf"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *_a: (str(out), "PDF (*.pdf)"))
    editor = EditorWindow(catalog)
    qtbot.addWidget(editor)
    editor.finish_loading()  # not shown, so not built a step at a time after its first paint
    editor.top.report_button.click()
    assert out.exists()
    text = _text(out)
    assert f"Catalog:{catalog}" in text.replace(" ", "")  # a long path may wrap at a slash
    for technique in editor.document.catalog.techniques:
        assert f"id: {technique.id}" in text
    assert editor.status.text() == f"Review report saved: {out}"


def test_the_report_lists_what_changed_since_a_chosen_version(qapp, tmp_path, capsys) -> None:
    import dataclasses

    from massage_explorer.core import history
    from massage_explorer.core.catalog import Evidence
    from massage_explorer.core.storage import save_catalog

    shutil.copytree(bundled_catalog_path().parent / "resources", tmp_path / "resources")
    path = tmp_path / "techniques.yaml"
    catalog = load_catalog(bundled_catalog_path()).catalog
    assert catalog is not None
    save_catalog(catalog, path)
    history.record(path, path.read_bytes(), None, catalog, name="Ana")
    first = catalog.techniques[0]
    claim = dataclasses.replace(first.benefits[0], evidence=Evidence.VERY_LOW)
    changed = dataclasses.replace(
        catalog, techniques=(dataclasses.replace(first, benefits=(claim,)), *catalog.techniques[1:])
    )
    save_catalog(changed, path)
    out = tmp_path / "review.pdf"
    assert main(["report", str(path), "--pdf", str(out), "--since", "1"]) == 0
    text = _text(out)
    assert "What changed since version #1" in text
    label = next(b.label.default for b in catalog.benefits if b.id == claim.benefit)
    assert f"{first.name.default} › {label}: evidence {first.benefits[0].evidence.value} → very-low" in text
    assert main(["report", str(path), "--pdf", str(out), "--since", "9"]) == 2
    assert "no version #9" in capsys.readouterr().err
