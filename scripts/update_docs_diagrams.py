"""Regenerate the Mermaid diagrams embedded in docs/*.md (after changing a profile)."""

from __future__ import annotations

import re
from pathlib import Path

from govshare import load_profile
from govshare.render.mermaid import mermaid

ROOT = Path(__file__).resolve().parents[1]
MARK = re.compile(r"(<!-- diagram: (\S+) (\S+) (\S+) (\S+) (\S+) -->\n```mermaid\n)(.*?)```", re.S)


def _fill(m: re.Match[str]) -> str:
    head, name, process, level, day, lang = m.groups()[:6]
    body = mermaid(load_profile(name), process, as_of=day, level=level, lang=lang)
    return f"{head}{body}```"


def main() -> None:
    for page in sorted((ROOT / "docs").glob("*.md")):
        text = page.read_text("utf-8")
        new = MARK.sub(_fill, text)
        if new != text:
            page.write_text(new, "utf-8")
            print(f"updated {page.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
