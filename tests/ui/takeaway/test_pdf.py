"""The take-away on paper: PDF text and pages read back with poppler, saving, and dialog-free printing."""

from __future__ import annotations

import dataclasses
import itertools
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtCore import QSizeF
from PySide6.QtGui import QImage, QPageSize, QPdfWriter, QTextBlock, QTextDocument
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog

from massage_explorer.core.catalog import Caution
from massage_explorer.core.handout import Handout, HandoutTechnique, build_handout
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.qr_payload import Detail, qr_text
from massage_explorer.core.settings import KioskConfig
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.common.i18n import install_language
from massage_explorer.ui.common.words import WORDS, guidance_lines
from massage_explorer.ui.takeaway import pagination
from massage_explorer.ui.takeaway import pdf as takeaway_pdf
from massage_explorer.ui.takeaway import printing as takeaway_print
from massage_explorer.ui.takeaway.handout_html import Layout, handout_html
from massage_explorer.ui.takeaway.pdf import (
    BODY_POINTS,
    MAX_FULL_SHEETS,
    paint_handout,
    pdf_destination,
    write_pdf,
)
from massage_explorer.ui.takeaway.printing import print_handout, unavailable_message
from tests import factories as f

HTML = "<b>bold</b> & <img src=x>"
A4 = QPageSize(QPageSize.PageSizeId.A4)
LETTER = QPageSize(QPageSize.PageSizeId.Letter)


