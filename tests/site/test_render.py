"""Render stage, without spaCy: dossiers written inline, Markdown converted the way MkDocs does."""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import given
from hypothesis import strategies as st

from generator.model import (
    CAPTION,
    PARAGRAPH,
    TITLE,
    Article,
    Block,
    Claim,
    Country,
    CountryRef,
    Dossier,
    DossierQuote,
    Organisation,
    Person,
    Quote,
    Span,
)
from generator.site.filters import safe_url
from generator.site.index import RELATED
from generator.site.markdown import _MD_SPECIAL, _escaped_char, attr, md
from generator.site.marking import QuoteMark, marked_text
from generator.site.paths import GRAPH, INDEX_PAGES
from generator.site.render import render, rendered_pages
from tests.conftest import ROOT
from tests.site.inline import TEMPLATES, crowd, span_of

EVIL = "<script>alert(1)</script> {{ 7*7 }} {% if 1 %}x{% endif %} [link](javascript:alert(1))"
EVIL_NAME = '<img src=x onerror=alert(1)> {: onclick="alert(1)" } *Mal* _Ory_ ]: #x \n---'


def hostile_dossier() -> Dossier:
    body = f"{EVIL_NAME} said “{EVIL}” in Iran, #1 | cell | `code` \\ end."
    article = Article(
        id="a1",
        path="content/articles/a1.md",
        title=EVIL,
        blocks=(
            Block("p1", CAPTION, f"Photo of {EVIL_NAME} in Iran", credit=EVIL),
            Block("p2", PARAGRAPH, body),
        ),
        deck=EVIL,
        author=EVIL_NAME,
        publisher=EVIL,
        url="javascript:alert(1)",
        published="2024-08-07",
    )
    name = span_of(body, EVIL_NAME)
    person = Person(
        id="mal-ory",
        name=EVIL_NAME,
        aliases=("{{ alias }}",),
        kind="subject",
        mentions=(name,),
        roles=(Claim(EVIL, name),),
        countries=(Claim("IR", name),),
        organisations=(Claim("evil-org", name),),
    )
    # An organisation of the same words, tied to the person and speaking the quote.
    org = Organisation(
        "evil-org", EVIL_NAME, ("{{ alias }}", "<B&I>"), "company", (name,), (Claim("IR", name),)
    )
    iran = Country("iran", "IR", "Iran", (CountryRef("IR", span_of(body, "Iran")),))
    said = Quote(span_of(body, EVIL), "mal-ory", cue=EVIL, source=EVIL, speaker_org="evil-org")
    quote = DossierQuote("a1-q1", said)
    return Dossier((article,), (person,), (iran,), (quote,), organisations=(org,))


