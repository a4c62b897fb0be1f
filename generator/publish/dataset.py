"""The curated dossier as data (`dossier export --format json`, the site's `dossier.json`).

Every fact carries where it comes from: the article and paragraph it was read from (with the
character offsets of the words in that paragraph), or the curation rule that set it. Ids are the
dossier's own (the addresses of the site's pages), so they are as stable as the pages. The shape
is fixed by the JSON Schema `generator/publish/dossier.schema.json` (published beside the data as
`dossier.schema.json`); `FORMAT` changes when a change to it would break a reader.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from json.encoder import encode_basestring as _string  # json.dumps' own (C) string encoder
from pathlib import Path
from typing import Any

from generator.model import (
    Article,
    Claim,
    Country,
    Curated,
    Dossier,
    DossierQuote,
    Organisation,
    Person,
    Span,
)

FORMAT = 1
SCHEMA_PATH = Path(__file__).resolve().parent / "dossier.schema.json"

PERSON_ORGANISATION = "person-organisation"
PERSON_COUNTRY = "person-country"


@cache
def dossier_schema() -> dict[str, Any]:
    """The JSON Schema of `dossier_data`'s output."""
    data: dict[str, Any] = json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    return data


def schema_text() -> str:
    """The schema as the site publishes it (`dossier.schema.json`)."""
    return SCHEMA_PATH.read_text(encoding="utf-8")


def dossier_data(dossier: Dossier) -> dict[str, Any]:
    """The dossier as plain JSON data (see the module's docstring)."""
    return {
        "format": FORMAT,
        "articles": [article_data(a) for a in dossier.articles],
        "people": [person_data(p) for p in dossier.people],
        "organisations": [organisation_data(o) for o in dossier.organisations],
        "countries": [country_data(c) for c in dossier.countries],
        "quotes": [quote_data(q) for q in dossier.quotes],
        "relations": list(relations(dossier)),
        "redirects": dict(sorted(dossier.redirects.items())),
    }


def dossier_json(dossier: Dossier) -> str:
    """`dossier_data` as JSON text: the same dossier gives the same bytes."""
    return inert(indented_json(dossier_data(dossier))) + "\n"


Writer = Callable[[str], None]


def indented_json(value: Any) -> str:
    """`json.dumps(value, ensure_ascii=False, indent=1)`, the same text, made in half the time:
    Python's JSON encoder has no C code for indented output, and its Python code took 1.5 s
    for the 23 MB of the corpus' dossier. Strings, whole numbers, booleans, None, lists and
    dicts with string keys are written here; anything else (a float, a tuple, a dict with
    another key) by `json.dumps` itself, indented where it stands."""
    parts: list[str] = []
    _write_indented(value, "\n", parts, parts.append)
    return "".join(parts)


def _write_indented(value: Any, newline: str, parts: list[str], write: Writer) -> None:
    kind = type(value)
    if kind is str:
        write(_string(value))
    elif kind is dict:
        if not value:
            write("{}")
            return
        inner = newline + " "
        separator = "{" + inner
        start = len(parts)
        for key, item in value.items():
            if type(key) is not str:
                del parts[start:]
                write(_as_json_dumps(value, newline))
                return
            write(separator + _string(key) + ": ")
            if type(item) is str:  # the most frequent value, written without a call
                write(_string(item))
            else:
                _write_indented(item, inner, parts, write)
            separator = "," + inner
        write(newline + "}")
    elif kind is list:
        if not value:
            write("[]")
            return
        inner = newline + " "
        separator = "[" + inner
        for item in value:
            write(separator)
            _write_indented(item, inner, parts, write)
            separator = "," + inner
        write(newline + "]")
    elif value is None:
        write("null")
    elif value is True:
        write("true")
    elif value is False:
        write("false")
    elif kind is int:
        write(int.__repr__(value))
    else:
        write(_as_json_dumps(value, newline))


