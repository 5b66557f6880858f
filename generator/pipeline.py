"""The library entry points: spec file -> contract model -> rendered files."""

from __future__ import annotations

from pathlib import Path

from .compute import build_contract
from .loader import load_spec
from .model import Contract
from .validate import validate_spec


def load_contract(spec_path: Path) -> Contract:
    """Load, validate and compute a spec; raise SpecError listing every problem."""
    spec = load_spec(spec_path)
    validate_spec(spec)
    return build_contract(spec.data, str(spec_path))
