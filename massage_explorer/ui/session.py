"""One patient's session: shortlist, comparison, chosen condition and display preferences."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

MAX_COMPARE = 4
TEXT_STEPS = (1.0, 1.25, 1.5)


class SessionState(QObject):
    """Everything about the current patient; held in memory only and wiped by `reset()`."""

    shortlistChanged = Signal()
    compareChanged = Signal()
    conditionChanged = Signal()
    appearanceChanged = Signal()
    languageChanged = Signal()

    def __init__(self, default_language: str = "en", parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.default_language = default_language
        self.shortlist: list[str] = []
        self.compare: list[str] = []
        self.condition: str | None = None
        self.language = default_language
        self.text_step = 0
        self.high_contrast = False

    @property
    def text_scale(self) -> float:
        return TEXT_STEPS[self.text_step]

    def is_shortlisted(self, technique_id: str) -> bool:
        return technique_id in self.shortlist

    def toggle_shortlist(self, technique_id: str) -> bool:
        """Add or remove a technique; returns True when it is now on the shortlist."""
        if technique_id in self.shortlist:
            self.shortlist.remove(technique_id)
            added = False
        else:
            self.shortlist.append(technique_id)
            added = True
        self.shortlistChanged.emit()
        return added

    def remove_from_shortlist(self, technique_id: str) -> None:
        if technique_id in self.shortlist:
            self.shortlist.remove(technique_id)
            self.shortlistChanged.emit()

    def in_compare(self, technique_id: str) -> bool:
        return technique_id in self.compare

    def can_add_to_compare(self) -> bool:
        return len(self.compare) < MAX_COMPARE

    def add_to_compare(self, technique_id: str) -> bool:
        """Add a column; refused (False) when it is already there or four are shown."""
        if technique_id in self.compare or not self.can_add_to_compare():
            return False
        self.compare.append(technique_id)
        self.compareChanged.emit()
        return True

    def remove_from_compare(self, technique_id: str) -> None:
        if technique_id in self.compare:
            self.compare.remove(technique_id)
            self.compareChanged.emit()

    def set_compare(self, technique_ids: list[str]) -> None:
        self.compare = list(dict.fromkeys(technique_ids))[:MAX_COMPARE]
        self.compareChanged.emit()

    def set_condition(self, condition_id: str | None) -> None:
        if condition_id != self.condition:
            self.condition = condition_id
            self.conditionChanged.emit()

    def set_text_step(self, step: int) -> None:
        step = max(0, min(len(TEXT_STEPS) - 1, step))
        if step != self.text_step:
            self.text_step = step
            self.appearanceChanged.emit()

    def set_high_contrast(self, on: bool) -> None:
        if on != self.high_contrast:
            self.high_contrast = on
            self.appearanceChanged.emit()

    def set_language(self, language: str) -> None:
        if language != self.language:
            self.language = language
            self.languageChanged.emit()

    def keep_only(self, technique_ids: set[str]) -> None:
        """After a catalog reload: drop techniques that no longer exist."""
        shortlist = [t for t in self.shortlist if t in technique_ids]
        compare = [t for t in self.compare if t in technique_ids]
        if shortlist != self.shortlist:
            self.shortlist = shortlist
            self.shortlistChanged.emit()
        if compare != self.compare:
            self.compare = compare
            self.compareChanged.emit()

    def reset(self) -> None:
        """Forget the patient: back to a fresh session in the default language. Says only what
        changed: a language or condition said again for nothing makes every card and open page
        anew (at 10,000 techniques, most of a session's end)."""
        changed = [
            self.shortlistChanged if self.shortlist else None,
            self.compareChanged if self.compare else None,
            self.conditionChanged if self.condition is not None else None,
            self.appearanceChanged if (self.text_step, self.high_contrast) != (0, False) else None,
            self.languageChanged if self.language != self.default_language else None,
        ]
        self.shortlist = []
        self.compare = []
        self.condition = None
        self.text_step = 0
        self.high_contrast = False
        self.language = self.default_language
        for signal in changed:
            if signal is not None:
                signal.emit()
