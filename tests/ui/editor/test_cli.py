"""`massage-explorer edit [FILE]`: opens only files that load as a catalog."""

from __future__ import annotations

from pathlib import Path

from massage_explorer import cli
from massage_explorer.core.paths import bundled_catalog_path
from massage_explorer.ui.editor import launch as editor_app
from tests.ui.editor.conftest import write_catalog


def test_edit_opens_a_valid_file(tmp_path, monkeypatch) -> None:
    opened: list[tuple[Path, int]] = []
    monkeypatch.setattr(
        editor_app, "run_editor", lambda path, lock_hours, **_: opened.append((path, lock_hours)) or 0
    )
    path = write_catalog(tmp_path / "c.yaml")
    assert cli.main(["edit", str(path)]) == 0
    assert opened == [(path, 12)]  # the settings' default age for another computer's lock
    assert cli.main(["edit", "--lock-hours", "48"]) == 0
    assert opened[-1] == (bundled_catalog_path(), 48)


def test_edit_reads_the_file_once_for_its_check_and_the_window(tmp_path, monkeypatch, qapp) -> None:
    """At 5,000 techniques a read takes seconds: the window shows what the check read."""
    from massage_explorer.core import editing
    from massage_explorer.ui.editor import window as editor_window

    reads: list[Path] = []
    real = editing.read_for_editing

    def counted(path, today=None):
        reads.append(path)
        return real(path, today)

    shown: list[object] = []

    def run(path, *, lock_hours, opened):
        made = editor_window.EditorWindow(path, lock_hours=lock_hours, opened=opened)
        shown.append(made.document.catalog)
        made.close()
        return 0

    monkeypatch.setattr(editing, "read_for_editing", counted)
    monkeypatch.setattr(editor_app, "run_editor", run)
    path = write_catalog(tmp_path / "c.yaml")
    assert cli.main(["edit", str(path)]) == 0
    assert reads == [path]
    assert shown == [real(path).result.catalog]


def test_edit_refuses_a_syntax_error_with_the_validators_messages(tmp_path, capsys) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("schema_version: 1\nbenefits: {\n", encoding="utf-8")
    assert cli.main(["edit", str(path)]) == cli.EXIT_INVALID
    err = capsys.readouterr().err
    assert f"{path}:3:1: error:" in err or f"{path}:" in err.splitlines()[0]
    assert err.rstrip().endswith("cannot open in the editor: fix the errors above in a text editor first")


def test_edit_refuses_a_schema_error_too(tmp_path, capsys) -> None:
    path = write_catalog(tmp_path / "c.yaml")
    text = path.read_text(encoding="utf-8").replace("  - id: gentle\n", "  - id: gentle\n    colour: red\n")
    path.write_text(text, encoding="utf-8")
    assert cli.main(["edit", str(path)]) == cli.EXIT_INVALID
    err = capsys.readouterr().err
    assert "unknown field 'colour'" in err


def test_edit_reports_a_missing_file(tmp_path, capsys) -> None:
    assert cli.main(["edit", str(tmp_path / "nope.yaml")]) == cli.EXIT_USAGE
    assert "cannot read the file" in capsys.readouterr().err


def test_the_desktop_names_match_the_shipped_desktop_files():
    """Wayland shows a window's name and icon from the .desktop file its app id names."""
    from pathlib import Path

    from massage_explorer.ui.editor.launch import EDITOR_DESKTOP_FILE_NAME
    from massage_explorer.ui.launch import DESKTOP_FILE_NAME

    deploy = Path(__file__).resolve().parents[3] / "deploy"
    for name in (DESKTOP_FILE_NAME, EDITOR_DESKTOP_FILE_NAME):
        assert (deploy / f"{name}.desktop").is_file(), name


def test_edit_on_an_installed_app_offers_to_edit_a_copy(tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from massage_explorer.core import paths

    opened: list[Path] = []
    monkeypatch.setattr(paths, "bundled_is_installed", lambda: True)
    monkeypatch.setattr(editor_app, "run_editor", lambda path, lock_hours, **_: opened.append(path) or 0)
    asked: list[str] = []

    def question(_parent, _title, text, *_args):
        asked.append(text)
        return QMessageBox.StandardButton.Yes

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *_a: str(tmp_path))
    assert cli.main(["edit"]) == 0
    assert opened == [tmp_path / "techniques.yaml"]  # the copy, never the installed file
    assert "an update replaces it" in asked[0]
    assert (tmp_path / "resources").is_dir()
    monkeypatch.setattr(QMessageBox, "question", lambda *_a: QMessageBox.StandardButton.Cancel)
    assert cli.main(["edit"]) == 0
    assert len(opened) == 1  # declined: nothing opened
