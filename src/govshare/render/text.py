"""Terminal text: display widths (CJK characters take two columns), wrapping and padding.

Widths come from Rich's cell tables (``rich.cells.cell_len``), which follow the Unicode
East Asian Width property and are maintained with the terminal table renderer we use.
Every text renderer wraps and pads with these functions, so there is one definition of how
wide a Chinese string is.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

__all__ = ["pad", "terminal_safe", "width_of", "wrap", "xml_safe"]

_TOKEN = re.compile(r"[A-Za-z0-9_.\-/:()〔〕]+|\s+|.")
_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
#: Characters XML 1.0 does not allow anywhere (escaped or not).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def width_of(text: str) -> int:
    """Columns ``text`` takes in a terminal (CJK and full-width characters take two)."""
    return cell_len(text)


def _cut(token: str, width: int) -> list[str]:
    out, cur = [], ""
    for ch in token:
        if cur and width_of(cur + ch) > width:
            out.append(cur)
            cur = ""
        cur += ch
    return [*out, cur]


def wrap(text: str, width: int) -> list[str]:
    """Wrap ``text`` to ``width`` display columns (at least 1), breaking Latin text at
    spaces and Chinese text between any two characters."""
    width = max(1, width)
    lines: list[str] = []
    cur = ""
    for token in _TOKEN.findall(text):
        if width_of(cur + token) <= width:
            cur += token
            continue
        if cur.strip():
            lines.append(cur.rstrip())
        cur = "" if token.isspace() else token
        if width_of(cur) > width:
            *full, cur = _cut(cur, width)
            lines.extend(full)
    if cur.strip() or not lines:
        lines.append(cur.rstrip())
    return lines


def pad(text: str, width: int) -> str:
    """``text`` padded with spaces to ``width`` display columns."""
    return text + " " * max(0, width - width_of(text))


def terminal_safe(text: str) -> str:
    """``text`` with control characters (escape codes, carriage returns) made visible as
    ``\\xNN`` so that profile or log text cannot drive the terminal; newlines and tabs stay.
    A lone surrogate (which no terminal encoding can write) is shown as ``\\uNNNN``."""
    return _CONTROL.sub(_visible, text)


def _visible(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return f"\\u{code:04x}" if code > 0xFF else f"\\x{code:02x}"


def xml_safe(text: str) -> str:
    """``text`` (an XML document or a piece of one) with the characters XML 1.0 forbids
    (control characters, lone surrogates) written visibly as ``\\xNN`` or ``\\uNNNN``: a
    control character from a profile or log would otherwise make the document unparseable."""
    return _NOT_XML.sub(_visible, text)
