"""Checking the paths a user gives: geodata folders to read, output folders and files.

Each check runs before any work and turns what the operating system would say
later (``File name too long``, ``embedded null byte``, a symlink loop, a file
where a folder is expected...) into one `InputError` that names the option or
argument (``--out``, ``out_dir``...) and says how to fix it. A wrong type is a
`TypeError`.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from corridors import atomic
from corridors.errors import InputError

#: The longest path and file name the system accepts (Linux: 4096 and 255 bytes).
MAX_PATH_BYTES = 4096
MAX_NAME_BYTES = 255
#: A geodata folder holds a few hundred files; a walk stops past this many entries.
MAX_FOLDER_ENTRIES = 20_000


def _shown(value: str, limit: int = 80) -> str:
    """The value as the user typed it, quoted and cut to `limit` characters."""
    text = repr(value)
    return text if len(text) <= limit else f"{text[: limit - 5]}...{text[-1]}"


def user_path(value: object, *, what: str) -> Path:
    """Check that `value` can name a file at all; return it as a Path.

    Parameters
    ----------
    value
        A str or os.PathLike.
    what
        The option or argument it came from (``--out``, ``out_dir``), for messages.

    Raises
    ------
    TypeError
        If `value` is not a str or os.PathLike.
    InputError
        If it is empty, holds a NUL byte, or is longer than the system allows (as a
        whole or in one of its names).
    """
    if not isinstance(value, str | os.PathLike):
        msg = f"{what} must be a path (str or os.PathLike), got {type(value).__name__}."
        raise TypeError(msg)
    text = os.fspath(value)
    if isinstance(text, bytes):
        msg = f"{what} must be a str path, got bytes {_shown(repr(text))}; decode it first."
        raise TypeError(msg)
    if not text.strip():
        msg = f"{what} is empty; give a path (or leave the option out for its default)."
        raise InputError(msg)
    if "\0" in text:
        msg = f"{what} {_shown(text)} holds a NUL byte, which no path can contain."
        raise InputError(msg)
    encoded = os.fsencode(text)
    if len(encoded) > MAX_PATH_BYTES:
        msg = (
            f"{what} is {len(encoded):,} bytes long; paths are at most {MAX_PATH_BYTES} bytes "
            "(File name too long)."
        )
        raise InputError(msg)
    for part in Path(text).parts:
        if len(os.fsencode(part)) > MAX_NAME_BYTES:
            msg = (
                f"{what}: the name {_shown(part, 40)} is {len(os.fsencode(part))} bytes long; "
                f"a file or folder name is at most {MAX_NAME_BYTES} bytes (File name too long)."
            )
            raise InputError(msg)
    return Path(text)


def _resolve(path: Path, *, what: str) -> Path:
    try:
        return path.resolve()
    except RuntimeError:  # Python < 3.13: "Symlink loop from ..."
        msg = f"{what} {_shown(str(path))} is a symlink loop; point it at a real folder."
        raise InputError(msg) from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            msg = f"{what} {_shown(str(path))} is a symlink loop; point it at a real folder."
            raise InputError(msg) from None
        msg = f"{what} {_shown(str(path))}: {exc.strerror}."
        raise InputError(msg) from None


def _kind(mode: int) -> str:
    if stat.S_ISREG(mode):
        return "a file"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a folder"


def existing_folder(value: object, *, what: str) -> Path:
    """Check a folder to read (``--geodata``); return its resolved path.

    Raises
    ------
    TypeError
        If `value` is not a path.
    InputError
        If the folder is missing, a file, a symlink loop or unreadable.
    """
    path = user_path(value, what=what)
    resolved = _resolve(path, what=what)
    if path.is_symlink() and not path.exists():
        msg = f"{what} {_shown(str(path))} is a link to {_shown(str(path.readlink()))}, which "
        msg += "does not exist."
        raise InputError(msg)
    try:
        mode = resolved.stat().st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            msg = f"{what} {_shown(str(path))} is a symlink loop; point it at a real folder."
        elif exc.errno == errno.ENOENT:
            msg = f"{what} {_shown(str(path))} does not exist; give an existing folder."
        else:
            msg = f"{what} {_shown(str(path))}: {exc.strerror}."
        raise InputError(msg) from None
    if not stat.S_ISDIR(mode):
        msg = f"{what} {_shown(str(path))} is {_kind(mode)}, not a folder; give a folder."
        raise InputError(msg)
    if not os.access(resolved, os.R_OK | os.X_OK):
        msg = f"{what} {_shown(str(path))} cannot be read (permission denied)."
        raise InputError(msg)
    return resolved


def output_folder(value: object, *, what: str) -> Path:
    """Check a folder to write into, and try writing there (or in the folder it will be made in).

    Run before any work, so that a bad ``--out`` fails at once: a file, a dangling
    link or a special file where the folder should be, a parent that is a file, a
    read-only or full file system. A missing folder is not made here (a build that
    fails on bad data leaves nothing behind); the nearest existing folder above it
    is tried instead. Temporary files an interrupted run left there are removed
    (`corridors.atomic.sweep`).

    Raises
    ------
    TypeError
        If `value` is not a path.
    InputError
        If the folder cannot be made or written to.
    """
    path = user_path(value, what=what)
    _resolve(path, what=what)
    if path.is_symlink() and not path.exists():
        target = str(path.readlink())
        msg = (
            f"{what} {_shown(str(path))} is a link to {_shown(target)}, which does not exist; "
            f"make that folder or choose another {what}."
        )
        raise InputError(msg)
    existing = _ancestors_are_folders(path, what=what)
    probe_writable(existing, what=what)
    if existing == path:
        atomic.sweep(path)  # what an interrupted run left behind
    return path


def _ancestors_are_folders(path: Path, *, what: str) -> Path:
    """The nearest existing folder at or above `path`; raise if a file stands in the way."""
    for part in [path, *path.parents]:
        try:
            mode = part.stat().st_mode
        except (FileNotFoundError, NotADirectoryError):  # a file higher up is reported there
            continue
        except OSError as exc:
            msg = f"{what} {_shown(str(path))}: {_shown(str(part))}: {exc.strerror}."
            raise InputError(msg) from None
        if not stat.S_ISDIR(mode):
            where = "" if part == path else f": {_shown(str(part))}"
            msg = (
                f"{what} {_shown(str(path))}{where} is {_kind(mode)}, not a folder; "
                f"choose another {what}."
            )
            raise InputError(msg)
        return part
    return Path.cwd()


def probe_writable(folder: Path, *, what: str) -> None:
    """Create and remove a temporary file in `folder`; raise if that fails."""
    try:
        atomic.probe(folder)
    except OSError as exc:
        msg = f"{what} {_shown(str(folder))}: cannot write there ({exc.strerror}); "
        msg += f"choose another {what}."
        raise InputError(msg) from None


def output_file(value: object, *, what: str) -> Path:
    """Check a file to write (``export --out``): its folder is made and tried.

    Raises
    ------
    TypeError
        If `value` is not a path.
    InputError
        If the path is a folder or a special file, or its folder cannot be written.
    """
    path = user_path(value, what=what)
    if path.name in ("", ".", ".."):
        msg = f"{what} {_shown(str(path))} names no file; give a file name."
        raise InputError(msg)
    _ancestors_are_folders(path.parent, what=what)
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            msg = f"{what} {_shown(str(path))} is a symlink loop; choose another file."
        else:
            msg = f"{what} {_shown(str(path))}: {exc.strerror}."
        raise InputError(msg) from None
    if mode is not None and not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else _kind(mode)
        msg = f"{what} {_shown(str(path))} is {kind}; give a file name."
        raise InputError(msg)
    output_folder(path.parent if str(path.parent) else Path(), what=what)
    return path


def walk_files(root: Path, *, what: str = "geodata folder") -> Iterator[Path]:
    """Every file under `root`, sorted, without following links to folders.

    Hidden names (starting with ``.``) are skipped. The walk stops with an
    `InputError` past `MAX_FOLDER_ENTRIES` entries (``--geodata /`` would read the
    whole disk, ``/proc`` included); entries that vanish or cannot be read are
    skipped.
    """
    seen = 0
    found: list[Path] = []
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            seen += 1
            if seen > MAX_FOLDER_ENTRIES:
                msg = (
                    f"{what} {_shown(str(root))} holds more than {MAX_FOLDER_ENTRIES:,} files "
                    "and folders; a geodata folder holds a few hundred. Point it at a folder "
                    "like geodata/."
                )
                raise InputError(msg)
            if entry.name.startswith("."):
                continue
            try:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                elif entry.is_file() or not entry.is_symlink():
                    found.append(Path(entry.path))
            except OSError:
                continue
    yield from sorted(found)
