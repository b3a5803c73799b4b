"""Command line: run the patient app (default), `validate` catalogs, `set-pin`, `edit`, `init`,
`report`, `history`, `doctor`.

Start-up matters here: the patient app imports only what showing its first screen needs; Qt,
the kiosk settings and the editor are imported by the commands that use them."""

from __future__ import annotations

import argparse
import gc
import importlib
import os
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from massage_explorer import __version__
from massage_explorer.core.languages import KNOWN
from massage_explorer.core.paths import bundled_catalog_path, default_config_path
from massage_explorer.core.preload import PendingLoad
from massage_explorer.core.problems import LoadResult, Problem, listed

if TYPE_CHECKING:
    from massage_explorer.core.catalog import Catalog

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2
EXIT_BROKEN_PIPE = 128 + 13  # as a shell reports a command ended by SIGPIPE


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="massage-explorer",
        description="Compare massage techniques and how strong the evidence for them is.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--data", metavar="FILE", type=Path, help="catalog to show (default: bundled)")
    parser.add_argument("--kiosk", action="store_true", help="run as a locked-down kiosk")
    parser.add_argument(
        "--language",
        choices=list(KNOWN),
        metavar="CODE",
        help=f"first language of the patient app: {' or '.join(KNOWN)} (kiosk: [kiosk] language)",
    )
    parser.add_argument(
        "--config", type=Path, metavar="FILE", help="kiosk settings file (default: %(default)s)",
        default=default_config_path(),
    )  # fmt: skip
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check catalog files and report every problem",
        description="Check catalog files. Exit 0 valid, 1 invalid, 2 usage error or unreadable file.",
    )
    validate.add_argument("files", nargs="*", type=Path, metavar="FILE")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    set_pin = commands.add_parser(
        "set-pin",
        help="set the kiosk's staff PIN (asked twice, stored only as a salted hash)",
        description="Set the staff PIN that unlocks a kiosk. There is no default PIN.",
    )
    _add_config(set_pin)
    _add_edit_command(commands)
    init = commands.add_parser(
        "init",
        help="copy the bundled catalog into a folder, to start a clinic's own",
        description="Copy the bundled catalog and its pictures (resources/) into FOLDER, made if "
        "needed. Refuses to overwrite a catalog already there. Exit 0 copied, 1 refused, 2 cannot write.",
    )
    init.add_argument("folder", type=Path, metavar="FOLDER")
    history = commands.add_parser(
        "history",
        help="list a catalog's saved versions: when, who, and what changed",
        description="List the versions the editor recorded for FILE (in FILE.history/), newest first, "
        "each with what changed. Exit 0.",
    )
    history.add_argument("file", type=Path, metavar="FILE", help="catalog")
    history.add_argument(
        "--keep",
        type=int,
        metavar="N",
        help="from now on keep only the newest N versions (0: all, the default); every computer "
        "saving this catalog follows it",
    )
    report = commands.add_parser(
        "report",
        help="a PDF for the medical director to review and sign: claims, grades, sources, cautions",
        description="Write the catalog's review report as a PDF: a cover with the sign-off lines, then "
        "one page per technique (stale reviews first). Exit 0 written, 1 invalid catalog, 2 usage "
        "error or unreadable file.",
    )
    report.add_argument("file", type=Path, metavar="FILE", help="catalog")
    report.add_argument("--pdf", type=Path, metavar="OUT", required=True, help="the PDF to write")
    report.add_argument(
        "--since", type=int, metavar="N", help="also list what changed since version N (see `history FILE`)"
    )
    doctor = commands.add_parser(
        "doctor",
        help="check an installation: settings, catalog, PIN, printer, PDF folder, display, fonts",
        description="Check an installation as the kiosk's user runs it (e.g. sudo -u kiosk massage-explorer "
        "doctor --config FILE). One line per check; exit 0 when nothing is wrong, 1 otherwise.",
    )
    _add_config(doctor)
    return parser


