"""The sample draft shipped in resources/samples."""

from __future__ import annotations

from pathlib import Path

from .constants import SAMPLE_DRAFT_NAME
from .model.draft import Draft
from .paths import resources_dir
from .storage.interchange import load_json_draft


def sample_path() -> Path:
    """Path of the shipped sample draft (JSON interchange)."""
    return resources_dir() / "samples" / SAMPLE_DRAFT_NAME


def load_sample() -> Draft:
    """A fresh copy of the sample draft."""
    return load_json_draft(sample_path())
