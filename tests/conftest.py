"""Shared fixtures: where the shared reference material lives."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
#: ../shared beside the project (CI guarantees it; GOVSHARE_SHARED may point elsewhere).
SHARED = Path(os.environ.get("GOVSHARE_SHARED", ROOT.parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared reference material; tests that need it fail (not skip) in CI without it."""
    if not SHARED.is_dir():
        if os.environ.get("CI"):
            pytest.fail(f"shared material not found at {SHARED}; CI must provide ../shared")
        pytest.skip(f"shared material not found at {SHARED}")
    return SHARED
