"""Issue 10, tools item 4: the sandbox, tried as an attacker would.

(a) links and paths outside the pack are refused, and no byte of the target
reaches the model, the preview or a message; (b) templates cannot change the
draft; (c) time and size are bounded; jinja2 is a release without the known
sandbox escapes.
"""

from __future__ import annotations

import os
import time
from importlib.metadata import version

import pytest

from baocao.errors import TemplateError
from baocao.model import Draft
from baocao.render import render_draft
from baocao.template import load_pack_dir
from baocao.template.sandbox import RenderLimitError

SECRET = "MAT-KHAU-BI-MAT-9f1c"

MANIFEST = """
[pack]
id = "tan-cong"
name = "Mẫu thử tấn công"

[[sections]]
id = "mot"
title = "Một"
template = "mot.j2"

  [[sections.fields]]
  key = "van_ban"
  label = "Văn bản"
  type = "docref"

  [[sections.fields]]
  key = "ghi_chu"
  label = "Ghi chú"
  type = "text"
"""

needs_symlinks = pytest.mark.skipif(os.name == "nt", reason="creating symlinks needs privileges on Windows")


@pytest.fixture
def secret_file(tmp_path):
    path = tmp_path / "ngoai-goi" / "bi-mat.txt"
    path.parent.mkdir()
    path.write_text(f"<p>{SECRET}</p>", encoding="utf-8")
    return path


def _draft() -> Draft:
    draft = Draft(template_id="tan-cong")
    draft.section("mot").fields = {"van_ban": {"loai": "Quyết định", "so": "42/QĐ-UBND"}, "ghi_chu": "giữ nguyên"}
    return draft


def _no_secret(exc: BaseException) -> None:
    text = f"{exc} {getattr(exc, 'hint', '')} {getattr(exc, 'location', '')}"
    assert SECRET not in text


# ------------------------------------------------------------------ (a) files
@needs_symlinks
def test_include_through_a_symlinked_file_is_refused(make_pack, secret_file):
    pack = make_pack(MANIFEST, {"mot.j2": "{% include 'muc/x.j2' %}"})
    (pack.root / "muc").mkdir()
    os.symlink(secret_file, pack.root / "muc" / "x.j2")
    with pytest.raises(TemplateError) as info:
        render_draft(_draft(), pack)
    assert "liên kết" in info.value.message
    _no_secret(info.value)


@needs_symlinks
def test_include_through_a_linked_folder_is_refused(make_pack, secret_file):
    pack = make_pack(MANIFEST, {"mot.j2": "{% include 'muc/bi-mat.txt' %}"})
    os.symlink(secret_file.parent, pack.root / "muc")
    with pytest.raises(TemplateError) as info:
        render_draft(_draft(), pack)
    _no_secret(info.value)


@needs_symlinks
def test_section_template_that_is_a_link_is_refused_at_load(make_pack, secret_file, tmp_path):
    root = tmp_path / "goi"
    root.mkdir()
    (root / "manifest.toml").write_text(MANIFEST, encoding="utf-8")
    os.symlink(secret_file, root / "mot.j2")
    with pytest.raises(TemplateError) as info:
        load_pack_dir(root)
    assert info.value.location.line == MANIFEST.splitlines().index('template = "mot.j2"') + 1
    _no_secret(info.value)


@pytest.mark.parametrize("name", ["../ngoai-goi/bi-mat.txt", "/etc/passwd", "C:/Windows/win.ini"])
def test_include_outside_the_pack_is_refused(make_pack, secret_file, name):
    pack = make_pack(MANIFEST, {"mot.j2": f"{{% include '{name}' %}}"})
    with pytest.raises(TemplateError) as info:
        render_draft(_draft(), pack)
    _no_secret(info.value)


