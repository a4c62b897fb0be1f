"""The organisations the text ties a person to (leader, member, employee, player, spokesperson),
each as a Claim whose value is the organisation's key, read from the words that say so:

- a role that names the organisation: "Chelsea striker Didier Drogba", "Welshman Ncube,
  secretary general of the MDC", "Jim Lanzone, vice president of search at Ask Jeeves",
  "Menzies Campbell, the Liberal Democrats' foreign affairs spokesman", "a Labour MP";
- the organisation right after the name: "Mike Ryan of the World Health Organization";
- the organisation's possessive right before it: "Yahoo's Yonca Brunini";
- a predicate: "Nassar served as the team physician for USA Gymnastics", "X was on the board
  of the company" is left out (no organisation named).

Pure functions over a spaCy Doc laid out by `layout.Layout`; only `analyse` loads spaCy.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

from generator import lexicon
from generator.gazetteer import gazetteer
from generator.model import Claim, OrgRef, PersonRef, Span
from generator.nlp.entities import with_lower
from generator.nlp.layout import Layout
from generator.nlp.orgcandidates import list_members

ROLE_WORDS = lexicon.words("roles", "role_words") | lexicon.words("orgnames", "member_nouns")
MEMBERSHIP_VERBS = lexicon.words("orgnames", "membership_verbs")
BODY_NOUNS = lexicon.words("orgnames", "body_nouns")
OFFICE_TITLES = lexicon.words("orgnames", "office_titles")
OFFICE_BODIES = lexicon.words("orgnames", "office_bodies")
OFFICE_RANKS = lexicon.words("orgnames", "office_ranks")
OFFICE_SHADOWS = lexicon.words("orgnames", "office_shadows")
GROUP_ROLES = lexicon.words("orgnames", "group_roles")
_RESPECTIVELY = frozenset({get_string_id("respectively")})
_OF = re.compile(r"^(?:\s*,)?\s+(?:of|at|from|for|with)\s+(?:[Tt]he\s+)?(?:[a-z][\w-]*\s+){0,4}")
_POSSESSIVE = re.compile(r"['’]s\s+(?:[a-z][\w-]*\s+){0,3}$")
_OWNS = re.compile(r"^['’]s\s+")
_APPOSITION = re.compile(
    r"^\s*(?:,|\()\s*(?P<words>(?:(?!\.\s|\sand\s)[^,;:()“”\"]){2,120})"
)  # up to the end of the phrase, the sentence, or an "and" that may start a list
_LEAD_BREAKS = ',;:.()“”"\n'  # the words before a name run back to none of these
_CLAUSE_POS = frozenset({"VERB", "AUX", "SCONJ"})
_BODY = re.compile(rf"\b(?:the|its)\s+{lexicon.alternation(BODY_NOUNS)}\b")


class _Places:
    """The organisations' mentions by offsets in the joined text."""

    def __init__(self, layout: Layout, organisations: Sequence[OrgRef]) -> None:
        self.index = {block.id: n for n, block in enumerate(layout.article.blocks)}
        self.layout = layout
        found = sorted(
            (self.offset(s), self.offset(s) + (s.end - s.start), o.key)
            for o in organisations
            for s in o.mentions
        )
        self.starts = [f[0] for f in found]
        self.found = found

    def offset(self, span: Span) -> int:
        return self.layout.starts[self.index[span.block]] + span.start

    def within(self, start: int, end: int) -> list[str]:
        n = bisect.bisect_left(self.starts, start)
        out = []
        while n < len(self.found) and self.found[n][0] < end:
            if self.found[n][1] <= end:
                out.append(self.found[n][2])
            n += 1
        return out

    def starting_at(self, start: int) -> tuple[int, str] | None:
        n = bisect.bisect_left(self.starts, start)
        if n < len(self.found) and self.found[n][0] == start:
            return self.found[n][1], self.found[n][2]
        return None

    def ending_at(self, end: int) -> tuple[int, str] | None:
        for start, stop, key in self.found:
            if stop == end:
                return start, key
        return None

    def last_before(self, at: int) -> str | None:
        n = bisect.bisect_left(self.starts, at)
        return self.found[n - 1][2] if n else None

    def in_words(self, start: int, end: int) -> list[str]:
        """The organisations named in text[start:end], or the one "the company" stands for."""
        named = self.within(start, end)
        if named:
            return named
        body = _BODY.search(self.layout.text[start:end])
        last = self.last_before(start + body.start()) if body else None
        return [last] if last else []


