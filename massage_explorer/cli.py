"""Command line: run the patient app (default), `validate` catalogs; builds the QApplication lazily."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from massage_explorer.paths import bundled_catalog_path
from massage_explorer.storage import LoadResult, load_catalog

EXIT_OK, EXIT_INVALID, EXIT_USAGE = 0, 1, 2


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="massage-explorer",
        description="Compare massage techniques and how strong the evidence for them is.",
    )
    parser.add_argument("--data", metavar="FILE", type=Path, help="catalog to show (default: bundled)")
    parser.add_argument("--kiosk", action="store_true", help="run as a locked-down kiosk")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    validate = commands.add_parser(
        "validate",
        help="check catalog files and report every problem",
        description="Check catalog files. Exit 0 valid, 1 invalid, 2 usage error or unreadable file.",
    )
    validate.add_argument("files", nargs="*", type=Path, metavar="FILE")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    return parser


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _read(path: Path) -> LoadResult | None:
    try:
        return load_catalog(path)
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


def run(data: Path | None, *, kiosk: bool) -> int:
    """Start the patient app; a bad catalog gets the validator's messages, not a traceback."""
    path = data or bundled_catalog_path()
    result = _read(path)
    if result is None:
        return EXIT_USAGE
    if result.catalog is None:
        for problem in result.problems:
            print(problem.format(str(path)), file=sys.stderr)
        print(f"{path}: cannot start: the catalog has errors (listed above)", file=sys.stderr)
        return EXIT_INVALID
    from massage_explorer.ui.app import run_app  # Qt is only imported to show a window

    status: int = run_app(result.catalog, catalog_path=path, kiosk=kiosk)
    return status


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "validate":
        return validate(args.files, strict=args.strict)
    return run(args.data, kiosk=args.kiosk)


if __name__ == "__main__":
    sys.exit(main())
