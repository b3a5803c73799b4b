"""The kiosk: its window (welcome screen, idle countdown, PIN pad) and its start-up, which shows an
out-of-service page instead of exiting while the settings or the catalog cannot be used."""

from massage_explorer.ui.kiosk.out_of_service import KioskLauncher, OutOfServicePage, run_kiosk_when_ready
from massage_explorer.ui.kiosk.window import KioskWindow, run_kiosk

__all__ = ["KioskLauncher", "KioskWindow", "OutOfServicePage", "run_kiosk", "run_kiosk_when_ready"]
