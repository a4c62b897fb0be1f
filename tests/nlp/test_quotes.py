"""Direct quotations and their speakers: one invented text per pattern, and the seed article.

Every fixture text here is invented for the test; nothing is copied from a corpus.
"""

from __future__ import annotations

import itertools
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from generator.ingest.paste import plain_text_article
from generator.model import ArticleAnalysis, Quote
from generator.nlp.analyse import analysis_of
from generator.nlp.layout import article_layout
from generator.nlp.quotemarks import quoted_stretches, sentence_bounds

SHARED = Path(__file__).resolve().parents[3] / "shared"
SEED = SHARED / "seed"


def analysed(nlp: Any, *paragraphs: str) -> ArticleAnalysis:
    text = "A headline for the test\n\n" + "\n\n".join(paragraphs) + "\n"
    layout = article_layout(plain_text_article(text, "test.txt", "test"))
    return analysis_of(nlp(layout.text), layout)


def speaker_name(analysis: ArticleAnalysis, quote: Quote) -> str | None:
    by_key = {p.key: p.name for p in analysis.people}
    return by_key.get(quote.speaker) if quote.speaker else None


def quote_table(analysis: ArticleAnalysis) -> list[tuple[str, str | None, str]]:
    return [(q.span.text, speaker_name(analysis, q), q.via) for q in analysis.quotes]


# --- quote marks (no model) -----------------------------------------------------------------


def words_of(text: str) -> list[str]:
    return [text[q.start : q.end] for q in quoted_stretches(text)]


def test_curly_and_straight_quotes_are_found_without_their_marks() -> None:
    text = '“We will stay,” she said. He called it "a fair deal" on Monday.'
    assert words_of(text) == ["We will stay,", "a fair deal"]


def test_a_quote_reopened_before_it_closes_ends_at_its_last_sentence() -> None:
    text = 'He said: "We are ready. He added: "Nobody will stop us." Then he left.'
    assert words_of(text) == ["We are ready.", "Nobody will stop us."]


def test_a_quote_left_open_runs_to_the_end_of_its_paragraph() -> None:
    stretches = quoted_stretches('She said: "The work goes on. We will finish it.')
    assert [s.closed for s in stretches] == [False]


def test_single_quotes_inside_double_quotes_are_part_of_the_words() -> None:
    assert words_of("\"I reject the 'no deal' idea,\" he said.") == ["I reject the 'no deal' idea,"]


def test_single_quotes_quote_speech_but_apostrophes_do_not() -> None:
    text = "'We can't wait,' said the boss of the players' union in the '90s."
    assert words_of(text) == ["We can't wait,"]


def test_typewriter_quotes_pair_up() -> None:
    assert words_of("a so-called ``clean break'' and the `three rules' plan") == [
        "clean break",
        "three rules",
    ]


@given(st.text(alphabet=st.sampled_from(list("ab .,:?\"'`“”‘’-")), max_size=60))
def test_any_text_gives_ordered_quotes_inside_it_and_sentences_around_them(text: str) -> None:
    stretches = quoted_stretches(text)
    for q in stretches:
        assert 0 <= q.open < q.start <= q.end <= q.close <= len(text)
    for a, b in itertools.pairwise(stretches):
        assert a.close <= b.open
    bounds = sentence_bounds(text, stretches)
    assert all(0 <= a < b <= len(text) for a, b in bounds)
    assert all(any(a <= q.open < b for a, b in bounds) for q in stretches)


def test_a_sentence_ends_after_a_quote_that_ends_one() -> None:
    text = "“It was late.” The meeting ended. Dr. Ruiz left at 5 p.m."
    bounds = sentence_bounds(text, quoted_stretches(text))
    assert [text[a:b].strip() for a, b in bounds] == [
        "“It was late.”",
        "The meeting ended.",
        "Dr. Ruiz left at 5 p.m.",
    ]


# --- speakers ---------------------------------------------------------------------------------


def test_name_after_the_quote_with_cue_source_and_date(nlp: Any) -> None:
    a = analysed(
        nlp,
        "“The harbour will reopen next month,” John Harper said on Tuesday, in remarks carried "
        "by the Northern Gazette.",
    )
    (q,) = a.quotes
    assert (speaker_name(a, q), q.via, q.cue, q.date, q.partial) == (
        "John Harper",
        "name",
        "said",
        "Tuesday",
        False,
    )
    assert q.source == "in remarks carried by the Northern Gazette"


def test_inverted_order_and_told_a_named_outlet(nlp: Any) -> None:
    a = analysed(nlp, '"We have no plans to sell," said David Moore, who runs the firm.')
    assert quote_table(a) == [("We have no plans to sell,", "David Moore", "name")]
    b = analysed(nlp, "“Prices will fall,” Sarah Collins told the Evening Herald newspaper.")
    assert b.quotes[0].source == "told the Evening Herald newspaper"


