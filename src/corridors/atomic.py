"""Writing a file so that readers never see half of it: a temporary file and a rename.

The one writer of the package's outputs (maps, pictures, the index page, the
exports): the new content goes to a hidden temporary file beside the target,
which is given the usual mode for new files and renamed over the target. An
interrupted write leaves the previous file intact and removes the temporary file.

A killed process (``kill -9``, a power cut) cannot remove its temporary file, so
the name says whose it is: ``.<name>.<pid>-<random>.corridors-tmp<suffix>``
(plus SQLite's ``-journal``, ``-wal`` or ``-shm`` beside a GeoPackage). `sweep`,
run by every write, removes the ones of processes that no longer run, and only
names of that pattern.
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
from collections.abc import Callable
from pathlib import Path

#: What marks a temporary file of this module (see `temporary_name`).
MARK = ".corridors-tmp"
_TEMPORARY = re.compile(
    r"^\..+\.(?P<pid>\d+)-[0-9a-f]{8}"
    + re.escape(MARK)
    + r"(\.[A-Za-z0-9]+)?(-journal|-wal|-shm)?$"
)


def temporary_name(path: Path, suffix: str = "") -> Path:
    """A fresh temporary path beside `path`, marked with this process's id."""
    return path.with_name(f".{path.name}.{os.getpid()}-{secrets.token_hex(4)}{MARK}{suffix}")


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process
        return True
    except OverflowError:
        return False
    return True


def leftovers(folder: Path) -> list[Path]:
    """Temporary files in `folder` left by writers that no longer run."""
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return []
    found = []
    for path in entries:
        match = _TEMPORARY.match(path.name)
        if match and not _running(int(match["pid"])):
            found.append(path)
    return found


def sweep(folder: Path) -> list[Path]:
    """Remove the temporary files of dead writers from `folder`; return them."""
    removed = []
    for path in leftovers(folder):
        with contextlib.suppress(FileNotFoundError, IsADirectoryError):
            path.unlink()
            removed.append(path)
    return removed


def probe(folder: Path) -> None:
    """Create and remove a temporary file in `folder` (raises OSError if it cannot)."""
    tmp = temporary_name(folder / "probe")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    tmp.unlink()


def replace(path: Path, write: Callable[[Path], None], *, suffix: str = "") -> Path:
    """Call ``write(tmp)`` on a temporary path beside `path`, then rename it to `path`.

    Parameters
    ----------
    path
        The file to write; its folder must exist.
    write
        Writes the content to the path it is given (which does not exist yet: GDAL,
        say, creates the file itself).
    suffix
        The temporary file's suffix (a writer may choose its format by it).

    Raises
    ------
    OSError
        If the temporary file cannot be made, written or renamed; nothing is left.
    """
    sweep(path.parent)
    tmp = temporary_name(path, suffix)
    try:
        write(tmp)
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o666 & ~umask)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        for extra in ("-journal", "-wal", "-shm"):
            tmp.with_name(tmp.name + extra).unlink(missing_ok=True)
        raise
    return path


def write_text(path: Path, text: str) -> Path:
    """Write `text` (UTF-8, ``\\n`` line ends) to `path` through `replace`.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> write_text(folder / "a.txt", "new").read_text()
    'new'
    >>> sorted(p.name for p in folder.iterdir())
    ['a.txt']
    """
    path.parent.mkdir(parents=True, exist_ok=True)

    def write(tmp: Path) -> None:
        with tmp.open("x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)

    return replace(path, write)
