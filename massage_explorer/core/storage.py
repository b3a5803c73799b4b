"""Load a catalog file with located problems, and save one atomically with a backup. No Qt."""

from __future__ import annotations

import codecs
import contextlib
import datetime as dt
import errno
import functools
import gc
import logging
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

import yaml

from massage_explorer.core.catalog import Catalog
from massage_explorer.core.problems import KEPT_PROBLEMS, LoadResult, Problem
from massage_explorer.core.schema.limits import MAX_BYTES
from massage_explorer.core.schema.validator import CatalogValidator, TechniqueMemo
from massage_explorer.core.schema.yaml_nodes import (
    DEFAULT_LOADER,
    EntryTooLarge,
    NotInParts,
    compose_checked,
    compose_in_parts,
    decode,
    free_in_pieces,
    hidden_break,
    refused,
)

BACKUP_SUFFIX = ".bak"
TEMP_SUFFIX = ".tmp"
# What mkstemp puts between our prefix and suffix: eight of [a-z0-9_] (CPython's tempfile).
_MKSTEMP_RANDOM = r"[a-z0-9_]{8}"
_log = logging.getLogger(__name__)


def parse_catalog(
    data: bytes,
    *,
    base_dir: Path | None = None,
    today: dt.date | None = None,
    loader: type[yaml.SafeLoader] = DEFAULT_LOADER,
    memo: TechniqueMemo | None = None,
    keep_all: bool = False,
) -> LoadResult:
    """Check catalog bytes; `base_dir` is the folder image paths are relative to. `memo`: the
    techniques of the version read with it last, taken again where unchanged (TechniqueMemo).
    `keep_all`: every problem, not the first KEPT_PROBLEMS of each kind."""
    text, problems = decode(data)
    if text is None:
        return LoadResult(None, problems)
    return _check_text(text, base_dir, today or dt.date.today(), loader, memo, keep_all)


def _check_text(
    text: str,
    base_dir: Path | None,
    today: dt.date,
    loader: type[yaml.SafeLoader],
    memo: TechniqueMemo | None,
    keep_all: bool = False,
) -> LoadResult:
    """`parse_catalog` of the decoded text."""
    with _cycle_collector_paused():
        problems = refused(text, loader)
        if problems:
            return LoadResult(None, problems)
        try:
            in_parts = compose_in_parts(text, loader)
        except EntryTooLarge as exc:
            return LoadResult(None, [exc.problem])
        if in_parts is not None:
            # Read a few techniques at a time: the whole node tree is never held.
            builder = _validator(base_dir, today, keep_all)
            try:
                catalog = builder.build(in_parts[0], text=text, memo=memo, parts=in_parts[1])
                return _result(catalog, builder)
            except EntryTooLarge as exc:  # refused, not composed; whole, it would be composed
                return LoadResult(None, [exc.problem])
            except NotInParts:
                # Some text only looked like list entries: read it whole. (A memo then has only
                # what the read in parts got to: the whole read takes nothing from it, the next
                # read from the whole read's. Rare, and no result differs.)
                pass
        root, problems = compose_checked(text, loader)
        if root is None:
            return LoadResult(None, problems)
        builder = _validator(base_dir, today, keep_all)
        catalog = builder.build(root, text=text, memo=memo)
        free_in_pieces(root)
        del root  # freed now, by its reference counts, before the collector is back
    return _result(catalog, builder)


def _result(catalog: Catalog | None, builder: CatalogValidator) -> LoadResult:
    """The result of a read: the first KEPT_PROBLEMS errors and warnings, in file order, and the
    count of the rest (every problem, where `keep_all`)."""
    builder.keep_first()  # (only where a bound is set)
    return LoadResult(catalog, _in_order(builder.problems), builder.left_out)


def _validator(base_dir: Path | None, today: dt.date, keep_all: bool) -> CatalogValidator:
    """A validator that keeps a file's first KEPT_PROBLEMS errors and warnings, and counts
    the rest (every reader of a LoadResult but the editor's check lists fewer); or every one."""
    builder = CatalogValidator(base_dir, today)
    builder.keep = None if keep_all else KEPT_PROBLEMS
    return builder


def _in_order(problems: list[Problem]) -> list[Problem]:
    return sorted(problems, key=lambda p: (p.line, p.column))


