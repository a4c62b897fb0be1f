"""The rules of the curation file as data: which facts a set rule gives, and when there is none."""

from __future__ import annotations

from generator.ingest.curation_rules import (
    Curation,
    DropCountry,
    OrgCuration,
    OrgFacts,
    SetFacts,
    Split,
)


def test_a_set_rule_names_the_facts_it_gives() -> None:
    assert SetFacts("a", roles=("Envoy",), kind="credit").fields == ("roles", "kind")
    assert SetFacts("a", organisations=()).fields == ("organisations",)  # [] clears the ties
    assert OrgFacts("o", countries=("RU",)).fields == ("countries",)


def test_a_curation_with_only_new_kinds_of_rule_is_not_empty() -> None:
    assert Curation().is_empty
    assert not Curation(drop_countries=(DropCountry("a", "FR"),)).is_empty
    assert not Curation(organisations=OrgCuration(splits=(Split("o", "o-2", ("a1",)),))).is_empty
    assert not OrgCuration(drop_countries=(DropCountry("o", "FR"),)).is_empty
