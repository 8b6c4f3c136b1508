"""``python -m baocao`` is the ``baocao`` command."""

import sys

from .cli import main

sys.exit(main())