@contextlib.contextmanager
def _cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a catalog is read. The node tree and the catalog built
    from it are hundreds of thousands of objects without cycles, freed by their reference counts;
    the collector would walk them again and again as they grow and find nothing (most of the time
    a large catalog took), and a thread reading one would hold up the window meanwhile."""
    was_on = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_on:
            gc.enable()


def load_catalog(
    path: Path | str,
    *,
    today: dt.date | None = None,
    loader: type[yaml.SafeLoader] = DEFAULT_LOADER,
    memo: TechniqueMemo | None = None,
) -> LoadResult:
    """Read and check a catalog file. Never raises for bad content; OSError if it cannot be read,
    also when it is no regular file (a folder, a pipe, a device)."""
    path = Path(path)
    text, problems = read_catalog_text(path)
    if text is None:
        return LoadResult(None, problems)
    return _check_text(text, path.parent, today or dt.date.today(), loader, memo)


# Bytes a catalog file is read and decoded in at a time: the reading thread holds Python's lock for
# one decode, ~1 ms for a MiB of accented text.
READ_BYTES = 1024 * 1024


def read_catalog_text(path: Path) -> tuple[str | None, list[Problem]]:
    """`decode(read_catalog_bytes(path))`, read and decoded a slice at a time, so that the file's
    bytes are never held whole beside its text: at 5,000 techniques, the bytes, the decoded slices
    and the text joined from them took 29 MB at once, the peak of a kiosk's reload. A file
    `decode` would refuse (too large, not UTF-8) is read again whole, for its message."""
    decoder = codecs.getincrementaldecoder("utf-8-sig")()
    parts: list[str] = []
    size = 0
    with open_regular(path) as file:
        try:
            while size <= MAX_BYTES:
                chunk = file.read(READ_BYTES)
                size += len(chunk)
                parts.append(decoder.decode(chunk, final=not chunk))
                if not chunk:
                    break
        except UnicodeDecodeError:
            size = -1
    if not 0 <= size <= MAX_BYTES:
        return decode(read_catalog_bytes(path))
    text = "".join(parts)
    del parts
    problems = hidden_break(text)
    return (None, problems) if problems else (text, [])


def read_catalog_bytes(path: Path) -> bytes:
    """A catalog file's bytes, up to one byte past the limit; OSError if it cannot be read, also
    when it is no regular file (a folder, a pipe, a device)."""
    return read_catalog_stamped(path)[0]


def read_catalog_stamped(path: Path) -> tuple[bytes, int]:
    """`read_catalog_bytes`, with the modification time (ns) of the file those bytes were read
    from (taken from the open file, so that it belongs to them even if a save races the read)."""
    with open_regular(path) as file:
        mtime_ns = os.fstat(file.fileno()).st_mtime_ns
        # Read one byte past the cap so an oversized file is refused without reading it all.
        return file.read(MAX_BYTES + 1), mtime_ns


def open_regular(path: Path) -> BinaryIO:
    """`path` open for reading in binary; OSError if it cannot be opened or is no regular file (a
    folder, a pipe, a device), which is found out without waiting for anything."""
    # Not blocking: opening a pipe would wait for a writer for ever. Only a regular file is read.
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    file = os.fdopen(fd, "rb")
    try:
        if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
            raise OSError(errno.EINVAL, "not a regular file (a folder, a pipe or a device?)", str(path))
    except BaseException:
        file.close()
        raise
    return file


@dataclass(frozen=True)
class OnDisk:
    """A catalog file's bytes as last read or written, and the catalog they hold: what the next
    save splices its edits into, so that the rest of the file stays as people wrote it."""

    data: bytes
    catalog: Catalog


def catalog_bytes(catalog: Catalog, base: OnDisk | None = None) -> bytes:
    """`catalog` as a catalog file's bytes: `base` with only what changed spliced in (comments,
    order, blank lines, quoting and wrapping of the rest kept byte for byte), or the schema's
    dump when there is no base or the splice cannot follow its layout.

    A spliced file is read back through the validator and kept only when it holds `catalog`, so
    a fault in splicing costs the file its layout, never its content.
    """
    # Only saving needs these (and the emitter): keep start-up lean.
    from massage_explorer.core.schema.dump import dump_catalog
    from massage_explorer.core.schema.splice import CannotSplice, splice

    if base is not None:
        try:
            with _cycle_collector_paused():  # the node tree is as large as a load's
                text = splice(base.data.decode("utf-8-sig"), base.catalog, catalog)
        except CannotSplice as exc:
            _log.info("catalog written out whole: %s", exc)
        except Exception:  # a fault in splicing must not stop a save: the dump is always right
            _log.exception("catalog written out whole after a fault in splicing")
        else:
            bom = codecs.BOM_UTF8 if base.data.startswith(codecs.BOM_UTF8) else b""
            data = bom + text.encode("utf-8")
            if data == base.data or _holds(data, catalog):
                return data
            _log.warning("catalog written out whole: the spliced file did not read back the same")
    return dump_catalog(catalog).encode("utf-8")


def _holds(data: bytes, catalog: Catalog) -> bool:
    """Whether `data` reads back as `catalog` (or as the catalog its dump reads back as: the
    reader puts a text's languages in the catalog's order, an edit may not have)."""
    from massage_explorer.core.schema.dump import dump_catalog

    read = parse_catalog(data).catalog
    if read is None:
        return False
    return read == catalog or read == parse_catalog(dump_catalog(catalog).encode("utf-8")).catalog


def save_catalog(catalog: Catalog, path: Path | str, base: OnDisk | None = None) -> None:
    """Write the catalog as YAML, atomically, keeping the previous file as `<name>.bak`; `base`:
    the file as read, to change only what was edited in it (see `catalog_bytes`)."""
    atomic_write(Path(path), catalog_bytes(catalog, base))


def copy_pictures(catalog: Catalog, source: Path, target: Path) -> list[Path]:
    """Copy the pictures `catalog` names (relative to its folder `source`) into `target` where they
    are missing there, so the catalog saved into `target` still finds them; returns those copied."""
    copied: list[Path] = []
    if source.resolve() == target.resolve():
        return copied
    for name in sorted({t.image for t in catalog.techniques if t.image}):
        old, new = source / name, target / name
        if old.is_file() and not new.exists():
            new.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(old, new)
            copied.append(new)
    return copied


def atomic_write(path: Path, data: bytes, *, before_replace: Callable[[], None] | None = None) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file, whole.

    The data goes to a temporary file in the same folder (same file system, so the rename is
    atomic), is flushed to disk, and only then renamed over the target. The previous version is
    kept as a backup first, itself written whole before it replaces the older backup.

    `before_replace` runs once the data is on disk and just before the backup and the rename, the
    last moment to look at the file being replaced; whatever it raises cancels the save, with the
    temporary file removed and the file and its backup as they were.
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=TEMP_SUFFIX, dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if before_replace is not None:
            before_replace()
        if path.exists():
            if is_read_only(path):
                # os.replace would put a new file in its place, whatever the old one's mode.
                raise PermissionError(
                    errno.EACCES,
                    "it is a read-only file (make it writable, or save under another name)",
                    str(path),
                )
            shutil.copymode(path, tmp)
            _keep_backup(path)
        else:
            os.chmod(tmp, new_file_mode())  # mkstemp made it 0600: kiosks of other users could not read it
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(folder)


def is_read_only(path: Path) -> bool:
    """True when `path` is a file its user may not write, or one nobody may: with no write
    permission at all, root could write it, but someone made it read-only on purpose. False when
    there is no such file."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return False
    return not os.access(path, os.W_OK) or not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


