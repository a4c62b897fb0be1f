"""People in one article: mentions from the model, repaired and grouped into PersonRefs.

Pure functions over a spaCy Doc laid out by `layout.Layout`; only `analyse` loads spaCy.
"""

from __future__ import annotations

import itertools
import re
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from generator import lexicon
from generator.gazetteer import gazetteer
from generator.model import CAPTION, Claim, PersonRef
from generator.nlp.layout import Layout
from generator.text import slug

HONORIFICS = lexicon.words("people", "honorifics")
LEADING_NOUNS = lexicon.words("people", "leading_nouns")
PARTICLES = lexicon.words("people", "particles")
ORG_WORDS = lexicon.words("organisations", "name_words")
ROLE_WORDS = lexicon.words("roles", "role_words")
INHERITING_ROLES = lexicon.words("roles", "inheriting_roles")
_APPOSITION_END = lexicon.alternation(lexicon.word_list("roles", "apposition_ends"))
_APPOSITION = re.compile(
    r"^(?:\s*\([^)]{1,12}\))?,\s+(?P<role>(?:the\s+|a\s+|an\s+|his\s+|her\s+|then[- ]|former\s+|"
    rf"[A-Z][\w’'.-]*[’']s\s+|[a-z][\w-]*\s+)[^,;:“”\"()]{{2,90}}?)(?=,|\.\s|\.$|;|\s+{_APPOSITION_END}\b)"
)
_LEAD_ROLE_STOP = lexicon.words("roles", "lead_stop_words")
_ROLE_BREAKS = frozenset(',().:;“”"') | {"\n\n"}  # a role read before a name stops at these


@dataclass(frozen=True)
class Mention:
    start: int  # offsets in the layout's joined text
    end: int
    name: str  # the name as a person is called, honorifics and possessive removed
    surface: str  # the exact string used ("Mr Straw")


def doc_text(doc: Doc) -> str:
    """The Doc's text, read once: spaCy rebuilds `doc.text` from its tokens at every access."""
    text = doc.user_data.get("dossier.text")
    if not isinstance(text, str):
        text = doc.text
        doc.user_data["dossier.text"] = text
    return text


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
    seeds += _surname_users(doc, seeds)
    names = _known_names(seeds)
    found = {(m.start, m.end): m for m in seeds}
    for mention in _recurring(doc, layout.text, names, found):
        found[(mention.start, mention.end)] = mention
    return sorted(_without_overlaps(found.values()), key=lambda m: m.start)


def _person_spans(doc: Doc) -> list[SpacySpan]:
    """PERSON entities, two split by the model ("Aung San" + "Suu Kyi") joined again."""
    out: list[SpacySpan] = []
    for ent in doc.ents:
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
        out.append(_with_given_name(ent))
    return out


