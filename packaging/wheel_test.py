"""Build the wheel, install it in a fresh virtual environment and run the program from
another folder: what `pip install kexie-desktop` gives must work without the source tree.

The environment sees the machine's site-packages (PySide6, ReportLab … are already there),
so nothing is downloaded but the build tools; the program itself comes from the wheel only.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    print("$", " ".join(command), flush=True)
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)


def expect(ok: bool, what: str, result: subprocess.CompletedProcess[str]) -> None:
    if not ok:
        print(f"WHEEL TEST FAILED: {what}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}")
        raise SystemExit(1)


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="kexie-wheel-") as temporary:
        folder = Path(temporary)
        built = run(
            [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(folder), str(ROOT)],
            folder,
        )
        expect(built.returncode == 0, "the wheel did not build", built)
        (wheel,) = folder.glob("kexie_desktop-*.whl")
        environment = folder / "venv"
        venv.create(environment, system_site_packages=True, with_pip=True)
        scripts = environment / ("Scripts" if sys.platform == "win32" else "bin")
        python = scripts / "python"
        installed = run(
            [
                str(python),
                "-m",
                "pip",
                "install",
                "-q",
                "--no-deps",
                "--force-reinstall",
                str(wheel),
            ],
            folder,
        )
        expect(installed.returncode == 0, "the wheel did not install", installed)
        elsewhere = folder / "elsewhere"
        elsewhere.mkdir()
        where = run(
            [str(python), "-c", "import kexie_desktop; print(kexie_desktop.__file__)"], elsewhere
        )
        expect(str(environment) in where.stdout, "the program is not the wheel's", where)
        program = str(scripts / "kexie-desktop")
        check = run([program, "check", "--demo", "--json"], elsewhere)
        expect(check.returncode == 1 and '"basic.sum"' in check.stdout, "check --demo", check)
        pdf = elsewhere / "示例.pdf"
        export = run([program, "export", "--demo", "-o", str(pdf)], elsewhere)
        expect(export.returncode == 0 and pdf.read_bytes()[:5] == b"%PDF-", "export --demo", export)
        listed = run([program, "templates"], elsewhere)
        expect("county-dept-evaluation" in listed.stdout, "templates", listed)
        print(f"wheel test passed: {wheel.name} ({wheel.stat().st_size // 1024} KiB)")


if __name__ == "__main__":
    main()