def _as_json_dumps(value: Any, newline: str) -> str:
    """`value` as json.dumps writes it, at the indentation that `newline` starts."""
    return json.dumps(value, ensure_ascii=False, indent=1).replace("\n", newline)


def inert(json_text: str) -> str:
    """JSON text with `<`, `>` and `&` escaped: the same data, and nothing a browser that
    sniffs the file could take for markup (an article's "<script>" stays text). JSON text holds
    these only inside strings, where their escapes mean the same. (str.replace: translate took
    0.5 s over the site's data files.)"""
    return json_text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def article_data(article: Article) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "deck": article.deck or None,
        "author": article.author or None,
        "publisher": article.publisher or None,
        "url": article.url or None,
        "published": article.published or None,
    }


def span_data(span: Span) -> dict[str, Any]:
    """Where words are: the article, the paragraph's anchor, the offsets in it, the words."""
    return {
        "article": span.article,
        "paragraph": span.block,
        "start": span.start,
        "end": span.end,
        "text": span.text,
    }


def source_data(source: Span | Curated) -> dict[str, Any]:
    """A fact's source: the words it was read from, or the curation rule that set it."""
    if isinstance(source, Curated):
        return {"curation": {"file": source.file, "line": source.line}}
    return span_data(source)


def fact_data(claim: Claim) -> dict[str, Any]:
    return {"value": claim.value, "source": source_data(claim.source)}


def person_data(person: Person) -> dict[str, Any]:
    return {
        "id": person.id,
        "name": person.name,
        "aliases": list(person.aliases),
        "kind": person.kind,
        "credit_roles": list(person.credit_roles),
        "roles": [fact_data(c) for c in person.roles],
        "countries": [fact_data(c) for c in person.countries],
        "organisations": [fact_data(c) for c in person.organisations],
        "articles": list(person.articles),
        "mentions": [span_data(s) for s in person.mentions],
    }


def organisation_data(organisation: Organisation) -> dict[str, Any]:
    return {
        "id": organisation.id,
        "name": organisation.name,
        "aliases": list(organisation.aliases),
        "kind": organisation.kind,
        "countries": [fact_data(c) for c in organisation.countries],
        "articles": list(organisation.articles),
        "mentions": [span_data(s) for s in organisation.mentions],
    }


def country_data(country: Country) -> dict[str, Any]:
    return {
        "id": country.id,
        "code": country.code,
        "name": country.name,
        "articles": list(country.articles),
        "mentions": [span_data(ref.span) for ref in country.mentions],
    }


def quote_data(item: DossierQuote) -> dict[str, Any]:
    quote = item.quote
    return {
        "id": item.id,
        "text": quote.span.text,
        "source": span_data(quote.span),
        "speaker": quote.speaker,
        "speaker_org": quote.speaker_org,
        "speaker_text": quote.speaker_text or None,
        "via": quote.via,
        "cue": quote.cue or None,
        "outlet": quote.source or None,
        "date": quote.date or None,
        "partial": quote.partial,
    }


def relations(dossier: Dossier) -> Iterator[dict[str, Any]]:
    """Every tie of a person to an organisation and every country claim of a person, one per
    pair, with every source that gives it."""
    for person in dossier.people:
        yield from _relations(person.id, PERSON_ORGANISATION, "organisation", person.organisations)
        yield from _relations(person.id, PERSON_COUNTRY, "country", person.countries)


def relation_id(person_id: str, kind: str, target: str) -> str:
    """A relation's stable id: made of the ids it joins ("ann-lee:country:IR")."""
    return f"{person_id}:{kind.removeprefix('person-')}:{target}"


def _relations(
    person_id: str, kind: str, field: str, claims: Iterable[Claim]
) -> Iterator[dict[str, Any]]:
    sources: dict[str, list[dict[str, Any]]] = {}
    for claim in claims:
        sources.setdefault(claim.value, []).append(source_data(claim.source))
    for target, found in sources.items():
        yield {
            "id": relation_id(person_id, kind, target),
            "kind": kind,
            "person": person_id,
            field: target,
            "sources": found,
        }
