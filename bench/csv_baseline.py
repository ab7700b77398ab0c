"""The floor for `sftpcheck files`: one bare csv.reader pass over every CSV in a folder.

`python bench/csv_baseline.py DIR` prints `rows N` (all files, headers included). It
decodes as sftpcheck must (UTF-8, a BOM allowed) and keeps nothing but a count.
"""

import csv
import sys
from pathlib import Path


def count_rows(directory: Path) -> int:
    rows = 0
    for path in sorted(directory.glob("*.csv")):
        with path.open(encoding="utf-8-sig", newline="") as stream:
            for _ in csv.reader(stream):
                rows += 1
    return rows


if __name__ == "__main__":
    print(f"rows {count_rows(Path(sys.argv[1]))}")
