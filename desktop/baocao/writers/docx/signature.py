"""Signature block and "Nơi nhận", side by side in a borderless two-column table.

Left: "Nơi nhận:" (bold italic 12 pt) and one "- …;" line per recipient
(11 pt, the last ending with "."); right: the authority lines (TM. / KT. /
the signer's title, bold capitals), room for the signature and seal (the
space before the ``BCNguoiKy`` style), then the signer's name in bold.
"""

from __future__ import annotations

from ...docmodel import RecipientsInfo, SignatureInfo
from .context import BuildContext
from .layout import SIGNATURE_COLUMNS, layout_cell, plain_table_props, split_width
from .ooxml import paragraph, run
from .style_ids import S

#: Prefix of each recipient line.
RECIPIENT_PREFIX = "- "


def _recipients(info: RecipientsInfo) -> str:
    parts = [paragraph(S.RECIPIENTS_HEADING, run(info.heading))] if info.heading else []
    parts.extend(paragraph(S.RECIPIENT, run(RECIPIENT_PREFIX + entry)) for entry in info.entries)
    return "".join(parts) or paragraph(S.RECIPIENT)


def _signature(info: SignatureInfo) -> str:
    parts = [paragraph(S.AUTHORITY, run(line)) for line in info.authority_lines]
    parts.append(paragraph(S.SIGNER, run(info.name) if info.name else ""))
    return "".join(parts)


def signature_block_xml(signature: SignatureInfo, recipients: RecipientsInfo, ctx: BuildContext,
                        show_signature: bool = True, show_recipients: bool = True) -> str:
    """The signature table (one row, cannot split across pages); either side may be left empty by the pack."""
    text_width = ctx.text_width_twips
    if not show_recipients:
        recipients = RecipientsInfo("", [])
    if not show_signature:
        signature = SignatureInfo([], "")
    left, right = split_width(text_width, SIGNATURE_COLUMNS)
    return (f"<w:tbl>{plain_table_props(S.TABLE_PLAIN, text_width)}"
            f'<w:tblGrid><w:gridCol w:w="{left}"/><w:gridCol w:w="{right}"/></w:tblGrid>'
            "<w:tr><w:trPr><w:cantSplit/></w:trPr>"
            f"{layout_cell(left, _recipients(recipients))}{layout_cell(right, _signature(signature))}"
            "</w:tr></w:tbl>")
