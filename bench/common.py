"""What every benchmark shares: default data location, the shared scorers, the final JSON line."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("PRESSECHO_SHARED", ROOT.parent / "shared"))
DATA = SHARED / "data"
EVAL = SHARED / "eval"


def run_scorer(script: str, *args: str | Path) -> dict:
    """Run one of ``../shared/eval``'s scorers and return the JSON line it prints."""
    out = subprocess.run(
        [sys.executable, str(EVAL / script), *map(str, args)], check=True, capture_output=True, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def peak_memory_mb() -> float:
    """Peak resident memory of this process and its finished children, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return round(max(own, children) / 1024, 1)


def emit(figures: dict) -> None:
    """Print the benchmark's figures as the one JSON line at the end."""
    print(json.dumps(figures, ensure_ascii=False), flush=True)
