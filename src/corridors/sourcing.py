"""What the schema cannot say about a feature's sources.

The JSON Schema fixes the shape of citations (``{ref, quote?, supports?}``); this
module checks them against the file and the facts: every citation names a source
the file lists, every fact is backed by a citation that ``supports`` it (or is
computed from cited parts), a quote backing a figure contains that figure, and a
figure ``computed_from`` published parts is what the parts give.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from corridors.errors import GeodataError

#: Makes the error of one feature: ``err(field, message)``.
Err = Callable[[str, str], GeodataError]

#: Properties that state a fact and so must be named in a citation's ``supports``.
FACT_FIELDS = (
    "published_length",
    "published_country_length",
    "capacity",
    "opened",
    "operator",
    "diameter",
)
#: Facts holding a figure ({value, unit}) that a supporting quote must contain.
FIGURE_FIELDS = ("published_length", "published_country_length", "capacity", "diameter")


def figure_forms(value: float) -> set[str]:
    """How a figure may be written in a quote.

    Examples
    --------
    >>> sorted(figure_forms(312.1))
    ['312,1', '312.1']
    >>> "1 833" in figure_forms(1833) and "1,833" in figure_forms(1833)
    True
    >>> "540 thousand" in figure_forms(540_000)
    True
    """
    v = float(value)
    if not v.is_integer():
        return {f"{v:g}", f"{v:g}".replace(".", ",")}
    i = int(v)
    grouped = f"{i:,}"
    forms = {str(i), grouped, *(grouped.replace(",", sep) for sep in (" ", ".", "\u202f", "\xa0"))}
    if i % 1000 == 0:
        forms |= {f"{i // 1000} тыс.", f"{i // 1000} thousand", f"{i // 1000},000"}
    return forms


def quotes_figure(quote: str, value: float) -> bool:
    """Whether `quote` contains `value` in one of its written forms (`figure_forms`)."""
    return any(form in quote for form in figure_forms(value))


def citations(props: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every citation of a feature, with the field it sits in."""
    for i, citation in enumerate(props.get("sources", [])):
        yield f"sources[{i}]", citation
    for i, wp in enumerate(props.get("waypoints", [])):
        for key in ("source", "route_source"):
            if key in wp:
                yield f"waypoints[{i}].{key}", wp[key]
        if "km_post" in wp:
            yield f"waypoints[{i}].km_post.source", wp["km_post"]["source"]
    for field in ("published_length_alternatives", "other_facts"):
        for i, item in enumerate(props.get(field, [])):
            yield f"{field}[{i}].source", item["source"]
    for i, citation in enumerate(props.get("not_drawn", {}).get("sources", [])):
        yield f"not_drawn.sources[{i}]", citation
    for field, quantity in _quantities(props):
        if "computed_from" in quantity:
            yield from _part_citations(quantity["computed_from"], f"{field}.computed_from")


def _part_citations(
    computed: Mapping[str, Any], where: str
) -> Iterator[tuple[str, Mapping[str, Any]]]:
    for i, part in enumerate(computed["parts"]):
        if "source" in part:
            yield f"{where}.parts[{i}].source", part["source"]
        else:
            yield from _part_citations(part["computed_from"], f"{where}.parts[{i}].computed_from")


def _quantities(props: Mapping[str, Any]) -> Iterator[tuple[str, Mapping[str, Any]]]:
    """The figures of `FIGURE_FIELDS`, by field (one per country for lengths by country)."""
    for field in FIGURE_FIELDS:
        if field == "published_country_length":
            for iso3, quantity in props.get(field, {}).items():
                yield f"{field}.{iso3}", quantity
        elif field in props:
            yield field, props[field]


def sourcing_problems(
    props: Mapping[str, Any], sources: Mapping[str, Any], err: Err
) -> Iterator[GeodataError]:
    """Every sourcing problem of a feature whose properties passed the schema."""
    for where, citation in citations(props):
        ref = citation["ref"]
        if ref not in sources:
            hint = difflib.get_close_matches(ref, list(sources), n=1)
            also = f"; did you mean {hint[0]!r}?" if hint else "; add it to the file's 'sources'."
            yield err(f"{where}.ref", f"cites {ref!r}, which is not in the file's sources{also}")
    supporting: dict[str, list[str]] = {}
    for citation in props["sources"]:
        for fact in citation.get("supports", []):
            supporting.setdefault(fact, []).append(citation.get("quote", ""))
    for field in FACT_FIELDS:
        if field in props and field not in supporting and not _computed(props[field]):
            yield err(
                field,
                "this fact has no source; add a citation whose 'supports' lists "
                f"{field!r} (or give it 'computed_from' its cited parts).",
            )
    if "waypoints" not in props and "geometry" not in supporting:
        yield err(
            "sources",
            'no source for the geometry; add a citation with "supports": '
            "[\"geometry\"] or list cited 'waypoints'.",
        )
    for field, quantity in _quantities(props):
        fact = field.split(".")[0]
        if "computed_from" in quantity:
            yield from _computed_problems(
                quantity["value"], quantity["computed_from"], f"{field}.computed_from", err
            )
        elif fact in supporting and not quotes_figure(
            " ".join(supporting[fact]), quantity["value"]
        ):
            yield err(
                field,
                f"no quote of a citation supporting {fact!r} contains the figure "
                f"{quantity['value']:g}; quote the sentence that states it (or give the "
                "figure 'computed_from' its cited parts).",
            )


