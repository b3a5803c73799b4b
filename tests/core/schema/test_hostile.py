"""Hostile and broken catalogs: a located message and an exit status, never a traceback, a freeze
or a different verdict on a machine without libyaml. Each case is one an outside reliability run
found failing."""

from __future__ import annotations

import difflib
import os
import random
import subprocess
import sys

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from massage_explorer.cli import main
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.schema import limits, yaml_nodes, yaml_safety
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.storage import parse_catalog
from tests import factories as f
from tests.core.helpers import LOADERS, VALID, line_of, only_error, read, variant

LONG_NAME = "a" * 5000 + ".png"


def commands(path) -> list[list[str]]:
    """Every command that reads a catalog without showing a window when it is broken."""
    return [["validate", str(path)], ["--data", str(path)], ["edit", str(path)]]


@pytest.mark.parametrize("loader", LOADERS)
def test_a_null_character_in_a_picture_name_is_a_located_error(loader, tmp_path):
    text = variant(
        "    after_session: You may feel sleepy.",
        '    image: "a\\0.png"\n    after_session: You may feel sleepy.',
    )
    error = only_error(read(text, loader, base_dir=tmp_path))
    assert error.line == line_of(text, "image:")
    assert "control character" in error.message


@pytest.mark.parametrize("value", ["9" * 5000, "9" * 7, "-" + "9" * 4400])
def test_a_number_with_thousands_of_digits_is_refused_with_the_limit(value):
    text = variant("session_minutes: 60", f"session_minutes: {value}")
    error = only_error(read(text))
    assert error.line == line_of(text, "session_minutes")
    assert f"at most {limits.MAX_DIGITS} digits" in error.message
    assert len(error.message) < 300  # the value is quoted cut short, not 5,000 digits long


def test_no_command_meets_a_huge_number_with_a_traceback(tmp_path, capsys):
    path = tmp_path / "huge.yaml"
    path.write_text(variant("session_minutes: 60", "session_minutes: " + "9" * 5000))
    for args in commands(path):
        assert main(args) == 1, args
        err = capsys.readouterr().err
        assert "Traceback" not in err and f"{path}:" in err and "at most 6 digits" in err
    # The kiosk, with no backup to fall back on, no longer exits (it shows its out-of-service
    # page: tests/ui/kiosk); `doctor` says what it would, as the kiosk's user runs it.
    config = tmp_path / "kiosk.ini"
    config.write_text(f"[kiosk]\ncatalog = {path}\n", encoding="utf-8")
    assert main(["doctor", "--config", str(config)]) == 1
    said = capsys.readouterr()
    assert "Traceback" not in said.out + said.err and "at most 6 digits" in said.out + said.err


@pytest.mark.parametrize(
    ("name", "message"),
    [
        (LONG_NAME, f"over the limit of {limits.CHARACTERS['image']} for this field"),
        # Within the limit in characters, over the file system's 255 bytes for one name.
        ("é" * 200 + ".png", "cannot be looked for: File name too long"),
    ],
    ids=["5000 characters", "too long for the file system"],
)
def test_a_picture_name_too_long_is_a_located_error_not_an_unreadable_file(tmp_path, capsys, name, message):
    text = variant(
        "    after_session: You may feel sleepy.",
        f"    image: {name}\n    after_session: You may feel sleepy.",
    )
    path = tmp_path / "techniques.yaml"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 1  # invalid, not "cannot read the file" (2)
    err = capsys.readouterr().err
    assert f"{path}:{line_of(text, 'image:')}:" in err and message in err


def test_did_you_mean_is_offered_for_a_bounded_number_of_unknown_words(monkeypatch):
    # 300 references to undefined benefits among 300 defined ones: without a bound, every one
    # is compared with every id (the time grows with the square of the file).
    calls = []
    real = difflib.get_close_matches

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(difflib, "get_close_matches", counted)
    terms = "".join(f"  benefit-{i}:\n    label: Benefit number {i}\n" for i in range(300))
    techniques = "".join(
        f"  - id: t-{i}\n    name: T {i}\n    summary: S.\n    description: D.\n    pressure: light\n"
        f"    session_minutes: 30\n    benefits:\n      - benefit: benefit-{i}x\n        evidence: low\n"
        for i in range(300)
    )
    text = "schema_version: 1\nbenefits:\n" + terms + "conditions: {}\ntechniques:\n" + techniques
    errors = read(text).errors
    unknown = [e for e in errors if "is not defined under 'benefits'" in e.message]
    assert len(unknown) == 300
    assert sum("did you mean" in e.message for e in unknown) == limits.MAX_SUGGESTIONS
    assert len(calls) <= limits.MAX_SUGGESTIONS + 20  # the few field-name checks besides


