"""Errors of the contributions room (Vietnamese message and hint, like every ``BaocaoError``)."""

from __future__ import annotations

from ..errors import BaocaoError


class ContributionError(BaocaoError):
    """A request or a returned contribution that cannot be handled as asked."""