def _add_config(command: argparse.ArgumentParser) -> None:
    # SUPPRESS: a --config given before the command (or the main parser's default) stays unless
    # this one is given. Its default is written out: help cannot show %(default)s for SUPPRESS.
    default = str(default_config_path()).replace("%", "%%")
    command.add_argument("--config", type=Path, metavar="FILE", default=argparse.SUPPRESS,
                         help=f"kiosk settings file (default: {default})")  # fmt: skip


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _load(source: Path | PendingLoad) -> LoadResult:
    """The checked catalog; OSError when the file cannot be read at all."""
    if isinstance(source, PendingLoad):
        return source.result()
    from massage_explorer.core.storage import load_catalog  # PyYAML and the validator

    return load_catalog(source)


def _read(source: Path | PendingLoad, load: Callable[[], LoadResult] | None = None) -> LoadResult | None:
    """The checked catalog, or None after saying why the file cannot be read. `load`: how it
    is read, when not as `_load` reads it."""
    path = source.path if isinstance(source, PendingLoad) else source
    try:
        return load() if load is not None else _load(source)
    except OSError as exc:
        print(f"{path}: error: cannot read the file: {exc.strerror or exc}", file=sys.stderr)
        return None


# A file with thousands of mistakes (a wrong file, a broken export) would print them all. The
# errors come first, then the warnings, each in file order: a hundred warnings must not hide the
# one error that stops the kiosk. The editor lists every one.
MAX_PRINTED_PROBLEMS = 100


def _print_problems(path: Path, problems: Sequence[Problem], left_out: tuple[int, int] = (0, 0)) -> None:
    for line in listed(problems, str(path), MAX_PRINTED_PROBLEMS, left_out):
        print(line, file=sys.stderr)


def _usable(
    source: Path | PendingLoad, refused: str, load: Callable[[], LoadResult] | None = None
) -> Catalog | int:
    """The valid catalog at `source`, or the exit status after printing why not: the file cannot
    be read (2), or its problems followed by `refused` (1). `load`: as for `_read`."""
    path = source.path if isinstance(source, PendingLoad) else source
    result = _read(source, load)
    if result is None:
        return EXIT_USAGE
    if result.catalog is None:
        _print_problems(path, result.problems, result.left_out)
        print(f"{path}: {refused}", file=sys.stderr)
        return EXIT_INVALID
    return result.catalog


def validate(files: Sequence[Path], *, strict: bool) -> int:
    """Print each file's problems to stderr and a summary line per file to stdout."""
    worst = EXIT_OK
    for path in files or [bundled_catalog_path()]:
        result = _read(path)
        if result is None:
            worst = EXIT_USAGE
            continue
        problems = result.problems
        if result.catalog is not None:
            found = _font_warnings(path, result.catalog)
            problems = sorted([*problems, *found], key=lambda p: (p.line, p.column)) if found else problems
        _print_problems(path, problems, result.left_out)
        errors = result.error_count  # (the fonts' findings are warnings)
        warnings = len(problems) + sum(result.left_out) - errors
        failed = errors > 0 or (strict and warnings > 0)
        if result.catalog is not None and not failed:
            verdict = f"valid, {_plural(len(result.catalog), 'technique')}"
        else:
            verdict = "invalid" if errors else "invalid with --strict"
        # At once: after this file's problems (stderr) also where both go to one file or pipe.
        print(f"{path}: {verdict}; {_plural(errors, 'error')}, {_plural(warnings, 'warning')}", flush=True)
        if failed and worst == EXIT_OK:
            worst = EXIT_INVALID
    return worst


def _uncovered(characters: Iterable[str]) -> list[str]:
    """Those of `characters` no installed font shows, as Qt finds them (offscreen, no window)."""
    from massage_explorer.ui.doctor_checks import uncovered_characters  # Qt: only when it is needed

    return uncovered_characters(characters)


def _font_warnings(path: Path, catalog: Catalog) -> list[Problem]:
    """The catalog's characters no installed font shows: Qt is asked only about characters beyond
    Latin-1. Where Qt cannot be loaded, says so (the rest of the check stands) and finds none."""
    from massage_explorer.core.font_coverage import font_warning

    try:
        found = font_warning(catalog, _uncovered, path)
    except (ImportError, OSError, RuntimeError) as exc:
        print(f"{path}: the fonts were not checked: Qt cannot be loaded here ({exc})", file=sys.stderr)
        return []
    return [found] if found is not None else []


