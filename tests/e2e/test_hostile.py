"""Hostile text: whatever an article says, it shows as text on the site and nothing of it runs.

Pages are rendered with the real templates from a Dossier built by hand out of hostile (and, with
Hypothesis, arbitrary) strings, then turned into HTML by Python-Markdown with the extensions of
mkdocs.yml, as MkDocs does. The HTML may hold only the tags, attributes, classes and links the
templates themselves emit, and every string from the article must appear in the page's text.
"""

from __future__ import annotations

import errno
import html
import json
import os
import re
import shutil
import tempfile
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import markdown
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.utils.meta import get_data

from generator.cli import main
from generator.model import (
    CAPTION,
    HEADING,
    PARAGRAPH,
    Article,
    ArticleAnalysis,
    Block,
    Claim,
    Country,
    CountryRef,
    Dossier,
    DossierQuote,
    Page,
    Person,
    PersonRef,
    Quote,
    Span,
)
from generator.site.markdown import attr, link, md
from generator.site.render import render
from generator.text import CONTROL_CHARACTERS, slug
from generator.unicode import plain_name, shown
from tests.conftest import ROOT

TEMPLATES = ROOT / "templates"
PAYLOADS = [
    "<script>alert('x')</script>",
    '<img src=x onerror="alert(1)">',
    "<a href='javascript:alert(1)'>click</a>",
    "[click](javascript:alert(1))",
    "![pic](https://evil.example/x.png)",
    "<https://evil.example/>",
    "<iframe src=//evil.example></iframe>",
    "<!-- comment --> <b>bold</b> &lt;i&gt; &amp; &#60;script&#62;",
    "---",
    "# Heading",
    "=====",
    "~~~",
    "```",
    "* item",
    "1. item",
    "> quoted",
    "| a | b |",
    "Text {: #p1 onclick=alert(1) }",
    "{: .evil #evil }",
    "Note[^1] and [^1]: footnote",
    "[ref]: https://evil.example/",
    "{{ 7 * 7 }} {% if true %}x{% endif %} {# c #}",
    "`code` **bold** _em_ \\ backslash",
    "Name \\",
    "\x02klzzwxh:0000\x03 \x00 nul",
    "quote \" and ' and ) and ( and ]",
]

SHOWN = 12  # strings[:12]: name, role, quote, body, heading, caption, credit, title, deck...


def markup_sources() -> list[Path]:
    """The templates and the render-stage modules that write HTML into pages."""
    return [
        *TEMPLATES.glob("*.j2"),
        *(
            ROOT / "generator" / "site" / n
            for n in ("filters.py", "marking.py", "graph.py", "index.py", "contexts.py")
        ),
    ]


def template_markup() -> tuple[set[str], set[str]]:
    """The HTML tags and attribute names the templates and the render filters write themselves."""
    text = "\n".join(t.read_text(encoding="utf-8") for t in markup_sources())
    tags = set(re.findall(r"<([a-z][a-z0-9]*)\b", text))
    attrs = set(re.findall(r"\s([a-z][a-z-]*)=\"", text))
    # Attribute names in attr_list blocks, as in "## Sources {: data-search-exclude }".
    plain = re.sub(r"\{\{.*?\}\}|\{%.*?%\}", " ", text)  # Jinja expressions are values
    for block in re.findall(r"\{:([^}]*)\}", plain):
        attrs |= set(re.findall(r"(?:^|\s)([a-z][a-z-]*)(?=[\s=]|$)", block))
    assert "script" not in tags and not any(a.startswith("on") for a in attrs)
    return tags, attrs


# What Markdown makes of the templates' own syntax, and what the templates write as HTML.
MARKDOWN_TAGS = {"p", "a", "h1", "h2", "h3", "h4", "em", "strong", "blockquote", "ul", "ol", "li"}
MARKDOWN_TAGS |= {"table", "thead", "tbody", "tr", "th", "td", "hr", "br", "span", "sup", "div"}
ALLOWED_TAGS = MARKDOWN_TAGS | template_markup()[0]
ALLOWED_ATTRS = {"href", "title", "rel", "id", "class"} | template_markup()[1]


