"""A Jinja sandbox that templates cannot use to change data, run forever or fill the memory.

``BoundedEnvironment`` is Jinja's *immutable* sandbox (no ``list.append``,
``dict.clear`` … on anything a template can reach) plus a budget per render:

- every loop iteration and every call is a *step*; a render may take at most
  ``MAX_STEPS`` steps and ``RENDER_TIME_LIMIT_S`` seconds (the clock is read
  every ``CLOCK_EVERY`` steps, so the cost is negligible);
- ``*``, ``**``, ``%`` and ``~`` are checked before they run: no string or
  list longer than ``MAX_VALUE_SIZE``, no power larger than
  ``MAX_POWER_BITS``, no format width above ``MAX_FORMAT_WIDTH``;
- filters and methods get no integer argument above ``MAX_INT_ARGUMENT``
  and may return no value larger than ``MAX_VALUE_SIZE``;
- the markup a render produces is counted and stopped at ``MAX_OUTPUT_CHARS``.

Breaking a limit raises ``RenderLimitError`` (a ``TemplateError`` in Vietnamese).
"""

from __future__ import annotations

import functools
import math
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.sandbox import ImmutableSandboxedEnvironment

from ..errors import TemplateError
from . import limits

_FORMAT_WIDTH = re.compile(r"%[-+ #0]*(\d+|\*)?(?:\.(\d+|\*))?|\{[^{}]*?:[^{}]*?(\d+)[^{}]*\}")
_SIZED = (str, list, tuple, dict, set, frozenset, bytes)


def _n(value: int) -> str:
    """A count in Vietnamese digits: 3.000.000."""
    return f"{value:,}".replace(",", ".")


class RenderLimitError(TemplateError):
    """A template went past a limit of time, work or size."""


def _limit(what: str) -> RenderLimitError:
    return RenderLimitError(f"Mẫu báo cáo vượt giới hạn cho phép: {what}.",
                            "Mẫu có vòng lặp hoặc phép tính quá lớn (có thể lặp vô hạn). Hãy sửa mẫu tại dòng được nêu; "
                            "báo cáo thật không cần tới chừng ấy.")


class Budget:
    """What one render may still spend."""

    def __init__(self, seconds: float = limits.RENDER_TIME_LIMIT_S, max_steps: int = limits.MAX_STEPS,
                 max_output: int = limits.MAX_OUTPUT_CHARS):
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds
        self.steps_left = max_steps
        self.output_left = max_output
        self._tick = 0

    def step(self, count: int = 1) -> None:
        """Spend *count* steps; read the clock now and then."""
        self.steps_left -= count
        if self.steps_left < 0:
            raise _limit(f"quá {_n(limits.MAX_STEPS)} bước tính (vòng lặp, lời gọi)")
        self._tick += count
        if self._tick >= limits.CLOCK_EVERY:
            self._tick = 0
            if time.monotonic() > self.deadline:
                raise _limit(f"chạy quá {self.seconds:g} giây")

    def emit(self, size: int) -> None:
        """Account for *size* characters of output."""
        self.output_left -= size
        if self.output_left < 0:
            raise _limit(f"kết quả dài quá {_n(limits.MAX_OUTPUT_CHARS)} ký tự")


_STATE = threading.local()


def current_budget() -> Budget:
    """The budget of the render running on this thread (a fresh default one outside any render)."""
    budget = getattr(_STATE, "budget", None)
    return budget if budget is not None else Budget()


@contextmanager
def render_budget(seconds: float = limits.RENDER_TIME_LIMIT_S) -> Iterator[Budget]:
    """Run one render under a fresh budget (nested renders share the outer one)."""
    outer = getattr(_STATE, "budget", None)
    if outer is not None and getattr(_STATE, "depth", 0):
        _STATE.depth += 1
        try:
            yield outer
        finally:
            _STATE.depth -= 1
        return
    _STATE.budget, _STATE.depth = Budget(seconds), 1
    try:
        yield _STATE.budget
    finally:
        _STATE.budget, _STATE.depth = None, 0


def size_of(value: Any) -> int:
    """Length of a string/sequence (0 for other values)."""
    return len(value) if isinstance(value, _SIZED) else 0


def check_value(value: Any) -> Any:
    """*value* itself, or RenderLimitError when it is too large."""
    if size_of(value) > limits.MAX_VALUE_SIZE:
        raise _limit(f"một giá trị dài quá {_n(limits.MAX_VALUE_SIZE)} phần tử")
    return value


