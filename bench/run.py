"""`make bench`: sftpcheck side by side with OpenSSH and plain Python; writes bench/RESULTS.md.

Run from anywhere as root with the project's venv: `.venv/bin/python bench/run.py [--runs N]
[--only healthy|startup|dropped|files|wan|explain]`. The real-server fixtures are reused from
tests/servers, so the repository root goes on the import path first.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def _main() -> int:
    from bench.suite import main

    return main()


if __name__ == "__main__":
    raise SystemExit(_main())
