; Inno Setup 6 script: the per-user Windows installer of the 工会台账 bundle.
;
; NOT TESTED IN THIS REPOSITORY'S CI (it has no Windows machine): .github/workflows/windows-build.yml
; compiles it on a Windows runner. By hand, on Windows, from the repository folder:
;     python packaging\build.py          (makes dist\工会台账\ and build\pyinstaller\icon.ico)
;     iscc packaging\union_ledger.iss    (makes dist\工会台账-<版本>-安装程序.exe)
;
; Installs for the current user only (no administrator rights) into %LOCALAPPDATA%\Programs\工会台账,
; with a Start-menu shortcut and a desktop shortcut. The clerk's data (%LOCALAPPDATA%\工会台账:
; the ledger, photos, backups, settings) is a different folder that this installer never writes
; and its uninstaller never deletes: uninstalling removes the program files only.

#define AppName "工会台账"
#define AppExe "工会台账.exe"
#define BundleDir AddBackslash(SourcePath) + "..\dist\" + AppName
#ifndef AppVersion
  ; The version resource build.py wrote into the executable (from pyproject.toml's version).
  #define AppVersion GetVersionNumbersString(BundleDir + "\" + AppExe)
#endif

[Setup]
; AppId identifies the program to Windows across upgrades: never change it.
AppId={{6F1C2B7E-3D4A-4E8B-9C5F-2A7D1E0B8C43}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppName}
PrivilegesRequired=lowest
; {userpf} is %LOCALAPPDATA%\Programs for a per-user install.
DefaultDirName={userpf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
SetupIconFile=..\build\pyinstaller\icon.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
OutputDir=..\dist
OutputBaseFilename={#AppName}-{#AppVersion}-安装程序
Compression=lzma2
SolidCompression=yes
WizardStyle=modern

[Languages]
#if FileExists(CompilerPath + "Languages\ChineseSimplified.isl")
Name: "chinesesimplified"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#else
Name: "english"; MessagesFile: "compiler:Default.isl"
#endif

[Tasks]
Name: "desktopicon"; Description: "在桌面上创建“工会台账”快捷方式"; GroupDescription: "快捷方式："

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{userprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"
Name: "{userdesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "现在打开工会台账"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section on purpose: the data folder %LOCALAPPDATA%\工会台账 stays.
