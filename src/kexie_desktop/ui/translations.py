"""Qt's own words in Chinese: its translation file, and the few strings that file lacks.

qtbase_zh_CN.qm (in the PySide6 wheel) leaves two labels of Qt's own file dialog in English
("Look in:", "Files of type:"); the Linux build uses that dialog (Windows uses the system's
own, which is Chinese already). A translator installed after it supplies them."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from kexie_desktop.resources import resource_dir

log = logging.getLogger(__name__)

# (context, source text) → translation, for strings qtbase_zh_CN.qm does not translate.
MISSING = {
    ("QFileDialog", "&Look in:"): "查找范围(&I)：",
    ("QFileDialog", "Files of &type:"): "文件类型(&T)：",
}


class FillInTranslator(QTranslator):
    """Translates only what Qt's own Chinese file leaves out."""

    def translate(
        self,
        context: str,
        source_text: str,
        _disambiguation: str | None = None,
        _n: int = -1,
    ) -> str | None:
        # None reaches Qt as a null string, "not translated here": Qt then asks the next
        # translator. An empty string would be taken as the translation.
        return MISSING.get((context, source_text))

    def isEmpty(self) -> bool:  # noqa: N802 - Qt override
        return False


def install_translations(app: QCoreApplication) -> list[QTranslator]:
    """Qt's own dialogs and buttons in Chinese; returns the translators installed."""
    folders = [
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
        str(resource_dir() / "translations"),
    ]
    loaded: list[QTranslator] = []
    translator = QTranslator(app)
    if any(translator.load("qtbase_zh_CN", folder) for folder in folders):
        app.installTranslator(translator)
        loaded.append(translator)
    else:
        log.warning("Qt translation qtbase_zh_CN not found in %s", folders)
    filler = FillInTranslator(app)
    app.installTranslator(filler)  # asked first: the last installed is searched first
    loaded.append(filler)
    return loaded
