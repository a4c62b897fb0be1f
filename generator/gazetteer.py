"""Country gazetteer: which word leads to which ISO 3166-1 code."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import pycountry
import yaml


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


def _key(text: str) -> str:
    text = text.replace("’", "'").strip()
    text = re.sub(r"^(the)\s+", "", text, flags=re.IGNORECASE)
    text = re.sub(r"'s?$", "", text)
    return text.casefold()


# Display names where pycountry's official form reads badly in a briefing.
DISPLAY = {
    "IR": "Iran",
    "RU": "Russia",
    "SY": "Syria",
    "KR": "South Korea",
    "KP": "North Korea",
    "TW": "Taiwan",
    "VN": "Vietnam",
    "BO": "Bolivia",
    "VE": "Venezuela",
    "TZ": "Tanzania",
    "MD": "Moldova",
    "LA": "Laos",
    "PS": "Palestine",
    "CD": "DR Congo",
    "GB": "United Kingdom",
    "US": "United States",
    "XK": "Kosovo",
    "YU": "Yugoslavia",
    "SU": "Soviet Union",
    "CS": "Czechoslovakia",
    "DD": "East Germany",
    "BN": "Brunei",
    "FM": "Micronesia",
    "MK": "North Macedonia",
    "VA": "Vatican City",
    "CZ": "Czech Republic",
    "TR": "Turkey",
}


@functools.cache
def gazetteer() -> Gazetteer:
    data = yaml.safe_load(
        resources.files("generator").joinpath("data/places.yml").read_text("utf-8")
    )
    names: dict[str, str] = {}
    display: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        display[code] = DISPLAY.get(code, getattr(country, "common_name", None) or country.name)
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and "," not in value:
                names.setdefault(_key(value), code)
    for code, label in DISPLAY.items():
        display.setdefault(code, label)
    for code, forms in data["names"].items():
        for form in forms:
            names[_key(form)] = code
    demonyms = {_key(f): code for code, forms in data["demonyms"].items() for f in forms}
    cities = {_key(f): code for code, forms in data["cities"].items() for f in forms}
    return Gazetteer(
        names=names,
        demonyms=demonyms,
        cities=cities,
        ambiguous=frozenset(_key(a) for a in data["ambiguous"]),
        not_countries=frozenset(_key(n) for n in data["not_countries"]),
        country_names=display,
        seats=frozenset(_key(s) for s in data.get("seats", [])),
        idioms=frozenset(_key(i) for i in data.get("idioms", [])),
        first_words=frozenset(
            _key(k.split()[0]) for k in (*names, *demonyms, *cities) if k.split()
        ),
    )
