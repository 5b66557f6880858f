"""Files: every input is read by read_bytes, every output written by write_atomically (temp file + rename).

A temp file is named after its target and the writing process (`.NAME.PID.XXXXXXXX.tmp`), so a
write killed before its rename (kill -9, power loss) leaves a file the next write into the same
folder recognises as abandoned and removes.
"""

from __future__ import annotations

import errno
import os
import re
import shutil
import stat
import tempfile
import time
from pathlib import Path

from .errors import InputError

# A temp file of an older version (no PID in its name) counts as abandoned after this long: a
# write takes well under a second, so nothing is still writing it.
_UNOWNED_TEMP_AGE_SECONDS = 3600


def alive(pid: int) -> bool:
    """Whether a process with this id exists (a process of another user counts as alive)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True


# mkstemp and mkdtemp end a name with 8 characters of this set.
RANDOM_PART = r"[a-z0-9_]{8}"


def remove_abandoned(folder: Path, pattern: re.Pattern[str]) -> None:
    """Remove the entries of folder matching pattern that no live process owns: files or folders
    left by a killed contractgen. The pattern's group `pid` names the owner; an entry without one
    (written by an older version) counts as abandoned once it is an hour old."""
    try:
        names = os.listdir(folder)
    except OSError:
        return
    for name in names:
        match = pattern.fullmatch(name)
        if not match:
            continue
        path = folder / name
        owner = match.groupdict().get("pid")
        try:
            if owner is not None:
                if int(owner) == os.getpid() or alive(int(owner)):
                    continue
            elif time.time() - path.lstat().st_mtime < _UNOWNED_TEMP_AGE_SECONDS:
                continue
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)
        except OSError:
            continue  # another process removed it first, or it is not ours to remove


def _temp_prefix(target: Path) -> str:
    """'.NAME.', with NAME cut so that the temp name stays within a file system's 255 bytes."""
    name = target.name
    while len(name.encode("utf-8", "surrogateescape")) > 200:
        name = name[:-1]
    return f".{name}."


def _temp_pattern(target: Path) -> re.Pattern[str]:
    return re.compile(rf"{re.escape(_temp_prefix(target))}(?:(?P<pid>\d+)\.)?{RANDOM_PART}\.tmp")


def write_atomically(target: Path, data: bytes) -> None:
    """Write data to target so that target is either the old file or the complete new one."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_abandoned(target.parent, _temp_pattern(target))
        fd, tmp = tempfile.mkstemp(prefix=f"{_temp_prefix(target)}{os.getpid()}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise InputError(f"{target}: cannot write: {e.strerror}") from e
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException as e:  # an interrupt (Ctrl-C, SIGTERM) removes the temp file as well
        Path(tmp).unlink(missing_ok=True)
        if isinstance(e, OSError):
            raise InputError(f"{target}: cannot write: {e.strerror}") from e
        raise


_KINDS = {
    stat.S_IFIFO: "a FIFO (named pipe)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def read_bytes(path: Path, max_bytes: int | None = None) -> bytes:
    """A file's bytes, or InputError saying plainly why not (every input file is read here).

    Only a regular file is read: a FIFO, a device or a socket is refused at once, without
    waiting for a writer or reading without end. With max_bytes, at most max_bytes + 1 bytes are
    read, so the caller can tell a file over its limit without holding all of it.
    """
    try:
        # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError as e:
        raise InputError(f"{path}: no such file") from e
    except IsADirectoryError as e:
        raise InputError(f"{path}: is a directory, not a file") from e
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or errno.errorcode.get(e.errno or 0, e)}") from e
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise InputError(f"{path}: is a directory, not a file")
        if not stat.S_ISREG(mode):
            kind = _KINDS.get(stat.S_IFMT(mode), "not a regular file")
            raise InputError(f"{path}: is {kind}, not a regular file")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read() if max_bytes is None else handle.read(max_bytes + 1)
    except IsADirectoryError as e:
        raise InputError(f"{path}: is a directory, not a file") from e
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror}") from e
    finally:
        os.close(fd)
