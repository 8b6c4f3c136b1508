"""The installed package carries its templates and resources (not read from the checkout)."""

from pathlib import Path

import pytest

import baocao
from baocao.paths import resources_dir, templates_dir

PACKAGE = Path(baocao.__file__).resolve().parent
REPO = Path(__file__).resolve().parent.parent


@pytest.mark.skipif(PACKAGE.is_relative_to(REPO / "desktop"), reason="editable install: data is read from the checkout")
def test_data_is_inside_the_installed_package():
    assert templates_dir().is_relative_to(PACKAGE)
    assert resources_dir().is_relative_to(PACKAGE)
    assert (templates_dir() / "bao-cao-6-thang" / "manifest.toml").is_file()
    assert (resources_dir() / "samples").is_dir()


def test_shipped_data_is_complete():
    assert (templates_dir() / "bao-cao-6-thang" / "huong-dan.toml").is_file()
    assert any((resources_dir() / "samples").glob("*.json"))
