"""Regenerate ``resources/reference/reference.docx`` from :mod:`.style_table`.

Run from a checkout::

    python -m baocao.writers.docx.make_reference [output.docx]

The result is the specimen report (:mod:`.specimen`) exported with the
styles of the table, so it opens in Word as a sample of every style.  A
template maintainer may then restyle it in Word and ship it as the pack's own
``reference.docx``; the writer takes styles, settings, theme and font table
from it and ignores its text.
"""

from __future__ import annotations

import importlib.util
import sys
import zipfile
from pathlib import Path

from ...fsutil import write_bytes_atomic
from .ooxml import W_NS, XML_DECL
from .reference import ReferenceParts, default_reference_path
from .specimen import specimen_document
from .style_xml import styles_part

_SETTINGS = (
    f'{XML_DECL}<w:settings xmlns:w="{W_NS}">'
    '<w:zoom w:percent="100"/>'
    '<w:defaultTabStop w:val="720"/><w:characterSpacingControl w:val="doNotCompress"/>'
    '<w:compat>'
    '<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/>'
    '<w:compatSetting w:name="overrideTableStyleFontSizeAndJustification" '
    'w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    '<w:compatSetting w:name="enableOpenTypeFeatures" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    '<w:compatSetting w:name="doNotFlipMirrorIndents" w:uri="http://schemas.microsoft.com/office/word" w:val="1"/>'
    '</w:compat><w:themeFontLang w:val="vi-VN"/><w:decimalSymbol w:val=","/><w:listSeparator w:val=";"/>'
    "</w:settings>"
).encode()
_FONT_TABLE = (
    f'{XML_DECL}<w:fonts xmlns:w="{W_NS}"><w:font w:name="Times New Roman">'
    '<w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/>'
    '<w:pitch w:val="variable"/></w:font></w:fonts>'
).encode()
_THEME_FONTS = (("Calibri Light", "Times New Roman"), ("Calibri", "Times New Roman"),
                ("Cambria", "Times New Roman"))


def _theme() -> bytes | None:
    """python-docx's default Office theme with its Latin fonts set to Times New Roman."""
    spec = importlib.util.find_spec("docx")
    if spec is None or spec.origin is None:
        return None
    template = Path(spec.origin).parent / "templates" / "default.docx"
    try:
        with zipfile.ZipFile(template) as archive:
            theme = archive.read("word/theme/theme1.xml").decode("utf-8")
    except (OSError, KeyError, zipfile.BadZipFile):
        return None
    for old, new in _THEME_FONTS:
        theme = theme.replace(f'<a:latin typeface="{old}"', f'<a:latin typeface="{new}"')
    return theme.encode("utf-8")


def reference_parts() -> ReferenceParts:
    """The parts of the default reference, built in memory from the style table."""
    return ReferenceParts(source="style_table", styles=styles_part(), settings=_SETTINGS,
                          theme=_theme(), font_table=_FONT_TABLE)


def build_reference() -> bytes:
    """The bytes of the default ``reference.docx``."""
    from .writer import build_from_parts

    return build_from_parts(specimen_document(), reference_parts(), complete=False)


def main(argv: list[str] | None = None) -> int:
    """Write the reference to the given path or to ``resources/reference/reference.docx``."""
    args = sys.argv[1:] if argv is None else argv
    target = Path(args[0]) if args else _checkout_reference_path()
    target.parent.mkdir(parents=True, exist_ok=True)
    write_bytes_atomic(target, build_reference())
    print(f"Đã ghi {target}")
    return 0


def _checkout_reference_path() -> Path:
    try:
        return default_reference_path()
    except FileNotFoundError:
        return Path(__file__).resolve().parents[4] / "resources" / "reference" / "reference.docx"


if __name__ == "__main__":
    raise SystemExit(main())