def run(data: Path | None, *, kiosk: bool, config_path: Path, language: str | None = None) -> int:
    """Start the patient app; a bad catalog gets the validator's messages, not a traceback."""
    # While PySide6 builds its classes and the window its widgets, Python's cycle collector would
    # walk the ever-growing heap again and again and find nothing: all of it is in use. It is
    # paused for start-up; the window's first event loop pass turns it back on (see run_app).
    gc.disable()
    try:
        return _run(data, kiosk=kiosk, config_path=config_path, language=language)
    finally:
        gc.enable()


def _run(data: Path | None, *, kiosk: bool, config_path: Path, language: str | None) -> int:
    if kiosk:
        return _run_kiosk(data, config_path, language)
    path = data or bundled_catalog_path()
    pending = PendingLoad.start(path)
    if pending.forked:
        # A child process reads and checks the catalog; meanwhile this one loads Qt and the
        # screens (see massage_explorer.core.preload). Without a child, a bad catalog is reported
        # before Qt is loaded at all.
        importlib.import_module("massage_explorer.ui.launch")
    catalog = _usable(pending, "cannot start: the catalog has errors (listed above)")
    if isinstance(catalog, int):
        return catalog
    from massage_explorer.ui.launch import run_app

    status: int = run_app(catalog, catalog_path=path, language=language)
    return status


def _run_kiosk(data: Path | None, config_path: Path, language: str | None) -> int:
    """The kiosk never exits over its settings or catalog: while they cannot be used it shows an
    out-of-service page, says why in the log and tries again (massage_explorer.ui.kiosk). An exit
    would have its service restart it every few seconds, for ever, with nothing on screen."""
    from massage_explorer.core.settings import ConfigError, load_config

    pending = None
    try:
        config = load_config(config_path)
    except ConfigError:
        pass  # said on the out-of-service page and in the log, by the kiosk's first try
    else:
        # As for the app: the catalog is read in a child process while Qt loads.
        pending = PendingLoad.start(data or config.catalog or bundled_catalog_path())
    from massage_explorer.ui.kiosk import run_kiosk_when_ready

    status: int = run_kiosk_when_ready(config_path, data, language, pending=pending)
    return status


