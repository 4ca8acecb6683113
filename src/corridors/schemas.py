"""The JSON Schemas of the data files, and their errors as one-line messages.

Every data file a geodata folder holds has a schema in the package
(``corridors/*.schema.json``, JSON Schema 2020-12): the layers
(``geodata.schema.json``), ``transit.toml``, the series, the alternate names and
the basemap's metadata; ``common.schema.json`` defines once what they share (an
address, an id, a source and a citation of it). They are the validator of every
structural and conditional rule; the loaders check in Python only what a schema
cannot say.

A schema may carry two annotations that jsonschema ignores and this module reads:
``expected`` (what a value should be, for messages: "an http(s):// address") and
``errorMessage`` (a message for any error of that subschema, or one per keyword,
``{"required": ...}``). ``{value}`` in them stands for the offending value.
"""

from __future__ import annotations

import difflib
import functools
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

from jsonschema import Draft202012Validator, ValidationError
from referencing import Registry, Resource

#: The schema of what the others share.
COMMON = "common.schema.json"


@functools.cache
def load(name: str) -> dict[str, Any]:
    """The parsed schema `name` (e.g. ``"geodata.schema.json"``)."""
    text = (files("corridors") / name).read_text(encoding="utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


@functools.cache
def _registry() -> Registry[Any]:
    names = sorted(p.name for p in files("corridors").iterdir() if p.name.endswith(".schema.json"))
    resources = [(load(name)["$id"], Resource.from_contents(load(name))) for name in names]
    return Registry().with_resources(resources)


@functools.cache
def validator(name: str, definition: str | None = None) -> Draft202012Validator:
    """A validator of schema `name` (or of its ``$defs`` entry `definition`).

    References to the package's other schemas resolve through one registry.
    """
    schema = load(name)
    if definition is not None:
        schema = {"$ref": f"{schema['$id']}#/$defs/{definition}"}
    return Draft202012Validator(schema, registry=_registry())


@dataclass(frozen=True)
class Problem:
    """One schema error, as a message: the instance path, the field it names, the text."""

    path: tuple[str | int, ...]
    field: str
    message: str
    #: The message is about the object at `path` as a whole (what it should be): the
    #: other problems inside that object are then left out as consequences.
    whole: bool = False


def problems(data: Any, name: str, *, definition: str | None = None) -> list[Problem]:
    """Every error of `data` against schema `name`, one `Problem` each, in file order.

    `definition` checks `data` against one of the schema's ``$defs`` instead.

    Errors that say the same thing at the same place (an inline citation lacking
    ``ref`` and holding ``title`` and ``url``) are reported once.
    """
    found: list[Problem] = []
    seen: set[tuple[tuple[str | int, ...], str]] = set()
    errors = sorted(
        validator(name, definition).iter_errors(data), key=lambda e: _sort_key(e.absolute_path)
    )
    for error in errors:
        for problem in _explain(error, name):
            key = (problem.path, problem.message)
            if key not in seen:
                seen.add(key)
                found.append(problem)
    wholes: dict[tuple[str | int, ...], Problem] = {}
    for problem in found:
        if problem.whole:
            wholes.setdefault(problem.path, problem)
    return [
        p
        for p in found
        if wholes.get(p.path, p) is p
        and not any(p.path[: len(w)] == w and len(p.path) > len(w) for w in wholes)
    ]


def field_name(path: Sequence[str | int]) -> str:
    """``["sources", 0, "ref"]`` → ``"sources[0].ref"``."""
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def show(value: Any) -> str:
    """A value as a message shows it (its repr), cut at 80 characters."""
    text = repr(value)
    return text if len(text) <= 80 else text[:77] + "..."


def _sort_key(path: Sequence[Any]) -> list[tuple[int, Any]]:
    return [(0, p) if isinstance(p, int) else (1, str(p)) for p in path]


def _custom(schema: Any, keyword: str | None) -> str | None:
    """The ``errorMessage`` a subschema gives for an error of `keyword`."""
    if not isinstance(schema, Mapping):
        return None
    message = schema.get("errorMessage")
    if isinstance(message, str):
        return message
    if isinstance(message, Mapping) and keyword in message:
        return str(message[keyword])
    return None


def _resolved(schema: Any, name: str) -> Mapping[str, Any]:
    """`schema` with a ``$ref`` (local or to another package schema) followed once."""
    if not isinstance(schema, Mapping):
        return {}
    ref = schema.get("$ref")
    if not isinstance(ref, str):
        return schema
    document, _, pointer = ref.partition("#")
    target: Any = {}
    for doc in [document] if document else [name, COMMON]:
        target = load(doc)
        for part in pointer.strip("/").split("/") if pointer else []:
            target = target.get(part, {}) if isinstance(target, Mapping) else {}
        if target:
            break
    return {**target, **{k: v for k, v in schema.items() if k != "$ref"}}


def _fill(message: str, value: Any) -> str:
    return message.replace("{value}", show(value))


def _explain(error: ValidationError, name: str) -> Iterator[Problem]:
    path = tuple(error.absolute_path)
    here = field_name(path)
    keyword = str(error.validator)
    instance = error.instance
    if keyword in ("required", "dependentRequired"):
        yield from _missing(error, name, path)
        return
    if keyword in ("additionalProperties", "unevaluatedProperties") and isinstance(
        instance, Mapping
    ):
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        allowed = sorted(
            {
                *_resolved(error.schema, name).get("properties", {}),
                *schema.get("properties", {}),
            }
        )
        for extra in sorted(set(instance) - set(allowed)):
            hint = difflib.get_close_matches(extra, allowed, n=1, cutoff=0.6)
            also = f"did you mean {hint[0]!r}? " if hint else ""
            message = (
                f"unknown property {extra!r}; {also}The data model "
                f"(src/corridors/{name}) does not allow it, so a misspelt fact cannot slip "
                "past the sourcing rule."
            )
            yield Problem((*path, extra), field_name((*path, extra)), message)
        return
    custom = _custom(error.schema, keyword)
    if custom is not None:
        yield Problem(path, here, _fill(custom, instance))
        return
    yield Problem(path, here, _default(error, path, name))


def _missing(error: ValidationError, name: str, path: tuple[str | int, ...]) -> Iterator[Problem]:
    """A required (or dependent-required) property that is absent."""
    instance = error.instance if isinstance(error.instance, Mapping) else {}
    if error.validator == "required":
        absent = [p for p in _validator_value(error) if p not in instance]
    else:
        absent = [
            p
            for trigger, needed in _validator_value(error).items()
            if trigger in instance
            for p in needed
            if p not in instance
        ]
    own = _custom(error.schema, "required")
    if own is not None:
        yield Problem(path, field_name(path), _fill(own, instance), whole=True)
        return
    schema = error.schema if isinstance(error.schema, Mapping) else {}
    properties = schema.get("properties", {})
    if not properties:
        properties = _resolved(error.schema, name).get("properties", {})
    for missing in absent:
        where = (*path, missing)
        subschema = properties.get(missing, {}) if isinstance(properties, Mapping) else {}
        custom = _custom(subschema, "required")
        if custom is None:
            expected = _resolved(subschema, name).get("expected")
            also = f" ({expected})" if expected else ""
            custom = f"required property missing; add {missing!r}{also}."
        yield Problem(where, field_name(where), custom)


def _validator_value(error: ValidationError) -> Any:
    """The value of the keyword that failed (``["id", "name"]`` for ``required``).

    Set on every error a validator reports; the stub's ``Unset`` is only a bare
    ``ValidationError``'s.
    """
    return error.validator_value


def _default(error: ValidationError, path: tuple[str | int, ...], name: str) -> str:
    keyword = error.validator
    value = error.instance
    label = next((str(p) for p in reversed(path) if not isinstance(p, int)), "value")
    expected = error.schema.get("expected") if isinstance(error.schema, Mapping) else None
    if keyword == "anyOf" and error.context and all(e.validator == "enum" for e in error.context):
        keyword = "enum"
        options = [o for e in error.context for o in _validator_value(e)]
    else:
        options = list(_validator_value(error)) if keyword == "enum" else []
    if keyword == "enum":
        known = sorted(map(str, options))
        hint = difflib.get_close_matches(str(value), known, n=1)
        also = f"; did you mean {hint[0]!r}?" if hint else "."
        if not isinstance(value, str):
            return f"expected text, one of {known}; got {show(value)}."
        return f"unknown {label} {show(value)}; expected one of {known}{also}"
    if keyword == "const":
        return f"must be {show(error.validator_value)}, got {show(value)}."
    if keyword == "minItems" and error.validator_value == 1:
        return f"expected {expected or 'a non-empty list'}; it must be non-empty."
    if keyword == "uniqueItems":
        return f"lists an item twice: {show(value)}."
    if expected and keyword in {
        "type",
        "pattern",
        "minimum",
        "maximum",
        "exclusiveMinimum",
        "exclusiveMaximum",
        "minItems",
        "maxLength",
        "minLength",
    }:
        return f"expected {expected}, got {show(value)}."
    return f"{error.message} (data model: src/corridors/{name})."
