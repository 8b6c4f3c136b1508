"""The tables room of the window: paste from Excel, import from .xlsx/.csv, row moves, notes under tables."""
