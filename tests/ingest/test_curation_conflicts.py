"""Two rules of the curation file that contradict each other: refused with both lines."""

from __future__ import annotations

import pytest

from generator.errors import ContentError
from generator.ingest.curation import parse_curation


def refused(text: str) -> ContentError:
    with pytest.raises(ContentError) as caught:
        parse_curation(text, "c.yml")
    return caught.value


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (  # two countries for one person
            "set:\n  - {id: a, countries: [RU]}\n  - {id: a, countries: [FR]}\n",
            3,
            "set gives the countries of 'a' again: the set at line 2",
        ),
        (  # a merge into a dropped id
            "merge:\n  - {into: a, ids: [b]}\ndrop: [a]\n",
            2,
            "merge into names 'a', which the drop at line 3 removes",
        ),
        (  # a rule naming an id a merge retired
            "merge:\n  - {into: a, ids: [b]}\nset:\n  - {id: b, roles: [Envoy]}\n",
            4,
            "set names 'b', which the merge at line 2 turns into 'a'",
        ),
        (  # a rule naming an id a rename retired
            "rename:\n  - {id: a, name: Anna Berg}\ndrop_country:\n  - {id: a, country: FR}\n",
            4,
            "drop_country names 'a', which the rename at line 2 turns into 'anna-berg'",
        ),
        (  # one id merged into two people
            "merge:\n  - {into: a, ids: [b]}\n  - {into: c, ids: [b]}\n",
            3,
            "merge names 'b', which the merge at line 2 turns into 'a'",
        ),
        (  # a country both set and dropped
            "set:\n  - {id: a, countries: [RU]}\ndrop_country:\n  - {id: a, country: RU}\n",
            4,
            "drop_country of RU for 'a', whose countries the set at line 2 gives",
        ),
        (  # a speaker that is dropped
            "drop: [a]\nspeakers:\n  - {quote: x-q1, speaker: a}\n",
            3,
            "speakers: speaker names 'a', which the drop at line 1 removes",
        ),
        (  # two speakers for one quote
            "speakers:\n  - {quote: x-q1, speaker: a}\n  - {quote: x-q1, speaker: null}\n",
            3,
            "another speaker than the rule at line 2",
        ),
        (  # organisations have the same rules
            "organisations:\n  set:\n    - {id: o, kind: media}\n    - {id: o, kind: party}\n",
            4,
            "set gives the kind of 'o' again: the set at line 3",
        ),
        (
            "organisations:\n  merge:\n    - {into: o, ids: [p]}\n  drop: [o]\n",
            3,
            "merge into names 'o', which the drop at line 4 removes",
        ),
    ],
)
def test_contradicting_rules_name_both_lines(text: str, line: int, words: str) -> None:
    error = refused(text)
    assert error.problem.line == line and words in error.problem.message, error
    assert error.problem.hint


@pytest.mark.parametrize(
    "text",
    [
        "merge:\n  - {into: b, ids: [a]}\n  - {into: c, ids: [b]}\n",  # a chain: a -> b -> c
        "set:\n  - {id: a, countries: [RU]}\n  - {id: a, roles: [Envoy]}\n",  # other facts
        "rename:\n  - {id: a, name: A, new_id: a}\nset:\n  - {id: a, roles: [Envoy]}\n",
        "split:\n  - {id: a, new_id: b, articles: [x]}\ndrop: [a]\n",  # keep b, drop the rest
        "speakers:\n  - {quote: x-q1, speaker: a}\n  - {quote: x-q1, speaker: a}\n",
        "drop: [a]\norganisations:\n  set:\n    - {id: a, kind: media}\n",  # a person, not it
    ],
)
def test_rules_that_agree_are_kept(text: str) -> None:
    parse_curation(text, "c.yml")
