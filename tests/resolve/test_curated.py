"""Curation rules applied to the dossier of tests/organised.py (no model): a person's kind and
organisations, one country claim dropped, an organisation split, and what `Notes` says of a rule
that finds nothing to act on."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.errors import ContentError
from generator.ingest.curation import parse_curation
from generator.model import ArticleAnalysis, Claim, Curated, Dossier
from generator.resolve.curated import Notes, organisation_index
from generator.resolve.dossier import resolve
from generator.site.render import render
from tests.conftest import ROOT
from tests.organised import ARTICLE_ID, MDC, MINISTRY, organised_analysis

TEMPLATES = ROOT / "templates"


def curated(text: str, analysis: ArticleAnalysis | None = None) -> tuple[Dossier, Notes]:
    notes = Notes("c.yml", quiet=True)
    found = resolve([analysis or organised_analysis()], parse_curation(text, "c.yml"), notes=notes)
    return found, notes


def with_countries(*codes: str) -> ArticleAnalysis:
    """The organised analysis, Ana Ferreira read as of `codes` (each from her name's span)."""
    analysis = organised_analysis()
    ana, *others = analysis.people
    claims = tuple(Claim(c, ana.mentions[0]) for c in codes)
    return replace(analysis, people=(replace(ana, countries=claims), *others))


def test_a_set_rule_gives_kind_and_organisations_by_id_name_or_alias() -> None:
    dossier, notes = curated(
        "set:\n  - id: tomas-lima\n    kind: credit\n"
        "    organisations: [ministry-of-transport, Radio Horizonte, MDC]\n"
    )
    lima = dossier.person("tomas-lima")
    assert lima.kind == "credit" and lima.kind_source == Curated("c.yml", 2)
    assert lima.organisation_ids == (MINISTRY, "radio-horizonte", MDC)
    assert {c.source for c in lima.organisations} == {Curated("c.yml", 2)}
    assert notes.found == []


def test_an_organisation_the_dossier_lacks_is_noted_and_left_out() -> None:
    dossier, notes = curated("set:\n  - {id: tomas-lima, organisations: [Radio Horizonts, Acme]}\n")
    assert dossier.person("tomas-lima").organisation_ids == ()
    assert [(p.line, p.severity) for p in notes.found] == [(2, "warning"), (2, "warning")]
    assert "did you mean 'radio horizonte'?" in notes.found[0].hint


def test_drop_country_drops_one_claim_by_article_or_everywhere() -> None:
    analysis = with_countries("MZ", "PT")
    dossier, notes = curated("drop_country:\n  - {id: ana-ferreira, country: Portugal}\n", analysis)
    assert dossier.person("ana-ferreira").country_codes == ("MZ",) and not notes.found
    text = f"drop_country:\n  - {{id: ana-ferreira, country: PT, article: {ARTICLE_ID}}}\n"
    assert curated(text, analysis)[0].person("ana-ferreira").country_codes == ("MZ",)


def test_drop_country_that_matches_no_claim_is_noted_with_the_claims_there_are() -> None:
    analysis = with_countries("MZ")
    dossier, notes = curated(
        "drop_country:\n  - {id: ana-ferreira, country: PT}\n"
        "  - {id: ana-ferreira, country: MZ, article: another-article}\n",
        analysis,
    )
    assert dossier.person("ana-ferreira").country_codes == ("MZ",)
    assert [p.line for p in notes.found] == [2, 3]
    assert "its countries are: MZ" in notes.found[0].hint


def test_an_organisation_drop_country_drops_its_claim() -> None:
    dossier, notes = curated("organisations:\n  drop_country:\n    - {id: ministry-of-transport, "
                             "country: Mozambique}\n")  # fmt: skip
    assert dossier.organisation(MINISTRY).countries == () and not notes.found


def test_a_set_kind_of_an_organisation_keeps_its_rule() -> None:
    dossier, _ = curated("organisations:\n  set:\n    - {id: radio-horizonte, kind: company}\n")
    found = dossier.organisation("radio-horizonte")
    assert found.kind == "company" and found.kind_source == Curated("c.yml", 3)


def test_an_organisation_split_takes_its_mentions_ties_and_quotes() -> None:
    dossier, notes = curated(
        "organisations:\n  split:\n    - id: ministry-of-transport\n      new_id: port-ministry\n"
        f"      name: Port Ministry\n      articles: [{ARTICLE_ID}]\n"
    )
    new = dossier.organisation("port-ministry")
    assert new.name == "Port Ministry" and new.aliases == ("Ministry of Transport",)
    assert len(new.mentions) == 1 and new.country_codes == ("MZ",)
    assert [q.quote.speaker_org for q in dossier.quotes] == [None, "port-ministry"]
    assert dossier.organisation(MINISTRY).mentions == () and not notes.found


def test_a_split_of_articles_the_profile_is_not_in_is_noted() -> None:
    dossier, notes = curated("split:\n  - {id: tomas-lima, new_id: tomas-2, articles: [nowhere]}\n")
    assert [p.id for p in dossier.people if p.id.startswith("tomas")] == ["tomas-lima"]
    assert "named in none of the articles nowhere" in notes.found[0].message


def test_an_unknown_id_is_noted_with_the_closest_id() -> None:
    _, notes = curated("drop: [tomas-lim, nobody]\n")
    assert [p.line for p in notes.found] == [1, 1]
    assert notes.found[0].hint.startswith("did you mean 'tomas-lima'?")
    assert "the last part of the page's address" in notes.found[1].hint


def test_a_name_two_organisations_share_names_neither() -> None:
    dossier = resolve([organised_analysis()])
    one, two = dossier.organisations[:2]
    index = organisation_index([replace(one, aliases=("Same",)), replace(two, aliases=("Same",))])
    assert "same" not in index and index[one.id] == one.id


# -- any combination of rules: refused with a line, or a dossier whose references all hold -------

PEOPLE_IDS = st.sampled_from(["ana-ferreira", "tomas-lima", "nobody", "ana"])
ORG_IDS = st.sampled_from([MDC, MINISTRY, "radio-horizonte", "port-authority-of-beira", "acme"])
CODES = st.sampled_from(["MZ", "PT", "RU"])
ARTICLES = st.sampled_from([ARTICLE_ID, "elsewhere"])
QUOTES = st.sampled_from([f"{ARTICLE_ID}-q1", f"{ARTICLE_ID}-q2", f"{ARTICLE_ID}-q9"])

PERSON_RULES = st.fixed_dictionaries(
    {},
    optional={
        "split": st.lists(
            st.fixed_dictionaries(
                {
                    "id": PEOPLE_IDS,
                    "new_id": st.sampled_from(["ana-2", "tomas-lima"]),
                    "articles": st.lists(ARTICLES, min_size=1, max_size=2),
                }
            ),
            max_size=1,
        ),
        "merge": st.lists(
            st.fixed_dictionaries({"into": PEOPLE_IDS, "ids": st.lists(PEOPLE_IDS, min_size=1)}),
            max_size=2,
        ),
        "rename": st.lists(
            st.fixed_dictionaries({"id": PEOPLE_IDS, "name": st.sampled_from(["Ana", "Lima"])}),
            max_size=1,
        ),
        "set": st.lists(
            st.fixed_dictionaries(
                {"id": PEOPLE_IDS},
                optional={
                    "countries": st.lists(CODES, max_size=2),
                    "kind": st.sampled_from(["subject", "credit"]),
                    "organisations": st.lists(st.one_of(ORG_IDS, st.just("MDC")), max_size=2),
                },
            ),
            max_size=2,
        ),
        "drop_country": st.lists(
            st.fixed_dictionaries(
                {"id": PEOPLE_IDS, "country": CODES}, optional={"article": ARTICLES}
            ),
            max_size=2,
        ),
        "drop": st.lists(PEOPLE_IDS, max_size=1),
        "speakers": st.lists(
            st.fixed_dictionaries({"quote": QUOTES, "speaker": st.one_of(st.none(), PEOPLE_IDS)}),
            max_size=2,
        ),
        "organisations": st.fixed_dictionaries(
            {},
            optional={
                "split": st.lists(
                    st.fixed_dictionaries(
                        {
                            "id": ORG_IDS,
                            "new_id": st.sampled_from(["mdc-2", MINISTRY]),
                            "articles": st.lists(ARTICLES, min_size=1, max_size=1),
                        }
                    ),
                    max_size=1,
                ),
                "merge": st.lists(
                    st.fixed_dictionaries({"into": ORG_IDS, "ids": st.lists(ORG_IDS, min_size=1)}),
                    max_size=1,
                ),
                "set": st.lists(
                    st.fixed_dictionaries(
                        {"id": ORG_IDS, "kind": st.sampled_from(["media", "party"])}
                    ),
                    max_size=1,
                ),
                "drop_country": st.lists(
                    st.fixed_dictionaries({"id": ORG_IDS, "country": CODES}), max_size=1
                ),
                "drop": st.lists(ORG_IDS, max_size=1),
            },
        ),
    },
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PERSON_RULES)
def test_any_rules_are_refused_with_a_line_or_give_a_consistent_dossier(
    rules: dict[str, Any],
) -> None:
    try:
        curation = parse_curation(yaml.safe_dump(rules), "c.yml")
        dossier = resolve([with_countries("MZ", "PT")], curation, notes=Notes("c.yml", quiet=True))
    except ContentError as exc:
        assert exc.problem.line > 0, exc
        return
    people = {p.id: p for p in dossier.people}
    organisations = {o.id for o in dossier.organisations}
    assert len(people) == len(dossier.people) and len(organisations) == len(dossier.organisations)
    for item in dossier.quotes:
        speaker = item.quote.speaker
        assert speaker is None or people[speaker].kind == "subject", item
        assert item.quote.speaker_org is None or item.quote.speaker_org in organisations
    for person in dossier.people:
        assert set(person.organisation_ids) <= organisations, person
    render(dossier, TEMPLATES)  # every page renders
