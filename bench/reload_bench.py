"""A staff save reaching a running kiosk: how long until it is shown, and the longest moment the
window stops answering meanwhile, with a catalog of --size techniques.

First the watcher reads the file once to remember its techniques, as a kiosk does 10 s after
start-up (timed too, with how long a repaint of the card list takes meanwhile). Then each round a
new version is saved the way the editor saves (atomic replace, by a thread of its own, not the
window's); the kiosk's watcher sees it, checks it off the window's thread (composing and reading
again only the part of the file that changed) and swaps it in. A 5 ms timer on the window records
the longest gap between its ticks (how long a tap would wait). Baseline, measured interleaved in
the same rounds: the same timer over the same span with nothing being reloaded.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/reload_bench.py [--rounds 5] [--size 5000]
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from compare_bench import generated_catalog
from PySide6.QtCore import QEventLoop, QTimer
from PySide6.QtWidgets import QWidget
from stall_meter import StallMeter

from massage_explorer.core.catalog import Catalog, Text
from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.settings import KioskConfig
from massage_explorer.core.storage import atomic_write
from massage_explorer.ui.catalog_watch import PRIME_MS
from massage_explorer.ui.common.scrolling import viewport_of
from massage_explorer.ui.kiosk.window import KioskWindow
from massage_explorer.ui.launch import prepare_application, settle_memory


class Repaints:
    """How long each repaint of `widget` takes, one every 50 ms while it runs."""

    def __init__(self, widget: QWidget) -> None:
        self.widget = widget
        self.timer = QTimer()
        self.timer.setInterval(50)
        self.timer.timeout.connect(self._repaint)
        self.times: list[float] = []

    def start(self) -> None:
        self.times = []
        self.timer.start()

    def stop(self) -> list[float]:
        self.timer.stop()
        return self.times

    def _repaint(self) -> None:
        began = time.perf_counter()
        self.widget.repaint()
        self.times.append(time.perf_counter() - began)


def _ms(times: list[float]) -> str:
    return f"median {statistics.median(times) * 1000:.1f} ms, max {max(times) * 1000:.1f} ms"


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
    stalls = StallMeter()
    latencies, frozen, idle = [], [], []
    size_mb = len(path.read_bytes()) / 2**20
    load = os.getloadavg()
    print(f"catalog: {args.size:,} techniques, {size_mb:.1f} MB; load average {load[0]:.2f}; ", end="")
    print(f"{args.rounds} rounds")
    # As a kiosk runs: the watcher reads the file once, PRIME_MS (10 s) after start-up, only to
    # remember its techniques; staff saves come later. Timed here as well, with the window's
    # longest stall and, as a patient scrolling meanwhile would see it, how long a repaint of the
    # card list takes during that read against the same repaints with nothing reading.
    repaints = Repaints(viewport_of(kiosk.session.browse.view))
    wait(PRIME_MS - 200)
    repaints.start()
    stalls.start()
    began = time.perf_counter()
    while not (watcher._memo and not watcher.busy) and time.perf_counter() - began < 60:
        wait(5)
    primed, priming_stall, reading = time.perf_counter() - began, stalls.stop(), repaints.stop()
    repaints.start()
    wait(primed * 1000)
    quiet = repaints.stop()
    print(f"read once to remember the techniques: {primed:.2f} s (from 0.2 s before it began), "
          f"longest stall meanwhile {priming_stall * 1000:.0f} ms")  # fmt: skip
    print(f"a repaint of the card list meanwhile: {_ms(reading)}; with nothing reading: {_ms(quiet)}")
    wait(500)
    for n in range(1, args.rounds + 1):
        data = dump_catalog(renamed(catalog, n)).encode("utf-8")
        shown.clear()
        stalls.start()
        saved = time.perf_counter()
        # Saved as the editor saves, by another thread here: this process is the kiosk, and
        # writing the file and waiting for the disk is no part of its window's work.
        saving = threading.Thread(target=atomic_write, args=(path, data))
        saving.start()
        while not shown and time.perf_counter() - saved < 30:
            wait(5)
        frozen.append(stalls.stop())
        saving.join()
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
