"""decide_access refuses malformed arguments with InputError (issue 14, item 10)."""

from __future__ import annotations

from pathlib import Path

import pytest

from govshare.access import decide_access
from govshare.errors import DataFileError, InputError
from govshare.profiles import load_profile

ROOT = Path(__file__).resolve().parents[1]
RESOURCE = {"name": "人口信息", "provider": "省公安厅", "share_type": "conditional"}


@pytest.mark.parametrize("requester", [None, 5, "", "   ", ["省卫健委"]])
def test_requester_must_be_a_name(requester: object) -> None:
    with pytest.raises(InputError, match=r"^requester"):
        decide_access(
            load_profile("hubei"),
            RESOURCE,
            requester,  # type: ignore[arg-type]
            as_of="2026-01-05",
            level="provincial",
        )


@pytest.mark.parametrize(
    ("resource", "field"),
    [
        ({**RESOURCE, "dedicated_to": "省卫健委"}, "resource.dedicated_to"),
        ({**RESOURCE, "fusion": {"lead": "x", "inputs": "y"}}, "resource.fusion.inputs"),
        ("人口信息", "resource"),
        (None, "resource"),
    ],
)
def test_resource_fields_of_the_wrong_shape(resource: object, field: str) -> None:
    with pytest.raises(InputError) as info:
        decide_access(
            load_profile("hubei"),
            resource,  # type: ignore[arg-type]
            "省卫健委",
            as_of="2026-01-05",
            level="provincial",
        )
    assert str(info.value).startswith(f"{field}:")


def test_adopted_must_be_a_list_of_ids() -> None:
    with pytest.raises(InputError, match=r"^adopted"):
        decide_access(
            load_profile("hubei"),
            RESOURCE,
            "省卫健委",
            as_of="2026-01-05",
            level="provincial",
            adopted="hb-rules-2021",
        )


def test_a_non_list_applies_to_is_refused_at_load(tmp_path: Path) -> None:
    """A profile can only reach decide_access validated: a scalar applies_to is a file error
    naming its line, never a crash inside the decision."""
    text = (ROOT / "profiles" / "hubei.yaml").read_text("utf-8")
    bad = text.replace("scope: {applies_to: [not_shared]}", "scope: {applies_to: not_shared}", 1)
    assert bad != text
    path = tmp_path / "hubei.yaml"
    path.write_text(bad, "utf-8")
    with pytest.raises(DataFileError) as info:
        load_profile(path)
    assert info.value.line is not None
    assert "applies_to" in info.value.field