def new_file_mode() -> int:
    """The mode a file this process creates should have: what open() gives one, 0o666 less the
    umask (for a file made by mkstemp, which is 0600 whatever the umask)."""
    return 0o666 & ~_umask()


@functools.cache
def _umask() -> int:
    """The process's umask, read once (the app never changes it)."""
    try:
        # Linux says it without changing it, so no thread ever creates a file under another.
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    # Elsewhere it is read by setting it; the strictest one meanwhile, so that a file another
    # thread creates in that instant is too private at worst, never open to others.
    mask = os.umask(0o077)
    os.umask(mask)
    return mask


def remove_stale_temporaries(path: Path) -> list[Path]:
    """Remove the temporary files an interrupted `atomic_write` of `path` left; returns them.

    Only names atomic_write makes for this one file are touched. Call it only while no save of
    `path` can be running (the editor does when it holds the catalog's lock): a live save's
    temporary file looks the same as a dead one's.
    """
    try:
        found = [entry for entry in path.parent.iterdir() if is_temporary_of(path, entry.name)]
    except OSError:
        return []
    removed = []
    for entry in found:
        try:
            entry.unlink()
        except OSError:
            continue  # already gone, or not removable by us: it is never read as the catalog anyway
        removed.append(entry)
    return sorted(removed)


def is_temporary_of(path: Path, name: str) -> bool:
    """True when `name` is a temporary file atomic_write makes while saving `path`."""
    data_file = re.escape(f".{path.name}.") + _MKSTEMP_RANDOM + re.escape(TEMP_SUFFIX)
    return name == _staged_backup(path).name or re.fullmatch(data_file, name) is not None


def _staged_backup(path: Path) -> Path:
    return path.with_name(f".{path.name}{BACKUP_SUFFIX}{TEMP_SUFFIX}")


def _keep_backup(path: Path) -> None:
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    staged = _staged_backup(path)
    with contextlib.suppress(FileNotFoundError):
        staged.unlink()
    try:
        # A hard link shares the old file's data: instant, and whole by construction.
        os.link(path, staged)
    except OSError:  # file systems without hard links (some network shares)
        shutil.copy2(path, staged)
        with staged.open("rb") as file:
            os.fsync(file.fileno())
    os.replace(staged, backup)


def _fsync_folder(folder: Path) -> None:
    # Makes the rename itself durable; not possible on every platform (Windows), and not needed there.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
