"""The floor for `sftpcheck explain -` on a big paste: read the same bytes from stdin,
decode them and split them into lines, as explain must before it reads a word.

`python bench/bare_read.py < FILE` prints `lines N`.
"""

import sys

if __name__ == "__main__":
    text = sys.stdin.buffer.read().decode("utf-8-sig", errors="replace")
    print(f"lines {len(text.splitlines())}")
