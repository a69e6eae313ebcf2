"""Mermaid diagrams: generated from the definitions; the ones in the docs are current."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from govshare import load_profile
from govshare.render.mermaid import mermaid

ROOT = Path(__file__).resolve().parents[2]
MARK = re.compile(r"<!-- diagram: (\S+) (\S+) (\S+) (\S+) (\S+) -->\n```mermaid\n(.*?)```", re.S)


def _blocks() -> list[tuple[str, ...]]:
    out = []
    for page in sorted((ROOT / "docs").glob("*.md")):
        out += [m.groups() for m in MARK.finditer(page.read_text("utf-8"))]
    return out


def test_docs_have_diagrams() -> None:
    assert len(_blocks()) >= 3


@pytest.mark.parametrize("block", _blocks(), ids=lambda b: f"{b[0]}-{b[1]}")
def test_diagram_in_docs_is_current(block: tuple[str, ...]) -> None:
    """Regenerate with: python scripts/update_docs_diagrams.py"""
    name, process, level, day, lang, body = block
    assert body == mermaid(load_profile(name), process, as_of=day, level=level, lang=lang)


def test_hubei_diagram_shows_deemed_consent_and_the_rule_in_force() -> None:
    hb = load_profile("hubei")
    prov = mermaid(hb, "conditional_application", as_of="2026-09-30", level="provincial")
    assert "provider_review --> authorized : 5个工作日内未答复视为同意<br/>第十四条(二)" in prov
    assert "refused --> negotiation" in prov
    pref = mermaid(hb, "conditional_application", as_of="2026-09-30", level="prefectural")
    assert "10个工作日内未答复视为同意<br/>第二十条" in pref
    assert "negotiation" not in pref  # the order goes straight to coordination


def test_no_deemed_consent_edge_where_the_text_has_none() -> None:
    xz = mermaid(
        load_profile("xinzhou"),
        "conditional_application",
        as_of="2026-09-30",
        level="prefectural",
        lang="en",
    )
    assert "deemed consent" not in xz
    assert "platform 2 working days<br/>五(三)2" in xz
    assert xz.startswith("stateDiagram-v2\n")


def test_labels_are_escaped_and_nothing_is_empty() -> None:
    """Colons become entity codes; a process that cannot start says so; self-loops are notes."""
    hb = load_profile("hubei")
    lz = mermaid(
        load_profile("liuzhou"),
        "catalog_offline",
        as_of="2026-09-30",
        level="prefectural",
        lang="en",
    )
    assert "in use or applied for#58; coordinate" in lz
    blank = mermaid(hb, "catalog_change", as_of="2026-09-30", level="prefectural")
    assert "[*] --> not_provided" in blank
    dispatch = mermaid(hb, "dispatch", as_of="2026-09-30", level="provincial")
    assert "note left of notice_issued" in dispatch
    assert "notice_issued --> notice_issued" not in dispatch
