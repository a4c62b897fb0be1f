"""People in one article: their mentions (`mentions`) grouped by person into PersonRefs, with
their roles (`roles`) and countries (`countries`).

Pure functions over a spaCy Doc laid out by `layout.Layout`; only `analyse` loads spaCy.
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from collections.abc import Sequence

from spacy.tokens import Doc

from generator.model import PersonRef
from generator.nlp.countries import with_countries
from generator.nlp.layout import Layout
from generator.nlp.mentions import Mention, after_honorific, person_mentions
from generator.nlp.roles import person_roles
from generator.text import slug, without_accents


def clusters(mentions: Sequence[Mention], text: str = "") -> dict[str, list[Mention]]:
    """Mentions grouped by the person they name, keyed by the fullest name.

    A surname or first name joins the full name that carries it; when two full names share it,
    it joins the one mentioned most recently before it, or stays apart if none was. A name in
    brackets right after another ("Parris Chang (Chang Hsu-ch'eng)") is the same person's.
    """
    bracketed = _bracketed_aliases(mentions, text)
    full_names = list(
        dict.fromkeys(
            m.name for m in mentions if len(m.name.split()) > 1 and m.name not in bracketed
        )
    )
    every_part = _names_by_part(full_names)
    full_names = [n for n in full_names if not _within_others(n, every_part)]
    by_part = _names_by_part(full_names)
    groups: dict[str, list[Mention]] = defaultdict(list)
    last_seen: dict[str, int] = {}
    for mention in mentions:
        if mention.name in bracketed:
            owner = _owner(bracketed[mention.name], by_part, last_seen)
        else:
            owner = _owner(mention.name, by_part, last_seen)
            if owner == mention.name and owner not in by_part.get(_words(owner), ()):
                aliased = {
                    _owner(b, by_part, last_seen) for b in bracketed if _contains(b, mention.name)
                }
                owner = aliased.pop() if len(aliased) == 1 else owner
        groups[owner].append(mention)
        last_seen[owner] = mention.start
    return dict(groups)


def _bracketed_aliases(mentions: Sequence[Mention], text: str) -> dict[str, str]:
    """Names written in brackets straight after another person's name -> that name."""
    out: dict[str, str] = {}
    for before, after in itertools.pairwise(mentions):
        if (
            text[before.end : after.start].strip() == "("
            and text[after.end : after.end + 1] == ")"
            and before.name != after.name
        ):
            out.setdefault(after.name, before.name)
    return out


def _contains(longer: str, shorter: str) -> bool:
    words, part = longer.split(), shorter.split()
    return len(part) < len(words) and any(
        words[i : i + len(part)] == part for i in range(len(words))
    )


def _words(name: str) -> tuple[str, ...]:
    """The words a name is matched by, accents off: "Erdogan" is a part of "Recep Erdoğan"."""
    return tuple(without_accents(name).split())


def _names_by_part(full_names: Sequence[str]) -> dict[tuple[str, ...], list[str]]:
    """Each run of words of a full name (the whole name included) -> the full names holding it,
    in their order: the names a shorter name may refer to, found without a scan of them all."""
    out: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for name in full_names:
        words = _words(name)
        runs = {words[i:j] for i in range(len(words)) for j in range(i + 1, len(words) + 1)}
        for run in runs:
            out[run].append(name)
    return out


def _within_others(name: str, by_part: dict[tuple[str, ...], list[str]]) -> bool:
    """Whether a longer full name holds `name`'s words as a run ("John Smith" in "John Smith
    Jones")."""
    words = _words(name)
    return any(len(_words(other)) > len(words) for other in by_part.get(words, ()))


def _owner(name: str, by_part: dict[tuple[str, ...], list[str]], last_seen: dict[str, int]) -> str:
    words = _words(name)
    if name in by_part.get(words, ()):
        return name
    candidates = [n for n in by_part.get(words, ()) if len(_words(n)) > len(words)]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        recent = [n for n in candidates if n in last_seen]
        if recent:
            return max(recent, key=lambda n: last_seen[n])
        surname = [n for n in candidates if _words(n)[-1:] == words]
        return surname[0] if len(surname) == 1 else name
    return name


def person_refs(doc: Doc, layout: Layout) -> tuple[PersonRef, ...]:
    """The people of one article with mentions, roles and countries, in order of first mention."""
    groups = clusters(person_mentions(doc, layout), layout.text)
    keys = _unique_keys(list(groups))
    refs: list[PersonRef] = []
    for name, mentions in groups.items():
        roles = tuple(person_roles(doc, layout, mentions))
        refs.append(
            PersonRef(
                key=keys[name],
                name=name,
                aliases=tuple(dict.fromkeys(_alias(doc, m) for m in mentions)),
                mentions=tuple(layout.span(m.start, m.end) for m in mentions),
                roles=roles,
            )
        )
    return with_countries(doc, layout, refs, groups)


def _alias(doc: Doc, m: Mention) -> str:
    """The name as written, with an honorific right before it ("Mr Straw")."""
    surface = m.surface.removesuffix("’s").removesuffix("'s")
    honorific = after_honorific(doc, m.start)
    return (
        f"{honorific.strip()} {m.name}"
        if honorific and not surface.startswith(honorific.strip())
        else surface
    )


def _unique_keys(names: list[str]) -> dict[str, str]:
    keys: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        key = slug(name)
        n = 2
        while key in used:
            key, n = f"{slug(name)}-{n}", n + 1
        used.add(key)
        keys[name] = key
    return keys
