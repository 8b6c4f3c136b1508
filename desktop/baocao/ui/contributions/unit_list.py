"""The units the office writes to, remembered in the preferences (beside the list kept in each draft)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from ..settings import AppSettings

SETTINGS_KEY = "contributions/units"
MAX_REMEMBERED = 200


def remembered_units(settings: "AppSettings") -> list[str]:
    """Units asked before from this PC, most recent first."""
    value = settings.qs.value(SETTINGS_KEY, [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if str(v).strip()]


def remember_unit(settings: "AppSettings", unit: str) -> None:
    """Put *unit* first in the remembered list."""
    units = [unit] + [u for u in remembered_units(settings) if u != unit]
    settings.set_value(SETTINGS_KEY, units[:MAX_REMEMBERED])


def unit_choices(draft_units: list[str], settings: "AppSettings") -> list[str]:
    """The draft's units first, then those remembered on this PC."""
    return list(dict.fromkeys(draft_units + remembered_units(settings)))
