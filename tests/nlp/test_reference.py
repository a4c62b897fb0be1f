"""Who a pronoun, title or description before a quotation refers to.

Every fixture text here is invented for the test; nothing is copied from a corpus.
"""

from __future__ import annotations

from typing import Any

from tests.nlp.inline import analysed, pasted, quote_table


def test_a_pronoun_is_the_last_person_who_was_a_subject(nlp: Any) -> None:
    a = pasted(
        nlp,
        "Speaking in Leeds on Monday, Peter Walsh said the budget was too small.",
        "But standing next to Mr Grant he added that it was “a disgrace for the region”.",
    )
    assert quote_table(a) == [("a disgrace for the region", "Peter Walsh", "pronoun")]
    assert a.quotes[0].partial


def test_a_title_resolves_to_the_person_who_holds_it(nlp: Any) -> None:
    a = pasted(
        nlp,
        "Finance Minister Ana Ruiz met union leaders on Friday.",
        "Later the finance minister said the talks had been “frank but useful”.",
    )
    assert quote_table(a) == [("frank but useful", "Ana Ruiz", "title")]


def test_an_unnamed_spokeswoman_is_not_the_last_named_woman(nlp: Any) -> None:
    a = pasted(
        nlp,
        "Ms Ana Ruiz, the mayor, was not available for comment.",
        "A council spokeswoman said the road would close. “It is not safe,” she said.",
    )
    assert [q.speaker for q in a.quotes] == [None]


def test_a_title_nobody_holds_refers_back_to_the_last_subject(nlp: Any) -> None:
    a = pasted(
        nlp,
        "Peter Walsh has rejected calls to resign over the housing plan.",
        "The party leader said the plan was “the right thing to do”.",
    )
    assert quote_table(a) == [("the right thing to do", "Peter Walsh", "title")]


def test_a_description_refers_to_the_person_the_text_is_about(nlp: Any) -> None:
    a = pasted(
        nlp,
        "Arsenal manager Peter Walsh praised his players after the win.",
        "“We were patient and it paid off,” the Scotsman said.",
    )
    assert quote_table(a) == [("We were patient and it paid off,", "Peter Walsh", "title")]


def test_a_reporting_pronoun_is_not_the_subject_of_the_reported_clause(nlp: Any) -> None:
    a = pasted(
        nlp,
        "Peter Walsh attacked the government in a speech on Monday.",
        "Mr Grant has failed the region, he claimed, calling the plan “a betrayal”.",
    )
    assert quote_table(a) == [("a betrayal", "Peter Walsh", "pronoun")]


def test_he_after_an_unnamed_spokesman_is_not_the_last_named_man(nlp: Any) -> None:
    a = pasted(
        nlp,
        "Peter Walsh said the talks had failed.",
        "The ministry spokesman told reporters the offer stood. “Nothing has changed,” he said.",
    )
    assert [q.speaker for q in a.quotes] == [None]


def test_he_after_a_title_with_a_name_in_apposition(nlp: Any) -> None:
    a = pasted(
        nlp,
        "Peter Walsh said the talks had failed.",
        "The director of the port, David Moore, admitted the offer was poor.",
        "He said: “Nobody wanted this.”",
    )
    assert quote_table(a) == [("Nobody wanted this.", "David Moore", "pronoun")]


def test_a_long_run_of_the_same_pronoun_is_followed_without_recursion(nlp: Any) -> None:
    """ "He went home." 1,500 times: each "he" stands for the one before (was a RecursionError)."""
    a = analysed(
        nlp, "Anna Berg met Tomas Weller in Geneva.", *["He went home."] * 1500, 'He said "go."'
    )
    assert [(q.speaker, q.via) for q in a.quotes] == [("tomas-weller", "pronoun")]


def test_she_stands_for_the_woman_a_given_name_shows_not_the_last_man_named(nlp: Any) -> None:
    a = analysed(
        nlp,
        "Madeleine Harwood criticised the plan. President George Danforth rejected it.",
        'She said: "The plan was never sound."',
    )
    assert [(q.speaker, q.via) for q in a.quotes] == [("madeleine-harwood", "pronoun")]


def test_he_is_not_the_person_she_stands_for(nlp: Any) -> None:
    a = pasted(
        nlp,
        "“It was a long night,” said Sarah Collins. She thanked David Moore, who had driven "
        "her home, and he said “any time.”",
    )
    assert [s for _, s, _ in quote_table(a)] == ["Sarah Collins", "David Moore"]


def test_a_title_that_names_a_quotes_speaker_is_a_mention_of_them(nlp: Any) -> None:
    a = analysed(
        nlp,
        "Foreign Minister Omar Haddad met the envoy on Monday.",
        '"We will continue," the minister told reporters after the talks. "Not yet," '
        "the minister added.",
    )
    haddad = next(p for p in a.people if p.name == "Omar Haddad")
    assert [(m.block, m.text) for m in haddad.mentions] == [
        ("p1", "Omar Haddad"),
        ("p2", "the minister"),
        ("p2", "the minister"),
    ]
    text = a.article.block("p2").text
    assert [m.start for m in haddad.mentions[1:]] == [
        text.index("the minister"),
        text.rindex("the minister"),
    ]
    assert [r.value for r in haddad.roles] == ["Foreign Minister"]
