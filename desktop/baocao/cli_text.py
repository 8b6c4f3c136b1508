"""Vietnamese ``argparse``: help headings, the -h/--version help and every parse error.

argparse builds its texts with ``_()``/``ngettext()`` (module globals bound
to :mod:`gettext` when argparse is imported) and Python ships no catalogue
for them.  ``VietnameseArgumentParser`` points those two names at the
Vietnamese table below for the duration of each of its own calls (building,
parsing, formatting help, reporting an error) and restores them afterwards,
so other argparse users in the same process are not affected.  Sub-parsers
made by ``add_subparsers()`` are of the same class (argparse's default
``parser_class`` is the parent's type).

Errors keep argparse's behaviour (usage on stderr, exit status 2) and add
the command to run for help: ``baocao --help`` or ``baocao LỆNH --help``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gettext
import sys
from collections.abc import Callable, Iterator
from typing import Any, NoReturn, TypeVar

# msgid (exactly as in argparse of Python 3.11–3.14) → Vietnamese.
MESSAGES: dict[str, str] = {
    # help output
    "usage: ": "cách dùng: ",
    "positional arguments": "tham số vị trí",
    "options": "tùy chọn",
    "optional arguments": "tùy chọn",
    "subcommands": "lệnh",
    "%(heading)s:": "%(heading)s:",
    " (default: %(default)s)": " (mặc định: %(default)s)",
    "show this help message and exit": "hiện hướng dẫn này rồi thoát",
    "show program's version number and exit": "hiện số phiên bản rồi thoát",
    # errors in what the user typed
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "%(prog)s: warning: %(message)s\n": "%(prog)s: cảnh báo: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "tham số %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "thiếu tham số bắt buộc: %s",
    "one of the arguments %s is required": "cần một trong các tham số %s",
    "unrecognized arguments: %s": "không hiểu tham số: %s",
    "not allowed with argument %s": "không dùng được cùng với tham số %s",
    "ignored explicit argument %r": "tùy chọn này không nhận giá trị (đã cho %r)",
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "chỉ nhận nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "ambiguous option: %(option)s could match %(matches)s":
        "tùy chọn %(option)s chưa rõ, có thể là: %(matches)s",
    "unexpected option string: %s": "tùy chọn đặt sai chỗ: %s",
    "invalid %(type)s value: %(value)r": "giá trị không hợp lệ (cần kiểu %(type)s): %(value)r",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "giá trị %(value)r không hợp lệ (chọn một trong: %(choices)s)",
    "invalid choice: %(value)r, maybe you meant %(closest)r? (choose from %(choices)s)":
        "giá trị %(value)r không hợp lệ, có phải ý bạn là %(closest)r? (chọn một trong: %(choices)s)",
    "unknown parser %(parser_name)r (choices: %(choices)s)":
        "không có lệnh %(parser_name)r (các lệnh: %(choices)s)",
    "can't open '%(filename)s': %(error)s": "không mở được «%(filename)s»: %(error)s",
    'argument "-" with mode %r': 'không dùng được tham số "-" với chế độ %r',
    "option '%(option)s' is deprecated": "tùy chọn «%(option)s» đã lỗi thời",
    "argument '%(argument_name)s' is deprecated": "tham số «%(argument_name)s» đã lỗi thời",
    "command '%(parser_name)s' is deprecated": "lệnh «%(parser_name)s» đã lỗi thời",
    # mistakes in the parser definition (seen by developers only)
    "conflicting option string: %s": "tùy chọn bị trùng: %s",
    "conflicting option strings: %s": "tùy chọn bị trùng: %s",
    "conflicting subparser: %s": "lệnh bị trùng: %s",
    "conflicting subparser alias: %s": "tên khác của lệnh bị trùng: %s",
    "cannot have multiple subparser arguments": "chỉ được có một nhóm lệnh",
    "mutually exclusive arguments must be optional": "các tham số loại trừ nhau phải là tùy chọn",
    "'required' is an invalid argument for positionals": "tham số vị trí không nhận 'required'",
    "dest= is required for options like %r": "tùy chọn như %r cần có dest=",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r":
        "tùy chọn %(option)r không hợp lệ: phải bắt đầu bằng ký tự %(prefix_chars)r",
    "invalid conflict_resolution value: %r": "giá trị conflict_resolution không hợp lệ: %r",
    "cannot merge actions - two groups are named %r": "không gộp được: hai nhóm cùng tên %r",
    "%r is not callable": "%r không gọi được",
    ".__call__() not defined": "chưa định nghĩa .__call__()",
}

HELP_HINT = "Xem hướng dẫn: {prog} --help"
VERSION_HELP = MESSAGES["show program's version number and exit"]


def translate(message: str) -> str:
    """The Vietnamese text of an argparse message (the usual gettext lookup when it has none)."""
    return MESSAGES.get(message) or gettext.gettext(message)


def translate_plural(singular: str, plural: str, n: int) -> str:
    """``ngettext`` for argparse: Vietnamese nouns have no plural form."""
    text = MESSAGES.get(singular if n == 1 else plural) or MESSAGES.get(singular)
    return text if text is not None else gettext.ngettext(singular, plural, n)


@contextlib.contextmanager
def vietnamese_argparse() -> Iterator[None]:
    """Make argparse produce Vietnamese texts inside the ``with`` block (nesting is fine)."""
    saved = argparse.__dict__.get("_"), argparse.__dict__.get("ngettext")
    argparse._ = translate  # type: ignore[attr-defined]
    argparse.ngettext = translate_plural  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]


F = TypeVar("F", bound=Callable[..., Any])


def _in_vietnamese(method: F) -> F:
    @functools.wraps(method)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with vietnamese_argparse():
            return method(*args, **kwargs)
    return wrapper  # type: ignore[return-value]


class VietnameseArgumentParser(argparse.ArgumentParser):
    """An ``argparse.ArgumentParser`` whose help and errors are in Vietnamese."""

    @_in_vietnamese
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    @_in_vietnamese
    def add_argument(self, *args: Any, **kwargs: Any) -> argparse.Action:
        """``add_argument``; ``action="version"`` gets a Vietnamese help text unless one is given."""
        if kwargs.get("action") in ("version", argparse._VersionAction):
            kwargs.setdefault("help", VERSION_HELP)
        return super().add_argument(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        """Print usage, the Vietnamese *message* and how to get help on stderr; exit with status 2."""
        with vietnamese_argparse():
            self.print_usage(sys.stderr)
            text = MESSAGES["%(prog)s: error: %(message)s\n"] % {"prog": self.prog, "message": message}
            self.exit(2, text + HELP_HINT.format(prog=self.prog) + "\n")


# argparse calls _() while parsing and formatting, not only when building:
for _name in ("parse_args", "parse_known_args", "parse_intermixed_args", "parse_known_intermixed_args",
              "add_subparsers", "add_argument_group", "add_mutually_exclusive_group",
              "format_usage", "format_help", "print_usage", "print_help"):
    setattr(VietnameseArgumentParser, _name, _in_vietnamese(getattr(argparse.ArgumentParser, _name)))
del _name
