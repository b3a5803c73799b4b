"""Take-away: the shortlist as a QR code on screen, a printout and a PDF."""

from massage_explorer.ui.takeaway.panel import TakeawayPage, TakeawayPanel

__all__ = ["TakeawayPage", "TakeawayPanel"]
