"""Cues without a speech verb: a colon after the speaker's clause, a list heading, a credit line.

Every fixture text here is invented for the test; nothing is copied from a corpus.
"""

from __future__ import annotations

from typing import Any

from tests.nlp.inline import pasted, quote_table


def speakers(*paragraphs: str, nlp: Any) -> list[str | None]:
    return [s for _, s, _ in quote_table(pasted(nlp, *paragraphs))]


def test_the_subject_of_any_verb_before_a_colon_speaks(nlp: Any) -> None:
    assert speakers("David Moore deflected with a joke: “Ask my wife.”", nlp=nlp) == ["David Moore"]
    assert speakers("David Moore swiped at the council in tweets: “They failed.”", nlp=nlp) == [
        "David Moore"
    ]


def test_the_owner_of_a_noun_before_a_colon_speaks(nlp: Any) -> None:
    assert speakers("Sarah Collins's reply: “We are not going anywhere.”", nlp=nlp) == [
        "Sarah Collins"
    ]
    assert speakers(
        "Sarah Collins met the press on Monday.",
        "Her succinct reply: “We are not going anywhere.”",
        nlp=nlp,
    ) == ["Sarah Collins"]


def test_a_colon_after_a_thing_or_inside_prose_names_no_person(nlp: Any) -> None:
    assert speakers("The sign on the gate read: “Keep out.”", nlp=nlp) == [None]
    three = speakers("David Moore listed three words: “calm”, “firm” and “fair”.", nlp=nlp)
    assert three == [None, None, None]


def test_a_list_of_reactions_by_name_and_outlet(nlp: Any) -> None:
    assert speakers(
        "The council published its answer on Monday.",
        "Sarah Collins, Harbour Gazette: “The vote was a disgrace.”",
        "David Moore, Valley Radio: “We expected worse.”",
        nlp=nlp,
    ) == ["Sarah Collins", "David Moore"]


def test_a_pull_quote_credited_on_the_next_line(nlp: Any) -> None:
    assert speakers(
        "David Moore runs the harbour board.",
        "“Nothing about this plan makes sense.”",
        "— Sarah Collins, mayor of Dunmore",
        nlp=nlp,
    ) == ["Sarah Collins"]


def test_transcript_lines_by_their_label(nlp: Any) -> None:
    a = pasted(
        nlp,
        "Senator Paul Okafor and David Moore took questions on Monday.",
        "MR. OKAFOR: We did what we could.",
        "Q: Was it enough?",
        "Moore: Not by a long way.",
        "UPDATE: The vote was moved to Friday.",
    )
    assert quote_table(a) == [
        ("We did what we could.", "Paul Okafor", "name"),
        ("Was it enough?", None, "none"),
        ("Not by a long way.", "David Moore", "name"),
    ]


def test_one_label_in_capitals_is_a_heading_not_a_transcript(nlp: Any) -> None:
    a = pasted(nlp, "STATE VISIT: The president is getting good reviews from David Moore.")
    assert a.quotes == ()


def test_a_title_case_headline_verb(nlp: Any) -> None:
    assert speakers("Sarah Collins Joked “I Might Run Again”", nlp=nlp) == ["Sarah Collins"]
    assert speakers("“I Might Run Again,” Sarah Collins Joked", nlp=nlp) == ["Sarah Collins"]
