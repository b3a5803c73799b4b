"""Starting a kiosk that never gives up: while its settings or catalog cannot be used, an
out-of-service page (a calm word for patients, one line for staff), checked again every so often,
and the kiosk itself as soon as both can be used, in the same process.

A kiosk that exited instead was restarted by its service every few seconds, for ever, with nothing
on screen and the reason only in a log nobody reads at the front desk.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QLocale, QObject, Qt, QTimer, Slot
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QVBoxLayout, QWidget

from massage_explorer.core.catalog import Catalog
from massage_explorer.core.languages import interface_languages
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.preload import PendingLoad
from massage_explorer.core.problems import LoadResult, Problem, Severity, errors_listed
from massage_explorer.core.settings import ConfigError, KioskConfig, load_config
from massage_explorer.ui.common.labels import plain_label
from massage_explorer.ui.kiosk.window import KioskWindow, cover_screen, lock_down, open_kiosk
from massage_explorer.ui.launch import prepare_application, settle_memory

log = logging.getLogger(__name__)

RETRY_SECONDS = 30.0
STAFF_TEXT_LIMIT = 400  # characters of the problem on screen: about three lines; the log has it all


# -- can the kiosk start? (the same rules as ever: a catalog with errors falls back to its backup) --
@dataclass(frozen=True)
class KioskStart:
    """What the kiosk starts on; `refused` is the catalog file's problems when it shows the backup."""

    config: KioskConfig
    catalog: Catalog
    catalog_path: Path
    refused: LoadResult | None = None


@dataclass(frozen=True)
class NotReady:
    """Why the kiosk cannot start yet: each problem as "FILE:LINE:COL: error: …", the first one
    to fix first; `language` the kiosk's first language, as far as it is known."""

    problems: tuple[str, ...]
    language: str = "en"


def _read(path: Path, pending: PendingLoad | None = None) -> LoadResult:
    try:
        if pending is not None and pending.path == path:
            return pending.result()  # read by a child process: this one need not import PyYAML
        from massage_explorer.core.storage import load_catalog

        return load_catalog(path)
    except OSError as exc:  # said like a problem of the file as a whole, as the live reload does
        return LoadResult(None, [Problem(Severity.ERROR, f"cannot read the file: {exc.strerror or exc}")])


def check_start(
    config_path: Path, data_path: Path | None, language: str | None, pending: PendingLoad | None = None
) -> KioskStart | NotReady:
    """Read the settings and the catalog they name (`data_path` overrides it) as a kiosk starts;
    `pending`: that catalog, already being read while Qt was loading (the first try only)."""
    try:
        config = load_config(config_path)
    except ConfigError as exc:
        return NotReady((str(exc),), language or "en")
    if language:
        config = dataclasses.replace(config, language=language)
    path = data_path or config.catalog or bundled_catalog_path()
    result = _read(path, pending)
    if result.catalog is not None:
        return KioskStart(config, result.catalog, path)
    from massage_explorer.core.storage import BACKUP_SUFFIX

    backup = path.with_name(path.name + BACKUP_SUFFIX)
    last_good = _read(backup) if backup.is_file() else None
    if last_good is not None and last_good.catalog is not None:
        # Staff see the file's problems on the PIN pad; a corrected save is picked up.
        for line in errors_listed(result, str(path)):
            log.warning("%s", line)
        log.warning("%s has errors; showing the last good version, %s", path, backup.name)
        return KioskStart(config, last_good.catalog, path, refused=result)
    problems = errors_listed(result, str(path))
    if last_good is not None:
        problems += errors_listed(last_good, str(backup))
    return NotReady(
        (*problems, f"{path}: cannot start: fix the catalog, or restore {backup.name}"), config.language
    )


def shorten(text: str, limit: int = STAFF_TEXT_LIMIT) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


# -- the page ------------------------------------------------------------------------------------
_CONTEXT = "OutOfServicePage"
# (Qt's own marker: core.present's would import that module's classes before the first frame.)
_SORRY = str(QT_TRANSLATE_NOOP("OutOfServicePage", "Sorry, this screen is not available right now."))
_ASK = str(QT_TRANSLATE_NOOP("OutOfServicePage", "Please ask at the front desk. We are happy to help."))


