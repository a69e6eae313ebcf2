"""The strict YAML loader: what it refuses, and that errors name file, line and field.

Every test runs with each parser the loader can use (libyaml, and the pure-Python one it
falls back to where libyaml is absent): both must give the same data, lines and errors.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, ConfigDict

from govshare._kernel import yamlio
from govshare._kernel.limits import LIMITS
from govshare._kernel.yamlio import MAX_BYTES, PARSERS, load_yaml, parse_yaml, validate_model
from govshare.errors import DataFileError
from govshare.profiles import load_profile

ROOT = Path(__file__).resolve().parents[2]
INVALID = ROOT / "tests" / "profiles" / "invalid"


@pytest.fixture(autouse=True, params=sorted(PARSERS))
def parser(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Run the test with this parser behind parse_yaml and load_yaml."""
    monkeypatch.setattr(yamlio, "_PARSER", PARSERS[request.param])
    return str(request.param)


def test_libyaml_is_used_where_present() -> None:
    """PyYAML wheels carry libyaml; the loader prefers it."""
    import yaml  # noqa: PLC0415

    assert ("libyaml" in PARSERS) == bool(yaml.__with_libyaml__)
    assert next(iter(PARSERS)) == ("libyaml" if yaml.__with_libyaml__ else "python")


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


# -- both parsers give the same result ---------------------------------------------------


def _outcome(parser_name: str, text: str, file: str) -> tuple[Any, ...]:
    try:
        loaded = yamlio._parse_with(PARSERS[parser_name], text, file)
    except DataFileError as exc:
        return ("error", [(i.file, i.line, i.field, i.message) for i in exc.issues])
    return ("ok", loaded.data, dict(loaded.lines))


BUNDLED = sorted(
    p
    for pattern in ("profiles/*.yaml", "src/govshare/data/**/*.yaml", "docs/examples/*.yaml")
    for p in ROOT.glob(pattern)
)


@pytest.mark.parametrize("path", BUNDLED, ids=lambda p: str(p.relative_to(ROOT)))
def test_bundled_files_parse_alike(path: Path) -> None:
    """Every bundled profile, vocabulary, calendar and example: same data, same lines."""
    text = path.read_text("utf-8")
    results = {name: _outcome(name, text, str(path)) for name in PARSERS}
    first = results["python"]
    assert first[0] == "ok"
    assert all(r == first for r in results.values())


@pytest.mark.parametrize("path", sorted(INVALID.glob("*.yaml")), ids=lambda p: p.name)
def test_invalid_profiles_fail_alike(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each invalid-profile fixture gives the same errors (file, line, field, message)
    whichever parser reads it."""
    seen = []
    for name in sorted(PARSERS):
        monkeypatch.setattr(yamlio, "_PARSER", PARSERS[name])
        with pytest.raises(DataFileError) as info:
            load_profile(path)
        seen.append([(i.file, i.line, i.field, i.message) for i in info.value.issues])
    assert all(s == seen[0] for s in seen)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("a: 1\nb: [1, 2\nc: 3\n", 3),  # unclosed flow sequence
        ("a: 1\n\tb: 2\n", 2),  # a tab in the indentation
        ("a: b: c\n", 1),
        ("a: 'x\n", 2),  # unterminated quote: found at the end of the text
        ("a: 1\n---\nb: 2\n", 2),  # a second document
    ],
)
def test_syntax_errors_are_worded_alike(text: str, line: int) -> None:
    """libyaml words syntax errors its own way; the loader reports PyYAML's words."""
    results = {name: _outcome(name, text, "f.yaml") for name in PARSERS}
    first = results["python"]
    assert first[0] == "error"
    assert first[1][0][1] == line
    assert all(r == first for r in results.values())


def test_scalars_whose_yaml_11_type_differs_stay_as_before() -> None:
    """Plain scalars PyYAML resolves as strings stay strings (1e5 has no dot, 1_000 an
    underscore); the others follow the YAML 1.2-like rules."""
    data = parse_yaml("a: 1e5\nb: 1_000\nc: .inf\nd: 0x1f\ne: 1.\nf: .5\ng: -0\n").data
    assert data == {"a": "1e5", "b": "1_000", "c": ".inf", "d": "0x1f", "e": 1.0, "f": 0.5, "g": 0}


# -- hostile input: typed errors with file:line, never a crash -----------------------------


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("a: x\x1by\n", 1, "control character U+001B (column 5)"),
        ("a: 1\nb: \x00\n", 2, "control character U+0000"),
        ("a:\n  b: \x7f\n", 2, "control character U+007F"),
        ("a: 1\n\nb: \x85\n", 3, "control character U+0085"),
        ("a: \x07\n", 1, "control character U+0007"),
    ],
)
def test_raw_control_characters_are_refused(text: str, line: int, words: str) -> None:
    """ESC, NUL, DEL and the other C0/C1 controls (not tab, LF, CR): file:line."""
    with pytest.raises(DataFileError) as info:
        parse_yaml(text, "f.yaml")
    assert info.value.line == line
    assert words in str(info.value)
    assert str(info.value).startswith(f"f.yaml:{line}: ")


