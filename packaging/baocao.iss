; Inno Setup 6 script: the Windows installer of baocao (per user, no administrator rights).
; Build on Windows from the repository's top folder (packaging/README.md, "Windows"):
;   1. pyinstaller --noconfirm --distpath dist --workpath build\pyinstaller packaging\baocao.spec
;        -> dist\baocao\ (baocao.exe: the window; baocao-cli.exe: the same with a console)
;   2. iscc /DAppVersion=<version from pyproject.toml> packaging\baocao.iss
;        -> dist\baocao-<version>-setup.exe
; Installs into %LOCALAPPDATA%\Programs\baocao ({userpf}), a Start menu entry, and the .baocao
; file type with its own icon under HKCU. Uninstalling removes exactly what was installed: the
; user's drafts (wherever they were saved), template packs and settings (%LOCALAPPDATA%\baocao,
; the user data folder of baocao.paths) are kept. Saved as UTF-8 with a BOM (Vietnamese text).

#define AppName "baocao"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExe "baocao.exe"
#define ProgId "baocao.draft"

[Setup]
AppId={{5B7A0F3E-2C1D-4E6B-9A51-BA0CA0000001}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=baocao
VersionInfoVersion={#AppVersion}
DefaultDirName={userpf}\baocao
DefaultGroupName=baocao
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
UsedUserAreasWarning=no
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist
OutputBaseFilename=baocao-{#AppVersion}-setup
SetupIconFile=icons\baocao.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName} {#AppVersion}
WizardStyle=modern
ShowLanguageDialog=auto
CloseApplications=yes
Compression=lzma2/max
SolidCompression=yes
ChangesAssociations=yes

[Languages]
Name: "vi"; MessagesFile: "compiler:Default.isl,windows\Vietnamese.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[CustomMessages]
vi.MenuEntry=Soạn báo cáo (baocao)
en.MenuEntry=baocao report drafting
vi.MenuComment=Soạn báo cáo chỉ đạo, điều hành; xuất tệp Word đúng Nghị định 30/2020
en.MenuComment=Draft the direction and administration report; export Word files per Decree 30/2020
vi.DraftFileType=Bản thảo báo cáo (baocao)
en.DraftFileType=baocao report draft
vi.AssociateDrafts=Mở tệp bản thảo &.baocao bằng baocao
en.AssociateDrafts=Open &.baocao draft files with baocao
vi.FileTypes=Tệp bản thảo:
en.FileTypes=Draft files:

[Tasks]
Name: "associate"; Description: "{cm:AssociateDrafts}"; GroupDescription: "{cm:FileTypes}"
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "..\dist\baocao\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs
Source: "icons\baocao-draft.ico"; DestDir: "{app}"; Flags: ignoreversion

[Icons]
Name: "{group}\{cm:MenuEntry}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:MenuComment}"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{userdesktop}\{cm:MenuEntry}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:MenuComment}"; Tasks: desktopicon

[Registry]
; The .baocao file type, for this user only (HKCU\Software\Classes), removed on uninstall.
Root: HKCU; Subkey: "Software\Classes\.baocao"; ValueType: string; ValueName: ""; ValueData: "{#ProgId}"; Flags: uninsdeletevalue; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\.baocao\OpenWithProgids"; ValueType: string; ValueName: "{#ProgId}"; ValueData: ""; Flags: uninsdeletevalue; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\{#ProgId}"; ValueType: string; ValueName: ""; ValueData: "{cm:DraftFileType}"; Flags: uninsdeletekey; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\baocao-draft.ico"; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\{#ProgId}\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""; Tasks: associate
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}"; ValueType: string; ValueName: "FriendlyAppName"; ValueData: "{cm:MenuEntry}"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\Applications\{#AppExe}\SupportedTypes"; ValueType: string; ValueName: ".baocao"; ValueData: ""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
