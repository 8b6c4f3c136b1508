"""Constants of the .docx import and of "start from last period": names, bounds, patterns as data."""

from __future__ import annotations

import re

#: section id of imported text that matches no section of the pack: an orphan id the pack never has, so the
#: renderer shows it under "Nội dung chưa xếp mục" and nothing is dropped
UNPLACED_ID = "chua-xep-muc"
#: shown in the mapping preview for that target
UNPLACED_LABEL = "Nội dung chưa xếp mục"

# ----------------------------------------------------------------- bounds on an untrusted .docx
#: the .docx file itself (bytes)
MAX_DOCX_BYTES = 64 * 1024 * 1024
#: entries in the zip
MAX_ZIP_ENTRIES = 2_000
#: uncompressed size of all entries together (bytes): a zip bomb is refused before anything is inflated
MAX_UNCOMPRESSED_BYTES = 256 * 1024 * 1024
#: one XML part we parse (document.xml, footnotes.xml, styles.xml, numbering.xml)
MAX_XML_PART_BYTES = 64 * 1024 * 1024
#: paragraphs and table rows read from one file
MAX_BLOCKS = 50_000
#: parts the reader parses
PARTS_READ = ("word/document.xml", "word/footnotes.xml", "word/styles.xml", "word/numbering.xml")

# ----------------------------------------------------------------- headings
#: a typed heading label at the start of a paragraph: (kind, pattern); the kind ranks the level
LABEL_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("phan", re.compile(r"^(Phần\s+thứ\s+\w+|PHẦN\s+THỨ\s+\w+|Phần\s+[IVXLC]+|PHẦN\s+[IVXLC]+)\b[.:]?\s*", re.U)),
    ("la-ma", re.compile(r"^([IVXLC]{1,6})[.)]\s+", re.U)),
    ("so", re.compile(r"^(\d{1,2}(?:\.\d{1,2}){0,3})[.)]\s+", re.U)),
    ("chu", re.compile(r"^([a-zđ])[).]\s+", re.U)),
)
#: level of each label kind when the file has no heading styles (Phần > I. > 1. > a))
LABEL_RANK = {"phan": 1, "la-ma": 2, "so": 3, "chu": 4}
#: a paragraph longer than this is never taken for a typed heading
MAX_HEADING_CHARS = 250
#: Word's built-in heading style names (lower case, any language Word writes in styles.xml)
HEADING_STYLE_NAMES = re.compile(r"^(heading|đề mục|tiêu đề)\s*(\d)$", re.I)
#: outline level meaning "body text"
BODY_OUTLINE_LEVEL = 9
#: the paragraph that ends the body of a Decree 30 report
END_OF_BODY = re.compile(r"\./\.\s*$")

# ----------------------------------------------------------------- items
#: "- " / "+ " items typed in the text: (marker, kind)
ITEM_MARKERS: tuple[tuple[str, str], ...] = (("- ", "dash"), ("+ ", "plus"), ("– ", "dash"), ("• ", "dash"),
                                              ("-\t", "dash"), ("+\t", "plus"))
#: Word list formats that are bullets ("-") and numbers ("1.")
BULLET_FORMATS = {"bullet"}
NUMBER_FORMATS = {"decimal", "decimalZero"}

# ----------------------------------------------------------------- matching
#: a heading maps to a section when the score reaches this (title similarity 0…1 plus bonuses)
MATCH_THRESHOLD = 0.62
#: bonus when the heading's label is the section's own label ("II." for the second top-level section)
LABEL_BONUS = 0.12
#: bonus when the section's parent is the section the enclosing heading went to
PARENT_BONUS = 0.12
#: words dropped at the start of a title before comparing ("Về …")
TITLE_NOISE = ("về",)
#: separator of cells when an unmatched table is kept as text
CELL_SEPARATOR = " | "

# ----------------------------------------------------------------- writing into the draft
MODE_APPEND = "append"
MODE_REPLACE = "replace"
MODES = (MODE_APPEND, MODE_REPLACE)
#: named version saved before an import changes the draft
IMPORT_VERSION_NAME = "Trước khi nhập «{name}»"
#: label of the one undo step
IMPORT_EDIT_LABEL = "Nhập báo cáo «{name}»"
#: the first paragraph of each piece of unplaced text, in italics
UNPLACED_FROM_HEADING = "(Từ tệp «{name}», đề mục «{heading}».)"
UNPLACED_FROM_FRONT = "(Từ tệp «{name}», phần trước đề mục đầu tiên.)"
UNPLACED_FROM_TAIL = "(Từ tệp «{name}», phần sau nội dung báo cáo.)"
UNPLACED_FROM_TABLE = "(Từ tệp «{name}», bảng không khớp cột với bảng phụ lục nào.)"
#: before a generated sentence (written by the template from figures) that was changed in Word
UNPLACED_EDITED_GENERATED = ("(Từ tệp «{name}»: câu do mẫu viết từ số liệu của mục «{section}» đã được sửa trong "
                             "Word. Số liệu của mục vẫn lấy từ các ô; mẫu viết: «{original}». Hãy sửa số liệu, "
                             "hoặc chép câu vào nội dung mục nếu muốn giữ cách viết này.)")
#: before an appendix table of our own export whose cells were changed in Word
UNPLACED_EDITED_TABLE = ("(Từ tệp «{name}»: bảng «{table}» đã được sửa trong Word. Bảng của bản thảo vẫn lấy số "
                         "liệu baocao đã xuất; các ô của bảng trong tệp giữ dưới đây để đối chiếu và sửa lại.)")
#: what the payload of our own export brings, in the mapping preview and the dry run
FIGURES_LINE = "Số liệu: {fields} trường, {tables} bảng"
#: the original sentence is shortened to this many characters in that note
EDITED_ORIGINAL_CHARS = 160

# ----------------------------------------------------------------- start from last period
#: extras that are standing data, copied into the next period's draft: whole value, or only some of its keys
#:   "van-ban": the document register (each cited document stored once)
#:   "kiem-tra": only "tu-dien", the draft's own dictionary of words (dismissed findings belong to the old text)
STANDING_EXTRAS: dict[str, tuple[str, ...] | None] = {"van-ban": None, "kiem-tra": ("tu-dien",)}
#: the new draft's checklist of what to report on (items from the old "phương hướng, nhiệm vụ" sections)
CHECKLIST_EXTRA = "viec-can-bao-cao"
#: a top-level section whose title (normalised) starts with one of these holds the plans for the next period;
#: it and all its sub-sections become the checklist
PLAN_TITLE_STARTS = ("phuong huong", "nhiem vu")
#: section ids tried first (the built-in packs)
PLAN_SECTION_IDS = ("phuong-huong",)
