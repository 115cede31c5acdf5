"""`python -m bench.reader`: the reader against the bare read, over every workbook of the archive.

Single process; both read each file from disk (the page cache, after the first pass). Prints wall
and CPU seconds of each (CPU time is steadier on a shared machine). The issue's aim: read_workbook
within about 2x of the bare read.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

from bench.bare_read import bare_read


def archive_files() -> list[Path]:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "deputized.settings")
    import django

    django.setup()
    from django.conf import settings

    from deputized.archive.ingest.discover import discover

    return discover([Path(p) for p in settings.ICE_ARCHIVE_DIRS]).files


def measure(label: str, action: Callable[[], object]) -> float:
    wall, cpu = time.perf_counter(), time.process_time()
    action()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    print(f"{label:<48} {wall:7.2f} s wall  {cpu:7.2f} s CPU")
    return cpu


def main() -> None:
    from deputized.sheets import read_workbook

    files = archive_files()
    if not files:
        sys.exit("ICE_ARCHIVE_DIRS names no workbook: nothing to measure")
    print(f"{len(files)} workbooks")
    bare = measure(
        "bare read (calamine cells + hyperlink parts)", lambda: [bare_read(p) for p in files]
    )
    full = measure("read_workbook (the reader)", lambda: [read_workbook(p) for p in files])
    print(f"read_workbook / bare read (CPU): {full / bare:.2f}x")


if __name__ == "__main__":
    main()
