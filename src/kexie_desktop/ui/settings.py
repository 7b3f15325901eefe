"""What the window remembers between runs, over QSettings (tests point it at a temp file)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

from kexie_desktop import APP_NAME


class Settings:
    def __init__(self, store: QSettings | None = None) -> None:
        self._store = store if store is not None else QSettings(APP_NAME, APP_NAME)

    def _bytes(self, key: str) -> QByteArray | None:
        value = self._store.value(key)
        return value if isinstance(value, QByteArray) else None

    @property
    def geometry(self) -> QByteArray | None:
        return self._bytes("window/geometry")

    @geometry.setter
    def geometry(self, value: QByteArray) -> None:
        self._store.setValue("window/geometry", value)

    @property
    def window_state(self) -> QByteArray | None:
        return self._bytes("window/state")

    @window_state.setter
    def window_state(self, value: QByteArray) -> None:
        self._store.setValue("window/state", value)

    def last_report(self, database: Path) -> int | None:
        """The report last open on ``database``."""
        value = self._store.value(f"last_report/{_key(database)}")
        try:
            return int(str(value)) if value is not None else None
        except ValueError:
            return None

    @property
    def last_template(self) -> str:
        """The template of the last blank report created: the default for the next one."""
        value = self._store.value("last_template")
        return value if isinstance(value, str) else ""

    @last_template.setter
    def last_template(self, template_id: str) -> None:
        self._store.setValue("last_template", template_id)

    def set_last_report(self, database: Path, report_id: int) -> None:
        self._store.setValue(f"last_report/{_key(database)}", report_id)

    @property
    def export_folder(self) -> Path:
        value = self._store.value("export/folder")
        if isinstance(value, str) and value and Path(value).is_dir():
            return Path(value)
        documents = QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation
        )
        return Path(documents) if documents else Path.home()

    @export_folder.setter
    def export_folder(self, folder: Path) -> None:
        self._store.setValue("export/folder", str(folder))

    @property
    def single_sided(self) -> bool:
        """Print single-sided: page numbers centred instead of odd-right / even-left."""
        return str(self._store.value("export/single_sided", "false")).lower() == "true"

    @single_sided.setter
    def single_sided(self, value: bool) -> None:
        self._store.setValue("export/single_sided", "true" if value else "false")

    def sync(self) -> None:
        self._store.sync()


def _key(database: Path) -> str:
    # QSettings treats "/" and "\\" in keys as groups; keep the path readable but flat.
    return str(database.resolve()).replace("/", "|").replace("\\", "|")
