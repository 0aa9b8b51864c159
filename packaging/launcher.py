"""The bundle's entry point: the same `main` as the `bostadsinkasso` console script."""
from __future__ import annotations

import multiprocessing
import sys

from ui.entry import main

if __name__ == "__main__":
    multiprocessing.freeze_support()  # a frozen program must not re-run itself if a child is spawned
    sys.exit(main())
