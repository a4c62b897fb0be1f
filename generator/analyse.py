"""Analyse stage: Article -> ArticleAnalysis. The only module that loads spaCy."""

from __future__ import annotations

import functools
import multiprocessing
import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from generator.errors import ConfigError
from generator.layout import Layout, article_layout
from generator.model import Article, ArticleAnalysis, Claim, CountryRef, PersonRef, Span
from generator.people import person_refs
from generator.places import gazetteer
from generator.quotes import article_quotes
from generator.text import slug

COUNTRY_LABELS = {"GPE", "NORP", "LOC"}
AGENCIES = re.compile(
    r"\b(AFP|AP|Reuters|Getty|EPA|Images|Photo|Pool|Press|Office|Sputnik|Xinhua|TASS|NTD|"
    r"Screenshot|Handout|Courtesy|News|Agency|Kremlin|Shutterstock|Anadolu|Staff|File)\b"
)


@functools.cache
def load_model(name: str) -> Language:
    import spacy

    try:
        return spacy.load(name)
    except OSError as exc:
        raise ConfigError(
            f"spaCy model {name!r} is not installed (setting 'model'); "
            "install its package or set DOSSIER_MODEL to an installed pipeline"
        ) from exc


def analyse_articles(articles: Iterable[Article], model: str, processes: int = 1) -> Iterator[ArticleAnalysis]:
    """Analyses in the order of `articles`, the model loaded once."""
    nlp = load_model(model)
    layouts = [article_layout(a) for a in articles]
    if processes > 1:
        yield from _analysed_in_workers(nlp, layouts, processes)
        return
    docs = nlp.pipe((lay.text for lay in layouts), n_process=1, batch_size=16)
    for layout, doc in zip(layouts, docs, strict=True):
        yield analysis_of(doc, layout)


def analysis_of(doc: Doc, layout: Layout) -> ArticleAnalysis:
    people = person_refs(doc, layout) + credit_refs(layout)
    return ArticleAnalysis(
        article=layout.article,
        people=people,
        countries=country_refs(doc, layout, people),
        quotes=article_quotes(doc, layout, people),
    )


def country_refs(doc: Doc, layout: Layout, people: tuple[PersonRef, ...]) -> tuple[CountryRef, ...]:
    g = gazetteer()
    person_ranges = _person_ranges(layout, people)
    out = []
    for ent in doc.ents:
        if ent.label_ not in COUNTRY_LABELS:
            continue
        text = re.sub(r"^(the)\s+", "", ent.text, flags=re.I)
        text = re.sub(r"[’']s$", "", text)
        if any(s <= ent.start_char < e for s, e in person_ranges):
            continue
        code = g.code_of(text)
        if code is None and ent.label_ == "LOC":
            continue
        if code is None:
            code = _country_within(text)
        if code:
            start = ent.start_char + ent.text.find(text)
            out.append(CountryRef(code, layout.span(start, start + len(text))))
    return tuple(out)


def _country_within(text: str) -> str | None:
    """ "eastern Ukraine" -> UA: the last word or words that name a country."""
    g = gazetteer()
    words = text.split()
    for size in range(len(words) - 1, 0, -1):
        code = g.code_of(" ".join(words[-size:]))
        if code and g.kind_of(" ".join(words[-size:])) == "name":
            return code
    return None


def _person_ranges(layout: Layout, people: tuple[PersonRef, ...]) -> list[tuple[int, int]]:
    index = {b.id: i for i, b in enumerate(layout.article.blocks)}
    return [
        (layout.starts[index[s.block]] + s.start, layout.starts[index[s.block]] + s.end)
        for p in people for s in p.mentions
    ]


def credit_refs(layout: Layout) -> tuple[PersonRef, ...]:
    """Bylines and photographers: people named by the article's credits, not its subjects."""
    article = layout.article
    found: dict[str, tuple[str, list[Span]]] = {}
    if article.author:
        for name in split_names(article.author):
            found.setdefault(name, ("author", []))
    for index, block in enumerate(article.blocks):
        for name in photographers(block.credit):
            role, spans = found.setdefault(name, ("photographer", []))
            end = layout.starts[index] + len(block.text)
            spans.append(Span(article.id, block.id, len(block.text), len(block.text), name))
            del end
    return tuple(
        PersonRef(key=f"credit-{slug(name)}", name=name, aliases=(name,), mentions=tuple(spans),
                  kind="credit", credit_role=role)
        for name, (role, spans) in found.items()
    )


def split_names(text: str) -> list[str]:
    parts = re.split(r"\s*(?:,|\band\b|&)\s*", text.removeprefix("By ").strip())
    return [p for p in parts if p]


def photographers(credit: str) -> list[str]:
    """People in a photo credit: "Atta Kenare/AFP via Getty Images" -> ["Atta Kenare"]."""
    out = []
    for part in re.split(r"\s*[/;]\s*|\s+via\s+|\s+for\s+", credit):
        part = part.strip()
        words = part.split()
        if 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words) and not AGENCIES.search(part) \
                and not any(ch.isdigit() for ch in part):
            out.append(part)
    return out


def claims_text(claims: Iterable[Claim]) -> list[str]:
    return [c.value for c in claims]


# -- analysis in worker processes ------------------------------------------------------------
# Each worker (forked, so it shares the loaded model) parses a batch and analyses it itself, and
# sends back the small ArticleAnalysis objects: nlp.pipe(n_process=N) would instead send every
# Doc back to this process, which then does all the analysis alone (measured: 0.63x the raw
# nlp.pipe throughput with 2 processes, against ~1x this way; see bench/build.py).
BATCH = 16
_worker_nlp: Language | None = None


def _analysed_in_workers(
    nlp: Language, layouts: list[Layout], processes: int
) -> Iterator[ArticleAnalysis]:
    global _worker_nlp
    _worker_nlp = nlp
    size = max(1, min(BATCH, -(-len(layouts) // (4 * processes))))  # >= 4 batches per worker
    batches = [layouts[i : i + size] for i in range(0, len(layouts), size)]
    context = multiprocessing.get_context("fork")
    with context.Pool(processes) as pool:
        for analyses in pool.imap(_analysed_batch, batches):
            yield from analyses


def _analysed_batch(layouts: list[Layout]) -> list[ArticleAnalysis]:
    assert _worker_nlp is not None
    docs = _worker_nlp.pipe((lay.text for lay in layouts), batch_size=BATCH)
    return [analysis_of(doc, layout) for layout, doc in zip(layouts, docs, strict=True)]
