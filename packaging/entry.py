"""Entry script of the frozen program (both the windowed and the console executable)."""

from kexie_desktop.cli import main

raise SystemExit(main())
