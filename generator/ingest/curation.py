"""The curation file (`content/curation.yml`): a human's corrections to the people, the
organisations and the quotes of the dossier.

The generator reads this file and never writes it. The kinds of rule, each a top-level key:

    split:   [{id: ID, new_id: ID, articles: [...], name: NAME?}]  these mentions are someone else
    merge:   [{into: ID, ids: [ID, ...]}]            several profiles are one person
    rename:  [{id: ID, name: NAME, new_id: ID?}]      display name (and id) of a profile
    set:     [{id: ID, countries: [CC], roles: [..], kind: KIND, organisations: [ORG]}]
    drop_country: [{id: ID, country: CC|NAME, article: ID?}]   one wrong country claim
    drop:    [ID, ...]                                not a person (an organisation, a show)
    organisations:                                    the same for organisations' profiles:
      split, merge, rename, drop_country, drop as for people;
      set:    [{id: ID, kind: KIND, countries: [CC]}] (kinds: generator/data/orgkinds.yml)
    speakers: [{quote: QID, speaker: ID|null}]      who said one quote (or article + paragraph)

Every mistake raises `ContentError(path, line, message, hint)` naming the line, and so do two
rules that contradict each other (generator.ingest.curation_conflicts). `docs/curation.md`
documents the format for editors.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from generator import lexicon
from generator.errors import ContentError
from generator.ingest.curation_conflicts import refuse_conflicts
from generator.ingest.curation_nodes import country as _country
from generator.ingest.curation_nodes import country_or_name, is_null
from generator.ingest.curation_nodes import fields as _fields
from generator.ingest.curation_nodes import items as _items
from generator.ingest.curation_nodes import line as _line
from generator.ingest.curation_nodes import mapping as _mapping
from generator.ingest.curation_nodes import name as _name
from generator.ingest.curation_nodes import profile_id as _person_id
from generator.ingest.curation_nodes import text as _text
from generator.ingest.curation_rules import PERSON_KINDS
from generator.ingest.curation_rules import Curation as Curation
from generator.ingest.curation_rules import Drop as Drop
from generator.ingest.curation_rules import DropCountry as DropCountry
from generator.ingest.curation_rules import Merge as Merge
from generator.ingest.curation_rules import OrgCuration as OrgCuration
from generator.ingest.curation_rules import OrgFacts as OrgFacts
from generator.ingest.curation_rules import Rename as Rename
from generator.ingest.curation_rules import SetFacts as SetFacts
from generator.ingest.curation_rules import SetSpeaker as SetSpeaker
from generator.ingest.curation_rules import Split as Split
from generator.reserved import RESERVED_IDS
from generator.text import slug

ORG_ACTIONS = ("merge", "split", "rename", "set", "drop_country", "drop")
ACTIONS = (*ORG_ACTIONS, "organisations", "speakers")  # people have the organisations' rules
ORG_KINDS = lexicon.word_table("orgkinds", "labels")  # kind -> heading of the index


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

    def items(action: str) -> list[Any]:
        return _items(top.get(action), path, action)

    splits = tuple(_split(n, path, "split") for n in items("split"))
    renames = tuple(_rename(n, path, "rename") for n in items("rename"))
    _refuse_a_new_id_twice(splits, renames, path)
    curation = Curation(
        path=path,
        merges=tuple(_merge(n, path, "merge") for n in items("merge")),
        splits=splits,
        renames=renames,
        drops=tuple(Drop(_person_id(n, path, "drop"), _line(n)) for n in items("drop")),
        facts=tuple(_set(n, path) for n in items("set")),
        organisations=_org_curation(top.get("organisations"), path),
        speakers=speaker_rules(top.get("speakers"), path),
        drop_countries=tuple(_drop_country(n, path, "drop_country") for n in items("drop_country")),
    )
    refuse_conflicts(curation)
    return curation


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


def _merge(node: yaml.Node, path: str, what: str) -> Merge:
    fields = _fields(node, path, what, required=("into", "ids"), optional=())
    into = _person_id(fields["into"], path, f"{what}: into")
    ids = tuple(_person_id(n, path, f"{what}: ids") for n in _items(fields["ids"], path, "ids"))
    if not ids:
        raise ContentError(
            path,
            _line(node),
            f"{what} needs at least one id in 'ids'",
            f"list the profiles that are the same {_subject(what)} as 'into'",
        )
    if into in ids:
        raise ContentError(path, _line(node), f"{what} lists {into!r} both as 'into' and in 'ids'")
    return Merge(into, ids, _line(node))


def _subject(what: str) -> str:
    return "organisation" if what.startswith("organisations") else "person"


def _new_id(node: yaml.Node, path: str, what: str) -> str:
    """An id the rule gives a profile: a profile id that is not one of the site's own pages."""
    value = _person_id(node, path, what)
    if value in RESERVED_IDS:
        raise ContentError(
            path,
            _line(node),
            f"{what}: {value!r} is the name of a page of the site, not free for a person",
            f"choose another id, such as {value}-2 (reserved: {', '.join(sorted(RESERVED_IDS))})",
        )
    return value


