"""Vocabulary: every word list the rules use, read once from the data files in generator/data/.

Each data file holds the lists of one purpose (people.yml, roles.yml, speech.yml, ...), each list
kept once under one name; rule modules hold logic only and ask here for their words. A list that
is missing or not of the expected shape stops the program with an error naming its file.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from importlib import resources
from types import MappingProxyType

import yaml

from generator.errors import DossierError

DATA = "data"


class LexiconError(DossierError):
    """A data file of the package that is missing, unreadable, or lacks a list the code needs."""


def data_path(file: str) -> str:
    """The data file's path inside the package, as error messages name it."""
    return f"generator/{DATA}/{file}.yml"


@functools.cache
def _document(file: str) -> Mapping[str, object]:
    try:
        text = resources.files("generator").joinpath(f"{DATA}/{file}.yml").read_text("utf-8")
    except OSError as exc:
        raise LexiconError(f"{data_path(file)}: cannot read the data file ({exc})") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise LexiconError(f"{data_path(file)}: not valid YAML ({exc})") from exc
    if not isinstance(data, dict):
        raise LexiconError(f"{data_path(file)}: expected named lists at the top level")
    return data


def _entry(file: str, name: str) -> object:
    data = _document(file)
    if name not in data:
        raise LexiconError(f"{data_path(file)}: the list {name!r} is missing")
    return data[name]


def _malformed(file: str, name: str, expected: str) -> LexiconError:
    return LexiconError(
        f"{data_path(file)}: {name!r} must be {expected} "
        '(quote words YAML reads as something else: "no", "on", "off", "yes")'
    )


def _is_word(value: object) -> bool:
    return isinstance(value, str) and bool(value.strip())


@functools.cache
def word_list(file: str, name: str) -> tuple[str, ...]:
    """A list of words in the order the data file gives them."""
    value = _entry(file, name)
    if not isinstance(value, list) or not value or not all(_is_word(w) for w in value):
        raise _malformed(file, name, "a non-empty list of words")
    return tuple(value)


@functools.cache
def words(file: str, name: str) -> frozenset[str]:
    """A list of words as a set, for membership tests."""
    return frozenset(word_list(file, name))


@functools.cache
def word_table(file: str, name: str) -> Mapping[str, str]:
    """A mapping of words to words (an institution to its country code), in file order."""
    value = _entry(file, name)
    if (
        not isinstance(value, dict)
        or not value
        or not all(_is_word(k) and _is_word(v) for k, v in value.items())
    ):
        raise _malformed(file, name, "a non-empty mapping of words to words")
    return MappingProxyType(dict(value))


@functools.cache
def word_groups(file: str, name: str) -> Mapping[str, tuple[str, ...]]:
    """A mapping of words to lists of words (a country code to its names), in file order."""
    value = _entry(file, name)
    if (
        not isinstance(value, dict)
        or not value
        or not all(
            _is_word(k) and isinstance(v, list) and all(_is_word(w) for w in v)
            for k, v in value.items()
        )
    ):
        raise _malformed(file, name, "a non-empty mapping of words to lists of words")
    return MappingProxyType({k: tuple(v) for k, v in value.items()})


def alternation(alternatives: Iterable[str]) -> str:
    """A regex group matching any of the words literally, `(?:...|...)`, longest first (so that
    no word is cut short by another that begins it: "Sept" before "Sep")."""
    ordered = sorted(dict.fromkeys(alternatives), key=len, reverse=True)
    return "(?:" + "|".join(re.escape(w) for w in ordered) + ")"
