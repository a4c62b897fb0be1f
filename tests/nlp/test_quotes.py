"""Direct quotations in one article: continued speakers, quoted labels, and the seed article.

The marks are tested in test_quotemarks, the speech verb and its subject in test_attribution,
who a pronoun or title refers to in test_reference, the medium and date in test_quotesource.

Every fixture text here is invented for the test; nothing is copied from a corpus.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.ingest.paste import plain_text_article
from generator.nlp.analyse import analysis_of
from generator.nlp.layout import article_layout
from generator.nlp.quotes import Found, is_partial
from tests.nlp.inline import pasted, quote_table

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED = SHARED / "seed"


# --- speakers ---------------------------------------------------------------------------------


def test_a_split_quote_is_two_quotes_and_the_second_continues(nlp: Any) -> None:
    a = pasted(
        nlp,
        "Sarah Collins opened the new school in the town.",
        "“The children deserve this,” she said. “It took far too long.”",
    )
    assert quote_table(a) == [
        ("The children deserve this,", "Sarah Collins", "pronoun"),
        ("It took far too long.", "Sarah Collins", "continuation"),
    ]


def test_a_paragraph_that_is_only_a_quote_continues_the_speaker(nlp: Any) -> None:
    a = pasted(
        nlp,
        "“We did not expect the vote to be this close,” Peter Walsh said at a press conference.",
        "“Still, we will respect it. [The council] has spoken ... and that is that.”",
    )
    assert quote_table(a)[1] == (
        "Still, we will respect it. [The council] has spoken ... and that is that.",
        "Peter Walsh",
        "continuation",
    )
    assert a.quotes[0].source == "at a press conference"


def test_a_quote_over_several_paragraphs(nlp: Any) -> None:
    a = pasted(
        nlp,
        'John Harper said: "The first thing is money.',
        '"The second thing is time. We have neither."',
    )
    assert quote_table(a) == [
        ("The first thing is money.", "John Harper", "name"),
        ("The second thing is time. We have neither.", "John Harper", "continuation"),
    ]


def test_an_unclosed_quote_followed_by_a_new_one_in_one_paragraph(nlp: Any) -> None:
    a = pasted(
        nlp,
        "John Harper lost his seat.",
        'Mr Harper, who spoke after the vote, said: "We lost today. He added: "We will be back."',
    )
    assert quote_table(a) == [
        ("We lost today.", "John Harper", "name"),
        ("We will be back.", "John Harper", "pronoun"),
    ]


def test_a_scare_quote_and_a_repeated_label_have_no_speaker(nlp: Any) -> None:
    a = pasted(
        nlp,
        "The so-called “green corridor” was opened in May.",
        "John Harper said the “green corridor” had failed.",
    )
    assert [q.speaker for q in a.quotes] == [None, None]


def test_a_quote_with_no_speaker_in_the_text_gets_none(nlp: Any) -> None:
    a = pasted(nlp, "The sign on the gate read “Keep out” in red letters.")
    assert [(q.speaker, q.via) for q in a.quotes] == [(None, "none")]


def test_single_quotes_as_speech_marks(nlp: Any) -> None:
    a = pasted(nlp, "'We will appeal against the ruling,' said Sarah Collins.")
    assert quote_table(a) == [("We will appeal against the ruling,", "Sarah Collins", "name")]


# --- the seed article -------------------------------------------------------------------------


@pytest.mark.shared
@pytest.mark.skipif(not SEED.is_dir(), reason="../shared/seed (seed article and gold) is absent")
def test_seed_quotes_and_speakers_exactly(nlp: Any) -> None:
    text = (SEED / "iran-looks-to-strategic-partner-russia.txt").read_text(encoding="utf-8")
    gold = yaml.safe_load((SEED / "gold.yml").read_text(encoding="utf-8"))
    layout = article_layout(plain_text_article(text, "seed.txt", "seed"))
    analysis = analysis_of(nlp(layout.text), layout)
    names = {p.key: {p.name, *p.aliases} for p in analysis.people}
    found = {q.span.text: q for q in analysis.quotes}
    expected = [q for q in gold["quotes"] if not q.get("optional")]
    assert len(expected) == 21
    for g in expected:
        assert g["text"] in found, f"missed: {g['text']!r}"
        q = found[g["text"]]
        person = g["speaker"] if g["speaker"] and not g["speaker"].startswith("org:") else None
        assert (person in names.get(q.speaker or "", set())) if person else q.speaker is None, (
            f"{g['text']!r}: expected {person}, got {q.speaker}"
        )
    optional = {q["text"] for q in gold["quotes"] if q.get("optional")}
    extra = [t for t, q in found.items() if t not in {g["text"] for g in expected} | optional]
    assert extra == []
    assert [q for q in analysis.quotes if q.span.text in optional and q.speaker] == []


def test_a_stand_alone_quote_after_reported_speech_is_the_reporter_s_source(nlp: Any) -> None:
    a = pasted(
        nlp,
        "David Moore told the Courier that the mill would close. The workers were told on Friday. "
        "“Nobody wanted this outcome.”",
    )
    assert quote_table(a) == [("Nobody wanted this outcome.", "David Moore", "continuation")]


def test_a_quoted_name_before_a_noun_is_a_label_but_an_adjective_is_not(nlp: Any) -> None:
    a = pasted(nlp, "John Harper said the “clean air” plan would be dropped.")
    b = pasted(nlp, "John Harper said it was a “very good” result for the town.")
    assert [q.speaker for q in a.quotes] == [None]
    assert quote_table(b) == [("very good", "John Harper", "name")]


def test_a_lead_quote_paragraph_is_attributed_by_the_next_paragraph(nlp: Any) -> None:
    a = pasted(
        nlp,
        "Finance Minister Ana Ruiz visited the port on Monday.",
        "Trade",
        "“We will open this port to the world.”",
        "At a news conference after the visit, the finance minister announced new funds.",
    )
    assert quote_table(a) == [("We will open this port to the world.", "Ana Ruiz", "title")]


def test_a_continuation_looks_past_a_quoted_label(nlp: Any) -> None:
    a = pasted(
        nlp,
        "“We regret the decision,” said David Moore, head of a firm with the motto “Gold for All”. "
        "“It sends the wrong signal.”",
    )
    assert quote_table(a) == [
        ("We regret the decision,", "David Moore", "name"),
        ("Gold for All", None, "none"),
        ("It sends the wrong signal.", "David Moore", "continuation"),
    ]


def scanned_partial(text: str, here: Found) -> bool:
    """is_partial as it was: the whole sentence up to the quote, stripped and searched."""
    before = text[here.sentence[0] : here.open].strip()
    return (
        bool(before)
        and not before.endswith((":", ","))
        and not re.search(r"\b(?:said|says|added|told \w+|asked|declared|stated)$", before)
    ) or (bool(before) and before.endswith(",") and text[here.start : here.start + 1].islower())


WORDS = ["said", "told", "told reporters", "asked", "stated", "declared", "resaid", "Atold"]
WRITER = st.lists(st.sampled_from([*WORDS, *"x_,: 2é\n", "  "]), max_size=12)


@settings(max_examples=400, deadline=None)
@given(WRITER, WRITER, st.sampled_from(["a", "A", "'"]), st.integers(0, 100))
def test_a_partial_quote_is_read_from_the_last_words_before_it(
    lead: list[str], words: list[str], first: str, padding: int
) -> None:
    """Only the words before the quote's mark are read, not its whole sentence (which, for many
    quotes in one long sentence, grew with the square of its length)."""
    start = len("".join(lead)) + 1
    text = "".join(lead) + "|" + "x " * padding + "".join(words) + ' "' + first + 'bc" end'
    at = text.rindex('"' + first)
    here = Found(at + 1, at + 4, at, at + 5, 0, (start, len(text)), True)
    assert is_partial(text, here) == scanned_partial(text, here)


def test_a_long_attribution_after_a_question_the_parser_splits_off(nlp: Any) -> None:
    a = pasted(
        nlp,
        "“Will anyone stop them?” Sarah Collins, the mayor of the town since 2019, asked the "
        "crowd at the rally.",
    )
    assert quote_table(a) == [("Will anyone stop them?", "Sarah Collins", "name")]


def test_no_continuation_into_an_editors_note(nlp: Any) -> None:
    a = pasted(
        nlp,
        "David Moore spoke first.",
        "“We have nothing to hide,” he said.",
        "Editor's note: An earlier version of this story gave a wrong date. “The books are open.”",
    )
    assert [s for _, s, _ in quote_table(a)] == ["David Moore", None]


def test_a_quote_after_issued_a_statement_is_the_issuers_not_the_last_speakers(nlp: Any) -> None:
    a = pasted(
        nlp,
        "“We thank everyone,” said Sarah Collins.",
        "Not all were pleased. Senator David Moore, Republican from Texas, issued a statement "
        "about the choice. “Like many Texans, I am disappointed.”",
    )
    assert [s for _, s, _ in quote_table(a)] == ["Sarah Collins", "David Moore"]


def test_an_aside_about_someone_the_quote_names_does_not_make_them_its_speaker(
    nlp: Any,
) -> None:
    a = pasted(
        nlp,
        "“We will win,” David Moore said on Monday.",
        "Sarah Collins, who chairs the board, has said she will not attend the rally.",
        "“We do not need Collins anyway.”",
    )
    assert [s for _, s, _ in quote_table(a)] == ["David Moore", None]


def test_it_and_they_name_no_person(nlp: Any) -> None:
    a = pasted(
        nlp,
        "Sarah Collins met the farmers. It may be saying something like “we are done here”.",
        "They told her the plan was “a disaster”.",
    )
    assert [s for _, s, _ in quote_table(a)] == [None, None]


def test_a_long_sentence_after_a_plain_quote_does_not_attribute_it(nlp: Any) -> None:
    a = pasted(
        nlp,
        "Sarah Collins spoke first. “Our goal is to reach every town.” David Moore said the "
        "board would meet again in the spring to decide on the budget.",
    )
    assert [s for _, s, _ in quote_table(a)] == [None]  # not David Moore