def test_escaped_characters_in_values() -> None:
    """An escape in double quotes gives text: a control (escaped again on output) is kept,
    a lone surrogate (not writable as UTF-8) is refused with the line and field."""
    assert parse_yaml('a: "x\\ey\\ttab"\n').data == {"a": "x\x1by\ttab"}
    with pytest.raises(DataFileError, match=r"lone surrogate U\+D800") as info:
        parse_yaml('a: 1\nb: "\\ud800"\n', "f.yaml")
    assert (info.value.line, info.value.issues[0].field) == (2, "b")


def test_tabs_and_line_ends_are_allowed() -> None:
    """A raw tab inside a quoted value and CRLF line ends are ordinary text."""
    assert parse_yaml("a: 'x\ty'\r\nb: 2\r\n").data == {"a": "x\ty", "b": 2}


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    """Flow or block nesting past LIMITS.max_depth: file:line, no RecursionError."""
    depth = LIMITS.max_depth
    ok = "a: " + "[" * (depth - 1) + "]" * (depth - 1) + "\n"
    assert parse_yaml(ok).data["a"] is not None
    with pytest.raises(DataFileError, match=f"nesting deeper than {depth} levels"):
        parse_yaml("a: " + "[" * depth + "]" * depth + "\n")
    with pytest.raises(DataFileError, match="nesting deeper"):
        parse_yaml("a: " + "[" * 100_000)
    block = "".join("  " * i + "k:\n" for i in range(depth)) + "  " * depth + "v: 1\n"
    with pytest.raises(DataFileError) as info:
        parse_yaml(block, "f.yaml")
    assert info.value.line == depth + 1  # the first mapping past the limit


def test_integers_longer_than_the_limit_are_refused() -> None:
    """Integers past LIMITS.max_int_digits: file:line and field, no ValueError."""
    digits = LIMITS.max_int_digits
    assert parse_yaml(f"a: {'9' * digits}\n").data == {"a": int("9" * digits)}
    for text in (f"a: 1\nb: {'9' * (digits + 1)}\n", f"a: 1\nb: -{'1' * 5000}\n"):
        with pytest.raises(DataFileError) as info:
            parse_yaml(text, "f.yaml")
        assert (info.value.line, info.value.issues[0].field) == (2, "b")
        assert f"more than {digits} digits" in str(info.value)
    assert parse_yaml(f"a: '{'9' * 5000}'\n").data == {"a": "9" * 5000}  # quoted: a string


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\nb: !!python/name:os.system\n",
        "a: 1\nb: !!python/object/apply:os.system [ls]\n",
        "a: 1\nb: !!python/object:os.system {x: 1}\n",
        "a: 1\nb: !!binary aGVsbG8=\n",
        "a: 1\nb: !!set {x}\n",
        "a: 1\nb: !local 1\n",
        "a: 1\n!!python/name:os.system b: 1\n",
    ],
)
def test_non_standard_tags_are_refused_with_the_line(text: str) -> None:
    """No tag is silently ignored: on scalars, lists, mappings and keys alike."""
    with pytest.raises(DataFileError, match=r"tag .* not allowed") as info:
        parse_yaml(text, "f.yaml")
    assert info.value.line == 2


def test_standard_scalar_tags_are_read_as_before() -> None:
    """!!str makes a string; !!int and the like change nothing (YAML 1.2-like reading)."""
    data = parse_yaml("a: !!str 10\nb: !!int 12\nc: !!bool yes\nd: ! x\n").data
    assert data == {"a": "10", "b": 12, "c": "yes", "d": "x"}


def test_a_device_is_read_with_a_byte_limit() -> None:
    """/dev/zero ends with "larger than", not MemoryError."""
    zero = Path("/dev/zero")
    if not zero.exists():
        pytest.skip("no /dev/zero here")
    with pytest.raises(DataFileError, match="larger than"):
        load_yaml(zero)


def test_a_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DataFileError, match="cannot read"):
        load_yaml(tmp_path)