def mkdocs_markdown() -> markdown.Markdown:
    """Python-Markdown with the extensions (and their settings) of mkdocs.yml."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = ["toc", "tables", "fenced_code"]  # MkDocs always adds these
    configs: dict[str, Any] = {}
    for item in config.get("markdown_extensions", []):
        if isinstance(item, dict):
            (name, options), *_ = item.items()
            configs[name] = options or {}
        else:
            name = item
        if name not in names:
            names.append(name)
    return markdown.Markdown(extensions=names, extension_configs=configs)


def template_classes() -> set[str]:
    """Every class the templates give, with attr_list (`{: .name }`) or `class="..."`."""
    found: set[str] = set()
    for source in markup_sources():
        text = source.read_text(encoding="utf-8")
        for tail in re.findall(r"\{:(.*)", text):
            found.update(re.findall(r"(?<=\s)\.([A-Za-z][\w-]*)", tail))
        for value in re.findall(r'class="([^"{}]*)"', text):
            found.update(value.split())
    return found


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.comments: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)

    def handle_comment(self, data: str) -> None:
        self.comments.append(data)


def page_html(page: Page, converter: markdown.Markdown) -> str:
    body, _meta = get_data(page.text)
    return converter.reset().convert(body)


def visible(text: str) -> str:
    """What a page shows of `text`: one line, control characters dropped, bidirectional controls
    and zero-width characters as markers (⟨U+202E⟩)."""
    return " ".join(shown(CONTROL_CHARACTERS.sub("", text)).split())


def assert_only_our_markup(page: Page, html_text: str, urls: set[str], classes: set[str]) -> None:
    parsed = Elements()
    parsed.feed(html_text)
    parsed.close()
    assert not parsed.comments, f"{page.path}: an HTML comment got through"
    for tag, attrs in parsed.tags:
        assert tag in ALLOWED_TAGS, f"{page.path}: <{tag}> from the input reached the HTML"
        style = attrs.pop("style", None)  # only the tables extension's column alignment
        assert style is None or re.fullmatch(r"text-align: (left|right|center);", style), attrs
        assert set(attrs) <= ALLOWED_ATTRS, f"{page.path}: <{tag} {attrs}>"
        for value in (attrs.get("id"), *str(attrs.get("class") or "").split()):
            assert value is None or re.fullmatch(r"[\w-]+", value), f"{page.path}: {attrs}"
        assert set(str(attrs.get("class") or "").split()) <= classes, f"{page.path}: {attrs}"
        href = attrs.get("href")
        if href is not None:
            relative = not re.match(r"^([a-z][a-z0-9+.-]*:|//)", href, re.I)
            assert relative or href in urls, f"{page.path}: link to {href!r}"


def hostile_dossier(strings: list[str], url: str = "https://example.org/a?x=1&y=(2)") -> Dossier:
    """A Dossier whose every field that comes from an article is one of `strings`."""

    def pick(i: int) -> str:
        return strings[i % len(strings)] or "x"

    name, role, quote_text = pick(0), pick(1), pick(2)
    lead = f"{pick(3)} "
    blocks = (
        Block("p1", PARAGRAPH, f"{lead}{name} said {quote_text} in Iran.", line=5),
        Block("p2", HEADING, pick(4), line=7),
        Block("p3", CAPTION, pick(5), credit=pick(6), line=9),
        Block("p4", PARAGRAPH, pick(7), line=11),
    )
    article = Article(
        id="2024-01-01-hostile",
        path="content/articles/2024-01-01-hostile.md",
        title=pick(8),
        blocks=blocks,
        deck=pick(9),
        author=pick(10),
        publisher=pick(11),
        url=url,
        published="2024-01-01",
    )
    p1 = blocks[0].text
    name_span = Span(article.id, "p1", len(lead), len(lead) + len(name), name)
    start = p1.index(" said ", len(lead) + len(name)) + len(" said ")
    quote_span = Span(article.id, "p1", start, start + len(quote_text), quote_text)
    iran = p1.rindex("Iran")
    iran_span = Span(article.id, "p1", iran, iran + 4, "Iran")
    person = Person(
        id=slug(name),
        name=name,
        aliases=(pick(12),),
        kind="subject",
        mentions=(name_span,),
        roles=(Claim(role, name_span),),
        countries=(Claim("IR", iran_span),),
    )
    credit = Person(
        id="credit-" + slug(pick(10)), name=pick(10), aliases=(), kind="credit", mentions=()
    )
    country = Country("iran", "IR", "Iran", (CountryRef("IR", iran_span),))
    quotes = (
        DossierQuote(
            "q1",
            Quote(quote_span, person.id, pick(13), cue=pick(14), source=pick(15), date=pick(16)),
        ),
        DossierQuote("q2", Quote(quote_span, None, pick(17), cue=pick(18), partial=True)),
    )
    return Dossier((article,), (person, credit), (country,), quotes)


def check_pages(dossier: Dossier, strings: list[str]) -> None:
    converter = mkdocs_markdown()
    classes = template_classes()
    urls = {a.url for a in dossier.articles}
    pages = render(dossier, TEMPLATES)
    texts = []
    for page in pages:
        if not page.path.endswith(".md"):
            # Data for our scripts (the graph): valid JSON, drawn as text on a canvas.
            json.loads(page.text)
            continue
        html_text = page_html(page, converter)
        assert_only_our_markup(page, html_text, urls, classes)
        parsed = Elements()
        # The speaker's name that follows a marked quote is ours, not the article's text.
        parsed.feed(re.sub(r'<sup class="said-by">.*?</sup>', "", html_text))
        texts.append(visible("".join(parsed.text)))
        titles = [a.get("title") for _, a in parsed.tags if a.get("title")]
        texts.extend(visible(str(t)) for t in titles)
    everything = "\n".join(texts)
    for s in strings[:SHOWN]:
        shown = visible(s)
        assert shown in everything, f"{shown!r} is not shown as written on any page"


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payload_in_every_field_shows_as_text(payload: str) -> None:
    strings = [f"{payload} {i}" for i in range(19)]
    check_pages(hostile_dossier(strings), strings)


def test_pages_say_the_payload_literally() -> None:
    strings = ["{{ 7 * 7 }}", "<script>alert(1)</script>", "---"]
    pages = {p.path: p.text for p in render(hostile_dossier(strings), TEMPLATES)}
    converted = page_html(Page("a", pages["articles/2024-01-01-hostile.md"]), mkdocs_markdown())
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in converted
    assert "{{ 7 * 7 }}" in converted and "49" not in converted
    assert "<hr" not in converted


def test_the_checker_can_fail() -> None:
    """The markup check is not vacuous: unescaped text would be caught."""
    converter = mkdocs_markdown()
    bad = Page("x.md", "<script>alert(1)</script>\n\n[x](javascript:alert(1))\n")
    with pytest.raises(AssertionError):
        assert_only_our_markup(bad, page_html(bad, converter), set(), set())
    bad = Page("x.md", "[x](javascript:alert(1))\n")
    with pytest.raises(AssertionError):
        assert_only_our_markup(bad, page_html(bad, converter), set(), set())
    bad = Page("x.md", "text\n{: .evil onclick='x' }\n")
    with pytest.raises(AssertionError):
        assert_only_our_markup(bad, page_html(bad, converter), set(), set())


def test_escaping_helpers() -> None:
    assert md("<b>*x*</b>") == "&lt;b&gt;\\*x\\*&lt;/b&gt;"
    assert md("a\n\n---\n# b") == "a \\-\\-\\- \\# b"
    assert md("\x02x\x03") == "x"
    assert md(" spaces  around\n") == " spaces around "  # fragments around links keep them
    assert attr('a "b" (c)') == "a &quot;b&quot; &#40;c&#41;"
    assert link("[x]", "../people/a b.md#p1") == "[\\[x\\]](../people/a%20b.md#p1)"


MARKUP = st.text(alphabet=st.sampled_from(list("<>&\"'`*_{}[]()#+-.!|\\:;=~^%/ \n\tab1")))
ANY_TEXT = st.one_of(
    st.text(min_size=1, max_size=30), MARKUP.filter(str.strip), st.sampled_from(PAYLOADS)
)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(ANY_TEXT, min_size=19, max_size=19))
def test_arbitrary_text_renders_as_text(strings: list[str]) -> None:
    strings = [s if visible(s) else f"x{s}x" for s in strings]
    check_pages(hostile_dossier(strings), strings)


URL_PATH = st.text(alphabet=st.sampled_from(list("abc/()_*&=?#%;!$,~-.")), max_size=20)


@settings(max_examples=50, deadline=None)
@given(URL_PATH)
def test_article_urls_stay_one_attribute(path: str) -> None:
    url = f"https://example.org/{path}"
    check_pages(hostile_dossier(["t"] * 19, url=url), [])


HOSTILE_NAMES = [
    "../../etc/passwd",
    "/root/.ssh/id_rsa",
    "a\\b\\..\\c",
    "..",
    "CON",
    "Anna " + "Berg" * 100,
    "Anna " + "Berg" * 99 + "Bergx",
    "José Martí",
    "Владимир Путин",
    "Дмитрий Медведев",
    "{{ name }}",
    "<script>x</script>",
]


def test_hostile_names_become_safe_distinct_pages(tmp_path: Path) -> None:
    from generator.resolve.dossier import resolve
    from generator.store.writer import write_docs

    text = " and ".join(HOSTILE_NAMES) + "."
    article = Article("a", "a.md", "Names", (Block("p1", PARAGRAPH, text),))
    refs = []
    for i, name in enumerate(HOSTILE_NAMES):
        start = text.index(name)
        span = Span("a", "p1", start, start + len(name), name)
        refs.append(PersonRef(f"k{i}", name, (name,), (span,)))
    dossier = resolve([ArticleAnalysis(article, tuple(refs), (), ())])
    assert dossier == resolve([ArticleAnalysis(article, tuple(refs), (), ())])
    ids = [p.id for p in dossier.people]
    assert len(set(ids)) == len(HOSTILE_NAMES)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", i) and len(i) <= 83 for i in ids)
    docs = tmp_path / "out" / "docs"
    write_docs(render(dossier, TEMPLATES), None, docs)
    written = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert all(p.is_relative_to(docs) for p in written)
    assert len([p for p in written if p.parent.name == "people"]) == len(HOSTILE_NAMES) + 1


@settings(max_examples=50, deadline=None)
@given(ANY_TEXT)
def test_front_matter_keeps_any_title_one_escaped_string(title: str) -> None:
    from generator.site.markdown import front_matter

    text = front_matter(title=title, hide=["navigation"]) + "\n# Body\n"
    body, meta = get_data(text)
    assert body.strip() == "# Body"
    assert meta.get("hide") == ["navigation"]
    expected = html.escape(visible(title), quote=True)
    assert meta.get("title", "") == expected and "<" not in expected


HOSTILE_PASTE = st.lists(
    st.one_of(
        st.sampled_from(PAYLOADS),
        st.sampled_from(["Anna Berg said", "in Iran.", "“We will <b>not</b> stop,”", "Reyes"]),
        st.text(max_size=20),
    ),
    min_size=3,
    max_size=12,
).map(
    lambda parts: (
        "Title <i>x</i>\n\n"
        + "\n\n".join(" ".join(parts[i : i + 3]) for i in range(0, len(parts), 3))
    )
)


@settings(max_examples=30, deadline=None)
@given(HOSTILE_PASTE)
def test_extracted_and_rendered_paste_shows_only_our_markup(nlp: Any, paste: str) -> None:
    """The whole way: paste -> ingest -> analyse (spaCy) -> resolve -> render -> HTML."""
    from generator.ingest.paste import plain_text_article
    from generator.nlp.analyse import analysis_of
    from generator.nlp.layout import article_layout
    from generator.resolve.dossier import resolve

    article = plain_text_article(paste, "p.txt", "2024-01-01-paste")
    if not article.blocks:
        return
    layout = article_layout(article)
    dossier = resolve([analysis_of(nlp(layout.text), layout)])
    check_pages(dossier, [article.title, *(b.text for b in article.blocks)])


# -- whole builds of hostile content: refused by `check` and `build` alike, never a traceback --


def refused(root: Path, capsys: pytest.CaptureFixture[str], *where: str) -> str:
    """The messages of `check` and `build` on `root`: both exit 2 and name every `where`."""
    site = root / "site"
    outputs = []
    for command in (["check"], ["build", "--no-cache"]):
        code = main(["--root", str(root), *command])
        out, err = capsys.readouterr()
        assert code == 2, (command, out, err)
        assert "Traceback" not in err
        for place in where:
            assert place in err, (command, err)
        outputs.append(err)
    assert not site.exists()
    return "\n".join(outputs)


def test_an_article_too_long_to_analyse_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    body = "\n\n".join(["Anna Berg met Tomas Reyes in Oslo. " * 28] * 1100)  # 1.08M chars
    (project / "content" / "articles" / "2024-01-01-long.md").write_text(
        f"---\ntitle: Long\n---\n\n{body}\n", encoding="utf-8"
    )
    refused(project, capsys, "2024-01-01-long.md:5", "1,000,000-character limit")


def test_extract_refuses_a_paste_too_long_to_analyse(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    paste = tmp_path / "long.txt"
    paste.write_text("Title\n\n" + "A short line.\n" * 80_000, encoding="utf-8")  # 1.04M chars
    assert main(["--root", str(tmp_path), "extract", "--json", str(paste)]) == 2
    assert "long.txt" in capsys.readouterr().err


@pytest.mark.parametrize("date", ["2204-03-01", "1969-07-20"])
def test_a_date_the_site_cannot_carry_is_refused(
    project: Path, date: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The newest date dates the site's files (MkDocs' gzip: 1970 to 2106): a typo crashed it."""
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    articles = project / "content" / "articles"
    for old in articles.glob("*.md"):
        old.unlink()
    (articles / f"{date}-landing.md").write_text(
        f"---\ntitle: Landing\npublished: {date}\n---\n\nAnna Berg met Tomas Reyes in Oslo.\n",
        encoding="utf-8",
    )
    refused(project, capsys, f"{date}-landing.md:3", f"published {date} is not between")


