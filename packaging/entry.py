"""Entry script of the frozen program (both the windowed and the console executable)."""

from kexie_desktop.launcher import main

raise SystemExit(main())
