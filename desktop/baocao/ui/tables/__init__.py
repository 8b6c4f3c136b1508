"""The tables room of the window: paste from Excel, import from .xlsx/.csv, row moves, notes under tables,
the source drop-down, and the notice above fields computed from a table."""


def install_tables(window) -> None:
    """Install the tables room's window-wide parts (the fields' notice; the table editor is built lazily)."""
    from .figures_link import install_figures_link

    install_figures_link(window)
