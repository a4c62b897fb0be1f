"""Analyse stage: Article -> ArticleAnalysis. The only module that loads spaCy."""

from __future__ import annotations

import functools
import multiprocessing
import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from generator import lexicon
from generator.errors import ConfigError
from generator.gazetteer import gazetteer
from generator.memory import trim_heap
from generator.model import Article, ArticleAnalysis, PersonRef, Span
from generator.nlp.contextcountries import (
    organisation_countries_in_text,
    with_countries_of_relations,
    with_organisation_countries,
)
from generator.nlp.countries import country_refs
from generator.nlp.entities import with_known_text
from generator.nlp.headline import (
    judged_by_the_body,
    seeded_by_the_body,
    without_title_claims,
    without_title_guesses,
)
from generator.nlp.layout import Layout, article_layout
from generator.nlp.names import load_name_lists
from generator.nlp.notpeople import people_only
from generator.nlp.organisations import organisation_refs
from generator.nlp.orgspeakers import with_speaker_orgs
from generator.nlp.people import person_refs
from generator.nlp.quotes import article_quotes
from generator.nlp.reference import with_title_mentions
from generator.nlp.ties import with_ties
from generator.text import slug

AGENCIES = re.compile(rf"\b{lexicon.alternation(lexicon.word_list('credits', 'agencies'))}\b")


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


def analyse_articles(
    articles: Iterable[Article], model: str, processes: int = 1
) -> Iterator[ArticleAnalysis]:
    """Analyses in the order of `articles`, the model loaded once."""
    nlp = load_model(model)
    layouts = [article_layout(a) for a in articles]
    if processes > 1:
        yield from _analysed_in_workers(nlp, layouts, processes)
        return
    docs = parsed(nlp, (lay.text for lay in layouts), batch_size=BATCH)
    for layout, doc in zip(layouts, docs, strict=True):
        yield analysis_of(doc, layout)


# Articles parsed together. A batch's Docs are what a process (a worker, below) holds above its
# resting size: the process tree's peak while 2 workers analysed 1,200 corpus articles was
# 619 MB in batches of 8 and 475 MB in batches of 4 (400 articles: 750 MB in batches of 16);
# the analyses are equal. It costs throughput: at the full corpus, 0.92x raw nlp.pipe (which
# parses 16 at a time) in batches of 4, against 0.99x in batches of 16 (bench/build.py).
BATCH = 4

# spaCy's parser and entity recogniser hold about 1 GB per 100,000 characters of one text while
# they read it (measured here: 0.5 GB for 100,000 characters of prose, 1.1 GB when every word is
# a quote mark and a letter; 3.4 GB for a paragraph of 1,000,000). A text longer than this is
# parsed in pieces, which keeps the memory bounded; a piece's first and last sentences may parse
# differently than they would in the whole text. No news article comes near (the longest of the
# corpora has 25,000 characters), so every real article is parsed whole, as before.
LONG_TEXT = 100_000
PIECE = 20_000  # characters


def parsed(nlp: Language, texts: Iterable[str], batch_size: int = BATCH) -> Iterator[Doc]:
    """The Docs of `texts`, in order, parsed `batch_size` at a time; a text over LONG_TEXT
    characters parsed in pieces."""
    texts = list(texts)
    whole = nlp.pipe((t for t in texts if len(t) <= LONG_TEXT), batch_size=batch_size)
    for text in texts:
        yield next(whole) if len(text) <= LONG_TEXT else parsed_in_pieces(nlp, text)


def parsed_in_pieces(nlp: Language, text: str) -> Doc:
    """One Doc of `text` from the Docs of its pieces, parsed one at a time."""
    docs = list(nlp.pipe(pieces(text), batch_size=1))
    # the analysis never reads the model's tensor; spaCy's stub lacks `exclude`
    return Doc.from_docs(docs, ensure_whitespace=False, exclude=["tensor"])  # type: ignore[call-arg]


def pieces(text: str, size: int = PIECE) -> list[str]:
    """`text` cut into pieces of at most `size` characters that make it up again: after a
    paragraph if one ends in the second half of the piece, else after a sentence, else after a
    space, else (one word longer than half a piece) in the word."""
    out = []
    start = 0
    while len(text) - start > size:
        end = start + size
        half = start + size // 2
        for mark in ("\n\n", ". ", " "):
            at = text.rfind(mark, half, end)
            if at >= 0:
                end = at + len(mark)
                break
        out.append(text[start:end])
        start = end
    out.append(text[start:])
    return out


