"""The Jinja environment of a pack: sandboxed, autoescaping, strict, with Vietnamese filters.

Templates emit the block markup of ``baocao.template.markup``.  Autoescape
is on for every template, so any value taken from the draft is escaped and
cannot inject markup; only values built by baocao itself (the drafter's body
via ``noi_dung``) are passed as ``Markup``.  ``StrictUndefined`` turns a
misspelt name into an error that names the template and line.
"""

from __future__ import annotations

import traceback
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment
from markupsafe import Markup

from ..errors import Location, TemplateError
from ..formatting import format_citation_date, format_date_line, format_number, parse_date
from ..text import upper_vi

DEFAULT_SECTION_TEMPLATE = "_mac-dinh.j2"
_BUILTIN_TEMPLATES = {DEFAULT_SECTION_TEMPLATE: "{{ noi_dung }}"}
PLACEHOLDER = "…"


def filter_number(value: Any, pad: int = 0, decimals: int | None = None) -> str:
    """``{{ x | so }}``: Vietnamese number; "…" when empty or not a number."""
    try:
        text = format_number(value, pad=pad, decimals=decimals)
    except ValueError:
        return str(value)
    return text or PLACEHOLDER


def filter_number_padded(value: Any) -> str:
    """``{{ x | so2 }}``: like ``so`` with a leading zero below 10 ("05")."""
    return filter_number(value, pad=2)


def filter_citation_date(value: Any, style: str = "nd30") -> str:
    """``{{ d | ngay }}``: "12/01/2021"; "…" when empty."""
    try:
        day = parse_date(value)
    except ValueError:
        return str(value)
    return format_citation_date(day, style) if day else PLACEHOLDER


def filter_long_date(value: Any) -> str:
    """``{{ d | ngay_dai }}``: "ngày 05 tháng 7 năm 2021"."""
    try:
        day = parse_date(value)
    except ValueError:
        return str(value)
    return format_date_line(day) if day else PLACEHOLDER


def citation(ref: Any, full: bool = True) -> str:
    """A document reference dict → "Quyết định số 42/QĐ-UBND ngày 12/01/2021 của UBND tỉnh về …".

    Keys: ``loai`` (type), ``so`` (number/symbol), ``ngay`` (date), ``co_quan``
    (issuer), ``trich_yeu`` (summary, written with its own "về …").  With
    ``full=False`` only "Quyết định số 42/QĐ-UBND".
    """
    if not isinstance(ref, dict):
        return str(ref or PLACEHOLDER)
    loai = str(ref.get("loai") or "Văn bản").strip()
    text = f"{loai} số {str(ref.get('so') or PLACEHOLDER).strip()}"
    if not full:
        return text
    if ref.get("ngay"):
        text += f" ngày {filter_citation_date(ref['ngay'])}"
    if ref.get("co_quan"):
        text += f" của {str(ref['co_quan']).strip()}"
    if ref.get("trich_yeu"):
        text += f" {str(ref['trich_yeu']).strip()}"
    return text


def filter_upper(value: Any) -> str:
    """``{{ x | hoa }}``: Vietnamese capitals."""
    return upper_vi(str(value))


FILTERS = {
    "so": filter_number,
    "so2": filter_number_padded,
    "ngay": filter_citation_date,
    "ngay_dai": filter_long_date,
    "trich_dan": citation,
    "hoa": filter_upper,
}


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept in the user cache folder, so each start does not recompile them."""
    from platformdirs import user_cache_dir

    folder = Path(user_cache_dir("baocao", appauthor=False)) / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # no cache is only slower, never wrong
    return jinja2.FileSystemBytecodeCache(str(folder))


def make_environment(root: Path) -> SandboxedEnvironment:
    """The environment for the pack in *root* (its files, plus the built-in default section template)."""
    env = SandboxedEnvironment(
        loader=jinja2.ChoiceLoader([
            jinja2.FileSystemLoader(str(root), encoding="utf-8"),
            jinja2.DictLoader(_BUILTIN_TEMPLATES),
        ]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=True,
        bytecode_cache=_bytecode_cache(),
    )
    env.filters.update(FILTERS)
    env.globals.update({"Markup": Markup, "today": date.today})
    return env


def _template_line(exc: BaseException) -> tuple[str | None, int | None]:
    """The template file and line an exception was raised from (Jinja keeps them in the traceback)."""
    name = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    if line:
        return name, line
    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2") or frame.filename == "<template>":
            return frame.filename, frame.lineno
    return name, None


def template_error(exc: BaseException, what: str, section: str | None = None,
                   source_name: str | None = None) -> TemplateError:
    """Turn a Jinja exception into a TemplateError naming file, section and line."""
    file_name, line = _template_line(exc)
    if isinstance(exc, jinja2.UndefinedError):
        detail = f"dùng tên chưa được định nghĩa ({exc.message})"
        hint = "Kiểm tra chính tả tên biến/trường trong mẫu; danh sách tên dùng được có trong templates/README.md."
    elif isinstance(exc, jinja2.TemplateSyntaxError):
        detail = f"sai cú pháp Jinja ({exc.message})"
        hint = "Kiểm tra các cặp {{ }}, {% %} và {% endif %}/{% endfor %} trong mẫu."
    elif isinstance(exc, jinja2.TemplateNotFound):
        detail = f"không tìm thấy tệp mẫu «{exc.name}»"
        hint = "Kiểm tra khóa template trong manifest.toml và tên tệp trong thư mục mẫu."
    else:
        detail = f"lỗi khi điền dữ liệu ({type(exc).__name__}: {exc})"
        hint = "Kiểm tra biểu thức trong mẫu tại dòng được nêu."
    location = Location(file=source_name or file_name, section=section, line=line)
    return TemplateError(f"{what} {detail}.", hint, location)