def _with_given_name(ent: SpacySpan) -> SpacySpan:
    """ "Ahmedou" + "Ould Abdallah": a capitalised word the model left out before the name."""
    if ent.start == 0:
        return ent
    before = ent.doc[ent.start - 1]
    if (
        before.pos_ == "PROPN"
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


PLACE_NOUNS = lexicon.words("people", "place_nouns")
PLACE_PREPOSITIONS = lexicon.words("people", "place_prepositions")


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
        nouns = after.split()[:1]
        if governed in PLACE_PREPOSITIONS or (nouns and nouns[0].strip(",.") in PLACE_NOUNS):
            places.add(m.name)
    return _without_names(seeds, places)


_RANKED = re.compile(r"^\s*\(\d+\)")


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


ORGANISATION_KINDS = lexicon.words("organisations", "kinds")
_AWARD = re.compile(r"^\s+of\s+the\s+(?:Year|Month|Decade|Century|Tournament|Match)\b")


def _thinglike_removed(doc: Doc, seeds: list[Mention]) -> list[Mention]:
    """Seeds without names the text presents as an organisation ("low-cost carrier Virgin
    Blue") or as an award ("named European Businessman of the Year")."""
    text = doc_text(doc)
    things = set()
    for m in seeds:
        if _AWARD.match(text[m.end : m.end + 30]) or _named_with_its_kind(doc, m):
            things.add(m.name)
    addressed = {m.name for m in seeds if _after_honorific(doc, m.start)}
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
    for ent in doc.ents:
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
    while len(tokens) > 1 and _is_leading_word(tokens[0].text):
        tokens = tokens[1:]
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
    if not tokens or _is_leading_word(tokens[0].text):
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    text = doc_text(ent.doc)[start:end]
    if not _is_plausible_name(text):
        return None
    return Mention(start, end, text, doc_text(ent.doc)[ent.start_char : end])


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


TITLE_ARTICLES = lexicon.words("people", "title_articles")


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
    for ent in doc.ents:
        if ent.label_ not in {"ORG", "GPE", "NORP", "FAC", "WORK_OF_ART", "PRODUCT"}:
            continue
        mention = _mention(ent)
        if not mention or mention.name in person_names:
            continue
        if _after_honorific(ent.doc, mention.start):
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
        if _acts_like_a_person(ent):
            out.append(mention)
    return out


COURTESY_TITLES = lexicon.word_list("people", "courtesy_titles")
_HONORIFIC_BEFORE = re.compile(rf"\b{lexicon.alternation(COURTESY_TITLES)}\.?\s+$")
_COURTESY = {title.lower() for title in COURTESY_TITLES}


def _after_honorific(doc: Doc, start: int) -> str:
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
        (previous.lower_ in ROLE_WORDS | LEADING_NOUNS and previous.is_lower)
        or gazetteer().kind_of(previous.text) == "demonym"
    ):
        return True
    if _coordinated_with_person(ent):
        return True
    following = doc[ent.end : ent.end + 8]
    if following and following[0].text == "," and previous is not None and previous.text == ",":
        before = doc[max(0, ent.start - 3) : ent.start - 1]
        if any(t.lemma_.lower() in ROLE_WORDS for t in before):
            return True
    if following and following[0].text == ",":
        return _opens_with_role(following[1:])
    return bool(following) and following[0].lemma_ in {"say", "tell", "add"}


def _coordinated_with_person(ent: SpacySpan) -> bool:
    """ "Ould Abdallah of Mauritania and Amara Essy": a name in a list of people."""
    root = ent.root
    linked = [root.head] if root.dep_ == "conj" else []
    linked += [t for t in root.children if t.dep_ == "conj"]
    return any(t.ent_type_ == "PERSON" for t in linked)


def _opens_with_role(tokens: SpacySpan) -> bool:
    """ ", a former foreign minister," / ", head of ...": an apposition naming a role."""
    for token in tokens:
        if token.is_punct or token.pos_ in {"VERB", "AUX", "PRON"}:
            return False
        if token.lower_ in ROLE_WORDS | LEADING_NOUNS:
            return True
    return False


def _surname_users(doc: Doc, seeds: list[Mention]) -> list[Mention]:
    """ "General Antoine Lahd" tagged an organisation while "Lahd" is a person: the full name."""
    surnames = {m.name for m in seeds if " " not in m.name}
    taken = {(m.start, m.end) for m in seeds}
    out = []
    for ent in doc.ents:
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
    pattern = re.compile(
        r"(?<![\w-])("
        + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        + r")(?![\w])"
    )
    out = []
    for match in pattern.finditer(text):
        start, end = match.span()
        if (start, end) in found or any(
            s <= start and end <= e and (e - s) > (end - start) for s, e in blocked
        ):
            continue
        out.append(Mention(start, end, match.group(1), match.group(1)))
    return out


