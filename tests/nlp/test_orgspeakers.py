"""Quotes an organisation speaks (nlp.orgspeakers): speaker_org set, speaker left a person or None.

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

from spacy.language import Language

from generator.model import ArticleAnalysis
from tests.nlp.inline import analysed


def speaking(a: ArticleAnalysis) -> dict[str, tuple[str | None, str | None]]:
    """quote text -> (speaker key, speaker organisation's name)"""
    names = {o.key: o.name for o in a.organisations}
    return {
        q.span.text: (q.speaker, names.get(q.speaker_org) if q.speaker_org else None)
        for q in a.quotes
    }


def test_a_statement_or_an_unnamed_spokesman_of_a_body_is_the_body(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Rents will keep rising this year, analysts at Harbour Analytics said on Monday.",
        '"The market is tight and will stay tight," a Harbour Analytics statement said.',
        '"We are pleased," said a Harbour Analytics spokesman.',
    )
    found = speaking(a)
    assert found["The market is tight and will stay tight,"] == (None, "Harbour Analytics")
    assert found["We are pleased,"] == (None, "Harbour Analytics")


def test_a_pronoun_after_an_organisation_quote_carries_it_on(nlp: Language) -> None:
    a = analysed(
        nlp,
        'The tour is off, said a spokesman for the Velvet Pylons. "The singer is unwell," said '
        "a Velvet Pylons spokesman.",
        '"We hope to be back soon," he said.',
    )
    assert speaking(a)["We hope to be back soon,"] == (None, "Velvet Pylons")


def test_a_person_speaking_keeps_no_organisation(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Rents rose, Harbour Analytics said. "
        '"It will go on," said Maria Olsen, chief economist at Harbour Analytics.',
    )
    speaker, org = speaking(a)["It will go on,"]
    assert speaker is not None and org is None


def test_the_government_unnamed_is_no_speaking_organisation(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Harbour Analytics published its survey on Monday.",
        '"We will act," the government said.',
    )
    assert speaking(a)["We will act,"] == (None, None)
