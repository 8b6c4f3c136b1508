"""Every kind of .docx the product writes passes Microsoft's Open XML SDK validator with zero errors.

And the validator really catches faults: deliberately broken copies (wrong
child order in w:pPr, a duplicate bookmark id, a dangling footnote
reference) must each be reported, so a green run means something.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest

from ooxml_support import validate_docx


def _export(draft, path: Path) -> Path:
    from baocao.render import render_draft
    from baocao.template import load_pack
    from baocao.writers.docx import write_docx

    pack = load_pack(draft.template_id)
    write_docx(render_draft(draft, pack), path, pack.reference_docx)
    return path


@pytest.fixture(scope="module")
def sample_docx(tmp_path_factory):
    from baocao.samples import load_sample

    return _export(load_sample(), tmp_path_factory.mktemp("hop-le") / "mau.docx")


def test_sample_export_is_valid(sample_docx):
    assert validate_docx(sample_docx) == []


def test_blank_draft_export_is_valid(tmp_path, pack):
    from baocao.drafts import new_draft

    assert validate_docx(_export(new_draft(pack), tmp_path / "trong.docx")) == []


def test_large_report_export_is_valid(tmp_path):
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
    from large_report import build_document
    from baocao.writers.docx import write_docx

    write_docx(build_document(tmp_path / "goi-lon"), tmp_path / "lon.docx")
    assert validate_docx(tmp_path / "lon.docx") == []


def test_reference_docx_is_valid():
    from baocao.paths import resources_dir

    assert validate_docx(resources_dir() / "reference" / "reference.docx") == []


def _rewrite(source: Path, target: Path, part: str, change) -> Path:
    with zipfile.ZipFile(source) as zin, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename == part:
                data = change(data.decode("utf-8")).encode("utf-8")
            zout.writestr(item, data)
    return target


def _swap_first_ppr_children(xml: str) -> str:
    # <w:pPr><w:pStyle …/><w:jc …/>… → the pStyle moved after its next sibling (pStyle must come first)
    match = re.search(r"<w:pPr>(<w:pStyle [^>]*/>)(<w:[a-zA-Z]+ [^>]*/>)", xml)
    assert match, "no pPr with a style and another child to swap"
    return xml[:match.start()] + "<w:pPr>" + match.group(2) + match.group(1) + xml[match.end():]


def _duplicate_bookmark(xml: str) -> str:
    bookmark = '<w:bookmarkStart w:id="4242" w:name="a"/><w:bookmarkEnd w:id="4242"/>'
    twice = bookmark + bookmark.replace('w:name="a"', 'w:name="b"')
    return xml.replace("<w:body>", "<w:body><w:p>" + twice + "</w:p>", 1)


def _dangling_footnote(xml: str) -> str:
    at = xml.rindex("<w:sectPr")            # the body's own section properties come last
    return xml[:at] + '<w:p><w:r><w:footnoteReference w:id="9999"/></w:r></w:p>' + xml[at:]


@pytest.mark.parametrize("fault, change", [
    ("w:pPr children out of order", _swap_first_ppr_children),
    ("duplicate bookmark id", _duplicate_bookmark),
    ("dangling footnote reference", _dangling_footnote),
])
def test_validator_catches_each_fault_class(sample_docx, tmp_path, fault, change):
    broken = _rewrite(sample_docx, tmp_path / "hong.docx", "word/document.xml", change)
    assert validate_docx(broken), f"the validator did not report: {fault}"
