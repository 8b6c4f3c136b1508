"""Where the office's n-gram model lives (without loading the model code).  No Qt."""

from __future__ import annotations

from pathlib import Path

MODEL_FILE = "tu-vung.json"


def user_model_path() -> Path:
    """Where ``baocao hoc-tu-vung`` keeps the office's model (the user's data folder)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir("baocao", appauthor=False)) / MODEL_FILE