def _split(node: yaml.Node, path: str, what: str) -> Split:
    fields = _fields(node, path, what, required=("id", "new_id", "articles"), optional=("name",))
    articles = tuple(
        _text(n, path, f"{what}: articles") for n in _items(fields["articles"], path, "articles")
    )
    if not articles:
        raise ContentError(
            path,
            _line(node),
            f"{what} needs at least one article id",
            f"the articles whose mentions belong to the other {_subject(what)}",
        )
    return Split(
        id=_person_id(fields["id"], path, f"{what}: id"),
        new_id=_new_id(fields["new_id"], path, f"{what}: new_id"),
        articles=articles,
        name=_name(fields["name"], path, f"{what}: name") if "name" in fields else "",
        line=_line(node),
    )


def _rename(node: yaml.Node, path: str, what: str) -> Rename:
    fields = _fields(node, path, what, required=("id", "name"), optional=("new_id",))
    return Rename(
        id=_person_id(fields["id"], path, f"{what}: id"),
        name=_name(fields["name"], path, f"{what}: name"),
        new_id=_new_id(fields["new_id"], path, f"{what}: new_id") if "new_id" in fields else "",
        line=_line(node),
    )


_PERSON_FACTS = ("countries", "roles", "kind", "organisations")


def _set(node: yaml.Node, path: str) -> SetFacts:
    fields = _fields(node, path, "set", required=("id",), optional=_PERSON_FACTS)
    if not any(k in fields for k in _PERSON_FACTS):
        raise ContentError(
            path,
            _line(node),
            "set needs 'countries', 'roles', 'kind' or 'organisations'",
            "e.g. {id: sergei-shoigu, countries: [RU]}",
        )
    countries = roles = organisations = None
    if "countries" in fields:
        countries = tuple(_country(n, path) for n in _items(fields["countries"], path, "countries"))
    if "roles" in fields:
        roles = tuple(_text(n, path, "set: roles") for n in _items(fields["roles"], path, "roles"))
    if "organisations" in fields:
        organisations = tuple(
            _name(n, path, "set: organisations")
            for n in _items(fields["organisations"], path, "organisations")
        )
    kind = _kind(fields["kind"], path, "set", PERSON_KINDS) if "kind" in fields else None
    return SetFacts(
        _person_id(fields["id"], path, "set: id"),
        countries,
        roles,
        _line(node),
        kind=kind,
        organisations=organisations,
    )


def _kind(node: yaml.Node, path: str, what: str, kinds: tuple[str, ...]) -> str:
    kind = _text(node, path, f"{what}: kind")
    if kind not in kinds:
        raise ContentError(
            path,
            _line(node),
            f"{kind!r} is not a kind of {_subject(what)}",
            f"the kinds are: {', '.join(kinds)}",
        )
    return kind


def _drop_country(node: yaml.Node, path: str, what: str) -> DropCountry:
    fields = _fields(node, path, what, required=("id", "country"), optional=("article",))
    article = _text(fields["article"], path, f"{what}: article") if "article" in fields else ""
    return DropCountry(
        id=_person_id(fields["id"], path, f"{what}: id"),
        country=country_or_name(fields["country"], path, f"{what}: country"),
        article=article,
        line=_line(node),
    )


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
    if is_null(node):
        return None
    return _person_id(node, path, "speakers: speaker")


# -- organisations ------------------------------------------------------------------------------


def _org_curation(node: yaml.Node | None, path: str) -> OrgCuration:
    """The rules under `organisations:`, a mapping of ORG_ACTIONS."""
    if is_null(node):
        return OrgCuration()
    assert node is not None
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

    what = "organisations: "
    splits = tuple(_split(n, path, f"{what}split") for n in items("split"))
    renames = tuple(_rename(n, path, f"{what}rename") for n in items("rename"))
    _refuse_a_new_id_twice(splits, renames, path)
    return OrgCuration(
        merges=tuple(_merge(n, path, f"{what}merge") for n in items("merge")),
        renames=renames,
        drops=tuple(Drop(_person_id(n, path, f"{what}drop"), _line(n)) for n in items("drop")),
        facts=tuple(_org_set(n, path) for n in items("set")),
        splits=splits,
        drop_countries=tuple(
            _drop_country(n, path, f"{what}drop_country") for n in items("drop_country")
        ),
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
    kind = _kind(fields["kind"], path, what, tuple(ORG_KINDS)) if "kind" in fields else None
    countries = None
    if "countries" in fields:
        countries = tuple(_country(n, path) for n in _items(fields["countries"], path, "countries"))
    return OrgFacts(_person_id(fields["id"], path, f"{what}: id"), kind, countries, _line(node))