@pytest.mark.parametrize(
    ("old", "new", "needle"),
    [
        ("feels_like: Smooth and slow.", "feels_like: " + "x" * 4001, "over the limit of 4,000"),
        ("    name: Swedish massage", "    name: " + "Swedish " * 20, "over the limit of 120"),
        (
            "    questions_to_ask:\n",
            "    questions_to_ask:\n" + "      - Why?\n" * 30,
            "31 questions, over the limit of 30",
        ),
    ],
    ids=["long text", "long name", "many items"],
)
def test_every_size_that_can_grow_has_a_named_limit(old, new, needle):
    error = only_error(read(variant(old, new)))
    assert needle in error.message


def test_a_vocabulary_too_large_is_refused():
    terms = "".join(f"  c-{i}:\n    label: C {i}\n" for i in range(limits.MAX_TERMS + 1))
    text = VALID.replace("conditions:\n  disc:\n    label: Herniated disc\n", "conditions:\n" + terms)
    errors = read(text).errors
    assert any(f"over the limit of {limits.MAX_TERMS:,}" in e.message for e in errors)


# -- the same verdict with libyaml and with pure-Python PyYAML ----------------------------------

DEEP_FLOW = variant("feels_like: Smooth and slow.", "feels_like: " + "[" * 600 + "]" * 600)
DEEP_BLOCK = (
    "schema_version: 1\nbenefits: {}\nconditions: {}\ntechniques:\n"
    + "".join(" " * (2 * i + 2) + "-\n" for i in range(200))
    + " " * 402
    + "x\n"
)
CORPUS = {
    "lone surrogate escape": variant(
        "feels_like: Smooth and slow.", 'feels_like: "Smooth \\ud800 and slow."'
    ),
    "surrogate pair escapes": variant("feels_like: Smooth and slow.", 'feels_like: "Smile \\ud83d\\ude00"'),
    "a tab after a key": variant("feels_like: Smooth and slow.", "feels_like:\tSmooth and slow."),
    "a tab inside a list": variant("pressure: [light, medium]", "pressure: [light,\tmedium]"),
    "a tab for indentation": variant("    feels_like:", "\tfeels_like:"),
    "nesting 600 deep in brackets": DEEP_FLOW,
    "nesting 200 deep in blocks": DEEP_BLOCK,
    "a null character": variant(
        "    after_session: You may feel sleepy.",
        '    image: "a\\0.png"\n    after_session: You may feel sleepy.',
    ),
    "five thousand digits": variant("session_minutes: 60", "session_minutes: " + "9" * 5000),
    "an alias": variant("    session_minutes: 60", "    session_minutes: &m 60\n    feels_like: *m"),
    "a python tag": variant("feels_like: Smooth and slow.", "feels_like: !!python/name:os.system ''"),
}


@pytest.mark.parametrize("name", CORPUS)
def test_both_loaders_give_the_same_verdict_and_messages(name):
    if len(LOADERS) < 2:
        pytest.skip("libyaml is not installed here: there is only one loader to compare")
    text = CORPUS[name]
    pure, libyaml = (read(text, p.values[0]) for p in LOADERS)
    assert pure.ok == libyaml.ok, name
    ours = [(p.line, p.message) for p in pure.problems if not p.message.startswith("YAML syntax")]
    theirs = [(p.line, p.message) for p in libyaml.problems if not p.message.startswith("YAML syntax")]
    assert ours == theirs, name  # the wording of a syntax error is the parser's own


def test_nesting_deeper_than_the_limit_is_refused_where_it_starts():
    for text in (DEEP_FLOW, DEEP_BLOCK):
        error = only_error(read(text, yaml.SafeLoader))
        assert f"more than {limits.MAX_DEPTH} levels deep" in error.message and error.line > 0


def test_a_tab_after_a_key_is_white_space_as_yaml_says():
    result = read(CORPUS["a tab after a key"], yaml.SafeLoader)
    assert result.ok and result.catalog.techniques[0].feels_like.default == "Smooth and slow."


def test_a_lone_surrogate_is_refused_where_it_is():
    text = CORPUS["lone surrogate escape"]
    error = only_error(read(text, yaml.SafeLoader))
    assert error.line == line_of(text, "feels_like") and "surrogate" in error.message


def test_the_cli_never_prints_a_traceback_for_the_corpus(tmp_path):
    for index, text in enumerate(CORPUS.values()):
        path = tmp_path / f"{index}.yaml"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
    done = subprocess.run(
        [sys.executable, "-m", "massage_explorer", "validate", *sorted(map(str, tmp_path.iterdir()))],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1, 2) and "Traceback" not in done.stderr
    for line in done.stderr.splitlines():
        assert ": error: " in line or ": warning: " in line, line


