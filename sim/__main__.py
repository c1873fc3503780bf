"""Allow ``python -m sim ...`` as an alias of the ``sim`` console script."""

import sys

from sim.cli import main

if __name__ == "__main__":
    sys.exit(main())
