"""Where the bundled geodata folder is, installed or in a source checkout.

An installed wheel carries the folder inside the package (``corridors/geodata``,
mapped there from the repository's ``geodata/`` when the wheel is built), read
through `importlib.resources`. A source checkout or an editable install has no
copy inside the package: there the one folder at the repository root is used
(``src/corridors`` -> ``geodata/``), so edits show at once and nothing is kept
twice.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: The folder's name, inside the package and at the repository root.
FOLDER = "geodata"


def geodata_root() -> Path:
    """The bundled geodata folder.

    Returns
    -------
    path
        ``corridors/geodata`` inside the installed package when it is there;
        otherwise, in a source checkout (``src/corridors``), the repository's
        ``geodata/``. If neither exists, the path inside the package, so that the
        error naming a missing folder names where an installed copy belongs.
    """
    packaged = Path(str(files("corridors") / FOLDER))
    if packaged.is_dir():
        return packaged
    package = Path(str(files("corridors")))
    checkout = package.parent.parent / FOLDER
    if package.parent.name == "src" and checkout.is_dir():
        return checkout
    return packaged