def test_a_pipe_or_a_folder_named_as_the_catalog_is_refused_without_waiting(tmp_path, capsys):
    pipe = tmp_path / "techniques.yaml"
    os.mkfifo(pipe)  # opening it to read would wait for a writer for ever
    folder = tmp_path / "folder.yaml"
    folder.mkdir()
    assert main(["validate", str(pipe), str(folder)]) == 2
    err = capsys.readouterr().err
    assert f"{pipe}: error: cannot read the file: not a regular file" in err
    assert f"{folder}: error: cannot read the file:" in err


# -- files of many tiny values: refused before they are built in memory -------------------------


def _nodes(text: str) -> int:
    """How many nodes (values) the text holds, by the parser's events."""
    node_events = (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
    return sum(isinstance(event, node_events) for event in yaml.parse(text, Loader=yaml.SafeLoader))


def test_a_file_of_too_many_values_is_refused_where_they_pass_the_limit_without_building_it(monkeypatch):
    # 24 MB of one-character list entries: built as a node tree, 6 million nodes took 1.8 GB.
    line = "- a\n"
    text = line * ((limits.MAX_BYTES - 1024) // len(line))

    def never(*args, **kwargs):
        raise AssertionError("the node tree was built")

    monkeypatch.setattr(yaml_nodes, "_compose_cached", never)
    error = only_error(parse_catalog(text.encode()))
    assert f"more than {limits.MAX_NODES:,} values" in error.message
    # The sequence is the first node, so the entry past the limit is on line MAX_NODES.
    assert (error.line, error.column) == (limits.MAX_NODES, 3)


@pytest.mark.parametrize("loader", LOADERS)
@pytest.mark.parametrize(
    "shape",
    [
        "- a\n" * 40,
        "x: [" + "1," * 40 + "1]\n",
        "".join(f"k{i}: v\n" for i in range(40)),
        "- [a: b, {c, d}]\n" * 9,
    ],
    ids=["block list", "flow list", "mapping", "flow pairs"],
)
def test_every_shape_of_values_counts_against_the_limit(monkeypatch, loader, shape):
    limit = _nodes(shape) - 1
    monkeypatch.setattr(yaml_safety, "MAX_NODES", limit)
    error = only_error(read(shape, loader))
    assert f"more than {limit:,} values" in error.message


def test_a_catalog_laid_out_as_the_app_writes_it_may_hold_more_values_read_a_few_at_a_time(monkeypatch):
    # Read 20 techniques at a time, it never holds more than those: a limit on the whole file's
    # values refused a valid catalog of 12,000 techniques with five cautions each.
    text = dump_catalog(f.catalog(*(f.technique(f"t-{i}") for i in range(60))))
    monkeypatch.setattr(yaml_safety, "MAX_NODES", _nodes(text) // 2)
    assert read(text).ok
    # Read at once (old Mac line breaks send it there), it is refused.
    whole = text.replace("\n", "\r")
    error = only_error(read(whole))
    assert f"more than {_nodes(text) // 2:,} values by here" in error.message
    assert "is read a few at a time and may hold more" in error.message


# Texts of every kind of node: the count of characters that can start one must bound the nodes.
BOUND_CORPUS = [
    VALID,
    "a",
    "- - - a\n",
    "? a\n? b\n: c\n",
    "{a, b, c: d}",
    "[a: b, c, ? d]",
    "- [x, {a: [b, c]}]\n  # a comment: with - and ,\n",
    "a: |\n  text\nb: >\n  folded\nc: 'q'\nd: \"e\"\n",
    "a:\nb:\n-\n",
    "--- !!map\nx: !!str 1\n",
    "{a}",
    "{a, b}",
    "[? a]",
    "[x: b, {c}]",
    "? a\n",
    "- \n-\n- - a\r\n-",
    "-\n- -\n",
    "a:\r\n  - b\r\n  -\r\n",
    '{"a":b, "c":[d]}',
    "-\x85-\u2028-\u2029- a",  # YAML's other line breaks (a file read from disk holds none)
]


def _nodes_composed(text: str) -> int:
    """The nodes composing the text would build: those of its first document, up to a syntax
    error if there is one (the nodes before it are built first)."""
    node_events = (yaml.ScalarEvent, yaml.AliasEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent)
    count = 0
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            if isinstance(event, yaml.DocumentEndEvent):
                break
            count += isinstance(event, node_events)
    except yaml.YAMLError:
        pass
    return count


_PIECES = [
    *("- ", "-", "\n", "\r\n", "a", "bc", ": ", ":", "? ", "?", ",", ", ", "[", "]", "{", "}"),
    *(" ", "  ", "\t", "'q'", '"d"', "|\n  t\n", ">-\n  t\n", "!!str ", "#c\n", "---\n", "...\n"),
    *("\x85", "\u2028", "&x ", "*x"),
]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_the_cheap_count_bounds_the_nodes_of_any_text(text):
    nodes = _nodes_composed(text)
    with pytest.MonkeyPatch.context() as m:
        m.setattr(yaml_safety, "MAX_NODES", max(nodes - 1, 0))
        assert nodes == 0 or yaml_safety.may_hold_too_many(text)


@pytest.mark.parametrize("text", BOUND_CORPUS)
def test_the_cheap_count_never_lets_a_file_of_too_many_values_skip_the_events(monkeypatch, text):
    # With the limit one under the text's nodes, the cheap look must send it to the events pass.
    monkeypatch.setattr(yaml_safety, "MAX_NODES", _nodes(text) - 1)
    assert yaml_safety.may_hold_too_many(text)


def test_a_catalog_like_the_bundled_one_read_at_once_stays_well_under_the_values_limit():
    bundled_text = bundled_catalog_path().read_text(encoding="utf-8")
    # At the size limit, a catalog as dense in values as the bundled one holds under 3/4 of it.
    nodes_per_byte = _nodes(bundled_text) / len(bundled_text.encode())
    assert nodes_per_byte * limits.MAX_BYTES < 0.75 * limits.MAX_NODES


def test_anchors_are_named_up_to_a_bound_and_the_rest_summed_up():
    text = "schema_version: 1\nx:\n" + "".join(f"- &a{i} x\n" for i in range(limits.ANCHORS_LISTED + 50))
    result = read(text)
    assert result.catalog is None and len(result.errors) == limits.ANCHORS_LISTED + 1
    assert all("anchor '&a" in e.message for e in result.errors[:-1])
    last = result.errors[-1]
    assert "more anchors or aliases from here on" in last.message
    assert last.line == 3 + limits.ANCHORS_LISTED


def _deepest(text: str) -> int:
    """How deep brackets nest, a closing one closing the last opened (one left over closes none)."""
    depth = deepest = 0
    for c in text:
        if c in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif c in "]}":
            depth = max(depth - 1, 0)
    return deepest


@pytest.mark.parametrize("seed", range(5))
def test_the_bracket_count_is_never_below_the_nesting(seed):
    rng = random.Random(seed)
    for _ in range(300):
        text = "".join(rng.choice("[]{}a é") for _ in range(rng.randrange(60)))
        bound = yaml_safety._bracket_depth_bound(text, 1_000)
        assert bound >= _deepest(text), text
    balanced = "[a, {b: [c, [d]]}, [e]]" * 3
    assert yaml_safety._bracket_depth_bound(balanced, 1_000) == _deepest(balanced) == 4
    assert yaml_safety._bracket_depth_bound("[" * 50, 10) == 10  # stops at what is enough


def test_brackets_in_comments_nest_one_deep_and_the_file_reads():
    # (24 MB of "[]" in comments took 10 s, in a loop in Python over the brackets.)
    text = VALID + "# " + "[]" * 1_000_000 + "\n"
    assert yaml_safety._bracket_depth_bound(text, 32) == 1
    assert read(text).ok


def test_a_surrogate_look_alike_outside_double_quotes_skips_the_slow_scan(monkeypatch):
    if not hasattr(yaml, "CSafeLoader"):
        pytest.skip("libyaml is not installed here: the pure-Python scan is the only way to look")

    def never(text):
        raise AssertionError("the pure-Python scanner read the file")

    monkeypatch.setattr(yaml_safety, "_surrogate_problems", never)
    # In a comment, an unquoted text and a single-quoted one, "\ud83d" is no escape.
    text = variant("feels_like: Smooth and slow.", "feels_like: Smooth \\ud83d and slow.  # \\ud83d")
    text = variant("label: Better sleep", "label: 'Better \\ud83d sleep'", text)
    assert read(text, yaml.CSafeLoader).ok


@pytest.mark.parametrize("loader", LOADERS)
def test_of_two_surrogate_escapes_the_first_is_named(loader):
    # The scan that names them takes about 2 s a megabyte: it stops at the first.
    text = variant("feels_like: Smooth and slow.", 'feels_like: "Smooth \\ud800 and slow."')
    text = variant("    after_session: You may feel sleepy.", '    after_session: "Sleepy \\udfff"', text)
    error = only_error(read(text, loader))
    assert error.line == line_of(text, "feels_like") and "surrogate" in error.message