def analysis_of(doc: Doc, layout: Layout) -> ArticleAnalysis:
    doc = with_known_text(doc, layout.text)
    people = seeded_by_the_body(doc, layout, lambda: person_refs(doc, layout)) + credit_refs(layout)
    organisations = seeded_by_the_body(doc, layout, lambda: organisation_refs(doc, layout, people))
    people, organisations = without_title_guesses(doc, layout, people, organisations)
    people = judged_by_the_body(people, lambda refs: people_only(doc, layout, refs, organisations))
    people = with_ties(doc, layout, people, organisations)
    countries = country_refs(doc, layout, people)  # where people are named, not their countries
    named = {c.code for c in countries}
    in_text = organisation_countries_in_text(doc, layout, organisations, named)
    people = with_organisation_countries(people, organisations, in_text)
    people = without_title_claims(with_countries_of_relations(doc, layout, people))
    quotes = with_speaker_orgs(article_quotes(doc, layout, people), organisations, layout)
    return ArticleAnalysis(
        article=layout.source,
        people=with_title_mentions(people, quotes, layout),
        countries=countries,
        quotes=quotes,
        organisations=organisations,
    )


def credit_refs(layout: Layout) -> tuple[PersonRef, ...]:
    """Bylines and photographers: people named by the article's credits, not its subjects."""
    article = layout.article
    found: dict[str, tuple[str, list[Span]]] = {}
    if article.author:
        for name in split_names(article.author):
            found.setdefault(name, ("author", []))
    for block in article.blocks:
        for name in photographers(block.credit):
            _, spans = found.setdefault(name, ("photographer", []))
            spans.append(Span(article.id, block.id, len(block.text), len(block.text), name))
    return tuple(
        PersonRef(
            key=f"credit-{slug(name)}",
            name=name,
            aliases=(name,),
            mentions=tuple(spans),
            kind="credit",
            credit_role=role,
        )
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
        if (
            2 <= len(words) <= 4
            and all(w[:1].isupper() for w in words)
            and not AGENCIES.search(part)
            and not any(ch.isdigit() for ch in part)
        ):
            out.append(part)
    return out


# -- analysis in worker processes ------------------------------------------------------------
# Each worker (forked, so it shares the loaded model) parses a batch and analyses it itself, and
# sends back the small ArticleAnalysis objects: nlp.pipe(n_process=N) would instead send every
# Doc back to this process, which then does all the analysis alone (measured: 0.63x the raw
# nlp.pipe throughput with 2 processes, against ~1x this way; see bench/build.py).
#
# Batches a worker analyses before a fresh one, forked again, takes its place. What a worker
# keeps from batch to batch (spaCy's vocabulary, Python's half-used memory pools, pages of this
# process it wrote to) only grows: after 1,200 corpus articles each held 145 to 200 MB of its
# own against 90 MB once forked. A fork costs a few milliseconds, a batch of 4 about a second.
WORKER_BATCHES = 20
_worker_nlp: Language | None = None


def _analysed_in_workers(
    nlp: Language, layouts: list[Layout], processes: int
) -> Iterator[ArticleAnalysis]:
    global _worker_nlp
    _worker_nlp = nlp
    batches: list[list[Layout]] = []
    start = 0
    for size in batch_sizes(len(layouts), processes):
        batches.append(layouts[start : start + size])
        start += size
    load_name_lists()
    gazetteer()
    context = multiprocessing.get_context("fork")
    with context.Pool(processes, maxtasksperchild=WORKER_BATCHES) as pool:
        for analyses in pool.imap(_analysed_batch, batches):
            yield from analyses


def batch_sizes(count: int, processes: int) -> list[int]:
    """The sizes of the batches of `count` articles handed to `processes` workers, in order:
    each half of what is left per worker (at most BATCH, at least 2), so that the last are small
    and no worker waits long at the end for another to finish a large one."""
    out: list[int] = []
    left = count
    while left > 0:
        size = min(left, max(2, min(BATCH, -(-left // (2 * processes)))))
        out.append(size)
        left -= size
    return out


def _analysed_batch(layouts: list[Layout]) -> list[ArticleAnalysis]:
    """The analyses of one batch, in a worker, which then hands the C heap's free pages back.

    Parsing a batch of 16 articles took about 100 MB more than the worker holds between
    batches (spaCy's arrays for every token of the batch), and the C heap kept those pages,
    fragmented, from batch to batch: with 600 corpus articles each worker grew from 170 MB to
    375 MB. Handing them back after each batch (malloc_trim) keeps a worker at what it holds."""
    assert _worker_nlp is not None
    docs = parsed(_worker_nlp, (lay.text for lay in layouts), batch_size=BATCH)
    analyses = [analysis_of(doc, layout) for layout, doc in zip(layouts, docs, strict=True)]
    trim_heap()
    return analyses
