"""The reading thread of live reload: read a new version of the catalog file, check it, compare it
with the catalog shown, and say whether it may be a file still being written (core.cut_short).

Plain Python only: nothing here touches a Qt object, since a window may close while it works. Its
result goes into a plain list the watcher (ui.catalog_watch) looks into from the window's thread.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import TYPE_CHECKING

from massage_explorer.core.catalog import Catalog
from massage_explorer.core.problems import SHOWN_PROBLEMS, LoadResult, Problem, Severity, not_shown
from massage_explorer.ui.common.background import window_first
from massage_explorer.ui.common.heap import give_back_free_memory

if TYPE_CHECKING:  # imported with PyYAML at the first read, not while the app starts
    from massage_explorer.core.schema.validator import TechniqueMemo

log = logging.getLogger(__name__)
_FREE_SLICE = 20  # techniques of a copy freed at a time
Read = tuple[LoadResult, str | None]  # what a read found, and why it may be cut short


def _ends_with_line_break(path: Path) -> bool:
    """Whether the file's last byte ends a line, as the loader reads lines: LF, or CR alone (an
    old Mac file); CRLF ends in LF. False for an empty file, or one gone."""
    try:
        with path.open("rb") as file:
            file.seek(-1, os.SEEK_END)
            return file.read(1) in (b"\n", b"\r")
    except OSError:
        return False


def _unreadable(path: Path, reason: str) -> LoadResult:
    """A version that cannot be read at all, said to staff as a problem of the file as a whole."""
    return LoadResult(None, [Problem(Severity.ERROR, f"cannot read the catalog file: {reason}")])


def read_version(
    path: Path, gone: bool, current: Catalog, box: list[Read], memo: list[TechniqueMemo]
) -> None:
    """In the reading thread: read and check the file, compare it with what is shown, and leave
    the result in `box`, with why a valid new version may be cut short (core.cut_short). `memo`
    holds the TechniqueMemo of the reads before (made here the first time). Plain Python only:
    nothing here may touch a Qt object."""
    # PyYAML and the validator: imported at the first change, not while the app starts.
    from massage_explorer.core.cut_short import cut_short
    from massage_explorer.core.schema.validator import TechniqueMemo
    from massage_explorer.core.storage import load_catalog

    if not memo:
        memo.append(TechniqueMemo())
    remembered = memo[0]
    remembered.share(current)  # techniques read that equal those shown are taken from there
    with window_first(keep=True):  # the new catalog lives until the next one
        try:
            result = _unreadable(path, "the file is gone") if gone else load_catalog(path, memo=remembered)
        except OSError as exc:  # also a folder or a pipe in its place: load_catalog reads files only
            result = _unreadable(path, exc.strerror or str(exc))
        except Exception as exc:  # a bug here must not end the thread unheard
            log.exception("catalog %s could not be checked", path)
            result = _unreadable(path, f"it could not be checked ({type(exc).__name__})")
        remembered.share(None)  # the catalog shown may be swapped: its techniques are not kept here
        if result.catalog is not None and result.catalog == current:  # saved again unchanged
            copy = list(result.catalog.techniques)
            result = LoadResult(current, result.problems, result.left_out)
            # The copy just read, let go of a few techniques at a time: freed at once, 5,000 of
            # them held the window up for half a second.
            while copy:
                del copy[-_FREE_SLICE:]
        elif result.catalog is None and (len(result.problems) > SHOWN_PROBLEMS or result.left_out[0]):
            result = _told(result)
    doubt = None
    if result.catalog is not None and result.catalog is not current:
        doubt = cut_short(current, result.catalog, ends_with_line_break=_ends_with_line_break(path))
    give_back_free_memory()  # what the read freed, before the next read (a save) needs more
    box.append((result, doubt))


def _told(refused: LoadResult) -> LoadResult:
    """A refused version's problems as far as staff are told them: the first errors and one
    counting the rest, SHOWN_PROBLEMS in all, so that `listed` tells them whole (one more, and it
    cut off that count and said "… and 1 more"). Let go of here, a few at a time: 490,000 of
    them, given to the window to tell and free, held it up for 0.6 s."""
    errors = refused.errors
    kept = errors
    # (else the rest are warnings, which staff are not told)
    if len(errors) > SHOWN_PROBLEMS or refused.left_out[0]:
        kept = errors[: SHOWN_PROBLEMS - 1]
        left = not_shown(errors[SHOWN_PROBLEMS - 1 :], (refused.left_out[0], 0))
        kept.append(Problem(Severity.ERROR, left))
    problems = refused.problems
    del errors  # (its references would keep each problem the slices below let go of)
    while problems:
        del problems[-_FREE_SLICE * 100 :]
    return LoadResult(None, kept)
