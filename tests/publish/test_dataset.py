"""The dossier as JSON (generator.publish.dataset): valid against its checked-in JSON Schema,
every fact with its source, stable ids, relations for every tie and country claim."""

from __future__ import annotations

import copy
import json
from dataclasses import replace
from typing import Any

import jsonschema
import pytest

from generator.model import Dossier
from generator.publish.dataset import (
    PERSON_COUNTRY,
    PERSON_ORGANISATION,
    SCHEMA_PATH,
    dossier_data,
    dossier_json,
    dossier_schema,
    indented_json,
    inert,
    schema_text,
)
from tests.publish.inline import DOSSIER, FIRST, SECOND


def validator() -> jsonschema.protocols.Validator:
    schema = dossier_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def errors(data: dict[str, Any]) -> list[str]:
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator().iter_errors(data)]


def test_the_schema_is_valid_json_schema_and_published_as_checked_in() -> None:
    assert dossier_schema()["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    validator()
    assert json.loads(schema_text()) == json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))


def test_a_dossier_with_organisations_validates() -> None:
    assert errors(dossier_data(DOSSIER)) == []


def test_the_seed_dossier_validates(seed_dossier: Dossier) -> None:
    data = json.loads(dossier_json(seed_dossier))
    assert errors(data) == []
    assert len([p for p in data["people"] if p["kind"] == "subject"]) == 14


def test_the_schema_refuses_a_fact_without_a_source() -> None:
    data = dossier_data(DOSSIER)
    broken = copy.deepcopy(data)
    del broken["people"][0]["roles"][0]["source"]
    assert any("source" in e for e in errors(broken))
    broken = copy.deepcopy(data)
    broken["relations"][0]["kind"] = "friendship"
    assert errors(broken)
    broken = copy.deepcopy(data)
    broken["people"][0]["surprise"] = True
    assert errors(broken)


def test_every_fact_names_its_article_and_paragraph_or_its_rule() -> None:
    data = dossier_data(DOSSIER)
    ana = next(p for p in data["people"] if p["id"] == "ana-ferreira")
    assert ana["countries"][1] == {
        "value": "PT",
        "source": {
            "article": SECOND.id,
            "paragraph": "p1",
            "start": SECOND.blocks[0].text.index("Portugal"),
            "end": SECOND.blocks[0].text.index("Portugal") + len("Portugal"),
            "text": "Portugal",
        },
    }
    bo = next(p for p in data["people"] if p["id"] == "bo-lee")
    assert bo["organisations"] == [
        {
            "value": "ministry-of-transport",
            "source": {"curation": {"file": "curation.yml", "line": 12}},
        }
    ]


def test_every_span_is_the_text_of_its_paragraph() -> None:
    articles = {a.id: a for a in DOSSIER.articles}
    data = dossier_data(DOSSIER)
    spans = [m for p in data["people"] for m in p["mentions"]]
    spans += [m for o in data["organisations"] for m in o["mentions"]]
    spans += [q["source"] for q in data["quotes"]]
    for found in spans:
        text = articles[found["article"]].block(found["paragraph"]).text
        assert text[found["start"] : found["end"]] == found["text"]


def test_relations_join_people_to_organisations_and_countries() -> None:
    relations = dossier_data(DOSSIER)["relations"]
    ties = {(r["person"], r["organisation"]) for r in relations if r["kind"] == PERSON_ORGANISATION}
    assert ties == {
        ("ana-ferreira", "movement-for-democratic-change"),
        ("bo-lee", "ministry-of-transport"),
    }
    claims = {(r["person"], r["country"]) for r in relations if r["kind"] == PERSON_COUNTRY}
    assert claims == {("ana-ferreira", "MZ"), ("ana-ferreira", "PT")}
    ids = [r["id"] for r in relations]
    assert len(ids) == len(set(ids))
    assert "ana-ferreira:country:PT" in ids


