"""The live preview's worker process: same HTML as an in-process render, runaways killed with a named template."""

from __future__ import annotations

import pickle
import shutil
import time

import pytest

from baocao.paths import templates_dir
from baocao.render import render_draft
from baocao.render.worker import PreviewWorker
from baocao.template import load_pack_dir
from baocao.writers.html import document_to_html
from baocao.render.doc_summary import summarize

#: Few steps, each slow (a long join): the sandbox's step count and clock stop it late; the worker's clock first.
RUNAWAY = "{% for i in range(5000) %}{% set s = range(90000)|join(',') %}{% endfor %}{{ noi_dung }}"


def hostile_pack(tmp_path, text: str = RUNAWAY, name: str = "han-che.j2"):
    """A copy of the half-year pack whose "hạn chế" section template is *text*."""
    root = tmp_path / "mau-doc"
    shutil.copytree(templates_dir() / "bao-cao-6-thang", root)
    (root / "muc" / name).write_text(text, encoding="utf-8")
    return load_pack_dir(root)


@pytest.fixture
def worker():
    w = PreviewWorker(kill_after_s=1.5)
    yield w
    w.stop()


def test_worker_html_equals_an_in_process_render(worker, pack, sample_draft):
    result = worker.render(pack, 1, pickle.dumps(sample_draft))
    assert result.error is None and result.request_id == 1
    expected = render_draft(sample_draft, pack)
    assert result.html == document_to_html(expected, standalone=False)
    assert result.summary == summarize(expected)
    again = worker.render(pack, 2, pickle.dumps(sample_draft))       # the same child, warm
    assert again.html == result.html and worker.starts == 1


def test_a_runaway_template_is_killed_and_named(worker, tmp_path, sample_draft):
    pack = hostile_pack(tmp_path)
    started = time.perf_counter()
    result = worker.render(pack, 1, pickle.dumps(sample_draft))
    assert time.perf_counter() - started < 5
    assert result.killed and result.html is None
    assert "«muc/han-che.j2»" in result.error.message and "1.5 giây" in result.error.message
    assert "sửa mẫu" in result.error.hint
    assert not worker.alive()
    # the next render starts a new child; a working pack renders again
    from baocao.template import load_pack

    good = load_pack(sample_draft.template_id)
    assert worker.render(good, 2, pickle.dumps(sample_draft)).error is None
    assert worker.starts == 2


def test_a_pack_error_comes_back_with_file_and_line(worker, tmp_path, sample_draft):
    pack = hostile_pack(tmp_path, "<p>a</p>\n<p>{{ truong.khong_co }}</p>")
    result = worker.render(pack, 1, pickle.dumps(sample_draft))
    assert not result.killed and result.html is None
    assert result.error.file == "muc/han-che.j2" and result.error.line == 2
    assert worker.alive()                                           # an ordinary error keeps the child