def _computed(fact: Any) -> bool:
    if not isinstance(fact, Mapping):
        return False
    if "computed_from" in fact:
        return True
    values = list(fact.values())
    return bool(values) and all(isinstance(v, Mapping) and "computed_from" in v for v in values)


def _computed_problems(
    value: float, computed: Mapping[str, Any], where: str, err: Err
) -> Iterator[GeodataError]:
    """The parts give `value`, and each cited part's quote contains its figure."""
    parts = computed["parts"]
    for i, part in enumerate(parts):
        if "computed_from" in part:
            yield from _computed_problems(
                part["value"], part["computed_from"], f"{where}.parts[{i}].computed_from", err
            )
        elif not quotes_figure(part["source"].get("quote", ""), part["value"]):
            yield err(
                f"{where}.parts[{i}].source",
                f"the quote does not contain the part's figure {part['value']:g}; "
                "quote the sentence that states it.",
            )
    values = [float(p["value"]) for p in parts]
    result = sum(values) if computed["operation"] == "sum" else values[0] - sum(values[1:])
    if not math.isclose(result, value, rel_tol=1e-9, abs_tol=1e-9):
        sign = " + " if computed["operation"] == "sum" else " − "
        yield err(
            where,
            f"the parts give {sign.join(f'{v:g}' for v in values)} = {result:g}, "
            f"not the value {value:g}; fix the parts or the value.",
        )


#: Hosts that serve copies of pages published elsewhere: Wikipedia mirrors, kiwix and
#: IPFS snapshots, machine translations of articles, re-posts of agency stories, web
#: archives and proxies. A source's ``url`` is the original page; the copy that was read
#: goes into ``copy`` beside it. A host matches itself and its subdomains.
MIRROR_HOSTS: tuple[str, ...] = (
    # Wikipedia mirrors, snapshots and proxies
    "hessslslslsls.azureedge.net",
    "wiki.li",
    "wikipedia-on-ipfs.org",
    "ipfs.io",
    "cloudflare-ipfs.com",
    "dweb.link",
    "newikis.com",
    "piglix.com",
    "wiki-org.ru",
    "wiki.riteme.site",
    "wiki.av1.space",
    "osmarks.net",
    "encyclopedia.datana.cloud",
    "the-uncensored-wiki.com",
    "wiki.x.io",
    "kfd.me",
    "wikizero.com",
    "wikizero.org",
    "pinocchiopedia.com",
    "infosekolah.net",
    "eymaps.com",
    "conceptmap.cfapps.io",
    "wiki.richxsearch.com",
    "campus1.de",
    "hqproductreviews.com",
    "pediainside.com",
    "wikisort.org",
    "profilpelajar.com",
    "academic.ru",
    "de-academic.com",
    "stamp-i-k.ru",
    "twwiki.net",
    "worddisk.com",
    "absoluteastronomy.com",
    "wiki-gateway.eudic.net",
    "memim.com",
    "askwikinow.com",
    "fanyv88.com",
    # machine translations of Wikipedia articles
    "perceptiode.com",
    "perceptiofi.com",
    "perceptiofr.com",
    "zxc.wiki",
    "frwiki.wiki",
    "mgwiki.top",
    "qwertyu.wiki",
    "jablog.org",
    "pedia.3rd-in.co.jp",
    "ilovetranslation.com",
    # kiwix servers, web archives and caches
    "kiwix",
    "web.archive.org",
    "archive.org",
    "archive.today",
    "archive.ph",
    "archive.is",
    "wayback.bac-lac.canada.ca",
    "webcache.googleusercontent.com",
)
_HOST = re.compile(r"^[a-z][a-z0-9+.-]*://(?:[^@/?#]*@)?([^/:?#]*)", re.IGNORECASE)


def url_host(url: str) -> str:
    """The host of `url`, in lower case (empty if it has none).

    Examples
    --------
    >>> url_host("https://de.wiki.li/Alashankou")
    'de.wiki.li'
    """
    match = _HOST.match(url)
    return match.group(1).lower() if match else ""


