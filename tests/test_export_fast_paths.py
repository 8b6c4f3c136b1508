"""Issue 16, export rows (second round): the shortcuts of ``baocao export`` give what the long ways give.

* ``dataclass_code``: classes built from the kept compiled methods are the classes ``dataclasses``
  builds (same code, same behaviour); a damaged or foreign entry is ignored; ``BAOCAO_NO_CACHE``;
* ``cli_export.simple_export_args``: the plain command line read without argparse gives the
  parser's namespace, and anything else is left to the parser (help, abbreviations, mistakes);
* ``jinja_env.text_template``: a manifest text from the kept code renders as ``from_string``, and
  a syntax error reads the same;
* ``errors_only``: only texts that can give an error are looked at — errors in a text field, a
  table's text cell, a note, a legacy-encoded text are still exactly those of the full check;
* the round-trip part's id is still ``uuid5(NAMESPACE_URL, NAMESPACE)``.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from baocao import dataclass_code
from baocao.cache_entries import ENTRY_SUFFIX

ROOT = Path(__file__).resolve().parents[1]


# ------------------------------------------------------------------ dataclass_code
_CLASS_SOURCE = '''
from dataclasses import dataclass, field

@dataclass(frozen=True, order=True)
class Point:
    x: int
    y: int = 0
    tags: tuple = ()

@dataclass
class Box:
    items: list = field(default_factory=list)
    name: str = "hộp"
'''


def _make_classes() -> dict:
    namespace: dict = {"__name__": "probe"}
    exec(compile(_CLASS_SOURCE, "probe.py", "exec", dont_inherit=True), namespace)
    return namespace


def _methods(cls) -> dict:
    return {name: getattr(cls, name).__code__ for name in ("__init__", "__repr__", "__eq__")
            if hasattr(getattr(cls, name), "__code__")}


def test_kept_code_builds_the_same_classes(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    dataclass_code.uninstall()                        # an export earlier in this process may have installed it
    plain = _make_classes()
    try:
        assert dataclass_code.install()
        first = _make_classes()                       # compiled, remembered
        dataclass_code.save()
        entries = list((tmp_path / "baocao" / dataclass_code.CACHE_FOLDER).glob(f"*{ENTRY_SUFFIX}"))
        assert len(entries) == 1
        dataclass_code.uninstall()
        assert dataclass_code.install()               # a new process: the kept code is read back
        assert dataclass_code._State.codes
        again = _make_classes()
    finally:
        dataclass_code.uninstall()
    for name in ("Point", "Box"):
        for made in (first, again):
            assert _methods(made[name]) == _methods(plain[name])          # code objects compare by content
            assert [f.name for f in dataclasses.fields(made[name])] == [f.name for f in dataclasses.fields(plain[name])]
    point = again["Point"](1, 2)
    assert repr(point) == "Point(x=1, y=2, tags=())" and point < again["Point"](1, 3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        point.x = 5
    assert again["Box"]().items == [] and again["Box"]().items is not again["Box"]().items
    assert again["Point"].__init__.__annotations__ == plain["Point"].__init__.__annotations__


def test_damaged_entry_and_no_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    folder = tmp_path / "baocao" / dataclass_code.CACHE_FOLDER
    folder.mkdir(parents=True)
    (folder / f"{dataclass_code._KEY}{ENTRY_SUFFIX}").write_bytes(b"\x00\x01garbage")
    dataclass_code.uninstall()
    try:
        assert dataclass_code.install()
        assert dataclass_code._State.codes == {}      # ignored, not fatal
        made = _make_classes()
        assert repr(made["Point"](3)) == "Point(x=3, y=0, tags=())"
    finally:
        dataclass_code.uninstall()
    monkeypatch.setenv("BAOCAO_NO_CACHE", "1")
    assert not dataclass_code.install()
    assert getattr(dataclasses, "exec", None) is None


def test_export_with_kept_code_writes_the_same_file(tmp_path, sample_draft):
    """Two processes: the first compiles and keeps the code, the second uses it; same .docx bytes."""
    from baocao.storage import save_draft

    draft = tmp_path / "mau.baocao"
    save_draft(sample_draft, draft)
    env = {"PYTHONPATH": str(ROOT / "desktop"), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
           "XDG_CACHE_HOME": str(tmp_path / "cache"), "XDG_DATA_HOME": str(tmp_path / "data"),
           "XDG_CONFIG_HOME": str(tmp_path / "config"), "PYTHONDONTWRITEBYTECODE": "1",
           "SOURCE_DATE_EPOCH": "1625443200"}
    outputs = []
    for name in ("a.docx", "b.docx"):
        done = subprocess.run([sys.executable, "-m", "baocao", "export", str(draft), "-o", str(tmp_path / name),
                               "--chua-du"], capture_output=True, text=True, env=env, timeout=300)
        assert done.returncode == 0, done.stderr
        outputs.append((tmp_path / name).read_bytes())
    assert list((tmp_path / "cache" / "baocao" / dataclass_code.CACHE_FOLDER).glob(f"*{ENTRY_SUFFIX}"))
    assert outputs[0] == outputs[1]


# ------------------------------------------------------------------ cli_export
@pytest.mark.parametrize("rest", [
    ["a.baocao", "-o", "b.docx"],
    ["a.baocao", "--output", "b.docx", "--force"],
    ["-o", "b.docx", "a.baocao", "--ghi-de", "--chua-du"],
    ["a.baocao", "-o", "b.pdf", "--incomplete", "--khong-kem-so-lieu", "--gop-y"],
    ["a.json", "-o", "ra.docx", "--no-roundtrip-data"],
])
def test_plain_command_lines_read_as_the_parser_reads_them(rest):
    from baocao import cli
    from baocao.cli_export import simple_export_args

    fast = simple_export_args(rest, cli.cmd_export)
    parsed = cli.build_parser(core_only=True).parse_args(["export", *rest])
    assert fast is not None
    assert vars(fast) == vars(parsed)


@pytest.mark.parametrize("rest", [
    [], ["a.baocao"], ["a.baocao", "-o"], ["a.baocao", "-o", "-"], ["a.baocao", "b.baocao", "-o", "x.docx"],
    ["a.baocao", "--output=x.docx"], ["a.baocao", "-ox.docx"], ["a.baocao", "-o", "x.docx", "--forc"],
    ["a.baocao", "-o", "x.docx", "-h"], ["a.baocao", "-o", "x.docx", "--force", "--ghi-de"],
    ["a.baocao", "-o", "x.docx", "-o", "y.docx"], ["--", "a.baocao", "-o", "x.docx"],
])
def test_anything_else_is_left_to_the_parser(rest):
    from baocao import cli
    from baocao.cli_export import simple_export_args

    assert simple_export_args(rest, cli.cmd_export) is None


def test_a_mistake_still_gets_the_parsers_message(capsys):
    from baocao import cli

    with pytest.raises(SystemExit) as stop:
        cli.main(["export", "a.baocao"])
    assert stop.value.code == 2
    assert "-o" in capsys.readouterr().err


# ------------------------------------------------------------------ text templates
def test_manifest_texts_from_kept_code_render_as_from_string(tmp_path, monkeypatch):
    from baocao.template import jinja_env

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(jinja_env, "_TEXT_CACHE", [])
    env = jinja_env.make_text_environment()
    source = "Báo cáo {{ ky | hoa }} năm {{ nam }} ({{ so | so }})"
    names = {"ky": "6 tháng đầu", "nam": 2026, "so": 12345}
    expected = env.from_string(source).render(names)
    assert jinja_env.text_template(env, source).render(names) == expected       # compiled, kept
    kept = list((tmp_path / "baocao" / "jinja").glob("*/__jinja2_*"))   # one folder per compiler version
    assert kept
    monkeypatch.setattr(jinja_env, "_TEXT_CACHE", [])
    fresh = jinja_env.make_text_environment()
    assert jinja_env.text_template(fresh, source).render(names) == expected     # read back
    for path in kept:
        path.write_bytes(b"damaged")
    monkeypatch.setattr(jinja_env, "_TEXT_CACHE", [])
    assert jinja_env.text_template(jinja_env.make_text_environment(), source).render(names) == expected


def test_a_syntax_error_in_a_manifest_text_reads_the_same(tmp_path, monkeypatch):
    import jinja2

    from baocao.template import jinja_env

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setattr(jinja_env, "_TEXT_CACHE", [])
    env = jinja_env.make_text_environment()
    with pytest.raises(jinja2.TemplateSyntaxError) as plain:
        env.from_string("Báo cáo {{ ky ")
    with pytest.raises(jinja2.TemplateSyntaxError) as kept:
        jinja_env.text_template(env, "Báo cáo {{ ky ")
    assert (str(kept.value), kept.value.lineno, kept.value.name, kept.value.filename) == \
        (str(plain.value), plain.value.lineno, plain.value.name, plain.value.filename)


# ------------------------------------------------------------------ errors_only
def test_errors_in_fields_cells_and_notes_are_still_found(sample_draft):
    from baocao.checks import check_draft, error_findings
    from baocao.checks.errors_only import may_have_bad_date
    from baocao.legacy_text import unicode_to_tcvn3
    from baocao.model.richtext import Note, Para, Span
    from baocao.template import load_pack

    pack = load_pack(sample_draft.template_id)
    bad = "Theo Kế hoạch số 7/KH-UBND ngày 29/02/2021 và báo cáo ngày 31 tháng 6 năm 2021, xem Phụ lục 09."
    for spec in pack.sections:
        text_fields = [f for f in spec.fields if f.type == "text"]
        if text_fields:
            sample_draft.section(spec.id).fields[text_fields[0].key] = bad
    for table in pack.tables.values():
        text_columns = [c for c in table.input_columns() if c.type == "text"]
        rows = sample_draft.tables.get(table.id)
        if text_columns and rows:
            rows[0][text_columns[0].key] = bad
    leaf = [s.id for s in pack.sections if not s.children][2]
    sample_draft.section(leaf).body.append(Para([Span("Có chú thích."), Note.of(bad)]))
    sample_draft.section(leaf).body.append(Para([Span(unicode_to_tcvn3(bad))]))     # gives only its legacy hit
    sample_draft.section(leaf).body.append(Para([Span(bad)]))
    full = [f for f in check_draft(sample_draft, pack) if f.severity == "error"]
    fast = error_findings(sample_draft, pack)
    key = [(f.rule, f.where, f.part, f.para, f.note, f.note_para, f.row, f.field, f.offset, f.length, f.message)
           for f in full]
    assert [(f.rule, f.where, f.part, f.para, f.note, f.note_para, f.row, f.field, f.offset, f.length, f.message)
            for f in fast] == key
    assert {f.part for f in fast if f.rule == "ngay-khong-co-that"} == {"note", "body", "field", "cell"}
    assert may_have_bad_date(bad) and not may_have_bad_date("ngày 28/02/2021, ngày 30 tháng 6 năm 2021")
    assert not may_have_bad_date("Không có ngày nào sai 31/02/2021")        # a date only counts after "ngày "


# ------------------------------------------------------------------ round trip
def test_the_round_trip_item_id_is_the_uuid5_of_its_namespace():
    from baocao.writers.docx.roundtrip import ITEM_ID, NAMESPACE

    assert ITEM_ID == "{" + str(uuid.uuid5(uuid.NAMESPACE_URL, NAMESPACE)).upper() + "}"


def test_kept_templates_of_another_baocao_version_are_not_used(monkeypatch, tmp_path):
    """Run_all found it: an older baocao read templates compiled by this one from the shared cache and failed."""
    from baocao.template import jinja_env

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    first = jinja_env._bytecode_cache().directory
    assert first == jinja_env._bytecode_cache().directory          # one version: one folder, kept between runs
    monkeypatch.setattr("baocao.__version__", "9.9.9")
    other = jinja_env._bytecode_cache().directory
    assert other != first and Path(other).parent == Path(first).parent
