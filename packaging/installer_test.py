"""The Windows installer, tested under wine on Linux.

Compiles packaging/windows/kexie-desktop.iss with the Inno Setup compiler of the npm package
``innosetup``, installs the result silently, checks the program files and the shortcuts, puts a
database in the clerk's data folder, installs a newer version over the first (upgrade in place),
uninstalls, and checks that the data folder and its database survive both.

There is no Windows PyInstaller bundle on Linux, so the installer packs a stand-in bundle with
the layout the real one has (kexie-desktop.exe, kexie-cli.exe, _internal/…: small files). The
script is compiled as it is, from a copy of packaging/windows/ in a scratch tree, so neither the
script nor the repository's dist/ is touched.

    python packaging/installer_test.py            # the test (CI); SKIPPED where it cannot run
    python packaging/installer_test.py --require  # the same, but a skip is a failure
    python packaging/installer_test.py --screenshot docs/images/installer-wizard.png
    python packaging/installer_test.py --write-keys   # after changing INNOSETUP_VERSION

It needs Linux on x86-64, npm, and wine with 32-bit support (Setup is a 32-bit program that
installs a 64-bit application) plus Xvfb. Run as root with apt-get, it installs what is missing
itself: Debian's wine, wine64, wine32:i386 (adding the i386 architecture) and xvfb, and the npm
package into build/innosetup. Nothing is fetched from anywhere but those two registries. Where
that is impossible it prints "SKIPPED: <why>" and exits 0 (1 with --require).

Everything else lives in build/installer-test/, made anew on each run: a private wine prefix
(its own HOME, desktop and Start menu folders inside the prefix, winemenubuilder off so no
shortcut reaches the Linux menus), the scratch trees and the Setup logs.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import platform
import re
import select
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path, PureWindowsPath

from windows_version import version_numbers

ROOT = Path(__file__).resolve().parents[1]
WINDOWS_DIR = ROOT / "packaging" / "windows"
SCRIPT = WINDOWS_DIR / "kexie-desktop.iss"
MESSAGES = WINDOWS_DIR / "ChineseSimplified.isl"
KEYS_FILE = WINDOWS_DIR / "Default.isl.keys"
ICON = ROOT / "resources" / "icons" / "kexie-desktop.ico"
WORK = ROOT / "build" / "installer-test"
NPM_CACHE = ROOT / "build" / "innosetup"

# The compiler: pinned, since Default.isl.keys lists the messages of exactly this version.
INNOSETUP_VERSION = "6.4.1"
COMPILER_DIR = NPM_CACHE / "node_modules" / "innosetup" / "bin"
ISCC = COMPILER_DIR / "ISCC.exe"

APT_PACKAGES = ["wine", "wine64", "wine32:i386", "xvfb"]
# Only for --screenshot: wine's own fonts (Marlett draws the title-bar buttons), a CJK font
# for the wizard's Chinese, xwininfo to find the window and ImageMagick's import.
SCREENSHOT_APT_PACKAGES = ["fonts-wine", "fonts-wqy-microhei", "x11-utils", "imagemagick"]
WINE_MARLETT = Path("/usr/share/wine/fonts/marlett.ttf")
CJK_FONTS = ["WenQuanYi Micro Hei", "Noto Sans CJK SC", "Droid Sans Fallback", "AR PL UMing CN"]

DATA_FILE = "reports.kexie.sqlite"
DATA_FOLDER = "kexie-desktop"  # %APPDATA%\kexie-desktop, the app's data folder

# Per-user mode ({autopf} = %LOCALAPPDATA%\Programs, what the clerk gets) cannot run under wine:
# wine's shell32 has no path for FOLDERID_UserProgramFiles (a FIXME entry in its known-folder
# table), so Setup stops with 'Failed to expand shell folder constant "autopf"'. The test uses
# the all-users mode (/ALLUSERS, allowed by PrivilegesRequiredOverridesAllowed=dialog), where
# {autopf} is Program Files and the shortcuts go to the common Start menu and desktop; what it
# checks (files, shortcuts, upgrade in place, the data folder kept) is the same in both modes.
# The Windows workflow tests the per-user mode on a real Windows runner.
SILENT = ["/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", "/ALLUSERS"]
PROGRAM_FILES = "Program Files"  # {autopf} in all-users mode (64-bit)
START_MENU = "ProgramData/Microsoft/Windows/Start Menu/Programs"  # {commonprograms}
DESKTOP = "users/Public/Desktop"  # {commondesktop}
UNINSTALL_KEY = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall"
# The first version goes to a folder of the clerk's choosing (with Chinese in it, as on a
# department PC); the upgrade is given no folder and must find that one through the AppId.
CHOSEN_DIR = r"C:\单位软件\kexie-desktop"


class InstallerTestError(Exception):
    """A check failed: the installer does not do what it promises."""


class Skip(Exception):  # noqa: N818 - it is not an error: the test cannot run here
    """The test cannot run on this machine."""


# --- small helpers ----------------------------------------------------------------------------


def run(
    command: Sequence[str | os.PathLike[str]],
    *,
    timeout: float,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    check: bool = True,
) -> subprocess.CompletedProcess[str]:
    """Runs a command with a time limit; its output (stdout and stderr together) is kept and
    shown if it fails. The output goes to a file, not a pipe: a process that wine starts in the
    background could hold a pipe open, and the wait for it would outlast the time limit."""
    with tempfile.TemporaryFile() as output:
        try:
            completed = subprocess.run(
                [str(part) for part in command],
                env=env,
                cwd=cwd,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=subprocess.STDOUT,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as error:
            raise InstallerTestError(
                f"timed out after {timeout:.0f} s: {_shown(command)}"
            ) from error
        output.seek(0)
        text = output.read().decode("utf-8", errors="replace")
    result = subprocess.CompletedProcess(completed.args, completed.returncode, text, "")
    if check and result.returncode != 0:
        raise InstallerTestError(
            f"exit status {result.returncode}: {_shown(command)}\n{text[-4000:]}"
        )
    return result


def _shown(command: Sequence[str | os.PathLike[str]]) -> str:
    return " ".join(str(part) for part in command)


def ensure(condition: bool, message: str) -> None:
    if not condition:
        raise InstallerTestError(message)


class Timings:
    def __init__(self) -> None:
        self.steps: list[tuple[str, float]] = []

    @contextmanager
    def step(self, name: str) -> Iterator[None]:
        print(f"== {name}", flush=True)
        started = time.perf_counter()
        yield
        seconds = time.perf_counter() - started
        self.steps.append((name, seconds))
        print(f"   {seconds:.1f} s", flush=True)

    def report(self) -> None:
        width = max(len(name) for name, _ in self.steps)
        print("timings:")
        for name, seconds in self.steps:
            print(f"  {name:<{width}}  {seconds:6.1f} s")
        print(f"  {'total':<{width}}  {sum(s for _, s in self.steps):6.1f} s")


# --- the .isl messages files ------------------------------------------------------------------

PLACEHOLDER = re.compile(r"%[1-9]|\[(?:name|name/ver|gb|mb)\]|&(?!&)")


def isl_entries(path: Path) -> dict[str, str]:
    """``{"Messages.ButtonNext": "&Next >", …}`` of an .isl file (UTF-8, with or without BOM)."""
    entries: dict[str, str] = {}
    section = ""
    for raw in path.read_text(encoding="utf-8-sig").splitlines():
        line = raw.strip()
        if not line or line.startswith(";"):
            continue
        heading = re.fullmatch(r"\[(\w+)\]", line)
        if heading:
            section = heading.group(1)
            continue
        key, separator, value = line.partition("=")
        name = f"{section}.{key.strip()}"
        if not separator:
            raise ValueError(f"not a key=value line in {path.name}: {raw!r}")
        if name in entries:
            raise ValueError(f"{key.strip()} twice in {path.name}")
        entries[name] = value
    return entries


def keys_text(default_isl: Path) -> str:
    """Default.isl.keys: each message key of the English Default.isl and its placeholders."""
    lines = [
        f"# The message keys of the English Default.isl of Inno Setup {INNOSETUP_VERSION} (npm",
        f"# package innosetup@{INNOSETUP_VERSION}), each with the placeholders its text uses",
        "# (%1…, [name], [name/ver], [gb], [mb], and & for an accelerator key).",
        "# tests/test_packaging.py checks that ChineseSimplified.isl has every key with the same",
        "# placeholders. Written by: python packaging/installer_test.py --write-keys",
    ]
    for key, value in isl_entries(default_isl).items():
        tokens = sorted(set(PLACEHOLDER.findall(value)))
        lines.append(" ".join([key, *tokens]))
    return "\n".join(lines) + "\n"


# --- tools: npm's Inno Setup, Debian's wine ---------------------------------------------------


def is_root_with_apt() -> bool:
    return os.geteuid() == 0 and shutil.which("apt-get") is not None


def wine_missing() -> list[str]:
    """What of wine, 32-bit wine and Xvfb is not installed."""
    missing = [tool for tool in ("wine", "wineserver", "Xvfb") if shutil.which(tool) is None]
    if shutil.which("dpkg-query"):
        status = run(
            ["dpkg-query", "-W", "-f=${Status}", "wine32:i386"], timeout=60, check=False
        ).stdout
        if "install ok installed" not in status:
            missing.append("wine32:i386")
    return missing


def apt_install(packages: list[str]) -> None:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    foreign = run(["dpkg", "--print-foreign-architectures"], timeout=60).stdout.split()
    if any(package.endswith(":i386") for package in packages) and "i386" not in foreign:
        run(["dpkg", "--add-architecture", "i386"], timeout=60)
    try:
        run(["apt-get", "update", "-qq"], timeout=900, env=env)
        run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages],
            timeout=1800,
            env=env,
        )
    except InstallerTestError as error:
        raise Skip(f"apt-get could not install {' '.join(packages)}: {error}") from error


def prepare_compiler(timings: Timings) -> None:
    """The Inno Setup compiler from the npm registry, into build/innosetup (kept between runs)."""
    if ISCC.exists():
        return
    if shutil.which("npm") is None:
        raise Skip(
            "npm is not installed: it brings the Inno Setup compiler (npm package innosetup)"
        )
    with timings.step(f"npm install innosetup@{INNOSETUP_VERSION} into build/innosetup"):
        NPM_CACHE.mkdir(parents=True, exist_ok=True)
        try:
            run(
                [
                    "npm", "install", "--prefix", NPM_CACHE, "--no-audit", "--no-fund",
                    "--no-save", "--ignore-scripts", f"innosetup@{INNOSETUP_VERSION}",
                ],
                timeout=600,
            )  # fmt: skip
        except InstallerTestError as error:
            raise Skip(f"npm could not install innosetup: {error}") from error
    ensure(ISCC.exists(), f"npm installed innosetup, but there is no {ISCC}")


def prepare_wine(timings: Timings, extra_apt: list[str]) -> None:
    """Wine (with 32-bit support) and Xvfb from Debian's packages, installed if root may."""
    if not sys.platform.startswith("linux"):
        raise Skip(f"runs on Linux under wine (this is {sys.platform})")
    if platform.machine().lower() not in ("x86_64", "amd64"):
        raise Skip(f"wine runs Windows x64 programs on x86-64 only (this is {platform.machine()})")
    if not ISCC.exists() and shutil.which("npm") is None:  # say so before any apt-get
        raise Skip(
            "npm is not installed: it brings the Inno Setup compiler (npm package innosetup)"
        )
    missing = wine_missing() + [package for package in extra_apt if not _apt_installed(package)]
    if not missing:
        return
    if not is_root_with_apt():
        raise Skip(
            f"not installed: {', '.join(missing)}; only root with apt-get may install that "
            f"here (apt-get install {' '.join(APT_PACKAGES + extra_apt)})"
        )
    packages = APT_PACKAGES + [package for package in extra_apt if package in missing]
    with timings.step(f"apt-get install {' '.join(packages)}"):
        apt_install(packages)
    if wine_missing():
        raise Skip(f"still missing after apt-get install: {', '.join(wine_missing())}")


