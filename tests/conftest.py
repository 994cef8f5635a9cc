"""Shared test fixtures: where ``../shared`` (seeds, development data) is, and a skip when it is not."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PRESSECHO_SHARED", ROOT.parent / "shared"))
SEEDS = SHARED / "seeds"
DATA = SHARED / "data"


def need_shared(path: Path) -> Path:
    """Skip the calling test, saying why, when a part of ``../shared`` is not here."""
    if not path.exists():
        pytest.skip(f"{path} is not here (../shared is only beside a developer's or CI's checkout)")
    return path


@pytest.fixture
def seeds_dir() -> Path:
    return need_shared(SEEDS)