def with_ties(
    doc: Doc, layout: Layout, people: Sequence[PersonRef], organisations: Sequence[OrgRef]
) -> tuple[PersonRef, ...]:
    """The people, each with the organisations the text ties them to."""
    if not organisations:
        return tuple(people)
    places = _Places(layout, organisations)
    ministries = [o for o in organisations if o.kind == "government" and _office_body(o.name)]
    out = []
    for ref in people:
        if ref.kind != "subject":
            out.append(ref)
            continue
        claims: dict[str, Claim] = {}
        found = [
            *_ties(doc, layout, places, ref),
            *_office_ties(ref, ministries),
            *_kind_ties(ref, organisations),
        ]
        for claim in found:
            claims.setdefault(claim.value, claim)
        out.append(replace(ref, organisations=tuple(claims.values())) if claims else ref)
    return tuple(out)


def _ties(doc: Doc, layout: Layout, places: _Places, ref: PersonRef) -> list[Claim]:
    found = []
    for role in ref.roles:
        if isinstance(role.source, Span):
            start = places.offset(role.source)
            end = start + role.source.end - role.source.start
            found += [Claim(key, role.source) for key in places.within(start, end)]
    for mention in ref.mentions:
        start = places.offset(mention)
        end = start + mention.end - mention.start
        around = _mention_ties(doc, layout, places, start, end)
        found += _respectively(doc, places, start, end, around)
    return found


def _mention_ties(doc: Doc, layout: Layout, places: _Places, start: int, end: int) -> list[Claim]:
    """The ties read around one mention of the person, at text[start:end]."""
    text = layout.text
    found = _worded_ties(doc, layout, places, start, end)
    after = _OF.match(text[end : end + 50])
    if after:
        org = places.starting_at(end + after.end())
        if org is not None:
            found.append(Claim(org[1], layout.span(start, org[0])))
    before = _POSSESSIVE.search(text[max(0, start - 40) : start])
    if before:
        org_end = start - len(before.group(0))
        owner = places.ending_at(org_end)
        if owner is not None:
            found.append(Claim(owner[1], layout.span(owner[0], end)))
    owned = _OWNS.match(text[end : end + 4])
    if owned:
        org = places.starting_at(end + owned.end())
        if org is not None:  # "Trump's White House"
            found.append(Claim(org[1], layout.span(start, org[0])))
    found += _predicate_ties(doc, layout, places, start, end)
    return found


def _office_ties(ref: PersonRef, ministries: Sequence[OrgRef]) -> list[Claim]:
    """ "Russia's deputy foreign minister" -> "Russian Foreign Ministry", "Secretary of State"
    -> "State Department": an office whose portfolio the name of one of the article's
    ministries holds, of the office holder's country where the role or the person has one."""
    out = []
    for role in ref.roles:
        if {w.casefold() for w in role.value.split()} & OFFICE_SHADOWS:
            continue  # "Shadow Foreign Secretary": the opposition's, not the ministry's
        portfolio = _portfolio(role.value)
        if not portfolio:
            continue
        countries = _countries_of(role.value) or {c.value for c in ref.countries}
        found = [
            o
            for o in ministries
            if portfolio & {w.casefold() for w in o.name.split()}
            and (
                {c.value for c in o.countries} & countries
                if o.countries and countries
                else not (o.countries or countries)
            )
        ]
        out += [Claim(o.key, role.source) for o in found[:1]]
    return out


def _kind_ties(ref: PersonRef, organisations: Sequence[OrgRef]) -> list[Claim]:
    """ "former British team member" -> "Team GB": a role that names a body by a noun of its
    kind, and the one organisation of the article whose name holds that noun, when the role
    has capitalised words after its first and each is in its name or names its country."""
    out = []
    for role in ref.roles:
        words = role.value.split()
        nouns = {w.casefold() for w in words} & BODY_NOUNS
        if not nouns or not _has_role_word(role.value):
            continue
        qualifiers = [w for w in words[1:] if w[:1].isupper()]
        found = [
            o
            for o in organisations
            if qualifiers
            and nouns & {w.casefold() for w in o.name.split()}
            and all(_belongs_to(w, o.name) for w in qualifiers)
        ]
        if len(found) == 1:
            out.append(Claim(found[0].key, role.source))
    return out