def to_html(text: str) -> str:
    """Markdown -> HTML with the extensions of mkdocs.yml (front matter dropped as MkDocs does)."""
    if text.startswith("---\n"):
        text = text.split("\n---\n", 1)[1]
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables", "toc"])


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags_of(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(html)
    return parser.tags


@pytest.fixture(scope="module")
def hostile_pages() -> dict[str, str]:
    return {p.path: p.text for p in render(hostile_dossier(), TEMPLATES)}


def test_article_text_never_becomes_markup_script_or_template(
    hostile_pages: dict[str, str],
) -> None:
    allowed = {"a", "p", "h1", "h2", "h3", "ul", "ol", "li", "em", "strong", "span", "sup", "div", "br",
               "small", "code", "blockquote", "table", "thead", "tbody", "tr", "th", "td"}  # fmt: skip
    checked = 0
    for path, text in hostile_pages.items():
        if not path.endswith(".md"):
            continue
        assert "49" not in text, f"{path}: a template expression was evaluated"
        html = to_html(text)
        for tag, attrs in tags_of(html):
            assert tag in allowed, f"{path}: <{tag}> made from article text"
            assert not any(name.startswith("on") for name in attrs), (path, tag, attrs)
            href = attrs.get("href") or ""
            assert not href.lower().startswith(("javascript:", "data:")), (path, href)
        assert "{{ 7*7 }}" in html or "{{ alias }}" in html or path.endswith("index.md"), path
        checked += 1
    assert checked >= 8


def test_the_hostile_text_is_shown_as_written(hostile_pages: dict[str, str]) -> None:
    html = to_html(hostile_pages["articles/a1.md"])
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "[link](javascript:alert(1))" in html
    assert "*Mal* _Ory_" in html
    person = to_html(hostile_pages["people/mal-ory.md"])
    assert "{{ alias }}" in person  # the alias, shown, so search finds it


def test_a_url_that_is_not_http_is_not_linked(hostile_pages: dict[str, str]) -> None:
    assert 'href="javascript' not in hostile_pages["articles/a1.md"]
    assert safe_url("https://example.org/a?b=c") == "https://example.org/a?b=c"
    assert safe_url("javascript:alert(1)") == safe_url("data:text/html,x") == ""
    assert safe_url('https://example.org/"onmouseover=') == ""


def test_md_escapes_markdown_and_html_but_keeps_spaces_between_links() -> None:
    assert md("  a *b* <i>  ") == " a \\*b\\* &lt;i&gt; "
    assert md(" and ") == " and "
    assert md("\n x\t") == " x "


def test_marked_text_links_mentions_inside_and_outside_a_quote() -> None:
    text = "“Russia is among friends,” Pezeshkian said."
    russia, speaker = span_of(text, "Russia"), span_of(text, "Pezeshkian")
    quote = span_of(text, "Russia is among friends,")
    html = to_html(
        marked_text(
            text,
            [(russia, "../countries/russia.md"), (speaker, "../people/p.md")],
            [QuoteMark(quote, "Pezeshkian", "../people/p.md", "Quote: Masoud Pezeshkian")],
        )
    )
    assert html == (
        '<p>“<span class="quote" title="Quote: Masoud Pezeshkian">'
        '<a href="../countries/russia.md">Russia</a> is among friends,</span>”'
        '<sup class="said-by"><a href="../people/p.md" title="Quote: Masoud Pezeshkian">'
        'Pezeshkian</a></sup> <a href="../people/p.md">Pezeshkian</a> said.</p>'
    )


def test_marked_text_drops_a_mention_across_a_quote_edge_and_overlapping_quotes() -> None:
    text = "He said “alpha beta” gamma."
    across = Span("a", "p1", text.index("beta"), text.index("gamma") + 5, "beta” gamma")
    quote = span_of(text, "alpha beta")
    overlapping = span_of(text, "beta")
    out = marked_text(
        text,
        [(across, "x.md")],
        [QuoteMark(quote, "", "", "no speaker"), QuoteMark(overlapping, "", "", "again")],
    )
    assert "x.md" not in out
    assert out.count('<span class="quote"') == 1
    assert to_html(out).count("alpha beta") == 1


def test_a_profile_does_not_grow_with_the_dossier() -> None:
    sizes = {}
    for size in (100, 400):
        pages = {p.path: p.text for p in render(crowd(size), TEMPLATES)}
        sizes[size] = (len(pages["people/p0000.md"]), len(pages["countries/iran.md"]))
        home = pages["index.md"]
        assert home.count("](people/") <= 10
    assert sizes[400][0] == sizes[100][0]
    assert abs(sizes[400][1] - sizes[100][1]) < 100  # "… and 340 more" instead of "40"
    profile = render(crowd(100), TEMPLATES)
    person = next(p.text for p in profile if p.path == "people/p0000.md")
    assert person.count("· 1 article") == RELATED + 2  # 12 people, 2 countries


def test_seed_pages_cite_the_paragraph_of_each_claim(seed_dossier: Dossier) -> None:
    pages = {p.path: p.text for p in render(seed_dossier, TEMPLATES)}
    shoigu = pages["people/sergei-shoigu.md"]
    facts = shoigu.split("</div>")[0]
    for label in ("**Name:**", "**Also called:**", "**Country:**"):
        line = next(line for line in facts.splitlines() if label in line)
        assert '<sup class="cite">' in line and ".md#p" in line, line
    roles = facts.split("**Roles, newest first:**\n")[1].split("\n- ")[0].splitlines()
    assert len(roles) == 2 and all(r.startswith("    - ") for r in roles), roles
    assert all("(7 August 2024)<sup" in r and ".md#p" in r for r in roles), roles
    context = shoigu.split("## Mentions in context")[1].split("\n## ")[0]
    assert "[Pezeshkian](masoud-pezeshkian.md) made the remarks" in context  # a name: a link
    assert "with <strong>Sergei Shoigu</strong>, head" in context  # the subject: bold
    iran = pages["countries/iran.md"]
    assert "via *Tehran*" in iran and "## Quotes about Iran" in iran
    assert "## Timeline" not in pages["timeline.md"] and "6 August 2024" in pages["timeline.md"]


def test_templates_folder_has_every_page_template() -> None:
    names = {p.name for p in Path(TEMPLATES).glob("*.j2")}
    assert {"home.md.j2", "person.md.j2", "country.md.j2", "article.md.j2"} <= names
    assert "timeline.md.j2" in names


def test_the_navigation_lists_index_pages_only() -> None:
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    pages = [next(iter(entry.values())) for entry in config["nav"]]
    assert pages == list(INDEX_PAGES)
    assert config["theme"]["font"] is False  # no Google Fonts
    assert config["use_directory_urls"] is True  # page_url() and the graph JSON rely on it


def test_an_alias_is_cited_where_it_is_written_around_a_mention() -> None:
    text = "Mr Blair spoke. Tony Blair left."
    article = Article("a", "a.md", "T", (Block("p1", PARAGRAPH, text),))
    blair = Person(
        "tony-blair",
        "Tony Blair",
        ("Mr Blair", "the PM"),
        "subject",
        (Span("a", "p1", 3, 8, "Blair"), span_of(text, "Tony Blair", "a", "p1")),
    )
    pages = {p.path: p.text for p in render(Dossier((article,), (blair,), (), ()), TEMPLATES)}
    line = next(x for x in pages["people/tony-blair.md"].splitlines() if "Also called" in x)
    assert line.count('<sup class="cite">') == 1  # "Mr Blair" cited, "the PM" found nowhere
    assert line.index("Mr Blair") < line.index("cite") < line.index("the PM")


def test_names_in_front_matter_stay_strings(hostile_pages: dict[str, str]) -> None:
    import yaml

    meta = yaml.safe_load(hostile_pages["people/mal-ory.md"].split("---\n")[1])
    # Escaped: Material's search writes tags into its results as HTML (red-team item 2).
    assert meta["tags"] == [html.escape(" ".join(EVIL_NAME.split()), quote=False), "{{ alias }}"]
    assert meta["search"] == {"boost": 4}
    meta = yaml.safe_load(hostile_pages["countries/iran.md"].split("---\n")[1])
    assert meta["tags"] == ["Iran"]


def test_the_graph_data_holds_no_markup(hostile_pages: dict[str, str]) -> None:
    text = hostile_pages[GRAPH]
    assert not set("<>&") & set(text)
    assert EVIL_NAME in [node["label"] for node in json.loads(text)["nodes"]]


def test_an_empty_dossier_renders_the_index_pages() -> None:
    pages = {p.path: p.text for p in render(Dossier((), (), (), ()), TEMPLATES)}
    assert set(pages) == {
        "index.md",
        "people/index.md",
        "organisations/index.md",
        "countries/index.md",
        "articles/index.md",
        "quotes/index.md",
        "timeline.md",
        GRAPH,
    }
    assert "No articles yet" in to_html(pages["index.md"])
    assert json.loads(pages[GRAPH]) == {"nodes": [], "edges": []}


def test_md_escapes_every_character_as_the_punctuation_pattern_says() -> None:
    """`md` escapes with a translate table: the same as a re.sub over _MD_SPECIAL would."""
    text = "".join(chr(i) for i in range(0x3000) if not chr(i).isspace() and chr(i).isprintable())
    assert md(text) == _MD_SPECIAL.sub(_escaped_char, text)


def test_pages_rendered_in_forked_processes_are_the_same(seed_dossier: Dossier) -> None:
    serial = render(seed_dossier, TEMPLATES)
    forked = render(seed_dossier, TEMPLATES, processes=2, parallel_from=0)
    assert [(p.path, p.text) for p in forked] == [(p.path, p.text) for p in serial]
    crowd_serial = render(crowd(30), TEMPLATES)
    crowd_forked = render(crowd(30), TEMPLATES, processes=3, parallel_from=0)
    assert [(p.path, p.text) for p in crowd_forked] == [(p.path, p.text) for p in crowd_serial]


# -- facts set by the curation file (red-team item 1) ------------------------------------------


def curated_dossier(rules: str) -> Dossier:
    """One article naming Sergei Shoigu in Iran, resolved with the curation `rules`."""
    from generator.ingest.curation import parse_curation
    from generator.model import ArticleAnalysis, PersonRef
    from generator.resolve.dossier import resolve

    text = "Sergei Shoigu, the envoy, arrived in Iran."
    article = Article(
        "a1", "a1.md", "Talks", (Block("p1", PARAGRAPH, text),), published="2024-08-07"
    )
    name = span_of(text, "Sergei Shoigu", block="p1")
    ref = PersonRef(
        "k", "Sergei Shoigu", ("Sergei Shoigu",), (name,), roles=(Claim("envoy", name),)
    )
    iran = CountryRef("IR", span_of(text, "Iran", block="p1"))
    analysis = ArticleAnalysis(article, (ref,), (iran,), ())
    return resolve([analysis], parse_curation(rules, "content/curation.yml"))


@pytest.mark.parametrize(
    "rule",
    [
        "    countries: [IR]\n",
        "    roles: [Secretary of the Security Council]\n",
        "    countries: [IR, RU]\n    roles: [Secretary]\n",
    ],
)
def test_a_curated_fact_shows_its_rule_instead_of_a_source_link(rule: str) -> None:
    rules = "# set by hand\nset:\n  - id: sergei-shoigu\n" + rule
    pages = {p.path: p.text for p in render(curated_dossier(rules), TEMPLATES)}
    facts = pages["people/sergei-shoigu.md"].split("</div>")[0]
    label = "**Role" if "roles" in rule else "**Countr"
    line = to_html(next(x for x in facts.splitlines() if label in x))
    assert "(set by curation: curation.yml, line 3)" in line, line
    assert ".md#p" not in line  # no paragraph to cite
    if "RU" in rule:  # set by hand, named by no article: shown, without a page to link to
        line = to_html(next(x for x in facts.splitlines() if "**Countries:**" in x))
        assert "Russia (set by curation: curation.yml, line 3)" in re.sub("<[^>]*>", "", line)
    if "countries" in rule:
        iran = to_html(pages["countries/iran.md"])
        assert "set by curation" in iran and "curation.yml, line 3" in iran


def test_the_digest_of_a_curated_page_covers_the_rule_line() -> None:
    def inputs(rules: str) -> dict[str, str]:
        return {p.path: p.inputs for p in render(curated_dossier(rules), TEMPLATES)}

    rule = "set:\n  - id: sergei-shoigu\n    roles: [Secretary]\n"
    first, moved = inputs(rule), inputs("# a comment\n" + rule)
    assert first["people/sergei-shoigu.md"] != moved["people/sergei-shoigu.md"]
    assert first["articles/a1.md"] == moved["articles/a1.md"]


# -- characters that act without being seen (red-team item 16) ---------------------------------

ACTING = [*"\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"]
ACTING += [*"\u200b\u200c\u200d\u2060\u2063\ufeff\u180e\U000e0041"]


@given(st.text(max_size=10), st.sampled_from(ACTING), st.text(max_size=10))
def test_characters_that_act_unseen_are_shown_as_markers(
    before: str, char: str, after: str
) -> None:
    marker = f"⟨U+{ord(char):04X}⟩"
    for escaped in (md(before + char + after), attr(before + char + after)):
        assert char not in escaped
        assert marker in re.sub(r"\\(.)", r"\1", escaped)  # md backslash-escapes the "+"


def test_an_article_shows_a_right_to_left_override_instead_of_obeying_it() -> None:
    text = "Anna Berg said \u202eno comment\u202c today."
    article = Article(
        "a1", "a1.md", "Talks \u202e1202", (Block("p1", PARAGRAPH, text),), published="2024-08-07"
    )
    pages = {p.path: p.text for p in render(Dossier((article,), (), (), ()), TEMPLATES)}
    page = pages["articles/a1.md"]
    assert "\u202e" not in page and "\u202c" not in page
    assert "said ⟨U+202E⟩no comment⟨U+202C⟩ today" in to_html(page).replace("\\", "")
    assert "# Talks ⟨U\\+202E⟩1202 {: #title }\n" in page


def test_a_byline_with_a_character_not_seen_still_credits_its_author() -> None:
    from generator.model import ArticleAnalysis, PersonRef
    from generator.resolve.dossier import resolve

    author = "Adam\u200b Morrow"
    article = Article(
        "a1", "a1.md", "Talks", (Block("p1", PARAGRAPH, "Talks went on."),), author=author
    )
    credit = PersonRef("c", author, (author,), (), kind="credit", credit_role="author")
    dossier = resolve([ArticleAnalysis(article, (credit,), (), ())])
    assert [p.name for p in dossier.people] == ["Adam Morrow"]
    page = next(p.text for p in render(dossier, TEMPLATES) if p.path == "articles/a1.md")
    assert "**Credits:** Adam Morrow (author)" in page


def test_countries_the_articles_disagree_on_are_both_shown_with_their_sources() -> None:
    from generator.model import ArticleAnalysis, PersonRef
    from generator.resolve.dossier import resolve

    analyses = []
    for ident, country, code in (("a1", "Chile", "CL"), ("a2", "Peru", "PE")):
        text = f"Lena Ortiz, the envoy, flew to {country}."
        article = Article(
            ident, f"{ident}.md", "Talks", (Block("p1", PARAGRAPH, text),), published="2024-08-07"
        )
        name = span_of(text, "Lena Ortiz", article=ident, block="p1")
        ref = PersonRef("k", "Lena Ortiz", ("Lena Ortiz",), (name,), countries=(Claim(code, name),))
        place = CountryRef(code, span_of(text, country, article=ident, block="p1"))
        analyses.append(ArticleAnalysis(article, (ref,), (place,), ()))
    pages = {p.path: p.text for p in render(resolve(analyses), TEMPLATES)}
    facts = pages["people/lena-ortiz.md"].split("</div>")[0]
    line = next(x for x in facts.splitlines() if "**Countries:**" in x)
    assert "Chile" in line and "Peru" in line
    assert line.count('class="cite"') == 2
    assert "The sources disagree" in facts


def test_a_profile_lists_roles_newest_first_with_their_dates_and_sources() -> None:
    articles = tuple(
        Article(
            ident, f"{ident}.md", f"Story {ident}", (Block("p1", PARAGRAPH, text),), published=day
        )
        for ident, day, text in (
            ("old", "2019-05-01", "Acting Mayor Lena Holm spoke."),
            ("new", "2023-02-10", "Former Mayor Lena Holm spoke."),
            ("undated", "", "Councillor Lena Holm spoke."),
        )
    )
    roles = tuple(
        Claim(role, Span(a.id, "p1", 0, len(role), role))
        for a, role in zip(
            (articles[2], articles[0], articles[1]),
            ("Councillor", "Acting Mayor", "Former Mayor"),
            strict=True,
        )
    )
    mentions = tuple(
        Span(a.id, "p1", a.blocks[0].text.index("Lena"), 0, "Lena Holm") for a in articles
    )
    mentions = tuple(replace(m, end=m.start + 9) for m in mentions)
    holm = Person("lena-holm", "Lena Holm", (), "subject", mentions, roles=roles)
    page = next(
        p.text
        for p in render(Dossier(articles, (holm,), (), ()), TEMPLATES)
        if p.path == "people/lena-holm.md"
    )
    listed = page.split("**Roles, newest first:**\n")[1].split("\n- ")[0].splitlines()
    assert [re.sub(r"<sup.*", "", line) for line in listed] == [
        "    - Former Mayor (10 February 2023)",
        "    - Acting Mayor (1 May 2019)",
        "    - Councillor (undated)",
    ]
    assert "new.md#p1" in listed[0] and "old.md#p1" in listed[1] and "undated.md#p1" in listed[2]


def test_a_mention_in_the_title_links_to_the_article_heading() -> None:
    article = Article(
        "a1", "a1.md", "Holm opens bridge", (Block("p1", PARAGRAPH, "The bridge opened."),)
    )
    holm = Person("holm", "Holm", (), "subject", (Span("a1", TITLE, 0, 4, "Holm"),))
    pages = {p.path: p.text for p in render(Dossier((article,), (holm,), (), ()), TEMPLATES)}
    assert "# Holm opens bridge {: #title }" in pages["articles/a1.md"]
    person = pages["people/holm.md"]
    assert '(../articles/a1.md#title "Holm opens bridge, headline")' in person
    assert "*Holm opens bridge*, headline](../articles/a1.md#title" in person


def test_pages_come_one_by_one_as_they_are_rendered(seed_dossier: Dossier) -> None:
    """The build writes each page as it comes, never holding the whole site: rendered_pages is
    an iterator, forked or not, and gives the pages of `render` in the same order."""
    serial = render(seed_dossier, TEMPLATES)
    for processes in (1, 2):
        pages = rendered_pages(seed_dossier, TEMPLATES, processes=processes, parallel_from=0)
        assert isinstance(pages, Iterator)
        assert [(p.path, p.text) for p in pages] == [(p.path, p.text) for p in serial]