def poppler(tool: str) -> str:
    """poppler-utils reads our PDFs back; .ci/setup installs it. Never skipped: a PDF test that
    does not run proves nothing."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: run .ci/setup (it installs poppler-utils)")
    return path


def pdf_text(path: Path) -> str:
    """The PDF's text in painting order, with line breaks and hyphen breaks undone."""
    raw = subprocess.run(
        [poppler("pdftotext"), "-raw", "-enc", "UTF-8", str(path), "-"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    # NFKC turns the font's ligatures ("ﬁ") back into letters.
    return " ".join(unicodedata.normalize("NFKC", raw).replace("-\n", "-").split())


def sheets(handout: Handout, page_size: QPageSize, tmp_path: Path) -> int:
    writer = QPdfWriter(str(tmp_path / "count.pdf"))
    writer.setPageSize(page_size)
    return paint_handout(handout, writer).pages


def handout_of(*techniques: object) -> Handout:
    catalog = f.catalog(*techniques)
    return build_handout(catalog, [t.id for t in catalog], "en", WORDS)


def test_pdf_text_has_names_guidance_and_cautions(qapp, tmp_path) -> None:
    handout = handout_of(f.technique("gentle"), f.technique("firm-one"))
    path = tmp_path / "list.pdf"
    write_pdf(handout, path, A4)
    assert path.read_bytes().startswith(b"%PDF")
    text = pdf_text(path)
    assert "Gentle" in text
    assert "Firm One" in text
    for line in guidance_lines(full=True):
        assert line in text
    assert "Taking blood thinners — ⚕ Ask your doctor first: Ask for light pressure." in text
    assert "Less back pain: Low evidence — may help" in text
    assert "Have you treated backs like mine?" in text
    assert "General information, not medical advice." in text


def test_html_in_catalog_text_is_printed_literally(qapp, tmp_path) -> None:
    handout = handout_of(f.technique("odd", name=f.t(HTML), cautions=(Caution("disc", f.t(HTML)),)))
    html_text = handout_html(handout, qr_text(handout), Layout(11))
    assert "<img src=x>" not in html_text
    assert "&lt;img src=x&gt;" in html_text
    path = tmp_path / "odd.pdf"
    write_pdf(handout, path, A4)
    text = pdf_text(path)
    assert HTML in text
    assert f"Herniated disc — ⚕ Ask your doctor first: {HTML}" in text


def test_four_techniques_fit_one_page_on_a4_and_letter(qapp, tmp_path) -> None:
    handout = handout_of(*(f.technique(name) for name in ("one", "two", "three", "four")))
    assert sheets(handout, A4, tmp_path) == 1
    assert sheets(handout, LETTER, tmp_path) == 1


def test_long_texts_take_the_fewest_sheets_and_nothing_is_clipped(qapp, tmp_path) -> None:
    filler = "Lie on your side with a pillow between your knees and breathe slowly. " * 6
    techniques = [
        f.technique(
            f"long-{n}",
            cautions=tuple(Caution(c.id, f.t(f"{filler}End-{n}-{c.id}.")) for c in f.CONDITIONS),
            # Questions are printed in the brief form too: with these, not even it fits a sheet.
            questions_to_ask=tuple(f.t(f"{filler}Question-{n}-{q}?") for q in range(3)),
        )
        for n in range(6)
    ]
    handout = handout_of(*techniques)
    path = tmp_path / "long.pdf"
    write_pdf(handout, path, A4)
    assert sheets(handout, A4, tmp_path) > 1
    text = pdf_text(path)
    # The brief form takes fewer sheets than all the advice would: it is the one printed.
    assert handout.labels.cautions_brief in text
    assert "End-0-disc." not in text
    for condition in f.CONDITIONS:
        assert condition.label.get("en") in text
    for n in range(6):
        for q in range(3):
            assert f"{filler}Question-{n}-{q}?".strip() in text  # not clipped at a column or page break
    assert "General information, not medical advice. 2/" in text  # a footer on every page


def wordiest(handout_for_all: Handout, count: int) -> list[str]:
    """The names of the `count` techniques with the most printed words: the hardest to fit."""

    def words(item: HandoutTechnique) -> int:
        texts = [item.name, *item.benefits, *item.questions]
        texts += [f"{c.condition} {c.note}" for c in item.cautions]
        return sum(len(text.split()) for text in texts)

    ranked = sorted(handout_for_all.techniques, key=words, reverse=True)
    return [item.name for item in ranked[:count]]


def bundled_handout(language: str, count: int) -> Handout:
    catalog = load_catalog(bundled_catalog_path()).catalog
    everything = build_handout(catalog, [t.id for t in catalog], language, WORDS)
    names = wordiest(everything, count)
    ids = [t.id for t in catalog if t.name.get(language) in names]
    return build_handout(catalog, ids, language, WORDS)


@pytest.fixture(params=["en", "es"])
def language(request, qapp):
    assert install_language(qapp, request.param)
    yield request.param
    install_language(qapp, "en")


@pytest.mark.parametrize("page_size", [A4, LETTER], ids=["A4", "Letter"])
@pytest.mark.parametrize(
    ("language", "count"),
    [("en", 1), ("en", 2), ("es", 1)],
    ids=["en-1", "en-2", "es-1"],
    indirect=["language"],
)
def test_short_bundled_shortlists_print_every_cautions_advice(
    qapp, tmp_path, language, count, page_size
) -> None:
    """Each bundled technique has about 14 cautions: one English technique fits one sheet, two
    of the wordiest take a second sheet rather than losing their advice."""
    handout = bundled_handout(language, count)
    path = tmp_path / "two.pdf"
    write_pdf(handout, path, page_size)
    assert sheets(handout, page_size, tmp_path) <= MAX_FULL_SHEETS
    text = pdf_text(path)
    for item in handout.techniques:
        assert item.name in text
        for caution in item.cautions:
            # Every caution's advice, with its level in words (pdftotext reads "ℹ" as "i").
            expected = f"{caution.condition} — {caution.level}: {caution.note}"
            assert unicodedata.normalize("NFKC", expected) in unicodedata.normalize("NFKC", text)
        for question in item.questions:
            assert question in text


@pytest.mark.parametrize("page_size", [A4, LETTER], ids=["A4", "Letter"])
def test_four_bundled_techniques_fit_two_sheets_in_the_brief_form(
    qapp, tmp_path, language, page_size
) -> None:
    """The longest shortlist the kiosk allows, of its wordiest techniques, on two sheets of
    paper: every technique, benefit, condition name with its level and question, the red flags,
    and what to do about the conditions."""
    handout = bundled_handout(language, 4)
    assert len(handout.techniques) == 4
    path = tmp_path / "four.pdf"
    write_pdf(handout, path, page_size)
    assert sheets(handout, page_size, tmp_path) == MAX_FULL_SHEETS
    text = pdf_text(path)
    for line in handout.guidance:
        assert line in text
    assert handout.labels.cautions_brief in text
    for item in handout.techniques:
        assert item.name in text
        for benefit in item.benefits:
            assert benefit in text
        for caution in item.cautions:
            assert caution.condition in text
            assert caution.note not in text  # the brief form: the advice is on the screen
        for question in item.questions:
            assert question in text
    for question in {q for item in handout.techniques for q in item.questions}:
        assert text.count(question) == 1  # each once, even one that two techniques share


def test_brief_form_names_techniques_a_condition_is_for_and_asks_once(qapp, tmp_path) -> None:
    long_question = f.t("How will you " + "adapt the session to my back and " * 20 + "how often?")
    shared = {"questions_to_ask": (long_question,)}
    techniques = [
        f.technique(f"tech-{n}", cautions=(Caution("thinners", f.t("Light only.")),), **shared)
        for n in range(4)
    ]
    techniques.append(f.technique("tech-disc", cautions=(Caution("disc", f.t("Not over the disc.")),)))
    handout = handout_of(*techniques)
    html_text = handout_html(handout, qr_text(handout), Layout(10, brief=True))
    # Each condition with its level, and the techniques it is for unless it is for all of them.
    assert "Herniated disc (⚕ Ask your doctor first) (Tech Disc)" in html_text
    assert "Taking blood thinners (⚕ Ask your doctor first) (Tech 0, Tech 1, Tech 2, Tech 3)" in html_text
    assert html_text.count("How will you") == 1


def test_paper_keeps_the_caution_advice_its_code_holds(qapp, tmp_path) -> None:
    """A sheet never says less than its own QR code: when the code still holds each caution's
    advice, the paper prints it too, on a second sheet if need be, rather than the brief form."""
    question = "Will you " + "check how my back feels and " * 12 + "change the plan if it hurts?"
    questions = tuple(f.t(f"{question} ({q})") for q in range(8))
    techniques = [f.technique(f"t-{n}", questions_to_ask=questions) for n in range(3)]
    handout = handout_of(*techniques)
    assert qr_text(handout).detail < Detail.CAUTION_NAMES  # the code has "Ask for light pressure."
    path = tmp_path / "advice.pdf"
    write_pdf(handout, path, A4)
    assert sheets(handout, A4, tmp_path) > 1  # the brief form (each question once) would fit one
    assert (
        pdf_text(path).count("Taking blood thinners — ⚕ Ask your doctor first: Ask for light pressure.") == 3
    )


def codes_on_first_page(path, tmp_path, dpi: int = 100) -> list[str]:
    """The QR codes a phone's reader finds on the PDF's first page, printed at `dpi`."""
    subprocess.run(
        [
            poppler("pdftoppm"),
            "-png",
            "-r",
            str(dpi),
            "-f",
            "1",
            "-l",
            "1",
            str(path),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    page = QImage(str(next(tmp_path.glob("page*.png")))).convertToFormat(QImage.Format.Format_Grayscale8)
    return [r.text for r in zxingcpp.read_barcodes(page, formats=zxingcpp.BarcodeFormat.QRCode)]


def test_qr_code_on_the_page_reads_back(qapp, tmp_path) -> None:
    handout = handout_of(f.technique("gentle"), f.technique("firm-one"))
    path = tmp_path / "list.pdf"
    write_pdf(handout, path, A4)
    assert codes_on_first_page(path, tmp_path) == [qr_text(handout).text]


def test_the_largest_code_on_paper_reads_back(qapp, tmp_path) -> None:
    catalog = load_catalog(bundled_catalog_path()).catalog
    handout = build_handout(catalog, [t.id for t in catalog][:4], "en", WORDS)
    payload = qr_text(handout)
    assert payload.version > 20  # the densest code the kiosk makes, with 0.4 mm modules
    path = tmp_path / "bundled.pdf"
    write_pdf(handout, path, A4)
    assert codes_on_first_page(path, tmp_path, dpi=150) == [payload.text]


def test_pdf_is_written_atomically(qapp, tmp_path, monkeypatch) -> None:
    handout = handout_of(f.technique("gentle"))
    path = tmp_path / "list.pdf"
    path.write_bytes(b"old")
    write_pdf(handout, path, A4)
    assert path.read_bytes().startswith(b"%PDF")
    assert [p.name for p in tmp_path.iterdir()] == ["list.pdf"]  # no temporary file, no backup

    def broken_replace(src: object, dst: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(takeaway_pdf.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write_pdf(handout, tmp_path / "new.pdf", A4)
    assert [p.name for p in tmp_path.iterdir()] == ["list.pdf"]


def test_pdf_destination_in_kiosk_mode(tmp_path) -> None:
    missing = pdf_destination(KioskConfig(path=tmp_path / "kiosk.ini"), kiosk=True)
    assert missing.path is None
    assert "pdf_folder" in missing.reason
    assert "kiosk.ini" in missing.reason

    first = pdf_destination(KioskConfig(pdf_folder=tmp_path), kiosk=True)
    second = pdf_destination(KioskConfig(pdf_folder=tmp_path), kiosk=True)
    assert first.path is not None
    assert second.path is not None
    assert first.path.parent == tmp_path
    assert re.fullmatch(r"massage-shortlist-[0-9a-f]{12}\.pdf", first.path.name)
    assert first.path != second.path
    assert not first.path.exists()

    gone = pdf_destination(KioskConfig(pdf_folder=tmp_path / "gone"), kiosk=True)
    assert gone.path is None
    assert "does not exist" in gone.reason


def test_pdf_destination_outside_the_kiosk_suggests_a_folder(qapp, tmp_path) -> None:
    suggestion = pdf_destination(KioskConfig(), kiosk=False)
    assert suggestion.path is not None
    assert suggestion.path.parent.is_dir()
    assert pdf_destination(KioskConfig(pdf_folder=tmp_path), kiosk=False).path.parent == tmp_path


def visible_dialogs() -> list[QDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()]


@pytest.mark.parametrize(("name", "detail"), [("", "no printer is set"), ("Front desk HP", "not found")])
def test_printing_without_a_printer_says_so_and_never_raises(qapp, name, detail) -> None:
    result = print_handout(handout_of(f.technique("gentle")), name)
    assert not result.ok
    assert result.message == unavailable_message()
    assert result.message == "Printing is not available right now. Please ask at the front desk."
    assert detail in result.detail
    assert visible_dialogs() == []


class FakeInfo:
    """A printer that exists as far as the kiosk can tell."""

    def isNull(self) -> bool:
        return False


class PlainPrinter(QPrinter):
    """Takes the printer info the kiosk looked up and ignores it."""

    def __init__(self, info: object, mode: QPrinter.PrinterMode) -> None:
        super().__init__(mode)


def test_printing_paints_the_handout_with_no_dialog(qapp, tmp_path, monkeypatch) -> None:
    class PdfPrinter(PlainPrinter):
        """Stands in for the printer driver: the pages go to a PDF file we can read."""

        def __init__(self, info: object, mode: QPrinter.PrinterMode) -> None:
            super().__init__(info, mode)
            self.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            self.setOutputFileName(str(tmp_path / "printed.pdf"))

    monkeypatch.setattr(takeaway_print.QPrinterInfo, "printerInfo", lambda name: FakeInfo())
    monkeypatch.setattr(takeaway_print, "QPrinter", PdfPrinter)
    result = print_handout(handout_of(f.technique("gentle")), "Front desk HP")
    assert result.ok, result.detail
    assert "Gentle" in pdf_text(tmp_path / "printed.pdf")
    assert visible_dialogs() == []


def test_a_failing_printer_driver_is_reported_not_raised(qapp, monkeypatch) -> None:
    def broken(handout: Handout, device: object) -> int:
        raise RuntimeError("driver crashed")

    monkeypatch.setattr(takeaway_print.QPrinterInfo, "printerInfo", lambda name: FakeInfo())
    monkeypatch.setattr(takeaway_print, "QPrinter", PlainPrinter)
    monkeypatch.setattr(takeaway_print, "paint_handout", broken)
    result = print_handout(handout_of(f.technique("gentle")), "Front desk HP")
    assert not result.ok
    assert result.message == unavailable_message()
    assert "driver crashed" in result.detail


def test_no_technique_is_split_between_columns(qapp, tmp_path, language) -> None:
    """A benefit at the top of a column would seem to belong to the next technique."""
    catalog = load_catalog(bundled_catalog_path()).catalog
    shortlists = [
        bundled_handout(language, 4),
        build_handout(catalog, [t.id for t in catalog][:4], language, WORDS),
    ]
    checked = 0
    for handout, page_size, points in itertools.product(shortlists, (A4, LETTER), BODY_POINTS):
        writer = QPdfWriter(str(tmp_path / "columns.pdf"))
        writer.setPageSize(page_size)
        column = QSizeF(writer.width() / 2, writer.height())
        layout = Layout(points, brief=True)
        doc = takeaway_pdf._document(handout, qr_text(handout), writer, layout, column)
        places, height = doc.documentLayout(), doc.pageSize().height()
        names = {item.name for item in handout.techniques}
        block = doc.begin()
        while block.isValid():
            if block.text() in names:  # a technique's name: its section runs to the next rule
                checked += 1
                # Where Qt put the rule's line: its bounding rectangle still starts in the column
                # before when Qt moved it to the next one (see pagination.line_span).
                top = pagination.line_span(block.previous())[0]
                bottom = places.blockBoundingRect(pagination.section_end(block.previous())).bottom()
                assert top // height == (bottom - 1) // height, (block.text(), points)
            block = block.next()
    assert checked == 2 * 2 * len(BODY_POINTS) * 4


def columns_of(document: QTextDocument, block: QTextBlock) -> tuple[int, int]:
    """The columns of a block's first and last line."""
    top, bottom = pagination.line_span(block)
    height = document.pageSize().height()
    return int(top // height), int((bottom - 1) // height)


@pytest.mark.slow  # every pair of bundled techniques: CI runs it (bash .ci/test --all)
@pytest.mark.parametrize(("lang", "page_size"), [("en", LETTER), ("es", A4)], ids=["en-Letter", "es-A4"])
def test_column_breaks_in_every_bundled_pair(qapp, tmp_path, lang, page_size) -> None:
    """At a column break nothing is painted twice (copied or read aloud, it would be said twice)
    or lost: the PDF's words are the handout's, each once. No paragraph is split between
    columns and no heading ends one."""
    assert install_language(qapp, lang)
    catalog = load_catalog(bundled_catalog_path()).catalog
    for pair in itertools.combinations([t.id for t in catalog], 2):
        handout = build_handout(catalog, pair, lang, WORDS)
        path = tmp_path / "pair.pdf"
        writer = QPdfWriter(str(path))
        writer.setPageSize(page_size)
        printed = paint_handout(handout, writer)
        del writer  # finishes the file
        laid_out = QTextDocument()
        laid_out.setHtml(handout_html(handout, qr_text(handout), printed.layout))
        expected = laid_out.toPlainText().replace("{qr-code}", "").split()
        sheets = printed.pages
        for sheet in range(sheets):  # the footer on every sheet, numbered when there are more
            expected += handout.footer.split() + ([f"{sheet + 1}/{sheets}"] if sheets > 1 else [])

        def words(text: str) -> list[str]:
            return sorted(unicodedata.normalize("NFKC", text).split())  # pdftotext reads ℹ as i

        assert words(pdf_text(path)) == words(" ".join(expected)), pair
        doc = printed.document
        block = doc.begin()
        while block.isValid():
            first, last = columns_of(doc, block)
            assert first == last, (pair, block.text())
            if block.blockFormat().headingLevel() and block.next().isValid():
                assert last == columns_of(doc, block.next())[0], (pair, block.text())
            block = block.next()
    install_language(qapp, "en")


def test_an_absurdly_long_title_still_gives_a_code(qapp) -> None:
    handout = dataclasses.replace(handout_of(f.technique("gentle")), title="Lista " * 1000)
    payload = qr_text(handout)
    assert payload.shortened
    assert payload.text == handout.labels.more  # the title does not fit any code; the pointer does


def test_a_red_flag_that_reads_like_the_code_mark_stays_text_and_the_code_stays_in_place(qapp, tmp_path):
    # The clinic's red flags come before the code on the page; the code is put where its mark
    # is, and a sign saying the mark's own words must neither take the code nor lose its text.
    from massage_explorer.core.catalog import RedFlag, Urgency
    from massage_explorer.ui.takeaway.handout_html import QR_MARK

    flags = (RedFlag(f.t(QR_MARK), Urgency.EMERGENCY),)
    catalog = f.catalog(f.technique("gentle"), red_flags=flags)
    handout = build_handout(catalog, ["gentle"], "en", WORDS)
    path = tmp_path / "flag.pdf"
    write_pdf(handout, path, A4)
    text = pdf_text(path)
    assert text.count(QR_MARK) == 1  # one of the two left as text: it must be the sign
    assert text.index("Get emergency care now") < text.index(QR_MARK) < text.index("From the clinic")
    assert codes_on_first_page(path, tmp_path) == [qr_text(handout).text]
