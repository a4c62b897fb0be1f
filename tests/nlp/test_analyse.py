"""The analyse stage (nlp.analyse): bylines and photo credits are credits, not subjects.

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

from spacy.language import Language

from generator.resolve.dossier import resolve
from tests.nlp.inline import analysed, subjects


def test_byline_and_photographer_are_credits_and_agencies_are_nobody(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Talks resumed in Geneva on Monday.",
        author="Laura Finch",
        credit="Pierre Dumas/AFP via Getty Images",
    )
    dossier = resolve([a])
    credits = {p.name: p for p in dossier.people if p.kind == "credit"}
    assert set(credits) == {"Laura Finch", "Pierre Dumas"}
    assert not [p for p in dossier.people if p.name in {"AFP", "Getty Images"}]
    assert not subjects(dossier)
