"""Place names in every script: match what users type to ids, names and alternate names.

Users name places as they write them: ``Almaty``, ``Алматы``, ``Алма-Ата``, ``乌鲁木齐``,
``Wulumuqi``, ``Ürümqi``, ``Bakı``, ``Qorğas``. Every label is folded to a comparison key
by transliterating it to ASCII with ``anyascii`` (Cyrillic ``Алматы`` → ``almaty``;
Chinese characters to toneless pinyin, ``乌鲁木齐`` → ``wulumuqi``), dropping case,
accents, spaces and punctuation. Candidates carry their own labels (id, name); places
also carry the alternate names of ``geodata/alternate-names.json`` (GeoNames, derived
by ``tools/derive_names.py``). When nothing matches, the closest labels by similarity
are suggested.
"""

from __future__ import annotations

import difflib
import json
import os
import re
import unicodedata
from collections.abc import Mapping, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from anyascii import anyascii

from corridors import arguments, schemas
from corridors.errors import GeodataError, GeodataErrors, UnknownNameError

#: The alternate-names file, relative to a geodata folder.
ALTERNATE_NAMES = "alternate-names.json"

_Key = TypeVar("_Key")
_LOOSE = (
    (re.compile(r"q"), "k"),  # Kazakh Қ: Aqtau / Aktau, Dostyq / Dostyk
    (re.compile(r"(?<=[kgzsct])h"), ""),  # digraphs: Qorghas / Qorğas, Shymkent / Şymkent
    (re.compile(r"y"), "i"),  # Almaty / Almatı
)


@lru_cache(maxsize=16384)
def fold(name: str) -> str:
    """Transliterate to lower-case ASCII words: 'Ürümqi' → 'urumqi', 'Алма-Ата' → 'alma ata'."""
    text = anyascii(unicodedata.normalize("NFKC", name)).lower()
    return " ".join("".join(ch if ch.isalnum() else " " for ch in text).split())


@lru_cache(maxsize=16384)
def key(name: str) -> str:
    """The comparison key: `fold` without spaces, so 'Xi'an', 'xian' and '西安' agree."""
    return fold(name).replace(" ", "")


@lru_cache(maxsize=16384)
def loose_key(name: str) -> str:
    """A looser key for a last try: Kazakh Latin and Cyrillic transliterations agree.

    'Qorğas' (Kazakh Latin) and 'Қорғас' (Cyrillic, 'qorghas') both give 'korgas';
    'Aqtau' and 'Aktau' both give 'aktau'.
    """
    text = key(name)
    for pattern, repl in _LOOSE:
        text = pattern.sub(repl, text)
    return text


def alternate_names(root: str | os.PathLike[str]) -> dict[str, tuple[str, ...]]:
    """Return feature id → alternate names from ``<root>/alternate-names.json`` (or {}).

    Read from the file on every call: the folder's catalog keeps the result
    (`corridors.catalog.Catalog.kept`) until a file of the folder changes.

    Parameters
    ----------
    root
        A geodata folder.

    Returns
    -------
    alternates
        Feature id → its alternate names, in the file's order; {} without the file.

    Raises
    ------
    GeodataError
        If the file cannot be read or is not shaped as ``tools/derive_names.py`` writes it.
    """
    path = Path(root) / ALTERNATE_NAMES
    if not path.is_file():
        return {}
    places = read_alternate_names(path)["places"]
    return {str(fid): tuple(str(n) for n in entry["names"]) for fid, entry in places.items()}


#: The alternate-names file's schema.
SCHEMA = "alternate-names.schema.json"