@pytest.mark.parametrize("value", ["../ngoai-goi/bi-mat.txt", "{secret}"])
def test_guidance_file_outside_the_pack_is_refused(tmp_path, secret_file, value):
    root = tmp_path / "goi"
    root.mkdir()
    text = MANIFEST.replace('name = "Mẫu thử tấn công"',
                            f'name = "Mẫu thử tấn công"\nguidance_file = "{value.format(secret=secret_file.as_posix())}"')
    (root / "manifest.toml").write_text(text, encoding="utf-8")
    (root / "mot.j2").write_text("{{ noi_dung }}", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        load_pack_dir(root)
    assert info.value.location.line == 5
    _no_secret(info.value)


@needs_symlinks
def test_symlinked_guidance_and_reference_are_refused(tmp_path, secret_file):
    for link in ("huong-dan.toml", "reference.docx"):
        root = tmp_path / f"goi-{link}"
        root.mkdir()
        text = MANIFEST.replace('name = "Mẫu thử tấn công"', 'name = "x"\nguidance_file = "huong-dan.toml"')
        (root / "manifest.toml").write_text(text, encoding="utf-8")
        (root / "mot.j2").write_text("{{ noi_dung }}", encoding="utf-8")
        if link == "reference.docx":
            (root / "huong-dan.toml").write_text("", encoding="utf-8")
        os.symlink(secret_file, root / link)
        with pytest.raises(TemplateError) as info:
            load_pack_dir(root)
        assert "liên kết" in info.value.message
        _no_secret(info.value)


# ------------------------------------------------------------------ (b) read-only views
@pytest.mark.parametrize("expression", [
    "{% set _ = truong.van_ban.clear() %}",
    "{% set _ = truong.van_ban.update({'so': 'x'}) %}",
    "{% set _ = truong.van_ban.pop('so') %}",
    "{% set _ = muc('mot').truong.van_ban.clear() %}",
])
def test_templates_cannot_change_the_draft(make_pack, expression):
    pack = make_pack(MANIFEST, {"mot.j2": f"{expression}<p>{{{{ truong.van_ban | trich_dan }}}}</p>"})
    draft = _draft()
    before = repr(draft.sections["mot"].fields)
    try:
        render_draft(draft, pack)
    except TemplateError as exc:
        assert "không được phép" in exc.message or "không có" in exc.message
    assert repr(draft.sections["mot"].fields) == before


def test_templates_cannot_reach_internals(make_pack):
    for expression in ("{{ truong._values }}", "{{ bc.__class__.__mro__ }}", "{{ muc.__globals__ }}",
                       "{{ ''.__class__.__subclasses__() }}"):
        pack = make_pack(MANIFEST, {"mot.j2": f"<p>{expression}</p>"}, name=f"goi-{abs(hash(expression))}")
        with pytest.raises(TemplateError):
            render_draft(_draft(), pack)


# ------------------------------------------------------------------ (c) limits
@pytest.mark.parametrize("body", [
    "{% for i in range(100000) %}{% for j in range(100000) %}x{% endfor %}{% endfor %}",
    "{{ 'x' * 10**9 }}",
    "{{ 'x' * 1000000000 }}",
    "{{ '%0999999999d' | format(1) }}",
    "{{ '%0999999999d' % 1 }}",
    "{{ '{:>999999999}'.format(1) }}",
    "{{ 'x' | center(1000000000) }}",
    "{{ (10 ** 1000) ** 1000 }}",
    "{{ 2 ** 100000 }}",
    "{% macro f(n) %}{{ f(n) }}{{ f(n) }}{% endmacro %}{{ f(1) }}",
    "{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% else %}x{% endif %}{% endmacro %}{{ f(60) }}",
    "{% set ns = namespace(s='x') %}{% for i in range(60) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
    "{% set ns = namespace(s='xx') %}{% for i in range(60) %}{% set ns.s = ns.s.replace('x', 'xx') %}{% endfor %}",
    "{{ range(10**9) | list }}",
])
def test_runaway_templates_stop_quickly_with_a_message(make_pack, body):
    pack = make_pack(MANIFEST, {"mot.j2": f"<p>\n{body}\n</p>"})
    start = time.monotonic()
    with pytest.raises(TemplateError) as info:
        render_draft(_draft(), pack)
    assert time.monotonic() - start < 8
    assert info.value.message.startswith(("Mẫu", "Tiêu đề"))
    assert "Traceback" not in info.value.user_text()


def test_a_limit_error_names_the_file_and_line(make_pack):
    pack = make_pack(MANIFEST, {"mot.j2": "<p>a</p>\n<p>b</p>\n<p>{{ 'x' * 10**9 }}</p>\n"})
    with pytest.raises(RenderLimitError) as info:
        render_draft(_draft(), pack)
    assert info.value.location.line == 3 and "mot.j2" in (info.value.location.file or "")
    assert "vượt giới hạn" in info.value.message


def test_large_but_honest_output_still_renders(make_pack):
    pack = make_pack(MANIFEST, {"mot.j2": "{% for i in range(3000) %}<p>Đoạn {{ i }} {{ 'chữ ' * 20 }}</p>{% endfor %}"})
    document = render_draft(_draft(), pack)
    assert len(document.body) == 3001


def test_jinja2_release_has_the_sandbox_fixes():
    major, minor, patch = (int(x) for x in version("jinja2").split(".")[:3])
    assert (major, minor, patch) >= (3, 1, 6)
    from pathlib import Path

    pyproject = Path(__file__).resolve().parent.parent / "pyproject.toml"
    assert '"jinja2>=3.1.6' in pyproject.read_text(encoding="utf-8")
