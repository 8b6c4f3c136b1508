"""Golden files: the exported .docx is unchanged, part by part (issue 16: speed work keeps the output).

The digests in tests/fixtures/golden/ come from ``python tests/make_golden.py``; when a change
is *meant* to change the output (a new feature of the writer, a new sample paragraph),
regenerate them with that one-liner and say so in the commit.
"""

from __future__ import annotations

import zipfile

import pytest
from make_golden import CASES, export_digests, load_golden, part_digests


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    return export_digests(tmp_path_factory.mktemp("golden"))


@pytest.mark.parametrize("case", CASES)
def test_docx_parts_unchanged(exported, case):
    old, new = load_golden(case), exported[case]
    assert sorted(new) == sorted(old), "the set of parts changed"
    changed = [name for name in old if old[name] != new[name]]
    assert not changed, (f"{case}: parts differ from the golden digests: {changed} "
                         "(meant to? regenerate: python tests/make_golden.py)")


def test_digest_ignores_only_the_export_time(tmp_path):
    core = ('<cp:coreProperties><dc:title>{title}</dc:title><dcterms:created xsi:type="dcterms:W3CDTF">'
            '{when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{when}</dcterms:modified>'
            '</cp:coreProperties>')

    def digest(title: str, when: str) -> dict[str, str]:
        path = tmp_path / f"{title}-{when[:4]}.docx"
        with zipfile.ZipFile(path, "w") as archive:
            archive.writestr("docProps/core.xml", core.format(title=title, when=when))
        return part_digests(path)

    assert digest("A", "2021-07-05T00:00:00Z") == digest("A", "2026-12-01T23:16:02Z")
    assert digest("A", "2021-07-05T00:00:00Z") != digest("B", "2021-07-05T00:00:00Z")
