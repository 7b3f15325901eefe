"""The program's entry point. ``--version`` is answered without loading the program (the
installer, support staff and scripts ask for it, and expect it at once); everything else
goes to the command line (kexie_desktop.cli)."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    if arguments == ["--version"]:
        from kexie_desktop import __version__

        print(f"kexie-desktop {__version__}")  # the same words as argparse's --version
        return 0
    from kexie_desktop.cli import main as run

    return run(argv)