def _in_language(code: str, source: str) -> str:
    """`source` in the language `code`, whatever language the app is in; "" with no translation."""
    if code == "en":
        return source
    from PySide6.QtCore import QTranslator

    from massage_explorer.ui.common.i18n import APP_CATALOG, translations_path

    translator = QTranslator()
    if not translator.load(QLocale(code), APP_CATALOG, "_", translations_path()):
        return ""
    return translator.translate(_CONTEXT, source) or ""


class OutOfServicePage(QFrame):
    """Shown while the kiosk cannot start: the same calm words in each language the interface
    speaks (the kiosk's first), and one line for staff. Nothing about any patient or technique;
    no way out, as on the kiosk itself."""

    def __init__(self, language: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("outOfService")
        # Not frameless: cage showed a frameless window covering the screen as a black screen.
        # Full screen, it has no frame anyway.
        self.setWindowFlags(Qt.WindowType.Window | Qt.WindowType.WindowStaysOnTopHint)
        self.setWindowTitle(self.tr("Massage Explorer"))
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.NoContextMenu)
        self.setAutoFillBackground(True)
        self._may_close = False
        self._lockdown = lock_down(self)
        column = QVBoxLayout(self)
        column.setContentsMargins(80, 80, 80, 60)
        column.setSpacing(20)
        column.addStretch(3)
        codes = [language, *sorted(interface_languages() - {language})]
        self.words: list[QLabel] = []
        for code in codes:
            sorry, ask = _in_language(code, _SORRY), _in_language(code, _ASK)
            if not (sorry and ask):  # a language without these words yet: not shown in English twice
                continue
            first = not self.words
            for text, role in ((sorry, "hero" if first else "heading"), (ask, "heading" if first else "")):
                label = plain_label(text, role=role)
                label.setAlignment(Qt.AlignmentFlag.AlignCenter)
                self.words.append(label)
                column.addWidget(label)
            column.addSpacing(40)
        self.setAccessibleName(self.words[0].text())
        column.addStretch(4)
        self.staff = plain_label("", role="muted")
        column.addWidget(self.staff)

    def set_problems(self, problems: tuple[str, ...], retry_seconds: float) -> None:
        """The first problem (what is wrong and how to fix it, shortened), how many more the log
        has, and that the kiosk keeps checking."""
        line = self.tr("For staff:") + " " + shorten(problems[0])
        if len(problems) > 1:
            line += " " + self.tr("(+{n} more in the log)").format(n=len(problems) - 1)
        seconds = max(1, round(retry_seconds))
        again = self.tr("The kiosk checks again every {n} seconds and starts by itself once this is fixed.")
        self.staff.setText(line + "\n" + again.format(n=seconds))

    def retire(self) -> None:
        """The kiosk is up: this page closes for good."""
        self._may_close = True
        self.close()
        self.deleteLater()

    def closeEvent(self, event: QCloseEvent) -> None:
        # Alt+F4, the compositor's close: a patient cannot end the page (and get a restart loop).
        if self._may_close:
            event.accept()
        else:
            event.ignore()