def _apt_installed(package: str) -> bool:
    if not shutil.which("dpkg-query"):
        return True
    status = run(["dpkg-query", "-W", "-f=${Status}", package], timeout=60, check=False).stdout
    return "install ok installed" in status


# --- a private wine session -------------------------------------------------------------------


def chinese_locale(folder: Path) -> dict[str, str]:
    """Wine as a Chinese Windows (zh-CN, ANSI code page 936), as on the department PCs.

    Wine takes its Windows locale from the Unix one, which must exist, or wine falls back to
    ASCII and mangles Chinese command-line arguments. The zh_CN.UTF-8 locale is compiled into a
    private folder (glibc's LOCPATH); without localedef or its zh_CN source, C.UTF-8 it is."""
    target = folder / "zh_CN.UTF-8"
    if shutil.which("localedef") and Path("/usr/share/i18n/locales/zh_CN").exists():
        folder.mkdir(parents=True, exist_ok=True)
        # (localedef may exit 1 over mere warnings: the compiled files are what counts.)
        run(["localedef", "-i", "zh_CN", "-f", "UTF-8", target], timeout=120, check=False)
        if (target / "LC_CTYPE").exists():
            return {"LOCPATH": str(folder), "LANG": "zh_CN.UTF-8"}
    print("   (no zh_CN.UTF-8 locale could be made: wine runs as an English Windows)")
    return {"LANG": "C.UTF-8"}


