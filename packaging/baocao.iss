; Inno Setup script: Windows installer for the PyInstaller one-folder build.
;   1. pyinstaller packaging\baocao.spec      (creates dist\baocao\)
;   2. iscc packaging\baocao.iss               (creates dist\baocao-setup.exe)
; Installs per user (no administrator rights needed on office PCs), adds a Start
; menu entry and associates .baocao draft files with the app.

#define AppName "baocao - Soạn báo cáo chỉ đạo, điều hành"
#define AppVersion "0.1.0"

[Setup]
AppId={{5B7A0F3E-2C1D-4E6B-9A51-BA0CA0000001}
AppName={#AppName}
AppVersion={#AppVersion}
DefaultDirName={localappdata}\Programs\baocao
DefaultGroupName=baocao
PrivilegesRequired=lowest
OutputDir=..\dist
OutputBaseFilename=baocao-setup
Compression=lzma2
SolidCompression=yes
ChangesAssociations=yes

[Languages]
Name: "vi"; MessagesFile: "compiler:Languages\Vietnamese.isl"

[Files]
Source: "..\dist\baocao\*"; DestDir: "{app}"; Flags: recursesubdirs ignoreversion

[Icons]
Name: "{group}\Soạn báo cáo (baocao)"; Filename: "{app}\baocao.exe"
Name: "{userdesktop}\Soạn báo cáo (baocao)"; Filename: "{app}\baocao.exe"; Tasks: desktopicon

[Tasks]
Name: "desktopicon"; Description: "Tạo biểu tượng trên màn hình"; Flags: unchecked

[Registry]
Root: HKCU; Subkey: "Software\Classes\.baocao"; ValueType: string; ValueData: "baocao.draft"; Flags: uninsdeletevalue
Root: HKCU; Subkey: "Software\Classes\baocao.draft"; ValueType: string; ValueData: "Bản thảo báo cáo"; Flags: uninsdeletekey
Root: HKCU; Subkey: "Software\Classes\baocao.draft\shell\open\command"; ValueType: string; ValueData: """{app}\baocao.exe"" ""%1"""

[Run]
Filename: "{app}\baocao.exe"; Description: "Mở baocao"; Flags: nowait postinstall skipifsilent
