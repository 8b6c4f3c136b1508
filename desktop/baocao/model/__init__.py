"""The draft model: plain data for everything drafters and reviewers enter."""

from .draft import Draft, Period, ReportMeta, SectionData, Signer
from .richtext import Body, Note, Para, Span

__all__ = ["Body", "Draft", "Note", "Para", "Period", "ReportMeta", "SectionData", "Signer", "Span"]