class Wine:
    """A wine prefix of its own under build/installer-test, on a private Xvfb screen."""

    def __init__(self, work: Path) -> None:
        self.prefix = work / "prefix"
        self.home = work / "home"
        self.home.mkdir(parents=True)
        self.xvfb: subprocess.Popen[bytes] | None = None
        self.display_pipe: int | None = None
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("LC_", "WINE")) and key not in ("LANGUAGE", "DISPLAY")
        }
        self.env.update(
            WINEPREFIX=str(self.prefix),
            WINEARCH="win64",
            WINEDEBUG="-all",
            # No Mono/Gecko prompts (nothing may be downloaded), and no .lnk turned into a
            # Linux menu entry by winemenubuilder.
            WINEDLLOVERRIDES="mscoree=d;mshtml=d;winemenubuilder.exe=d",
            HOME=str(self.home),
        )
        self.env.update(chinese_locale(work / "locale"))

    def start(self) -> None:
        read_end, write_end = os.pipe()
        xvfb = ["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1024x768x24", "-nolisten", "tcp"]  # fmt: skip
        self.xvfb = subprocess.Popen(
            xvfb,
            pass_fds=(write_end,),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        os.close(write_end)
        # Xvfb writes the number and the newline separately, and dies if the pipe is closed
        # in between: read up to the newline, and keep the pipe open while Xvfb runs.
        self.display_pipe = read_end
        display = b""
        deadline = time.monotonic() + 30
        while not display.endswith(b"\n") and time.monotonic() < deadline:
            ready, _, _ = select.select([read_end], [], [], 1)
            chunk = os.read(read_end, 64) if ready else b""
            if ready and not chunk:
                break  # Xvfb closed it: it failed
            display += chunk
        ensure(display.strip().isdigit(), "Xvfb did not start within 30 s")
        self.env["DISPLAY"] = f":{display.decode().strip()}"
        run(["wineboot", "--init"], env=self.env, timeout=300)
        # wineboot returns while the new prefix's services may still be starting: wait until
        # wine is idle (as winetricks does), so each test step starts from a settled prefix.
        run(["wineserver", "-w"], env=self.env, timeout=300)
        # Then one wineserver for the whole session, until stop(): by default it quits a few
        # seconds after its last program, and a program started just then fails ("wine client
        # error: recvmsg: connection reset").
        run(["wineserver", "--persistent"], env=self.env, timeout=60)
        user = self.user_dir()
        # Wine links the profile's Desktop, Documents … to the (private) HOME; make them plain
        # folders inside the prefix, so everything Setup writes stays in the prefix.
        for entry in user.iterdir():
            if entry.is_symlink():
                entry.unlink()
                entry.mkdir()

    def stop(self) -> None:
        if "DISPLAY" in self.env:
            run(["wineserver", "-k"], env=self.env, timeout=60, check=False)
        if self.xvfb is not None:
            self.xvfb.terminate()
            try:
                self.xvfb.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.xvfb.kill()
                self.xvfb.wait(timeout=10)
        if self.display_pipe is not None:
            os.close(self.display_pipe)

    def __call__(
        self, *args: str | Path, timeout: float, cwd: Path | None = None, check: bool = True
    ) -> subprocess.CompletedProcess[str]:
        return run(["wine", *args], env=self.env, timeout=timeout, cwd=cwd, check=check)

    @property
    def drive_c(self) -> Path:
        return self.prefix / "drive_c"

    def user_dir(self) -> Path:
        users = [p for p in (self.drive_c / "users").iterdir() if p.name != "Public"]
        ensure(len(users) == 1, f"expected one user profile in the prefix, found {users}")
        return users[0]

    def unix_path(self, windows_path: str) -> Path:
        path = PureWindowsPath(windows_path)
        ensure(path.drive.upper() == "C:", f"not on drive C: {windows_path}")
        return self.drive_c.joinpath(*path.parts[1:])

    def registry_values(self, key: str) -> dict[str, str] | None:
        """The string values of a key in the registry's 64-bit view (where 64-bit install mode
        writes; Debian's wine runs the 32-bit reg.exe, which needs /reg:64), or None if there is
        no such key. Exported to a file: that is UTF-16, whatever the console's code page."""
        exported = self.drive_c / "kexie-test" / "key.reg"
        exported.unlink(missing_ok=True)
        result = self("reg", "export", key, r"C:\kexie-test\key.reg", "/y", "/reg:64",
                      timeout=60, check=False)  # fmt: skip
        if result.returncode != 0 or not exported.exists():
            return None
        text = exported.read_bytes().decode("utf-16")
        return {
            name: re.sub(r"\\(.)", r"\1", value)  # .reg escapes \ and " with a backslash
            for name, value in re.findall(r'^"(.+?)"="(.*)"\s*$', text, re.M)
        }


# --- the stand-in bundle and the compile ------------------------------------------------------


def script_define(name: str) -> str:
    match = re.search(rf'^#define {name} "(.*)"', SCRIPT.read_text(encoding="utf-8"), re.M)
    if match is None:
        raise InstallerTestError(f"kexie-desktop.iss defines no {name}")
    return match.group(1)


def app_id() -> str:
    match = re.search(r"^AppId=\{(\{[0-9A-F-]{36}\})", SCRIPT.read_text(encoding="utf-8"), re.M)
    if match is None:
        raise InstallerTestError("kexie-desktop.iss has no fixed AppId")
    return match.group(1)


def custom_message(name: str, *args: str) -> str:
    text = isl_entries(MESSAGES)[f"CustomMessages.{name}"]
    for number, arg in enumerate(args, start=1):
        text = text.replace(f"%{number}", arg)
    return text


def stand_in_bundle(dist: Path, version: str, *, older: bool) -> dict[str, bytes]:
    """dist/kexie-desktop as PyInstaller lays it out on Windows, with small files; returns
    {relative path: content}. The older version also has a library the newer no longer has."""
    files = {
        "kexie-desktop.exe": f"stand-in for the windowed program, version {version}\n",
        "kexie-cli.exe": f"stand-in for the console program, version {version}\n",
        "_internal/python311.dll": "stand-in for the Python runtime\n",
        "_internal/base_library.zip": "stand-in for the Python library archive\n",
        "_internal/PySide6/Qt6Core.dll": f"stand-in for Qt, version {version}\n",
        "_internal/resources/templates/hunan-dept-selfeval.toml": "# stand-in outline\n",
        "_internal/kexie-version.txt": f"{version}\n",  # the version marker
    }
    if older:
        files[f"_internal/stale-{version}.dll"] = "a library only this version has\n"
    contents = {name: text.encode("utf-8") for name, text in files.items()}
    for name, content in contents.items():
        (dist / name).parent.mkdir(parents=True, exist_ok=True)
        (dist / name).write_bytes(content)
    return contents


def compile_installer(
    wine: Wine, tree: Path, version: str, *, older: bool = False
) -> tuple[Path, dict[str, bytes]]:
    """A scratch copy of what the script reads (packaging/windows/, the icon) beside a
    stand-in dist/kexie-desktop, compiled as the real build does: iscc /DAppVersion=x.y.z."""
    shutil.copytree(WINDOWS_DIR, tree / "packaging" / "windows")
    (tree / "resources" / "icons").mkdir(parents=True)
    shutil.copy2(ICON, tree / "resources" / "icons" / ICON.name)
    bundle = stand_in_bundle(tree / "dist" / "kexie-desktop", version, older=older)
    result = wine(
        ISCC,
        f"/DAppVersion={version}",
        r"packaging\windows\kexie-desktop.iss",
        timeout=300,
        cwd=tree,
    )
    # A message missing from ChineseSimplified.isl is only a warning (English is used instead).
    warnings = [line for line in result.stdout.splitlines() if line.startswith("Warning")]
    ensure(not warnings, "the compiler warned:\n" + "\n".join(warnings))
    setup = tree / "dist" / "installer" / f"kexie-desktop-{version}-setup.exe"
    ensure(setup.is_file(), f"the compile made no {setup}")
    print(f"   {setup.name}: {setup.stat().st_size / 1024:.0f} KiB")
    return setup, bundle


# --- install, upgrade, uninstall --------------------------------------------------------------


def run_setup(wine: Wine, setup: Path, log: str, *extra: str) -> None:
    result = wine(setup, *SILENT, f"/LOG={log}", *extra, timeout=300, check=False)
    log_text = _read_log(wine.unix_path(log))
    if result.returncode != 0 or "Installation process succeeded." not in log_text:
        raise InstallerTestError(
            f"{setup.name} failed (exit status {result.returncode}); its log ends:\n"
            f"{log_text[-3000:]}\nwine said:\n{result.stdout[-2000:]}"
        )


def _read_log(path: Path) -> str:
    return path.read_text(encoding="utf-8-sig", errors="replace") if path.exists() else ""


class Expectations:
    """Where the installed copy, its shortcuts and registry entry are."""

    def __init__(self, wine: Wine) -> None:
        self.app_name = script_define("AppName")
        self.app_exe = script_define("AppExe")
        self.uninstall_key = f"{UNINSTALL_KEY}\\{app_id()}_is1"
        self.group = wine.drive_c / START_MENU / self.app_name
        self.shortcuts = {
            self.group / f"{self.app_name}.lnk": (self.app_exe, None),
            self.group / f"{self.app_name}（示例报告）.lnk": (self.app_exe, "--demo"),
            self.group / f"{custom_message('UninstallProgram', self.app_name)}.lnk": (
                "unins000.exe",
                None,
            ),
            wine.drive_c / DESKTOP / f"{self.app_name}.lnk": (self.app_exe, None),
        }


def _contains(data: bytes, text: str) -> bool:
    return text.encode("utf-16-le") in data or text.encode("ascii") in data


def check_installed(
    wine: Wine, expect: Expectations, app_dir: Path, bundle: dict[str, bytes], version: str
) -> None:
    ensure(app_dir.is_dir(), f"no program folder {app_dir}")
    for name, content in bundle.items():
        installed = app_dir / name
        ensure(installed.is_file(), f"not installed: {installed}")
        ensure(installed.read_bytes() == content, f"installed, but not this version's: {installed}")
    uninstallers = sorted(p.name for p in app_dir.glob("unins*"))
    ensure(
        uninstallers == ["unins000.dat", "unins000.exe"],
        f"expected one uninstaller (unins000.exe/.dat), found {uninstallers}",
    )
    for shortcut, (target, arguments) in expect.shortcuts.items():
        ensure(shortcut.is_file(), f"no shortcut {shortcut}")
        data = shortcut.read_bytes()
        ensure(data[:4] == b"\x4c\x00\x00\x00", f"not a shell link: {shortcut}")
        ensure(_contains(data, target), f"{shortcut.name} does not point at {target}")
        if arguments:
            ensure(_contains(data, arguments), f"{shortcut.name} does not pass {arguments}")
    in_group = sorted(p.name for p in expect.group.iterdir()) if expect.group.is_dir() else []
    ensure(len(in_group) == 3, f"expected 3 Start-menu shortcuts, found {in_group}")
    entry = wine.registry_values(expect.uninstall_key)
    if entry is None:
        raise InstallerTestError(f"no uninstall entry {expect.uninstall_key}")
    shown = entry.get("DisplayVersion")
    ensure(shown == version, f"the uninstall entry says version {shown!r}, not {version!r}")
    location = entry.get("InstallLocation", "")
    ensure(
        wine.unix_path(location.rstrip("\\")) == app_dir,
        f"the uninstall entry points at {location!r}, not {app_dir}",
    )
    print(f"   {len(bundle)} files, 4 shortcuts and the uninstall entry of {version} in place")


def make_data_folder(wine: Wine) -> tuple[Path, dict[str, str]]:
    """%APPDATA%\\kexie-desktop as the app leaves it: the database, the logs, an outline of the
    department's own. Returns the folder and a digest of every file in it."""
    folder = wine.user_dir() / "AppData" / "Roaming" / DATA_FOLDER
    (folder / "logs").mkdir(parents=True)
    (folder / "templates").mkdir()
    with sqlite3.connect(folder / DATA_FILE) as db:
        db.execute("CREATE TABLE report (id INTEGER PRIMARY KEY, title TEXT NOT NULL)")
        db.execute("INSERT INTO report (title) VALUES ('2021年度 郴州市科学技术协会')")
    db.close()
    (folder / "logs" / "kexie-desktop.log").write_text("started\n", encoding="utf-8")
    (folder / "templates" / "本单位.toml").write_text("# the department's outline\n", "utf-8")
    return folder, digest(folder)


def digest(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def check_data_kept(folder: Path, before: dict[str, str], after_what: str) -> None:
    ensure(folder.is_dir(), f"{after_what} deleted the data folder {folder}")
    now = digest(folder)
    ensure(now == before, f"{after_what} changed the data folder: {before} → {now}")
    with sqlite3.connect(folder / DATA_FILE) as db:
        titles = db.execute("SELECT title FROM report").fetchall()
    db.close()
    ensure(titles == [("2021年度 郴州市科学技术协会",)], f"the database lost its report: {titles}")
    print(f"   the data folder is untouched: {', '.join(sorted(now))}")


def uninstall(wine: Wine, expect: Expectations, app_dir: Path, log: str) -> None:
    uninstaller = app_dir / "unins000.exe"
    result = wine(uninstaller, "/VERYSILENT", "/SUPPRESSMSGBOXES", "/NORESTART", f"/LOG={log}",
                  timeout=300, check=False)  # fmt: skip
    ensure(result.returncode == 0, f"unins000.exe: exit status {result.returncode}")
    # The uninstaller copies itself to %TEMP% and finishes from there (to delete unins000.exe):
    # wait for it to be done.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if not app_dir.exists() and "Uninstallation process succeeded." in _read_log(
            wine.unix_path(log)
        ):
            break
        time.sleep(0.25)
    else:
        raise InstallerTestError(
            f"the program folder is still there 120 s after uninstalling: "
            f"{sorted(str(p.relative_to(app_dir)) for p in app_dir.rglob('*'))}\n"
            f"{_read_log(wine.unix_path(log))[-3000:]}"
        )
    left = [str(shortcut) for shortcut in expect.shortcuts if shortcut.exists()]
    ensure(not left, f"shortcuts left after uninstalling: {left}")
    ensure(not expect.group.exists(), f"Start-menu folder left: {expect.group}")
    ensure(
        wine.registry_values(expect.uninstall_key) is None,
        "the uninstall entry is still in the registry",
    )
    print("   program folder, shortcuts and uninstall entry removed")


# --- the whole test ---------------------------------------------------------------------------


def package_version() -> str:
    init = (ROOT / "src" / "kexie_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', init, re.M)
    if match is None:
        raise InstallerTestError("no __version__ in src/kexie_desktop/__init__.py")
    return match.group(1)


def check_keys_file() -> None:
    """The committed key list must be the compiler's: else a new message goes untranslated."""
    current = keys_text(COMPILER_DIR / "Default.isl")
    committed = KEYS_FILE.read_text(encoding="utf-8") if KEYS_FILE.exists() else ""
    ensure(
        current == committed,
        f"{KEYS_FILE.name} is not the key list of the installed compiler's Default.isl: run "
        "python packaging/installer_test.py --write-keys and translate any new message",
    )


def installer_test(timings: Timings) -> None:
    check_keys_file()
    first = package_version()  # what the real build passes: the package's version
    major, minor, patch, _ = version_numbers(first)
    second = f"{major}.{minor}.{patch + 1}"
    shutil.rmtree(WORK, ignore_errors=True)
    wine = Wine(WORK)
    try:
        with timings.step("wine prefix and Xvfb (private, under build/installer-test)"):
            wine.start()
        with timings.step(f"compile {first} (ISCC {INNOSETUP_VERSION} under wine)"):
            setup_1, bundle_1 = compile_installer(wine, WORK / "tree-1", first, older=True)
        with timings.step(f"compile {second}"):
            setup_2, bundle_2 = compile_installer(wine, WORK / "tree-2", second)
        (wine.drive_c / "kexie-test").mkdir()
        expect = Expectations(wine)
        app_dir = wine.unix_path(CHOSEN_DIR)

        with timings.step(f"install {first} silently into a folder of the clerk's choosing"):
            print(f"   {CHOSEN_DIR}")
            run_setup(wine, setup_1, rf"C:\kexie-test\install-{first}.log", f"/DIR={CHOSEN_DIR}")
            check_installed(wine, expect, app_dir, bundle_1, first)
        data_folder, data = make_data_folder(wine)
        print(f"   data folder with a database: %APPDATA%\\{DATA_FOLDER}\\{DATA_FILE}")

        with timings.step(f"upgrade in place to {second} (no folder given)"):
            run_setup(wine, setup_2, rf"C:\kexie-test\install-{second}.log")
            check_installed(wine, expect, app_dir, bundle_2, second)
            stale = [name for name in bundle_1 if name not in bundle_2]
            ensure(stale != [], "the stand-in bundles should differ by a library")
            left = [name for name in stale if (app_dir / name).exists()]
            ensure(not left, f"the upgrade left the old version's libraries: {left}")
            default_dir = wine.drive_c / PROGRAM_FILES / "kexie-desktop"
            ensure(not default_dir.exists(), f"the upgrade installed a second copy: {default_dir}")
            check_data_kept(data_folder, data, "the upgrade")

        with timings.step("uninstall silently"):
            uninstall(wine, expect, app_dir, r"C:\kexie-test\uninstall.log")
            check_data_kept(data_folder, data, "uninstalling")
    finally:
        wine.stop()


# --- a picture of the wizard ------------------------------------------------------------------


def screenshot(timings: Timings, output: Path) -> None:
    """The wizard's first page, in Chinese, as a PNG (a wine desktop window, so it has a title
    bar). Wine has no CJK font of its own: the wizard's fonts are replaced by an installed one."""
    family = run(["fc-list", ":lang=zh", "family"], timeout=60).stdout
    font = next((name for name in CJK_FONTS if name in family), None)
    if font is None:
        raise InstallerTestError(f"no CJK font installed (one of {CJK_FONTS})")
    version = package_version()
    shutil.rmtree(WORK, ignore_errors=True)
    wine = Wine(WORK)
    try:
        with timings.step("wine prefix and Xvfb"):
            wine.start()
            # Debian's wine 8 does not find the fonts of fonts-wine by itself: without Marlett
            # the title-bar buttons show letters. (Only Marlett: a real Tahoma would win over
            # the replacements below and show boxes for Chinese.)
            if WINE_MARLETT.exists():
                shutil.copy2(WINE_MARLETT, wine.drive_c / "windows" / "Fonts" / WINE_MARLETT.name)
            for face in ("Segoe UI", "Tahoma", "MS Shell Dlg", "MS Shell Dlg 2", "SimSun",
                         "Microsoft YaHei", "Microsoft YaHei UI", "Verdana", "Arial"):  # fmt: skip
                wine("reg", "add", r"HKCU\Software\Wine\Fonts\Replacements", "/v", face,
                     "/t", "REG_SZ", "/d", font, "/f", timeout=60)  # fmt: skip
        with timings.step(f"compile {version}"):
            setup, _ = compile_installer(wine, WORK / "tree", version)
        with timings.step("start the wizard and take the picture"):
            # /ALLUSERS skips the install-mode question, whose per-user answer wine cannot run.
            wizard = subprocess.Popen(
                ["wine", "explorer", "/desktop=kexie,760x540", str(setup), "/ALLUSERS"],
                env=wine.env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            try:
                width, height, x, y = _wait_for_window(wine.env, "setup.tmp", timeout=90)
                output.parent.mkdir(parents=True, exist_ok=True)
                run(["import", "-window", "root", "-crop", f"{width}x{height}+{x}+{y}", "+repage",
                     output], env=wine.env, timeout=60)  # fmt: skip
            finally:
                run(["wineserver", "-k"], env=wine.env, timeout=60, check=False)
                try:
                    wizard.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    wizard.kill()
                    wizard.wait(timeout=10)
        print(f"   {output} (fonts: {font})")
    finally:
        wine.stop()


def _wait_for_window(env: dict[str, str], program: str, timeout: float) -> tuple[int, ...]:
    """(width, height, x, y) of the program's largest window, once it has stayed put for 2 s
    (the wizard is created, then resized and centred)."""
    deadline = time.monotonic() + timeout
    pattern = re.compile(r"\)\s+(\d+)x(\d+)\+-?\d+\+-?\d+\s+\+(-?\d+)\+(-?\d+)")
    last: tuple[int, ...] | None = None
    steady_since = time.monotonic()
    while time.monotonic() < deadline:
        tree = run(["xwininfo", "-root", "-tree"], env={**env, "LANG": "C.UTF-8"}, timeout=30)
        found = [
            tuple(int(value) for value in match.groups())
            for line in tree.stdout.splitlines()
            if program in line and (match := pattern.search(line))
        ]
        window = max(found, default=None, key=lambda geometry: geometry[0] * geometry[1])
        if window is None or window[0] < 300 or window != last:
            last, steady_since = window, time.monotonic()
        elif time.monotonic() - steady_since >= 2:
            return window
        time.sleep(0.5)
    raise InstallerTestError(f"no steady {program} window within {timeout:.0f} s")


# --- entry point ------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--require", action="store_true", help="fail instead of skipping")
    parser.add_argument("--screenshot", type=Path, metavar="PNG", help="picture the wizard")
    parser.add_argument(
        "--write-keys", action="store_true", help=f"rewrite {KEYS_FILE.name} from Default.isl"
    )
    args = parser.parse_args(argv)
    timings = Timings()
    try:
        if args.write_keys:
            prepare_compiler(timings)
            KEYS_FILE.write_text(keys_text(COMPILER_DIR / "Default.isl"), encoding="utf-8")
            print(f"wrote {KEYS_FILE}")
            return 0
        prepare_wine(timings, SCREENSHOT_APT_PACKAGES if args.screenshot else [])
        prepare_compiler(timings)
        if args.screenshot:
            screenshot(timings, args.screenshot.resolve())
        else:
            installer_test(timings)
    except Skip as reason:
        print(f"SKIPPED: the installer test cannot run here: {reason}", flush=True)
        return 1 if args.require else 0
    except InstallerTestError as error:
        print(f"FAILED: {error}", file=sys.stderr, flush=True)
        if timings.steps:
            timings.report()
        return 1
    timings.report()
    print("screenshot taken" if args.screenshot else "installer test passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