def test_a_lone_surrogate_in_a_title_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "articles" / "2024-01-01-lone.md").write_text(
        '---\ntitle: "\\uD800 lone"\n---\n\nAnna Berg met Tomas Reyes in Oslo.\n', encoding="utf-8"
    )
    refused(project, capsys, "2024-01-01-lone.md:2", "surrogate")


@pytest.mark.parametrize("where", ["front matter", "curation"])
def test_yaml_nested_too_deep_is_refused(
    project: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    nested = "[" * 20_000
    if where == "curation":
        (project / "content" / "curation.yml").write_text(f"drop: {nested}\n", encoding="utf-8")
        refused(project, capsys, "curation.yml:1")
    else:
        (project / "content" / "articles" / "2024-01-01-deep.md").write_text(
            f"---\ntitle: Deep\ndeck: {nested}\n---\n\nAnna Berg met Tomas Reyes.\n",
            encoding="utf-8",
        )
        refused(project, capsys, "2024-01-01-deep.md:3")


def test_an_article_linked_from_outside_is_not_published(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    secret = project.parent / f"{project.name}-secret.md"
    secret.write_text("---\ntitle: Secret\n---\n\nThe secret plan of Anna Berg.\n", "utf-8")
    (project / "content" / "articles" / "2024-01-01-secret.md").symlink_to(secret)
    refused(project, capsys, "2024-01-01-secret.md", "symbolic link")


# -- the curation file: rules that once crashed or corrupted a build (red-team items 1-5) -------


def uncommented(text: str, key: str) -> str:
    """The shipped curation file with the example rule under `key:` made active."""
    lines, out, inside = text.splitlines(keepends=True), [], False
    for line in lines:
        if line.startswith(f"{key}: []"):
            out.append(f"{key}:\n")
            inside = True
        elif inside and line.startswith("#  "):
            out.append(line[1:])
        else:
            inside = False
            out.append(line)
    return "".join(out)


def test_the_shipped_set_example_builds(project: Path) -> None:
    curation = project / "content" / "curation.yml"
    text = uncommented(curation.read_text(encoding="utf-8"), "set")
    assert "\n  - id: sergei-shoigu\n    countries: [RU]\n    roles: [" in text
    curation.write_text(text, encoding="utf-8")
    assert main(["--root", str(project), "check"]) == 0
    assert main(["--root", str(project), "build", "--strict"]) == 0
    page = (project / "site" / "people" / "sergei-shoigu" / "index.html").read_text("utf-8")
    assert "Secretary of the Russian Security Council" in page
    assert "set by curation" in page and "curation.yml, line" in page


@pytest.mark.parametrize("rule", ["countries: [RU]", "roles: [Secretary]"])
def test_a_set_rule_of_one_kind_builds(project: Path, rule: str) -> None:
    curation = project / "content" / "curation.yml"
    curation.write_text(f"set:\n  - id: sergei-shoigu\n    {rule}\n", encoding="utf-8")
    assert main(["--root", str(project), "build", "--strict", "--no-site"]) == 0


def talks() -> list[ArticleAnalysis]:
    """Anna Berg and Tomas Reyes named in one article, Tomas Reyes again in another."""
    found = []
    for article_id, names in (("a1", ("Anna Berg", "Tomas Reyes")), ("a2", ("Tomas Reyes",))):
        text = " and ".join(names) + " met in Oslo."
        article = Article(article_id, f"{article_id}.md", "Talks", (Block("p1", PARAGRAPH, text),))
        refs = []
        for name in names:
            start = text.index(name)
            span = Span(article_id, "p1", start, start + len(name), name)
            refs.append(PersonRef(name, name, (name,), (span,)))
        found.append(ArticleAnalysis(article, tuple(refs), (), ()))
    return found


def tags_shown(tags: list[str]) -> list[str]:
    """What Material's search shows of a page's tags (it writes them with innerHTML): their
    text, once no element or comment is made of them."""
    shown = []
    for tag in tags:
        parsed = Elements()
        parsed.feed(tag)
        parsed.close()
        assert not parsed.tags and not parsed.comments, f"tag {tag!r} is markup"
        shown.append("".join(parsed.text))
    return shown


NAMES = st.one_of(MARKUP, st.sampled_from(PAYLOADS), st.text(max_size=30)).filter(
    lambda name: visible(plain_name(name))  # a name of nothing seen is refused (test_curation)
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(NAMES, NAMES)
def test_names_given_by_curation_reach_no_page_and_no_tag_as_markup(
    renamed: str, split: str
) -> None:
    from generator.ingest.curation import parse_curation
    from generator.resolve.dossier import resolve

    rules = {
        "rename": [{"id": "anna-berg", "name": renamed, "new_id": "anna"}],
        "split": [{"id": "tomas-reyes", "new_id": "tomas", "name": split, "articles": ["a2"]}],
    }
    dossier = resolve(talks(), parse_curation(yaml.safe_dump(rules)))
    check_pages(dossier, [])  # only our markup on every page
    pages = {p.path: p.text for p in render(dossier, TEMPLATES)}
    for ident, name in (("anna", renamed), ("tomas", split)):
        _, meta = get_data(pages[f"people/{ident}.md"])
        assert visible(plain_name(name)) in tags_shown(meta["tags"])


def test_a_rename_to_index_keeps_the_people_index(project: Path) -> None:
    (project / "content" / "curation.yml").write_text(
        "rename:\n  - id: sergei-shoigu\n    name: Index\n", encoding="utf-8"
    )
    assert main(["--root", str(project), "build", "--strict"]) == 0
    people = project / "site" / "people"
    assert "Everyone named in the articles" in (people / "index.html").read_text("utf-8")
    (renamed,) = [p.parent.name for p in people.glob("index-*/index.html")]
    redirect = (people / "sergei-shoigu" / "index.html").read_text(encoding="utf-8")
    assert f"../{renamed}/" in redirect


def test_a_rename_onto_another_person_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Putin renamed "Masoud Pezeshkian" once replaced Pezeshkian: 14 people became 13. `build`
    refuses it; `check` finds it against the people of the last published build."""
    assert main(["--root", str(project), "build", "--strict"]) == 0
    site = {p: p.read_bytes() for p in (project / "site").rglob("*.html")}
    (project / "content" / "curation.yml").write_text(
        "rename:\n  - id: vladimir-putin\n    name: Masoud Pezeshkian\n", encoding="utf-8"
    )
    capsys.readouterr()
    for command in (["check"], ["build", "--strict"]):
        assert main(["--root", str(project), *command]) == 2, command
        err = capsys.readouterr().err
        assert "curation.yml:2: " in err and "'masoud-pezeshkian'" in err, err
        assert "use merge: to join two people" in err and "Traceback" not in err
    assert {p: p.read_bytes() for p in (project / "site").rglob("*.html")} == site


def test_a_name_spoofed_with_characters_not_seen_is_one_person(project: Path) -> None:
    """A zero-width joiner made a second "Anna Berg" that looked the same, and a right-to-left
    override reversed text on the page (red-team item 16)."""
    (project / "content" / "articles" / "2024-01-01-spoof.md").write_text(
        "---\ntitle: Talks in Oslo\n---\n\n"
        "Anna Berg said the talks would go on. Later, An\u200dna Berg met Tomas Reyes in Oslo.\n\n"
        'Anna Berg\u200d said "we are done" on Monday. \u202eTomas Reyes\u202c left for Madrid.\n',
        encoding="utf-8",
    )
    assert main(["--root", str(project), "build", "--strict"]) == 0
    site = project / "site"
    assert [p.parent.name for p in site.glob("people/anna-berg*/index.html")] == ["anna-berg"]
    for page in (*site.glob("people/*/index.html"), *site.glob("articles/*/index.html")):
        text = page.read_text(encoding="utf-8")
        assert not set("\u200d\u202e\u202c") & set(text), page
    article = (site / "articles" / "2024-01-01-spoof" / "index.html").read_text("utf-8")
    assert "An⟨U+200D⟩na" in article and "⟨U+202E⟩" in article


def test_plain_mkdocs_keeps_a_title_text(project: Path) -> None:
    """`make serve` runs MkDocs itself on the docs folder a build wrote: the title of an article
    stays text in <title> there too (red-team item 3)."""
    import subprocess
    import sys

    (project / "content" / "articles" / "2024-01-01-title.md").write_text(
        "---\ntitle: \"</title><script>alert('pwned')</script> Talks\"\n---\n\n"
        "Anna Berg met Tomas Reyes in Oslo.\n",
        encoding="utf-8",
    )
    assert main(["--root", str(project), "build", "--no-site"]) == 0
    subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", "plain"],
        cwd=project,
        check=True,
    )
    page = (project / "plain" / "articles" / "2024-01-01-title" / "index.html").read_text("utf-8")
    title = re.search(r"<title>(.*?)</title>", page, re.S)
    assert title is not None and "&lt;script&gt;alert" in title.group(1)
    assert "<script>alert" not in page


# -- settings that would replace or write into what is not ours (red-team item 18) -------------


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


@pytest.mark.parametrize(("key", "value"), [("SITE_DIR", "outside"), ("DOCS_DIR", "outside")])
def test_a_build_never_replaces_a_folder_that_is_not_its_own(
    project: Path,
    key: str,
    value: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    outside = project.parent / f"{project.name}-{value}"
    (outside / "notes").mkdir(parents=True)
    (outside / "notes" / "mine.txt").write_text("my own file", encoding="utf-8")
    (outside / "index.html").write_text("my own site", encoding="utf-8")
    before = files_of(outside)
    monkeypatch.setenv(f"DOSSIER_{key}", str(outside))
    for command in (["build"], ["check"]):
        assert main(["--root", str(project), *command]) == 1
        err = capsys.readouterr().err
        assert f"setting {key.lower()!r}" in err and str(outside) in err
    assert files_of(outside) == before


@pytest.mark.parametrize("value", ["content", "content/cache", "templates", ".", "site"])
def test_the_cache_is_never_written_into_the_input_or_the_output(
    project: Path, value: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    before = files_of(project)
    monkeypatch.setenv("DOSSIER_CACHE_DIR", value)
    assert main(["--root", str(project), "build", "--no-site"]) == 1
    assert "setting 'cache_dir' must not" in capsys.readouterr().err
    assert files_of(project) == before


def test_a_previous_site_and_an_empty_folder_may_be_replaced(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert main(["--root", str(project), "build", "--no-cache"]) == 0
    empty = project.parent / f"{project.name}-empty"
    empty.mkdir()
    monkeypatch.setenv("DOSSIER_SITE_DIR", str(empty))
    assert main(["--root", str(project), "build"]) == 0  # an empty folder
    assert main(["--root", str(project), "build"]) == 0  # the site it built there
    assert (empty / "feed.xml").is_file()


FOLDERS = st.sampled_from(
    [
        *("content", "content/pages", "templates", ".", "..", "/", "x/y"),
        *("site", "build/docs", "build", ".cache/dossier", "content/../site", "templates/../out"),
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.fixed_dictionaries({k: FOLDERS for k in ("docs_dir", "site_dir", "cache_dir")}))
def test_output_folders_never_overlap_the_input_or_each_other(outputs: dict[str, str]) -> None:
    from generator.errors import ConfigError
    from generator.settings import load_settings

    root = Path(tempfile.mkdtemp(prefix="dossier-settings-"))
    try:
        (root / "dossier.yml").write_text(yaml.safe_dump(outputs), encoding="utf-8")
        try:
            chosen = load_settings(root)
        except ConfigError:
            return
        paths = [chosen.path(name).resolve() for name in outputs]
        inputs = [
            root.resolve(),
            *(chosen.path(n).resolve() for n in ("content_dir", "templates_dir")),
        ]
        for i, out in enumerate(paths):
            assert not root.resolve().is_relative_to(out)
            for other in inputs[1:] + paths[:i]:
                assert not (out.is_relative_to(other) or other.is_relative_to(out))
    finally:
        shutil.rmtree(root)


def test_an_article_named_index_is_refused(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "content" / "articles" / "index.md").write_text(
        "---\ntitle: Not the index\n---\n\nAnna Berg met Tomas Reyes in Oslo.\n", encoding="utf-8"
    )
    refused(project, capsys, "index.md", "the address of the Articles index")


# -- a full disk (red-team item 14) ---------------------------------------------------------------


def disk_full(*args: object, **kwargs: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))  # as write(2) reports it: no path


@pytest.mark.parametrize("command", ["build", "add"])
def test_a_full_disk_is_one_clear_line_and_exit_code_1(
    project: Path,
    command: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["--root", str(project), "build"]) == 0
    capsys.readouterr()
    site = files_of(project / "site")
    articles = sorted((project / "content" / "articles").iterdir())
    paste = project / "paste.txt"
    paste.write_text("Talks\n\nAnna Berg met Tomas Reyes in Oslo.\n", encoding="utf-8")
    monkeypatch.setattr(Path, "write_text", disk_full)
    monkeypatch.setattr("generator.commands.write_atomically", disk_full)  # add's one write
    arguments = ["build", "--no-cache"] if command == "build" else ["add", str(paste)]
    assert main(["--root", str(project), *arguments]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("error: No space left on device")
    assert str(project) in err and "free some space" in err
    assert files_of(project / "site") == site
    assert sorted((project / "content" / "articles").iterdir()) == articles