def mirror_host(url: str) -> str | None:
    """Why `url` is not an original page: the mirror host it is on, or None.

    Mobile Wikipedia (``xx.m.wikipedia.org``) and an address whose host ends in a dot
    count as copies of the canonical address; a kiwix server counts by name.

    Examples
    --------
    >>> mirror_host("https://ru.wikipedia-on-ipfs.org/wiki/Alyat")
    'wikipedia-on-ipfs.org'
    >>> mirror_host("https://de.m.wikipedia.org/wiki/Dostyq")
    'm.wikipedia.org'
    >>> mirror_host("https://de.wikipedia.org/wiki/Dostyq") is None
    True
    """
    host = url_host(url)
    if host.endswith("."):
        return host
    if host.endswith(".m.wikipedia.org"):
        return "m.wikipedia.org"
    for known in MIRROR_HOSTS:
        if "." not in known:  # a name (kiwix): any host carrying it
            if known in host.split("."):
                return known
        elif host == known or host.endswith(f".{known}"):
            return known
    return None


def read_at(source: Mapping[str, Any]) -> str:
    """Where the page of a source was read when only a copy could be: "read at <host>".

    Empty for a source read at its original address (a source read back by `parse_cited`
    carries it as ``read_at``).

    Examples
    --------
    >>> read_at({"title": "t", "url": "https://x.org/a", "copy": "https://www.copy.net/a"})
    'read at www.copy.net'
    """
    copied = source.get("copy")
    if isinstance(copied, str) and copied:
        return f"read at {url_host(copied)}"
    known = source.get("read_at")
    return known if isinstance(known, str) else ""


def cited_text(source: Mapping[str, Any]) -> str:
    """A source as one line of text: ``title <url>``, and where it was read if a copy.

    Examples
    --------
    >>> cited_text({"title": "Kars", "url": "https://en.wikipedia.org/wiki/Kars"})
    'Kars <https://en.wikipedia.org/wiki/Kars>'
    """
    where = read_at(source)
    text = f"{source.get('title')} <{source.get('url')}>"
    return f"{text} ({where})" if where else text


_CITED = re.compile(r"^(?P<title>.*) <(?P<url>[^<>\s]+)>(?: \(read at (?P<host>[^()]+)\))?$")


def parse_cited(text: str) -> dict[str, str]:
    """A source written by `cited_text` read back: title, url and the copy's host, if any.

    Examples
    --------
    >>> parse_cited("Kars <https://en.wikipedia.org/wiki/Kars> (read at kiwix.lema.org)")["read_at"]
    'read at kiwix.lema.org'
    >>> parse_cited("Kars <https://en.wikipedia.org/wiki/Kars>")
    {'title': 'Kars', 'url': 'https://en.wikipedia.org/wiki/Kars'}
    >>> parse_cited("no address")
    {'title': 'no address', 'url': ''}
    """
    match = _CITED.match(text)
    if match is None:
        return {"title": text, "url": ""}
    out = {"title": match["title"], "url": match["url"]}
    return {**out, "read_at": f"read at {match['host']}"} if match["host"] else out


def listed_sources(data: Any, where: str = "") -> Iterator[tuple[str, Mapping[str, Any]]]:
    """Every source ({title, url, ...}) anywhere in a parsed data file, by its field path.

    Examples
    --------
    >>> data = {"sources": {"a": {"title": "t", "url": "https://x.org"}}}
    >>> [field for field, _ in listed_sources(data)]
    ['sources.a']
    """
    if isinstance(data, Mapping):
        if isinstance(data.get("title"), str) and isinstance(data.get("url"), str):
            yield where, data
            return
        for key, value in data.items():
            yield from listed_sources(value, f"{where}.{key}" if where else str(key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from listed_sources(value, f"{where}[{i}]")


def mirror_problems(
    sources: Iterable[tuple[str, Mapping[str, Any]]],
    *,
    origin: str,
    cited_by: Mapping[str, str] | None = None,
) -> Iterator[GeodataError]:
    """Every source whose ``url`` is on a mirror host (`MIRROR_HOSTS`).

    Parameters
    ----------
    sources
        The sources of a file, each with its field path (``sources.<id>``), as
        `listed_sources` gives them.
    origin
        The file, for the messages.
    cited_by
        The first feature citing each source, by field path, named if given.
    """
    for where, source in sources:
        url = source.get("url")
        host = mirror_host(url) if isinstance(url, str) else None
        if host is None:
            continue
        yield GeodataError(
            f"{url} is a copy on {host}, not the original page; set 'url' to the original "
            "(the article's canonical address, the agency's own story) and put the copy's "
            "address in 'copy'.",
            file=origin,
            feature=(cited_by or {}).get(where),
            field=f"{where}.url",
        )
