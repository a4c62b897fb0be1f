"""The values of the curation file's YAML nodes, each checked, each mistake a ContentError at the
node's line (ingest stage; `generator.ingest.curation` reads the rules with them)."""

from __future__ import annotations

import re
from typing import Any

import yaml

from generator.errors import ContentError
from generator.gazetteer import gazetteer
from generator.unicode import plain_name

_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def is_null(node: yaml.Node | None) -> bool:
    """Whether a node is absent or YAML's null (`~`, `null`, nothing)."""
    return node is None or (isinstance(node, yaml.ScalarNode) and node.tag.endswith(":null"))


def fields(
    node: yaml.Node, path: str, what: str, required: tuple[str, ...], optional: tuple[str, ...]
) -> dict[str, yaml.Node]:
    """The fields of a rule written as a mapping: only those named, the required ones given."""
    found = mapping(node, path, f"a {what} rule")
    for key, value in found.items():
        if key not in required + optional:
            raise ContentError(
                path,
                line(value),
                f"unknown field {key!r} in a {what} rule",
                f"the fields are: {', '.join(required + optional)}",
            )
    missing = [k for k in required if k not in found]
    if missing:
        raise ContentError(
            path,
            line(node),
            f"a {what} rule needs {missing[0]!r}",
            f"the required fields are: {', '.join(required)}",
        )
    return found


def mapping(node: yaml.Node, path: str, what: str) -> dict[str, yaml.Node]:
    if not isinstance(node, yaml.MappingNode):
        raise ContentError(path, line(node), f"{what} must be a mapping of key: value")
    out: dict[str, yaml.Node] = {}
    for key_node, value in node.value:
        key = str(key_node.value)
        if key in out:
            raise ContentError(path, line(key_node), f"{key!r} is given twice")
        out[key] = value
    return out


def items(node: yaml.Node | None, path: str, what: str) -> list[Any]:
    if node is None or is_null(node):
        return []
    if not isinstance(node, yaml.SequenceNode):
        raise ContentError(
            path, line(node), f"{what} must be a list", "write it as [a, b] or '- a'"
        )
    return list(node.value)


def text(node: yaml.Node, path: str, what: str) -> str:
    if not isinstance(node, yaml.ScalarNode) or not str(node.value).strip():
        raise ContentError(path, line(node), f"{what}: expected a non-empty text")
    return str(node.value).strip()


def name(node: yaml.Node, path: str, what: str) -> str:
    """A person's name, without the characters that are not seen (generator.unicode)."""
    found = plain_name(text(node, path, what))
    if not found:
        raise ContentError(path, line(node), f"{what}: expected a name that can be seen")
    return found


def profile_id(node: yaml.Node, path: str, what: str) -> str:
    value = text(node, path, what)
    if not _ID.match(value):
        raise ContentError(
            path,
            line(node),
            f"{what}: {value!r} is not a profile id",
            "ids are lowercase words joined by '-', as in the page URL: masoud-pezeshkian",
        )
    return value


def country(node: yaml.Node, path: str, what: str = "set: countries") -> str:
    """A country code: ISO 3166-1 alpha-2 or a former code."""
    code = text(node, path, what).upper()
    if code not in gazetteer().country_names:
        raise ContentError(
            path,
            line(node),
            f"{code!r} is not a country code",
            "use ISO 3166-1 alpha-2 (IR, RU, GB) or a former code (YU, SU)",
        )
    return code


def country_or_name(node: yaml.Node, path: str, what: str) -> str:
    """The code of a country written as its code ("FR") or its name ("France", "French")."""
    value = text(node, path, what)
    known = gazetteer()
    if value.upper() in known.country_names and len(value) <= 3:
        return value.upper()
    code = known.state_code(value)
    if code is None:
        raise ContentError(
            path,
            line(node),
            f"{what}: {value!r} is not a country",
            "write its name as the profile shows it (France) or its code (FR)",
        )
    return code


def line(node: yaml.Node) -> int:
    return int(node.start_mark.line) + 1