def check_format(spec: Any) -> None:
    """Refuse "%0999999999d" and "{:>999999999}"-style widths."""
    if not isinstance(spec, str):
        return
    for match in _FORMAT_WIDTH.finditer(spec):
        for group in match.groups():
            if group and group != "*" and int(group) > limits.MAX_FORMAT_WIDTH:
                raise _limit(f"độ rộng định dạng {group} quá lớn")
            if group == "*":
                raise _limit("độ rộng định dạng «*» không được dùng")


def check_arguments(args: Iterable[Any], kwargs: dict[str, Any]) -> None:
    """No huge integer argument, and no two arguments whose sizes multiply past the limit."""
    values = [*args, *kwargs.values()]
    biggest = 0
    total = 0
    for value in values:
        if isinstance(value, int) and not isinstance(value, bool) and abs(value) > limits.MAX_INT_ARGUMENT:
            raise _limit(f"đối số {_n(value)} quá lớn (tối đa {_n(limits.MAX_INT_ARGUMENT)})")
        size = size_of(value)
        if isinstance(value, (list, tuple)):
            size = max(size, sum(size_of(v) for v in value[:limits.MAX_VALUE_SIZE]))
        if size > limits.MAX_VALUE_SIZE:
            raise _limit("một đối số quá dài")
        total += size
        biggest = max(biggest, size)
    if total and biggest and (total - biggest) * biggest > limits.MAX_VALUE_SIZE * 10:
        raise _limit("phép tính trên chuỗi sẽ sinh kết quả quá dài")


def guard_filter(func: Any) -> Any:
    """*func* (a filter) with its arguments and result checked."""
    @functools.wraps(func)
    def guarded(*args: Any, **kwargs: Any) -> Any:
        current_budget().step()
        check_arguments(args, kwargs)
        return check_value(func(*args, **kwargs))

    pass_arg = getattr(func, "jinja_pass_arg", None)
    if pass_arg is not None:
        guarded.jinja_pass_arg = pass_arg  # type: ignore[attr-defined]
    return guarded


def safe_format(value: Any, *args: Any, **kwargs: Any) -> str:
    """The ``format`` filter with widths checked."""
    check_format(value)
    if args and kwargs:
        raise _limit("bộ lọc format không nhận cùng lúc hai kiểu đối số")
    return str(value) % (kwargs or args)


class _BoundedCodeGenerator(CodeGenerator):
    """Compiles ``a ~ b`` through a size check."""

    def visit_Concat(self, node: nodes.Concat, frame: Any) -> None:  # noqa: N802 - Jinja's visitor name
        self.write("environment.guard_concat(")
        super().visit_Concat(node, frame)
        self.write(")")


