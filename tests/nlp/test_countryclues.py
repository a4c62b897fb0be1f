"""Country evidence in single phrases (nlp.countryclues): roles, descriptions beside a name,
the words before an organisation's name.

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

from spacy.language import Language

from generator.model import Claim, PersonRef, Span
from generator.nlp.countryclues import country_before_name, holds_a_state_office, sentence_at


def test_a_token_s_sentence_is_the_one_span_sent_gives(nlp: Language) -> None:
    doc = nlp(
        "Iranian President Masoud Rahimi met Anna Berg. They talked.\n\nIn Oslo, Berg said "
        "it went well, and Rahimi agreed"
    )
    for token in doc:
        assert sentence_at(doc, token.i) == doc[token.i : token.i + 1].sent


def test_a_country_in_the_nouns_before_an_organisation(nlp: Language) -> None:
    text = "Danish brewer Holm Ale and rival Holmsted were sold. US Steelworks grew."
    doc = nlp(text)
    start = text.index("Holm Ale")
    assert country_before_name(doc, start, start + len("Holm Ale")) == (0, start, "DK")
    start = text.index("Steelworks")
    assert country_before_name(doc, start, start + len("Steelworks")) is None


def test_a_state_office_is_told_from_any_word_of_any_role() -> None:
    def person(*roles: str) -> PersonRef:
        source = Span("a1", "p1", 0, 1, "x")
        return PersonRef(
            key="x",
            name="X",
            aliases=(),
            mentions=(source,),
            roles=tuple(Claim(r, source) for r in roles),
        )

    assert holds_a_state_office(person("club chairman", "Zimbabwean President"))
    assert not holds_a_state_office(person("club chairman"))
    assert not holds_a_state_office(person())
