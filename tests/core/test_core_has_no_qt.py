"""The core (catalog, loading, validation, saving, the validate command) never imports Qt."""

from __future__ import annotations

import subprocess
import sys


def test_core_modules_do_not_import_pyside6():
    code = (
        "import sys\n"
        "import massage_explorer.catalog, massage_explorer.storage, massage_explorer.validate\n"
        "import massage_explorer.dump, massage_explorer.cli, massage_explorer.readability\n"
        "import massage_explorer.editing, massage_explorer.editing_vocab, massage_explorer.editing_check\n"
        "import massage_explorer.editing_files, massage_explorer.editing_ids\n"
        "from massage_explorer.cli import validate\n"
        "validate([], strict=True)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
