"""Analyse stage: Article -> ArticleAnalysis. The only module that loads spaCy."""

from __future__ import annotations

import functools
import multiprocessing
import re
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from generator import lexicon
from generator.errors import ConfigError
from generator.gazetteer import gazetteer
from generator.model import Article, ArticleAnalysis, CountryRef, PersonRef, Span
from generator.nlp.layout import Layout, article_layout
from generator.nlp.people import person_refs
from generator.nlp.quotes import article_quotes
from generator.text import slug

COUNTRY_LABELS = {"GPE", "NORP", "LOC"}
# Entities inside which a country word does not name the country ("Bank of Japan").
BLOCKING_LABELS = {"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT", "MONEY"}
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
    """Countries named in the article, each with the word that led to it.

    Names and demonyms count wherever they stand (the model's place entities, and gazetteer words
    the model missed); a city counts when it stands for its government ("Moscow said",
    "Tehran's reply") or when its country is named in the article anyway.
    """
    person_ranges = _person_ranges(layout, people)
    found = [c for c in _country_candidates(doc) if not _inside(c[0], person_ranges)]
    named = {code for _, _, code, kind, _ in found if kind != "city"}
    return tuple(
        CountryRef(code, layout.span(start, end))
        for start, end, code, kind, acts in sorted(found)
        if kind != "city" or code in named or acts
    )


Candidate = tuple[int, int, str, str, bool]  # start, end, code, kind, stands for its government


def _country_candidates(doc: Doc) -> list[Candidate]:
    places = [ent for ent in doc.ents if ent.label_ in COUNTRY_LABELS]
    out = [c for c in (_entity_candidate(ent) for ent in places) if c]
    covered = [(ent.start_char, ent.end_char) for ent in places]
    blocked = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in BLOCKING_LABELS]
    for cand in _gazetteer_candidates(doc):
        if not _inside(cand[0], covered) and (cand[0], cand[1]) not in _longer_than(blocked, cand):
            out.append(cand)
    return out


def _longer_than(ranges: list[tuple[int, int]], cand: Candidate) -> set[tuple[int, int]]:
    """`(cand start, end)` when an organisation or work around it is longer ("Bank of Japan")."""
    start, end = cand[0], cand[1]
    if any(s <= start and end <= e and (e - s) > (end - start) for s, e in ranges):
        return {(start, end)}
    return set()


GEOGRAPHIC_NOUNS = lexicon.words("countries", "geographic_nouns")


def _entity_candidate(ent: SpacySpan) -> Candidate | None:
    g = gazetteer()
    text = re.sub(r"^(the)\s+", "", ent.text, flags=re.I)
    text = re.sub(r"[’']s?$", "", text)
    code = g.code_of(text)
    kind = g.kind_of(text)
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    if following is not None and (
        following.text in GEOGRAPHIC_NOUNS or g.in_idiom(text, following.text)
    ):
        return None
    if code is None and ent.label_ == "LOC":
        return None
    if code is None:
        found = _country_within(text)
        if found is None:
            return None
        code, kind = found, "name"
    start = ent.start_char + ent.text.find(text)
    acts = kind == "city" and g.is_seat(text) and _stands_for_government(ent)
    return start, start + len(text), code, kind, acts


def _gazetteer_candidates(doc: Doc) -> list[Candidate]:
    """Country names, demonyms and cities the model did not tag: "Mauritius", the "DPRK"."""
    g = gazetteer()
    words = [t.text for t in doc]
    out: list[Candidate] = []
    i = 0
    while i < len(words):
        if not words[i][:1].isupper() or not g.may_start(words[i]):
            i += 1
            continue
        for size in (4, 3, 2, 1):
            if i + size > len(words) or not words[i + size - 1][:1].isalpha():
                continue
            span = doc[i : i + size]
            text = span.text
            kind = g.kind_of(text)
            after = words[i + size] if i + size < len(words) else ""
            if (
                kind
                and g.code_of(text)
                and not g.is_ambiguous(text)
                and not (text.isupper() and len(text) > 3 and kind == "demonym")
                and after not in GEOGRAPHIC_NOUNS
                and not g.in_idiom(text, after)
            ):
                out.append((span.start_char, span.end_char, g.code_of(text) or "", kind, False))
                i += size - 1
                break
        i += 1
    return out


LOCATIVE = lexicon.words("countries", "locative_prepositions")


SPORTS_FIXTURES = lexicon.words("countries", "sports_fixtures")


def _stands_for_government(ent: SpacySpan) -> bool:
    """ "Moscow said", "by Moscow and Beijing": a capital used for the state, not as a place.

    A dateline ("MOSCOW, May 3") or a place after a locative preposition ("talks in Moscow",
    "a visit to Washington") is the city.
    """
    if ent.text.isupper() and len(ent.text) > 3:
        return False
    token = ent.root
    while token.dep_ in {"conj", "appos"} and token.head is not token:
        token = token.head
    if token.dep_ == "pobj" and token.head.lower_ in LOCATIVE:
        return False
    if token.dep_ == "pobj" and token.head.head.lemma_.lower() in SPORTS_FIXTURES:
        return False  # "the home game against Ottawa": the city's team
    dateline = token.dep_ == "ROOT" and token.sent.start == ent.start
    return not (token.dep_ == "compound" or dateline)


def _inside(start: int, ranges: list[tuple[int, int]]) -> bool:
    return any(s <= start < e for s, e in ranges)


def _country_within(text: str) -> str | None:
    """ "eastern Ukraine" -> UA: the last words name a country, the words before are lowercase."""
    g = gazetteer()
    words = text.split()
    for size in range(len(words) - 1, 0, -1):
        lead, tail = words[:-size], " ".join(words[-size:])
        if all(w.islower() for w in lead) and g.code_of(tail) and g.kind_of(tail) == "name":
            return g.code_of(tail)
    return None


def _person_ranges(layout: Layout, people: tuple[PersonRef, ...]) -> list[tuple[int, int]]:
    index = {b.id: i for i, b in enumerate(layout.article.blocks)}
    return [
        (layout.starts[index[s.block]] + s.start, layout.starts[index[s.block]] + s.end)
        for p in people
        for s in p.mentions
    ]


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
