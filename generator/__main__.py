"""`python -m generator` runs the contractgen CLI."""

import sys

from .cli import main

sys.exit(main())
