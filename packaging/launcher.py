"""Entry script for frozen builds (PyInstaller): the same as the ``baocao-gui`` command."""

import multiprocessing
import sys

from baocao.cli import gui_main

if __name__ == "__main__":
    multiprocessing.freeze_support()   # the pack editor's preview runs in a worker process
    sys.exit(gui_main())
