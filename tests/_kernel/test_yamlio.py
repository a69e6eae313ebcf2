"""The strict YAML loader: what it refuses, and that errors name file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict

from govshare._kernel.yamlio import MAX_BYTES, load_yaml, parse_yaml, validate_model
from govshare.errors import DataFileError


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str
    count: int
    items: list[int] = []


def test_duplicate_keys_are_refused_with_both_lines() -> None:
    """A key given twice is an error naming the second line and the first."""
    with pytest.raises(DataFileError) as info:
        parse_yaml("name: a\ncount: 1\nname: b\n", "f.yaml")
    assert info.value.line == 3
    assert "duplicate key 'name'" in str(info.value)
    assert "line 1" in str(info.value)


def test_yaml_11_booleans_stay_strings() -> None:
    """no, on, off, yes and y are strings; only true/false are booleans."""
    data = parse_yaml("a: no\nb: on\nc: off\nd: yes\ne: y\nf: true\ng: False\n").data
    assert data == {"a": "no", "b": "on", "c": "off", "d": "yes", "e": "y", "f": True, "g": False}


def test_scalars_are_yaml_12_like() -> None:
    """Numbers, nulls and dates: ints and floats parse, dates stay ISO strings."""
    data = parse_yaml("a: 10\nb: 1.5\nc: ~\nd: 2026-09-30\ne: '10'\nf: 012x\n").data
    assert data == {"a": 10, "b": 1.5, "c": None, "d": "2026-09-30", "e": "10", "f": "012x"}


@pytest.mark.parametrize(
    "text",
    ["a: &x 1\nb: *x\n", "base: &b {k: 1}\nother:\n  <<: *b\n", "a: &anchor 1\n"],
)
def test_anchors_and_aliases_are_refused(text: str) -> None:
    """Anchors, aliases and merge keys are refused (no billion-laughs, no hidden sharing)."""
    with pytest.raises(DataFileError, match="anchors and aliases"):
        parse_yaml(text, "f.yaml")


def test_python_tags_are_refused() -> None:
    """Non-standard tags never construct anything."""
    with pytest.raises(DataFileError, match="tag"):
        parse_yaml("a: !!python/object:os.system 'ls'\n")


def test_oversized_file_is_refused(tmp_path: Path) -> None:
    """A file larger than MAX_BYTES is refused before parsing."""
    path = tmp_path / "big.yaml"
    path.write_text("a: " + "x" * (MAX_BYTES + 1) + "\n", "utf-8")
    with pytest.raises(DataFileError, match="larger than"):
        load_yaml(path)


def test_syntax_error_names_the_line() -> None:
    """Invalid YAML reports the line of the problem."""
    with pytest.raises(DataFileError) as info:
        parse_yaml("a: 1\nb: [1, 2\nc: 3\n", "f.yaml")
    assert info.value.file == "f.yaml"
    assert info.value.line is not None
    assert "invalid YAML" in str(info.value)


def test_empty_and_unreadable_files(tmp_path: Path) -> None:
    """An empty file and a missing file are errors naming the file."""
    with pytest.raises(DataFileError, match="empty"):
        parse_yaml("", "e.yaml")
    with pytest.raises(DataFileError, match="cannot read"):
        load_yaml(tmp_path / "missing.yaml")


def test_schema_errors_name_file_line_and_field() -> None:
    """Validation errors point at the line and dotted field of each problem."""
    loaded = parse_yaml("name: x\ncount: many\nitems:\n  - 1\n  - two\ncolour: red\n", "p.yaml")
    with pytest.raises(DataFileError) as info:
        validate_model(_Model, loaded)
    issues = {(i.field, i.line) for i in info.value.issues}
    assert ("count", 2) in issues
    assert ("items[1]", 5) in issues
    assert ("colour", 6) in issues
    assert "unknown field" in info.value.details()