def _belongs_to(word: str, name: str) -> bool:
    """ "British" of "Team GB", "Labour" of "Labour Party": a word of the name or its country
    (by name, demonym or ISO code)."""
    g = gazetteer()
    code = g.state_code(word)
    return word in name.split() or (
        code is not None and any(w == code or g.state_code(w) == code for w in name.split())
    )


def _office_body(name: str) -> bool:
    return any(w.casefold() in OFFICE_BODIES for w in name.split())


def _portfolio(role: str) -> set[str]:
    """ "deputy foreign minister" -> {"foreign"}, "Secretary of State for Defence" ->
    {"defence"}, "Minister of Health" -> {"health"}: the words that name what an office of a
    ministry is in charge of."""
    words = [re.sub(r"['’]s?$", "", w.strip(",.")).casefold() for w in role.split()]
    out = set()
    for n, word in enumerate(words):
        if word not in OFFICE_TITLES:
            continue
        before = [w for w in words[max(0, n - 2) : n] if w not in OFFICE_RANKS]
        if before and not gazetteer().state_code(before[-1]):
            out.add(before[-1])
        after = words[n + 1 : n + 5]
        if after[:1] in (["of"], ["for"]) and len(after) > 1:
            if after[1:3] == ["state", "for"] and len(after) > 3:
                out.add(after[3])
            else:
                out.add(after[1])
    return out


def _countries_of(role: str) -> set[str]:
    """ "Russia's deputy foreign minister" -> {"RU"}: the countries a role's words name."""
    g = gazetteer()
    found = (g.state_code(re.sub(r"['’]s?$", "", w.strip(",."))) for w in role.split())
    return {c for c in found if c}


def lead_words(before: str) -> str:
    """The words at the end of `before` back to the last break (a comma, a full stop, a bracket,
    a quote mark, a new line), if there are two characters or more of them: what the pattern
    `[^,;:.()“”"\\n]{2,80}$` finds in at most 80 characters, found from the end rather than
    tried at every place."""
    if before.endswith("\n"):
        before = before[:-1]  # `$` matches before a last new line too
    start = max(before.rfind(mark) for mark in _LEAD_BREAKS) + 1
    return before[start:] if len(before) - start >= 2 else ""


def _worded_ties(doc: Doc, layout: Layout, places: _Places, start: int, end: int) -> list[Claim]:
    """ "Urs Holzle, Google vice-president of operations", "AU trade and industry commissioner
    Albert Muchanga": a role word and an organisation in the words around the name."""
    text = layout.text
    out = []
    apposition = _APPOSITION.match(text[end : end + 130])
    if apposition and _has_role_word(apposition.group("words")):
        stop = end + apposition.end()
        out += [Claim(k, layout.span(start, stop)) for k in places.within(end, stop)]
    lead = lead_words(text[max(0, start - 80) : start])
    first = _title_start(doc, start - len(lead), start) if lead else start
    if first < start and _has_role_word(text[first:start]):
        named = places.within(first, start)
        out += [Claim(k, layout.span(first, end)) for k in named]
        if not named:
            out += _body_in_sentence(layout, places, first, end) or _group_subject(
                doc, layout, places, first, start
            )
    return out


def _title_start(doc: Doc, first: int, start: int) -> int:
    """Where the title before a name at `start` begins, from `first` on: after the last verb,
    subordinating conjunction or other person's name between them ("Tory co-chairman Liam Fox
    was speaking after Mr Blair": no title of Mr Blair's, and no tie to the Tories; "a concert
    at the SECC after bassist Mike Mills": no tie to the venue)."""
    for token in reversed(doc.char_span(first, start, alignment_mode="expand") or ()):
        if token.idx >= start:
            continue
        if token.pos_ in _CLAUSE_POS or token.ent_type_ == "PERSON":
            return max(first, token.idx + len(token.text))
    return first


def _body_in_sentence(layout: Layout, places: _Places, first: int, end: int) -> list[Claim]:
    """ "former drummer Bill Berry collapsed while the band was on tour": a role without its
    organisation, and the organisation named before as "the band" in the same sentence."""
    text = layout.text
    stop = min((i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0), default=-1)
    stop = stop if stop >= 0 else len(text)
    body = _BODY.search(text[end:stop])
    if body is None:
        return []
    key = places.last_before(first)
    return [Claim(key, layout.span(first, end + body.end()))] if key else []


