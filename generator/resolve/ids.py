"""Stable person ids: ids that do not move when articles arrive (resolve stage; pure).

A person's id is the slug of their name. When two different names share a slug ("José Pérez",
"Jose Perez"), one keeps the bare slug and the others get a qualifier that depends only on their
own name (a short hash of it), never on the order articles arrived in. A slug that is the name
of one of the site's own pages or folders (generator.reserved: "Senator Index" would replace
the People index) is never an id: everyone of that name gets the qualifier. Which one keeps the bare
slug: whoever had it in the previous published build (its person ids -> name keys, handed in by
the pipeline from generator.publish.manifest), else the first name in sorted order. Redirects
from the addresses of people merged or renamed since are made by generator.publish.redirects.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Mapping, Sequence

from generator.reserved import RESERVED_IDS
from generator.unicode import plain_name

QUALIFIER = 6  # hex digits of the name hash that tell apart people whose names share a slug


def name_key(name: str) -> str:
    """The identity of a canonical name: case, spacing and apostrophe variants, and characters
    that are not seen (generator.unicode), make no other name."""
    return " ".join(plain_name(name).casefold().replace("’", "'").split())


def qualified(base: str, key: str, digits: int = QUALIFIER) -> str:
    return f"{base}-{hashlib.sha256(key.encode('utf-8')).hexdigest()[:digits]}"


def stable_ids(entries: Sequence[tuple[str, str]], pinned: Mapping[str, str]) -> list[str]:
    """One distinct id per (base slug, name key) entry.

    `pinned` maps ids of the previous published build to the name key that had them. Should the
    same entry come twice (two people of one name), the repeats get a numbered qualifier.
    """
    keys_of: dict[str, set[str]] = defaultdict(set)
    for base, key in entries:
        keys_of[base].add(key)
    owner = {base: _owner(base, keys, pinned) for base, keys in keys_of.items()}
    taken = set(keys_of) | RESERVED_IDS
    chosen: dict[tuple[str, str], str] = {}
    for base, key in sorted(set(entries)):
        chosen[(base, key)] = base if owner[base] == key else _unused(base, key, taken)
    ids, seen = [], set()
    for base, key in entries:
        ident = chosen[(base, key)]
        n = 1
        while ident in seen:
            n += 1
            ident = _unused(base, f"{key}#{n}", taken)
        seen.add(ident)
        ids.append(ident)
    return ids


def _unused(base: str, key: str, taken: set[str]) -> str:
    digits = QUALIFIER
    ident = qualified(base, key, digits)
    while ident in taken:  # a real name slugged like "x-3fa2b1": lengthen the hash
        digits += 2
        ident = qualified(base, key, digits)
    taken.add(ident)
    return ident


def free_id(base: str, key: str) -> str:
    """The id of one name (slug `base`, name key `key`) given outside `stable_ids` (a rename of
    the curation file): `base`, qualified when it is reserved."""
    return qualified(base, key) if base in RESERVED_IDS else base


def _owner(base: str, keys: set[str], pinned: Mapping[str, str]) -> str | None:
    """Which name key keeps the bare slug `base`: none when it is reserved."""
    if base in RESERVED_IDS:
        return None
    previous = pinned.get(base)
    return previous if previous in keys else min(keys)
