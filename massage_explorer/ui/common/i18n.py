"""Loading the interface's translations: ours (resources/translations) and Qt's own (qtbase)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from massage_explorer.core.paths import resources_path

APP_CATALOG = "massage_explorer"
_installed: list[QTranslator] = []


def translations_path() -> str:
    return str(resources_path() / "translations")


def install_language(app: QCoreApplication, language: str) -> bool:
    """Switch the interface to `language` ("en" needs no file); True when its files were found.

    Installing or removing a translator posts every widget a LanguageChange event; they are
    delivered at once, so the whole screen changes language in one step.
    """
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    if language == "en":
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
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
    QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
    return found
