"""The core never imports Qt: checked statically by the import contract in pyproject.toml (run by
.ci/run as `lint-imports`), and here at run time and against a deliberate breach."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import massage_explorer

PACKAGE = Path(massage_explorer.__file__).parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def test_importing_every_core_module_and_validating_loads_no_qt():
    code = (
        "import importlib, pkgutil, sys\n"
        "import massage_explorer.core as core\n"
        "for info in pkgutil.walk_packages(core.__path__, 'massage_explorer.core.'):\n"
        "    importlib.import_module(info.name)\n"
        "from massage_explorer.cli import validate\n"
        "validate([], strict=True)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr


def _lint(root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(root)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", str(PACKAGE.parent / "pyproject.toml")],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_the_contract_holds_on_the_package():
    done = _lint(PACKAGE.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "The core never imports Qt" in done.stdout and "KEPT" in done.stdout


def test_a_new_core_module_that_imports_qt_breaks_the_contract(tmp_path):
    # A module nobody has listed anywhere: the contract names the whole core package.
    copy = tmp_path / "massage_explorer"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__", "data"))
    (copy / "core" / "brand_new.py").write_text("from PySide6.QtCore import QObject\n")
    done = _lint(tmp_path)
    assert done.returncode != 0
    assert "The core never imports Qt, the UI, the tools or the command line BROKEN" in done.stdout
    assert "massage_explorer.core.brand_new -> PySide6" in done.stdout
