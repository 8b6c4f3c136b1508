"""The pack editor's preview runs in a child process that is killed when it runs too long."""

from __future__ import annotations

import time

from baocao.paths import templates_dir
from baocao.render.worker import pack_texts, render_in_worker

MANIFEST = """
[pack]
id = "thu"
name = "Thử"

[[sections]]
id = "mot"
title = "Một"
template = "mot.j2"
"""


def test_worker_renders_a_pack_to_html():
    result = render_in_worker(pack_texts(templates_dir() / "bao-cao-nam"))
    assert result.errors == []
    assert "Phần thứ nhất" in result.html and "Đánh giá chung:" in result.html
    assert ("danh-gia-chung", "Đánh giá chung:") in result.headings


def test_worker_reports_errors_with_their_line():
    result = render_in_worker({"manifest.toml": MANIFEST, "mot.j2": "<p>a</p>\n<p>{{ truong.x }}</p>"})
    assert result.html is None
    assert any(e.file == "mot.j2" and e.line == 2 and "«x»" in e.message for e in result.errors)


def test_worker_reports_a_toml_error_with_line_and_column():
    result = render_in_worker({"manifest.toml": MANIFEST.replace('name = "Thử"', 'name = "Thử'), "mot.j2": ""})
    assert result.errors and result.errors[0].line == 4 and result.errors[0].column


def test_a_runaway_worker_is_killed():
    body = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    start = time.monotonic()
    result = render_in_worker({"manifest.toml": MANIFEST, "mot.j2": body}, timeout=0.3)
    assert time.monotonic() - start < 3
    assert result.html is None and "quá 0.3 giây nên đã bị dừng" in result.errors[0].message


def test_in_the_worker_the_render_budget_still_applies():
    body = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    result = render_in_worker({"manifest.toml": MANIFEST, "mot.j2": body})
    assert result.html is None and "vượt giới hạn" in result.errors[0].message and result.errors[0].line == 1


def test_worker_renders_the_open_draft():
    from baocao.model import Draft
    from baocao.model.richtext import Para

    draft = Draft(template_id="thu")
    draft.section("mot").body = [Para.of("Chữ của người soạn")]
    result = render_in_worker({"manifest.toml": MANIFEST, "mot.j2": "{{ noi_dung }}"}, draft)
    assert result.errors == [] and "Chữ của người soạn" in result.html