def _non_person_entity_ranges(doc: Doc) -> list[tuple[int, int]]:
    """Organisations named after people ("the Nelson Mandela Foundation") keep their name."""
    return [
        (e.start_char, e.end_char)
        for e in doc.ents
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


def clusters(mentions: Sequence[Mention], text: str = "") -> dict[str, list[Mention]]:
    """Mentions grouped by the person they name, keyed by the fullest name.

    A surname or first name joins the full name that carries it; when two full names share it,
    it joins the one mentioned most recently before it, or stays apart if none was. A name in
    brackets right after another ("Parris Chang (Chang Hsu-ch'eng)") is the same person's.
    """
    bracketed = _bracketed_aliases(mentions, text)
    full_names = list(
        dict.fromkeys(
            m.name for m in mentions if len(m.name.split()) > 1 and m.name not in bracketed
        )
    )
    full_names = [n for n in full_names if not any(n != o and _contains(o, n) for o in full_names)]
    groups: dict[str, list[Mention]] = defaultdict(list)
    last_seen: dict[str, int] = {}
    for mention in mentions:
        if mention.name in bracketed:
            owner = _owner(bracketed[mention.name], full_names, last_seen)
        else:
            owner = _owner(mention.name, full_names, last_seen)
            if owner == mention.name and owner not in full_names:
                aliased = {
                    _owner(b, full_names, last_seen)
                    for b in bracketed
                    if _contains(b, mention.name)
                }
                owner = aliased.pop() if len(aliased) == 1 else owner
        groups[owner].append(mention)
        last_seen[owner] = mention.start
    return dict(groups)


def _bracketed_aliases(mentions: Sequence[Mention], text: str) -> dict[str, str]:
    """Names written in brackets straight after another person's name -> that name."""
    out: dict[str, str] = {}
    for before, after in itertools.pairwise(mentions):
        if (
            text[before.end : after.start].strip() == "("
            and text[after.end : after.end + 1] == ")"
            and before.name != after.name
        ):
            out.setdefault(after.name, before.name)
    return out


def _contains(longer: str, shorter: str) -> bool:
    words, part = longer.split(), shorter.split()
    return len(part) < len(words) and any(
        words[i : i + len(part)] == part for i in range(len(words))
    )


def _owner(name: str, full_names: list[str], last_seen: dict[str, int]) -> str:
    if name in full_names:
        return name
    candidates = [n for n in full_names if _contains(n, name)]
    if len(candidates) == 1:
        return candidates[0]
    if candidates:
        recent = [n for n in candidates if n in last_seen]
        if recent:
            return max(recent, key=lambda n: last_seen[n])
        surname = [n for n in candidates if n.split()[-1] == name]
        return surname[0] if len(surname) == 1 else name
    return name


def person_refs(doc: Doc, layout: Layout) -> tuple[PersonRef, ...]:
    """The people of one article with mentions, roles and countries, in order of first mention."""
    groups = clusters(person_mentions(doc, layout), layout.text)
    keys = _unique_keys(list(groups))
    refs: list[PersonRef] = []
    for name, mentions in groups.items():
        roles = tuple(_roles(doc, layout, mentions))
        refs.append(
            PersonRef(
                key=keys[name],
                name=name,
                aliases=tuple(dict.fromkeys(_alias(doc, m) for m in mentions)),
                mentions=tuple(layout.span(m.start, m.end) for m in mentions),
                roles=roles,
            )
        )
    return _with_countries(doc, layout, refs, groups)


def _alias(doc: Doc, m: Mention) -> str:
    """The name as written, with an honorific right before it ("Mr Straw")."""
    surface = m.surface.removesuffix("’s").removesuffix("'s")
    honorific = _after_honorific(doc, m.start)
    return (
        f"{honorific.strip()} {m.name}"
        if honorific and not surface.startswith(honorific.strip())
        else surface
    )


def _unique_keys(names: list[str]) -> dict[str, str]:
    keys: dict[str, str] = {}
    used: set[str] = set()
    for name in names:
        key = slug(name)
        n = 2
        while key in used:
            key, n = f"{slug(name)}-{n}", n + 1
        used.add(key)
        keys[name] = key
    return keys


def _roles(doc: Doc, layout: Layout, mentions: Sequence[Mention]) -> list[Claim]:
    out: dict[str, Claim] = {}
    for m in mentions:
        for role_text, start, end in _role_texts(doc, layout.text, m):
            role = _tidy_role(role_text)
            if role and role.casefold() not in {r.casefold() for r in out}:
                out[role] = Claim(role, layout.span(start, end))
    return list(out.values())


def _role_texts(doc: Doc, text: str, m: Mention) -> list[tuple[str, int, int]]:
    found = []
    after = text[m.end : m.end + 160]
    if after.startswith(("’s", "'s")):
        after = ""
    match = _APPOSITION.match(after)
    if match and _has_role_word(match.group("role")):
        role = match.group("role")
        start = m.end + match.start("role")
        found.append((role, start, start + len(role)))
    lead = _leading_role(doc, m)
    if lead:
        found.append(lead)
    return found


def _leading_role(doc: Doc, m: Mention) -> tuple[str, int, int] | None:
    """The title written before the name: "State Department spokesman Matthew Miller"."""
    first = doc.char_span(m.start, m.end, alignment_mode="expand")
    if first is None or first.start == 0:
        return None
    i = first.start - 1
    tokens: list[Token] = []
    while (
        i >= 0
        and doc[i].text not in _ROLE_BREAKS
        and not doc[i].is_space
        and doc[i].pos_ in {"PROPN", "NOUN", "ADJ", "PUNCT", "ADP", "DET", "PART"}
        and len(tokens) < 8
    ):
        if doc[i].pos_ == "DET" or (doc[i].pos_ == "ADP" and doc[i].lower_ != "of"):
            break
        tokens.insert(0, doc[i])
        i -= 1
    while tokens and tokens[-1].lower_.rstrip(".") in _COURTESY:
        tokens.pop()  # "Qantas boss Mr Dixon": the role is "Qantas boss"
    of = next((n for n, t in enumerate(tokens) if t.lower_ == "of"), None)
    if (
        of is not None
        and not any(_has_role_word(t.text) for t in tokens[:of])
        and not _inside_a_name(tokens, of)
    ):
        tokens = tokens[of + 1 :]
    while tokens and (
        tokens[0].lower_ in _LEAD_ROLE_STOP
        or tokens[0].pos_ == "PUNCT"
        or tokens[0].text in {"’s", "'s"}
    ):
        tokens = tokens[1:]
    if not tokens or not any(
        t.lower_.strip("-") in ROLE_WORDS or t.lower_.split("-")[-1] in ROLE_WORDS for t in tokens
    ):
        return None
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1].text)
    return doc_text(doc)[start:end], start, end


