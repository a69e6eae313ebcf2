"""One invalid profile per failure mode: each is rejected naming file, line and problem."""

from __future__ import annotations

from pathlib import Path

import pytest

from govshare.errors import DataFileError
from govshare.profiles import load_profile

INVALID = Path(__file__).parent / "invalid"

#: file -> (line the error must name, words the message must contain)
CASES: dict[str, tuple[int | None, str]] = {
    "duplicate_key.yaml": (15, "duplicate key 'id'"),
    "unknown_field.yaml": (15, "unknown field"),
    "kind_not_allowed.yaml": (19, "value kind 'working_days' is not allowed for share.types"),
    "unknown_rule_key.yaml": (15, "unknown rule key 'share.colour'"),
    "unknown_document.yaml": (1, "unknown document 'doc-z'"),
    "not_specified_without_notes.yaml": (16, "needs notes"),
    "value_without_quote.yaml": (16, "quote"),
    "bad_number.yaml": (19, "rules.share.conditional.provider_reply[0].value.working_days.n"),
    "bad_date.yaml": (10, "documents[0].in_force_from"),
    "unknown_calendar_region.yaml": (14, "unknown calendar region 'atlantis'"),
    "anchors.yaml": (16, "anchors and aliases"),
    "conflict_without_precedence.yaml": (28, "no declared precedence"),
    "missing_rule_keys.yaml": (14, "rule key share.unconditional.access is missing"),
    "process_duty_kind.yaml": (21, "share.types cannot be of kind"),
    "process_leaves_terminal.yaml": (15, "'done' is terminal; nothing leaves it"),
    "process_uncited_step.yaml": (20, "a transition cites its text"),
}


def test_every_fixture_has_a_case() -> None:
    """The fixture folder and the table of cases list the same files."""
    assert sorted(p.name for p in INVALID.glob("*.yaml")) == sorted(CASES)


@pytest.mark.parametrize("name", sorted(CASES))
def test_invalid_profile_is_rejected_with_its_location(name: str) -> None:
    """Loading the fixture raises DataFileError naming the file, the line and the problem."""
    line, needle = CASES[name]
    path = INVALID / name
    with pytest.raises(DataFileError) as info:
        load_profile(path)
    text = info.value.details()
    assert str(path) in text
    assert needle in text
    assert any(issue.line == line for issue in info.value.issues), text


def test_a_process_access_decisions_lead_to_must_exist(tmp_path: Path) -> None:
    """Access decisions name conditional_application and unconditional_access: a
    jurisdiction profile with processes but without one is rejected at load, at the
    line of its ``processes:``."""
    bundled = Path(__file__).resolve().parents[2] / "profiles" / "xinzhou.yaml"
    text = bundled.read_text("utf-8")
    assert "\n  unconditional_access:\n" in text
    lines = text.splitlines()
    processes_line = lines.index("processes:") + 1
    path = tmp_path / "xinzhou.yaml"
    path.write_text(text.replace("\n  unconditional_access:\n", "\n  other_access:\n"), "utf-8")
    with pytest.raises(DataFileError) as info:
        load_profile(path)
    (issue,) = info.value.issues
    assert "'unconditional_access' is missing" in issue.message
    assert issue.line == processes_line
