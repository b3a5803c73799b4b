"""Every size a catalog may reach, in one place (docs/catalog-format.md lists them for staff). No Qt.

Each bound sits far above what a real clinic writes and far below what would stall a kiosk or a
check: a file that needs more is the wrong file, or a mistake. The validator names the bound in
its message, so staff know what to shorten.
"""

from __future__ import annotations

from massage_explorer.core.problems import ItemKind, Location

# The file: refused before it is parsed (5,000 techniques in two languages is about 8 MB).
MAX_BYTES = 24 * 1024 * 1024
# Lists and fields inside each other: a catalog needs seven levels.
MAX_DEPTH = 64
# Values in a file read at once (YAML nodes: each field name, text, number, list and group of
# fields), counted before it is read further: each costs ~300 bytes of memory while the file is
# read, and a 24 MB file of one-character values would take gigabytes. A catalog whose techniques
# are a block list ("- id:" entries, as the app writes them) is read 20 techniques at a time and
# holds no more than those at once; at most this many in any 20. Written like the bundled one, a
# catalog at the size limit holds ~600,000 values; loader_bench's 12,000 terse techniques 744,000.
MAX_NODES = 1_000_000
# Values in one entry of a list or group (a technique, a term), counted before it is composed:
# a technique with every list full in ten languages holds about 10,000; the bundled ones hold at
# most 360. Composed whole, a technique of 490,000 unknown fields took 340 MB. The techniques read
# 20 at a time, a part holds at most 20 times this many (~140 MB) at once.
MAX_ENTRY_NODES = 20_000
# Anchors and aliases named before the file is refused (each is the same mistake).
ANCHORS_LISTED = 100
# A whole number (schema_version, minutes): a session is at most 240 minutes.
MAX_DIGITS = 6

# Characters in one value, by its field; any other text may have MAX_CHARACTERS.
MAX_CHARACTERS = 10_000
CHARACTERS = {
    "id": 64,
    "benefit": 64,
    "condition": 64,
    "languages": 16,
    "name": 120,
    "label": 120,
    "summary": 1_000,  # patients see 200 at most: the validator says so from 201 on
    "image": 255,
    "image_alt": 500,
    "search_words": 120,
    "sign": 500,
    "questions_to_ask": 500,
    "sources": 1_000,
    "note": 4_000,
    "feels_like": 4_000,
    "after_session": 4_000,
}
TERM_DESCRIPTION_CHARACTERS = 1_000

# Entries in one list, by its field; any other list may have MAX_ITEMS.
MAX_ITEMS = 1_000
ITEMS = {
    "techniques": 12_000,
    "languages": 10,
    "benefits": 50,  # a technique's benefit claims
    "cautions": 200,
    "good_for": 200,
    "questions_to_ask": 30,
    "sources": 20,
    "search_words": 50,  # in one language
    "red_flags": 50,
}
MAX_TERMS = 1_000  # entries in each vocabulary (benefits, conditions)

# "Did you mean …?" compares an unknown word with every known one; the first this many unknown
# words of a file get a suggestion, so a file full of them is checked in linear time.
MAX_SUGGESTIONS = 25
# Values quoted in a message are cut to this many characters.
SHOWN_CHARACTERS = 60


def field_name(where: Location) -> str:
    """The field a location ends in: 'note' for 'benefits[1].note', 'sources' for
    'benefits[0].sources[2]', 'languages' for the catalog's own field."""
    return where.field.rpartition(".")[2].partition("[")[0]


def characters(where: Location) -> int:
    """How long a value written at `where` may be."""
    name = field_name(where)
    if name == "description" and where.kind in (ItemKind.BENEFIT, ItemKind.CONDITION):
        return TERM_DESCRIPTION_CHARACTERS
    return CHARACTERS.get(name, MAX_CHARACTERS)


def items(where: Location) -> int:
    """How many entries the list at `where` may have."""
    return ITEMS.get(field_name(where), MAX_ITEMS)


def shown(value: str) -> str:
    """`value` as a message quotes it: whole when short, else its start and an ellipsis."""
    return value if len(value) <= SHOWN_CHARACTERS else value[: SHOWN_CHARACTERS - 1] + "…"
