"""`dossier review`'s findings (generator.publish.review): each kind found on an inline dossier,
with the curation rule that fixes it; the people's rules parse as the curation file does."""

from __future__ import annotations

from dataclasses import replace

import yaml

from generator.ingest.curation import parse_curation
from generator.model import Dossier, Person
from generator.publish.review import (
    ACRONYM_MERGE,
    COUNTRY_CONFLICT,
    PRONOUN_SPEAKER,
    SINGLE_NAME,
    Finding,
    fragment,
    review_findings,
    review_markdown,
)
from tests.publish.inline import A2_P1, DOSSIER, FIRST, SECOND, one

PEOPLE_RULES = (SINGLE_NAME, COUNTRY_CONFLICT)


def findings(dossier: Dossier = DOSSIER) -> dict[tuple[str, str], Finding]:
    return {(f.kind, f.subject): f for f in review_findings(dossier)}


def test_each_kind_is_found_once_on_the_inline_dossier() -> None:
    assert set(findings()) == {
        (SINGLE_NAME, "tomas"),
        (COUNTRY_CONFLICT, "ana-ferreira"),
        (PRONOUN_SPEAKER, f"{FIRST.id}-q1"),
        (ACRONYM_MERGE, "movement-for-democratic-change"),
    }


def test_a_lone_word_is_dropped_or_merged_into_the_person_whose_surname_it_is() -> None:
    assert findings()[(SINGLE_NAME, "tomas")].fix.yaml == "drop:\n  - tomas\n"
    ferreira = Person(
        "ferreira", "Ferreira", (), "subject", (one(A2_P1, "Ferreira", article=SECOND.id),)
    )
    found = findings(replace(DOSSIER, people=(*DOSSIER.people, ferreira)))
    assert found[(SINGLE_NAME, "ferreira")].fix.yaml == (
        "merge:\n  - into: ana-ferreira\n    ids: [ferreira]\n"
    )


def test_a_person_named_in_several_articles_or_by_two_words_is_not_a_finding() -> None:
    again = replace(
        DOSSIER.people[3], mentions=(*DOSSIER.people[3].mentions, one(FIRST.blocks[0].text, "Ana"))
    )
    assert (SINGLE_NAME, "tomas") not in findings(replace(DOSSIER, people=(again,)))


def test_countries_that_differ_between_articles_are_set_to_the_most_given() -> None:
    finding = findings()[(COUNTRY_CONFLICT, "ana-ferreira")]
    assert "MZ by 1 article(s); PT by 1 article(s)" in finding.summary
    assert finding.fix.yaml == "set:\n  - id: ana-ferreira\n    countries: [MZ]\n"
    assert {s.article for s in finding.evidence} == {FIRST.id, SECOND.id}
    assert f"    - PT: {SECOND.id} #p1: “Portugal”" in review_markdown([finding])


def test_two_countries_of_one_article_are_no_conflict() -> None:
    ana = DOSSIER.person("ana-ferreira")
    same = replace(
        ana,
        countries=(
            ana.countries[0],
            replace(ana.countries[1], source=one(FIRST.blocks[0].text, "Maputo")),
        ),
    )
    assert (COUNTRY_CONFLICT, "ana-ferreira") not in findings(replace(DOSSIER, people=(same,)))


def test_a_pronoun_speaker_named_only_in_another_paragraph_is_shown_with_that_paragraph() -> None:
    finding = findings()[(PRONOUN_SPEAKER, f"{FIRST.id}-q1")]
    assert "“she” taken as Ana Ferreira" in finding.summary
    assert [(s.article, s.block) for s in finding.evidence] == [(FIRST.id, "p1")]
    assert finding.fix.yaml == f"speakers:\n  - quote: {FIRST.id}-q1\n    speaker: ana-ferreira\n"


def test_an_organisation_named_by_acronym_alone_in_an_article_is_split_off() -> None:
    finding = findings()[(ACRONYM_MERGE, "movement-for-democratic-change")]
    assert finding.fix.yaml == (
        "organisations:\n"
        "  split:\n"
        "    - id: movement-for-democratic-change\n"
        "      new_id: movement-for-democratic-change-mdc\n"
        '      name: "MDC"\n'
        f"      articles: [{SECOND.id}]\n"
    )


def test_the_people_fixes_are_a_curation_file_that_parses() -> None:
    people = [f for f in review_findings(DOSSIER) if f.kind in PEOPLE_RULES]
    curation = parse_curation(fragment(people))
    assert [d.id for d in curation.drops] == ["tomas"]
    assert [(s.id, s.countries) for s in curation.facts] == [("ana-ferreira", ("MZ",))]


def test_the_whole_fragment_is_yaml_with_each_key_once() -> None:
    data = yaml.safe_load(fragment(review_findings(DOSSIER)))
    assert set(data) == {"drop", "set", "speakers", "organisations"}
    assert data["organisations"]["split"][0]["articles"] == [SECOND.id]


def test_every_fix_is_a_curation_file_that_parses() -> None:
    curation = parse_curation(fragment(review_findings(DOSSIER)))
    assert [s.quote for s in curation.speakers] == [f"{FIRST.id}-q1"]
    assert [s.articles for s in curation.organisations.splits] == [(SECOND.id,)]


def test_the_report_has_a_section_per_kind_and_every_fix() -> None:
    report = review_markdown(review_findings(DOSSIER))
    assert report.startswith("# Review: facts worth a human look\n")
    for title in (
        "## People named by one word, in one article",
        "## Countries that differ from one article to another",
        "## Speakers found through a pronoun in another paragraph",
        "## Organisations joined on an acronym alone",
        "## Every fix in one fragment",
    ):
        assert title in report
    assert "    ```yaml\n    drop:\n      - tomas\n    ```" in report


def test_nothing_to_review() -> None:
    assert "Nothing to review" in review_markdown(review_findings(Dossier((), (), (), ())))
