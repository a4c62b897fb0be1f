"""YAML as the input files need it: front matter and the curation file.

A loader that keeps text as written (`title: 0x1F` stays "0x1F"), refuses a key given twice,
a value whose explicit tag does not fit, a lone surrogate and nesting deeper than MAX_NESTING,
and reports each as a ContentError at its line (never a RecursionError or a traceback).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable
from typing import Any

import yaml

from generator.errors import ContentError

MAX_NESTING = 100  # lists in lists (or mappings) in YAML; the files need 3
_TYPED_TAGS = {f"tag:yaml.org,2002:{name}" for name in ("bool", "int", "float", "timestamp")}
_SURROGATE = re.compile("[\ud800-\udfff]")


class _Refused(yaml.MarkedYAMLError):
    """A value the loader refuses (not a YAML error), with the mark of where it is."""

    def __init__(self, message: str, hint: str, mark: yaml.Mark | None) -> None:
        super().__init__(problem=message, problem_mark=mark)
        self.message = message
        self.hint = hint


class _Constructor(yaml.constructor.SafeConstructor):
    """The safe constructor, refusing a key given twice in a mapping (YAML keeps the last one
    silently) and a lone surrogate (YAML's "\\uD800" escape: such a str is no text and cannot
    be written as UTF-8)."""

    def construct_object(self, node: yaml.Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except (ValueError, TypeError, LookupError, AttributeError, ArithmeticError) as exc:
            # A value its explicit tag does not fit: `!!int abc`, `!!bool maybe`.
            raise _Refused(
                f"{node.tag.rsplit(':', 1)[-1]} {str(node.value)[:40]!r} cannot be read "
                f"({type(exc).__name__})",
                "remove the '!!' tag, or write a value it fits",
                node.start_mark,
            ) from None

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        seen = set()
        for key_node, _ in node.value:
            if isinstance(key_node, yaml.ScalarNode):
                if (key_node.tag, key_node.value) in seen:
                    raise _Refused(
                        f"{key_node.value!r} is given twice",
                        "keep one of them (YAML would use the last one silently)",
                        key_node.start_mark,
                    )
                seen.add((key_node.tag, key_node.value))
        return super().construct_mapping(node, deep)

    def construct_scalar(self, node: yaml.ScalarNode | yaml.MappingNode) -> str:
        value = str(super().construct_scalar(node))
        found = _SURROGATE.search(value)
        if found:
            raise _Refused(
                f"{value[: found.start()][-20:] + found.group()!r} holds a lone surrogate "
                f"(U+{ord(found.group()):04X}), which is not a character",
                "write the character itself, or remove the \\u escape",
                node.start_mark,
            )
        return value


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.1's resolver without its numbers, booleans and timestamps: every plain scalar
    but null is the text as written (`title: 0x1F` stays "0x1F", not 31; `deck: yes` stays
    "yes"); `published` is read as a date by the reader itself."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, pattern) for tag, pattern in resolvers if tag not in _TYPED_TAGS]
    for first, resolvers in yaml.resolver.Resolver.yaml_implicit_resolvers.items()
}


class _LineLoader(
    yaml.reader.Reader,
    yaml.scanner.Scanner,
    yaml.parser.Parser,
    yaml.composer.Composer,
    _Constructor,
    _Resolver,
):
    """The pure-Python loader, whose errors name the line where the problem is."""

    def __init__(self, stream: str) -> None:
        yaml.reader.Reader.__init__(self, stream)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        yaml.composer.Composer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    # libyaml's parser where PyYAML was built with it: the same values, and the front matter of
    # 2,627 corpus articles read in 0.03 s instead of 0.21 s.
    class _FastLoader(CParser, _Constructor, _Resolver):
        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _Constructor.__init__(self)
            _Resolver.__init__(self)

    _LOADERS: tuple[type, ...] = (_FastLoader, _LineLoader)
else:
    _LOADERS = (_LineLoader,)


def is_text(value: str) -> bool:
    """False for a str holding a lone surrogate: no character, and not writable as UTF-8."""
    return not _SURROGATE.search(value)


def yaml_value(text: str, path: str, first_line: int = 1, what: str = "file") -> object:
    """The value of the YAML `text` (`what` starts at line `first_line` of the file `path`);
    a ContentError naming the line of the first problem."""
    error: yaml.YAMLError | None = None
    for loader in _LOADERS:  # the fast one; on an error, the one whose error is precise
        try:
            return yaml.load(text, Loader=loader)
        except _Refused as exc:
            raise ContentError(path, _line_of(exc, first_line), exc.message, exc.hint) from None
        except yaml.YAMLError as exc:
            error = exc
        except RecursionError:  # the pure-Python loader recurses once per level of nesting
            break
    if error is None or "nesting depth" in str(error):
        raise too_deep(text, path, first_line, what)
    raise ContentError(
        path, _line_of(error, first_line), f"{what} is not valid YAML", str(error).split("\n")[0]
    )


def too_deep(text: str, path: str, first_line: int = 1, what: str = "file") -> ContentError:
    """The error for YAML that nests lists or mappings deeper than MAX_NESTING, at the line where
    it does (found by the parser alone, which does not recurse)."""
    return ContentError(
        path,
        _nesting_line(text) + first_line - 1,
        f"{what} nests lists or mappings more than {MAX_NESTING} deep",
        "write one value per key, or a flat list",
    )


def _nesting_line(text: str) -> int:
    """The line (from 1) where `text` nests deeper than MAX_NESTING; 1 when it does not."""
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_LOADERS[0]):
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > MAX_NESTING and event.start_mark is not None:
                    return int(event.start_mark.line) + 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
    except yaml.YAMLError as exc:
        return _line_of(exc, 1)
    return 1


def _line_of(error: yaml.YAMLError, first_line: int) -> int:
    mark = getattr(error, "problem_mark", None)
    return int(mark.line) + first_line if mark is not None else first_line


def yaml_timestamp(text: str) -> dt.date | None:
    """The date of a YAML timestamp ("2001-12-14 21:59:43.10 -5"), as YAML itself reads it."""
    if not _Constructor.timestamp_regexp.match(text):
        return None
    node = yaml.ScalarNode("tag:yaml.org,2002:timestamp", text)
    try:
        value = _Constructor().construct_yaml_timestamp(node)
    except (ValueError, OverflowError):  # 2024-02-30, hour 25, an offset of 99 hours
        return None
    return value.date() if isinstance(value, dt.datetime) else value
