"""The least a link checker must do, beside a bare csv.reader pass: `python bench/csv_floor.py DIR`.

The same pass as csv_baseline.py, which also keeps what no link check can do without:
each file's key ids (with the line of each, to say where a repeat was first seen) and
the distinct values of each column that links to another file, as the default spec
names them. No other check, no report. Prints `rows N`.
"""

import csv
import sys
from collections.abc import Iterator
from pathlib import Path

if sys.version_info >= (3, 11):
    import tomllib
else:  # Python 3.10 ships no tomllib
    import tomli as tomllib


SPEC = Path(__file__).resolve().parents[1] / "sftpcheck" / "files" / "default_spec.toml"


def keep_ids(directory: Path) -> int:
    files = tomllib.loads(SPEC.read_text(encoding="utf-8"))["files"]
    rows = 0
    for path in sorted(directory.glob("*.csv")):
        table = files.get(path.name, {})
        with path.open(encoding="utf-8-sig", newline="") as stream:
            reader = csv.reader(stream)
            header = next(reader)
            key = header.index(table["key"]) if table.get("key") in header else None
            links = [header.index(column) for column in table.get("links", {}) if column in header]
            rows += 1 + _keep(reader, key, links)
    return rows


def _keep(reader: Iterator[list[str]], key: int | None, links: list[int]) -> int:
    """Each row once, with the fewest operations Python allows for what it must keep;
    returns the number of rows."""
    keys: dict[str, int] = {}
    seen: list[set[str]] = [set() for _ in links]
    if key is None and len(links) == 2:  # a join table such as rosters.csv
        add_first, add_second = seen[0].add, seen[1].add
        first, second = links
        count = 0
        for count, row in enumerate(reader, 1):  # noqa: B007 (the count is the answer)
            add_first(row[first])
            add_second(row[second])
        return count
    adders = [(values.add, index) for values, index in zip(seen, links, strict=True)]
    count = 0
    for count, row in enumerate(reader, 1):
        if key is not None and row[key] not in keys:
            keys[row[key]] = count
        for add, index in adders:
            add(row[index])
    return count


if __name__ == "__main__":
    print(f"rows {keep_ids(Path(sys.argv[1]))}")
