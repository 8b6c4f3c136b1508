"""Real Word multilevel numbering for the Roman "I." and Arabic "1." heading levels.

One ``w:abstractNum`` has a level per heading level down to the deepest
Roman/Arabic one; each level is linked to its ``Heading N`` style
(``w:pStyle`` in the level, ``w:numPr`` in the style), so a reviewer who
inserts, moves or deletes a section in Word sees the numbers follow.  Levels
Word cannot express ("Phần thứ nhất", the Vietnamese letters a b c d đ …) stay
literal text; those above a numbered level are still list levels with no
visible number, so that a new "Phần" restarts the Roman numbers under it.

Heading paragraphs in the list also carry the ``w:numPr`` directly (Word does
the same when numbering is applied): docx2python reads paragraph numbering,
not style numbering.  The plan is checked against the labels the renderer
resolved; when Word would count differently anywhere (a skipped number, a
pack that starts at II.), the whole document keeps literal labels instead.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from ...constants import NumberStyle
from ...docmodel import Heading
from ...formatting import roman
from .ooxml import W_NS, XML_DECL
from .style_ids import HEADING_STYLES, heading_style_for_level

_W = f"{{{W_NS}}}"


class LevelFormat(NamedTuple):  # NamedTuple: defined ~10× faster than a dataclass
    """How Word prints the number of one level: ``w:numFmt`` and the label of a count."""

    num_fmt: str
    label: Callable[[int], str]


#: Number styles Word numbering expresses, as data; every other style stays literal.
WORD_LEVEL_FORMATS: dict[str, LevelFormat] = {
    NumberStyle.ROMAN.value: LevelFormat("upperRoman", lambda n: f"{roman(n)}."),
    NumberStyle.ARABIC.value: LevelFormat("decimal", lambda n: f"{n}."),
}
#: Ids of our list in ``numbering.xml`` when the reference has none (else after its own).
FIRST_ABSTRACT_ID = 10
FIRST_NUM_ID = 10


@dataclass
class HeadingNumbering:
    """The numbering plan of one export; empty (``levels == {}``) when labels stay literal.

    ``levels`` maps a ``Heading N`` index (1-based) to its number style for every
    list level (1 … deepest numbered level).  Each body or appendix run of headings
    has its own ``w:num`` (later ones restart at 1).
    """

    levels: dict[int, str] = field(default_factory=dict)
    abstract_id: int = FIRST_ABSTRACT_ID
    first_num_id: int = FIRST_NUM_ID
    runs: int = 1
    current: int = 0
    _numbered: set[int] = field(default_factory=set)   # id() of headings Word numbers
    _in_list: set[int] = field(default_factory=set)    # id() of every heading in the list

    @property
    def active(self) -> bool:
        """Whether the document uses Word numbering at all."""
        return bool(self.levels)

    @property
    def num_id(self) -> int:
        """``w:numId`` of the current run of headings."""
        return self.first_num_id + self.current

    def start_run(self, index: int) -> None:
        """Switch to run *index* (0 = body, 1 … = appendices)."""
        self.current = index

    def numbered(self, block: Heading) -> bool:
        """Whether Word prints the label of *block* (so the text must not repeat it)."""
        return id(block) in self._numbered

    def paragraph_numpr(self, block: Heading) -> str:
        """The direct ``w:numPr`` of a heading in the list ('' for the others).

        Literal levels above a numbered one (a "Phần") carry it too, so readers
        that count only direct numbering (docx2python) restart under them as Word does.
        """
        if id(block) not in self._in_list:
            return ""
        ilvl = _style_level(block.level) - 1
        return f'<w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="{self.num_id}"/></w:numPr>'

    def style_links(self) -> dict[str, int]:
        """``Heading N`` style id → ``ilvl`` of the levels linked to the list."""
        return {HEADING_STYLES[level - 1]: level - 1 for level in self.levels}

    def part(self, existing: bytes | None) -> bytes | None:
        """``numbering.xml``: the reference's own lists (minus any old heading list) plus ours."""
        from .xmlparse import parse_xml, to_bytes

        root = without_heading_lists(existing)
        if not self.active:
            return to_bytes(root) if root is not None and len(root) else None
        if root is None:
            root = parse_xml(f'{XML_DECL}<w:numbering xmlns:w="{W_NS}"/>'.encode())
        first_num = root.find(_W + "num")
        abstract = parse_xml(self._abstract_xml().encode())
        if first_num is None:
            root.append(abstract)
        else:
            first_num.addprevious(abstract)
        anchor = root.findall(_W + "num")
        after = anchor[-1] if anchor else abstract
        for index in reversed(range(self.runs)):
            after.addnext(parse_xml(self._num_xml(index).encode()))
        return to_bytes(root)

    def _abstract_xml(self) -> str:
        lvls = []
        for level, number_style in sorted(self.levels.items()):
            fmt = WORD_LEVEL_FORMATS.get(number_style)
            style_id = HEADING_STYLES[level - 1]
            if fmt is None:      # a literal level above a numbered one: in the list, no number
                body = ('<w:start w:val="1"/><w:numFmt w:val="none"/>'
                        f'<w:pStyle w:val="{style_id}"/><w:suff w:val="nothing"/>'
                        '<w:lvlText w:val=""/><w:lvlJc w:val="left"/>')
            else:
                body = (f'<w:start w:val="1"/><w:numFmt w:val="{fmt.num_fmt}"/>'
                        f'<w:pStyle w:val="{style_id}"/><w:suff w:val="space"/>'
                        f'<w:lvlText w:val="%{level}."/><w:lvlJc w:val="left"/>')
            lvls.append(f'<w:lvl w:ilvl="{level - 1}">{body}</w:lvl>')
        return (f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{self.abstract_id}">'
                '<w:multiLevelType w:val="multilevel"/>' + "".join(lvls) + "</w:abstractNum>")

    def _num_xml(self, index: int) -> str:
        overrides = "" if index == 0 else "".join(
            f'<w:lvlOverride w:ilvl="{level - 1}"><w:startOverride w:val="1"/></w:lvlOverride>'
            for level in sorted(self.levels))
        return (f'<w:num xmlns:w="{W_NS}" w:numId="{self.first_num_id + index}">'
                f'<w:abstractNumId w:val="{self.abstract_id}"/>{overrides}</w:num>')


