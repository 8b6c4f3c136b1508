"""What a pack's ``[[tables]]`` may say beyond the basics, checked when the pack loads.  No Qt.

The new optional keys (all with defaults, see templates/README.md):

* column ``formula = "hoan_thanh / tong * 100"`` — a computed column (``baocao.tables.formula``);
* column ``decimals = 1`` — decimal places shown (rounded half up), for ``decimal`` columns;
* table ``group_by = "khoi"`` — rows grouped by a text or choice column, a sub-total row per group;
* column ``type = "choice"`` with ``[[tables.columns.choices]]`` — a value out of a declared list;
* table ``subtotal_label = "Cộng"`` and ``note = "…"`` (a line under the table).
"""

from __future__ import annotations

from functools import lru_cache

from ..template.manifest import ColumnSpec, TableSpec
from .formula import Formula, FormulaError, parse_formula

#: most decimal places a column may show
MAX_DECIMALS = 6


@lru_cache(maxsize=512)
def formula_of(text: str) -> Formula:
    """The parsed formula *text* (cached; the pack was checked when it loaded)."""
    return parse_formula(text)


def dependencies(column: ColumnSpec) -> set[str]:
    """Keys of the columns *column* is computed from (empty for typed columns)."""
    if column.formula:
        return set(formula_of(column.formula).keys)
    return set(column.sum_of)


def evaluation_order(spec: TableSpec) -> list[ColumnSpec]:
    """The computed columns (sums and formulas) in an order where each comes after what it reads."""
    computed = {c.key: c for c in spec.columns if c.sum_of or c.formula}
    order: list[ColumnSpec] = []
    state: dict[str, int] = {}

    def visit(key: str, trail: tuple[str, ...]) -> None:
        if state.get(key) == 2 or key not in computed:
            return
        if state.get(key) == 1:
            raise FormulaError("Các cột tính vòng quanh nhau: " + " → ".join((*trail, key)) + ".")
        state[key] = 1
        for dep in sorted(dependencies(computed[key])):
            visit(dep, (*trail, key))
        state[key] = 2
        order.append(computed[key])

    for key in computed:
        visit(key, ())
    return order


def table_spec_problem(spec: TableSpec) -> str | None:
    """Why the table *spec* cannot be used (Vietnamese), or None when it is fine."""
    keys = {c.key: c for c in spec.columns}
    for column in spec.columns:
        where = f"Cột «{column.key}» của bảng «{spec.id}»"
        if column.formula:
            if column.sum_of:
                return f"{where} có cả sum_of và formula; chỉ dùng một trong hai."
            if not column.numeric:
                return f"{where} có công thức nên phải có type = \"integer\" hoặc \"decimal\"."
            try:
                formula = formula_of(column.formula)
            except FormulaError as exc:
                return f"{where}: {exc.message}"
            unknown = sorted(k for k in formula.keys if k not in keys)
            if unknown:
                return f"{where}: công thức dùng cột không có: {', '.join(unknown)} (các cột: {', '.join(keys)})."
            text_keys = sorted(k for k in formula.keys if not keys[k].numeric)
            if text_keys:
                return f"{where}: công thức dùng cột không phải số: {', '.join(text_keys)}."
        if column.decimals is not None:
            if isinstance(column.decimals, bool) or not isinstance(column.decimals, int) \
                    or not 0 <= column.decimals <= MAX_DECIMALS:
                return f"{where}: decimals phải là số nguyên từ 0 đến {MAX_DECIMALS}."
            if column.type != "decimal" and not (column.formula and column.numeric):
                return f"{where}: decimals chỉ dùng cho cột type = \"decimal\"."
    from .choices import choice_column_problem   # type = "choice" (sources of tasks)

    for column in spec.columns:
        if problem := choice_column_problem(spec, column):
            return problem
    if spec.group_by is not None:
        group = keys.get(spec.group_by)
        if group is None or group.type not in ("text", "choice"):
            return (f"Bảng «{spec.id}»: group_by = «{spec.group_by}» phải là mã của một cột chữ (type = \"text\") "
                    "hoặc cột lựa chọn (type = \"choice\") của bảng.")
    try:
        evaluation_order(spec)
    except FormulaError as exc:
        return f"Bảng «{spec.id}»: {exc.message}"
    return None
