"""Entry script for frozen builds (PyInstaller): the same as the ``baocao-gui`` command."""

import sys

from baocao.cli import gui_main

sys.exit(gui_main())
