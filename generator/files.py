"""Files: every input is read by read_bytes, every output written by write_atomically (temp file + rename)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import InputError


def write_atomically(target: Path, data: bytes) -> None:
    """Write data to target so that target is either the old file or the complete new one."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise InputError(f"{target}: cannot write: {e.strerror}") from e
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as e:
        Path(tmp).unlink(missing_ok=True)
        raise InputError(f"{target}: cannot write: {e.strerror}") from e


def read_bytes(path: Path) -> bytes:
    """A file's bytes, or InputError saying plainly why not (every input file is read here)."""
    try:
        return path.read_bytes()
    except FileNotFoundError as e:
        raise InputError(f"{path}: no such file") from e
    except IsADirectoryError as e:
        raise InputError(f"{path}: is a directory, not a file") from e
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from e
