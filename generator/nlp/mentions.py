"""Who in an article is a person: the model's PERSON entities, repaired (a given name it left out,
titles and possessives cut off), names it labelled otherwise where the text says person, and the
same names wherever they recur; minus the names the text uses as places, teams, organisations or
awards.

Pure functions over a spaCy Doc laid out by `layout.Layout`; only `analyse` loads spaCy.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from generator import lexicon
from generator.gazetteer import gazetteer
from generator.nlp.entities import doc_text, entities
from generator.nlp.layout import Layout
from generator.nlp.names import (
    alone_on_its_line,
    coordinated_with_person,
    first_line,
    is_common_word,
    is_given_name,
    is_glued_word,
    is_name_suffix,
    is_reached_place,
    is_untagged_name_word,
    named_like_a_person,
    opens_with_a_persons_noun,
    opens_with_role,
    untagged_proper_nouns,
    with_particle_surname,
    with_surname,
)
from generator.text import literal_spans

HONORIFICS = lexicon.words("people", "honorifics")
LEADING_NOUNS = lexicon.words("people", "leading_nouns")
PARTICLES = lexicon.words("people", "particles")
ORG_WORDS = lexicon.words("organisations", "name_words")
ROLE_WORDS = lexicon.words("roles", "role_words")
PLACE_NOUNS = lexicon.words("people", "place_nouns")
PLACE_PREPOSITIONS = lexicon.words("people", "place_prepositions")
ORGANISATION_KINDS = lexicon.words("organisations", "kinds")
TITLE_ARTICLES = lexicon.words("people", "title_articles")
COURTESY_TITLES = lexicon.word_list("people", "courtesy_titles")
_HONORIFIC_BEFORE = re.compile(rf"\b{lexicon.alternation(COURTESY_TITLES)}\.?\s+$")
COURTESY = {title.lower() for title in COURTESY_TITLES}
TITLE_LINKS = lexicon.words("people", "title_links")
_ROLES_OR_LEADING = ROLE_WORDS | LEADING_NOUNS
_RANKED = re.compile(r"^\s*\(\d+\)")
_AWARD = re.compile(r"^\s+of\s+the\s+(?:Year|Month|Decade|Century|Tournament|Match)\b")


@dataclass(frozen=True)
class Mention:
    start: int  # offsets in the layout's joined text
    end: int
    name: str  # the name as a person is called, honorifics and possessive removed
    surface: str  # the exact string used ("Mr Straw")


def person_mentions(doc: Doc, layout: Layout) -> list[Mention]:
    """Every mention of a person: model PERSON entities, then the same names wherever they recur.

    Document-level consistency: a name the model once tagged as a person is a person wherever it
    recurs, whatever label a single mention got; a single word the model tags as a person less
    often than as a place or organisation is not one.
    """
    seeds = [m for m in (_mention(span) for span in _person_spans(doc)) if m]
    seeds = _outvoted_removed(doc, seeds)
    seeds = _placelike_removed(doc, seeds)
    seeds = _teamlike_removed(doc, seeds)
    seeds = _thinglike_removed(doc, seeds)
    seeds += _mislabelled_people(doc, {m.name for m in seeds})
    seeds += _untagged_people(doc, {m.name for m in seeds})
    seeds += _surname_users(doc, seeds)
    names = _known_names(seeds)
    found = {(m.start, m.end): m for m in seeds}
    for mention in _recurring(doc, layout.text, names, found):
        found[(mention.start, mention.end)] = mention
    kept = [m for m in found.values() if not _in_a_title(doc, m)]
    return sorted(_without_overlaps(kept), key=lambda m: m.start)


def _in_a_title(doc: Doc, m: Mention) -> bool:
    """ "BBC One's Breakfast with Frost": a name inside the title of a programme or work, where a
    capitalised common word mid-sentence and a small word come before it."""
    words = doc_text(doc)[max(0, m.start - 40) : m.start].split()
    if len(words) < 3 or words[-1] not in TITLE_LINKS:
        return False
    lead, before = words[-2], words[-3]
    return (
        lead[:1].isupper()
        and lead.isalpha()
        and is_glued_word(lead)
        and not before.endswith((".", "?", "!", ":", '"', "“"))
    )


def _person_spans(doc: Doc) -> list[SpacySpan]:
    """PERSON entities, two split by the model ("Aung San" + "Suu Kyi") joined again."""
    out: list[SpacySpan] = []
    for ent in entities(doc):
        if ent.label_ != "PERSON":
            continue
        if (
            out
            and out[-1].end == ent.start
            and doc[ent.start - 1].whitespace_ == " "
            and not out[-1][-1].text.endswith(("'s", "’s"))
            and ent[0].text[:1].isupper()
        ):
            out[-1] = doc[out[-1].start : ent.end]
            continue
        out.append(with_surname(_with_given_name(ent)))
    return out


def _with_given_name(ent: SpacySpan) -> SpacySpan:
    """ "Ahmedou" + "Ould Abdallah": a capitalised word the model left out before the name."""
    if ent.start == 0:
        return ent
    before = ent.doc[ent.start - 1]
    if (
        (before.pos_ == "PROPN" or (is_given_name(before.text) and before.pos_ != "VERB"))
        and before.ent_type_ == ""
        and before.text[:1].isupper()
        and before.text.isalpha()
        and not before.text.isupper()
        and not before.is_sent_start
        and not _is_leading_word(before.text)
        and not gazetteer().code_of(before.text)
    ):
        return ent.doc[ent.start - 1 : ent.end]
    return ent


def _placelike_removed(doc: Doc, seeds: list[Mention]) -> list[Mention]:
    """Seeds without names that the text uses as places ("a prison in Korydallos")."""
    places = set()
    for m in seeds:
        after = doc_text(doc)[m.end : m.end + 20]
        if after.startswith(("'", "’")):
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        token = span.root if span is not None else None
        while token is not None and token.dep_ == "conj" and token.head is not token:
            token = token.head
        governed = token is not None and token.dep_ == "pobj" and token.head.lower_
        before = doc_text(doc)[max(0, m.start - 12) : m.start].split()[-1:]  # "city Brno"
        nouns = [n.strip(",.") for n in after.split()[:1]] + before
        if governed in PLACE_PREPOSITIONS or any(n in PLACE_NOUNS for n in nouns):
            places.add(m.name)
    return _without_names(seeds, places)


def _teamlike_removed(doc: Doc, seeds: list[Mention]) -> list[Mention]:
    """Seeds without one-word names used as a team or body: with a plural verb ("Lazio have
    injury doubts") or a league position ("Bologna (4) v Piacenza (13)")."""
    teams = set()
    text = doc_text(doc)
    for m in seeds:
        if " " in m.name:
            continue
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        root = span.root if span is not None else None
        plural = root is not None and root.dep_ == "nsubj" and root.head.tag_ == "VBP"
        if plural or _RANKED.match(text[m.end : m.end + 8]):
            teams.add(m.name)
    return _without_names(seeds, teams)


def _thinglike_removed(doc: Doc, seeds: list[Mention]) -> list[Mention]:
    """Seeds without names the text presents as an organisation ("low-cost carrier Virgin
    Blue") or as an award ("named European Businessman of the Year")."""
    text = doc_text(doc)
    things = set()
    for m in seeds:
        if _AWARD.match(text[m.end : m.end + 30]) or _named_with_its_kind(doc, m):
            things.add(m.name)
    addressed = {m.name for m in seeds if after_honorific(doc, m.start)}
    return _without_names(seeds, things - addressed)


def _named_with_its_kind(doc: Doc, m: Mention) -> bool:
    """ "carrier Virgin Blue": the word before the name is an organisation's kind, and the parse
    makes it part of the name's phrase (not "told the newspaper John Smith was ...")."""
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None or span.start == 0:
        return False
    kind = doc[span.start - 1]
    hyphenated = kind.i > 0 and doc[kind.i - 1].text == "-"  # "documentary-maker", "film-studio"
    return (
        not hyphenated
        and kind.text in ORGANISATION_KINDS
        and kind.dep_ == "compound"
        and span.start <= kind.head.i < span.end
    )


def _outvoted_removed(doc: Doc, seeds: list[Mention]) -> list[Mention]:
    """Seeds without one-word names the model tags more often as something else."""
    other: dict[str, int] = defaultdict(int)
    for ent in entities(doc):
        if ent.label_ in {"ORG", "GPE", "LOC", "FAC", "NORP"}:
            other[_bare(ent.text)] += 1
    person: dict[str, int] = defaultdict(int)
    for m in seeds:
        person[m.name] += 1
    outvoted = {name for name, n in person.items() if " " not in name and n < other[name]}
    return _without_names(seeds, outvoted)


def _without_names(seeds: list[Mention], names: set[str]) -> list[Mention]:
    """The seeds but those named one of `names`; a name that is also a word of a longer name
    among the seeds stays ("Jordan" as a place, but "Michael Jordan" is a person)."""
    in_longer = {w for m in seeds if " " in m.name for w in m.name.split()}
    return [m for m in seeds if m.name not in names or m.name in in_longer]


def _bare(text: str) -> str:
    return re.sub(r"^(the)\s+", "", text, flags=re.I).removesuffix("’s").removesuffix("'s")


def _mention(ent: SpacySpan) -> Mention | None:
    tokens = list(ent)
    while len(tokens) > 1 and (
        _is_leading_word(tokens[0].text) or opens_with_a_persons_noun(tokens)
    ):
        tokens = tokens[1:]
    ends = [n for n, t in enumerate(tokens[1:-1], 1) if t.text in {"'s", "’s"}]
    tokens = tokens[: ends[0]] if ends else tokens  # "Jane Doe's Star of the Sea": Jane Doe's
    while tokens and (
        tokens[-1].text in {"'s", "’s", "'", "’"}
        or not tokens[-1].text[:1].isalnum()
        or (
            len(tokens) > 1
            and tokens[-1].is_lower
            and tokens[-1].lower_ not in PARTICLES
            and tokens[-2].whitespace_
        )
    ):
        tokens = tokens[:-1]
    while len(tokens) > 2 and is_name_suffix(tokens[-1].text):
        tokens = tokens[:-1]  # "Philippe Sands QC" is Philippe Sands
    surface_start = ent.start_char
    if len(tokens) > 2 and is_glued_word(tokens[0].text) and is_given_name(tokens[1].text):
        tokens = tokens[1:]  # "Conservative Graham Brady", not "Saving Private Ryan"
        surface_start = tokens[0].idx
    tokens = with_particle_surname(tokens)
    if not tokens or _is_leading_word(tokens[0].text):
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = doc_text(ent.doc)[start:end]
    if not _is_plausible_name(text):
        return None
    return Mention(start, end, text, doc_text(ent.doc)[surface_start:end])


@functools.lru_cache(maxsize=8192)  # asked of most words of every name, again and again
def _is_leading_word(word: str) -> bool:
    """An honorific, title, role noun or demonym written before a name ("Croat Alen Boksic")."""
    low = word.lower()
    return (
        low.rstrip(".") in HONORIFICS
        or low in LEADING_NOUNS
        or low in ROLE_WORDS
        or low == "the"
        or word in {"-", "–", "—"}
        or gazetteer().kind_of(word) == "demonym"
    )


def _is_plausible_name(text: str) -> bool:
    words = text.split()
    if not words or len(words) > 5 or len(text) > 60:
        return False
    if any(ch.isdigit() for ch in text) or "\n" in text or "/" in text or "@" in text:
        return False
    if not all(_is_name_word(w) for w in words) or not _is_name_end(words[-1]):
        return False
    if any(w.lower().strip(".") in ORG_WORDS for w in words):
        return False
    if text.isupper() and len(text) <= 5:
        return False  # an acronym ("SBCP"), not a name
    if len(words) > 1 and (words[0] in TITLE_ARTICLES or _is_place_word(words[0])):
        return False  # "El Mundo", "Washington Redskins"
    return not (len(words) == 1 and gazetteer().code_of(text))


def _is_place_word(word: str) -> bool:
    g = gazetteer()
    return bool(g.code_of(word)) and not g.is_ambiguous(word) and g.kind_of(word) == "name"


def _is_name_end(word: str) -> bool:
    """The last word is capitalised: "Tuan-yao", "el-Baz", not "de"."""
    head, _, rest = word.partition("-")
    return word[:1].isupper() or (head.lower() in PARTICLES and rest[:1].isupper())


def _is_name_word(word: str) -> bool:
    """ "Masoud", "el-Baz", "de", "O'Neill": a word that can stand in a person's name."""
    if word[:1].isupper():
        return True
    head, _, rest = word.partition("-")
    if rest:
        return head.lower() in PARTICLES and rest[:1].isupper()
    head, _, rest = word.replace("’", "'").partition("'")
    if rest:
        return head.lower() in {"d", "l"} and rest[:1].isupper()
    return word.lower() in PARTICLES


def _mislabelled_people(doc: Doc, person_names: set[str]) -> list[Mention]:
    """Names the model called an organisation or place where the syntax or an honorific says
    person ("Mr Novak said", "striker Filippo Inzaghi")."""
    out = []
    for whole in entities(doc):
        if whole.label_ not in {"ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "PRODUCT"}:
            continue
        ent = first_line(whole)
        mention = _mention(ent)
        if not mention or mention.name in person_names:
            continue
        if after_honorific(ent.doc, mention.start):
            out.append(mention)
            continue
        if len(mention.name.split()) < 2:
            continue
        if any(t.pos_ != "PROPN" for t in ent if t.text[:1].isalnum()):
            continue
        if gazetteer().code_of(mention.name) or any(
            gazetteer().code_of(w) for w in mention.name.split()
        ):
            continue
        if _acts_like_a_person(ent) or (
            (
                named_like_a_person(mention.name)
                or alone_on_its_line(doc_text(doc), mention.start, mention.end, mention.name)
            )
            and not is_reached_place(ent)
        ):
            out.append(mention)
    return out


def _untagged_people(doc: Doc, person_names: set[str]) -> list[Mention]:
    """Names the model tagged as nothing: a run of proper nouns that reads as a given name and
    a surname ("Oleg Shatskiku made sure of the win"), or follows a demonym, role or title
    ("Argentine Nestor Sensini", "Zulu Chief Mangosuthu Buthelezi's party")."""
    out = []
    for run in _untagged_runs(doc):
        mention = _mention(run)
        if mention is None or mention.name in person_names or len(mention.name.split()) < 2:
            continue
        dropped = doc_text(doc)[run.start_char : mention.start].split()
        previous = doc[run.start - 1] if run.start > 0 else doc[run.start]
        if not all(_is_leading_word(w) for w in dropped) or (
            run.start > 0
            and previous.text[:1].isupper()
            and previous.ent_type_ not in {"NORP", "GPE"}  # "Zulu Chief ..."
            and not _is_leading_word(previous.text)
        ):
            continue  # "Saturday Night Takeaway": the end of a longer name, or a word glued on
        led = bool(dropped) or (
            run.start > 0 and (previous.lower_ in _ROLES_OR_LEADING or previous.ent_type_ == "NORP")
        )
        rare = not any(is_common_word(w) for w in mention.name.split())
        if (led and rare) or named_like_a_person(mention.name):
            out.append(mention)
    return out


def _untagged_runs(doc: Doc) -> list[SpacySpan]:
    """The runs of two words or more that are each an untagged name word."""
    runs: list[SpacySpan] = []
    start = end = -1
    for i in [t.i for t in untagged_proper_nouns(doc) if is_untagged_name_word(t)] + [-1]:
        if i != end:
            if end - start >= 2:
                runs.append(doc[start:end])
            start = i
        end = i + 1
    return runs


def after_honorific(doc: Doc, start: int) -> str:
    """ "Mr " when the text right before `start` is such an honorific, else ""."""
    match = _HONORIFIC_BEFORE.search(doc_text(doc)[max(0, start - 8) : start])
    return match.group(0) if match else ""


def _acts_like_a_person(ent: SpacySpan) -> bool:
    doc = ent.doc
    root = ent.root
    if root.dep_ == "appos" and root.head.lemma_.lower() in ROLE_WORDS:
        return True
    previous = doc[ent.start - 1] if ent.start > 0 else None
    if previous is not None and (
        (previous.lower_ in _ROLES_OR_LEADING and previous.is_lower)
        or gazetteer().kind_of(previous.text) == "demonym"
    ):
        return True
    if coordinated_with_person(ent):
        return True
    following = doc[ent.end : ent.end + 8]
    if following and following[0].text == "," and previous is not None and previous.text == ",":
        before = doc[max(0, ent.start - 3) : ent.start - 1]
        if any(t.lemma_.lower() in ROLE_WORDS for t in before):
            return True
    if following and following[0].text == ",":
        return opens_with_role(following[1:])
    return bool(following) and following[0].lemma_ in {"say", "tell", "add"}


def _surname_users(doc: Doc, seeds: list[Mention]) -> list[Mention]:
    """ "General Antoine Lahd" tagged an organisation while "Lahd" is a person: the full name."""
    surnames = {m.name for m in seeds if " " not in m.name}
    taken = {(m.start, m.end) for m in seeds}
    out = []
    for ent in entities(doc):
        if ent.label_ in {"PERSON", "DATE", "TIME", "CARDINAL", "MONEY", "PERCENT"} or len(ent) < 2:
            continue
        mention = _mention(ent)
        if (
            mention
            and " " in mention.name
            and mention.name.split()[-1] in surnames
            and (mention.start, mention.end) not in taken
            and len(mention.name.split()) <= 3
        ):
            out.append(mention)
    return out


def _known_names(mentions: Iterable[Mention]) -> dict[str, str]:
    """Every string that names a known person -> the fullest name it belongs to."""
    names: dict[str, str] = {}
    full = sorted({m.name for m in mentions}, key=lambda n: -len(n.split()))
    for name in full:
        names.setdefault(name, name)
        parts = name.split()
        if len(parts) > 1:
            names.setdefault(parts[-1], name)
    return names


def _recurring(
    doc: Doc, text: str, names: dict[str, str], found: dict[tuple[int, int], Mention]
) -> list[Mention]:
    """Untagged or mislabelled occurrences of names already known to be people."""
    if not names:
        return []
    blocked = _non_person_entity_ranges(doc)
    out = []
    for start, end in literal_spans(text, names, hyphen_after=False):
        if (start, end) in found or any(
            s <= start and end <= e and (e - s) > (end - start) for s, e in blocked
        ):
            continue
        out.append(Mention(start, end, text[start:end], text[start:end]))
    return out


def _non_person_entity_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Organisations named after people ("the Nelson Mandela Foundation") keep their name."""
    return [
        (e.start_char, e.end_char)
        for e in entities(doc)
        if e.label_ in {"ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW"}
        and any(t.lower_ in ORG_WORDS for t in e)
    ]


def _without_overlaps(mentions: Iterable[Mention]) -> list[Mention]:
    out: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -(m.end - m.start))):
        if out and mention.start < out[-1].end:
            continue
        out.append(mention)
    return out
