"""Shared fixtures.  Qt runs offscreen; every test gets its own user data folders."""

from __future__ import annotations

import os
import shutil
import textwrap

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def _private_user_dirs(tmp_path_factory, monkeypatch):
    """Keep settings, logs, backups and user packs of tests away from the real user's folders."""
    home = tmp_path_factory.mktemp("home")
    for var in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        monkeypatch.setenv(var, str(home / var.lower()))
    monkeypatch.delenv("BAOCAO_TEMPLATES", raising=False)


@pytest.fixture(scope="session")
def pack():
    """The built-in semi-annual report pack."""
    from baocao.template import load_pack

    return load_pack("bao-cao-6-thang")


@pytest.fixture
def sample_draft():
    """A fresh copy of the shipped sample draft."""
    from baocao.samples import load_sample

    return load_sample()


@pytest.fixture(scope="session")
def sample_document():
    """The sample draft rendered to the document model (shared, do not mutate)."""
    from baocao.render import render_draft
    from baocao.samples import load_sample
    from baocao.template import load_pack

    return render_draft(load_sample(), load_pack("bao-cao-6-thang"))


@pytest.fixture
def make_pack(tmp_path):
    """Write a pack from manifest text (+ extra files) into a temp folder and load it."""
    from baocao.template import load_pack_dir

    def make(manifest: str, files: dict[str, str] | None = None, name: str = "goi-thu") -> object:
        root = tmp_path / name
        root.mkdir(parents=True, exist_ok=True)
        (root / "manifest.toml").write_text(textwrap.dedent(manifest), encoding="utf-8")
        for rel, text in (files or {}).items():
            target = root / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(textwrap.dedent(text), encoding="utf-8")
        return load_pack_dir(root)

    return make


@pytest.fixture
def builtin_pack_copy(tmp_path):
    """A writable copy of the built-in pack folder (to break on purpose)."""
    from baocao.paths import templates_dir

    target = tmp_path / "bao-cao-6-thang"
    shutil.copytree(templates_dir() / "bao-cao-6-thang", target)
    return target


@pytest.fixture
def draft_path(tmp_path, sample_draft):
    """The sample draft saved as a draft file in a temp folder."""
    from baocao.storage import save_draft

    path = tmp_path / "bc.baocao"
    save_draft(sample_draft, path)
    return path
