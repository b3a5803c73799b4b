"""Massage Explorer: compare massage techniques and how strong the evidence for them is."""

__version__ = "0.1.0"
