"""Opening the draft a command works on: one place for "no such file" and "a .json cannot be changed in place"."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BaocaoError, Location

if TYPE_CHECKING:  # pragma: no cover
    from .session import DraftSession

JSON_IN_PLACE = "Tệp .json là tệp trao đổi, không có lịch sử phiên bản nên không {action} được."
JSON_IN_PLACE_HINT = "Hãy mở tệp bằng cửa sổ và lưu thành tệp .baocao trước{dry_run}."


def need_file(path: str, error: type[BaocaoError], what: str = "tệp",
              hint: str = "Hãy kiểm tra lại đường dẫn tệp bản thảo.") -> Path:
    """*path* as a Path; *error* (Vietnamese, naming it) when there is no such file."""
    file = Path(path)
    if not file.is_file():
        raise error(f"Không tìm thấy {what} «{path}».", hint, Location(file=path))
    return file


def open_draft(path: str, error: type[BaocaoError], *, read_only: bool, action: str = "sửa tại chỗ",
               dry_run_hint: bool = False) -> "DraftSession":
    """The session of the draft at *path* (no background writer: a command saves when it is done).

    A command that changes the draft (*read_only* False) refuses a .json interchange file, saying it
    cannot *action* it (it has no version history to keep the text from before).
    """
    from .session import DraftSession

    file = need_file(path, error)
    if file.suffix.lower() == ".json" and not read_only:
        raise error(JSON_IN_PLACE.format(action=action),
                    JSON_IN_PLACE_HINT.format(dry_run=" (hoặc chạy với --dry-run)" if dry_run_hint else ""),
                    Location(file=path))
    return DraftSession.open(file, read_only=read_only, threaded=False)
