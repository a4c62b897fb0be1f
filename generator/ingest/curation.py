"""The curation file (`content/curation.yml`): a human's corrections to the people of the dossier.

The generator reads this file and never writes it. Five kinds of rule, each a top-level key:

    merge:   [{into: ID, ids: [ID, ...]}]            several profiles are one person
    split:   [{id: ID, new_id: ID, articles: [...]}]  mentions in these articles are someone else
    rename:  [{id: ID, name: NAME, new_id: ID?}]      display name (and id) of a profile
    drop:    [ID, ...]                                not a person (an organisation, a show)
    set:     [{id: ID, countries: [CC], roles: [..]}] a person's countries and/or roles
    organisations:                                    the same for organisations' profiles:
      merge:  [{into: ID, ids: [ID, ...]}]
      rename: [{id: ID, name: NAME, new_id: ID?}]
      set:    [{id: ID, kind: KIND, countries: [CC]}] (kinds: generator/data/orgkinds.yml)
      drop:   [ID, ...]
    speakers: [{quote: QID, speaker: ID|null}]      who said one quote (or article + paragraph)

Every mistake raises `ContentError(path, line, message, hint)` naming the line. `docs/curation.md`
documents the format for editors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from generator import lexicon
from generator.errors import ContentError
from generator.gazetteer import gazetteer
from generator.reserved import RESERVED_IDS
from generator.text import slug
from generator.unicode import plain_name

ACTIONS = ("merge", "split", "rename", "drop", "set", "organisations", "speakers")
ORG_ACTIONS = ("merge", "rename", "set", "drop")
ORG_KINDS = lexicon.word_table("orgkinds", "labels")  # kind -> heading of the index
_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Merge:
    into: str
    ids: tuple[str, ...]
    line: int = 0


@dataclass(frozen=True)
class Split:
    id: str
    new_id: str
    articles: tuple[str, ...]
    name: str = ""
    line: int = 0


@dataclass(frozen=True)
class Rename:
    id: str
    name: str
    new_id: str = ""
    line: int = 0


@dataclass(frozen=True)
class Drop:
    id: str
    line: int = 0


@dataclass(frozen=True)
class SetFacts:
    id: str
    countries: tuple[str, ...] | None = None  # None: leave as extracted
    roles: tuple[str, ...] | None = None
    line: int = 0


@dataclass(frozen=True)
class OrgFacts:
    id: str
    kind: str | None = None  # None: leave as extracted
    countries: tuple[str, ...] | None = None
    line: int = 0


@dataclass(frozen=True)
class SetSpeaker:
    """Who said one quote: `quote` (a quote id, "ARTICLE-qN"), or every quote of `article`'s
    `paragraph` whose words start with `text` (all of them without it); `speaker` is a person
    id, or None to say the text names no speaker."""

    speaker: str | None
    quote: str = ""
    article: str = ""
    paragraph: str = ""
    text: str = ""
    line: int = 0


@dataclass(frozen=True)
class OrgCuration:
    """The rules of the `organisations:` key: the same as people's, for organisations."""

    merges: tuple[Merge, ...] = ()
    renames: tuple[Rename, ...] = ()
    drops: tuple[Drop, ...] = ()
    facts: tuple[OrgFacts, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not (self.merges or self.renames or self.drops or self.facts)


@dataclass(frozen=True)
class Curation:
    path: str = ""
    merges: tuple[Merge, ...] = ()
    splits: tuple[Split, ...] = ()
    renames: tuple[Rename, ...] = ()
    drops: tuple[Drop, ...] = ()
    facts: tuple[SetFacts, ...] = ()
    organisations: OrgCuration = OrgCuration()
    speakers: tuple[SetSpeaker, ...] = ()

    @property
    def is_empty(self) -> bool:
        people = self.merges or self.splits or self.renames or self.drops or self.facts
        return not (people or self.speakers) and self.organisations.is_empty


def load_curation(path: Path) -> Curation:
    """The rules of the curation file; no file means no rules."""
    if not path.exists():
        return Curation(path=str(path))
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ContentError(str(path), 0, f"cannot read the curation file: {exc}") from exc
    return parse_curation(text, str(path))


def parse_curation(text: str, path: str = "content/curation.yml") -> Curation:
    """The rules written in `text`, validated; the first mistake raises ContentError."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 0
        raise ContentError(
            path,
            line,
            f"not valid YAML: {getattr(exc, 'problem', exc)}",
            "check indentation and quoting",
        ) from exc
    if root is None:
        return Curation(path=path)
    top = _mapping(root, path, "the curation file")
    unknown = [(k, n) for k, n in top.items() if k not in ACTIONS]
    if unknown:
        key, node = unknown[0]
        raise ContentError(
            path, _line(node), f"unknown key {key!r}", f"the keys are: {', '.join(ACTIONS)}"
        )
    splits = tuple(_split(n, path) for n in _items(top.get("split"), path, "split"))
    renames = tuple(_rename(n, path) for n in _items(top.get("rename"), path, "rename"))
    _refuse_a_new_id_twice(splits, renames, path)
    return Curation(
        path=path,
        merges=tuple(_merge(n, path) for n in _items(top.get("merge"), path, "merge")),
        splits=splits,
        renames=renames,
        drops=tuple(
            Drop(_person_id(n, path, "drop"), _line(n))
            for n in _items(top.get("drop"), path, "drop")
        ),
        facts=tuple(_set(n, path) for n in _items(top.get("set"), path, "set")),
        organisations=_org_curation(top.get("organisations"), path),
        speakers=speaker_rules(top.get("speakers"), path),
    )


def _refuse_a_new_id_twice(
    splits: tuple[Split, ...], renames: tuple[Rename, ...], path: str
) -> None:
    """A ContentError for a rename to an id that a split or an earlier rename gives already: the
    two people could never both have it (found without the articles; resolve finds a rename onto
    a person the articles name)."""
    given = {rule.new_id: f"split at line {rule.line}" for rule in splits}
    for rule in renames:
        target = rule.new_id or slug(rule.name)
        if target in given and target not in RESERVED_IDS:  # reserved: qualified by the name
            raise ContentError(
                path,
                rule.line,
                f"rename to {target!r}: the {given[target]} gives that id already",
                "use merge: to join two people, or new_id: to give each an id of its own",
            )
        given.setdefault(target, f"rename at line {rule.line}")


def _merge(node: yaml.Node, path: str) -> Merge:
    fields = _fields(node, path, "merge", required=("into", "ids"), optional=())
    into = _person_id(fields["into"], path, "merge: into")
    ids = tuple(_person_id(n, path, "merge: ids") for n in _items(fields["ids"], path, "ids"))
    if not ids:
        raise ContentError(
            path,
            _line(node),
            "merge needs at least one id in 'ids'",
            "list the profiles that are the same person as 'into'",
        )
    if into in ids:
        raise ContentError(path, _line(node), f"merge lists {into!r} both as 'into' and in 'ids'")
    return Merge(into, ids, _line(node))


def _new_id(node: yaml.Node, path: str, what: str) -> str:
    """An id the rule gives a person: a profile id that is not one of the site's own pages."""
    value = _person_id(node, path, what)
    if value in RESERVED_IDS:
        raise ContentError(
            path,
            _line(node),
            f"{what}: {value!r} is the name of a page of the site, not free for a person",
            f"choose another id, such as {value}-2 (reserved: {', '.join(sorted(RESERVED_IDS))})",
        )
    return value


def _split(node: yaml.Node, path: str) -> Split:
    fields = _fields(node, path, "split", required=("id", "new_id", "articles"), optional=("name",))
    articles = tuple(
        _text(n, path, "split: articles") for n in _items(fields["articles"], path, "articles")
    )
    if not articles:
        raise ContentError(
            path,
            _line(node),
            "split needs at least one article id",
            "the articles whose mentions belong to the other person",
        )
    return Split(
        id=_person_id(fields["id"], path, "split: id"),
        new_id=_new_id(fields["new_id"], path, "split: new_id"),
        articles=articles,
        name=_name(fields["name"], path, "split: name") if "name" in fields else "",
        line=_line(node),
    )


def _rename(node: yaml.Node, path: str) -> Rename:
    fields = _fields(node, path, "rename", required=("id", "name"), optional=("new_id",))
    return Rename(
        id=_person_id(fields["id"], path, "rename: id"),
        name=_name(fields["name"], path, "rename: name"),
        new_id=_new_id(fields["new_id"], path, "rename: new_id") if "new_id" in fields else "",
        line=_line(node),
    )


def _set(node: yaml.Node, path: str) -> SetFacts:
    fields = _fields(node, path, "set", required=("id",), optional=("countries", "roles"))
    if "countries" not in fields and "roles" not in fields:
        raise ContentError(
            path,
            _line(node),
            "set needs 'countries' or 'roles'",
            "e.g. {id: sergei-shoigu, countries: [RU]}",
        )
    countries = None
    if "countries" in fields:
        countries = tuple(_country(n, path) for n in _items(fields["countries"], path, "countries"))
    roles = None
    if "roles" in fields:
        roles = tuple(_text(n, path, "set: roles") for n in _items(fields["roles"], path, "roles"))
    return SetFacts(_person_id(fields["id"], path, "set: id"), countries, roles, _line(node))


_QUOTE_ID = re.compile(r"^\S+-q[1-9][0-9]*$")
_PARAGRAPH = re.compile(r"^p[1-9][0-9]*$")


def speaker_rules(node: yaml.Node | None, path: str) -> tuple[SetSpeaker, ...]:
    """The `speakers:` rules: each names one quote by id, or by article and paragraph."""
    return tuple(_speaker_rule(n, path) for n in _items(node, path, "speakers"))


def _speaker_rule(node: yaml.Node, path: str) -> SetSpeaker:
    optional = ("quote", "article", "paragraph", "text")
    fields = _fields(node, path, "speakers", required=("speaker",), optional=optional)
    by_id, by_place = "quote" in fields, "article" in fields or "paragraph" in fields
    if by_id == by_place or (by_place and not ("article" in fields and "paragraph" in fields)):
        raise ContentError(
            path,
            _line(node),
            "a speakers rule names its quote by 'quote' (an id) or by 'article' and 'paragraph'",
            "e.g. {quote: 2024-08-07-iran-q3, speaker: null} or "
            "{article: 2024-08-07-iran, paragraph: p4, speaker: masoud-pezeshkian}",
        )
    values = {k: _text(fields[k], path, f"speakers: {k}") for k in optional if k in fields}
    if by_id and not _QUOTE_ID.match(values["quote"]):
        raise ContentError(
            path,
            _line(fields["quote"]),
            f"speakers: {values['quote']!r} is not a quote id",
            "a quote id is the article id, '-q' and the quote's number: 2024-08-07-iran-q3",
        )
    if by_place and not _PARAGRAPH.match(values["paragraph"]):
        raise ContentError(
            path,
            _line(fields["paragraph"]),
            f"speakers: {values['paragraph']!r} is not a paragraph id",
            "paragraph ids are p1, p2, ... as in the article page's anchors",
        )
    return SetSpeaker(_speaker(fields["speaker"], path), line=_line(node), **values)


def _speaker(node: yaml.Node, path: str) -> str | None:
    """A person id, or None for `null` / `~` (the quote has no speaker)."""
    if isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"):
        return None
    return _person_id(node, path, "speakers: speaker")


def _country(node: yaml.Node, path: str) -> str:
    code = _text(node, path, "set: countries").upper()
    if code not in gazetteer().country_names:
        raise ContentError(
            path,
            _line(node),
            f"{code!r} is not a country code",
            "use ISO 3166-1 alpha-2 (IR, RU, GB) or a former code (YU, SU)",
        )
    return code


# -- organisations ------------------------------------------------------------------------------


def _org_curation(node: yaml.Node | None, path: str) -> OrgCuration:
    """The rules under `organisations:`, a mapping of merge, rename, set and drop."""
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        return OrgCuration()
    rules = _mapping(node, path, "organisations")
    unknown = [(k, n) for k, n in rules.items() if k not in ORG_ACTIONS]
    if unknown:
        key, value = unknown[0]
        raise ContentError(
            path,
            _line(value),
            f"unknown key {key!r} under 'organisations'",
            f"the keys are: {', '.join(ORG_ACTIONS)}",
        )

    def items(action: str) -> list[Any]:
        return _items(rules.get(action), path, f"organisations: {action}")

    renames = tuple(_org_rename(n, path) for n in items("rename"))
    _refuse_a_new_id_twice((), renames, path)
    return OrgCuration(
        merges=tuple(_org_merge(n, path) for n in items("merge")),
        renames=renames,
        drops=tuple(
            Drop(_person_id(n, path, "organisations: drop"), _line(n)) for n in items("drop")
        ),
        facts=tuple(_org_set(n, path) for n in items("set")),
    )


def _org_merge(node: yaml.Node, path: str) -> Merge:
    what = "organisations: merge"
    fields = _fields(node, path, what, required=("into", "ids"), optional=())
    into = _person_id(fields["into"], path, f"{what}: into")
    ids = tuple(_person_id(n, path, f"{what}: ids") for n in _items(fields["ids"], path, "ids"))
    if not ids:
        raise ContentError(
            path,
            _line(node),
            f"{what} needs at least one id in 'ids'",
            "list the profiles that are the same organisation as 'into'",
        )
    if into in ids:
        raise ContentError(path, _line(node), f"{what} lists {into!r} both as 'into' and in 'ids'")
    return Merge(into, ids, _line(node))


def _org_rename(node: yaml.Node, path: str) -> Rename:
    what = "organisations: rename"
    fields = _fields(node, path, what, required=("id", "name"), optional=("new_id",))
    return Rename(
        id=_person_id(fields["id"], path, f"{what}: id"),
        name=_name(fields["name"], path, f"{what}: name"),
        new_id=_new_id(fields["new_id"], path, f"{what}: new_id") if "new_id" in fields else "",
        line=_line(node),
    )


def _org_set(node: yaml.Node, path: str) -> OrgFacts:
    what = "organisations: set"
    fields = _fields(node, path, what, required=("id",), optional=("kind", "countries"))
    if "kind" not in fields and "countries" not in fields:
        raise ContentError(
            path,
            _line(node),
            f"{what} needs 'kind' or 'countries'",
            "e.g. {id: state-department, kind: government, countries: [US]}",
        )
    kind = None
    if "kind" in fields:
        kind = _text(fields["kind"], path, f"{what}: kind")
        if kind not in ORG_KINDS:
            raise ContentError(
                path,
                _line(fields["kind"]),
                f"{kind!r} is not a kind of organisation",
                f"the kinds are: {', '.join(ORG_KINDS)}",
            )
    countries = None
    if "countries" in fields:
        countries = tuple(_country(n, path) for n in _items(fields["countries"], path, "countries"))
    return OrgFacts(_person_id(fields["id"], path, f"{what}: id"), kind, countries, _line(node))


def _fields(
    node: yaml.Node, path: str, what: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> dict[str, yaml.Node]:
    fields = _mapping(node, path, f"a {what} rule")
    for key, value in fields.items():
        if key not in required + optional:
            raise ContentError(
                path,
                _line(value),
                f"unknown field {key!r} in a {what} rule",
                f"the fields are: {', '.join(required + optional)}",
            )
    missing = [k for k in required if k not in fields]
    if missing:
        raise ContentError(
            path,
            _line(node),
            f"a {what} rule needs {missing[0]!r}",
            f"the required fields are: {', '.join(required)}",
        )
    return fields


def _mapping(node: yaml.Node, path: str, what: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise ContentError(path, _line(node), f"{what} must be a mapping of key: value")
    out: dict[str, yaml.Node] = {}
    for key_node, value in node.value:
        key = str(key_node.value)
        if key in out:
            raise ContentError(path, _line(key_node), f"{key!r} is given twice")
        out[key] = value
    return out


def _items(node: yaml.Node | None, path: str, what: str) -> list[Any]:
    if node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null")):
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise ContentError(
            path, _line(node), f"{what} must be a list", "write it as [a, b] or '- a'"
        )
    return list(node.value)


def _text(node: yaml.Node, path: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise ContentError(path, _line(node), f"{what}: expected a non-empty text")
    return str(node.value).strip()


def _name(node: yaml.Node, path: str, what: str) -> str:
    """A person's name, without the characters that are not seen (generator.unicode)."""
    name = plain_name(_text(node, path, what))
    if not name:
        raise ContentError(path, _line(node), f"{what}: expected a name that can be seen")
    return name


def _person_id(node: yaml.Node, path: str, what: str) -> str:
    value = _text(node, path, what)
    if not _ID.match(value):
        raise ContentError(
            path,
            _line(node),
            f"{what}: {value!r} is not a profile id",
            "ids are lowercase words joined by '-', as in the page URL: masoud-pezeshkian",
        )
    return value


def _line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1
