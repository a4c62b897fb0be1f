"""Resolve stage: analyses written inline (no model) merged into one Dossier."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from generator.model import (
    PARAGRAPH,
    Article,
    ArticleAnalysis,
    Block,
    Claim,
    CountryRef,
    PersonRef,
    Quote,
    Span,
)
from generator.resolve.dossier import countries_disagree, resolve


def span(article: str, text: str, words: str) -> Span:
    start = text.index(words)
    return Span(article, "p1", start, start + len(words), words)


def analysis(
    article: str,
    text: str,
    names: list[str],
    countries: tuple[tuple[str, str], ...] = (),
    quotes: tuple[Quote, ...] = (),
) -> ArticleAnalysis:
    """One paragraph; each name in `names` one PersonRef keyed "k<n>", found where it is written."""
    people = tuple(
        PersonRef(f"k{n}", name, (), (span(article, text, name),)) for n, name in enumerate(names)
    )
    return ArticleAnalysis(
        Article(article, f"{article}.md", "T", (Block("p1", PARAGRAPH, text),)),
        people,
        tuple(CountryRef(code, span(article, text, words)) for code, words in countries),
        quotes,
    )


def test_one_person_in_two_articles_is_one_person_with_both_mentions() -> None:
    first = analysis("a1", "Ana Lee went to Iran.", ["Ana Lee"], (("IR", "Iran"),))
    second = analysis("a2", "Later ana lee left.", ["ana lee"])
    dossier = resolve([second, first])
    (person,) = dossier.people
    assert (person.id, person.name) == ("ana-lee", "Ana Lee")
    assert [(s.article, s.text) for s in person.mentions] == [("a1", "Ana Lee"), ("a2", "ana lee")]
    assert [a.id for a in dossier.articles] == ["a1", "a2"]
    assert [(c.id, c.code, len(c.mentions)) for c in dossier.countries] == [("iran", "IR", 1)]


def test_a_surname_alone_joins_the_one_full_name_that_ends_with_it() -> None:
    first = analysis("a1", "Ana Lee spoke.", ["Ana Lee"])
    second = analysis("a2", "Lee agreed.", ["Lee"])
    (person,) = resolve([first, second]).people
    assert person.name == "Ana Lee"
    assert [s.text for s in person.mentions] == ["Ana Lee", "Lee"]


def test_a_surname_shared_by_two_full_names_stays_apart() -> None:
    first = analysis("a1", "Ana Lee and Bo Lee spoke.", ["Ana Lee", "Bo Lee"])
    second = analysis("a2", "Lee agreed.", ["Lee"])
    assert sorted(p.name for p in resolve([first, second]).people) == ["Ana Lee", "Bo Lee", "Lee"]


def test_quotes_name_the_resolved_person_and_are_numbered_per_article() -> None:
    text = "Ana Lee said “it works”."
    quote = Quote(span("a1", text, "it works"), "k0", speaker_text="Ana Lee", via="name")
    unsaid = Quote(span("a1", text, "Ana"), None)
    dossier = resolve([analysis("a1", text, ["Ana Lee"], quotes=(quote, unsaid))])
    assert [(q.id, q.quote.speaker) for q in dossier.quotes] == [
        ("a1-q1", "ana-lee"),
        ("a1-q2", None),
    ]


def test_repeated_claims_are_kept_once_whatever_their_case() -> None:
    text = "Minister Ana Lee, the minister, spoke."
    ref = PersonRef(
        "k0",
        "Ana Lee",
        (),
        (span("a1", text, "Ana Lee"),),
        roles=(
            Claim("Minister", span("a1", text, "Minister")),
            Claim("minister", span("a1", text, "minister")),
        ),
    )
    article = Article("a1", "a1.md", "T", (Block("p1", PARAGRAPH, text),))
    (person,) = resolve([ArticleAnalysis(article, (ref,), (), ())]).people
    assert [c.value for c in person.roles] == ["Minister"]


# -- names with characters that are not seen (red-team item 16) --------------------------------

# Drawn as nothing, or reordering the text around them: bidi controls, zero-width characters,
# the soft hyphen, tag characters.
NOT_SEEN = [*"\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"]
NOT_SEEN += [*"\u200b\u200c\u200d\u2060\u2063\ufeff\u180e\u00ad\U000e0041\ufe0f"]
INSERTIONS = st.lists(st.tuples(st.integers(0, 9), st.sampled_from(NOT_SEEN)), min_size=1)


def with_inserted(name: str, insertions: list[tuple[int, str]]) -> str:
    for at, char in sorted(insertions, reverse=True):
        at = min(at, len(name))
        name = name[:at] + char + name[at:]
    return name


def said(article: str, name: str) -> ArticleAnalysis:
    return analysis(article, f"{name} said so.", [name])


@given(INSERTIONS, INSERTIONS)
def test_a_name_with_characters_not_seen_is_the_same_person(
    first: list[tuple[int, str]], second: list[tuple[int, str]]
) -> None:
    spoofs = [with_inserted("Anna Berg", first), with_inserted("Anna Berg", second)]
    dossier = resolve([said("a1", spoofs[0]), said("a2", "Anna Berg"), said("a3", spoofs[1])])
    (person,) = dossier.people
    assert (person.id, person.name, person.aliases) == ("anna-berg", "Anna Berg", ())
    assert person.articles == ("a1", "a2", "a3")


@given(INSERTIONS)
def test_a_surname_with_characters_not_seen_joins_its_person(
    insertions: list[tuple[int, str]],
) -> None:
    dossier = resolve([said("a1", "Anna Berg"), said("a2", with_inserted("Berg", insertions))])
    (person,) = dossier.people
    assert person.articles == ("a1", "a2")


def test_articles_that_disagree_on_a_country_keep_both_with_their_sources() -> None:
    text = "Lena Ortiz spoke."
    one = analysis("a1", text, ["Lena Ortiz"])
    two = analysis("a2", text, ["Lena Ortiz"])
    cite = span("a1", text, "Lena Ortiz")
    one = replace(one, people=(replace(one.people[0], countries=(Claim("CL", cite),)),))
    two = replace(
        two, people=(replace(two.people[0], countries=(Claim("PE", replace(cite, article="a2")),)),)
    )
    (person,) = resolve([one, two]).people
    assert [
        (c.value, c.source.article) for c in person.countries if isinstance(c.source, Span)
    ] == [
        ("CL", "a1"),
        ("PE", "a2"),
    ]
    assert countries_disagree(person.countries)


def test_a_country_given_by_two_articles_is_cited_in_both_and_no_disagreement() -> None:
    text = "Lena Ortiz spoke."
    cite = span("a1", text, "Lena Ortiz")
    claims = (Claim("CL", cite), Claim("CL", replace(cite, article="a2")), Claim("PE", cite))
    assert not countries_disagree(claims)
    assert countries_disagree((Claim("CL", cite), Claim("PE", replace(cite, article="a2"))))


def test_roles_are_listed_newest_first_each_from_the_newest_article_that_gives_it() -> None:
    texts = {
        "a": ("2019-05-01", "Acting Mayor Lena Holm opened the bridge."),
        "b": ("2023-02-10", "Former Mayor Lena Holm, now a senator, spoke."),
        "c": ("", "Acting Mayor Lena Holm was there too."),
        "d": ("2021-07-04", "Mayor Lena Holm cut the ribbon; Acting Mayor Lena Holm smiled."),
    }
    roles = {
        "a": ["Acting Mayor"],
        "b": ["Former Mayor", "senator"],
        "c": ["Acting Mayor"],
        "d": ["Mayor", "Acting Mayor"],
    }
    analyses = []
    for article, (published, text) in texts.items():
        a = analysis(article, text, ["Lena Holm"])
        claims = tuple(Claim(r, span(article, text, r.split()[-1])) for r in roles[article])
        analyses.append(
            replace(
                a,
                article=replace(a.article, published=published),
                people=(replace(a.people[0], roles=claims),),
            )
        )
    (holm,) = resolve(analyses).people
    assert [(c.value, c.source.article) for c in holm.roles if isinstance(c.source, Span)] == [
        ("Former Mayor", "b"),
        ("senator", "b"),
        ("Mayor", "d"),
        ("Acting Mayor", "d"),
    ]


def test_a_surname_with_a_courtesy_title_of_the_other_sex_stays_apart() -> None:
    first = "Mr Howard spoke. Michael Howard left."
    second = "Mrs Howard campaigned alone."
    third = "Mr Howard answered."
    one = analysis("a", first, ["Michael Howard"])
    one = replace(one, people=(replace(one.people[0], aliases=("Michael Howard", "Mr Howard")),))
    two = analysis("b", second, ["Howard"])
    two = replace(two, people=(replace(two.people[0], aliases=("Mrs Howard",)),))
    three = analysis("c", third, ["Howard"])
    three = replace(three, people=(replace(three.people[0], aliases=("Mr Howard",)),))
    people = {p.name: p for p in resolve([one, two, three]).people}
    assert sorted(people) == ["Howard", "Michael Howard"]
    assert people["Michael Howard"].articles == ("a", "c")
    assert people["Howard"].aliases == ("Mrs Howard",)
