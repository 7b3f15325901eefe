"""Build the bundle for this OS and prove the frozen program works.

Fails (non-zero exit) on a build error, an import error, a missing resource or a non-zero exit
of the frozen program. Prints the bundle's size (unpacked and zipped), what takes the space,
and the frozen start-up times.

    python packaging/smoke_test.py            # build, then test
    python packaging/smoke_test.py --no-build # test an existing dist/kexie-desktop
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "kexie-desktop.spec"
EXE_SUFFIX = ".exe" if sys.platform == "win32" else ""
MIB = 1024 * 1024


class SmokeTestError(Exception):
    pass


def build(dist: Path, work: Path) -> None:
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(dist), "--workpath", str(work), str(SPEC),
    ]  # fmt: skip
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT)
    print(f"build: {time.perf_counter() - started:.0f} s")


def run(
    bundle: Path, program: str, *args: str, env: dict[str, str]
) -> tuple[subprocess.CompletedProcess[str], float]:
    executable = bundle / f"{program}{EXE_SUFFIX}"
    if not executable.exists() and program == "kexie-cli":
        # Only the Windows bundle has a separate console program.
        executable = bundle / f"kexie-desktop{EXE_SUFFIX}"
    started = time.perf_counter()
    result = subprocess.run(
        [str(executable), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="replace",
        env=env,
        timeout=180,
        check=False,
    )
    elapsed = time.perf_counter() - started
    return result, elapsed


def expect(
    condition: bool, message: str, result: subprocess.CompletedProcess[str] | None = None
) -> None:
    if not condition:
        detail = (
            ""
            if result is None
            else f"\nexit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"
        )
        raise SmokeTestError(message + detail)


def check_frozen_program(bundle: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        env = {**os.environ, "KEXIE_DATA_DIR": folder, "QT_QPA_PLATFORM": "offscreen"}

        result, elapsed = run(bundle, "kexie-cli", "--version", env=env)
        expect(
            result.returncode == 0 and "kexie-desktop" in result.stdout, "--version failed", result
        )
        print(f"frozen kexie-cli --version: {elapsed * 1000:.0f} ms")

        result, elapsed = run(bundle, "kexie-cli", "check", "--demo", "--json", env=env)
        expect(
            result.returncode == 1, "check --demo must report the sample's error (exit 1)", result
        )
        rules = [finding["rule"] for finding in json.loads(result.stdout)]
        # The frozen program finds exactly what the source finds (the sample's slips included).
        source = subprocess.run(
            [sys.executable, "-m", "kexie_desktop", "check", "--demo", "--json"],
            check=False,  # exit 1: the sample has errors
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        expected = [finding["rule"] for finding in json.loads(source.stdout)]
        expect(
            "basic.sum" in rules and rules == expected,
            f"findings {rules}, from source {expected}",
            result,
        )
        print(f"frozen check --demo --json: {elapsed * 1000:.0f} ms")

        # The second outline's example: its template file must be in the bundle, and balance.
        result, _ = run(bundle, "kexie-cli", "check", "--demo", "--report", "2023", env=env)
        expect(result.returncode == 0, "the county example must pass its checks", result)
        result, _ = run(bundle, "kexie-cli", "templates", env=env)
        expect("county-dept-evaluation" in result.stdout, "templates are not bundled", result)

        pdf = Path(folder) / "样例.pdf"
        result, elapsed = run(bundle, "kexie-cli", "export", "--demo", "-o", str(pdf), env=env)
        expect(result.returncode == 0, "export --demo failed", result)
        expect(pdf.read_bytes()[:5] == b"%PDF-", "export wrote no PDF", result)
        print(
            f"frozen export --demo (cold process): {elapsed * 1000:.0f} ms, {pdf.stat().st_size // 1024} KiB"
        )

        result, elapsed = run(bundle, "kexie-desktop", "--self-test", env=env)
        expect(result.returncode == 0, "kexie-desktop --self-test failed", result)
        print(f"frozen kexie-desktop --self-test: {elapsed * 1000:.0f} ms")


# The Linux bundle's limits; the Windows one has no ICU and is smaller (not measurable here).
# Raised from 135 / 60 for a true 仿宋 and 楷体 (FandolFang, FandolKai: +8.4 MiB, +5.3 zipped)
# and the print preview's PDFium (+6.8 MiB, +3.4 zipped).
MAX_UNPACKED_MIB = 155
MAX_ZIPPED_MIB = 70


def check_libraries(bundle: Path) -> None:
    """Every shared library in the bundle is loaded by something that runs: the Python
    runtime, an extension module, a Qt plugin or a library those need (DT_NEEDED)."""
    if not sys.platform.startswith("linux"):
        return
    sys.path.insert(0, str(ROOT / "packaging" / "tools"))
    from elf_needs import is_root, unreachable

    files = {
        str(path.relative_to(bundle)): path
        for path in bundle.rglob("*")
        if path.is_file() and not path.is_symlink() and ".so" in path.name
    }
    roots = [bundle / "kexie-desktop", *(path for name, path in files.items() if is_root(name))]
    libraries = {name: path for name, path in files.items() if not is_root(name)}
    unused = unreachable(libraries, roots)
    if unused:
        raise SmokeTestError(f"libraries nothing loads are in the bundle: {sorted(unused)}")
    print(f"bundle libraries: {len(libraries)}, every one loaded by something")


def report_size(bundle: Path) -> tuple[float, float]:
    # Symbolic links (PyInstaller links Qt libraries into the top folder) count once.
    files = [path for path in bundle.rglob("*") if path.is_file() and not path.is_symlink()]
    total = sum(path.stat().st_size for path in files)
    with tempfile.TemporaryDirectory() as folder:
        archive = Path(folder) / "bundle.zip"
        with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zipped:
            for path in files:
                zipped.write(path, path.relative_to(bundle.parent))
        zipped_size = archive.stat().st_size
    print(
        f"bundle: {len(files)} files, {total / MIB:.1f} MiB unpacked, {zipped_size / MIB:.1f} MiB zipped "
        f"(limits: {MAX_UNPACKED_MIB} MiB, {MAX_ZIPPED_MIB} MiB)"
    )
    internal = bundle / "_internal"
    by_part: Counter[str] = Counter()
    for path in files:
        relative = path.relative_to(internal if internal in path.parents else bundle)
        parts = relative.parts
        key = "/".join(parts[:3]) if parts[0] == "PySide6" else "/".join(parts[:2])
        by_part[key] += path.stat().st_size
    print("largest parts:")
    for name, size in by_part.most_common(12):
        print(f"  {size / MIB:7.1f} MiB  {name}")
    return total / MIB, zipped_size / MIB


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--no-build", action="store_true", help="test the existing bundle")
    parser.add_argument(
        "--dist", type=Path, default=ROOT / "dist", help="PyInstaller's dist folder"
    )
    args = parser.parse_args()
    if not args.no_build:
        build(args.dist, ROOT / "build" / "pyinstaller")
    bundle = args.dist / "kexie-desktop"
    try:
        check_libraries(bundle)
        check_frozen_program(bundle)
        unpacked, zipped = report_size(bundle)
        if sys.platform.startswith("linux") and (
            unpacked > MAX_UNPACKED_MIB or zipped >= MAX_ZIPPED_MIB
        ):
            raise SmokeTestError(
                f"the bundle is too large: {unpacked:.1f} MiB unpacked, {zipped:.1f} MiB zipped"
            )
    except (
        SmokeTestError,
        subprocess.TimeoutExpired,
        FileNotFoundError,
        json.JSONDecodeError,
    ) as exc:
        print(f"SMOKE TEST FAILED: {exc}", file=sys.stderr)
        return 1
    print("smoke test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
