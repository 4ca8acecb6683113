"""Writing a file so that readers never see half of it: a temporary file and a rename.

The one writer of the package's outputs (maps, pictures, the index page, the
exports): the new content goes to a hidden temporary file beside the target
(``.<name>.<random><suffix>``), which is given the usual mode for new files and
renamed over the target. An interrupted write leaves the previous file intact and
removes the temporary file (a killed process cannot; its file starts with ``.``).
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path


def replace(path: Path, write: Callable[[Path], None], *, suffix: str = ".tmp") -> Path:
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
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=suffix, dir=path.parent)
    os.close(fd)
    tmp = Path(name)
    tmp.unlink()
    try:
        write(tmp)
        # mkstemp makes the file private (0600); give it the usual mode for new files.
        umask = os.umask(0)
        os.umask(umask)
        tmp.chmod(0o666 & ~umask)
        tmp.replace(path)
    except BaseException:
        tmp.unlink(missing_ok=True)
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
        tmp.write_text(text, encoding="utf-8", newline="\n")

    return replace(path, write)
