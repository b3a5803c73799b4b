"""The screenshot tool renders every screen the README shows, and the printed handout."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from PySide6.QtGui import QImage

from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.core.storage import load_catalog
from massage_explorer.tools.screenshots import OTHER_DISPLAYS, SIZE, main
from massage_explorer.ui.takeaway.pdf import MAX_FULL_SHEETS

SCREENS = [
    "browse.png",
    "browse-filtered.png",
    "details.png",
    "compare.png",
    "shortlist.png",
    "high-contrast.png",
    "largest-text.png",
    "welcome.png",
    "shortlist-qr.png",
    "countdown.png",
    "pinpad.png",
]


def test_every_screen_and_the_handout_are_rendered(qapp, tmp_path, capsys) -> None:
    assert main([str(tmp_path)]) == 0
    printed = capsys.readouterr().out.split()
    expected = [*SCREENS, "handout.pdf", *(f"es-{name}" for name in SCREENS[:7]), "es-handout.pdf"]
    others = {f"{d}-{s}.png": d for d, screens in OTHER_DISPLAYS.items() for s in screens}
    assert {"1280x800-compare-4.png", "1080x1920-browse.png", "1080x1920-take-away.png"} <= set(others)
    staff = ["editor-history.png", "review-report.pdf", "review-report-01.png", "review-report-02.png"]
    editor = {
        "editor-technique.png": "1920x1080",
        "editor-benefit.png": "1920x1080",
        "1366x768-editor-technique.png": "1366x768",
        "1024x768-editor-technique.png": "1024x768",
        "800x1280-editor-technique.png": "800x1280",
    }
    printed_names = [*expected, *others, *staff, *editor]
    assert sorted(printed) == sorted(str(tmp_path / name) for name in printed_names)
    for name, size in editor.items():  # the editor as big as its screen, which it fits
        image = QImage(str(tmp_path / name))
        assert f"{image.width()}x{image.height()}" == size, name
    for name in staff[::2]:  # the history and the report's cover: painted, not blank
        image = QImage(str(tmp_path / name))
        width, height = image.width(), image.height()
        assert len({image.pixel(x, y) for x in range(0, width, 7) for y in range(0, height, 5)}) > 2
    cover = subprocess.run(
        ["pdftotext", "-l", "1", str(tmp_path / "review-report.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "What changed since version #1" in cover and "Signature:" in cover
    for name in others:  # the window as big as that screen, and no bigger
        image = QImage(str(tmp_path / name))
        assert f"{image.width()}x{image.height()}" == others[name]
    for name in expected:
        if name.endswith(".png"):
            image = QImage(str(tmp_path / name))
            assert (image.width(), image.height()) == SIZE, name
            # Not a blank frame: a painted screen has text, borders and fills.
            assert len({image.pixel(x, y) for x in range(0, SIZE[0], 37) for y in range(0, SIZE[1], 29)}) > 4
    pdfinfo = shutil.which("pdfinfo")
    if pdfinfo is None:
        pytest.fail("pdfinfo is missing: run .ci/setup (it installs poppler-utils)")
    catalog = load_catalog(bundled_catalog_path()).catalog
    assert catalog is not None and len(catalog.techniques) >= 4
    for name in ("handout.pdf", "es-handout.pdf"):
        info = subprocess.run([pdfinfo, str(tmp_path / name)], capture_output=True, text=True, check=True)
        # Four techniques, each with about 14 cautions, and the red flags: two pages.
        assert re.search(rf"^Pages:\s+{MAX_FULL_SHEETS}$", info.stdout, re.MULTILINE), name


def test_help_prints_usage_and_renders_nothing(tmp_path, monkeypatch, capsys) -> None:
    # It took "--help" for the folder, made ./--help/ and rendered everything into it.
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SystemExit) as ended:
        main(["--help"])
    assert ended.value.code == 0
    assert "OUTDIR" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []


def test_a_bundled_catalog_with_errors_is_told_line_by_line(capsys, tmp_path, monkeypatch):
    # Each problem was printed as its Python repr ("Problem(severity=<Severity.ERROR...").
    from massage_explorer.tools import screenshots

    bad = tmp_path / "techniques.yaml"
    bad.write_text("schema_version: 1\n", encoding="utf-8")
    monkeypatch.setattr(screenshots, "bundled_catalog_path", lambda: bad)
    assert main([str(tmp_path / "out")]) == 1
    lines = capsys.readouterr().err.splitlines()
    assert lines and all(line.startswith(f"{bad}:") for line in lines), lines
