"""The settings file of a folder of specs: contractgen.toml beside them, or [tool.contractgen] in a
pyproject.toml, found from the specs' folder upwards. The command line overrides each setting.

    templates = "agency-templates"   # template folder, relative to this file
    output = "contracts"             # output folder, relative to this file
    language = "zh"                  # zh | en | zh-en: render's default --lang
    [lpr]                            # the 1-year LPR check uses ([tool.contractgen.lpr] in pyproject)
    percent = 3.0
    published = 2025-05-20
"""

from __future__ import annotations

import datetime as dt
import glob
import tomllib
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from .errors import InputError
from .files import read_bytes

FILE_NAME = "contractgen.toml"
LANGUAGES = ("zh", "en", "zh-en")
_KEYS = ("templates", "output", "language", "lpr")
_LPR_KEYS = ("percent", "published")


class ConfigError(InputError):
    """Raised when a settings file cannot be read or holds a wrong setting (exit 2)."""


@dataclass(frozen=True)
class Config:
    """The settings of a folder of specs (None: not set, the built-in default applies)."""

    source: Path | None = None  # the file they came from
    templates: Path | None = None
    output: Path | None = None
    language: str | None = None
    lpr: Decimal | None = None
    lpr_published: dt.date | None = None


def start_folder(inputs: list[str]) -> Path:
    """Where the search for a settings file starts: the folder of the first spec (a folder named
    on the command line itself; for a glob, the part before its first wildcard)."""
    if not inputs:
        return Path.cwd()
    first = inputs[0]
    if glob.has_magic(first):
        parts = Path(first).parts
        fixed = [p for p in parts[: next(i for i, p in enumerate(parts) if glob.has_magic(p))]]
        return Path(*fixed) if fixed else Path.cwd()
    path = Path(first)
    return path if path.is_dir() else path.parent


def _tool_section(path: Path) -> dict[str, Any] | None:
    """[tool.contractgen] of a pyproject.toml, or None when it has none."""
    data = _read_toml(path)
    section = data.get("tool", {}).get("contractgen") if isinstance(data.get("tool"), dict) else None
    if section is not None and not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.contractgen] should be a table of settings")
    return section


def _near(path: Path) -> Path:
    """A path as a user would name it: relative to the working directory if inside."""
    try:
        return path.relative_to(Path.cwd())
    except ValueError:
        return path


def find_config(folder: Path) -> tuple[Path, dict[str, Any]] | None:
    """The first settings file from folder upwards: contractgen.toml, else a pyproject.toml that
    has [tool.contractgen]."""
    for candidate in [folder.absolute(), *folder.absolute().parents]:
        candidate = _near(candidate)
        own = candidate / FILE_NAME
        if own.is_file():
            return own, _read_toml(own)
        project = candidate / "pyproject.toml"
        if project.is_file():
            section = _tool_section(project)
            if section is not None:
                return project, section
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        return tomllib.loads(read_bytes(path).decode("utf-8"))
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: not UTF-8 text") from e
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: {e}") from e


def _folder(path: Path, key: str, value: Any) -> Path:
    if not isinstance(value, str) or not value.strip():
        raise ConfigError(f"{path}: {key}: expected a folder (text), got {value!r}")
    return path.parent / value


def _lpr(path: Path, where: str, value: Any) -> tuple[Decimal, dt.date]:
    if not isinstance(value, dict):
        raise ConfigError(f"{path}: {where}: expected a table with percent and published")
    unknown = [k for k in value if k not in _LPR_KEYS]
    if unknown:
        raise ConfigError(f"{path}: {where}.{unknown[0]}: unknown setting; expected one of: {', '.join(_LPR_KEYS)}")
    missing = [k for k in _LPR_KEYS if k not in value]
    if missing:
        raise ConfigError(f"{path}: {where}.{missing[0]}: missing (the LPR is given with the date it was published)")
    percent, published = value["percent"], value["published"]
    try:  # a TOML float is read from its shortest text (3.1, not 3.100000000000000088817…)
        rate = (
            Decimal(str(percent)) if isinstance(percent, int | float | str) and not isinstance(percent, bool) else None
        )
    except InvalidOperation:
        rate = None
    if rate is None or not rate.is_finite() or not 0 <= rate <= 100:
        raise ConfigError(f"{path}: {where}.percent: expected a percentage from 0 to 100, got {percent!r}")
    if not isinstance(published, dt.date) or isinstance(published, dt.datetime):
        raise ConfigError(f"{path}: {where}.published: expected a date written YYYY-MM-DD, got {published!r}")
    return rate, published


def parse_config(path: Path, data: dict[str, Any]) -> Config:
    """The settings of a file's table (the whole contractgen.toml, or [tool.contractgen])."""
    where = "tool.contractgen" if path.name == "pyproject.toml" else ""
    prefix = f"{where}." if where else ""
    unknown = [k for k in data if k not in _KEYS]
    if unknown:
        raise ConfigError(f"{path}: {prefix}{unknown[0]}: unknown setting; expected one of: {', '.join(_KEYS)}")
    language = data.get("language")
    if language is not None and language not in LANGUAGES:
        raise ConfigError(
            f"{path}: {prefix}language: expected one of: {', '.join(LANGUAGES)} but received: {language!r}"
        )
    lpr = _lpr(path, f"{prefix}lpr", data["lpr"]) if "lpr" in data else None
    return Config(
        source=path,
        templates=_folder(path, f"{prefix}templates", data["templates"]) if "templates" in data else None,
        output=_folder(path, f"{prefix}output", data["output"]) if "output" in data else None,
        language=language,
        lpr=lpr[0] if lpr else None,
        lpr_published=lpr[1] if lpr else None,
    )


def load_config(inputs: list[str], explicit: str | None = None) -> Config:
    """The settings for a run over inputs: the file named with --config, else the one found from
    the first input's folder upwards, else none (every setting at its default)."""
    if explicit is not None:
        path = Path(explicit)
        data = _tool_section(path) if path.name == "pyproject.toml" else _read_toml(path)
        return parse_config(path, data or {})
    found = find_config(start_folder(inputs))
    return parse_config(*found) if found else Config()
