"""Checking the arguments of the public API before they reach the data.

A wrong type raises `TypeError` and a bad value `corridors.InputError`, each
naming the argument, so that a misuse such as ``route_length(None)`` or
``build_all(out, names="border")`` fails at the call with a message that says what
was expected, not deep inside pandas or the error formatter.
"""

from __future__ import annotations

from corridors.errors import InputError

#: The longest name or id accepted (the longest in the data is under 100
#: characters): a longer one cannot match, and comparing it for suggestions is slow.
MAX_NAME_CHARS = 200


def name(value: object, *, argument: str, what: str = "a name or id") -> str:
    """Check a name or id argument (``route``, ``origin``, ``layer``...) and return it.

    Parameters
    ----------
    value
        What the caller passed.
    argument
        The argument's name, for the message.
    what
        What it should be, e.g. "a route id such as 'cagp-line-a'".

    Raises
    ------
    TypeError
        If `value` is not a str.
    InputError
        If it is empty, holds a NUL byte or is longer than `MAX_NAME_CHARS`.

    Examples
    --------
    >>> name("cagp-line-a", argument="route")
    'cagp-line-a'
    >>> name(None, argument="route", what="a route id")
    Traceback (most recent call last):
    ...
    TypeError: route must be a route id (str), got None.
    """
    if not isinstance(value, str):
        shown = repr(value) if len(repr(value)) <= 60 else type(value).__name__
        msg = f"{argument} must be {what} (str), got {shown}."
        raise TypeError(msg)
    if not value.strip():
        msg = f"{argument} is empty; give {what}."
        raise InputError(msg)
    if "\0" in value:
        msg = f"{argument} holds a NUL byte; give {what}."
        raise InputError(msg)
    if len(value) > MAX_NAME_CHARS:
        msg = (
            f"{argument} is {len(value):,} characters long; names and ids are at most "
            f"{MAX_NAME_CHARS}."
        )
        raise InputError(msg)
    return value


def optional_name(value: object, *, argument: str, what: str = "a name or id") -> str | None:
    """`name`, or None passed through (an argument whose default is None)."""
    return None if value is None else name(value, argument=argument, what=what)
