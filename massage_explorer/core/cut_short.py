"""Whether a new version of the catalog may be a file still being written: cut short, not whole.

A copy that pauses mid-file leaves the first part of the catalog, and that is often valid YAML: a
technique without its cautions, or the techniques before the cut alone. Nothing in the file says a
writer is done, so the signs are those a cut leaves:

- block copies (cp, scp, rsync, a share's copy) stop at a byte count, nearly always mid-line: the
  file does not end with a line break;
- a cut at a line's end leaves the last technique part-written (it differs from the one shown),
  or a whole technique last that was shown followed by others, now missing;
- a cut early in the file drops most of the techniques shown.

Each may also be a legitimate edit (the last technique edited, most techniques deleted): such a
version is only trusted later, never refused. No Qt.
"""

from __future__ import annotations

from massage_explorer.core.catalog import Catalog

# More than this share of the techniques shown left out: a cut early in the file, maybe.
DROPPED_SHARE = 0.5


def cut_short(shown: Catalog, new: Catalog, *, ends_with_line_break: bool) -> str | None:
    """Why `new` may be the first part of a file still being written, said for the log; None
    where it shows no sign of it."""
    if not ends_with_line_break:
        return "the file does not end with a line break"
    kept = {t.id for t in new.techniques}
    dropped = [t for t in shown.techniques if t.id not in kept]
    if len(dropped) > DROPPED_SHARE * len(shown.techniques):
        return f"it leaves out {len(dropped):,} of the {len(shown.techniques):,} techniques shown"
    last = new.techniques[-1]
    position = {t.id: n for n, t in enumerate(shown.techniques)}
    if last.id not in position:
        return None  # a technique new in this version: nothing to tell it by
    if last != shown.techniques[position[last.id]]:
        return f"its last technique, '{last.id}', is not as shown (it may end part-way)"
    after = [t.id for t in shown.techniques[position[last.id] + 1 :] if t.id not in kept]
    if after:
        return f"it ends at technique '{last.id}', and leaves out '{after[0]}' that followed it"
    return None
