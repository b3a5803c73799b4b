"""Starting a kiosk from the command line when its catalog file is broken."""

from __future__ import annotations

from massage_explorer.cli import main
from tests.core.helpers import VALID


def test_a_kiosk_with_a_broken_catalog_starts_on_its_last_good_backup(tmp_path, monkeypatch, capsys):
    import massage_explorer.ui.kiosk.window as kiosk

    started = {}
    monkeypatch.setattr(
        kiosk, "run_kiosk", lambda catalog, config, **kw: started.update(catalog=catalog, **kw) or 0
    )
    path = tmp_path / "techniques.yaml"
    path.write_text("schema_version: 1\ntechniques: [\n")
    (tmp_path / "techniques.yaml.bak").write_text(VALID)
    assert main(["--kiosk", "--config", str(tmp_path / "kiosk.ini"), "--data", str(path)]) == 0
    assert [t.id for t in started["catalog"]] == ["swedish"]
    assert started["refused"].errors  # shown to staff on the PIN pad
    assert "showing the last good version, techniques.yaml.bak" in capsys.readouterr().err


def test_a_kiosk_whose_catalog_cannot_be_read_starts_on_its_backup(tmp_path, monkeypatch, capsys):
    import massage_explorer.ui.kiosk.window as kiosk

    started = {}
    monkeypatch.setattr(
        kiosk, "run_kiosk", lambda catalog, config, **kw: started.update(catalog=catalog, **kw) or 0
    )
    path = tmp_path / "techniques.yaml"
    path.mkdir()  # a folder where the file should be: "Is a directory"
    (tmp_path / "techniques.yaml.bak").write_text(VALID)
    assert main(["--kiosk", "--config", str(tmp_path / "kiosk.ini"), "--data", str(path)]) == 0
    assert [t.id for t in started["catalog"]] == ["swedish"]
    assert "cannot read the file" in started["refused"].errors[0].message  # for staff, on the PIN pad
    err = capsys.readouterr().err
    assert f"{path}: error: cannot read the file:" in err and "showing the last good version" in err


def test_the_desktop_app_on_a_catalog_that_cannot_be_read_exits_2(tmp_path, capsys):
    folder = tmp_path / "techniques.yaml"
    folder.mkdir()
    assert main(["--data", str(folder)]) == 2
    assert f"{folder}: error: cannot read the file:" in capsys.readouterr().err
