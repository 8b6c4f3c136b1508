"""The Jinja environment of a pack: sandboxed, autoescaping, strict, with Vietnamese filters.

Templates emit the block markup of ``baocao.template.markup``.  Autoescape
is on for every template, so any value taken from the draft is escaped and
cannot inject markup; only values built by baocao itself (the drafter's body
via ``noi_dung``) are passed as ``Markup``.  ``StrictUndefined`` turns a
misspelt name into an error that names the template and line.
"""

from __future__ import annotations

import os
import re
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from ..errors import Location, TemplateError
from ..formatting import format_citation_date, format_date_line, format_number, parse_date
from ..text import upper_vi
from .pack_loader import PackLoader
from .sandbox import BoundedEnvironment

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


def _code_fingerprint() -> str:
    """Which compiler wrote the kept templates: baocao's and Jinja's versions and our code generator's files.

    Jinja keys a compiled template by its name and source only, but the code our bounded
    generator (``sandbox.py``) writes calls helpers of this version; another version of baocao
    sharing the user's cache folder must never run it (it failed with «'NoneType' object is not
    callable»), so each compiler gets a folder of its own.
    """
    from .. import __version__

    parts = [__version__, jinja2.__version__]
    for name in ("sandbox.py", "jinja_env.py"):
        try:
            stat = (Path(__file__).parent / name).stat()
            parts.append(f"{stat.st_size}-{stat.st_mtime_ns}")
        except OSError:
            parts.append("?")
    import zlib

    return f"{zlib.crc32('|'.join(parts).encode()):08x}"


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    """Compiled templates kept in the user cache folder, so each start does not recompile them."""
    from platformdirs import user_cache_dir

    folder = Path(user_cache_dir("baocao", appauthor=False)) / "jinja" / _code_fingerprint()
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None  # no cache is only slower, never wrong
    return jinja2.FileSystemBytecodeCache(str(folder))


class PrintError(jinja2.TemplateRuntimeError):
    """A template printed something that is not text (a view object, a function)."""


def finalize(value: Any) -> Any:
    """What ``{{ x }}`` prints: never ``None`` nor an object's internal description."""
    if value is None:
        return ""
    if isinstance(value, jinja2.Undefined):
        return value          # StrictUndefined raises with the name when printed
    if isinstance(value, (str, int, float, Markup)) or hasattr(value, "__html__"):
        return value
    from decimal import Decimal

    if isinstance(value, (Decimal, date)):
        return value
    if isinstance(value, (list, tuple)):
        raise PrintError("in ra cả một danh sách; hãy dùng {% for %} hoặc bộ lọc join")
    raise PrintError("in ra một đối tượng thay vì chữ (thiếu tên thuộc tính sau dấu chấm?)")


def make_environment(root: Path, overrides: dict[str, str] | None = None) -> BoundedEnvironment:
    """The environment for the pack in *root*: its files (read inside the pack, no links), the built-in
    default section template, and *overrides* (unsaved texts of the pack editor)."""
    env = BoundedEnvironment(
        loader=PackLoader(root, _BUILTIN_TEMPLATES, overrides),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
        auto_reload=True,
        finalize=finalize,
        bytecode_cache=None if overrides else _bytecode_cache(),
    )
    env.filters.update(FILTERS)
    env.globals.update({"Markup": Markup, "today": date.today})
    return env


def make_text_environment() -> BoundedEnvironment:
    """The environment of one-line texts written in manifest.toml (titles, summary, extra lines)."""
    env = BoundedEnvironment(undefined=jinja2.StrictUndefined, autoescape=False, finalize=finalize)
    env.filters.update(FILTERS)
    return env


_TEXT_CACHE: list[jinja2.BytecodeCache | None] = []          # the bytecode cache of this process, once looked up


