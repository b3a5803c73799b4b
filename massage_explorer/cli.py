"""Command line: run the patient app (default), `validate` catalogs, `set-pin`, `edit`.

Start-up matters here: the patient app imports only what showing its first screen needs; Qt,
the kiosk settings and the editor are imported by the commands that use them."""

from __future__ import annotations

import argparse
import dataclasses
import gc
import importlib
import sys
from collections.abc import Sequence
from pathlib import Path

from massage_explorer.core.paths import bundled_catalog_path, default_config_path
from massage_explorer.core.preload import PendingLoad
from massage_explorer.core.problems import LoadResult, Problem, Severity

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="massage-explorer",
        description="Compare massage techniques and how strong the evidence for them is.",
    )
    parser.add_argument("--data", metavar="FILE", type=Path, help="catalog to show (default: bundled)")
    parser.add_argument("--kiosk", action="store_true", help="run as a locked-down kiosk")
    parser.add_argument(
        "--language", metavar="CODE", help="language of the patient app, e.g. es (kiosk: [kiosk] language)"
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
    set_pin.add_argument("--config", type=Path, metavar="FILE", help="settings file (default: %(default)s)",
                         default=argparse.SUPPRESS)  # fmt: skip
    _add_edit_command(commands)
    return parser


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _load(source: Path | PendingLoad) -> LoadResult:
    """The checked catalog; OSError when the file cannot be read at all."""
    if isinstance(source, PendingLoad):
        return source.result()
    from massage_explorer.core.storage import load_catalog  # PyYAML and the validator

    return load_catalog(source)


def _read(source: Path | PendingLoad) -> LoadResult | None:
    """The checked catalog, or None after saying why the file cannot be read."""
    path = source.path if isinstance(source, PendingLoad) else source
    try:
        return _load(source)
    except OSError as exc:
        print(f"{path}: error: cannot read the file: {exc.strerror or exc}", file=sys.stderr)
        return None


def validate(files: Sequence[Path], *, strict: bool) -> int:
    """Print each file's problems to stderr and a summary line per file to stdout."""
    worst = EXIT_OK
    for path in files or [bundled_catalog_path()]:
        result = _read(path)
        if result is None:
            worst = EXIT_USAGE
            continue
        for problem in result.problems:
            print(problem.format(str(path)), file=sys.stderr)
        errors, warnings = len(result.errors), len(result.warnings)
        failed = errors > 0 or (strict and warnings > 0)
        if result.catalog is not None and not failed:
            verdict = f"valid, {_plural(len(result.catalog), 'technique')}"
        else:
            verdict = "invalid" if errors else "invalid with --strict"
        print(f"{path}: {verdict}; {_plural(errors, 'error')}, {_plural(warnings, 'warning')}")
        if failed and worst == EXIT_OK:
            worst = EXIT_INVALID
    return worst


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
    config = None
    if kiosk:
        from massage_explorer.core.settings import ConfigError, load_config

        try:
            config = load_config(config_path)
        except ConfigError as exc:  # "FILE:LINE:COL: error: …"; a file it cannot read exits 2
            print(exc, file=sys.stderr)
            return EXIT_USAGE if exc.unreadable else EXIT_INVALID
        if language:
            config = dataclasses.replace(config, language=language)
    path = data or (config.catalog if config else None) or bundled_catalog_path()
    pending = PendingLoad.start(path)
    if pending.forked:
        # A child process reads and checks the catalog; meanwhile this one loads Qt and the
        # screens (see massage_explorer.core.preload). Without a child, a bad catalog is reported
        # before Qt is loaded at all.
        importlib.import_module(
            "massage_explorer.ui.kiosk.window" if config else "massage_explorer.ui.launch"
        )
    unreadable = False
    try:
        result = _load(pending)
    except OSError as exc:
        # Said like a problem of the file as a whole: a kiosk shows it to staff, and starts on
        # the last good version as it does for a file with errors.
        unreadable = True
        problem = Problem(Severity.ERROR, f"cannot read the file: {exc.strerror or exc}")
        result = LoadResult(None, [problem])
    refused = None
    if result.catalog is None:
        for problem in result.problems:
            print(problem.format(str(path)), file=sys.stderr)
        backup = _last_good(path) if config is not None else None
        if backup is None:
            if unreadable:
                return EXIT_USAGE
            print(f"{path}: cannot start: the catalog has errors (listed above)", file=sys.stderr)
            return EXIT_INVALID
        # A kiosk keeps showing the last good catalog, also across a restart: the backup the
        # last save kept. It follows the file, so a corrected save is picked up.
        why = "cannot be read" if unreadable else "has errors"
        print(f"{path}: {why}; showing the last good version, {path.name}.bak", file=sys.stderr)
        refused, result = result, backup
    if config is not None:
        from massage_explorer.ui.kiosk.window import run_kiosk

        assert result.catalog is not None
        kiosk_status: int = run_kiosk(result.catalog, config, catalog_path=path, refused=refused)
        return kiosk_status
    from massage_explorer.ui.launch import run_app

    assert result.catalog is not None
    status: int = run_app(result.catalog, catalog_path=path, language=language)
    return status


def _last_good(path: Path) -> LoadResult | None:
    backup = path.with_name(path.name + ".bak")
    if not backup.is_file():
        return None
    result = _read(backup)
    return result if result is not None and result.catalog is not None else None


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


def edit(file: Path | None) -> int:
    """Open the staff editor; a file the validator cannot turn into a catalog gets its messages."""
    path = file or bundled_catalog_path()
    result = _read(path)
    if result is None:
        return EXIT_USAGE
    if result.catalog is None:
        for problem in result.problems:
            print(problem.format(str(path)), file=sys.stderr)
        print(f"{path}: cannot open in the editor: fix the errors above in a text editor first",
              file=sys.stderr)  # fmt: skip
        return EXIT_INVALID
    from massage_explorer.ui.editor.launch import run_editor  # Qt only when a window is shown

    status: int = run_editor(path)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return validate(args.files, strict=args.strict)
    if args.command == "set-pin":
        return set_pin(args.config)
    if args.command == "edit":
        return edit(args.file)
    return run(args.data, kiosk=args.kiosk, config_path=args.config, language=args.language)


if __name__ == "__main__":
    sys.exit(main())
