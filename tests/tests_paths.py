"""Small helper for the review CLI tests: the sample saved as a draft file with history."""

from __future__ import annotations

from pathlib import Path


def sample_session_for(path: Path):
    """An open session of the sample draft saved at *path* (close it when done)."""
    from baocao.samples import load_sample
    from baocao.session import DraftSession
    from baocao.template import load_pack

    draft = load_sample()
    session = DraftSession.new(load_pack(draft.template_id), draft, threaded=False)
    session.save_as(path)
    return session