def _settings_key(env: jinja2.Environment) -> str:
    """What the compiled code of a text depends on besides the text: the environment's class and settings."""
    kind = type(env)
    generator = kind.code_generator_class
    return repr((kind.__module__, kind.__qualname__, f"{generator.__module__}.{generator.__qualname__}",
                 env.autoescape if isinstance(env.autoescape, bool) else "callable", env.trim_blocks,
                 env.lstrip_blocks, env.keep_trailing_newline, env.newline_sequence, env.block_start_string,
                 env.block_end_string, env.variable_start_string, env.variable_end_string, env.comment_start_string,
                 env.comment_end_string, env.line_statement_prefix, env.line_comment_prefix, env.optimized,
                 getattr(env.finalize, "__qualname__", None), sorted(env.filters), sorted(env.tests),
                 sorted(env.extensions), jinja2.__version__))


def text_template(env: jinja2.Environment, source: str) -> jinja2.Template:
    """``env.from_string(source)``, its compiled code kept in the bytecode cache between processes.

    Every process renders the manifest's texts with ``{{ … }}`` (titles, summary, "Kèm theo"
    line); compiling them is ~⅒ of rendering a large report.  The kept code is found by the
    text and the environment's settings (``_settings_key``); a missing or damaged entry is
    compiled as ``from_string`` does (same errors).
    """
    if not _TEXT_CACHE:
        _TEXT_CACHE.append(_bytecode_cache() if os.environ.get("BAOCAO_NO_CACHE", "") in ("", "0") else None)
    cache = _TEXT_CACHE[0]
    if cache is None:
        return env.from_string(source)
    try:
        bucket = cache.get_bucket(env, f"baocao-manifest-text\x00{_settings_key(env)}\x00{source}", None, source)
    except (UnicodeError, ValueError):               # a text that cannot be hashed as UTF-8
        return env.from_string(source)
    if bucket.code is None:
        bucket.code = env.compile(source)            # what from_string compiles (raises as it does)
        try:
            cache.set_bucket(bucket)
        except OSError:
            pass                                     # not kept: only slower next time
    return env.template_class.from_code(env, bucket.code, env.make_globals(None), None)


def _template_line(exc: BaseException) -> tuple[str | None, int | None]:
    """The template file and line an exception was raised from (Jinja keeps them in the traceback)."""
    name = getattr(exc, "filename", None) or getattr(exc, "name", None)
    line = getattr(exc, "lineno", None)
    if line:
        return name, line
    import traceback                     # only when a template fails

    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename.endswith(".j2") or frame.filename == "<template>":
            return frame.filename, frame.lineno
    return name, None


#: Internal view classes → the names templates know them by (for messages).
_VIEW_NAMES = {"MetaView": "bc", "FieldsView": "truong", "SectionView": "muc(…)", "TableView": "bang(…)",
               "SectionInfo": "muc_nay"}
_NO_ATTRIBUTE = re.compile(r"'(?:[\w.]+\.)?(\w+) object' has no attribute '(\w+)'")
_IS_UNDEFINED = re.compile(r"^'(\w+)' is undefined$")


#: Jinja's syntax messages → Vietnamese (pattern, text with {1}, {2} … for the groups); others stay as Jinja says.
SYNTAX_MESSAGES: tuple[tuple[str, str], ...] = (
    (r"Encountered unknown tag '(\w+)'.*innermost block that needs to be closed is '(\w+)'",
     "gặp thẻ lạ «{1}» trong khối «{2}» chưa đóng (viết đúng là {{% end{2} %}}?)"),
    (r"Encountered unknown tag '(\w+)'", "gặp thẻ lạ «{1}»"),
    (r"Unexpected end of template.*innermost block that needs to be closed is '(\w+)'",
     "mẫu đã hết mà khối «{1}» chưa được đóng (thiếu {{% end{1} %}})"),
    (r"unexpected end of template, expected '(.+?)'", "mẫu đã hết mà còn thiếu «{1}»"),
    (r"expected token '(.+?)', got '(.+?)'", "cần «{1}» nhưng gặp «{2}»"),
    (r"unexpected '(.+?)'", "gặp «{1}» không đúng chỗ"),
    (r"Expected an expression, got '(.+?)'", "cần một biểu thức (tên, số, chuỗi…) nhưng gặp «{1}»"),
    (r"tag name expected", "thiếu tên thẻ sau «{{%» (ví dụ {{% if … %}})"),
    (r"unexpected char '(.+?)'", "ký tự «{1}» không dùng được ở đây"),
    (r"expected name or number", "cần một tên hoặc một số"),
    (r"expected subscript expression", "thiếu chỉ số trong [ ]"),
    (r"No filter named '(\w+)'", "không có bộ lọc «{1}» (xem danh sách bộ lọc trong templates/README.md)"),
    (r"No test named '(\w+)'", "không có phép thử «{1}»"),
)