def _style_level(level: int) -> int:
    return HEADING_STYLES.index(heading_style_for_level(level)) + 1


def _is_heading_style(style_id: str | None) -> bool:
    return bool(style_id) and style_id.startswith("Heading")


def without_heading_lists(existing: bytes | None):
    """The parsed *existing* ``numbering.xml`` without lists linked to heading styles.

    A reference .docx made by this program (or restyled in Word) carries the
    heading list of its specimen; each export writes its own instead.
    """
    if not existing:
        return None
    from .xmlparse import parse_xml

    root = parse_xml(existing)
    dropped: set[str] = set()
    for abstract in root.findall(_W + "abstractNum"):
        links = [e.get(_W + "val") for e in abstract.iter(_W + "pStyle")]
        if any(_is_heading_style(link) for link in links):
            dropped.add(abstract.get(_W + "abstractNumId", ""))
            root.remove(abstract)
    for num in root.findall(_W + "num"):
        ref = num.find(_W + "abstractNumId")
        if ref is not None and ref.get(_W + "val") in dropped:
            root.remove(num)
    return root


def next_ids(existing: bytes | None) -> tuple[int, int]:
    """``abstractNumId`` and ``numId`` for our list: after those of the reference's *existing* ``numbering.xml``."""
    root = without_heading_lists(existing)
    if root is None:
        return FIRST_ABSTRACT_ID, FIRST_NUM_ID

    def highest(tag: str, attr: str) -> int:
        values = [int(v) for e in root.iter(_W + tag) if (v := e.get(_W + attr, "")).isdigit()]
        return max(values, default=0)

    return (max(highest("abstractNum", "abstractNumId") + 1, FIRST_ABSTRACT_ID),
            max(highest("num", "numId") + 1, FIRST_NUM_ID))


def plan_numbering(runs: Sequence[Iterable[Heading]], styles: dict[tuple[str, str], str],
                   existing: bytes | None = None, ids: tuple[int, int] | None = None) -> HeadingNumbering:
    """The numbering plan for the heading *runs* (body first, then each appendix).

    *styles* is :meth:`StyleSheet.bind_headings`' mapping; a heading is in the
    list only when it uses its level's own ``Heading N`` style (the dominant kind).
    *ids* (:func:`next_ids` of the reference's numbering, when already known) saves
    parsing *existing*.
    """
    dominant: dict[int, str] = {}
    for (heading_id, number_style), target in styles.items():
        if target == heading_id:
            dominant[HEADING_STYLES.index(heading_id) + 1] = number_style
    numbered_levels = [lv for lv, ns in dominant.items() if ns in WORD_LEVEL_FORMATS]
    if not numbered_levels:
        return HeadingNumbering()
    deepest = max(numbered_levels)
    levels = {lv: dominant.get(lv, NumberStyle.NONE.value) for lv in range(1, deepest + 1)}
    abstract_id, num_id = ids if ids is not None else next_ids(existing)
    plan = HeadingNumbering(levels=levels, abstract_id=abstract_id, first_num_id=num_id,
                            runs=max(len(runs), 1))
    for headings in runs:
        counters = [0] * deepest
        for block in headings:
            level = _style_level(block.level)
            heading_id = HEADING_STYLES[level - 1]
            if level > deepest or styles.get((heading_id, block.style)) != heading_id:
                continue
            counters[level - 1] += 1
            counters[level:] = [0] * (deepest - level)
            plan._in_list.add(id(block))
            fmt = WORD_LEVEL_FORMATS.get(levels[level])
            if fmt is None:
                continue
            if block.label.strip() != fmt.label(counters[level - 1]):
                return HeadingNumbering()       # Word would count differently: stay literal
            plan._numbered.add(id(block))
    return plan
