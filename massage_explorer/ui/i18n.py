"""Loading the interface's translations: ours (resources/translations) and Qt's own (qtbase)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from massage_explorer.paths import resources_path

APP_CATALOG = "massage_explorer"
_installed: list[QTranslator] = []


def translations_path() -> str:
    return str(resources_path() / "translations")


def install_language(app: QCoreApplication, language: str) -> bool:
    """Switch the interface to `language` ("en" needs no file); True when its files were found.

    Installing or removing a translator sends every widget a LanguageChange event.
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        return True
    found = True
    locale = QLocale(language)
    for name, folder in (
        (APP_CATALOG, translations_path()),
        ("qtbase", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
    ):
        translator = QTranslator(app)
        if translator.load(locale, name, "_", folder):
            app.installTranslator(translator)
            _installed.append(translator)
        else:
            found = False
    return found