def _inside_a_name(tokens: list[Token], of: int) -> bool:
    """Whether "of" joins two capitalised words of one name ("Royal Bank of Scotland",
    "University of Chicago"), so that the role keeps the whole name."""
    return (
        0 < of < len(tokens) - 1
        and tokens[of - 1].text[:1].isupper()
        and tokens[of + 1].text[:1].isupper()
    )


def _has_role_word(text: str) -> bool:
    return any(
        w.strip("’'s.,").lower() in ROLE_WORDS or w.lower().split("-")[-1] in ROLE_WORDS
        for w in text.split()
    )


def _tidy_role(text: str) -> str:
    text = " ".join(text.split()).strip(" ,.")
    text = re.sub(r"^(the|a|an)\s+", "", text, flags=re.I)
    return text[:1].upper() + text[1:] if text else ""


def _with_countries(
    doc: Doc, layout: Layout, refs: list[PersonRef], groups: dict[str, list[Mention]]
) -> tuple[PersonRef, ...]:
    """Each person's countries, read from their roles, else from the sentence that names them."""
    by_key: dict[str, tuple[Claim, ...]] = {}
    pending = []
    for ref in refs:
        claims = tuple(c for role in ref.roles for c in _countries_in_role(role))
        if claims:
            by_key[ref.key] = _first_per_code(claims)
        else:
            pending.append(ref)
    for ref in pending:
        by_key[ref.key] = _first_per_code(
            _countries_from_context(doc, layout, ref, groups[ref.name], refs, by_key)
        )
    for ref in refs:
        if not by_key.get(ref.key):
            by_key[ref.key] = _office_country(doc, ref, by_key)
    return tuple(
        PersonRef(**{**ref.__dict__, "countries": by_key.get(ref.key, ())}) for ref in refs
    )


