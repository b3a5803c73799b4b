"""The staff editor: forms for techniques and vocabularies, undo, inline validation, safe saving."""

from massage_explorer.ui.editor.launch import run_editor
from massage_explorer.ui.editor.window import EditorWindow

__all__ = ["EditorWindow", "run_editor"]
