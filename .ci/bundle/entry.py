"""The frozen program's first lines: ``cuttings`` in the bundle is ``python main.py``.

freeze_support lets the folder import's worker processes (multiprocessing's forkserver) start
from the frozen executable, which has no ``python -c`` of its own.
"""

import multiprocessing
import sys

import main

if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(main.main())