# -- retrying until it can start ------------------------------------------------------------------
class KioskLauncher(QObject):
    """Starts the kiosk as soon as `check_start` allows; until then shows the out-of-service page
    and checks again every `retry_seconds`."""

    def __init__(
        self,
        config_path: Path,
        data_path: Path | None,
        language: str | None,
        *,
        retry_seconds: float = RETRY_SECONDS,
        pending: PendingLoad | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._args = (config_path, data_path, language)
        self._pending = pending
        self.retry_seconds = retry_seconds
        self.page: OutOfServicePage | None = None
        self.window: KioskWindow | None = None
        self._said: tuple[str, ...] = ()
        self._retry = QTimer(self)
        self._retry.setInterval(round(retry_seconds * 1000))
        self._retry.timeout.connect(self.attempt)

    @Slot()
    def attempt(self) -> bool:
        """Try to start the kiosk now; True once it runs."""
        if self.window is not None:
            return True
        try:
            pending, self._pending = self._pending, None  # read once: a retry reads the file again
            outcome = check_start(*self._args, pending)
            if isinstance(outcome, KioskStart):
                self.window = open_kiosk(
                    outcome.catalog,
                    outcome.config,
                    catalog_path=outcome.catalog_path,
                    refused=outcome.refused,
                )
        except Exception as exc:  # a bug must not end the kiosk either: staff see it, it is retried
            outcome = NotReady(
                (f"the kiosk could not start: {type(exc).__name__}: {exc}",), self._args[2] or "en"
            )
            if outcome.problems != self._said:
                log.exception("the kiosk could not start")
        if isinstance(outcome, NotReady):
            self._out_of_service(outcome)
            return False
        self._retry.stop()
        assert isinstance(outcome, KioskStart)
        backup = " (its last good version)" if outcome.refused is not None else ""
        log.info("kiosk started: %d techniques from %s%s", len(outcome.catalog), outcome.catalog_path, backup)
        if self.page is not None:
            log.info("kiosk back in service")
            self.page.retire()
            self.page = None
            QTimer.singleShot(0, settle_memory)  # the kiosk's window is long-lived, as at start-up
        return True

    def _out_of_service(self, why: NotReady) -> None:
        if why.problems != self._said:  # said once, and again when it changes: not every retry
            self._said = why.problems
            for problem in why.problems:
                log.warning("kiosk out of service: %s", problem)
            log.warning("kiosk out of service: checking again every %g seconds", self.retry_seconds)
        if self.page is None:
            from massage_explorer.ui.common.i18n import install_language

            app = QApplication.instance()
            if app is not None:
                install_language(app, why.language)
            self.page = OutOfServicePage(why.language)
            cover_screen(self.page)
        self.page.set_problems(why.problems, self.retry_seconds)
        self._retry.start()


# -- the display ------------------------------------------------------------------------------------
def display_problem(env: Mapping[str, str] = os.environ) -> str:
    """Why the Wayland display Qt is told to use cannot be reached, or "" (also when that cannot
    be known beforehand: other platforms, a fallback list, a socket handed over)."""
    if env.get("QT_QPA_PLATFORM", "") != "wayland" or env.get("WAYLAND_SOCKET"):
        return ""
    name = env.get("WAYLAND_DISPLAY") or "wayland-0"
    runtime = env.get("XDG_RUNTIME_DIR", "")
    if not os.path.isabs(name) and not runtime:
        return "XDG_RUNTIME_DIR is not set: start the kiosk in a login session or under cage"
    path = os.path.join(runtime, name)
    import socket  # for this probe only (under cage): no other start-up waits for it

    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        try:
            probe.connect(path)
        except OSError as exc:
            return (
                f"cannot reach the Wayland display {path} ({exc.strerror or exc}): check that the "
                "compositor (cage) runs as this user, with XDG_RUNTIME_DIR owned by this user"
            )
    return ""


def wait_for_display(retry_seconds: float, sleep: Callable[[float], object] = time.sleep) -> None:
    """Wait, saying why once, until the display can be reached: Qt would abort without one, and
    the service would restart it every few seconds, for ever."""
    said = ""
    while problem := display_problem():
        if problem != said:
            said = problem
            log.warning(
                "kiosk cannot show anything yet: %s; checking every %g seconds", problem, retry_seconds
            )
        sleep(retry_seconds)


def run_kiosk_when_ready(
    config_path: Path,
    data_path: Path | None,
    language: str | None,
    *,
    retry_seconds: float = RETRY_SECONDS,
    pending: PendingLoad | None = None,
) -> int:
    """The kiosk (`--kiosk`): its welcome screen when settings and catalog can be used, otherwise
    the out-of-service page until they can. Returns only when staff quit (0)."""
    wait_for_display(retry_seconds)
    # No title bar with a close button drawn by Qt itself on Wayland, where cage draws none: the
    # out-of-service page cannot be frameless (see OutOfServicePage).
    os.environ.setdefault("QT_WAYLAND_DISABLE_WINDOWDECORATION", "1")
    app = prepare_application()
    launcher = KioskLauncher(config_path, data_path, language, retry_seconds=retry_seconds, pending=pending)
    launcher.attempt()
    QTimer.singleShot(0, settle_memory)
    status: int = app.exec()
    return status
