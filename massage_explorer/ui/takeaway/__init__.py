"""Take-away: the shortlist as a QR code on screen, a printout and a PDF."""

from massage_explorer.ui.takeaway.panel import TakeawayPage, TakeawayPanel
from massage_explorer.ui.takeaway.pdf import write_pdf

__all__ = ["TakeawayPage", "TakeawayPanel", "write_pdf"]
