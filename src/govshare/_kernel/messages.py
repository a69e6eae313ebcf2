"""Bilingual messages: warnings and notes that results carry, in Chinese and English.

A result never carries a bare English sentence for a person to read: it carries a
:class:`Notice` (a stable ``code`` plus the sentence in both languages) and the renderer
picks the language with :func:`say`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

__all__ = ["Notice", "join_notices", "say"]


@dataclass(frozen=True, kw_only=True)
class Notice:
    """A warning or note in both languages, with a stable code callers can test for."""

    code: str
    zh: str
    en: str

    def pick(self, lang: str) -> str:
        """The sentence in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.en if lang == "en" else self.zh

    def __str__(self) -> str:
        return self.zh


def join_notices(notices: Sequence[Notice], code: str | None = None) -> Notice | None:
    """Several notices as one (``；`` between the Chinese, ``; `` between the English), each
    sentence once; None when there are none. The code is ``code`` or the first one's."""
    unique = list(dict.fromkeys(notices))
    if not unique:
        return None
    return Notice(
        code=code or unique[0].code,
        zh="；".join(n.zh for n in unique),
        en="; ".join(n.en for n in unique),
    )


class _Bilingual(Protocol):
    def pick(self, lang: str) -> str: ...


def say(message: str | _Bilingual, lang: str = "zh") -> str:
    """The text of a message in ``lang``: a :class:`Notice` or label picks its language;
    a plain string (a quote, an id, a file name) is shown as it is."""
    return message if isinstance(message, str) else message.pick(lang)
