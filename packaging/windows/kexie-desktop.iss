; Inno Setup script for kexie-desktop (Inno Setup 6.x).  packaging/installer_test.py compiles it
; and installs, upgrades and uninstalls the result under wine on Linux (CI); the GitHub workflow
; .github/workflows/windows.yml does the same on a Windows runner.
;
;   iscc /DAppVersion=0.1.0 packaging\windows\kexie-desktop.iss
;
; Installs per user, without administrator rights, into %LOCALAPPDATA%\Programs\kexie-desktop.
; The clerk's data lives in %APPDATA%\kexie-desktop, which this installer never creates, touches
; or deletes — not on upgrade, not on uninstall.

#ifndef AppVersion
  #error Pass the version: iscc /DAppVersion=x.y.z (the workflow reads it from the package)
#endif
#define AppName "部门整体支出绩效自评"
#define AppExe "kexie-desktop.exe"
#define BundleDir "..\..\dist\kexie-desktop"

[Setup]
; The AppId must never change: it is how an upgrade finds the installed copy and replaces it.
AppId={{6C1F6D2B-4E0C-4B8A-9B7E-5A3F2E1D9C40}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=kexie-desktop
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
DefaultDirName={autopf}\kexie-desktop
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist\installer
OutputBaseFilename=kexie-desktop-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\kexie-desktop.ico
UninstallDisplayIcon={app}\{#AppExe}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; Close a running copy before replacing its files on upgrade.
CloseApplications=yes
RestartApplications=no

[Languages]
; The wizard and the uninstaller speak Simplified Chinese, with every compiler version: our own
; translation of all the messages of Inno Setup's English Default.isl, kept next to this script
; (tests/test_packaging.py checks it has every key of packaging/windows/Default.isl.keys).
Name: "zh_CN"; MessagesFile: "ChineseSimplified.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the program folder's libraries wholesale, so no stale DLL from an older
; version lingers next to new ones. Only {app} is cleaned; the data folder is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{#AppName}（示例报告）"; Filename: "{app}\{#AppExe}"; Parameters: "--demo"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] entries: uninstall removes only what [Files] installed. The reports
; database (%APPDATA%\kexie-desktop\reports.kexie.sqlite) and logs stay where they are.