def _group_subject(
    doc: Doc, layout: Layout, places: _Places, first: int, start: int
) -> list[Claim]:
    """ "US rock band Kestrel cancelled shows after bass player Jo Kent fell ill": a role held
    only inside a band or team, written in lower case with no owner ("its", "their"), in a
    sentence whose subject is an organisation introduced by a noun of its kind ("band") and
    the only organisation the sentence names. "Tory co-chairman Liam Fox was speaking after Mr
    Blair" ties nobody to the Tories: "Mr" is no such role, and the subject is a person."""
    title = doc.char_span(first, start, alignment_mode="expand")
    if title is None or not any(t.lower_ in GROUP_ROLES for t in title):
        return []
    if any(not t.is_lower or t.tag_ == "PRP$" for t in title if t.idx < start):
        return []
    sent = title.sent
    named = set(places.within(sent.start_char, sent.end_char))
    for subject in (c for c in sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}):
        keys = places.within(subject.idx, subject.idx + len(subject))
        kinds = [t for t in subject.lefts if t.lemma_.lower() in BODY_NOUNS]
        if len(keys) == 1 and kinds and named == set(keys) and subject.i < title.start:
            return [Claim(keys[0], layout.span(kinds[0].idx, start))]
    return []


def _has_role_word(words: str) -> bool:
    return any(
        w.strip("’'s.,-").lower() in ROLE_WORDS or w.lower().split("-")[-1] in ROLE_WORDS
        for w in words.split()
    )


def _predicate_ties(doc: Doc, layout: Layout, places: _Places, start: int, end: int) -> list[Claim]:
    """ "Nassar served as the team physician for USA Gymnastics", "Smith is a Labour MP"."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    if span.root.dep_ == "appos":  # "a Republican, Mark Amodei"
        head = span.root.head
        named = places.within(head.idx, head.idx + len(head.text))
        if named:
            return [Claim(named[0], layout.span(head.idx, end))]
    verb = _membership_verb(span.root)
    if verb is None:
        return []
    out = []
    for child in verb.children:
        if child.dep_ not in {"attr", "prep", "dobj", "acomp"} or child.i < span.root.i:
            continue
        words = list(child.subtree)
        if not any(_is_role(t) for t in words) and verb.lemma_ == "be":
            continue
        first, last = words[0], words[-1]
        stop = last.idx + len(last.text)
        for key in places.in_words(first.idx, stop):
            out.append(Claim(key, layout.span(min(start, first.idx), max(end, stop))))
    return out


def _respectively(
    doc: Doc, places: _Places, start: int, end: int, claims: list[Claim]
) -> list[Claim]:
    """ "X, Y and Z, who chair the committees on A, B and C, respectively": the nth name of
    the list takes the nth of the last organisations named after it; those named before
    them ("the House's") are everyone's."""
    if not with_lower(doc, _RESPECTIVELY):  # in no sentence of the Doc
        return claims
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or not any(t.lower_ == "respectively" for t in span.root.sent):
        return claims
    token = span.root
    members = sorted([token, *list_members(token)], key=lambda t: t.i)
    after: dict[str, int] = {}
    for first, _, key in places.found:
        if first >= end:
            after.setdefault(key, first)
    keys = sorted(dict.fromkeys(c.value for c in claims), key=lambda k: after.get(k, -1))
    n = len(members)
    if n < 2 or len(keys) < n:
        return claims
    place = [t.i for t in members].index(token.i)
    mine = keys[len(keys) - n + place]
    shared = keys[: len(keys) - n]
    return [c for c in claims if c.value == mine or c.value in shared]


def _membership_verb(token: Token) -> Token | None:
    """The verb whose subject the name is, directly, through a list ("X, Y and Z, who serve
    as ..."), or through a relative clause on it."""
    while token.dep_ == "conj" and token.head.i != token.i:
        token = token.head
    if token.dep_ in {"nsubj", "nsubjpass"} and token.head.lemma_.casefold() in MEMBERSHIP_VERBS:
        return token.head
    for child in token.subtree:
        if (
            child.dep_ == "relcl"
            and child.lemma_.casefold() in MEMBERSHIP_VERBS
            and any(c.dep_ == "nsubj" and c.lower_ in {"who", "that"} for c in child.children)
        ):
            return child
    return None


def _is_role(token: Token) -> bool:
    word = token.lower_
    return (
        word in ROLE_WORDS
        or token.lemma_.casefold() in ROLE_WORDS
        or (word.split("-")[-1] in ROLE_WORDS)
    )
