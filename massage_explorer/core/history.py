"""Every save of a catalog, kept: when, who, and what changed in the catalog's own terms. No Qt.

Versions live in a folder beside the catalog, `<catalog>.history/`, so they travel with it on a
shared folder: for version N, `N.yaml.gz` holds the file as saved (compressed) and `N.json` when,
who (the computer's user, and a name staff may give) and the change summary. One pair per save
and never an index to rewrite, so two computers saving one after the other never clash over it.
How many are kept is a setting of the history itself (`set_keep`, in its `keep` file), so every
computer saving to a shared catalog follows the same one: 0, the default, keeps all; otherwise the
oldest go first.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import getpass
import gzip
import json
import os
import re
import tempfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from massage_explorer.core.catalog import Catalog, Technique, Term
from massage_explorer.core.schema.limits import MAX_BYTES
from massage_explorer.core.storage import new_file_mode, open_regular

SEP = " \u203a "  # between a technique and what changed in it, as the editor shows the path
MAX_SUMMARY_LINES = 200  # a bigger change is summed up as "… and N more changes"
_VERSION = re.compile(r"([0-9]{1,9})\.json")
_EITHER_FILE = re.compile(r"([0-9]{1,9})\.(?:json|yaml\.gz)")
_LAST_NUMBER = 999_999_999  # the highest a version may have: nine digits, as _VERSION reads them
# A record holds at most MAX_SUMMARY_LINES lines of names and labels (120 characters each): well
# under this. Anything bigger was not written by us and is skipped unread.
_MAX_RECORD_BYTES = 1024 * 1024


def history_folder(catalog: Path) -> Path:
    return catalog.with_name(catalog.name + ".history")


@dataclass(frozen=True)
class Version:
    number: int
    when: str  # local time, to the second, with its zone
    user: str  # the computer's login name
    name: str  # what staff typed, if anything
    summary: tuple[str, ...]

    def who(self) -> str:
        return f"{self.user} ({self.name})" if self.name and self.name != self.user else self.user

    def headline(self) -> str:
        when = self.when.replace("T", " ")[:16]
        changes = f"{len(self.summary)} change{'s' if len(self.summary) != 1 else ''}"
        return f"#{self.number}  {when}  {self.who()}  {changes}"


def versions(catalog: Path) -> list[Version]:
    """The recorded versions of `catalog`, newest first; unreadable records are skipped."""
    found = []
    for number in _numbers(history_folder(catalog)):
        version = _read_record(history_folder(catalog) / f"{number}.json", number)
        if version is not None:
            found.append(version)
    return sorted(found, key=lambda v: v.number, reverse=True)


def has_versions(catalog: Path) -> bool:
    """Whether any version of `catalog` is recorded (a look at the folder, no record read)."""
    return bool(_numbers(history_folder(catalog)))


class VersionUnreadable(Exception):
    """A recorded version whose saved copy cannot be read: gone, damaged or not a version at all.
    Its message says which version and why, in words for staff."""

    def __init__(self, number: int, why: str) -> None:
        super().__init__(f"Version #{number} cannot be read: {why}")
        self.number = number


def version_bytes(catalog: Path, number: int) -> bytes:
    """The catalog file as it was saved in version `number`; VersionUnreadable when it cannot be had."""
    path = history_folder(catalog) / f"{number}.yaml.gz"
    try:
        with open_regular(path) as packed, gzip.GzipFile(fileobj=packed, mode="rb") as file:
            # Unpacked only up to one byte past what a catalog may hold: a few megabytes that
            # unpack to gigabytes are refused in a moment, not after minutes and all the memory.
            data = file.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise VersionUnreadable(number, "its saved copy is gone from the history folder") from None
    except OSError as exc:
        if isinstance(exc, gzip.BadGzipFile):
            raise VersionUnreadable(number, f"the saved copy is damaged ({exc})") from None
        raise VersionUnreadable(number, f"its saved copy cannot be opened ({exc.strerror or exc})") from None
    except (EOFError, zlib.error) as exc:
        # A copy cut short (a full disk, a copy interrupted) or garbled on its way.
        raise VersionUnreadable(number, f"the saved copy is damaged ({exc})") from None
    if len(data) > MAX_BYTES:
        raise VersionUnreadable(
            number, f"it unpacks to more than {MAX_BYTES // 2**20} MB, more than a catalog may hold"
        )
    return data


def record(
    catalog: Path,
    data: bytes,
    before: Catalog | None,
    after: Catalog,
    *,
    name: str = "",
    note: Iterable[str] = (),
) -> Version:
    """Record a save of `catalog` whose file now holds `data`: `before` is the catalog as it was
    last saved (None for the first version), `after` the one saved. `note` lines go first in the
    summary (e.g. "Restored version #3")."""
    folder = history_folder(catalog)
    folder.mkdir(exist_ok=True)
    summary = [
        *note,
        *(describe_changes(before, after) if before is not None else ["First recorded version"]),
    ]
    now = dt.datetime.now().astimezone().replace(microsecond=0)
    packed = gzip.compress(data, mtime=0)
    for _ in range(20):  # another computer may take the same number at the same moment
        number = _next_number(_taken(folder))
        version = Version(number, now.isoformat(), _user(), name.strip(), tuple(summary))
        try:
            _write_new(folder / f"{number}.yaml.gz", packed)
        except FileExistsError:
            continue
        break
    else:
        raise FileExistsError(f"{folder}: no free version number")
    fields = {
        "when": version.when,
        "user": version.user,
        "name": version.name,
        "summary": list(version.summary),
    }
    _write_new(folder / f"{number}.json", json.dumps(fields, ensure_ascii=False, indent=1).encode("utf-8"))
    _prune(folder, kept(catalog))
    return version


def kept(catalog: Path) -> int:
    """How many versions the history of `catalog` keeps; 0 for all (also when unset or unreadable)."""
    try:
        text = _read_small(history_folder(catalog) / "keep").decode("ascii").strip()
    except (OSError, UnicodeDecodeError):
        return 0
    return int(text) if text.isdigit() and len(text) < 7 else 0


def set_keep(catalog: Path, count: int) -> None:
    """Keep only the newest `count` versions of `catalog` from now on (0: all); prunes at once."""
    folder = history_folder(catalog)
    folder.mkdir(exist_ok=True)
    (folder / "keep").write_text(f"{count}\n", encoding="ascii")
    _prune(folder, count)


def _prune(folder: Path, keep: int) -> None:
    if keep <= 0:
        return
    for old in sorted(_numbers(folder))[:-keep]:
        for suffix in (".json", ".yaml.gz"):
            with contextlib.suppress(OSError):
                (folder / f"{old}{suffix}").unlink()


def describe_changes(old: Catalog, new: Catalog) -> list[str]:
    """What changed from `old` to `new`, one line each, in the words staff use for the catalog."""
    lines = list(_changes(old, new))
    if len(lines) > MAX_SUMMARY_LINES:
        rest = len(lines) - MAX_SUMMARY_LINES + 1
        lines = [*lines[: MAX_SUMMARY_LINES - 1], f"… and {rest} more changes"]
    return lines or ["No change to the catalog's content (layout or comments only)"]


def _changes(old: Catalog, new: Catalog) -> Iterator[str]:
    labels = {t.id: t.label.default for t in (*old.benefits, *old.conditions, *new.benefits, *new.conditions)}
    yield from _terms("Benefit", old.benefits, new.benefits)
    yield from _terms("Condition", old.conditions, new.conditions)
    if old.red_flags != new.red_flags:
        yield f"Red flags changed ({len(old.red_flags)} → {len(new.red_flags)})"
    if old.required_cautions != new.required_cautions:
        yield "Conditions every technique must address changed"
    if old.languages != new.languages:
        yield f"Languages: {', '.join(old.languages)} → {', '.join(new.languages)}"
    before = {t.id: t for t in old.techniques}
    after = {t.id: t for t in new.techniques}
    for technique in new.techniques:
        if technique.id not in before:
            yield f"Added technique: {technique.name.default}"
        elif before[technique.id] != technique:
            yield from _technique(before[technique.id], technique, labels)
    for technique in old.techniques:
        if technique.id not in after:
            yield f"Removed technique: {technique.name.default}"
    if [t.id for t in old.techniques if t.id in after] != [t.id for t in new.techniques if t.id in before]:
        yield "Techniques reordered"


def _terms(kind: str, old: tuple[Term, ...], new: tuple[Term, ...]) -> Iterator[str]:
    before = {t.id: t for t in old}
    after = {t.id: t for t in new}
    for term in new:
        if term.id not in before:
            yield f"Added {kind.lower()}: {term.label.default}"
        elif before[term.id] != term:
            yield f"{kind} {before[term.id].label.default}: {_what(before[term.id], term)} changed"
    for term in old:
        if term.id not in after:
            yield f"Removed {kind.lower()}: {term.label.default}"


def _what(old: Term, new: Term) -> str:
    parts = [
        word
        for word, a, b in (
            ("label", old.label, new.label),
            ("description", old.description, new.description),
            ("search words", old.search_words, new.search_words),
        )
        if a != b
    ]
    return ", ".join(parts) or "details"


def _technique(old: Technique, new: Technique, labels: dict[str, str]) -> Iterator[str]:
    name = old.name.default
    for field in ("name", "summary", "description", "feels_like", "after_session", "image", "image_alt"):
        if getattr(old, field) != getattr(new, field):
            yield f"{name}{SEP}{field.replace('_', ' ')} changed"
    for field in ("pressure", "session_minutes"):
        a, b = getattr(old, field), getattr(new, field)
        if a != b:
            yield f"{name}{SEP}{field.replace('_', ' ')}: {a.low}-{a.high} → {b.low}-{b.high}"
    if old.good_for != new.good_for:
        yield f"{name}{SEP}often chosen for changed"
    if old.questions_to_ask != new.questions_to_ask:
        yield f"{name}{SEP}questions to ask changed"
    yield from _claims(name, old, new, labels)
    yield from _cautions(name, old, new, labels)


def _claims(name: str, old: Technique, new: Technique, labels: dict[str, str]) -> Iterator[str]:
    before = {c.benefit: c for c in old.benefits}
    after = {c.benefit: c for c in new.benefits}
    for claim in new.benefits:
        label = labels.get(claim.benefit, claim.benefit)
        was = before.get(claim.benefit)
        if was is None:
            yield f"{name}{SEP}{label}: claim added (evidence {claim.evidence.value})"
            continue
        changed = []
        if was.evidence != claim.evidence:
            changed.append(f"evidence {was.evidence.value} → {claim.evidence.value}")
        for word, a, b in (("note", was.note, claim.note), ("sources", was.sources, claim.sources)):
            if a != b:
                changed.append(f"{word} changed")
        if was.reviewed != claim.reviewed:
            changed.append(f"reviewed {was.reviewed or 'never'} → {claim.reviewed or 'never'}")
        if changed:
            yield f"{name}{SEP}{label}: {'; '.join(changed)}"
    for claim in old.benefits:
        if claim.benefit not in after:
            yield f"{name}{SEP}{labels.get(claim.benefit, claim.benefit)}: claim removed"


def _cautions(name: str, old: Technique, new: Technique, labels: dict[str, str]) -> Iterator[str]:
    before = {c.condition: c for c in old.cautions}
    after = {c.condition: c for c in new.cautions}
    for caution in new.cautions:
        label = labels.get(caution.condition, caution.condition)
        was = before.get(caution.condition)
        if was is None:
            yield f"{name}{SEP}caution for {label} added ({caution.level.value})"
        elif was != caution:
            changed = (
                [f"level {was.level.value} → {caution.level.value}"] if was.level != caution.level else []
            )
            if was.note != caution.note:
                changed.append("advice changed")
            yield f"{name}{SEP}caution for {label}: {'; '.join(changed)}"
    for caution in old.cautions:
        if caution.condition not in after:
            yield f"{name}{SEP}caution for {labels.get(caution.condition, caution.condition)} removed"


def _numbers(folder: Path) -> list[int]:
    """The numbers of the versions recorded in `folder`: those with a record (N.json)."""
    return [int(m.group(1)) for n in _names(folder) if (m := _VERSION.fullmatch(n))]


def _taken(folder: Path) -> set[int]:
    """Every number a file of `folder` has, also a saved copy whose record was never written (a
    save interrupted between the two): a new version must take neither."""
    return {int(m.group(1)) for n in _names(folder) if (m := _EITHER_FILE.fullmatch(n))}


def _names(folder: Path) -> list[str]:
    try:
        return os.listdir(folder)
    except OSError:
        return []


def _next_number(taken: set[int]) -> int:
    """One past the highest number taken. Where that would not fit in nine digits (a stray
    999999999.json), one past the highest that has a free number after it, so that numbers still
    grow with each save instead of failing for ever; in one pass over the numbers."""
    for number in sorted(taken, reverse=True):
        if number < _LAST_NUMBER and number + 1 not in taken:
            return number + 1
    return next(n for n in range(1, len(taken) + 2) if n not in taken)


def _read_small(path: Path) -> bytes:
    """A small file of the history (a record, the keep setting), read only when it is a regular
    file and only up to its cap: a pipe put there never hangs a listing; OSError otherwise."""
    with open_regular(path) as file:
        data = file.read(_MAX_RECORD_BYTES + 1)
    if len(data) > _MAX_RECORD_BYTES:
        raise OSError(errno.EFBIG, "larger than a history record may be", str(path))
    return data


def _read_record(path: Path, number: int) -> Version | None:
    try:
        fields = json.loads(_read_small(path).decode("utf-8"))
        summary = tuple(str(line) for line in fields["summary"])
        return Version(number, str(fields["when"]), str(fields["user"]), str(fields.get("name", "")), summary)
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_new(path: Path, data: bytes) -> None:
    """Write `path` whole (a reader never sees half of it) and never over an existing file:
    FileExistsError when it is there. Where the folder takes no hard links (some shares), the
    file is created exclusively and written in place."""
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(tmp, new_file_mode())  # not mkstemp's 0600: kiosks of other users read the history
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        try:
            os.link(tmp, path)
        except FileExistsError:
            raise
        except OSError:
            with open(path, "xb") as file:
                file.write(data)
    finally:
        with contextlib.suppress(OSError):
            os.unlink(tmp)


def _user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):
        return "someone"
