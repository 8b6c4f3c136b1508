"""baocao: a desktop assistant for drafting provincial direction-and-administration reports."""

__version__ = "0.1.0"
