"""Griffe extension for the API page: docstrings written for Sphinx and doctest, as Markdown.

- Google-style parsing turns ``>>>`` lines into code only inside an ``Examples:`` section.
  Module docstrings here show examples as plain paragraphs, which Markdown would read as
  nested block quotes (and ``[...]`` in their output as links). Every unindented run of
  ``>>>`` lines and their output becomes a ``pycon`` code block.
- Sphinx roles (``:func:`load_profile```, ``:class:`~govshare.calendar.WorkDate```) become
  inline code (``load_profile``, ``WorkDate``), since Markdown shows roles literally.

The source docstrings are unchanged (they still run as doctests).

Configured in ``mkdocs.yml`` (mkdocstrings ``extensions``).
"""

from __future__ import annotations

import re
from typing import Any

from griffe import Extension, Object

__all__ = ["DoctestFences", "fence_doctests", "unrole"]

_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|attr|data|mod|exc|obj):`(~?)([^`]+)`")


def unrole(text: str) -> str:
    """Replace Sphinx cross-reference roles by inline code (``~`` keeps the last name)."""

    def code(m: re.Match[str]) -> str:
        target = m.group(2)
        return f"`{target.rsplit('.', 1)[-1] if m.group(1) else target}`"

    return _ROLE.sub(code, text)


def fence_doctests(text: str) -> str:
    """Wrap each unindented ``>>>`` example (up to the next blank line) in a code fence.

    Args:
        text: a docstring.

    Returns:
        The docstring with its top-level examples fenced; fenced code is left alone.
    """
    out: list[str] = []
    in_fence = in_example = False
    for line in text.split("\n"):
        if in_example and not line.strip():
            out.append("```")
            in_example = False
        elif not in_example and line.startswith("```"):
            in_fence = not in_fence
        elif not in_example and not in_fence and line.startswith(">>>"):
            out.append("```pycon")
            in_example = True
        out.append(line)
    if in_example:
        out.append("```")
    return "\n".join(out)


class DoctestFences(Extension):
    """Fence top-level doctest examples in every docstring loaded for the API page."""

    def on_instance(self, *, obj: Object, **kwargs: Any) -> None:
        """Rewrite the object's docstring, if it has one."""
        del kwargs
        if obj.docstring is not None:
            obj.docstring.value = unrole(fence_doctests(obj.docstring.value))