def read_alternate_names(path: Path) -> dict[str, Any]:
    """The parsed alternate-names file, validated by its schema.

    Parameters
    ----------
    path
        The file (``alternate-names.json`` of a geodata folder).

    Returns
    -------
    data
        The file's JSON: ``{"places": {feature id: {"names": [...], ...}}}``.

    Raises
    ------
    GeodataError
        If the file cannot be read, is not JSON or breaks the schema (a
        `GeodataErrors` with one line per problem when there are several).
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as exc:
        msg = f"cannot read the alternate names ({exc}); rerun tools/derive_names.py."
        raise GeodataError(msg, file=str(path)) from None
    found = [
        GeodataError(p.message, file=str(path), field=p.field or None)
        for p in schemas.problems(data, SCHEMA)
    ]
    if found:
        raise found[0] if len(found) == 1 else GeodataErrors(found)
    return data  # type: ignore[no-any-return]


def match(
    what: str,
    name: str,
    candidates: Sequence[tuple[_Key, Sequence[str]]],
    *,
    alternates: Mapping[str, Sequence[str]] | None = None,
) -> _Key:
    """Return the key of the candidate one of whose labels is `name`, in any script.

    Parameters
    ----------
    what
        What is looked for ("place", "network node"...), for the error message.
    name
        What the user typed.
    candidates
        (key, labels) pairs; the first label is the id (or code), then the name.
    alternates
        Feature id → alternate names; looked up by each candidate's first label.

    Labels are tried in order: every candidate's first label, then every second label
    and so on, then the alternate names; first by `key`, then by `loose_key`. A
    candidate found first wins, so an id or a name always beats an alternate name.

    Raises
    ------
    UnknownNameError
        If nothing matches; the message suggests the closest labels by similarity.
    """
    found = find(name, candidates, alternates=alternates)
    if found is not None:
        return found[0]
    alternates = alternates or {}
    raise UnknownNameError(
        what,
        name,
        [str(labels[0]) for _, labels in candidates if labels],
        suggestions=suggest(name, candidates, alternates=alternates),
    )


def find(
    name: str,
    candidates: Sequence[tuple[_Key, Sequence[str]]],
    *,
    alternates: Mapping[str, Sequence[str]] | None = None,
) -> tuple[_Key] | None:
    """`match` without the error: ``(key,)`` of the matching candidate, or None.

    For a caller with a fallback (a sea end is a node or else a searoute port): a
    miss costs no suggestions, which compare `name` with every label by similarity.
    """
    arguments.name(name, argument="name")  # a 100,000-character name would take minutes
    for k, labels in candidates:  # the common case first: an exact id or code
        if labels and labels[0] == name:
            return (k,)
    alternates = alternates or {}
    labelled = [
        (k, [*labels, *alternates.get(str(labels[0]), ())] if labels else [])
        for k, labels in candidates
    ]
    for folding in (key, loose_key):
        wanted = folding(name)
        if not wanted:
            break
        depth = max((len(labels) for _, labels in labelled), default=0)
        for i in range(depth):
            for k, labels in labelled:
                if i < len(labels) and folding(labels[i]) == wanted:
                    return (k,)
    return None


def suggest(
    name: str,
    candidates: Sequence[tuple[object, Sequence[str]]],
    *,
    alternates: Mapping[str, Sequence[str]] | None = None,
    n: int = 3,
    cutoff: float = 0.6,
) -> list[str]:
    """The `n` candidates whose labels are most like `name`, best first.

    Similarity is difflib's ratio between the folded texts, the best over each
    candidate's labels and alternate names; each candidate is shown by the one of its
    own labels (id or name, folded) most like `name`, which matches it when typed.
    """
    alternates = alternates or {}
    wanted = fold(name)

    def ratio(label: str) -> float:
        return difflib.SequenceMatcher(None, wanted, fold(label)).ratio()

    scored = []
    for _, labels in candidates:
        if not labels:
            continue
        best = max(ratio(label) for label in [*labels, *alternates.get(str(labels[0]), ())])
        if best >= cutoff:
            shown = fold(max(labels, key=ratio))
            scored.append((-best, shown))
    return [shown for _, shown in sorted(scored)[:n]]
