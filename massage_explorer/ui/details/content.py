"""The readable body of the details screen, built from one technique as plain-text labels."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QDate, QLocale, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from massage_explorer.core.catalog import Catalog, Technique
from massage_explorer.core.present import CautionText, ClaimText, TechniqueText
from massage_explorer.ui.common.labels import catalog_label, plain_label
from massage_explorer.ui.common.words import WORDS, presenter
from massage_explorer.ui.details.columns import BalancedColumns
from massage_explorer.ui.details.picture import load_picture

OUT_OF_DATE_YEARS = 5
SECTION_SPACING = 28


def years_before(today: dt.date, years: int) -> dt.date:
    try:
        return today.replace(year=today.year - years)
    except ValueError:  # 29 February
        return today.replace(year=today.year - years, day=28)


def is_out_of_date(reviewed: dt.date, today: dt.date) -> bool:
    """True when the evidence was last reviewed more than five years ago."""
    return reviewed < years_before(today, OUT_OF_DATE_YEARS)


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n\n") if p.strip()]


class ContentBuilder:
    """Builds the details body for one technique in one language; missing fields add nothing."""

    def __init__(
        self,
        catalog: Catalog,
        language: str,
        condition: str | None,
        today: dt.date,
        image_folder: Path | None = None,
    ) -> None:
        self.catalog = catalog
        self.language = language
        self.condition = condition
        self.today = today
        self.image_folder = image_folder  # the catalog's folder, where its pictures are

    def build(self, technique: Technique) -> QWidget:
        text = presenter(self.catalog, self.language).technique(technique, self.condition)
        content = QWidget()
        content.setObjectName("detailContent")
        layout = QVBoxLayout(content)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SECTION_SPACING)
        intro = QVBoxLayout()
        intro.addWidget(catalog_label(text.name, role="title"))
        intro.addWidget(catalog_label(text.summary, role="body"))
        picture = self.picture(text)
        if picture is not None:
            intro.addWidget(picture, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addLayout(intro)
        firm = plain_label(f"{text.pressure_scale}  {text.pressure_words}", role="badge")
        firm.setAccessibleName(
            QCoreApplication.translate("DetailView", "Pressure: {p}").format(p=text.pressure_words)
        )
        long = plain_label(text.minutes, role="badge")
        layout.addLayout(
            self.side_by_side(
                [
                    self.section(QCoreApplication.translate("DetailView", "How firm"), [firm]),
                    self.section(QCoreApplication.translate("DetailView", "How long"), [long]),
                ]
            )
        )
        # Benefits and cautions get the same heading, card style and width: equal weight. They come
        # before the longer reading, so that on arrival the screen shows who should be careful.
        # The reading goes under whichever of the two columns ends first (BalancedColumns).
        if text.cautions:
            cards = [self.caution_card(c) for c in text.cautions]  # the patient's condition first
        else:
            # Never silence: a missing section could be read as "safe for everyone".
            cards = [
                plain_label(
                    QCoreApplication.translate(
                        "DetailView",
                        "No specific cautions are listed for this technique. "
                        "Still check with your doctor first.",
                    ),
                    role="body",
                )
            ]
        careful = self.section(QCoreApplication.translate("DetailView", "Who should be careful"), cards)
        reading = self.reading(text)
        if text.claims:
            claims: list[QWidget] = []
            if text.newest_source is not None:
                # How current the evidence is, at a glance; the citations are at the end.
                newest = plain_label(WORDS.newest_source(text.newest_source), role="muted")
                newest.setObjectName("newestSource")
                claims.append(newest)
            claims += [self.benefit_card(c) for c in text.claims]  # the strongest evidence first
            helps = self.section(QCoreApplication.translate("DetailView", "What it may help with"), claims)
            layout.addLayout(
                BalancedColumns(content, helps, careful, self.column(reading), spacing=SECTION_SPACING)
            )
        else:
            layout.addLayout(self.side_by_side([careful]))
            for section in reading:
                layout.addWidget(section)
        sources = self.sources(text)
        if sources is not None:
            layout.addWidget(sources)
        layout.addStretch(1)
        return content

    def reading(self, text: TechniqueText) -> list[QWidget]:
        """What it is, what it feels like, what to expect after, what to ask; missing ones left out."""
        # Not through an alias of translate: pyside6-lupdate would misread the calls.
        what = [catalog_label(p, role="body") for p in paragraphs(text.description)]
        sections = [self.section(QCoreApplication.translate("DetailView", "What it is"), what)]
        if text.feels_like:
            feels = catalog_label(text.feels_like, role="body")
            heading = QCoreApplication.translate("DetailView", "What it feels like")
            sections.append(self.section(heading, [feels]))
        if text.after_session:
            after = catalog_label(text.after_session, role="body")
            heading = QCoreApplication.translate("DetailView", "What to expect after")
            sections.append(self.section(heading, [after]))
        if text.questions:
            questions = [catalog_label(f"• {q}", role="body") for q in text.questions]
            heading = QCoreApplication.translate("DetailView", "Questions to ask your therapist")
            sections.append(self.section(heading, questions))
        return sections

    def column(self, widgets: Sequence[QWidget]) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(SECTION_SPACING)
        for widget in widgets:
            layout.addWidget(widget)
        return box

    def sources(self, text: TechniqueText) -> QWidget | None:
        """Every benefit's citations, under the benefit's name, in the order of the cards."""
        labels: list[QWidget] = []
        for claim in text.claims:
            if claim.sources:
                labels.append(self.strong(claim.label))
                labels += [catalog_label(source, role="muted") for source in claim.sources]
        if not labels:
            return None
        return self.section(QCoreApplication.translate("DetailView", "Sources"), labels)

    def picture(self, text: TechniqueText) -> QLabel | None:
        """The technique's picture, when it has one that can be shown; else nothing, not a box."""
        if not text.image or self.image_folder is None:
            return None
        pixmap = load_picture(self.image_folder, text.image)
        if pixmap is None:
            return None
        label = QLabel()
        label.setObjectName("picture")
        label.setPixmap(pixmap)
        label.setAccessibleName(
            QCoreApplication.translate("DetailView", "Picture: {name}").format(name=text.name)
        )
        if text.image_alt:
            label.setAccessibleDescription(text.image_alt)
        return label

    def section(self, heading: str, widgets: Sequence[QWidget]) -> QWidget:
        box = QWidget()
        box.setProperty("role", "section")
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(12)
        title = plain_label(heading, role="heading")
        title.setAccessibleName(heading)
        layout.addWidget(title)
        for widget in widgets:
            layout.addWidget(widget)
        return box

    def side_by_side(self, widgets: Sequence[QWidget]) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(SECTION_SPACING)
        for widget in widgets:
            row.addWidget(widget, 1, Qt.AlignmentFlag.AlignTop)
        return row

    def card(self, labels: list[QLabel], *, strong: bool = False) -> QFrame:
        frame = QFrame()
        frame.setProperty("role", "card")
        frame.setBackgroundRole(QPalette.ColorRole.Base)
        frame.setAutoFillBackground(True)
        # A plain box in the text colour shows in high contrast too; a caution that applies to
        # the patient also gets a thicker frame, besides its words.
        frame.setFrameShape(QFrame.Shape.Box)
        frame.setFrameShadow(QFrame.Shadow.Plain)
        frame.setLineWidth(3 if strong else 1)
        layout = QVBoxLayout(frame)
        layout.setContentsMargins(18, 16, 18, 16)
        layout.setSpacing(8)
        for label in labels:
            layout.addWidget(label)
        return frame

    def strong(self, text: str) -> QLabel:
        label = catalog_label(text, role="body")  # a benefit's or a condition's label
        font = label.font()
        font.setBold(True)
        label.setFont(font)
        return label

    def benefit_card(self, claim: ClaimText) -> QFrame:
        labels = [self.strong(claim.label), plain_label(claim.summary, role="badge")]
        if claim.note:
            labels.append(catalog_label(claim.note, role="body"))
        if claim.sources:
            # The citations themselves are at the end of the page (see `sources`): in each card
            # they made the benefits column so long that "What it is" came screens later.
            labels.append(
                plain_label(
                    QCoreApplication.translate("DetailView", "Sources: at the end of this page"), role="muted"
                )
            )
        if claim.reviewed:
            # The pattern is translated too: "1 June 2025", "1 de junio de 2025".
            pattern = QCoreApplication.translate("DetailView", "d MMMM yyyy", "QDate format of a review date")
            date = QLocale(self.language).toString(
                QDate(claim.reviewed.year, claim.reviewed.month, claim.reviewed.day), pattern
            )
            if is_out_of_date(claim.reviewed, self.today):
                text = QCoreApplication.translate(
                    "DetailView", "⚠ May be out of date: the evidence was last checked on {date}."
                )
                labels.append(plain_label(text.format(date=date), role="body"))
            else:
                text = QCoreApplication.translate("DetailView", "Evidence last checked on {date}.")
                labels.append(plain_label(text.format(date=date), role="muted"))
        return self.card(labels)

    def caution_card(self, caution: CautionText) -> QFrame:
        labels = [self.strong(caution.label)]
        if caution.applies:
            mark = self.strong(WORDS.applies())
            mark.setProperty("role", "badge")
            mark.setObjectName("appliesToYou")
            labels.append(mark)
        # How serious it is, in words and a symbol (never by colour alone).
        level = plain_label(caution.level_long, role="badge")
        level.setObjectName("cautionLevel")
        labels.append(level)
        labels.append(catalog_label(caution.note, role="body"))
        return self.card(labels, strong=caution.applies)