NATIONAL_OFFICES = lexicon.words("roles", "national_offices")


def _office_country(
    doc: Doc, ref: PersonRef, known: dict[str, tuple[Claim, ...]]
) -> tuple[Claim, ...]:
    """A national office with no country named ("Prime Minister Tony Blair"): the country the
    article names most, unless another person of the article already holds it."""
    office = next(
        (
            role
            for role in ref.roles
            if any(w in NATIONAL_OFFICES for w in role.value.lower().split())
        ),
        None,
    )
    if office is None:
        return ()
    held = {c.value for key, claims in known.items() if key != ref.key for c in claims}
    counts: dict[str, int] = defaultdict(int)
    for ent in doc.ents:
        if ent.label_ == "GPE" and gazetteer().kind_of(ent.text) == "name":
            counts[gazetteer().code_of(ent.text) or ""] += 1
    ranked = sorted((n, code) for code, n in counts.items() if code and code not in held)
    return (Claim(ranked[-1][1], office.source),) if ranked else ()


def _first_per_code(claims: Iterable[Claim]) -> tuple[Claim, ...]:
    out: dict[str, Claim] = {}
    for claim in claims:
        out.setdefault(claim.value, claim)
    return tuple(out.values())


OTHER_COUNTRY_PREPOSITIONS = lexicon.words("countries", "other_country_prepositions")


def _countries_in_role(role: Claim) -> list[Claim]:
    """The country a role serves: "Russia's ambassador to Iran" -> RU, not IR."""
    words = re.findall(r"[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*)*", role.value)
    out = []
    whole = institution_country(role.value)
    if whole:
        out.append(Claim(whole, role.source))
    for phrase in words:
        preceding = role.value[: role.value.find(phrase)].split()
        if preceding and preceding[-1].lower() in OTHER_COUNTRY_PREPOSITIONS:
            continue
        code = institution_country(phrase) or _phrase_country(phrase)
        if code:
            out.append(Claim(code, role.source))
    return out


def _phrase_country(phrase: str) -> str | None:
    g = gazetteer()
    words = phrase.replace("’s", "").replace("'s", "").split()
    for size in range(len(words), 0, -1):
        for i in range(len(words) - size + 1):
            code = g.code_of(" ".join(words[i : i + size]))
            if code:
                return code
    return None


INSTITUTIONS = lexicon.word_table("places", "institutions")


def institution_country(phrase: str) -> str | None:
    key = phrase.casefold().removeprefix("the ").replace("’s", "").replace("'s", "").strip()
    for name, code in INSTITUTIONS.items():
        if re.search(rf"\b{re.escape(name)}\b", key):
            return code
    return None


