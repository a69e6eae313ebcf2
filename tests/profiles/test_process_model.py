"""The process format's own checks (the graph, reserved names, citations)."""

from __future__ import annotations

from typing import Any

import pytest
from pydantic import ValidationError

from govshare.profiles._process_model import ProcessDef

LABEL = {"zh": "甲", "en": "a"}


def proc(states: dict[str, Any], transitions: list[dict[str, Any]]) -> ProcessDef:
    return ProcessDef.model_validate({"label": LABEL, "states": states, "transitions": transitions})


def go(src: str, dst: str, **kw: Any) -> dict[str, Any]:
    return {
        "event": "go",
        "from": [src],
        "to": dst,
        "actor": "a",
        "label": LABEL,
        "rule": "share.types",
        **kw,
    }


def test_a_minimal_process() -> None:
    p = proc({"done": {"label": LABEL, "terminal": True}}, [go("start", "done")])
    assert p.transitions[0].from_ == ["start"]


@pytest.mark.parametrize(
    ("states", "transitions", "needle"),
    [
        ({"note": {"label": LABEL}}, [go("start", "note")], "reserved by the diagram syntax"),
        ({"start": {"label": LABEL}}, [go("start", "start")], "implicit"),
        ({"a": {"label": LABEL}}, [go("start", "b")], "unknown state 'b'"),
        ({"a": {"label": LABEL}}, [go("a", "a")], "no transition leaves 'start'"),
        ({"a": {"label": LABEL}}, [{**go("start", "a"), "rule": None}], "cites its text"),
        (
            {"a": {"label": LABEL, "duties": [{"rule": "x", "actor": "p", "outcome": "y"}]}},
            [go("start", "a")],
            "go together",
        ),
        ({"a": {"label": LABEL}}, [go("start", "a", when={"rule": "k"})], "exactly one of"),
    ],
)
def test_invalid_processes(
    states: dict[str, Any], transitions: list[dict[str, Any]], needle: str
) -> None:
    with pytest.raises(ValidationError, match=needle):
        proc(states, transitions)
