"""The dossier as FollowTheMoney entities (generator.publish.ftm): valid for FtM's own model and
its `ftm validate`, people and organisations with their provenance, ties as memberships and
employments, stable ids."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from followthemoney import model
from followthemoney.exc import InvalidData

from generator.errors import DossierError
from generator.model import Dossier
from generator.publish.ftm import entity_id, ftm_entities, ftm_lines, ftm_problems
from tests.e2e.test_seed_extraction import SEED_PEOPLE
from tests.publish.inline import DOSSIER, FIRST, SECOND

# The organisations of the seed article and the people the text ties to them, for when the
# extraction finds organisations (generator/nlp): checked whenever the dossier has any.
SEED_ORGANISATIONS = 8


def entities(dossier: Dossier = DOSSIER) -> list[dict[str, Any]]:
    return [json.loads(line) for line in ftm_lines(dossier).splitlines()]


def of_schema(found: list[dict[str, Any]], name: str) -> list[dict[str, Any]]:
    return [e for e in found if model[e["schema"]].is_a(name)]


def by_id(found: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {e["id"]: e for e in found}


def test_the_export_passes_followthemoneys_checks() -> None:
    assert ftm_problems(ftm_entities(DOSSIER)) == []


def test_ftm_validate_keeps_every_entity_as_it_is(tmp_path: Path) -> None:
    """`ftm validate` re-reads every entity, cleaning each value again: nothing may change."""
    exported = tmp_path / "dossier.ftm.json"
    exported.write_text(ftm_lines(DOSSIER), encoding="utf-8")
    checked = tmp_path / "checked.json"
    done = subprocess.run(
        [Path(sys.executable).parent / "ftm", "validate", "-i", exported, "-o", checked],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    again = [json.loads(line) for line in checked.read_text(encoding="utf-8").splitlines()]
    kept = [{key: e[key] for key in ("id", "schema", "properties")} for e in again]
    assert kept == entities()


def test_people_and_organisations_with_names_countries_and_proof() -> None:
    found = entities()
    people = by_id(of_schema(found, "Person"))
    assert set(people) == {entity_id("person", p) for p in ("ana-ferreira", "bo-lee", "tomas")}
    ana = people["dossier-person-ana-ferreira"]["properties"]
    assert ana["name"] == ["Ana Ferreira"]
    assert ana["country"] == ["mz", "pt"]
    assert ana["position"] == ["spokeswoman"]
    assert ana["proof"] == [entity_id("article", FIRST.id), entity_id("article", SECOND.id)]
    organisations = by_id(of_schema(found, "Organization"))
    assert {e["schema"] for e in organisations.values()} == {"Organization", "PublicBody"}
    mdc = organisations["dossier-organisation-movement-for-democratic-change"]["properties"]
    assert (mdc["alias"], mdc["country"]) == (["MDC"], ["mz"])


def test_credits_are_the_articles_authors_not_people() -> None:
    found = entities()
    assert not any("cy-doe" in e["id"] for e in found)
    article = by_id(found)[entity_id("article", FIRST.id)]["properties"]
    assert article["author"] == ["Cy Doe"]
    assert article["publishedAt"] == ["2024-03-02"]
    assert article["sourceUrl"] == ["https://example.org/march"]
    assert article["fileName"] == ["2024-03-02-march.md"]


def test_ties_are_memberships_or_employments_with_their_role_and_proof() -> None:
    found = entities()
    (membership,) = of_schema(found, "Membership")
    assert membership["properties"]["member"] == ["dossier-person-ana-ferreira"]
    assert membership["properties"]["organization"] == [
        "dossier-organisation-movement-for-democratic-change"
    ]
    assert membership["properties"]["role"] == ["spokeswoman"]
    assert membership["properties"]["proof"] == [entity_id("article", FIRST.id)]
    (employment,) = of_schema(found, "Employment")
    assert employment["properties"]["employee"] == ["dossier-person-bo-lee"]
    assert employment["properties"]["employer"] == ["dossier-organisation-ministry-of-transport"]
    assert employment["properties"]["description"] == ["set by curation: curation.yml, line 12"]
    assert "proof" not in employment["properties"]  # a curated tie cites no article


def test_a_mention_ties_each_name_of_each_article_to_its_entity() -> None:
    mentions = of_schema(entities(), "Mention")
    pairs = {(m["properties"]["name"][0], m["properties"]["document"][0]) for m in mentions}
    assert ("MDC", entity_id("article", SECOND.id)) in pairs
    assert ("Ana Ferreira", entity_id("article", SECOND.id)) in pairs
    mdc = next(m for m in mentions if m["properties"]["name"] == ["MDC"])
    assert mdc["properties"]["resolved"] == ["dossier-organisation-movement-for-democratic-change"]
    assert mdc["properties"]["detectedSchema"] == ["Organization"]


def test_ids_are_made_from_dossier_ids_and_always_valid() -> None:
    assert entity_id("person", "ana-ferreira") == "dossier-person-ana-ferreira"
    long = entity_id("article", "a" * 300)
    odd = entity_id("article", "2024 été/ü")
    for made in (long, odd):
        assert len(made) <= 200 and model.get_proxy({"id": made, "schema": "Article"}).id == made
    assert entity_id("article", "a" * 300) == long  # the same every time
    assert ftm_lines(DOSSIER) == ftm_lines(DOSSIER)


def test_problems_are_named() -> None:
    found = ftm_entities(DOSSIER)
    membership = next(e for e in found if e.schema.name == "Membership")
    membership.set("organization", "dossier-organisation-gone")
    nameless = model.make_entity("Person")
    nameless.id = "dossier-person-nameless"
    problems = ftm_problems([*found, nameless, found[0]])
    assert any("refers to dossier-organisation-gone" in p for p in problems)
    assert any("dossier-person-nameless" in p and "'name'" in p for p in problems)
    assert any(p.startswith("duplicate id") for p in problems)


def test_an_invalid_export_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("generator.publish.ftm.ftm_problems", lambda _: ["broken"])
    with pytest.raises(DossierError, match="not valid: broken"):
        ftm_lines(DOSSIER)


def test_the_seed_export_holds_its_people_organisations_and_ties(seed_dossier: Dossier) -> None:
    assert ftm_problems(ftm_entities(seed_dossier)) == []
    found = entities(seed_dossier)
    names = {e["properties"]["name"][0] for e in of_schema(found, "Person")}
    assert names == set(SEED_PEOPLE)
    assert len(of_schema(found, "Article")) == 1
    assert len(of_schema(found, "Organization")) == SEED_ORGANISATIONS
    ties = of_schema(found, "Membership") + of_schema(found, "Employment")
    expected = {(p.id, o) for p in seed_dossier.people for o in p.organisation_ids}
    assert expected and len(ties) == len(expected)


def test_every_country_code_is_written_as_followthemoney_cleans_it() -> None:
    """FTM_COUNTRIES spares the build FtM's table of territory names: each code the gazetteer
    knows is an FtM code, or in FTM_COUNTRIES with what FtM cleans it to."""
    from followthemoney.types import registry
    from rigour.territories.lookup import lookup_by_identifier

    from generator.gazetteer import gazetteer
    from generator.publish.ftm import FTM_COUNTRIES

    for code in sorted(gazetteer().country_names):
        if code in FTM_COUNTRIES:
            assert registry.country.clean_text(code) == FTM_COUNTRIES[code]
            assert registry.country.clean_text(FTM_COUNTRIES[code]) == FTM_COUNTRIES[code]
        else:
            assert lookup_by_identifier(code) is not None, code
            assert registry.country.clean_text(code) is not None, code


def test_values_are_added_as_entity_add_adds_them() -> None:
    """The build's cleaning of each value once (`_add`) adds what FtM's own `add` does."""
    from generator.publish.ftm import _add

    values: dict[str, Any] = {
        "name": ["  Anna\u00a0Berg ", "«Anna Berg»", "", "A\u0301nna", None],
        "alias": "  ",
        "country": ["YU", "gb", "France", "nowhere", "yucs"],
        "sourceUrl": ["https://example.org/a b", "not a url"],
        "birthDate": ["2024-01-02", "yesterday"],
        "proof": ["dossier-article-a", "not valid!"],
    }
    theirs, ours = model.make_entity("Person"), model.make_entity("Person")
    theirs.id = ours.id = "dossier-person-anna"
    for name, value in values.items():
        theirs.add(name, value)
        _add(ours, name, value)
    assert ours.to_dict() == theirs.to_dict()
    with pytest.raises(InvalidData):
        _add(ours, "proof", "dossier-person-anna")  # FtM refuses a self-reference