def set_pin(config: Path) -> int:
    """Ask for the new PIN twice without echo and store its hash in the settings file. Exit 1 for
    a PIN or settings file that cannot be used, 2 when the file cannot be read or written."""
    import getpass

    from massage_explorer.core.pin import PIN_PATTERN, PIN_RULE
    from massage_explorer.core.settings import ConfigError, save_pin

    try:
        first = getpass.getpass(f"New staff PIN ({PIN_RULE}): ")
        second = getpass.getpass("The same PIN again: ")
    except (EOFError, KeyboardInterrupt):
        print("\nset-pin: cancelled; the PIN was not changed", file=sys.stderr)
        return EXIT_USAGE
    if first != second:
        print("set-pin: the two PINs differ; the PIN was not changed", file=sys.stderr)
        return EXIT_INVALID
    if not PIN_PATTERN.match(first):
        print(f"set-pin: the PIN must be {PIN_RULE}; the PIN was not changed", file=sys.stderr)
        return EXIT_INVALID
    try:
        save_pin(config, first)
    except ConfigError as exc:
        print(f"{exc}\nset-pin: the PIN was not changed", file=sys.stderr)
        return EXIT_USAGE if exc.unreadable else EXIT_INVALID
    except OSError as exc:
        print(f"set-pin: cannot write {config}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_USAGE
    print(f"set-pin: the staff PIN is set in {config}")
    return EXIT_OK


def _add_edit_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    edit = commands.add_parser(
        "edit",
        help="open the staff editor on a catalog",
        description="Edit a catalog in the staff editor. A file that cannot be read as a catalog is "
        "not opened: its problems are listed (exit 1); fix those in a text editor first.",
    )
    edit.add_argument("file", nargs="?", type=Path, metavar="FILE", help="catalog (default: bundled)")
    edit.add_argument(
        "--lock-hours",
        type=_lock_hours,
        metavar="H",
        # The default is core.settings' (not imported here: it costs start-up); a test ties them.
        help="after how many hours another computer's editor lock counts as left behind and is "
        "taken over (1 to 336; default 12, as editor_lock_hours in the kiosk settings)",
    )


def init(folder: Path) -> int:
    """Start a clinic's own catalog as a copy of the bundled one, pictures included."""
    from massage_explorer.core.paths import copy_bundled_catalog

    try:
        catalog = copy_bundled_catalog(folder)
    except FileExistsError as exc:
        print(f"init: {exc}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as exc:
        print(f"init: {folder}: cannot copy the catalog there ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_USAGE
    print(f"{catalog}: a copy of the bundled catalog, its pictures in {catalog.parent / 'resources'}")
    print(f"edit it:         massage-explorer edit {catalog}")
    print(f"show it:         set 'catalog = {catalog}' in the kiosk settings, or --data {catalog}")
    return EXIT_OK


def list_history(file: Path, keep: int | None = None) -> int:
    """Print the recorded versions of catalog `file`, newest first, each with its changes; with
    `keep`, first set how many the history keeps."""
    from massage_explorer.core.history import history_folder, set_keep, versions

    if keep is not None:
        if keep < 0:
            print("history: --keep takes 0 (keep all) or more", file=sys.stderr)
            return EXIT_USAGE
        try:
            set_keep(file, keep)
        except OSError as exc:
            print(
                f"{history_folder(file)}: cannot change the setting ({exc.strerror or exc})", file=sys.stderr
            )
            return EXIT_USAGE

    found = versions(file)
    if not found:
        print(
            f"{file}: no saved versions yet (the editor records one at each save, in {history_folder(file)})"
        )
        return EXIT_OK
    for version in found:
        print(version.headline())
        for line in version.summary:
            print(f"    {line}")
    return EXIT_OK


def review_report(file: Path, out: Path, since: int | None = None) -> int:
    """Write the review report of catalog `file` to the PDF `out` (with the changes since
    version `since` of its history)."""
    catalog = _usable(file, "no report: fix the errors above first")
    if isinstance(catalog, int):
        return catalog
    from massage_explorer.core.review import build_review
    from massage_explorer.ui.doctor_checks import application
    from massage_explorer.ui.review_pdf import write_report_pdf

    earlier = None
    if since is not None:
        earlier = _version(file, since)
        if earlier is None:
            return EXIT_USAGE
    application()  # fonts: Qt lays the PDF out (offscreen; no display needed)
    report = build_review(catalog, str(file), since=earlier)
    try:
        write_report_pdf(report, out)
    except OSError as exc:
        print(f"{out}: cannot write the report ({exc.strerror or exc})", file=sys.stderr)
        return EXIT_USAGE
    due = f", {report.stale_count} with a review due" if report.stale_count else ""
    print(f"{out}: review report of {len(report.techniques)} techniques{due}")
    return EXIT_OK


def _version(file: Path, number: int) -> tuple[str, Catalog] | None:
    """Version `number` of `file`'s history, described and read; None (and why) when it cannot be."""
    from massage_explorer.core.history import VersionUnreadable, version_bytes, versions
    from massage_explorer.core.storage import parse_catalog

    found = next((v for v in versions(file) if v.number == number), None)
    if found is None:
        print(
            f"{file}: no version #{number} in its history (see: massage-explorer history {file})",
            file=sys.stderr,
        )
        return None
    try:
        result = parse_catalog(version_bytes(file, number), base_dir=file.parent)
    except VersionUnreadable as exc:
        print(f"{file}: {exc}", file=sys.stderr)
        return None
    if result.catalog is None:
        print(
            f"{file}: version #{number} has errors today, so nothing can be compared with it", file=sys.stderr
        )
        return None
    return f"version #{number} ({found.when[:10]}, {found.who()})", result.catalog


def _lock_hours(text: str) -> int:
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) <= 336:
        raise argparse.ArgumentTypeError(f"{text!r}: use a whole number of hours, 1 to 336")
    return int(text)


def edit(file: Path | None, lock_hours: int | None = None) -> int:
    """Open the staff editor; a file the validator cannot turn into a catalog gets its messages."""
    from massage_explorer.core.paths import bundled_is_installed

    if file is None and bundled_is_installed():
        # The installed copy is replaced by every update (and often not writable): edit a copy.
        from massage_explorer.ui.editor.launch import copy_bundled_first

        copied = copy_bundled_first()
        if copied is None:
            return EXIT_OK  # staff said no, or chose no folder: nothing was opened
        file = copied
    path = file or bundled_catalog_path()
    from massage_explorer.core.editing import Opened, read_for_editing

    opened: list[Opened] = []  # read once, for the check here and for the window (seconds at 5,000)

    def read_to_edit() -> LoadResult:
        opened.append(read_for_editing(path))
        return opened[0].result

    catalog = _usable(
        path, "cannot open in the editor: fix the errors above in a text editor first", read_to_edit
    )
    if isinstance(catalog, int):
        return catalog
    from massage_explorer.core.settings import DEFAULT_EDITOR_LOCK_HOURS
    from massage_explorer.ui.editor.launch import run_editor  # Qt only when a window is shown

    status: int = run_editor(path, lock_hours=lock_hours or DEFAULT_EDITOR_LOCK_HOURS, opened=opened[0])
    return status


def doctor(config: Path) -> int:
    """Print one line per check of an installation; exit 0 only when none found a problem."""
    from massage_explorer.core.doctor import Status, examine

    def printers() -> list[str]:
        from massage_explorer.ui.doctor_checks import printer_names  # Qt: only when it is needed

        return printer_names()

    findings = examine(config, printers=printers, uncovered=_uncovered)
    for finding in findings:
        print("\n".join(finding.lines()))
    problems = sum(finding.status is Status.PROBLEM for finding in findings)
    print(f"doctor: {_plural(problems, 'problem')} (above)" if problems else "doctor: no problems found")
    return EXIT_INVALID if problems else EXIT_OK


def _no_display(what: str) -> bool:
    """Say so when no window can be shown, before Qt aborts with a message of its own."""
    from massage_explorer.core.display import display_missing, no_display_message

    reason = display_missing()
    if reason:
        print(no_display_message(what, reason), file=sys.stderr)
    return bool(reason)


def main(argv: Sequence[str] | None = None) -> int:
    try:
        status = _command(argv)
        if sys.stdout is not None:  # none in massage-explorer-gui on Windows
            sys.stdout.flush()  # a reader gone is found here, not at exit
        return status
    except BrokenPipeError:
        # Whoever read our output has stopped (`massage-explorer history FILE | head`): end
        # quietly, as other command-line tools do. Python would complain again as it flushes
        # stdout at exit, so stdout goes nowhere from now on.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


def _command(argv: Sequence[str] | None) -> int:
    args = _parser().parse_args(argv)
    if args.command not in ("validate", "set-pin", "doctor", "init", "report", "history"):
        # A window's log (reloads, refusals, printing, PDFs): the journal, the terminal, or with
        # no console (massage-explorer-gui) a file. The other commands speak for themselves.
        from massage_explorer.logs import setup_logging

        setup_logging()
    if args.command == "validate":
        return validate(args.files, strict=args.strict)
    if args.command == "set-pin":
        return set_pin(args.config)
    if args.command == "doctor":
        return doctor(args.config)
    if args.command == "init":
        return init(args.folder)
    if args.command == "report":
        return review_report(args.file, args.pdf, args.since)
    if args.command == "history":
        return list_history(args.file, args.keep)
    if args.command == "edit":
        return EXIT_USAGE if _no_display("the editor") else edit(args.file, args.lock_hours)
    if _no_display("the kiosk" if args.kiosk else "the patient app"):
        return EXIT_USAGE
    return run(args.data, kiosk=args.kiosk, config_path=args.config, language=args.language)


if __name__ == "__main__":
    sys.exit(main())
