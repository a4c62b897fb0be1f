"""Who said a quotation: the speech verb of its sentence and the person its subject names.

Every fixture text here is invented for the test; nothing is copied from a corpus.
"""

from __future__ import annotations

from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from generator.nlp.attribution import Cue, Speaker, _in_order, _nearest
from tests.nlp.inline import pasted, quote_table


def test_inverted_order_and_told_a_named_outlet(nlp: Any) -> None:
    a = pasted(nlp, '"We have no plans to sell," said David Moore, who runs the firm.')
    assert quote_table(a) == [("We have no plans to sell,", "David Moore", "name")]
    b = pasted(nlp, "“Prices will fall,” Sarah Collins told the Evening Herald newspaper.")
    assert b.quotes[0].source == "told the Evening Herald newspaper"


def test_according_to_names_the_speaker(nlp: Any) -> None:
    a = pasted(
        nlp,
        "According to David Moore, the new rules “change nothing at all” for farmers.",
    )
    assert quote_table(a) == [("change nothing at all", "David Moore", "name")]
    assert a.quotes[0].cue == "according to"


def test_an_institution_is_no_person(nlp: Any) -> None:
    a = pasted(nlp, "The ministry said the report was “deeply flawed”.")
    (q,) = a.quotes
    assert (q.speaker, q.speaker_text.lower(), q.via) == (None, "the ministry", "title")


def test_quoted_as_saying_names_the_speaker_not_the_medium(nlp: Any) -> None:
    a = pasted(nlp, "Sarah Collins was quoted by Reuters as saying the deal was “a bad joke”.")
    assert quote_table(a) == [("a bad joke", "Sarah Collins", "name")]
    assert a.quotes[0].source == "quoted by Reuters"


def test_a_short_attribution_after_a_question(nlp: Any) -> None:
    a = pasted(
        nlp,
        "Sarah Collins and John Harper met the press.",
        "“Why should we wait any longer?” John Harper asked.",
    )
    assert quote_table(a) == [("Why should we wait any longer?", "John Harper", "name")]


def test_an_inverted_attribution_the_parser_reads_as_an_object(nlp: Any) -> None:
    a = pasted(nlp, "“We have had an offer from Leeds,” confirmed a club spokesman.")
    (q,) = a.quotes
    assert (q.speaker, q.speaker_text, q.via, q.cue) == (
        None,
        "a club spokesman",
        "title",
        "confirmed",
    )


def test_a_passive_speech_verb_does_not_make_its_subject_the_speaker(nlp: Any) -> None:
    a = pasted(
        nlp,
        "Peter Walsh spoke to parliament on Tuesday.",
        "He said that if Mr Grant was declared the winner, it would have “grave consequences”.",
    )
    assert quote_table(a) == [("grave consequences", "Peter Walsh", "pronoun")]


def test_a_name_in_apposition_to_a_long_title_is_the_speaker(nlp: Any) -> None:
    a = pasted(
        nlp,
        "David Moore, the mayor, opened the clinic.",
        "But the head of the medical staff of the clinic, Sarah Collins, said it was "
        "“far too small”.",
    )
    assert quote_table(a) == [("far too small", "Sarah Collins", "name")]


def test_as_x_put_it_and_a_person_s_statement_attribute(nlp: Any) -> None:
    a = pasted(
        nlp,
        "The rebels were “bands of armed men”, as police chief John Harper put it.",
        "Critics recalled Mr Harper's statement that “nobody will be spared”.",
    )
    assert quote_table(a) == [
        ("bands of armed men", "John Harper", "name"),
        ("nobody will be spared", "John Harper", "name"),
    ]


def scanned_nearest(cues: list[Cue], open_at: int, close: int) -> Cue | None:
    """The nearest cue as it was chosen: every cue of the sentence, for every quote in it."""
    usable = [c for c in cues if not c.subject[0] <= open_at < c.subject[1]]
    if not usable:
        return None
    return min(usable, key=lambda c: open_at - c.at if c.at < open_at else c.at - close)


CUES = st.lists(st.tuples(st.integers(1, 4), st.integers(0, 30), st.integers(0, 12)), max_size=10)


