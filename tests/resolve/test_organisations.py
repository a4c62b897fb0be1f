"""Organisations across articles, written inline (no model): merged on name and acronym, stable
ids, curation rules, and people's ties and quotes' speakers resolved to Organisation ids."""

from __future__ import annotations

import logging

import pytest

from generator.errors import ContentError
from generator.ingest.curation import parse_curation
from generator.model import (
    PARAGRAPH,
    Article,
    ArticleAnalysis,
    Block,
    Claim,
    Curated,
    OrgRef,
    PersonRef,
    Quote,
    Span,
)
from generator.resolve.dossier import resolve
from generator.resolve.organisations import initials, is_acronym, org_key, resolve_organisations


def span(article: str, text: str, words: str) -> Span:
    start = text.index(words)
    return Span(article, "p1", start, start + len(words), words)


def org(
    article: str,
    text: str,
    name: str,
    aliases: tuple[str, ...] = (),
    kind: str = "other",
    countries: tuple[str, ...] = (),
    key: str = "o1",
) -> OrgRef:
    """An OrgRef mentioned wherever its name and aliases are written in `text`."""
    mentions = tuple(span(article, text, w) for w in (name, *aliases) if w in text)
    claims = tuple(Claim(c, mentions[0]) for c in countries)
    return OrgRef(key, name, aliases, mentions, kind, claims)


def analysis(
    article: str,
    text: str,
    organisations: tuple[OrgRef, ...],
    people: tuple[PersonRef, ...] = (),
    quotes: tuple[Quote, ...] = (),
) -> ArticleAnalysis:
    return ArticleAnalysis(
        Article(article, f"{article}.md", "T", (Block("p1", PARAGRAPH, text),)),
        people,
        (),
        quotes,
        organisations,
    )


MDC = "The Movement for Democratic Change (MDC) met."


def test_one_name_in_two_articles_is_one_organisation() -> None:
    first = analysis("a1", MDC, (org("a1", MDC, "Movement for Democratic Change", ("MDC",)),))
    text = "Later the movement for democratic change spoke."
    second = analysis("a2", text, (org("a2", text, "movement for democratic change"),))
    (found,) = resolve([second, first]).organisations
    assert (found.id, found.name, found.aliases) == (
        "movement-for-democratic-change",
        "Movement for Democratic Change",
        ("MDC",),
    )
    assert [(s.article, s.text) for s in found.mentions] == [
        ("a1", "Movement for Democratic Change"),
        ("a1", "MDC"),
        ("a2", "movement for democratic change"),
    ]


def test_a_bare_acronym_joins_the_one_organisation_that_gives_it() -> None:
    first = analysis("a1", MDC, (org("a1", MDC, "Movement for Democratic Change", ("MDC",)),))
    text = "The MDC said no."
    second = analysis("a2", text, (org("a2", text, "MDC"),))
    (found,) = resolve([first, second]).organisations
    assert found.name == "Movement for Democratic Change"
    assert [s.article for s in found.mentions] == ["a1", "a1", "a2"]


def test_mentions_of_joined_names_are_in_article_order() -> None:
    text1, text2, text3 = MDC, "The MDC said no.", "The Movement for Democratic Change won."
    analyses = [
        analysis("a1", text1, (org("a1", text1, "Movement for Democratic Change", ("MDC",)),)),
        analysis("a2", text2, (org("a2", text2, "MDC"),)),
        analysis("a3", text3, (org("a3", text3, "Movement for Democratic Change"),)),
    ]
    (found,) = resolve(analyses).organisations
    assert [s.article for s in found.mentions] == ["a1", "a1", "a2", "a3"]


def test_two_organisations_sharing_an_acronym_stay_apart_and_so_does_the_bare_acronym() -> None:
    text2 = "The Ministry of Digital Commerce (MDC) agreed."
    text3 = "The MDC said no."
    analyses = [
        analysis("a1", MDC, (org("a1", MDC, "Movement for Democratic Change", ("MDC",)),)),
        analysis("a2", text2, (org("a2", text2, "Ministry of Digital Commerce", ("MDC",)),)),
        analysis("a3", text3, (org("a3", text3, "MDC"),)),
    ]
    found = resolve(analyses).organisations
    assert sorted(o.name for o in found) == [
        "MDC",
        "Ministry of Digital Commerce",
        "Movement for Democratic Change",
    ]


