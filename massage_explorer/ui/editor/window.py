"""The staff editor's main window: lists | form | live preview, undo, inline problems, safe save.

Over 300 lines on purpose: this is the one place that wires the editor's parts together, and each
part (the forms, the lists, checking, saving, the lock) lives in a module of its own.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSize, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QCloseEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from massage_explorer.core import editing, history
from massage_explorer.core.catalog import Technique, Term
from massage_explorer.core.problems import CatalogProblems, Problem
from massage_explorer.core.storage import (
    copy_pictures,
    remove_stale_temporaries,
)
from massage_explorer.ui.common.labels import plain_label
from massage_explorer.ui.common.pages import PageStack
from massage_explorer.ui.common.steps import Steps
from massage_explorer.ui.common.worker import run_in_thread
from massage_explorer.ui.editor import dialogs
from massage_explorer.ui.editor.background_check import BackgroundCheck
from massage_explorer.ui.editor.checking import inline_problems, save_state, target
from massage_explorer.ui.editor.document import TECHNIQUES, EditorDocument, Selection
from massage_explorer.ui.editor.item_actions import ItemActions
from massage_explorer.ui.editor.locking import CatalogLock
from massage_explorer.ui.editor.look import EDITOR_QSS
from massage_explorer.ui.editor.panes import Panes, arrangement_for
from massage_explorer.ui.editor.preview import PreviewPane
from massage_explorer.ui.editor.problems_panel import ProblemsPanel
from massage_explorer.ui.editor.saving import Saver
from massage_explorer.ui.editor.sidebar import Sidebar
from massage_explorer.ui.editor.technique_form import TechniqueForm
from massage_explorer.ui.editor.term_form import TermForm
from massage_explorer.ui.editor.toolbar import TopBar

CHECK_DELAY_MS = 300  # validation waits for a pause in typing


def _tr(text: str) -> str:
    return QCoreApplication.translate("editor", text)


def read_in_background(path: Path) -> editing.Opened:
    """The catalog file at `path` read and checked on a thread while the windows answer (seconds
    at 5,000 techniques); OSError if it cannot be read. The caller turns off what must wait for
    it (the editor its forms and buttons, the PIN pad Edit and Quit) and checks afterwards that
    the read is still wanted."""
    return run_in_thread(lambda: editing.read_for_editing(path), keep=True)


class EditorWindow(QMainWindow):
    """Edits one catalog file. Raises CatalogProblems when the file cannot be read as a catalog."""

    closed = Signal()

    def __init__(
        self,
        path: Path,
        parent: QWidget | None = None,
        *,
        lock_hours: int = 12,
        other_files: bool = True,
        opened: editing.Opened | None = None,
        on_top: bool = False,
    ) -> None:
        """`lock_hours`: after how long another computer's lock counts as left behind.
        `other_files`: offer Open… and Save as… (not on a kiosk, which edits its own catalog).
        `opened`: the file as already read (`read_in_background`); else it is read here.
        `on_top`: above other windows (a kiosk's, which stays on top itself)."""
        path = Path(path)
        self._lock_hours = lock_hours
        self.opened_other: EditorWindow | None = None  # the window Open… made, for tests
        # Read once: the stamp, the catalog and the bytes a save splices into are all of these.
        if opened is None or opened.path != path:
            opened = editing.read_for_editing(path)
        result, today, on_disk = opened.result, opened.today, opened.on_disk
        if on_disk is None:
            # Refused before the window exists, so no half-built window is left to close later.
            raise CatalogProblems(str(path), result.problems, result.left_out)
        super().__init__(parent)
        if on_top:
            # Set before there is anything in it: a window's flags changed later make Qt set up
            # the window again, restyling every widget in it (0.1 s at 5,000 techniques).
            self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint)
        self.document = EditorDocument(path, on_disk.catalog, self)
        self.saver = self._saver(opened.stamp, on_disk)
        self.actions_ = ItemActions(self.document, self)
        self.lock = CatalogLock(path, stale_after=dt.timedelta(hours=lock_hours))
        self.read_only = not self.lock.acquire()
        if not self.read_only:
            # Only the lock holder saves, so a temporary file of ours here is from a save that died.
            remove_stale_temporaries(path)
        self.problems: list[Problem] = []
        self._left_out = (0, 0)  # counted but not in `problems`: those of reading a file of many
        self._problems_of: object = None  # the catalog `problems` were found in
        self.busy = False
        self._burst = 0  # typing merges into one undo step until focus moves or undo is used
        self.loading = True  # the window is being built (`_load`): nothing can be edited yet
        self.setStyleSheet(EDITOR_QSS)
        self.setWindowTitle(_tr("{name}[*] — Massage Explorer catalog editor").format(name=path.name))
        self._build()
        for button in (self.top.open_button, self.top.save_as_button):
            button.setVisible(other_files)
        self._connect()
        # What reading the file found: shown until the first check is done, and where that check
        # starts from, so that it reads only the techniques the file has problems in (about half
        # a second at 5,000 techniques). It starts once the window is built (`_loaded`), not
        # after a pause in typing: an edit's check made meanwhile waits for it.
        self._opened_with = (on_disk.catalog, result.problems, today, result.left_out)
        self._show_problems(result.problems, checked=None, left_out=result.left_out)
        self._update_title()
        # The rest of the window is built a step at a time once this much is up: built at once,
        # a kiosk's window stood still 0.2 s at 5,000 techniques (the forms, the preview and the
        # lists' lines). Until it is done the window says so, with editing and saving off.
        self._show_opening(len(on_disk.catalog.techniques))
        self._loader = Steps(self._load(), self, after_paint_of=self)
        self._loader.done.connect(self._loaded)

    # -- building -------------------------------------------------------------------------------

    def _build(self) -> None:
        stack = self.document.stack
        self.undo_action = stack.createUndoAction(self, _tr("Undo"))
        self.undo_action.setShortcuts([QKeySequence(QKeySequence.StandardKey.Undo)])
        self.redo_action = stack.createRedoAction(self, _tr("Redo"))
        self.redo_action.setShortcuts(
            [QKeySequence("Ctrl+Shift+Z"), QKeySequence(QKeySequence.StandardKey.Redo)]
        )
        self.addActions([self.undo_action, self.redo_action])
        self.top = TopBar(self.document.path, self)
        self.undo_button, self.redo_button = self.top.undo_button, self.top.redo_button
        self.save_button, self.save_reason, self.status = (
            self.top.save_button,
            self.top.save_reason,
            self.top.status,
        )
        self.undo_button.clicked.connect(self.undo_action.trigger)
        self.redo_button.clicked.connect(self.redo_action.trigger)
        self.save_button.clicked.connect(self.save)
        self.status.setText(self.lock.takeover_text())

        self.banner = plain_label("", self, role="banner")
        self.take_over_button = QPushButton(_tr("Take over editing…"), self)
        self.take_over_button.setAccessibleDescription(
            _tr("For when the other computer is off or its editor crashed: edit here instead.")
        )
        self.take_over_button.clicked.connect(self.ask_take_over)
        self.banner_row = QWidget(self)
        row = QHBoxLayout(self.banner_row)
        row.setContentsMargins(0, 0, 12, 0)
        row.addWidget(self.banner, 1)
        row.addWidget(self.take_over_button)
        self._show_banner()

        # The panes first, then what goes in them, each made in the widget it stays in: moving a
        # whole form into another widget restyles every widget in it (10-25 ms a move under the
        # app's style sheet; at 5,000 techniques a kiosk's window waits for the editor's build).
        central = QWidget(self)
        self.setCentralWidget(central)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.top)
        column.addWidget(self.banner_row)
        # For its screen from the start: on a screen narrower than the panes side by side, a
        # window made as wide as they need would not fit it (a maximized one neither). And the
        # size it is shown maximized at: laid out first at a default size, the panes were moved
        # to another arrangement and back while it showed.
        screen = self.screen()
        room = screen.availableGeometry().size() if screen else QSize(1920, 1080)
        self.resize(room)
        choose = QSplitter(Qt.Orientation.Vertical)
        choose.setChildrenCollapsible(False)
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setAccessibleName(_tr("Form"))
        # The preview scrolls as a whole where it is lower than the patient's page it shows
        # (below the form on a 1024x768 screen): else the form above it was left two lines.
        self.preview_scroll = QScrollArea()
        self.preview_scroll.setWidgetResizable(True)
        self.preview_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.preview_scroll.setAccessibleName(_tr("Preview"))
        self.panes = Panes(
            choose, self.form_scroll, self.preview_scroll, central, arrangement_for(room.width())
        )
        column.addWidget(self.panes, 1)

        self.sidebar = Sidebar(choose)
        self.problems_panel = ProblemsPanel(choose)
        choose.addWidget(self.sidebar)
        choose.addWidget(self.problems_panel)

        # As wide and tall as the form it shows: a benefit's scrolled as far as a technique's.
        self.forms = PageStack()
        self.form_scroll.setWidget(self.forms)
        self.empty = plain_label(_tr("Opening the catalog…"), self.forms, role="empty")
        self.forms.addWidget(self.empty)
        self.forms.setEnabled(not self.read_only)

        self.check_timer = QTimer(self)
        self.check_timer.setSingleShot(True)
        self.check_timer.setInterval(CHECK_DELAY_MS)
        self.check_timer.timeout.connect(self._check_in_background)
        self.background_check = BackgroundCheck(lambda: self.document.base_dir, self)
        self.background_check.checked.connect(self._checked)

    def _load(self) -> Iterator[None]:
        """The window's steps after its frame, each a turn of the event loop of its own (tens of
        milliseconds each on a kiosk; the lists' lines 1,000 at a time, so 10,000 techniques
        take more steps, not longer ones)."""
        yield  # the frame shown and painted first, saying what it opens
        self.sidebar.make_term_panels()
        self._show_sidebar_buttons()
        yield
        self.technique_form = TechniqueForm(self.forms)
        self.technique_form.base_dir = self.document.base_dir
        self.forms.addWidget(self.technique_form)
        self.technique_form.edited.connect(self._technique_edited)
        yield
        self.technique_form.ensurePolished()  # styled here, not in the step that first shows it
        yield
        self.term_form = TermForm(self.forms)
        self.forms.addWidget(self.term_form)
        self.term_form.edited.connect(self._term_edited)
        self.term_form.renameRequested.connect(self._rename_term)
        self.term_form.requiredChanged.connect(self._required_changed)
        self.preview = PreviewPane(self.document.catalog)
        self.preview_scroll.setWidget(self.preview)
        yield
        yield from self.sidebar.set_catalog_in_steps(self.document.catalog)
        selection = self.document.selection
        self.sidebar.panels[selection.kind].select(selection.item_id)  # the list's first look-up
        yield
        self._refresh(selection)
        self.check_timer.stop()  # the first check starts when the window is built (`_loaded`)
        yield
        self.preview.flush()  # its first page (unless its own timer built it already)
        yield

    def _show_opening(self, count: int) -> None:
        """Say that the window is still being built, with what can change the catalog off. The
        forms are left on: none is shown yet, and turning one on again restyles every field."""
        self.busy = True
        self.top.show_busy(_tr("Opening: {count} techniques…").format(count=f"{count:,}"))
        self.sidebar.setEnabled(False)
        self.problems_panel.setEnabled(False)  # opening a problem selects its item
        self._update_save_state()

    @Slot()
    def _loaded(self) -> None:
        self.loading = False
        self.empty.setText(_tr("Choose something to edit in the list."))
        self.set_busy("")
        self.check_timer.stop()
        self.background_check.opened(*self._opened_with)
        self._check_in_background()

    def finish_loading(self) -> None:
        """Build what is left of the window now (tests, screenshots; the first check too)."""
        self._loader.finish()

    def _show_banner(self) -> None:
        self.banner_row.setVisible(self.read_only)
        self.take_over_button.setVisible(self.read_only and self.lock.can_take_over())
        if self.read_only:
            text = self.lock.banner_text()
            self.banner.setText(text)
            self.banner.setAccessibleName(text)

    @Slot()
    def ask_take_over(self) -> None:
        """Take the lock from another computer's editor, after a clear warning."""
        answer = QMessageBox.warning(
            self,
            _tr("Take over editing?"),
            _tr(
                "{owner} holds this catalog. Take over only if that computer is off or its editor "
                "has crashed. If someone is still editing there, their next save will find your "
                "changes and must choose what to keep."
            ).format(owner=self.lock.owner),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        if not self.lock.take_over():
            self._show_banner()  # it changed hands meanwhile: say who has it now
            return
        remove_stale_temporaries(self.document.path)
        self._set_read_only(False)
        self.status.setText(self.lock.takeover_text())
        self.run_check()

    def _connect(self) -> None:
        stack = self.document.stack
        self.document.changed.connect(self._refresh)
        stack.cleanChanged.connect(self._update_title)
        stack.canUndoChanged.connect(self.undo_button.setEnabled)
        stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        self.undo_action.triggered.connect(self._end_burst)
        self.redo_action.triggered.connect(self._end_burst)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._end_burst)
        self.sidebar.selected.connect(self._select)
        self.sidebar.currentChanged.connect(self._kind_switched)
        self.sidebar.actionRequested.connect(self._run_action)
        self.top.red_flags_button.clicked.connect(self.edit_red_flags)
        self.top.report_button.clicked.connect(self.save_review_report)
        self.top.history_button.clicked.connect(self.open_history)
        self.top.open_button.clicked.connect(self.open_other)
        self.top.save_as_button.clicked.connect(self.save_as)
        self.problems_panel.opened.connect(self.open_problem)
        self._show_sidebar_buttons()

    def _show_sidebar_buttons(self) -> None:
        for panel in self.sidebar.panels.values():
            for button in panel.buttons.values():
                button.setVisible(not self.read_only)

    def _set_read_only(self, read_only: bool) -> None:
        """Editing on or off after the window is open (the lock taken over, by us or from us)."""
        self.read_only = read_only
        self.forms.setEnabled(not read_only and not self.busy)
        self._show_sidebar_buttons()
        self._show_banner()
        self._update_save_state()

    # -- showing the document -------------------------------------------------------------------

    @Slot(object)
    def _refresh(self, selection: Selection) -> None:
        catalog = self.document.catalog
        self.sidebar.set_catalog(catalog)
        self.sidebar.show_kind(selection.kind)
        self.sidebar.panels[selection.kind].select(selection.item_id)
        self._show_form(selection)
        self.preview.show(catalog, selection)
        self.check_timer.start()
        self._update_save_state()

    def _show_form(self, selection: Selection) -> None:
        catalog = self.document.catalog
        item_id = selection.item_id or ""
        if selection.kind == TECHNIQUES and (technique := catalog.technique(item_id)):
            self.technique_form.load(catalog, technique)
            self.forms.setCurrentWidget(self.technique_form)
        elif selection.kind != TECHNIQUES and (
            term := (catalog.benefit if selection.kind == "benefits" else catalog.condition)(item_id)
        ):
            self.term_form.load(catalog, selection.kind, term)
            self.forms.setCurrentWidget(self.term_form)
        else:
            self.forms.setCurrentWidget(self.empty)
        self._show_inline_problems()

    @Slot(str, str)
    def _select(self, kind: str, item_id: str) -> None:
        self._end_burst()
        self.document.select(Selection(kind, item_id))
        self._refresh(self.document.selection)

    @Slot(int)
    def _kind_switched(self, _index: int) -> None:
        kind = self.sidebar.kind()
        panel = self.sidebar.panels[kind]
        item_id = panel.current_id() or (panel.model.rows()[0].item_id if panel.model.rows() else None)
        self.document.select(Selection(kind, item_id))
        self._refresh(self.document.selection)

    @Slot()
    def _update_title(self) -> None:
        self.setWindowModified(not self.document.stack.isClean())

    def _end_burst(self, *_: object) -> None:
        self._burst += 1

    # -- edits ----------------------------------------------------------------------------------

    def _merge_key(self, merge: object) -> object:
        selection = self.document.selection
        return None if merge is None else (selection.kind, selection.item_id, merge, self._burst)

    @Slot(object, str, object)
    def _technique_edited(self, new: Technique, text: str, merge: object) -> None:
        old_id = self.document.selection.item_id
        if self.read_only or old_id is None:
            return
        try:
            catalog = editing.replace_technique(self.document.catalog, old_id, new)
        except editing.EditError as exc:
            self.technique_form.id_error = str(exc)
            self._show_inline_problems()
            return
        self.technique_form.id_error = ""
        self.document.edit(catalog, text, Selection(TECHNIQUES, new.id), self._merge_key(merge))

    @Slot(object, str, object)
    def _term_edited(self, new: Term, text: str, merge: object) -> None:
        selection = self.document.selection
        if self.read_only or selection.item_id is None:
            return
        kind: editing.Kind = "benefits" if selection.kind == "benefits" else "conditions"
        catalog = editing.update_term(self.document.catalog, kind, selection.item_id, new)
        self.document.edit(catalog, text, selection, self._merge_key(merge))

    @Slot(str, bool)
    def _required_changed(self, condition_id: str, required: bool) -> None:
        if self.read_only:
            return
        self._end_burst()
        catalog = editing.set_required(self.document.catalog, condition_id, required=required)
        if catalog != self.document.catalog:
            what = _tr("Require a caution") if required else _tr("No longer require a caution")
            self.document.edit(catalog, what, self.document.selection)

    def _may_leave(self) -> bool:
        """Unsaved edits saved or given up, as staff choose; False to stay. Given up, they stay
        marked unsaved until the window is left: another file may yet fail to open."""
        if self.read_only or self.document.stack.isClean():
            return True
        choice = dialogs.ask_unsaved(self)
        if choice == "save":
            return self.save()
        return choice == "discard"

    @Slot()
    def open_other(self) -> None:
        """Open another catalog file in this window's place."""
        if not self._may_leave():
            return
        chosen, _ = QFileDialog.getOpenFileName(
            self, _tr("Open a catalog"), str(self.document.path.parent), _tr("Catalogs (*.yaml *.yml)")
        )
        if not chosen:
            return
        path = Path(chosen)
        self.set_busy(_tr("Opening {name}…").format(name=path.name))
        try:
            opened = read_in_background(path)
            other = EditorWindow(path, lock_hours=self._lock_hours, opened=opened)
        except (CatalogProblems, OSError) as exc:
            dialogs.tell(self, _tr("Cannot open"), str(exc), warning=True)
            return
        finally:
            self.set_busy("")
        self.document.stack.setClean()  # edits given up (_may_leave): closing must not ask again
        other.resize(self.size())
        if self.isMaximized():
            other.showMaximized()
        else:
            other.show()
        self.opened_other = other
        self.close()

    @Slot()
    def save_as(self) -> bool:
        """Save the catalog to another file and go on editing that one (its pictures go with it)."""
        self.run_check()
        if self.error_count():
            dialogs.tell(self, _tr("Not saved"), self.save_reason.text(), warning=True)
            return False
        old = self.document.path
        chosen, _ = QFileDialog.getSaveFileName(
            self, _tr("Save the catalog as"), str(old), _tr("Catalogs (*.yaml)")
        )
        if not chosen:
            return False
        target = Path(chosen)
        if target.resolve() == old.resolve():
            return self.save()
        lock = CatalogLock(target, stale_after=dt.timedelta(hours=self._lock_hours))
        if not lock.acquire():
            dialogs.tell(self, _tr("Not saved"), lock.banner_text(), warning=True)
            return False
        catalog, opened = self.document.catalog, self.saver.on_disk

        def write() -> tuple[bytes, editing.FileStamp]:
            """On a thread, as Save's own writing: seconds at 5,000 techniques."""
            data = editing.catalog_bytes(catalog, opened)  # in the layout of the file opened
            copy_pictures(catalog, old.parent, target.parent)
            # Replacing a file there on purpose (the dialog asked): as it is now, not as opened.
            stamp = editing.FileStamp.of(target) if target.exists() else None
            return data, editing.save_bytes_checked(data, target, stamp, lock=lock)

        self.set_busy(_tr("Saving: writing {name}…").format(name=target.name))
        try:
            data, stamp = run_in_thread(write)
        except (editing.EditError, OSError) as exc:
            lock.release()
            dialogs.tell(self, _tr("Not saved"), str(exc), warning=True)
            return False
        finally:
            self.set_busy("")
        self.lock.release()
        self.lock = lock
        self.document.path = target
        self.technique_form.base_dir = target.parent
        on_disk = editing.OnDisk(data, catalog)
        self.saver = self._saver(stamp, on_disk)
        name, note = self.top.name_edit.text(), (_tr("Saved as a copy of {path}").format(path=old),)
        with contextlib.suppress(OSError):  # its history starts here, saying where it came from
            run_in_thread(lambda: history.record(target, data, None, catalog, name=name, note=note))
        self.document.stack.setClean()
        self._set_read_only(False)
        self.top.file_label.setText(str(target))
        self.setWindowTitle(_tr("{name}[*] — Massage Explorer catalog editor").format(name=target.name))
        self.status.setText(_tr("Saved as {name}.").format(name=target.name))
        self.run_check()
        return True

    @Slot()
    def open_history(self) -> None:
        """The saved versions; restoring one saves it again as the newest."""
        from massage_explorer.ui.editor.history_dialog import HistoryDialog

        dialog = HistoryDialog(self.document.path, self, read_only=self.read_only)
        self._history_dialog = dialog  # for tests, which answer it
        dialog.restoreRequested.connect(self.restore_version)
        dialog.exec()

    @Slot(int)
    def restore_version(self, number: int) -> bool:
        """Version `number` becomes the catalog again, as a new save; unsaved edits are asked about."""
        if self.read_only:
            return False
        if not self.document.stack.isClean() and not dialogs.confirm_restore(self, number):
            return False
        try:
            restored = self.saver.restore(number)  # on a thread: it shows its stage meanwhile
        finally:
            self.set_busy("")
        self._after_refused_save()
        self.status.setText(self.saver.message)
        self.run_check()
        return restored

    @Slot()
    def save_review_report(self) -> None:
        """The review report of the catalog as it is in the editor, as a PDF where staff choose."""
        from massage_explorer.core.review import build_review
        from massage_explorer.ui.review_pdf import write_report_pdf

        path = self.document.path
        suggested = str(path.with_name(f"{path.stem}-review.pdf"))
        chosen, _ = QFileDialog.getSaveFileName(self, _tr("Save the review report"), suggested, "PDF (*.pdf)")
        if not chosen:
            return
        source = (
            str(path)
            if self.document.stack.isClean()
            else _tr("{path}, with unsaved changes").format(path=path)
        )
        report = build_review(self.document.catalog, source)
        try:
            write_report_pdf(report, Path(chosen))
        except OSError as exc:
            QMessageBox.warning(self, _tr("Report not saved"), f"{chosen}: {exc.strerror or exc}")
            return
        self.status.setText(_tr("Review report saved: {path}").format(path=chosen))

    def edit_red_flags(self) -> None:
        """The red flags in a dialog; OK makes one undoable edit."""
        from massage_explorer.ui.editor.red_flags_dialog import RedFlagsDialog

        dialog = RedFlagsDialog(self.document.catalog, self)
        self._red_flags_dialog = dialog  # for tests, which answer it
        if dialog.exec() != RedFlagsDialog.DialogCode.Accepted or self.read_only:
            return
        catalog = dialog.result_catalog()
        if catalog != self.document.catalog:
            self._end_burst()
            self.document.edit(catalog, _tr("Edit red flags"), self.document.selection)

    def _run_action(self, kind: str, action: str) -> None:
        if self.read_only:
            return
        self._end_burst()
        self.actions_.last_message = ""
        self.actions_.run(kind, action, self.sidebar.panels[kind].current_id())
        if self.actions_.last_message:
            self.status.setText(self.actions_.last_message)

    def _rename_term(self) -> None:
        self._run_action(self.document.selection.kind, "rename")

    # -- validation -----------------------------------------------------------------------------

    @Slot()
    def run_check(self) -> None:
        """Check the catalog as it is now and show what it finds, before a save. The check runs
        in its thread as after a pause in typing; the window keeps painting meanwhile and holds
        back what staff type or click until it is done (milliseconds, once the first check after
        opening is over)."""
        self.finish_loading()
        self.check_timer.stop()
        catalog = self.document.catalog
        if self._problems_of is catalog:
            return
        self.background_check.start(catalog)
        loop = QEventLoop()
        self.background_check.finished.connect(loop.quit)
        try:
            while self._problems_of is not catalog and self.background_check.busy:
                loop.exec(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
        finally:
            self.background_check.finished.disconnect(loop.quit)
        if self._problems_of is not catalog:  # the thread failed (it logged why): check here
            self._show_problems(editing.check(catalog, base_dir=self.document.base_dir), checked=catalog)

    @Slot()
    def _check_in_background(self) -> None:
        self.background_check.start(self.document.catalog)

    @Slot(object, list)
    def _checked(self, catalog: object, problems: list[Problem]) -> None:
        """A check from the thread: shown if it is of the catalog as it is now (else a newer one
        is coming)."""
        if catalog is self.document.catalog:
            self._show_problems(problems, checked=catalog)

    def _show_problems(
        self, problems: list[Problem], *, checked: object, left_out: tuple[int, int] = (0, 0)
    ) -> None:
        """Show `problems`; `checked`: the catalog the check found them in (None: those reading
        the file found, shown until the first check is done; Save still waits for that), which
        keeps every one; `left_out`: those reading the file counted but did not keep."""
        self.problems = problems
        self._left_out = left_out
        self._problems_of = checked
        self.problems_panel.set_problems(self.problems, left_out)
        self._show_inline_problems()
        self._update_save_state()

    def _show_inline_problems(self) -> None:
        form = self.forms.currentWidget()
        if isinstance(form, TechniqueForm | TermForm):
            form.show_problems(inline_problems(self.problems, self.document.catalog, self.document.selection))

    @Slot(object)
    def open_problem(self, problem: Problem) -> None:
        """Select the item a problem is about and put keyboard focus on its field."""
        where = target(problem, self.document.catalog)
        if where is None:
            self.status.setText(problem.text)
            return
        self._select(where.kind, where.item_id or "")
        form = self.forms.currentWidget()
        if isinstance(form, TechniqueForm | TermForm):
            section = form.focus_field(where.field)
            if section is not None:
                self.form_scroll.ensureWidgetVisible(section, 0, 24)

    # -- saving and closing ---------------------------------------------------------------------

    def error_count(self) -> int:
        return sum(p.is_error for p in self.problems) + self._left_out[0]

    def _update_save_state(self) -> None:
        if self.loading:  # no word on saving beside "Opening…": nothing can be saved yet
            self.top.set_save_state(False, "")
            return
        self.top.set_save_state(*save_state(self.problems, read_only=self.read_only, left_out=self._left_out))
        if self.busy:
            self.save_button.setEnabled(False)

    @Slot()
    def save(self) -> bool:
        """Save to the catalog file; True when saved. Refused while the catalog has errors.

        The window answers while it saves (see `Saver.save`), with a progress bar; nothing can be
        edited meanwhile."""
        if self.read_only or self.busy:
            return False
        self.set_busy(_tr("Saving: checking the catalog…"))
        try:
            self.run_check()  # the debounce may not have run since the last keystroke
            saved = not self.error_count() and self.saver.save()
        finally:
            self.set_busy("")
        self._after_refused_save()
        if self.saver.message:
            self.status.setText(self.saver.message)
        return saved

    def _saver(self, stamp: editing.FileStamp, on_disk: editing.OnDisk) -> Saver:
        return Saver(self.document, stamp, on_disk, self, who=lambda: self.top.name_edit.text(),
                     progress=self.set_busy, lock=lambda: self.lock)  # fmt: skip

    def _after_refused_save(self) -> None:
        """A save found this editor's lock taken over by another editor: read-only from now on, the
        banner saying who has it (and offering to take it back, as when opening)."""
        if self.read_only or self.lock.held:
            return
        self._set_read_only(not self.lock.acquire())  # it may be gone, not taken: ours again then

    def set_busy(self, stage: str) -> None:
        """Show a save's or a read's `stage` in words with a progress bar, editing off; "" when it
        is over."""
        self.busy = bool(stage)
        self.top.show_busy(stage)
        editable = not self.busy and not self.read_only
        self.forms.setEnabled(editable)
        self.sidebar.setEnabled(not self.busy)
        self.problems_panel.setEnabled(not self.busy)  # opening a problem selects its item
        stack = self.document.stack
        self.undo_action.setEnabled(not self.busy and stack.canUndo())
        self.redo_action.setEnabled(not self.busy and stack.canRedo())
        if not self.busy:
            for button in self.top.buttons:
                button.setEnabled(True)
            self.undo_button.setEnabled(stack.canUndo())
            self.redo_button.setEnabled(stack.canRedo())
            self._update_save_state()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        QTimer.singleShot(0, self, self._within_screen)

    def _within_screen(self) -> None:
        """No larger than its screen, once the panes are laid out at their widths: before that,
        the preview's wrapped words asked for more height (a window 30 px taller than a
        1280x720 screen, its bottom cut off, though everything fits it)."""
        screen = self.screen()
        if screen is None:
            return
        room = screen.availableGeometry().size()
        if self.width() > room.width() or self.height() > room.height():
            layout = self.layout()
            if layout is not None:
                layout.activate()  # the minimum of the panes as laid out now
            self.resize(self.size().boundedTo(room))

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy and not self.loading:  # it closes once the save (or read) is over, if asked again
            event.ignore()
            return
        self._loader.stop()  # still being built: nothing in it can have been edited
        if not self.read_only and not self.document.stack.isClean():
            choice = dialogs.ask_unsaved(self)
            if choice == "save" and not self.save() and self.error_count():
                dialogs.tell(self, _tr("Not saved"), self.save_reason.text(), warning=True)
            if choice == "cancel" or (choice == "save" and not self.document.stack.isClean()):
                event.ignore()
                return
        self.check_timer.stop()
        self.background_check.stop()
        self.lock.release()
        super().closeEvent(event)
        self.closed.emit()
