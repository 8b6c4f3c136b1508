"""Syntax colours for Jinja + block markup in the pack editor (rules as a data table)."""

from __future__ import annotations

import re

from PySide6.QtGui import QColor, QFont, QSyntaxHighlighter, QTextCharFormat, QTextDocument

#: (pattern, colour, bold, italic) — later rules paint over earlier ones.
RULES: tuple[tuple[str, str, bool, bool], ...] = (
    (r"</?(p|li|np|b|i|fn|fnref|table|pagebreak|br)\b[^>]*>", "#1f5fbf", False, False),   # block markup tags
    (r"\{\{.*?\}\}", "#8a3ffc", False, False),                                         # {{ expressions }}
    (r"\{%.*?%\}", "#b35900", True, False),                                            # {% statements %}
    (r"\|\s*\w+", "#007a5e", False, False),                                            # | filters
    (r"\{#.*?#\}", "#6f6f6f", False, True),                                            # {# comments #}
)


def _format(colour: str, bold: bool, italic: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(colour))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    fmt.setFontItalic(italic)
    return fmt


class JinjaHighlighter(QSyntaxHighlighter):
    """Colours tags, expressions, statements, filters and comments of a ``.j2`` text."""

    def __init__(self, document: QTextDocument):
        super().__init__(document)
        self._rules = [(re.compile(p), _format(c, b, i)) for p, c, b, i in RULES]

    def highlightBlock(self, text: str) -> None:  # noqa: N802 - Qt's name
        for pattern, fmt in self._rules:
            for match in pattern.finditer(text):
                self.setFormat(match.start(), match.end() - match.start(), fmt)
