"""What shows a name to be an organisation's (nlp.orgevidence).

Every text here is written for the test: short, and built around one hard case each.
"""

from __future__ import annotations

from spacy.language import Language

from generator.nlp.orgcandidates import OrgMention
from generator.nlp.orgevidence import acts, in_a_credit_line, modifies_a_thing


def mention(text: str, name: str) -> OrgMention:
    start = text.index(name)
    return OrgMention(start, start + len(name), name, name)


def test_a_body_speaks_has_staff_or_is_named_with_its_kind(nlp: Language) -> None:
    for text, name in [
        ("Prices rose, Brightwater said on Friday.", "Brightwater"),
        ("An Ostrava spokesman declined to comment.", "Ostrava"),
        ("Shares in rival Kestrel fell sharply.", "Kestrel"),
        ("Giants of the food world such as Plumtree have joined.", "Plumtree"),
    ]:
        assert acts(nlp(text), mention(text, name)), text


def test_a_name_that_only_describes_a_thing_does_not_act(nlp: Language) -> None:
    text = "Doctors enrolled 400 patients in the HALO trial last year."
    doc = nlp(text)
    assert modifies_a_thing(doc, mention(text, "HALO"))
    assert not acts(doc, mention(text, "HALO"))


def test_an_agency_credited_with_the_report_is_a_credit_line(nlp: Language) -> None:
    text = "Wirepress contributed to this report."
    assert in_a_credit_line(nlp(text), mention(text, "Wirepress"))


def test_an_agency_in_a_dateline_or_a_publisher_in_a_copyright_line_is_a_credit(
    nlp: Language,
) -> None:
    for text, name in [
        ("Lisbon, 4 Mar (Wirepress) -- The talks ended without a deal.", "Wirepress"),
        ("Talks ended.\n\nCopyright @ 2002 The Daily Lantern. All rights reserved.", "Daily"),
        ("Author:     Wirepress [ TUESDAY, MARCH 12, 2002 ]\n\nTalks ended.", "Wirepress"),
    ]:
        assert in_a_credit_line(nlp(text), mention(text, name)), text


def test_a_body_in_brackets_or_named_by_an_author_in_the_text_is_no_credit(
    nlp: Language,
) -> None:
    for text, name in [
        ("The Movement for Change (MFC) -- a new party -- won the vote.", "MFC"),
        ("Its author, a Wirepress reporter, said the talks had ended.", "Wirepress"),
        ("The agency said the copyright of Lantern Media had expired.", "Lantern Media"),
    ]:
        assert not in_a_credit_line(nlp(text), mention(text, name)), text
