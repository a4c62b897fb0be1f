"""The roles of a person (nlp.roles): before the name and in apposition after it.

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

from spacy.language import Language

from generator.resolve.dossier import resolve
from tests.nlp.inline import analysed, subjects


def test_a_role_before_a_name_keeps_an_institution_whole_and_drops_mr(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Winners include Royal Bank of Midland chief executive Fred Gooding and others.",
        "Airline boss Mr Dixon also said he would stay, speaking on behalf of Health "
        "Minister Ann Kell.",
    )
    people = subjects(resolve([a]))
    assert [r.value for r in people["Fred Gooding"].roles] == [
        "Royal Bank of Midland chief executive"
    ]
    assert [r.value for r in people["Dixon"].roles] == ["Airline boss"]
    assert [r.value for r in people["Ann Kell"].roles] == ["Health Minister"]


def test_role_from_apposition_and_premodifier(nlp: Language) -> None:
    a = analysed(
        nlp,
        "Elena Petrova, the head of the Russian Security Council, met then-Defense Minister "
        "Viktor Lomov in Moscow.",
    )
    people = subjects(resolve([a]))
    roles = [r.value.casefold() for r in people["Elena Petrova"].roles]
    assert any("head of the russian security council" in r for r in roles)
    assert people["Elena Petrova"].country_codes == ("RU",)
    assert any("Defense Minister" in r.value for r in people["Viktor Lomov"].roles)
    role = people["Elena Petrova"].roles[0]
    assert role.source.block == "p1"
