"""Write docs/: one page per reason code, an index with each code's reading grade, a glossary.

Run it as `python -m sftpcheck.docs` (`make docs`). The pages are made from the reason
catalog and the client message table, the same data the report and `explain` use;
tests/test_docs.py fails when a page on disk differs from what this would write.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sftpcheck.explain.glossary import GLOSSARY
from sftpcheck.explain.messages import MESSAGES
from sftpcheck.explain.pages import cell, reason_page
from sftpcheck.explain.readability import reading_grade
from sftpcheck.model import Reason
from sftpcheck.reasons import CATALOG
from sftpcheck.render.tables import markdown_table

DOCS = Path(__file__).resolve().parent.parent / "docs"
CODES = Path("codes")
# Pages this generator owns; anything else in docs/ is left alone.
OWNED = (CODES, Path("glossary.md"))
_NOTE = "<!-- Made by `make docs` from sftpcheck/reasons and sftpcheck/explain. Do not edit. -->"


def reason_grade(reason: Reason) -> float:
    """The grade a reader needs for what this code says and what to do about it."""
    return round(reading_grade(" ".join((reason.explanation, *reason.fix))), 1)


def render_all() -> dict[Path, str]:
    """Every generated file, by its path under docs/."""
    pages: dict[Path, str] = {}
    grades = {code: reason_grade(reason) for code, reason in CATALOG.items()}
    for code, reason in sorted(CATALOG.items()):
        body = reason_page(reason, grade=grades[code])
        footer = "\n[All codes](README.md) · [Glossary](../glossary.md)\n"
        pages[CODES / f"{code}.md"] = f"{_NOTE}\n\n{body}{footer}"
    pages[CODES / "README.md"] = _index(grades)
    pages[Path("glossary.md")] = _glossary()
    return pages


def _index(grades: dict[str, float]) -> str:
    clients = sorted({message.client for message in MESSAGES})
    lines = [
        _NOTE,
        "",
        "# Reason codes",
        "",
        "Each problem that `sftpcheck check` or `sftpcheck files` finds has a code. "
        "`sftpcheck explain CODE` prints the same page. The grade is the Flesch-Kincaid "
        "reading grade of what the code means and what to change; every code aims at "
        "grade 9 or below. Some words must stay; the [glossary](../glossary.md) explains them.",
        "",
        f'`sftpcheck explain "MESSAGE"` knows {len(MESSAGES)} messages from '
        f"{len(clients)} clients: {', '.join(clients)}.",
        "",
        markdown_table(
            ("Code", "Status", "Title", "Grade"),
            (
                (
                    f"[`{code}`]({code}.md)",
                    reason.status.value,
                    cell(reason.title),
                    f"{grades[code]:.1f}",
                )
                for code, reason in sorted(CATALOG.items())
            ),
        ),
    ]
    return "\n".join(lines) + "\n"


def _glossary() -> str:
    lines = [
        _NOTE,
        "",
        "# Glossary",
        "",
        "sftpcheck uses plain words where it can. These few words must stay.",
        "",
    ]
    for term in sorted(GLOSSARY, key=lambda term: term.name.lower()):
        lines += [f"**{term.name}**: {term.definition}", ""]
    return "\n".join(lines).rstrip() + "\n"


def on_disk(docs: Path = DOCS) -> dict[Path, str]:
    """The generated files as they are now in docs/."""
    found: dict[Path, str] = {}
    for owned in OWNED:
        path = docs / owned
        files = sorted(path.glob("*.md")) if path.is_dir() else [path] if path.exists() else []
        for file in files:
            found[file.relative_to(docs)] = file.read_text(encoding="utf-8")
    return found


def write_all(docs: Path = DOCS) -> list[Path]:
    """Write every page and remove pages of codes that no longer exist; returns what changed."""
    wanted = render_all()
    current = on_disk(docs)
    changed: list[Path] = []
    for relative, text in wanted.items():
        if current.get(relative) != text:
            target = docs / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
            changed.append(relative)
    for relative in current.keys() - wanted.keys():
        (docs / relative).unlink()
        changed.append(relative)
    return changed


def main() -> int:
    changed = write_all()
    for relative in changed:
        sys.stdout.write(f"updated docs/{relative}\n")
    sys.stdout.write(f"docs/: {len(CATALOG)} code pages, {len(changed)} files changed\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
