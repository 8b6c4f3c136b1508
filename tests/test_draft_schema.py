"""Issue 10, gap 8: the draft interchange JSON is documented by a JSON Schema that the real files obey."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

jsonschema = pytest.importorskip("jsonschema")

from baocao.constants import AUTHORITY_PREFIXES, PeriodKind, SectionStatus  # noqa: E402
from baocao.model.richtext import PARA_KINDS  # noqa: E402
from baocao.model.serialize import draft_to_dict  # noqa: E402
from baocao.paths import resources_dir  # noqa: E402
from baocao.template import load_pack  # noqa: E402
from baocao.template.validate import filled_draft  # noqa: E402

SCHEMA = json.loads((Path(__file__).resolve().parent.parent / "docs" / "ban-thao.schema.json").read_text(encoding="utf-8"))


def _validator():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)
    return jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.FormatChecker())


def test_the_sample_and_every_packs_filled_draft_obey_the_schema():
    validator = _validator()
    sample = json.loads(next((resources_dir() / "samples").glob("*.json")).read_text(encoding="utf-8"))
    assert list(validator.iter_errors(sample)) == []
    for pack_id in ("bao-cao-6-thang", "bao-cao-nam"):
        data = json.loads(json.dumps(draft_to_dict(filled_draft(load_pack(pack_id))), default=str))
        assert [e.message for e in validator.iter_errors(data)] == []


@pytest.mark.parametrize("change", [
    lambda d: d.pop("format"),
    lambda d: d.update(format="khac"),
    lambda d: d["meta"]["period"].update(kind="nua-nam"),
    lambda d: d["sections"]["uu-diem"]["body"].append({"kind": "so", "content": []}),
    lambda d: d["sections"]["uu-diem"]["body"].append({"kind": "text", "content": [{"text": "x", "dam": True}]}),
    lambda d: d["meta"].update(issue_date="05/07/2021"),
])
def test_wrong_drafts_are_refused(change):
    sample = json.loads(next((resources_dir() / "samples").glob("*.json")).read_text(encoding="utf-8"))
    change(sample)
    assert list(_validator().iter_errors(sample))


def test_the_schema_lists_the_models_own_values():
    defs = SCHEMA["$defs"]
    assert defs["paragraph"]["oneOf"][1]["properties"]["kind"]["enum"] == list(PARA_KINDS)
    assert defs["meta"]["properties"]["period"]["properties"]["kind"]["enum"] == [k.value for k in PeriodKind]
    assert defs["section"]["properties"]["status"]["enum"] == [s.value for s in SectionStatus]
    assert defs["meta"]["properties"]["signer"]["properties"]["prefix"]["enum"] == list(AUTHORITY_PREFIXES)
