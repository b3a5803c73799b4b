"""A staff save reaching a running kiosk: how long until it is shown, and the longest moment the
window stops answering meanwhile, with a catalog of --size techniques.

First the watcher reads the file once to remember its techniques, as a kiosk does soon after
start-up (timed too). Then each round a new version is saved the way the editor saves (atomic
replace); the kiosk's watcher sees it, checks it off the window's thread (reading again only the
technique that changed) and swaps it in. A 5 ms timer on the window
records the longest gap between its ticks (how long a tap would wait). Baseline, measured
interleaved in the same rounds: the same timer over the same span with nothing being reloaded.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/reload_bench.py [--rounds 5] [--size 5000]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compare_bench import generated_catalog
from PySide6.QtCore import QEventLoop, QTimer

from massage_explorer.core.catalog import Catalog, Text
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.settings import KioskConfig
from massage_explorer.core.storage import atomic_write
from massage_explorer.ui.kiosk.window import KioskWindow
from massage_explorer.ui.launch import prepare_application, settle_memory


class Stalls:
    """The longest gap between ticks of a 5 ms timer, while it runs."""

    def __init__(self) -> None:
        self.timer = QTimer()
        self.timer.setInterval(5)
        self.timer.timeout.connect(self._tick)
        self.last = 0.0
        self.longest = 0.0

    def start(self) -> None:
        self.last, self.longest = time.perf_counter(), 0.0
        self.timer.start()

    def stop(self) -> float:
        self.timer.stop()
        self._tick()
        return self.longest

    def _tick(self) -> None:
        now = time.perf_counter()
        self.longest = max(self.longest, now - self.last)
        self.last = now


def wait(ms: float) -> None:
    loop = QEventLoop()
    QTimer.singleShot(round(ms), loop.quit)
    loop.exec()


def renamed(catalog: Catalog, n: int) -> Catalog:
    first = catalog.techniques[0]
    changed = dataclasses.replace(first, name=Text.plain(f"Technique number 0, version {n}"))
    return dataclasses.replace(catalog, techniques=(changed, *catalog.techniques[1:]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--size", type=int, default=5000)
    args = parser.parse_args()
    app = prepare_application()
    catalog = generated_catalog(args.size)
    folder = Path(tempfile.mkdtemp())
    path = folder / "techniques.yaml"
    path.write_text(dump_catalog(catalog), encoding="utf-8")
    kiosk = KioskWindow(catalog, KioskConfig(), catalog_path=path)
    kiosk.resize(1920, 1080)
    kiosk.show()
    kiosk.start_session()
    settle_memory()  # as run_kiosk does once the window is up
    watcher = kiosk.watch()
    shown: list[float] = []
    watcher.reloaded.connect(lambda _: shown.append(time.perf_counter()))
    stalls = Stalls()
    latencies, frozen, idle = [], [], []
    size_mb = len(path.read_bytes()) / 2**20
    load = os.getloadavg()
    print(f"catalog: {args.size:,} techniques, {size_mb:.1f} MB; load average {load[0]:.2f}; ", end="")
    print(f"{args.rounds} rounds")
    # As a kiosk runs: the watcher reads the file once soon after start-up, only to remember its
    # techniques (PRIME_MS); staff saves come later. Timed here as well, with its stall.
    stalls.start()
    began = time.perf_counter()
    watcher._prime.start(0)
    while not (watcher._memo and not watcher.busy) and time.perf_counter() - began < 60:
        wait(5)
    primed, priming_stall = time.perf_counter() - began, stalls.stop()
    print(f"read once to remember the techniques: {primed:.2f} s, longest stall meanwhile "
          f"{priming_stall * 1000:.0f} ms")  # fmt: skip
    wait(500)
    for n in range(1, args.rounds + 1):
        data = dump_catalog(renamed(catalog, n)).encode("utf-8")
        shown.clear()
        stalls.start()
        saved = time.perf_counter()
        atomic_write(path, data)
        while not shown and time.perf_counter() - saved < 30:
            wait(5)
        frozen.append(stalls.stop())
        if not shown:
            raise SystemExit("the kiosk did not show the new version within 30 s")
        latencies.append(shown[0] - saved)
        span = shown[0] - saved
        stalls.start()  # baseline: the same span with nothing reloading
        wait(span * 1000)
        idle.append(stalls.stop())
    assert kiosk.catalog.techniques[0].name.default.endswith(f"version {args.rounds}")
    print(f"save -> shown on the kiosk: median {statistics.median(latencies):.2f} s, "
          f"max {max(latencies):.2f} s (target <= 2 s)")  # fmt: skip
    print(f"longest stall of the window meanwhile: median {statistics.median(frozen) * 1000:.0f} ms, "
          f"max {max(frozen) * 1000:.0f} ms (target <= 100 ms); baseline, nothing reloading: "
          f"median {statistics.median(idle) * 1000:.0f} ms, max {max(idle) * 1000:.0f} ms")  # fmt: skip
    watcher.stop()
    kiosk.staff_quit()
    app.processEvents()


if __name__ == "__main__":
    main()
