"""The request as a baocao draft, for a unit that has baocao: the same pack, only its sections to write."""

from __future__ import annotations

import copy
from pathlib import Path

from ..model.draft import Draft
from ..template.manifest import Pack
from .constants import DRAFT_REQUEST_EXTRA
from .request_doc import check_sections
from .store import Request


def request_draft(draft: Draft, pack: Pack, req: Request) -> Draft:
    """A new draft of *pack* with the report's details and the request (the unit writes the asked sections)."""
    check_sections(pack, req.sections)
    asked = req.to_dict()
    return Draft(template_id=draft.template_id, meta=copy.deepcopy(draft.meta),
                 extras={DRAFT_REQUEST_EXTRA: asked})


def write_request_draft(draft: Draft, pack: Pack, req: Request, out: Path) -> None:
    """Save the contribution draft for *req* at *out* (.baocao)."""
    from ..storage import save_draft

    save_draft(request_draft(draft, pack, req), out)
