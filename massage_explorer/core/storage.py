"""Load a catalog file with located problems, and save one atomically with a backup. No Qt."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import tempfile
from pathlib import Path

import yaml

from massage_explorer.core.catalog import Catalog
from massage_explorer.core.problems import LoadResult
from massage_explorer.core.schema.validator import CatalogBuilder
from massage_explorer.core.schema.yaml_nodes import DEFAULT_LOADER, MAX_BYTES, compose, decode

BACKUP_SUFFIX = ".bak"


def parse_catalog(
    data: bytes,
    *,
    base_dir: Path | None = None,
    today: dt.date | None = None,
    loader: type[yaml.SafeLoader] = DEFAULT_LOADER,
) -> LoadResult:
    """Check catalog bytes; `base_dir` is the folder image paths are relative to."""
    text, problems = decode(data)
    if text is None:
        return LoadResult(None, problems)
    root, problems = compose(text, loader)
    if root is None:
        return LoadResult(None, problems)
    builder = CatalogBuilder(base_dir, today or dt.date.today())
    catalog = builder.build(root)
    ordered = sorted(builder.problems, key=lambda p: (p.line, p.column))
    return LoadResult(catalog, ordered)


def load_catalog(
    path: Path | str,
    *,
    today: dt.date | None = None,
    loader: type[yaml.SafeLoader] = DEFAULT_LOADER,
) -> LoadResult:
    """Read and check a catalog file. Never raises for bad content; OSError if it cannot be read."""
    path = Path(path)
    with path.open("rb") as file:
        # Read one byte past the cap so an oversized file is refused without reading it all.
        data = file.read(MAX_BYTES + 1)
    return parse_catalog(data, base_dir=path.parent, today=today, loader=loader)


def save_catalog(catalog: Catalog, path: Path | str) -> None:
    """Write the catalog as YAML, atomically, keeping the previous file as `<name>.bak`."""
    from massage_explorer.core.schema.dump import (
        dump_catalog,  # only saving needs the emitter: keep start-up lean
    )

    atomic_write(Path(path), dump_catalog(catalog).encode("utf-8"))


def atomic_write(path: Path, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file, whole.

    The data goes to a temporary file in the same folder (same file system, so the rename is
    atomic), is flushed to disk, and only then renamed over the target. The previous version is
    kept as a backup first, itself written whole before it replaces the older backup.
    """
    folder = path.parent
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if path.exists():
            shutil.copymode(path, tmp)
            _keep_backup(path)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_folder(folder)


def _keep_backup(path: Path) -> None:
    backup = path.with_name(path.name + BACKUP_SUFFIX)
    staged = path.with_name(f".{path.name}{BACKUP_SUFFIX}.tmp")
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
