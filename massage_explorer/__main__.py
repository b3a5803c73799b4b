"""`python -m massage_explorer` does what the `massage-explorer` script does."""

import sys

from massage_explorer.cli import main

sys.exit(main())