def _countries_from_context(
    doc: Doc,
    layout: Layout,
    ref: PersonRef,
    mentions: list[Mention],
    refs: list[PersonRef],
    known: dict[str, tuple[Claim, ...]],
) -> list[Claim]:
    """A country evident around the name: an adjective before it, "of Pakistan" or a nationality
    after it, a predecessor's country, or the only country of a photo caption's sentence."""
    for m in mentions:
        sent = _sentence(doc, m)
        if sent is None:
            continue
        lead = doc_text(doc)[sent.start_char : m.start]
        code = _adjacent_country(lead)
        if code:
            return [Claim(code, layout.span(m.start, m.end))]
    for m in mentions:
        after = layout.text[m.end : m.end + 200]
        codes = _of_country(after) or _nationality(after)
        if codes:
            return [Claim(code, layout.span(m.start, m.end)) for code in codes]
    for m in mentions:
        inherited = _inherited_country(doc, layout, m, refs, known)
        if inherited:
            return inherited
    for m in mentions:
        sent = _sentence(doc, m)
        if sent is None or layout.block_of(m.start).kind != CAPTION:
            continue
        found = {
            c
            for c in (_phrase_country(e.text) for e in sent.ents if e.label_ in {"GPE", "NORP"})
            if c
        }
        if len(found) == 1:
            return [Claim(found.pop(), layout.span(sent.start_char, sent.end_char))]
    return []


_OF_COUNTRY = re.compile(
    r"^(?:\s*\([^)]{1,12}\))?\s+of\s+(?:the\s+)?([A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*){0,3})"
)
_HOLDING = r"(?:who\s+(?:has|holds|had|held)|with|a)"
_NATIONALITY_NOUN = r"(?:nationality|citizenship|passports?|national|citizen)"
_NATIONALITY = re.compile(
    rf"^,?\s+{_HOLDING}\s+((?:dual\s+)?[A-Z][\w-]*(?:\s+(?:and|or)\s+[A-Z][\w-]*)?)"
    rf"\s+{_NATIONALITY_NOUN}\b"
)


def _of_country(after: str) -> list[str]:
    """ "Musharraf of Pakistan" -> PK."""
    match = _OF_COUNTRY.match(after)
    if not match:
        return []
    words = match.group(1).split()
    for size in range(len(words), 0, -1):
        code = gazetteer().code_of(" ".join(words[:size]))
        if code and gazetteer().kind_of(" ".join(words[:size])) == "name":
            return [code]
    return []


def _nationality(after: str) -> list[str]:
    """ ", who has dual British and Zambian nationality" -> GB, ZM."""
    match = _NATIONALITY.match(after)
    if not match:
        return []
    words = re.findall(r"[A-Z][\w-]*", match.group(1))
    return [c for c in (gazetteer().code_of(w) for w in words) if c]


def _sentence(doc: Doc, m: Mention) -> SpacySpan | None:
    span = doc.char_span(m.start, m.end, alignment_mode="expand")
    return span.sent if span is not None else None


def _adjacent_country(lead: str) -> str | None:
    """ "Iranian President " / "Israeli Prime Minister " directly before a name."""
    match = re.search(r"([A-Z][\w’'-]+)\s+((?:[A-Z][\w-]*\s+){0,3})$", lead)
    if not match:
        return None
    title = match.group(2).split()
    if title and not any(w.lower() in HONORIFICS or w.lower() in ROLE_WORDS for w in title):
        return None
    return (
        gazetteer().code_of(match.group(1))
        if gazetteer().kind_of(match.group(1)) in {"demonym", "name"}
        else None
    )


def _inherited_country(
    doc: Doc, layout: Layout, m: Mention, refs: list[PersonRef], known: dict[str, tuple[Claim, ...]]
) -> list[Claim]:
    """ "his predecessor, Ebrahim Raisi" takes the country of the person the sentence is about."""
    before = layout.text[max(0, m.start - 40) : m.start]
    match = re.search(r"\b(his|her|their)\s+(\w+),\s*$", before)
    if not match or match.group(2).lower() not in INHERITING_ROLES:
        return []
    sent = _sentence(doc, m)
    if sent is None:
        return []
    for other in refs:
        for span in other.mentions:
            block_start = layout.starts[[b.id for b in layout.article.blocks].index(span.block)]
            if sent.start_char <= block_start + span.start < m.start and known.get(other.key):
                return [Claim(c.value, layout.span(m.start, m.end)) for c in known[other.key]]
    return []