class BoundedEnvironment(ImmutableSandboxedEnvironment):
    """The immutable sandbox with a render budget (see the module docstring)."""

    code_generator_class = _BoundedCodeGenerator
    intercepted_binops = frozenset({"*", "**", "%", "+", "//"})

    def __init__(self, *args: Any, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.filters["format"] = safe_format
        for name in ("range",):
            self.globals.pop(name, None)
        self.globals["range"] = self.bounded_range
        self.filters = _GuardedFilters(self.filters)

    # ---------------------------------------------------------------- hooks
    def _parse(self, source: str, name: str | None, filename: str | None) -> nodes.Template:
        tree = super()._parse(source, name, filename)
        for loop in tree.find_all(nodes.For):
            loop.iter = nodes.Call(nodes.EnvironmentAttribute("guard_loop", lineno=loop.lineno), [loop.iter], [],
                                   None, None, lineno=loop.lineno)
        return tree

    def guard_loop(self, iterable: Any) -> Iterator[Any]:
        """Each loop iteration costs one step."""
        budget = current_budget()
        for item in iterable:
            budget.step()
            yield item

    def guard_concat(self, value: Any) -> Any:
        """The result of ``~``, refused when too long."""
        return check_value(value)

    def bounded_range(self, *args: int) -> range:
        """``range`` with at most ``MAX_INT_ARGUMENT`` items."""
        check_arguments(args, {})
        result = range(*args)
        if len(result) > limits.MAX_INT_ARGUMENT:
            raise _limit(f"range có quá {_n(limits.MAX_INT_ARGUMENT)} phần tử")
        return result

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        current_budget().step()
        if operator == "*":
            for seq, count in ((left, right), (right, left)):
                if size_of(seq) and isinstance(count, int) and size_of(seq) * max(count, 0) > limits.MAX_VALUE_SIZE:
                    raise _limit("phép nhân chuỗi sinh kết quả quá dài")
        elif operator == "**":
            if isinstance(left, (int, float)) and isinstance(right, (int, float)):
                bits = abs(left).bit_length() if isinstance(left, int) else math.log2(max(abs(left), 1.0))
                if right > limits.MAX_POWER_BITS or (bits > 1 and right * bits > limits.MAX_POWER_BITS):
                    raise _limit("lũy thừa quá lớn")
        elif operator == "%":
            check_format(left)
        elif operator == "+":
            if size_of(left) + size_of(right) > limits.MAX_VALUE_SIZE:
                raise _limit("phép cộng chuỗi sinh kết quả quá dài")
        return check_value(super().call_binop(context, operator, left, right))

    def call(__self, __context: Any, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805 - Jinja's signature
        current_budget().step()
        check_arguments(args, kwargs)
        return check_value(super().call(__context, __obj, *args, **kwargs))

    def wrap_str_format(self, value: Any) -> Any:
        """``"…".format(…)``: the format string's widths are checked first."""
        wrapped = super().wrap_str_format(value)
        if wrapped is not None:
            check_format(getattr(value, "__self__", ""))
        return wrapped


class _GuardedFilters(dict):
    """The filter table; every filter put in it is wrapped by :func:`guard_filter`."""

    def __init__(self, initial: dict[str, Any]):
        super().__init__()
        for key, value in initial.items():
            self[key] = value

    def __setitem__(self, key: str, value: Any) -> None:
        super().__setitem__(key, guard_filter(value))

    def update(self, *args: Any, **kwargs: Any) -> None:  # type: ignore[override]
        for key, value in dict(*args, **kwargs).items():
            self[key] = value


#: ``Template.filename`` of a template that is no file (Jinja says "<template>" for a built-in one)
_NO_FILE = (None, "<template>")


def _own_frame(template: jinja2.Template, frame: Any) -> bool:
    return frame.f_globals.get("__jinja_template__") is template


def _suspended_line(stream: Any, template: jinja2.Template) -> int | None:
    """The line of *template* that produced the piece *stream* (its ``generate``) has just yielded.

    The generators of includes and blocks are followed (``gi_yieldfrom``); the innermost frame of
    *template* itself gives the line (an included file's piece is placed at its include line).
    """
    line = None
    generator = stream
    while generator is not None:
        frame = getattr(generator, "gi_frame", None)
        if frame is not None and _own_frame(template, frame):
            line = template.get_corresponding_lineno(frame.f_lineno)
        generator = getattr(generator, "gi_yieldfrom", None)
    return line


def _traceback_line(exc: BaseException, template: jinja2.Template) -> int | None:
    """The innermost line of *template* in *exc*'s traceback (Jinja rewrites template frames to their lines)."""
    import traceback                     # only when a template fails

    for frame in reversed(traceback.extract_tb(exc.__traceback__)):
        if frame.filename == template.filename:
            return frame.lineno
    return None


def _at(error: RenderLimitError, template: jinja2.Template,
        line: Callable[[], int | None]) -> RenderLimitError:
    """*error* naming the template line (read by ``jinja_env.template_error`` as Jinja's ``lineno``).

    *line* is called only for a template read from a file: a built-in one has no line to go to.
    """
    found = line() if template.filename not in _NO_FILE else None
    if found:
        error.lineno = found  # type: ignore[attr-defined]
    return error


def render_bounded(template: jinja2.Template, names: dict[str, Any]) -> str:
    """Render *template*, counting its output against the current budget.

    Endless recursion and exhausted memory become ``RenderLimitError`` too.  Output past the limit,
    endless recursion and exhausted memory name the line of *template* being rendered (``lineno``)
    when *template* is a file.
    """
    budget = current_budget()
    pieces: list[str] = []
    stream = template.generate(names)
    try:
        for piece in stream:
            try:
                budget.emit(len(piece))
            except RenderLimitError as exc:
                raise _at(exc, template, lambda: _suspended_line(stream, template))
            pieces.append(piece)
    except RecursionError as exc:
        raise _at(_limit("gọi lồng nhau quá sâu (macro gọi lại chính nó không dừng)"), template,
                  lambda cause=exc: _traceback_line(cause, template)) from exc
    except MemoryError as exc:
        raise _at(_limit("hết bộ nhớ"), template, lambda cause=exc: _traceback_line(cause, template)) from exc
    finally:
        stream.close()
    return "".join(pieces)
