"""Rules resolved once (profiles/_compiled.py) give what resolving every time gives."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from govshare import load_profile
from govshare._kernel.model import LEVELS
from govshare.errors import GovshareError
from govshare.profiles import RULE_KEYS, JurisdictionProfile, list_profiles
from govshare.profiles._compiled import MAX_ENTRIES

BUNDLED = ("hubei", "xinzhou", "liuzhou", "national", "shanxi_std")


def _outcome(call: Callable[..., object], *args: object, **kwargs: object) -> object:
    """A result, or the error's type, message and attributes."""
    try:
        return call(*args, **kwargs)
    except GovshareError as exc:
        return (type(exc), str(exc), sorted(vars(exc).items(), key=repr))


def test_every_bundled_profile_is_covered() -> None:
    assert set(BUNDLED) <= set(list_profiles())


@pytest.mark.parametrize("name", BUNDLED)
@settings(max_examples=300, deadline=None)
@given(data=st.data())
def test_cached_lookup_equals_uncached(name: str, data: st.DataObject) -> None:
    """Random keys, dates (2020-2027), levels and adopted documents: the cached lookup is
    equal (==) to resolving from the entries, result or error alike."""
    profile: JurisdictionProfile = load_profile(name)
    key = data.draw(st.sampled_from(sorted(RULE_KEYS)))
    day = data.draw(st.dates(dt.date(2020, 1, 1), dt.date(2027, 12, 31)))
    level = data.draw(st.sampled_from(LEVELS))
    adopted = tuple(data.draw(st.lists(st.sampled_from(sorted(profile.documents)), max_size=2)))
    cached = _outcome(profile.rule, key, as_of=day, level=level, adopted=adopted)
    fresh = _outcome(profile._rule_uncached, key, day, level, adopted)
    assert cached == fresh
    again = _outcome(profile.rule, key, as_of=day, level=level, adopted=adopted)
    assert again == fresh


def test_every_breakpoint_day_and_its_eve() -> None:
    """The days a document comes into force or lapses, and the days before: exact."""
    for name in BUNDLED:
        profile = load_profile(name)
        days: set[dt.date] = set()
        for doc in profile.model.documents:
            for d in (doc.in_force_from, doc.in_force_until):
                if isinstance(d, dt.date):
                    days |= {d - dt.timedelta(days=1), d, d + dt.timedelta(days=1)}
        for p in profile.model.precedence:
            if p.from_ is not None:
                days |= {p.from_ - dt.timedelta(days=1), p.from_}
        for key in RULE_KEYS:
            for level in LEVELS:
                for day in sorted(days):
                    cached = _outcome(profile.rule, key, as_of=day, level=level)
                    fresh = _outcome(profile._rule_uncached, key, day, level, ())
                    assert cached == fresh, (name, key, level, day)


def test_results_are_fresh_per_date_and_immutable() -> None:
    """Two dates in one interval share nothing mutable: as_of differs, the rest is equal."""
    hubei = load_profile("hubei")
    key = "share.conditional.provider_reply"
    a = hubei.rule(key, as_of="2026-09-30", level="provincial")
    b = hubei.rule(key, as_of="2026-10-09", level="provincial")
    assert (a.as_of, b.as_of) == (dt.date(2026, 9, 30), dt.date(2026, 10, 9))
    assert (a.value, a.source) == (b.value, b.source)
    with pytest.raises(AttributeError):
        a.as_of = dt.date(2020, 1, 1)  # type: ignore[misc]
    assert hubei.rule(key, as_of="2026-09-30", level="provincial").as_of == dt.date(2026, 9, 30)


def test_the_cache_is_bounded() -> None:
    """However many distinct adopted tuples are asked for, at most MAX_ENTRIES are kept."""
    hubei = load_profile("hubei")
    docs = sorted(hubei.documents)
    compiled = hubei._compiled
    for i in range(MAX_ENTRIES + 10):
        adopted = tuple(docs[j % len(docs)] for j in range(i % 7 + 1)) + (docs[0],) * (i // 7)
        hubei.rule("share.types", as_of="2026-01-01", level="provincial", adopted=adopted)
    assert len(compiled._entries) <= MAX_ENTRIES


def test_a_bad_adopted_document_is_still_an_input_error() -> None:
    with pytest.raises(GovshareError, match="adopted"):
        load_profile("hubei").rule("share.types", as_of="2026-01-01", level="county", adopted=["x"])
