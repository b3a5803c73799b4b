"""Passes over a whole catalog text made a bounded slice at a time, so that a thread reading a
catalog hands Python's lock back between them. No Qt.

A thread holds Python's lock through each call into C, and the window's thread waits for it
meanwhile: the kiosk's live reload and the editor's check read a file on a thread of their own
only so that the window goes on. Over a hostile 24 MB file, one count of a character took up to
47 ms, one regular-expression search 92 ms, and libyaml given the whole text skipped 24 MB of
comments inside one call of 100 ms; made a slice at a time, no call takes more than a
millisecond or so, and the lock passes between them.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator

import yaml

# Characters one call into C goes through at most. The slowest pass here, a search that stops at
# every line of a file of one-character lines, takes about 4 ns a character: 1 ms for a slice.
# (libyaml asks for at most 16 KB at a time anyway.)
SLICE_CHARS = 256 * 1024


def utf8_text(data: bytes) -> str:
    """`data` decoded as UTF-8, a byte-order mark first left out (as "utf-8-sig" does), a slice
    at a time. Each slice ends before a byte that starts a character, so none is cut in two and
    the first bad byte is the one a whole decode finds; a UnicodeDecodeError says where it is in
    `data` (the byte-order mark counted)."""
    parts = []
    start = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    while start < len(data):
        end = min(start + max(SLICE_CHARS, 4), len(data))  # (a whole character at least)
        if end < len(data):
            # Cut before the last byte that starts a character (is no character's second to
            # fourth) among the four a character may take; where none does, none is cut in two.
            end = next((at for at in range(end, end - 4, -1) if data[at] & 0xC0 != 0x80), end)
        try:
            parts.append(data[start:end].decode("utf-8"))
        except UnicodeDecodeError as exc:
            raise UnicodeDecodeError("utf-8", data, start + exc.start, start + exc.end, exc.reason) from None
        start = end
    return "".join(parts)


def count(text: str, needle: str) -> int:
    """`text.count(needle)`, for a needle no end of which is also its start (such as one
    character, or "- "): such a needle's occurrences never overlap, so those starting in each
    slice are counted there, whole."""
    reach = len(needle) - 1  # an occurrence starting at a slice's last character ends past it
    return sum(
        text.count(needle, start, start + SLICE_CHARS + reach) for start in range(0, len(text), SLICE_CHARS)
    )


def line_matches(pattern: re.Pattern[str], text: str, start: int = 0) -> Iterator[re.Match[str]]:
    """`pattern.finditer(text, start)`, for a pattern whose every match starts with a line break
    and holds no other (one line, found by its break): searched a slice of whole lines at a time.
    A line longer than a slice is not searched along: a match can only start at its line break,
    so it is tried there alone. (Searched, a catalog written on one line of 20 MB took one call
    of 40-70 ms for each search.)"""
    while start < len(text):
        end = text.find("\n", start + SLICE_CHARS)  # the slice ends before a line break
        if end == -1:
            end = len(text)
        # Every line break in the slice is at `last` or before it: after it, the slice's last line
        # runs on to `end`, which may be a long way off.
        last = text.rfind("\n", start, min(end, start + SLICE_CHARS))
        if last != -1:
            yield from pattern.finditer(text, start, last)
            match = pattern.match(text, last, end)
            if match is not None:
                yield match
        start = end


class TextReader:
    """A text as libyaml reads a file: a slice at each call of `read`.

    Given a text, libyaml's parser reads it whole inside its own C code, and runs Python only
    between the events (or tokens) it hands back: 24 MB of comments is skipped in one call that
    holds Python's lock. Given an object with `read`, it calls that method (Python) each time its
    buffer runs low, and the lock can pass there. It reads the same characters, so it finds the
    same events at the same marks."""

    name = "<unicode string>"  # what libyaml calls a text in its errors, as when given one whole

    def __init__(self, text: str) -> None:
        self.text = text
        self.at = 0

    def read(self, size: int = -1, /) -> str:
        """The next `size` characters (SLICE_CHARS at most, and where `size` is negative), or
        what is left of them; "" at the end."""
        start = self.at
        self.at = min(start + (SLICE_CHARS if size < 0 else min(size, SLICE_CHARS)), len(self.text))
        return self.text[start : self.at]


def parser_input(text: str, loader: type) -> str | TextReader:
    """What to hand `loader` to parse `text`: libyaml (a C loader) reads it through a TextReader;
    the pure-Python parser runs Python throughout and reads the text itself."""
    return text if issubclass(loader, yaml.reader.Reader) else TextReader(text)
