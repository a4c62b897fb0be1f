"""The values of the curation file's YAML nodes: each mistake names the node's line."""

from __future__ import annotations

import pytest
import yaml

from generator.errors import ContentError
from generator.ingest.curation_nodes import country_or_name, is_null, items, profile_id


def node(text: str) -> yaml.Node:
    found = yaml.compose(text, Loader=yaml.SafeLoader)
    assert found is not None
    return found


@pytest.mark.parametrize(("written", "code"), [("FR", "FR"), ("fr", "FR"), ("France", "FR"),
                                               ("French", "FR"), ("Russia", "RU")])  # fmt: skip
def test_a_country_is_written_as_its_code_or_its_name(written: str, code: str) -> None:
    assert country_or_name(node(written), "c.yml", "drop_country: country") == code


def test_a_word_that_is_no_country_names_its_line() -> None:
    with pytest.raises(ContentError) as caught:
        country_or_name(node("\n\nAtlantis"), "c.yml", "drop_country: country")
    assert caught.value.problem.line == 3 and "'Atlantis' is not a country" in str(caught.value)


def test_an_id_that_is_no_profile_id_is_refused_with_a_hint() -> None:
    with pytest.raises(ContentError) as caught:
        profile_id(node("Sergei Shoigu"), "c.yml", "set: id")
    assert "is not a profile id" in str(caught.value) and "masoud-pezeshkian" in str(caught.value)


def test_null_and_absent_lists_are_empty() -> None:
    assert is_null(None) and is_null(node("~")) and not is_null(node("[]"))
    assert items(node("~"), "c.yml", "drop") == [] and items(None, "c.yml", "drop") == []
    with pytest.raises(ContentError, match="drop must be a list"):
        items(node("frost"), "c.yml", "drop")