def test_quotes_keep_their_speaker_person_or_organisation() -> None:
    quotes = {q["id"]: q for q in dossier_data(DOSSIER)["quotes"]}
    march = quotes[f"{FIRST.id}-q1"]
    assert (march["speaker"], march["via"], march["speaker_text"]) == (
        "ana-ferreira",
        "pronoun",
        "she",
    )
    statement = quotes[f"{SECOND.id}-q1"]
    assert (statement["speaker"], statement["speaker_org"]) == (
        None,
        "movement-for-democratic-change",
    )


def test_ids_are_unique_and_the_text_is_the_same_every_time() -> None:
    data = dossier_data(DOSSIER)
    for kind in ("articles", "people", "organisations", "countries", "quotes"):
        ids = [item["id"] for item in data[kind]]
        assert len(ids) == len(set(ids)), kind
    assert dossier_json(DOSSIER) == dossier_json(DOSSIER)
    assert data["redirects"] == {"ferreira": "ana-ferreira"}


@pytest.mark.parametrize("empty", [Dossier((), (), (), ())])
def test_an_empty_dossier_is_valid_data(empty: Dossier) -> None:
    assert errors(dossier_data(empty)) == []


@pytest.mark.parametrize("which", ["inline", "seed"])
def test_every_id_a_fact_names_is_in_the_data(which: str, seed_dossier: Dossier) -> None:
    data = dossier_data(DOSSIER if which == "inline" else seed_dossier)
    ids = {
        kind: {item["id"] for item in data[kind]}
        for kind in ("articles", "people", "organisations")
    }
    spans = [m for p in data["people"] for m in p["mentions"]] + [
        q["source"] for q in data["quotes"]
    ]
    assert {s["article"] for s in spans} <= ids["articles"]
    assert {q["speaker"] for q in data["quotes"]} - {None} <= ids["people"]
    assert {q["speaker_org"] for q in data["quotes"]} - {None} <= ids["organisations"]
    assert {r["person"] for r in data["relations"]} <= ids["people"]
    ties = {r["organisation"] for r in data["relations"] if r["kind"] == PERSON_ORGANISATION}
    assert ties <= ids["organisations"]


def test_markup_in_a_name_is_escaped_and_reads_back_the_same() -> None:
    hostile = replace(DOSSIER.people[0], name="<script>alert(1)</script> & Co")
    text = dossier_json(replace(DOSSIER, people=(hostile, *DOSSIER.people[1:])))
    assert "<script>" not in text and "&" not in text
    assert json.loads(text)["people"][0]["name"] == "<script>alert(1)</script> & Co"


@pytest.mark.parametrize(
    "value",
    [
        {},
        [],
        'text with "quotes", a \\ and a line\nbreak, <b>&é\u2028',
        {"a": [], "b": {}, "c": [1, -2, True, False, None, "x"], "d": {"e": [{"f": [[]]}]}},
        [{"nested": [{"deeper": ["ok", 3]}]}, [], {}],
        {"a float": 1.5, "a tuple": (1, "two"), "inside": [{"n": 2.25}]},
        {1: "an int key", "x": [None]},
        {"x": [{"deep": 1}], 2: "an int key after"},
        [{"inside": {2: "int key", "y": [1.0]}}, "after"],
    ],
)
def test_indented_json_is_what_json_dumps_writes(value: Any) -> None:
    assert indented_json(value) == json.dumps(value, ensure_ascii=False, indent=1)


def test_the_dossier_json_is_json_dumps_indented(seed_dossier: Dossier) -> None:
    for dossier in (DOSSIER, seed_dossier):
        data = dossier_data(dossier)
        written = json.dumps(data, ensure_ascii=False, indent=1)
        assert dossier_json(dossier) == inert(written) + "\n"
        assert json.loads(dossier_json(dossier)) == json.loads(written)


def test_inert_escapes_markup_only() -> None:
    assert inert('{"a": "<b> & </b>", "c": "\\u003c"}') == (
        '{"a": "\\u003cb\\u003e \\u0026 \\u003c/b\\u003e", "c": "\\u003c"}'
    )
