"""A save killed at any moment leaves the old or the new catalog, whole, and a valid backup."""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import time
from dataclasses import replace

from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.storage import load_catalog, remove_stale_temporaries
from tests.core.helpers import TODAY, VALID, read

SAVER = """
import sys
from pathlib import Path
from massage_explorer.core.storage import parse_catalog, save_catalog
path = Path(sys.argv[1])
versions = [parse_catalog(Path(p).read_bytes()).catalog for p in sys.argv[2:]]
print("ready", flush=True)
i = 0
while True:
    save_catalog(versions[i % len(versions)], path)
    i += 1
"""


def test_sigkill_during_saves_never_leaves_a_partial_file(tmp_path):
    # Two versions of very different sizes, so a torn write could not pass for either.
    small = read(VALID).catalog
    assert small is not None
    big = replace(small, techniques=tuple(replace(small.techniques[0], id=f"copy-{i}") for i in range(150)))
    sources = []
    for name, catalog in (("small.yaml", small), ("big.yaml", big)):
        (tmp_path / name).write_text(dump_catalog(catalog), encoding="utf-8")
        sources.append(str(tmp_path / name))
    target = tmp_path / "live" / "techniques.yaml"
    target.parent.mkdir()
    target.write_text(dump_catalog(small), encoding="utf-8")
    rng = random.Random(20261126)
    for _ in range(25):
        saver = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(target), *sources], stdout=subprocess.PIPE, text=True
        )
        assert saver.stdout is not None and saver.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0.0, 0.05))
        saver.send_signal(signal.SIGKILL)
        saver.wait()
        assert load_catalog(target, today=TODAY).catalog in (small, big)
        backup = target.with_name("techniques.yaml.bak")
        if backup.exists():
            assert load_catalog(backup, today=TODAY).catalog in (small, big)
        # Leftover temporary files from a kill are harmless and never read as the catalog.
        assert {p.name for p in target.parent.iterdir()} - {"techniques.yaml", "techniques.yaml.bak"} <= {
            p.name for p in target.parent.iterdir() if p.name.startswith(".")
        }
    # ...and the clean-up the editor runs when it opens the catalog removes every one of them.
    remove_stale_temporaries(target)
    assert {p.name for p in target.parent.iterdir()} - {"techniques.yaml.bak"} == {"techniques.yaml"}