@given(CUES, st.integers(0, 60), st.integers(0, 6))
def test_the_nearest_cue_is_the_one_a_scan_of_all_finds(
    gaps: list[tuple[int, int, int]], open_at: int, length: int
) -> None:
    speaker = Speaker("anna-berg", "Anna Berg", "name")
    cues, at = [], 0
    for gap, subject, size in gaps:
        at += gap  # one cue per verb, in order
        cues.append(Cue(at, "said", speaker, (subject, subject + size)))
    close = open_at + length
    assert _nearest(_in_order(cues), open_at, close) == scanned_nearest(cues, open_at, close)


def test_a_verb_hanging_from_the_quotation_takes_the_speaker_outside_it(nlp: Any) -> None:
    a = pasted(
        nlp,
        "Harbour board chair Nadia Okafor said the new levy “costs every fisherman a week of "
        "wages,” later adding, “We will fight it in court.”",
    )
    assert [s for _, s, _ in quote_table(a)] == ["Nadia Okafor", "Nadia Okafor"]


def test_a_description_that_gives_the_speaker_a_name(nlp: Any) -> None:
    a = pasted(nlp, "“We are tired of waiting,” said a nurse using the name Maria Lopez.")
    assert quote_table(a) == [("We are tired of waiting,", "Maria Lopez", "name")]
    b = pasted(
        nlp,
        "Maria Lopez met the board on Monday.",
        "A nurse who had met Maria Lopez said the ward was “close to breaking”.",
    )
    assert [s for _, s, _ in quote_table(b)] == [None]


def test_a_verb_of_communication_outside_the_hand_kept_list(nlp: Any) -> None:
    a = pasted(nlp, "“This is the best squad I have ever had,” David Moore gushed.")
    assert quote_table(a) == [("This is the best squad I have ever had,", "David Moore", "name")]
    b = pasted(nlp, "Sarah Collins implored the council: “Do not close the library.”")
    assert [s for _, s, _ in quote_table(b)] == ["Sarah Collins"]


def test_the_verb_the_quotation_hangs_from_not_the_nearest(nlp: Any) -> None:
    a = pasted(
        nlp,
        "Sarah Collins told reporters on Monday morning that the plan was “a disaster for the "
        "town,” a claim David Moore denied.",
    )
    assert [s for _, s, _ in quote_table(a)] == ["Sarah Collins"]


def test_a_wordnet_verb_in_a_clause_of_a_noun_or_far_from_the_quote_attributes_nothing(
    nlp: Any,
) -> None:
    a = pasted(nlp, "The plan, which was approved by David Moore, is called “Project Blue”.")
    assert [s for _, s, _ in quote_table(a)] == [None]


def test_a_statement_saying_is_its_writers(nlp: Any) -> None:
    a = pasted(nlp, "David Moore issued a statement saying the plan was “dead on arrival”.")
    assert quote_table(a) == [("dead on arrival", "David Moore", "name")]
    b = pasted(nlp, "The harbour board issued a statement saying the plan was “dead on arrival”.")
    (q,) = b.quotes
    assert (q.speaker, q.speaker_text) == (None, "The harbour board")  # an institution's words


def test_a_verb_said_in_a_statement_attributes(nlp: Any) -> None:
    a = pasted(
        nlp, "David Moore, in a statement, blasted the plan as “a reckless gamble with savings”."
    )
    assert [s for _, s, _ in quote_table(a)] == ["David Moore"]


def test_a_finite_verb_the_parser_hung_from_a_noun_has_the_sentences_subject(nlp: Any) -> None:
    a = pasted(
        nlp,
        "On Tuesday, Greek minister David Moore speaking to the Harbour Council think tank "
        "called the border deal “null and void”.",
    )
    assert [s for _, s, _ in quote_table(a)] == ["David Moore"]


def test_a_statement_that_adds_is_its_owners(nlp: Any) -> None:
    a = pasted(nlp, "Sarah Collins's statement added, “There is no question we were right.”")
    assert [s for _, s, _ in quote_table(a)] == ["Sarah Collins"]


def test_a_speech_verb_after_whilst_takes_the_main_subject(nlp: Any) -> None:
    a = pasted(
        nlp,
        "On Wednesday, David Moore defended the board's record whilst promising a “full "
        "review” from the council is coming.",
    )
    assert [s for _, s, _ in quote_table(a)] == ["David Moore"]
