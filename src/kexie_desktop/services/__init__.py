"""Use cases over core, storage and export, free of Qt: the CLI and the window both call these."""