def syntax_text(message: str) -> str:
    """Jinja's syntax message in Vietnamese, when it is one of the common ones."""
    message = message.replace("end of print statement", "}}").replace("end of statement block", "%}")
    for pattern, text in SYNTAX_MESSAGES:
        match = re.search(pattern, message, re.DOTALL)
        if match:
            return text.format("", *match.groups())
    return f"lỗi cú pháp, thông báo gốc của Jinja: «{message}»"


def undefined_text(message: str) -> str:
    """Jinja's English "… has no attribute …" in the template's own names, in Vietnamese."""
    message = _NO_ATTRIBUTE.sub(lambda m: f"«{_VIEW_NAMES.get(m.group(1), m.group(1))}» không có «{m.group(2)}»", message)
    return _IS_UNDEFINED.sub(lambda m: f"tên «{m.group(1)}» không có", message)


def template_error(exc: BaseException, what: str, section: str | None = None,
                   source_name: str | None = None) -> TemplateError:
    """Turn a Jinja exception into a TemplateError naming file, section and line."""
    file_name, line = _template_line(exc)
    if isinstance(exc, jinja2.UndefinedError):
        detail = f"dùng tên chưa được định nghĩa ({undefined_text(exc.message or '')})"
        hint = "Kiểm tra chính tả tên biến/trường trong mẫu; danh sách tên dùng được có trong templates/README.md."
    elif isinstance(exc, jinja2.TemplateSyntaxError):
        detail = f"sai cú pháp Jinja ({syntax_text(exc.message or '')})"
        hint = "Kiểm tra các cặp {{ }}, {% %} và {% endif %}/{% endfor %} trong mẫu."
    elif isinstance(exc, PrintError):
        detail = f"không in được giá trị: {exc.message}"
        hint = "Mỗi {{ … }} phải cho ra chữ hoặc số, ví dụ {{ bc.ky }}, {{ truong.tong | so }}."
    elif isinstance(exc, jinja2.exceptions.SecurityError):
        detail = f"làm việc mẫu không được phép làm ({exc})"
        hint = "Mẫu chỉ được đọc dữ liệu của bản thảo, không được sửa dữ liệu hay gọi hàm nội bộ."
    elif isinstance(exc, jinja2.TemplateNotFound):
        detail = f"không tìm thấy tệp mẫu «{exc.name}»"
        hint = "Kiểm tra khóa template trong manifest.toml và tên tệp trong thư mục mẫu."
    elif isinstance(exc, ZeroDivisionError):
        detail = "có phép chia cho 0"
        hint = "Kiểm tra số chia trong biểu thức tại dòng được nêu (ví dụ dùng {% if x %}…{% endif %} khi x có thể bằng 0)."
    else:
        detail = f"lỗi khi điền dữ liệu ({type(exc).__name__}: {exc})"
        hint = "Kiểm tra biểu thức trong mẫu tại dòng được nêu."
    location = Location(file=source_name or file_name, section=section, line=line)
    return TemplateError(f"{what} {detail}.", hint, location)
