"""Where the handout's two columns break: a technique, a heading with its first lines, and a short
section are never split between columns, so nothing reads as belonging to the next one."""

from __future__ import annotations

from PySide6.QtGui import (
    QTextBlock,
    QTextCursor,
    QTextDocument,
    QTextFormat,
)

SMALL_SECTION = 1 / 3  # a section up to this share of a column is never split between columns


def line_span(block: QTextBlock) -> tuple[float, float]:
    """Top of the block's first line and bottom of its last, where Qt really put them.

    Not blockBoundingRect: when Qt moves a block's first line to the next column, the block's
    rectangle still starts in the column before.
    """
    # Asking for the rectangle lays the document out up to the block: Qt does it lazily.
    block.document().documentLayout().blockBoundingRect(block)
    lines = block.layout()
    origin = lines.position().y()
    if lines.lineCount() == 0:
        rect = lines.boundingRect()
        return origin + rect.top(), origin + rect.bottom()
    first, last = lines.lineAt(0), lines.lineAt(lines.lineCount() - 1)
    return origin + first.y(), origin + last.y() + last.height()


def keep_blocks_whole(doc: QTextDocument) -> None:
    """Move a paragraph that would be split between columns to the next column, a heading that
    ends a column with it, and a short section whole (Qt has no keep-together or keep-with-next).

    A split paragraph reads badly, and Qt draws the line above a column's top once more, clipped
    out of sight but still in the PDF's text: copied or read aloud, it would say it twice.
    """
    height = doc.pageSize().height()

    def column(y: float) -> int:
        return int(y // height)

    block = doc.begin()
    while block.isValid():
        top, bottom = line_span(block)
        last = column(bottom - 1)
        split = column(top) != last and bottom - top < height
        orphaned = _leads(block) and block.next().isValid() and last != column(line_span(block.next())[0])
        if _is_rule(block):
            # A short section (a technique in the brief form) is kept in one column: a benefit
            # at the top of the next one would seem to belong to the technique after it.
            end = line_span(section_end(block))[1]
            small = end - top <= height * SMALL_SECTION
            split = split or (small and column(top) != column(end - 1))
        if split or orphaned:
            # Headings and rules just before the block go with it: a technique's rule with its
            # name, a list's heading with its first item.
            target = block
            while target.previous().isValid() and _leads(target.previous()):
                target = target.previous()
            fmt = target.blockFormat()
            if (
                target == doc.begin()
                or fmt.pageBreakPolicy() & QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore
            ):
                block = block.next()  # already starts a column: it is taller than what is left
                continue
            fmt.setPageBreakPolicy(QTextFormat.PageBreakFlag.PageBreak_AlwaysBefore)
            QTextCursor(target).setBlockFormat(fmt)
            doc.setPageSize(doc.pageSize())  # a full layout again: Qt would finish the rest lazily
            block = target
            continue
        block = block.next()


def section_end(rule: QTextBlock) -> QTextBlock:
    """The last block before the next rule (or the end): a rule starts each section."""
    block = rule
    while block.next().isValid() and not _is_rule(block.next()):
        block = block.next()
    return block


def _leads(block: QTextBlock) -> bool:
    """A heading or a rule: it belongs with what follows it."""
    return block.blockFormat().headingLevel() > 0 or _is_rule(block)


def _is_rule(block: QTextBlock) -> bool:
    fmt = block.blockFormat()
    return block.isValid() and fmt.hasProperty(QTextFormat.Property.BlockTrailingHorizontalRulerWidth)
