"""Computed columns: a tiny, safe expression language for ``formula = "…"`` in a pack.  No Qt.

Only column keys, numbers (``100``, ``0.5``), ``+ - * /`` and parentheses are
allowed; the text is parsed here by recursive descent — never ``eval`` — into
a small tree that is evaluated with ``Decimal``.  Rules of evaluation:

* a row whose referenced cells are all empty gives ``None`` (shown empty);
* otherwise an empty cell counts as 0;
* a division by zero gives ``DIVISION_BY_ZERO`` (shown as "-"), never an error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation, localcontext
from typing import Mapping, Union

#: longest formula accepted (a pack is untrusted input)
MAX_FORMULA_CHARS = 300
#: deepest nesting of parentheses / unary signs
MAX_FORMULA_DEPTH = 25

_TOKEN = re.compile(r"\s*(?:(?P<num>\d+(?:\.\d+)?)|(?P<key>[A-Za-z_][A-Za-z0-9_]*)|(?P<op>[-+*/()]))")


class FormulaError(ValueError):
    """A formula that cannot be read; ``message`` is Vietnamese and says where."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class _DivisionByZero:
    """The value of a formula that divides by zero (shown as "-")."""

    _instance: "_DivisionByZero | None" = None

    def __new__(cls) -> "_DivisionByZero":
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "DIVISION_BY_ZERO"

    def __bool__(self) -> bool:
        return False


DIVISION_BY_ZERO = _DivisionByZero()
Result = Union[Decimal, None, _DivisionByZero]


@dataclass(frozen=True)
class _Num:
    value: Decimal


@dataclass(frozen=True)
class _Col:
    key: str


@dataclass(frozen=True)
class _Neg:
    operand: "Node"


@dataclass(frozen=True)
class _Bin:
    op: str
    left: "Node"
    right: "Node"


Node = Union[_Num, _Col, _Neg, _Bin]


class _DivZero(Exception):
    pass


def _tokens(text: str) -> list[tuple[str, str, int]]:
    out: list[tuple[str, str, int]] = []
    position = 0
    while position < len(text):
        if text[position:].strip() == "":
            break
        match = _TOKEN.match(text, position)
        if not match:
            rest = text[position:]
            bad, where = rest.strip()[:1], position + len(rest) - len(rest.lstrip()) + 1
            raise FormulaError(f"Công thức «{text}» có ký tự «{bad}» không dùng được (vị trí {where}); "
                               "chỉ được dùng mã cột, con số, + - * / và dấu ngoặc.")
        kind = match.lastgroup or "op"
        out.append((kind, match.group(kind), match.start(kind) + 1))
        position = match.end()
    return out


class _Parser:
    def __init__(self, text: str):
        self.text = text
        self.tokens = _tokens(text)
        self.index = 0

    def _peek(self) -> tuple[str, str, int] | None:
        return self.tokens[self.index] if self.index < len(self.tokens) else None

    def _fail(self, what: str) -> FormulaError:
        token = self._peek()
        where = f"ở «{token[1]}» (vị trí {token[2]})" if token else "ở cuối"
        return FormulaError(f"Công thức «{self.text}» sai {where}: {what}.")

    def parse(self) -> Node:
        if not self.tokens:
            raise FormulaError("Công thức đang để trống; ví dụ: formula = \"hoan_thanh / tong * 100\".")
        node = self._expr(0)
        if self._peek() is not None:
            raise self._fail("thừa phần sau (thiếu dấu phép tính?)")
        return node

    def _expr(self, depth: int) -> Node:
        node = self._term(depth)
        while (token := self._peek()) and token[1] in "+-" and token[0] == "op":
            self.index += 1
            node = _Bin(token[1], node, self._term(depth))
        return node

    def _term(self, depth: int) -> Node:
        node = self._factor(depth)
        while (token := self._peek()) and token[1] in "*/" and token[0] == "op":
            self.index += 1
            node = _Bin(token[1], node, self._factor(depth))
        return node

    def _factor(self, depth: int) -> Node:
        if depth > MAX_FORMULA_DEPTH:
            raise FormulaError(f"Công thức «{self.text}» lồng quá nhiều tầng ngoặc.")
        token = self._peek()
        if token is None:
            raise self._fail("thiếu số hoặc mã cột")
        kind, value, _ = token
        if kind == "num":
            self.index += 1
            return _Num(Decimal(value))
        if kind == "key":
            self.index += 1
            return _Col(value)
        if value in "+-":
            self.index += 1
            operand = self._factor(depth + 1)
            return _Neg(operand) if value == "-" else operand
        if value == "(":
            self.index += 1
            node = self._expr(depth + 1)
            closing = self._peek()
            if closing is None or closing[1] != ")":
                raise self._fail("thiếu dấu «)»")
            self.index += 1
            return node
        raise self._fail("cần số, mã cột hoặc «(»")


def _keys(node: Node) -> set[str]:
    if isinstance(node, _Col):
        return {node.key}
    if isinstance(node, _Neg):
        return _keys(node.operand)
    if isinstance(node, _Bin):
        return _keys(node.left) | _keys(node.right)
    return set()


def _value(node: Node, values: Mapping[str, Decimal | None]) -> Decimal:
    if isinstance(node, _Num):
        return node.value
    if isinstance(node, _Col):
        value = values.get(node.key)
        return value if isinstance(value, Decimal) else Decimal(0)
    if isinstance(node, _Neg):
        return -_value(node.operand, values)
    left, right = _value(node.left, values), _value(node.right, values)
    if node.op == "+":
        return left + right
    if node.op == "-":
        return left - right
    if node.op == "*":
        return left * right
    if right == 0:
        raise _DivZero
    return left / right


@dataclass(frozen=True)
class Formula:
    """A parsed formula: its text, the column keys it reads and its tree."""

    text: str
    keys: frozenset[str]
    tree: Node

    def evaluate(self, values: Mapping[str, object]) -> Result:
        """The formula over one row's (or one total row's) values; see the module rules."""
        numbers = {k: v for k, v in values.items() if isinstance(v, Decimal)}
        if self.keys and not any(k in numbers for k in self.keys):
            return None
        try:
            with localcontext() as ctx:
                ctx.prec = 28
                return _value(self.tree, numbers)
        except _DivZero:
            return DIVISION_BY_ZERO
        except (InvalidOperation, OverflowError):
            return None


def parse_formula(text: str) -> Formula:
    """Parse *text*; raises ``FormulaError`` (Vietnamese) when it is not a valid formula."""
    if not isinstance(text, str):
        raise FormulaError("Công thức phải là một chuỗi trong ngoặc kép.")
    if len(text) > MAX_FORMULA_CHARS:
        raise FormulaError(f"Công thức dài quá {MAX_FORMULA_CHARS} ký tự.")
    tree = _Parser(text).parse()
    return Formula(text, frozenset(_keys(tree)), tree)
