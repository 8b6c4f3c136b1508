"""JSON interchange files (``.json``): the shipped sample, fixtures, hand-written drafts.

Same content as a draft file, as one readable JSON document (see
``baocao.model.serialize`` for the format).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..errors import DraftDataError, DraftFileError, Location
from ..fsutil import FileTooLargeError, NotARegularFileError, read_regular_file, write_text_atomic
from ..limits import MAX_JSON_BYTES
from ..model.draft import Draft
from ..model.serialize import draft_from_dict, draft_to_dict
from ..oserrors import os_error_text


def load_json_draft(path: str | os.PathLike[str]) -> Draft:
    """Read a draft from a JSON interchange file."""
    path = Path(path)
    where = Location(file=str(path))
    try:
        # utf-8-sig: a file saved by Notepad with a byte-order mark is still UTF-8
        data = json.loads(read_regular_file(path, MAX_JSON_BYTES).decode("utf-8-sig"))
    except FileNotFoundError as exc:
        raise DraftFileError(f"Không tìm thấy tệp «{path.name}».", "Hãy chọn lại tệp.", where) from exc
    except NotARegularFileError as exc:
        kind = "là một thư mục" if path.is_dir() else "không phải tệp thông thường (ống dẫn hay thiết bị)"
        raise DraftFileError(f"«{path.name}» {kind}, không phải tệp bản thảo.",
                             "Hãy chọn một tệp bản thảo .json hoặc .baocao.", where) from exc
    except FileTooLargeError as exc:
        raise DraftFileError(f"Tệp «{path.name}» lớn quá {MAX_JSON_BYTES // (1024 * 1024)} MB, không giống một bản "
                             "thảo báo cáo.", "Hãy kiểm tra lại tệp; bản thảo thật chỉ vài trăm KB.", where) from exc
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise DraftFileError(f"Tệp «{path.name}» không phải JSON hợp lệ (mã UTF-8).",
                             "Hãy kiểm tra tệp hoặc chọn tệp bản thảo khác.", Location(file=str(path), line=line)) from exc
    except ValueError as exc:       # e.g. an integer of thousands of digits (Python's own limit)
        raise DraftFileError(f"Tệp «{path.name}» có một giá trị không đọc được ({str(exc)[:80]}).",
                             "Tệp có thể đã bị sửa bằng công cụ khác; hãy chọn tệp bản thảo khác.", where) from exc
    except RecursionError as exc:
        raise DraftFileError(f"Tệp «{path.name}» có dữ liệu lồng nhau quá sâu, không phải bản thảo thật.",
                             "Hãy chọn tệp bản thảo khác.", where) from exc
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
