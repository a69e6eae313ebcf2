"""MkDocs hook: join Markdown line breaks inside Chinese sentences.

Markdown turns a line break inside a paragraph into a space, which is right between English
words and wrong between Chinese characters ("数据、 数据提供部门"). Before each page is
converted, a line ending in a CJK character or punctuation mark is joined to the next line
when that one starts with one too; fenced code blocks and headings are left alone, so the
sources keep their short lines.
"""

from __future__ import annotations

import re
from typing import Any

__all__ = ["join_cjk_lines", "on_page_markdown"]

_CJK = "\u2e80-\u2fff\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_ENDS_CJK = re.compile(f"[{_CJK}]$")
_STARTS_CJK = re.compile(f"^[ \t]*[{_CJK}]")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def join_cjk_lines(markdown: str) -> str:
    """``markdown`` with each line break between two CJK characters removed (outside code
    fences and headings)."""
    out: list[str] = []
    fenced = False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            out.append(line)
            continue
        prev = out[-1] if out else ""
        if (
            not fenced
            and out
            and _ENDS_CJK.search(prev)
            and _STARTS_CJK.match(line)
            and not prev.lstrip().startswith(("#", "|"))
            and not _FENCE.match(prev)
        ):
            out[-1] = prev + line.lstrip()
            continue
        out.append(line)
    return "\n".join(out)


def on_page_markdown(markdown: str, page: Any, config: Any, files: Any) -> str:
    """Join the CJK line breaks of every page."""
    del page, config, files
    return join_cjk_lines(markdown)
