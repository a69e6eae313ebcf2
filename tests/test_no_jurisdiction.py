"""No code under src/ names a jurisdiction: jurisdictions live in profiles/*.yaml.

Names, strings and every other token of ``src/govshare/**/*.py`` are scanned; docstrings
(any string statement: module, class, function and attribute docstrings) and comments may
name a jurisdiction as an example. Data files (``src/govshare/calendar/data/``) are data,
not code, and are not scanned.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "govshare"
DATA = SRC / "calendar" / "data"

NAMES = re.compile(r"hubei|xinzhou|liuzhou|shanxi|guangxi|湖北|忻州|柳州|山西|广西", re.IGNORECASE)

#: Files that name a jurisdiction in code today (issue 11). Other changes are removing them;
#: delete each entry once its file is clean (a clean file still listed here fails the test).
KNOWN_OFFENDERS: frozenset[str] = frozenset()

_SKIPPED_TOKENS = {tokenize.COMMENT, tokenize.NL, tokenize.NEWLINE, tokenize.ENCODING}


def _docstring_spans(tree: ast.AST) -> list[tuple[tuple[int, int], tuple[int, int]]]:
    """Start and end (line, column) of every string statement, i.e. every docstring."""
    spans = []
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Expr)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, str)
        ):
            end = (node.end_lineno or node.lineno, node.end_col_offset or 0)
            spans.append(((node.lineno, node.col_offset), end))
    return spans


def jurisdiction_tokens(source: str) -> list[str]:
    """``line:token`` for each code token naming a jurisdiction (docstrings, comments aside)."""
    spans = _docstring_spans(ast.parse(source))
    hits = []
    for tok in tokenize.generate_tokens(io.StringIO(source).readline):
        if tok.type in _SKIPPED_TOKENS or not NAMES.search(tok.string):
            continue
        if any(start <= tok.start < end for start, end in spans):
            continue
        hits.append(f"{tok.start[0]}: {tok.string.strip()[:80]}")
    return hits


def _code_files() -> list[str]:
    return sorted(p.relative_to(SRC).as_posix() for p in SRC.rglob("*.py") if DATA not in p.parents)


@pytest.mark.parametrize("name", _code_files())
def test_no_jurisdiction_in_code(name: str) -> None:
    """Each source file is free of jurisdiction names outside docstrings and comments."""
    hits = jurisdiction_tokens((SRC / name).read_text("utf-8"))
    if name in KNOWN_OFFENDERS:
        assert hits, f"{name} no longer names a jurisdiction: remove it from KNOWN_OFFENDERS"
    else:
        assert hits == [], f"{name} names a jurisdiction in code (use a profile): {hits}"


def test_known_offenders_exist() -> None:
    """A known offender that was moved or deleted leaves the list too."""
    assert {n for n in KNOWN_OFFENDERS if not (SRC / n).is_file()} == set()


def test_scanner_sees_code_not_docstrings() -> None:
    """The scanner's own cases: names and strings count; docstrings and comments do not."""
    source = '''"""Module docstring: Hubei."""
import x  # a comment: 湖北
HUBEI = 1
label = "忻州市"
f"{x} liuzhou"


class C:
    """Class docstring: Guangxi."""

    field: int = 0
    """Attribute docstring: Shanxi."""

    def m(self) -> str:
        """Method docstring: xinzhou."""
        return ("a"
                "guangxi_std")
'''
    hits = jurisdiction_tokens(source)
    assert [h.split(":")[0] for h in hits] == ["3", "4", "5", "17"]
