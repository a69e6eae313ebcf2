"""The levels a profile's documents apply to, and where a case at another level runs."""

from __future__ import annotations

from govshare import load_profile


def test_levels_come_from_the_documents() -> None:
    # hb-order-419: all three levels; xz-2022-3: city and county; lz-rules: the city.
    assert load_profile("hubei").levels == ("provincial", "prefectural", "county")
    assert load_profile("xinzhou").levels == ("prefectural", "county")
    assert load_profile("liuzhou").levels == ("prefectural",)


def test_a_case_at_a_level_without_documents_runs_at_the_profiles_own() -> None:
    assert load_profile("hubei").level_for("provincial") == ("provincial", None)
    assert load_profile("xinzhou").level_for("county") == ("county", None)
    level, note = load_profile("liuzhou").level_for("provincial")
    assert level == "prefectural"
    assert note is not None
    assert "no document at provincial level" in note