def test_a_split_quote_is_two_quotes_and_the_second_continues(nlp: Any) -> None:
    a = analysed(
        nlp,
        "Sarah Collins opened the new school in the town.",
        "“The children deserve this,” she said. “It took far too long.”",
    )
    assert quote_table(a) == [
        ("The children deserve this,", "Sarah Collins", "pronoun"),
        ("It took far too long.", "Sarah Collins", "continuation"),
    ]


def test_a_pronoun_is_the_last_person_who_was_a_subject(nlp: Any) -> None:
    a = analysed(
        nlp,
        "Speaking in Leeds on Monday, Peter Walsh said the budget was too small.",
        "But standing next to Mr Grant he added that it was “a disgrace for the region”.",
    )
    assert quote_table(a) == [("a disgrace for the region", "Peter Walsh", "pronoun")]
    assert a.quotes[0].partial


def test_a_paragraph_that_is_only_a_quote_continues_the_speaker(nlp: Any) -> None:
    a = analysed(
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
    a = analysed(
        nlp,
        'John Harper said: "The first thing is money.',
        '"The second thing is time. We have neither."',
    )
    assert quote_table(a) == [
        ("The first thing is money.", "John Harper", "name"),
        ("The second thing is time. We have neither.", "John Harper", "continuation"),
    ]


def test_an_unclosed_quote_followed_by_a_new_one_in_one_paragraph(nlp: Any) -> None:
    a = analysed(
        nlp,
        "John Harper lost his seat.",
        'Mr Harper, who spoke after the vote, said: "We lost today. He added: "We will be back."',
    )
    assert quote_table(a) == [
        ("We lost today.", "John Harper", "name"),
        ("We will be back.", "John Harper", "pronoun"),
    ]


def test_according_to_names_the_speaker(nlp: Any) -> None:
    a = analysed(
        nlp,
        "According to David Moore, the new rules “change nothing at all” for farmers.",
    )
    assert quote_table(a) == [("change nothing at all", "David Moore", "name")]
    assert a.quotes[0].cue == "according to"


def test_a_title_resolves_to_the_person_who_holds_it(nlp: Any) -> None:
    a = analysed(
        nlp,
        "Finance Minister Ana Ruiz met union leaders on Friday.",
        "Later the finance minister said the talks had been “frank but useful”.",
    )
    assert quote_table(a) == [("frank but useful", "Ana Ruiz", "title")]


def test_an_institution_is_no_person(nlp: Any) -> None:
    a = analysed(nlp, "The ministry said the report was “deeply flawed”.")
    (q,) = a.quotes
    assert (q.speaker, q.speaker_text.lower(), q.via) == (None, "the ministry", "title")


def test_an_unnamed_spokeswoman_is_not_the_last_named_woman(nlp: Any) -> None:
    a = analysed(
        nlp,
        "Ms Ana Ruiz, the mayor, was not available for comment.",
        "A council spokeswoman said the road would close. “It is not safe,” she said.",
    )
    assert [q.speaker for q in a.quotes] == [None]


def test_a_scare_quote_and_a_repeated_label_have_no_speaker(nlp: Any) -> None:
    a = analysed(
        nlp,
        "The so-called “green corridor” was opened in May.",
        "John Harper said the “green corridor” had failed.",
    )
    assert [q.speaker for q in a.quotes] == [None, None]


def test_a_quote_with_no_speaker_in_the_text_gets_none(nlp: Any) -> None:
    a = analysed(nlp, "The sign on the gate read “Keep out” in red letters.")
    assert [(q.speaker, q.via) for q in a.quotes] == [(None, "none")]


def test_single_quotes_as_speech_marks(nlp: Any) -> None:
    a = analysed(nlp, "'We will appeal against the ruling,' said Sarah Collins.")
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


def test_a_title_nobody_holds_refers_back_to_the_last_subject(nlp: Any) -> None:
    a = analysed(
        nlp,
        "Peter Walsh has rejected calls to resign over the housing plan.",
        "The party leader said the plan was “the right thing to do”.",
    )
    assert quote_table(a) == [("the right thing to do", "Peter Walsh", "title")]


def test_a_stand_alone_quote_after_reported_speech_is_the_reporter_s_source(nlp: Any) -> None:
    a = analysed(
        nlp,
        "David Moore told the Courier that the mill would close. The workers were told on Friday. "
        "“Nobody wanted this outcome.”",
    )
    assert quote_table(a) == [("Nobody wanted this outcome.", "David Moore", "continuation")]


def test_a_quote_mark_glued_to_the_next_word_closes_or_opens_by_position() -> None:
    assert words_of('"We all signed it,"said Dr. Lee. She said:"It is over."') == [
        "We all signed it,",
        "It is over.",
    ]


def test_quoted_as_saying_names_the_speaker_not_the_medium(nlp: Any) -> None:
    a = analysed(nlp, "Sarah Collins was quoted by Reuters as saying the deal was “a bad joke”.")
    assert quote_table(a) == [("a bad joke", "Sarah Collins", "name")]
    assert a.quotes[0].source == "quoted by Reuters"


def test_a_description_refers_to_the_person_the_text_is_about(nlp: Any) -> None:
    a = analysed(
        nlp,
        "Arsenal manager Peter Walsh praised his players after the win.",
        "“We were patient and it paid off,” the Scotsman said.",
    )
    assert quote_table(a) == [("We were patient and it paid off,", "Peter Walsh", "title")]


def test_a_quoted_name_before_a_noun_is_a_label_but_an_adjective_is_not(nlp: Any) -> None:
    a = analysed(nlp, "John Harper said the “clean air” plan would be dropped.")
    b = analysed(nlp, "John Harper said it was a “very good” result for the town.")
    assert [q.speaker for q in a.quotes] == [None]
    assert quote_table(b) == [("very good", "John Harper", "name")]


def test_a_short_attribution_after_a_question(nlp: Any) -> None:
    a = analysed(
        nlp,
        "Sarah Collins and John Harper met the press.",
        "“Why should we wait any longer?” John Harper asked.",
    )
    assert quote_table(a) == [("Why should we wait any longer?", "John Harper", "name")]


def test_a_lead_quote_paragraph_is_attributed_by_the_next_paragraph(nlp: Any) -> None:
    a = analysed(
        nlp,
        "Finance Minister Ana Ruiz visited the port on Monday.",
        "Trade",
        "“We will open this port to the world.”",
        "At a news conference after the visit, the finance minister announced new funds.",
    )
    assert quote_table(a) == [("We will open this port to the world.", "Ana Ruiz", "title")]


def test_a_reporting_pronoun_is_not_the_subject_of_the_reported_clause(nlp: Any) -> None:
    a = analysed(
        nlp,
        "Peter Walsh attacked the government in a speech on Monday.",
        "Mr Grant has failed the region, he claimed, calling the plan “a betrayal”.",
    )
    assert quote_table(a) == [("a betrayal", "Peter Walsh", "pronoun")]


def test_an_inverted_attribution_the_parser_reads_as_an_object(nlp: Any) -> None:
    a = analysed(nlp, "“We have had an offer from Leeds,” confirmed a club spokesman.")
    (q,) = a.quotes
    assert (q.speaker, q.speaker_text, q.via, q.cue) == (
        None,
        "a club spokesman",
        "title",
        "confirmed",
    )


def test_a_passive_speech_verb_does_not_make_its_subject_the_speaker(nlp: Any) -> None:
    a = analysed(
        nlp,
        "Peter Walsh spoke to parliament on Tuesday.",
        "He said that if Mr Grant was declared the winner, it would have “grave consequences”.",
    )
    assert quote_table(a) == [("grave consequences", "Peter Walsh", "pronoun")]


def test_a_name_in_apposition_to_a_long_title_is_the_speaker(nlp: Any) -> None:
    a = analysed(
        nlp,
        "David Moore, the mayor, opened the clinic.",
        "But the head of the medical staff of the clinic, Sarah Collins, said it was "
        "“far too small”.",
    )
    assert quote_table(a) == [("far too small", "Sarah Collins", "name")]


def test_as_x_put_it_and_a_person_s_statement_attribute(nlp: Any) -> None:
    a = analysed(
        nlp,
        "The rebels were “bands of armed men”, as police chief John Harper put it.",
        "Critics recalled Mr Harper's statement that “nobody will be spared”.",
    )
    assert quote_table(a) == [
        ("bands of armed men", "John Harper", "name"),
        ("nobody will be spared", "John Harper", "name"),
    ]


def test_he_after_an_unnamed_spokesman_is_not_the_last_named_man(nlp: Any) -> None:
    a = analysed(
        nlp,
        "Peter Walsh said the talks had failed.",
        "The ministry spokesman told reporters the offer stood. “Nothing has changed,” he said.",
    )
    assert [q.speaker for q in a.quotes] == [None]


def test_he_after_a_title_with_a_name_in_apposition(nlp: Any) -> None:
    a = analysed(
        nlp,
        "Peter Walsh said the talks had failed.",
        "The director of the port, David Moore, admitted the offer was poor.",
        "He said: “Nobody wanted this.”",
    )
    assert quote_table(a) == [("Nobody wanted this.", "David Moore", "pronoun")]


def test_a_continuation_looks_past_a_quoted_label(nlp: Any) -> None:
    a = analysed(
        nlp,
        "“We regret the decision,” said David Moore, head of a firm with the motto “Gold for All”. "
        "“It sends the wrong signal.”",
    )
    assert quote_table(a) == [
        ("We regret the decision,", "David Moore", "name"),
        ("Gold for All", None, "none"),
        ("It sends the wrong signal.", "David Moore", "continuation"),
    ]