def test_an_acronym_joins_the_one_name_whose_initials_it_is() -> None:
    text1 = "The United Nations met."
    text2 = "The UN said no."
    organisations, _ = resolve_organisations(
        [
            analysis("a1", text1, (org("a1", text1, "United Nations", kind="international"),)),
            analysis("a2", text2, (org("a2", text2, "UN", kind="international"),)),
        ]
    )
    (found,) = organisations
    assert (found.name, found.aliases, found.kind) == ("United Nations", ("UN",), "international")


def test_a_short_form_joins_unless_the_kinds_or_countries_disagree() -> None:
    text1 = "The Federal Reserve (the Fed) met."
    text2 = "The Fed, a football club, won."
    fed = org("a1", text1, "Federal Reserve", ("the Fed",), "government", ("US",))
    club = org("a2", text2, "The Fed", kind="sport")
    assert (
        len(resolve([analysis("a1", text1, (fed,)), analysis("a2", text2, (club,))]).organisations)
        == 2
    )
    bank = org("a2", text2, "The Fed", kind="government", countries=("US",))
    (found,) = resolve(
        [analysis("a1", text1, (fed,)), analysis("a2", text2, (bank,))]
    ).organisations
    assert found.name == "Federal Reserve"
    abroad = org("a2", text2, "The Fed", kind="government", countries=("FR",))
    assert (
        len(
            resolve([analysis("a1", text1, (fed,)), analysis("a2", text2, (abroad,))]).organisations
        )
        == 2
    )


def test_the_kind_is_the_one_most_articles_give_and_countries_keep_their_source() -> None:
    texts = {f"a{i}": f"Acme Holdings said {i}." for i in range(3)}
    kinds = {"a0": "other", "a1": "company", "a2": "company"}
    analyses = [
        analysis(a, t, (org(a, t, "Acme Holdings", kind=kinds[a], countries=("GB",)),))
        for a, t in texts.items()
    ]
    (found,) = resolve(analyses).organisations
    assert found.kind == "company"
    assert [(c.value, c.source) for c in found.countries] == [
        ("GB", span("a0", texts["a0"], "Acme Holdings"))
    ]


def test_ids_are_stable_whatever_the_article_order_and_keep_the_previous_owner() -> None:
    text1, text2 = "Acme met.", "ACME met."
    first = analysis("a1", text1, (org("a1", text1, "Acme"),))
    second = analysis("a2", text2, (org("a2", text2, "ACME", kind="company"),))
    assert [o.id for o in resolve([first, second]).organisations] == ["acme"]
    text3 = "Ácme met."
    third = analysis("a3", text3, (org("a3", text3, "Ácme"),))
    ids = {o.name: o.id for o in resolve([third, first]).organisations}
    assert ids["Acme"] == "acme" and ids["Ácme"].startswith("acme-")
    pinned = {"acme": org_key("Ácme")}
    ids = {
        o.name: o.id for o in resolve([first, third], organisation_addresses=pinned).organisations
    }
    assert ids["Ácme"] == "acme" and ids["Acme"].startswith("acme-")


def test_a_reserved_name_never_gives_its_id() -> None:
    text = "Index met."
    (found,) = resolve([analysis("a1", text, (org("a1", text, "Index"),))]).organisations
    assert found.id.startswith("index-")


def test_ties_and_speakers_name_organisation_ids_with_their_source() -> None:
    text = "Ana Lee, secretary general of the MDC, said “we will win”."
    tie = span("a1", text, "secretary general of the MDC")
    person = PersonRef(
        "k1", "Ana Lee", (), (span("a1", text, "Ana Lee"),), organisations=(Claim("o1", tie),)
    )
    quote = Quote(span("a1", text, "we will win"), "k1", speaker_org="o1")
    unknown = Quote(span("a1", text, "we will win"), None, speaker_org="o9")
    mdc = org("a1", text, "MDC")
    dossier = resolve([analysis("a1", text, (mdc,), (person,), (quote, unknown))])
    (found,) = dossier.organisations
    (lee,) = dossier.people
    assert lee.organisations == (Claim(found.id, tie),)
    assert lee.organisation_ids == ("mdc",)
    assert [q.quote.speaker_org for q in dossier.quotes] == ["mdc", None]
    assert dossier.quotes[0].quote.speaker == "ana-lee"


