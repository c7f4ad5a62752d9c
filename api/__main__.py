"""``python -m api``: see api/cli.py."""

import sys

from api.cli import main

sys.exit(main())
