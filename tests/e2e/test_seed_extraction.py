"""The seed article's extraction, pinned exactly (the quality gate for issue-level figures)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

from generator.extract import extract_json
from tests.conftest import ROOT, SEED_ARTICLE

SEED_PEOPLE = {
    "Masoud Pezeshkian": "IR",
    "Mohammad Javad Zarif": "IR",
    "Hassan Khomeini": "IR",
    "Ruhollah Khomeini": "IR",
    "Ismail Haniyeh": "PS",
    "Sergei Shoigu": "RU",
    "Matthew Miller": "US",
    "Ebrahim Raisi": "IR",
    "Vladimir Putin": "RU",
    "Andrey Nastasyin": "RU",
    "Benjamin Netanyahu": "IL",
    "Alexey Dedov": "RU",
    "Kazem Jalali": "IR",
    "Sergei Ryabkov": "RU",
}
SEED_CREDITS = {
    "Adam Morrow": "author",
    "Atta Kenare": "photographer",
    "Mohamed Azakir": "photographer",
}
SEED_COUNTRIES = {"IR", "RU", "IL", "US", "UA", "SY", "LB", "CN", "PS"}


def _json(seed_dossier: Any) -> dict[str, Any]:
    return extract_json(seed_dossier)


def test_seed_people_with_their_countries(seed_dossier: Any) -> None:
    people = [p for p in _json(seed_dossier)["people"] if p["kind"] == "subject"]
    assert {p["name"]: p["countries"] for p in people} == {n: [c] for n, c in SEED_PEOPLE.items()}


def test_seed_credits_are_not_subjects(seed_dossier: Any) -> None:
    credits = [p for p in _json(seed_dossier)["people"] if p["kind"] == "credit"]
    assert {p["name"]: p["credit_roles"] for p in credits} == {
        n: [r] for n, r in SEED_CREDITS.items()
    }


def test_seed_countries(seed_dossier: Any) -> None:
    assert {c["code"] for c in _json(seed_dossier)["countries"]} == SEED_COUNTRIES


def test_every_mention_points_at_its_text(seed_dossier: Any, seed_article: Any) -> None:
    data = _json(seed_dossier)
    spans = [m for p in data["people"] for m in p["mentions"] if p["kind"] == "subject"]
    spans += [m for c in data["countries"] for m in c["mentions"]]
    assert spans
    for m in spans:
        assert seed_article.block(m["paragraph"]).text[m["start"] : m["end"]] == m["text"]


def test_roles_come_with_their_paragraph(seed_dossier: Any) -> None:
    miller = seed_dossier.person("matthew-miller")
    assert [(r.value, r.source.block) for r in miller.roles] == [
        ("State Department spokesman", "p11")
    ]
    dedov = seed_dossier.person("alexey-dedov")
    assert ("Russia’s ambassador to Iran", "p35") in [
        (r.value, r.source.block) for r in dedov.roles
    ]


def test_extract_command_prints_the_design_schema() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "generator", "extract", "--json", str(SEED_ARTICLE)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    data = json.loads(out)
    assert set(data) == {"articles", "people", "countries", "organisations", "quotes"}
    assert data["articles"][0]["published"] == "2024-08-07"
    person = next(p for p in data["people"] if p["id"] == "masoud-pezeshkian")
    assert {"id", "name", "aliases", "kind", "countries", "roles", "mentions"} <= set(person)
    quote = data["quotes"][0]
    assert {
        "id",
        "article",
        "paragraph",
        "text",
        "speaker",
        "speaker_text",
        "partial",
        "cue",
        "source",
        "speaker_org",
    } <= set(quote)
    assert {"organisations"} <= set(person)


def test_extract_jsonl_prints_one_object_per_file(tmp_path: Any) -> None:
    other = tmp_path / "other.txt"
    other.write_text("A Short Story\n\nNobody is named here.\n", encoding="utf-8")
    out = subprocess.run(
        [sys.executable, "-m", "generator", "extract", "--jsonl", str(SEED_ARTICLE), str(other)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    assert len(out) == 2
    assert json.loads(out[1])["people"] == []
    assert json.loads(out[1])["articles"][0]["title"] == "A Short Story"
