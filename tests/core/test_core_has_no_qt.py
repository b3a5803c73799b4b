"""The core (catalog, loading, validation, saving, the validate command) never imports Qt."""

from __future__ import annotations

import subprocess
import sys


def test_core_modules_do_not_import_pyside6():
    code = (
        "import sys\n"
        "import massage_explorer.core.catalog, massage_explorer.core.storage, massage_explorer.core.schema.validator\n"
        "import massage_explorer.core.schema.dump, massage_explorer.cli, massage_explorer.core.readability\n"
        "import massage_explorer.core.editing, massage_explorer.core.editing.term_edits, massage_explorer.core.editing.check\n"
        "import massage_explorer.core.editing.safe_save, massage_explorer.core.editing.ids\n"
        "from massage_explorer.cli import validate\n"
        "validate([], strict=True)\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not bad, bad\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
