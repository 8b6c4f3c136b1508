"""JSON interchange files (``.json``): the shipped sample, fixtures, hand-written drafts.

Same content as a draft file, as one readable JSON document (see
``baocao.model.serialize`` for the format).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import DraftDataError, DraftFileError, Location
from ..fsutil import write_text_atomic
from ..model.draft import Draft
from ..model.serialize import draft_from_dict, draft_to_dict
from ..oserrors import os_error_text


def load_json_draft(path: str | os.PathLike[str]) -> Draft:
    """Read a draft from a JSON interchange file."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise DraftFileError(f"Không tìm thấy tệp «{path.name}».", "Hãy chọn lại tệp.", Location(file=str(path))) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise DraftFileError(f"Tệp «{path.name}» không phải JSON hợp lệ.",
                             "Hãy kiểm tra tệp hoặc chọn tệp bản thảo khác.", Location(file=str(path), line=line)) from exc
    except OSError as exc:
        raise DraftFileError(f"Không đọc được tệp «{path.name}» ({os_error_text(exc)}).", "Hãy kiểm tra quyền đọc tệp.",
                             Location(file=str(path))) from exc
    try:
        return draft_from_dict(data)
    except DraftDataError as exc:
        exc.location = Location(file=str(path))
        raise


def save_json_draft(draft: Draft, path: str | os.PathLike[str]) -> None:
    """Write *draft* as a JSON interchange file (atomic)."""
    write_text_atomic(path, json.dumps(draft_to_dict(draft), ensure_ascii=False, indent=1) + "\n")
