"""The examples in README.md and docs/*.md run as doctests, so the docs cannot drift."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest

from govshare.calendar import reset

ROOT = Path(__file__).resolve().parents[1]
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


@pytest.mark.parametrize("page", PAGES, ids=[p.name for p in PAGES])
def test_examples_in_page_run(page: Path) -> None:
    """Every >>> example on the page gives the output shown."""
    reset()
    result = doctest.testfile(
        str(page),
        module_relative=False,
        optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE,
        encoding="utf-8",
    )
    assert result.failed == 0
