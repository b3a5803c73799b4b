"""Live reload: a kiosk follows valid saves of its catalog, and keeps the last good one otherwise."""

from __future__ import annotations

import os

import pytest

from massage_explorer.core.schema.dump import dump_catalog
from massage_explorer.core.settings import KioskConfig, hash_pin
from massage_explorer.core.storage import load_catalog
from massage_explorer.ui.catalog_watch import CatalogWatcher
from massage_explorer.ui.common.theme import clear_theme
from massage_explorer.ui.kiosk.window import KioskWindow
from tests import factories as f

PIN = "5173"


def write_atomically(path, text: str) -> None:
    tmp = path.with_name(".incoming.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)  # what every safe editor does: the old inode is gone


@pytest.fixture
def catalog_file(tmp_path):
    path = tmp_path / "techniques.yaml"
    path.write_text(dump_catalog(f.catalog(f.technique("gentle"), f.technique("firm-one"))), encoding="utf-8")
    return path


def test_an_atomic_replace_is_picked_up_within_two_seconds(qtbot, catalog_file):
    watcher = CatalogWatcher(catalog_file, load_catalog(catalog_file).catalog, poll_ms=60_000)
    newer = f.catalog(f.technique("gentle"), f.technique("new-one"))
    with qtbot.waitSignal(watcher.reloaded, timeout=2000) as signal:
        write_atomically(catalog_file, dump_catalog(newer))
    assert signal.args[0] == newer
    # The watch survived the rename: a second replace is seen too.
    newest = f.catalog(f.technique("gentle"))
    with qtbot.waitSignal(watcher.reloaded, timeout=2000):
        write_atomically(catalog_file, dump_catalog(newest))
    watcher.stop()


def test_a_share_without_change_events_is_polled(qtbot, catalog_file):
    watcher = CatalogWatcher(catalog_file, load_catalog(catalog_file).catalog, poll_ms=300, use_events=False)
    newer = f.catalog(f.technique("gentle"), f.technique("polled"))
    with qtbot.waitSignal(watcher.reloaded, timeout=2000):
        catalog_file.write_text(dump_catalog(newer), encoding="utf-8")
    watcher.stop()


def test_an_invalid_update_is_refused_once_and_the_old_catalog_stays(qtbot, catalog_file):
    old = load_catalog(catalog_file).catalog
    watcher = CatalogWatcher(catalog_file, old, poll_ms=200)
    reloaded, rejected = [], []
    watcher.reloaded.connect(reloaded.append)
    with qtbot.waitSignal(watcher.rejected, timeout=2000) as signal:
        write_atomically(catalog_file, catalog_file.read_text().replace("evidence: low", "evidence: strong"))
    assert "unknown evidence grade 'strong'" in signal.args[0].errors[0].message
    watcher.rejected.connect(rejected.append)
    for _ in range(3):  # as the next polls would: no second report of the same broken version
        watcher.check()
    assert rejected == [] and reloaded == [] and watcher.current == old
    watcher.stop()


@pytest.fixture
def kiosk(qtbot, qapp, catalog_file):
    font = qapp.font()
    window = KioskWindow(
        load_catalog(catalog_file).catalog, KioskConfig(pin_hash=hash_pin(PIN)), catalog_path=catalog_file
    )
    qtbot.addWidget(window)
    window.resize(790, 790)
    window.show()
    yield window
    window.staff_quit()
    clear_theme(qapp)
    qapp.setFont(font)


def test_the_kiosk_follows_a_save_and_keeps_shortlisted_techniques_that_still_exist(
    qtbot, kiosk, catalog_file
):
    watcher = kiosk.watch()
    kiosk.start_session()
    state = kiosk.session.state
    state.toggle_shortlist("gentle")
    state.toggle_shortlist("firm-one")
    newer = f.catalog(f.technique("gentle"), f.technique("brand-new"))
    with qtbot.waitSignal(watcher.reloaded, timeout=2000):
        write_atomically(catalog_file, dump_catalog(newer))
    assert kiosk.catalog == newer
    assert state.shortlist == ["gentle"]
    assert kiosk.session.browse.proxy.rowCount() == 2
    watcher.stop()


def test_a_broken_save_leaves_patients_undisturbed_and_tells_staff(qtbot, kiosk, catalog_file):
    watcher = kiosk.watch()
    kiosk.start_session()
    before = kiosk.catalog
    with qtbot.waitSignal(watcher.rejected, timeout=2000):
        write_atomically(catalog_file, "schema_version: 1\ntechniques: [\n")
    assert kiosk.catalog is before and kiosk.session.browse.proxy.rowCount() == 2
    kiosk.open_pinpad()
    assert kiosk.pinpad.problem_hint.isVisible()
    assert "techniques.yaml" not in kiosk.pinpad.problem_hint.text()  # details only after the PIN
    for digit in PIN:
        kiosk.pinpad.digit_buttons[digit].click()
    kiosk.pinpad.ok_button.click()
    assert "still shows the last good version" in kiosk.pinpad.problems_label.text()
    assert "YAML syntax" in kiosk.pinpad.problems_label.text()
    watcher.stop()
