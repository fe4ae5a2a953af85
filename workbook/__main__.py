"""`python -m workbook`: see workbook/cli.py."""

import sys

from .cli import main

sys.exit(main())
