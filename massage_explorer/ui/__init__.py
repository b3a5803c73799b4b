"""Everything that imports PySide6: the patient screens, the kiosk and the staff editor."""