def test_people_merged_across_articles_keep_the_ties_of_both() -> None:
    texts = {"a1": "Ana Lee of Acme spoke.", "a2": "Ana Lee of Bolt spoke."}
    analyses = []
    for article, text in texts.items():
        name = text.split()[3]
        tie = Claim("o1", span(article, text, name))
        person = PersonRef(
            "k1", "Ana Lee", (), (span(article, text, "Ana Lee"),), organisations=(tie,)
        )
        analyses.append(analysis(article, text, (org(article, text, name),), (person,)))
    (lee,) = resolve(analyses).people
    assert lee.organisation_ids == ("acme", "bolt")


CURATION = """\
organisations:
  merge:
    - into: movement-for-democratic-change
      ids: [democratic-movement]
  rename:
    - id: acme
      name: Acme Holdings
  set:
    - id: acme-holdings
      kind: company
      countries: [gb]
  drop: [bolt]
"""


def curated_dossier() -> object:
    text = "The Movement for Democratic Change met; the Democratic Movement, Acme and Bolt spoke."
    people = (
        PersonRef(
            "k1",
            "Ana Lee",
            (),
            (span("a1", text, "Movement"),),
            organisations=(
                Claim("o4", span("a1", text, "Bolt")),
                Claim("o2", span("a1", text, "Democratic Movement")),
            ),
        ),
    )
    quotes = (Quote(span("a1", text, "Bolt"), None, speaker_org="o4"),)
    organisations = (
        org("a1", text, "Movement for Democratic Change", key="o1", kind="party"),
        org("a1", text, "Democratic Movement", key="o2"),
        org("a1", text, "Acme", key="o3"),
        org("a1", text, "Bolt", key="o4"),
    )
    return resolve(
        [analysis("a1", text, organisations, people, quotes)],
        parse_curation(CURATION, "content/curation.yml"),
    )


def test_curation_merges_renames_sets_and_drops_organisations() -> None:
    dossier = curated_dossier()
    found = {o.id: o for o in dossier.organisations}  # type: ignore[attr-defined]
    assert sorted(found) == ["acme-holdings", "movement-for-democratic-change"]
    movement = found["movement-for-democratic-change"]
    assert (movement.aliases, movement.kind, len(movement.mentions)) == (
        ("Democratic Movement",),
        "party",
        2,
    )
    acme = found["acme-holdings"]
    assert (acme.name, acme.aliases, acme.kind) == ("Acme Holdings", ("Acme",), "company")
    assert acme.countries == (Claim("GB", Curated("curation.yml", 9)),)
    assert dossier.organisation_redirects == {  # type: ignore[attr-defined]
        "democratic-movement": "movement-for-democratic-change",
        "acme": "acme-holdings",
    }
    (lee,) = dossier.people  # type: ignore[attr-defined]
    assert lee.organisation_ids == ("movement-for-democratic-change",)
    assert [q.quote.speaker_org for q in dossier.quotes] == [None]  # type: ignore[attr-defined]


def test_a_rule_for_an_unknown_organisation_is_logged_and_skipped(
    caplog: pytest.LogCaptureFixture,
) -> None:
    text = "Acme met."
    rules = parse_curation("organisations:\n  drop: [nobody]\n", "c.yml")
    with caplog.at_level(logging.WARNING):
        (found,) = resolve([analysis("a1", text, (org("a1", text, "Acme"),))], rules).organisations
    assert found.id == "acme"
    assert "c.yml:2: no organisation with id 'nobody'" in caplog.text


def test_a_rename_onto_another_organisation_names_its_line() -> None:
    text = "Acme and Bolt met."
    rules = parse_curation("organisations:\n  rename:\n    - {id: acme, name: Bolt}\n", "c.yml")
    organisations = (org("a1", text, "Acme"), org("a1", text, "Bolt", key="o2"))
    with pytest.raises(ContentError, match="of another") as caught:
        resolve([analysis("a1", text, organisations)], rules)
    assert caught.value.line == 3


@pytest.mark.parametrize(
    ("text", "expected"),
    [("MDC", True), ("U.N.", True), ("G8", True), ("AT&T", True), ("Hamas", False), ("I", False)],
)
def test_what_is_an_acronym(text: str, expected: bool) -> None:
    assert is_acronym(text) is expected


def test_initials_skip_small_words_and_a_leading_the() -> None:
    assert initials("The Movement for Democratic Change") == "mdc"
    assert initials("Hamas") == ""
    assert org_key("The  Kremlin") == org_key("kremlin") == "kremlin"
