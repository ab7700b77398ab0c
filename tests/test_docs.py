"""docs/codes/ and docs/glossary.md are made from the catalog; a missing or stale page fails."""

from __future__ import annotations

from pathlib import Path

import pytest

from sftpcheck import docs
from sftpcheck.explain.pages import messages_for
from sftpcheck.reasons import CATALOG

REGENERATE = "Run `make docs` (python -m sftpcheck.docs) and commit docs/."


def test_the_docs_on_disk_are_what_the_catalog_makes() -> None:
    wanted = docs.render_all()
    current = docs.on_disk()
    missing = sorted(str(path) for path in wanted.keys() - current.keys())
    extra = sorted(str(path) for path in current.keys() - wanted.keys())
    stale = sorted(
        str(path) for path in wanted.keys() & current.keys() if wanted[path] != current[path]
    )
    assert not missing, f"pages missing from docs/: {missing}. {REGENERATE}"
    assert not extra, f"pages for codes that no longer exist: {extra}. {REGENERATE}"
    assert not stale, f"pages out of date: {stale}. {REGENERATE}"


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_every_code_has_a_page_made_from_its_reason(code: str) -> None:
    reason = CATALOG[code]
    page = docs.render_all()[Path("codes") / f"{code}.md"]
    assert page.count(f"# `{code}`: {reason.title}") == 1
    assert reason.explanation in page
    for step in reason.fix:
        assert step in page
    for cause in reason.causes:
        assert cause in page
    if reason.confirm:
        assert reason.confirm in page
    if reason.ask_vendor:
        assert reason.ask_vendor in page
    for message in messages_for(code):
        assert message.client in page


def test_the_index_lists_every_code_with_its_grade() -> None:
    index = docs.render_all()[Path("codes") / "README.md"]
    for code, reason in CATALOG.items():
        row = f"| [`{code}`]({code}.md) | {reason.status.value} |"
        assert row in index
        assert f"| {docs.reason_grade(reason):.1f} |" in index.split(row, 1)[1].splitlines()[0]


def test_writing_makes_the_pages_and_removes_pages_of_old_codes(tmp_path: Path) -> None:
    old_page = tmp_path / "codes" / "tcp.gone.md"
    old_page.parent.mkdir()
    old_page.write_text("an old code\n", encoding="utf-8")
    unrelated = tmp_path / "design.md"
    unrelated.write_text("not generated\n", encoding="utf-8")

    docs.write_all(tmp_path)

    assert docs.on_disk(tmp_path) == docs.render_all()
    assert not old_page.exists()
    assert unrelated.exists()
    assert docs.write_all(tmp_path) == []
