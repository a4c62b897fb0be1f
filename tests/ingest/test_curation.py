"""The curation file: parsing with line-numbered errors, and its rules applied by resolve."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.errors import ContentError
from generator.ingest.curation import Merge, parse_curation
from generator.model import (
    PARAGRAPH,
    Article,
    ArticleAnalysis,
    Block,
    Claim,
    Curated,
    PersonRef,
    Quote,
    Span,
)
from generator.resolve.dossier import resolve

EXAMPLE = Path(__file__).parents[2] / "content" / "curation.yml"


def span(article: str, text: str) -> Span:
    return Span(article, "p1", 0, len(text), text)


def analysis(article: str, *people: tuple[str, str], quote_by: str = "") -> ArticleAnalysis:
    refs = tuple(
        PersonRef(
            key=key,
            name=name,
            aliases=(name,),
            mentions=(span(article, name),),
            roles=(Claim("Minister", span(article, name)),),
        )
        for key, name in people
    )
    quotes = (Quote(span(article, "words"), quote_by),) if quote_by else ()
    blocks = (Block("p1", PARAGRAPH, "text"),)
    return ArticleAnalysis(Article(article, f"{article}.md", article, blocks), refs, (), quotes)


def test_the_shipped_example_has_no_active_rule() -> None:
    curation = parse_curation(EXAMPLE.read_text(encoding="utf-8"), str(EXAMPLE))
    assert curation.is_empty


def test_rules_are_parsed_with_their_line() -> None:
    text = "# comment\nmerge:\n  - into: ali-khamenei\n    ids: [khamenei]\ndrop: [frost]\n"
    curation = parse_curation(text)
    assert curation.merges == (Merge("ali-khamenei", ("khamenei",), 3),)
    assert [d.id for d in curation.drops] == ["frost"]


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("merges: []\n", 1, "unknown key 'merges'"),
        ("merge:\n  - into: a\n    idz: [b]\n", 3, "unknown field 'idz'"),
        ("merge:\n  - into: a\n", 2, "needs 'ids'"),
        ("set:\n  - id: a\n    countries: [ZZ]\n", 3, "'ZZ' is not a country code"),
        ("drop:\n  - Not An Id\n", 2, "is not a profile id"),
        ("rename:\n  - id: a\n    name: [x]\n", 3, "expected a non-empty text"),
        ("merge: [\n", 2, "not valid YAML"),
    ],
)
def test_a_mistake_names_its_line(text: str, line: int, words: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse_curation(text, "content/curation.yml")
    assert caught.value.line == line
    assert words in caught.value.message
    assert str(caught.value).startswith(f"content/curation.yml:{line}: ")


def test_merge_and_rename_record_redirects_and_move_quotes() -> None:
    analyses = [
        analysis("a1", ("k1", "Ali Khamenei")),
        analysis("a2", ("k2", "Seyed Khamenei"), quote_by="k2"),
    ]
    curation = parse_curation(
        "merge:\n  - into: ali-khamenei\n    ids: [seyed-khamenei]\n"
        "rename:\n  - id: ali-khamenei\n    name: Ayatollah Ali Khamenei\n    new_id: khamenei\n"
    )
    dossier = resolve(analyses, curation)
    assert [p.id for p in dossier.people] == ["khamenei"]
    person = dossier.people[0]
    assert person.name == "Ayatollah Ali Khamenei"
    assert {"Ali Khamenei", "Seyed Khamenei"} <= set(person.aliases)
    assert person.articles == ("a1", "a2")
    assert dossier.redirects == {"seyed-khamenei": "khamenei", "ali-khamenei": "khamenei"}
    assert dossier.quotes[0].quote.speaker == "khamenei"


def test_split_drop_and_set() -> None:
    analyses = [
        analysis("a1", ("k", "John Smith"), ("o", "Frost")),
        analysis("a2", ("k", "John Smith"), quote_by="k"),
    ]
    curation = parse_curation(
        "split:\n  - id: john-smith\n    new_id: john-smith-2\n    articles: [a2]\n"
        "set:\n  - id: john-smith\n    countries: [gb]\n    roles: [Banker]\n"
        "drop: [frost]\n"
    )
    dossier = resolve(analyses, curation)
    people = {p.id: p for p in dossier.people}
    assert set(people) == {"john-smith", "john-smith-2"}
    assert people["john-smith"].articles == ("a1",)
    assert people["john-smith-2"].articles == ("a2",)
    assert people["john-smith"].country_codes == ("GB",)
    assert [r.value for r in people["john-smith"].roles] == ["Banker"]
    assert people["john-smith"].countries[0].source == Curated("curation.yml", 6)
    assert dossier.quotes[0].quote.speaker == "john-smith-2"
    assert dossier.redirects == {}


def test_without_curation_nothing_changes() -> None:
    analyses = [analysis("a1", ("k", "John Smith"))]
    assert resolve(analyses) == resolve(analyses, parse_curation(""))


def test_a_rule_for_an_unknown_id_is_skipped(caplog: pytest.LogCaptureFixture) -> None:
    dossier = resolve([analysis("a1", ("k", "John Smith"))], parse_curation("drop: [nobody]\n"))
    assert [p.id for p in dossier.people] == ["john-smith"]
    assert "nobody" in caplog.text


# -- a rename onto another person (red-team item 5) --------------------------------------------


@pytest.mark.parametrize(
    "rule",
    [
        "    name: Masoud Pezeshkian\n",  # the new name's id is someone else's
        "    name: Vladimir Vladimirovich Putin\n    new_id: masoud-pezeshkian\n",
    ],
)
def test_a_rename_onto_another_person_is_refused_with_its_line(rule: str) -> None:
    analyses = [analysis("a1", ("k1", "Vladimir Putin"), ("k2", "Masoud Pezeshkian"))]
    curation = parse_curation(
        f"# corrections\nrename:\n  - id: vladimir-putin\n{rule}", "content/curation.yml"
    )
    with pytest.raises(ContentError) as caught:
        resolve(analyses, curation)
    assert str(caught.value).startswith("content/curation.yml:3: ")
    assert "'masoud-pezeshkian'" in caught.value.message
    assert "use merge: to join two people" in caught.value.hint


def test_a_rename_may_keep_its_own_id() -> None:
    analyses = [analysis("a1", ("k1", "Vladimir Putin"), ("k2", "Masoud Pezeshkian"))]
    curation = parse_curation(
        "rename:\n  - id: vladimir-putin\n    name: VLADIMIR PUTIN\n"
        "  - id: masoud-pezeshkian\n    name: M. Pezeshkian\n    new_id: masoud-pezeshkian\n"
    )
    dossier = resolve(analyses, curation)
    assert {p.id: p.name for p in dossier.people} == {
        "vladimir-putin": "VLADIMIR PUTIN",
        "masoud-pezeshkian": "M. Pezeshkian",
    }


def test_two_renames_to_one_id_are_refused_without_the_articles() -> None:
    text = (
        "rename:\n  - id: a\n    name: Ali Khamenei\n"
        "  - id: b\n    name: Ali  KHAMENEI\n"  # the same id: ali-khamenei
    )
    with pytest.raises(ContentError) as caught:
        parse_curation(text, "content/curation.yml")
    assert caught.value.line == 4
    assert "the rename at line 2 gives that id already" in caught.value.message


# -- characters that are not seen (red-team item 16) -------------------------------------------


def test_names_given_by_the_curation_file_lose_characters_that_are_not_seen() -> None:
    curation = parse_curation(
        'rename:\n  - id: a\n    name: "\\u202eAnna\\u200d Berg\\u2066"\n'
        'split:\n  - id: b\n    new_id: c\n    name: "Tomas\\u200b Reyes"\n    articles: [x]\n'
    )
    assert curation.renames[0].name == "Anna Berg"
    assert curation.splits[0].name == "Tomas Reyes"


def test_a_name_of_nothing_that_is_seen_is_refused() -> None:
    with pytest.raises(ContentError) as caught:
        parse_curation('rename:\n  - id: a\n    name: "\\u200b\\u202e"\n', "content/curation.yml")
    assert caught.value.line == 3 and "a name that can be seen" in caught.value.message


def test_organisation_rules_are_parsed_with_their_line() -> None:
    text = (
        "organisations:\n"
        "  merge:\n"
        "    - {into: state-department, ids: [us-state-department]}\n"
        "  rename:\n"
        "    - {id: mdc, name: Movement for Democratic Change}\n"
        "  set:\n"
        "    - {id: tass, kind: media, countries: [ru]}\n"
        "  drop: [the-times]\n"
    )
    rules = parse_curation(text).organisations
    assert rules.merges == (Merge("state-department", ("us-state-department",), 3),)
    assert [(r.id, r.name, r.line) for r in rules.renames] == [
        ("mdc", "Movement for Democratic Change", 5)
    ]
    assert [(f.id, f.kind, f.countries, f.line) for f in rules.facts] == [
        ("tass", "media", ("RU",), 7)
    ]
    assert [(d.id, d.line) for d in rules.drops] == [("the-times", 8)]
    assert not parse_curation(text).is_empty
    assert parse_curation("organisations:\n").is_empty


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("organisations:\n  merges: []\n", 2, "unknown key 'merges' under 'organisations'"),
        ("organisations: [a]\n", 1, "organisations must be a mapping"),
        ("organisations:\n  set:\n    - {id: tass, kind: press}\n", 3, "'press' is not a kind"),
        ("organisations:\n  set:\n    - {id: tass}\n", 3, "needs 'kind' or 'countries'"),
        ("organisations:\n  set:\n    - {id: tass, countries: [XX]}\n", 3, "not a country code"),
        ("organisations:\n  drop: [Not An Id]\n", 2, "organisations: drop: 'Not An Id'"),
        ("organisations:\n  merge:\n    - {into: a, ids: [a]}\n", 3, "both as 'into'"),
        ("organisations:\n  rename:\n    - {id: a, name: B, new_id: index}\n", 3, "a page"),
        ("organisations:\n  rename:\n    - {id: a}\n", 3, "needs 'name'"),
        (
            "organisations:\n  rename:\n    - {id: a, name: C}\n    - {id: b, name: C}\n",
            4,
            "rename to 'c'",
        ),
    ],
)
def test_a_mistake_in_an_organisation_rule_names_its_line(text: str, line: int, words: str) -> None:
    with pytest.raises(ContentError) as caught:
        parse_curation(text, "content/curation.yml")
    assert caught.value.line == line
    assert words in str(caught.value)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        ("speakers:\n  - {quote: a1-q1}\n", 2, "needs 'speaker'"),
        ("speakers:\n  - {quote: a1, speaker: null}\n", 2, "is not a quote id"),
        ("speakers:\n  - {article: a1, speaker: null}\n", 2, "by 'article' and 'paragraph'"),
        (
            "speakers:\n  - {quote: a1-q1, article: a1, paragraph: p1, speaker: x}\n",
            2,
            "by 'quote'",
        ),
        ("speakers:\n  - {article: a1, paragraph: 4, speaker: x}\n", 2, "not a paragraph id"),
        ("speakers:\n  - {quote: a1-q1, speaker: Jo Berg}\n", 2, "is not a profile id"),
    ],
)
def test_a_speakers_rule_mistake_names_its_line(text: str, line: int, words: str) -> None:
    test_a_mistake_names_its_line(text, line, words)


def test_a_speakers_rule_sets_or_clears_one_quotes_speaker() -> None:
    analyses = [
        analysis("a1", ("k1", "Ali Khamenei"), ("k2", "Anna Berg"), quote_by="k1"),
        analysis("a2", ("k2", "Anna Berg"), quote_by="k2"),
    ]
    curation = parse_curation(
        "speakers:\n"
        "  - {article: a1, paragraph: p1, speaker: anna-berg}\n"
        "  - {quote: a2-q1, speaker: null}\n"
        "  - {quote: a2-q9, speaker: null}\n"  # matches no quote: logged and skipped
        "  - {quote: a1-q1, speaker: no-such-person}\n"  # an unknown person: skipped
    )
    assert [(r.line, r.speaker) for r in curation.speakers][:2] == [(2, "anna-berg"), (3, None)]
    quotes = {q.id: q.quote for q in resolve(analyses, curation).quotes}
    assert (quotes["a1-q1"].speaker, quotes["a1-q1"].speaker_text) == ("anna-berg", "Anna Berg")
    assert (quotes["a2-q1"].speaker, quotes["a2-q1"].via) == (None, "none")
