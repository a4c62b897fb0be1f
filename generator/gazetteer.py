"""Country gazetteer: which word leads to which ISO 3166-1 code."""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass

import pycountry

from generator import lexicon


@dataclass(frozen=True)
class Gazetteer:
    names: dict[str, str]  # exact name or short form -> code
    demonyms: dict[str, str]
    cities: dict[str, str]
    ambiguous: frozenset[str]
    not_countries: frozenset[str]
    country_names: dict[str, str]  # code -> display name
    seats: frozenset[str] = frozenset()  # capitals and institutions that stand for the state
    first_words: frozenset[str] = frozenset()  # first word of every name, demonym and city
    idioms: frozenset[str] = frozenset()  # "German shepherd": no country in it

    def code_of(self, text: str) -> str | None:
        """The country a place name, short form, demonym or city stands for, if any."""
        key = _key(text)
        if not key or key in self.not_countries:
            return None
        return self.names.get(key) or self.demonyms.get(key) or self.cities.get(key)

    def state_code(self, text: str) -> str | None:
        """The country a country name, short form or demonym stands for (not a city: a city in
        an organisation's name, "Shanghai Cooperation Organization", names no owner)."""
        key = _key(text)
        if not key or key in self.not_countries:
            return None
        return self.names.get(key) or self.demonyms.get(key)

    def in_idiom(self, text: str, after: str) -> bool:
        """Whether a country word and the word after it name a thing ("German shepherds",
        "French fries"), where the country word names no country."""
        singular = {after, after.removesuffix("s"), after.removesuffix("es")}
        if after.endswith("ies"):
            singular.add(after[:-3] + "y")  # "pastries"
        return any(_key(f"{text} {word}") in self.idioms for word in singular)

    def is_ambiguous(self, text: str) -> bool:
        """A word that is a country only when the model tags it as a place ("Jordan", "Chad")."""
        return _key(text) in self.ambiguous

    def may_start(self, word: str) -> bool:
        """Whether some name, demonym or city begins with this word (a cheap first filter)."""
        return _key(word) in self.first_words

    def is_seat(self, text: str) -> bool:
        """A capital or institution that can stand for its state ("Moscow said")."""
        return _key(text) in self.seats

    def kind_of(self, text: str) -> str:
        key = _key(text)
        if key in self.names:
            return "name"
        if key in self.demonyms:
            return "demonym"
        if key in self.cities:
            return "city"
        return ""

    def name_of(self, code: str) -> str:
        return self.country_names.get(code, code)


@functools.lru_cache(maxsize=16384)  # called tens of thousands of times per 100 articles
def _key(text: str) -> str:
    text = text.replace("’", "'").strip()
    text = re.sub(r"^(the)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"'s?$", "", text)
    return text.casefold()


@functools.cache
def gazetteer() -> Gazetteer:
    display_names = lexicon.word_table("places", "display_names")
    names: dict[str, str] = {}
    display: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        display[code] = display_names.get(
            code, getattr(country, "common_name", None) or country.name
        )
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names.setdefault(_key(value), code)
    for code, label in display_names.items():
        display.setdefault(code, label)
    for code, forms in lexicon.word_groups("places", "names").items():
        for form in forms:
            names[_key(form)] = code
    demonyms = _by_key(lexicon.word_groups("places", "demonyms"))
    cities = _by_key(lexicon.word_groups("places", "cities"))
    return Gazetteer(
        names=names,
        demonyms=demonyms,
        cities=cities,
        ambiguous=_keys("ambiguous"),
        not_countries=_keys("not_countries"),
        country_names=display,
        seats=_keys("seats"),
        idioms=_keys("idioms"),
        first_words=frozenset(
            _key(k.split()[0]) for k in (*names, *demonyms, *cities) if k.split()
        ),
    )


def _by_key(groups: Mapping[str, tuple[str, ...]]) -> dict[str, str]:
    return {_key(form): code for code, forms in groups.items() for form in forms}


def _keys(name: str) -> frozenset[str]:
    return frozenset(_key(word) for word in lexicon.word_list("places", name))
