"""A person's country from the rest of the article, where the sentence that names them gives
none: the office-holder who spoke, unnamed, in the sentence before; the other of two leaders at a
"Japan-US" summit; the person they serve or are related to; and the organisations the text ties
them to, placed by their name or by the words around it ("US rock band REM").

Never from the article's other countries alone: "President X" with no state named has none.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from generator import lexicon
from generator.gazetteer import gazetteer
from generator.model import Claim, OrgRef, PersonRef, Span
from generator.nlp.countryclues import (
    countries_in_role,
    country_before_name,
    first_per_code,
    holds_a_state_office,
    institution_country,
    organisation_described,
    principal_at,
    sentence_at,
    sentence_of,
)
from generator.nlp.entities import doc_text
from generator.nlp.layout import Layout
from generator.nlp.mentions import Mention
from generator.nlp.speech import is_speech_verb

HONORIFICS = lexicon.words("people", "honorifics")
ROLE_WORDS = lexicon.words("roles", "role_words")
INHERITING_ROLES = lexicon.words("roles", "inheriting_roles")
PARTIES = lexicon.word_table("countries", "parties")
_SERVING = re.compile(r"([A-Z][\w-]+)[’']s\s+(?:[a-z]+\s+)?([a-z]+)$")
# "Japan-US", "Russian-Chinese": two countries joined by a hyphen (talks, a summit between them).
_POSSESSIVE = re.compile(r"\w[’']s\b")
_PAIR = re.compile(r"\b([A-Z][\w.]*[a-zA-Z])-([A-Z][\w.]*[a-zA-Z])\b")


def title_before(
    doc: Doc,
    layout: Layout,
    ref: PersonRef,
    mentions: list[Mention],
    groups: dict[str, list[Mention]],
) -> tuple[Claim, ...]:
    """ "Pakistan's envoy to Britain said they should integrate. Dr Rana Malik said...": a person
    with no role of their own, named first at the head of a sentence, is the office-holder who
    spoke, unnamed, in the sentence before, when that sentence names nobody."""
    if ref.roles or not mentions:
        return ()
    first = mentions[0]
    sent = sentence_of(doc, first.start, first.end)
    if sent is None or sent.start == 0 or not _opens(doc, sent, first):
        return ()
    before = sentence_at(doc, sent.start - 1)
    named = (m.start for group in groups.values() for m in group)
    if any(before.start_char <= start < before.end_char for start in named):
        return ()
    for token in before:
        if (
            token.dep_ in {"nsubj", "nsubjpass"}
            and token.tag_ in {"NN", "NNP"}  # one person: not "officials said"
            and token.lemma_.lower() in ROLE_WORDS
            and is_speech_verb(token.head)
            and not any(t.ent_type_ == "PERSON" for t in token.subtree)
        ):
            phrase = doc[token.left_edge.i : token.right_edge.i + 1]
            source = layout.span(phrase.start_char, phrase.end_char)
            return first_per_code(countries_in_role(Claim(phrase.text, source)))
    return ()


def _opens(doc: Doc, sent: SpacySpan, m: Mention) -> bool:
    """Whether the mention starts its sentence, after courtesy titles at most ("Dr Rana Malik")."""
    lead = doc_text(doc)[sent.start_char : m.start].split()
    return all(w.rstrip(".").lower() in HONORIFICS for w in lead)


def summit_partner(
    doc: Doc,
    layout: Layout,
    ref: PersonRef,
    refs: list[PersonRef],
    groups: dict[str, list[Mention]],
    known: dict[str, tuple[Claim, ...]],
) -> tuple[Claim, ...]:
    """ "the Japan-US summit between Prime Minister Kenji Oda and US President Ray Hall": of two
    office-holders the sentence names beside a pair of countries, the one with no country of his
    own holds the office of the country the other does not."""
    if not holds_a_state_office(ref):
        return ()
    for m in groups[ref.name]:
        sent = sentence_of(doc, m.start, m.end)
        pair = _country_pair(layout, sent) if sent is not None else None
        if sent is None or pair is None:
            continue
        others = [
            other
            for other in refs
            if other is not ref
            and any(sent.start_char <= o.start < sent.end_char for o in groups[other.name])
        ]
        codes = {c.value for other in others for c in known.get(other.key, ())}
        pair_codes, source = pair
        if len(others) == 1 and len(codes) == 1 and codes < pair_codes:
            return (Claim((pair_codes - codes).pop(), source),)
    return ()


def host_at_seat(
    doc: Doc,
    layout: Layout,
    ref: PersonRef,
    refs: list[PersonRef],
    groups: dict[str, list[Mention]],
    known: dict[str, tuple[Claim, ...]],
) -> tuple[Claim, ...]:
    """ "The Chilean president met Prime Minister Ed Hale at 10 Downing Street": an office-holder
    whom a visitor of another country meets at a seat of government is of that seat's state
    (and no one's when the one who meets him is of that state himself)."""
    if not holds_a_state_office(ref):
        return ()
    for m in groups[ref.name]:
        span = doc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None or span.root.dep_ != "dobj":
            continue
        verb = span.root.head
        seat = next(
            (
                pobj
                for prep in verb.children
                if prep.dep_ == "prep" and prep.lower_ == "at"
                for pobj in prep.children
                if pobj.dep_ == "pobj"
            ),
            None,
        )
        place = doc[seat.left_edge.i : seat.i + 1] if seat is not None else None
        code = institution_country(place.text) if place is not None else None
        visitor = _subject_countries(doc, verb, refs, groups, known)
        if place is not None and code and visitor and code not in visitor:
            return (Claim(code, layout.span(place.start_char, place.end_char)),)
    return ()


def _subject_countries(
    doc: Doc,
    verb: Token,
    refs: list[PersonRef],
    groups: dict[str, list[Mention]],
    known: dict[str, tuple[Claim, ...]],
) -> set[str]:
    """The countries of the verb's subject: the person it names, or its demonym ("the Chilean
    president")."""
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        start, end = subject.left_edge.idx, subject.idx + len(subject)
        for other in refs:
            if any(start <= m.start < end for m in groups[other.name]):
                return {c.value for c in known.get(other.key, ())}
        g = gazetteer()
        return {
            g.code_of(t.text) or ""
            for t in subject.subtree
            if t.i <= subject.i and g.kind_of(t.text) in {"name", "demonym"} and g.code_of(t.text)
        }
    return set()


def _country_pair(layout: Layout, sent: SpacySpan) -> tuple[set[str], Span] | None:
    """The two countries of a "Japan-US" or "Russian-Chinese" pair in the sentence, and where."""
    g = gazetteer()
    for match in _PAIR.finditer(sent.text):
        codes = {g.code_of(match.group(1)), g.code_of(match.group(2))}
        if None not in codes and len(codes) == 2:
            start = sent.start_char + match.start()
            return {c for c in codes if c}, layout.span(start, start + len(match.group()))
    return None


def with_organisation_countries(
    people: tuple[PersonRef, ...],
    organisations: tuple[OrgRef, ...],
    in_text: dict[str, tuple[Claim, ...]] | None = None,
) -> tuple[PersonRef, ...]:
    """People the text ties to an organisation of a known country ("Halifax chief economist"),
    and no country of their own, take that country, cited where the tie was read. An
    organisation's country is known from its name, or from the text around it (`in_text`, by
    organisation key: organisation_countries_in_text), and then only if all such organisations
    of the person agree.

    A person with countries of their own keeps them: the tie is weaker evidence than a role or a
    demonym on the person.
    """
    named = {org.key: _stated_in_name(org) for org in organisations}
    extra = in_text or {}
    out = []
    for person in people:
        if person.countries or person.kind != "subject":
            out.append(person)
            continue
        # organisations placed only by the words around them: one country, or none (ties to a
        # Japanese and a French carmaker say little about which one the person serves)
        claims = _tied_countries(person, named)
        around = _tied_countries(person, extra)
        if not claims and len({c.value for c in around}) == 1:
            claims = around
        out.append(PersonRef(**{**person.__dict__, "countries": claims}))
    return tuple(out)


def _tied_countries(
    person: PersonRef, countries: dict[str, tuple[Claim, ...]]
) -> tuple[Claim, ...]:
    """The countries of the organisations a person is tied to, cited where the tie was read."""
    return first_per_code(
        Claim(country.value, tie.source)
        for tie in person.organisations
        for country in countries.get(tie.value, ())
    )


def _principal_countries(
    doc: Doc,
    layout: Layout,
    person: PersonRef,
    refs: list[PersonRef],
    known: dict[str, tuple[Claim, ...]],
) -> tuple[Claim, ...]:
    """ "X was serving as Lee's personal lawyer": Lee's countries, cited where X is named."""
    for span in person.mentions:
        start = absolute_start(layout, span)
        end = start + span.end - span.start
        if not _POSSESSIVE.search(layout.text, end, end + 80):
            continue  # no "Lee's" after the name: no principal to read
        at = principal_at(doc, start, end)
        principal = next(
            (
                other
                for other in refs
                if at is not None
                and other is not person
                and any(
                    absolute_start(layout, s) <= at[0] < absolute_start(layout, s) + s.end - s.start
                    for s in other.mentions
                )
            ),
            None,
        )
        if principal is not None and at is not None:
            cited = layout.span(at[1], at[2])
            return tuple(Claim(c.value, cited) for c in known.get(principal.key, ()))
    return ()


def organisation_countries_in_text(
    doc: Doc, layout: Layout, organisations: tuple[OrgRef, ...], named: set[str]
) -> dict[str, tuple[Claim, ...]]:
    """Countries the article states for its organisations beyond their names, by key: a country
    word in the nouns before a name ("US rock band REM"); and for a party named like one state's
    ("the Republicans"), that state, where the article names it and one of its institutions
    ("the White House"): a party so named in another country's news gets none. `named`: the
    countries the article names."""
    states = {
        c.value for org in organisations if org.kind == "government" for c in _stated_in_name(org)
    }
    out: dict[str, tuple[Claim, ...]] = {}
    for org in organisations:
        claims = []
        for span in org.mentions:
            start = absolute_start(layout, span)
            end = start + span.end - span.start
            found = country_before_name(doc, start, end) or organisation_described(doc, start, end)
            if found is not None:
                claims.append(Claim(found[2], layout.span(found[0], found[1])))
        party = PARTIES.get(org.name.casefold().removeprefix("the "))
        if org.kind == "party" and party in named & states and org.mentions:
            claims.append(Claim(party, org.mentions[0]))
        out[org.key] = first_per_code(claims)
    return out


def with_countries_of_relations(
    doc: Doc, layout: Layout, people: tuple[PersonRef, ...]
) -> tuple[PersonRef, ...]:
    """People with no country yet whose relation or principal got one from an organisation
    ("Joe Biden and his son, Hunter Biden"; "Senator Ann Moe's aide")."""
    refs = list(people)
    known = {p.key: p.countries for p in people}
    out = []
    for person in people:
        if person.countries or person.kind != "subject":
            out.append(person)
            continue
        claims = countries_of_whom_they_serve(person, refs, known) or _principal_countries(
            doc, layout, person, refs, known
        )
        for span in person.mentions if not claims else ():
            start = absolute_start(layout, span)
            mention = Mention(start, start + span.end - span.start, person.name, span.text)
            claims = tuple(inherited_country(doc, layout, mention, refs, known))
            if claims:
                break
        out.append(PersonRef(**{**person.__dict__, "countries": first_per_code(claims)}))
    return tuple(out)


def _stated_in_name(org: OrgRef) -> tuple[Claim, ...]:
    """An organisation's countries its people inherit: the ones its own name states ("Russian
    Foreign Ministry", "United States Olympic Committee"), or those of a state's institution
    ("the White House", "Congress"). A party or group the gazetteer places ("Labour") is common
    knowledge about the name, not the text's word for the person (Labour is no British party in
    Australian news)."""
    g = gazetteer()

    def stated(claim: Claim) -> bool:
        if not isinstance(claim.source, Span):
            return False
        words = claim.source.text.split()
        runs = (" ".join(words[i:j]) for i in range(len(words)) for j in range(i + 1, i + 4))
        return org.kind == "government" or any(g.state_code(r) == claim.value for r in runs)

    return tuple(c for c in org.countries if stated(c))


def countries_of_whom_they_serve(
    ref: PersonRef, refs: list[PersonRef], known: dict[str, tuple[Claim, ...]]
) -> tuple[Claim, ...]:
    """ "President Zelensky's aide" has the country of the Zelensky of the article."""
    for role in ref.roles:
        match = _SERVING.search(role.value)
        if not match or match.group(2).lower() not in INHERITING_ROLES:
            continue
        served = [
            other
            for other in refs
            if other is not ref and match.group(1) in (other.name, other.name.split()[-1])
        ]
        if len(served) == 1:
            return tuple(Claim(c.value, role.source) for c in known.get(served[0].key, ()))
    return ()


def inherited_country(
    doc: Doc, layout: Layout, m: Mention, refs: list[PersonRef], known: dict[str, tuple[Claim, ...]]
) -> list[Claim]:
    """ "his predecessor, Ebrahim Raisi" takes the country of the person named last before it in
    the sentence ("Trump asks Zelensky to investigate Joe Biden and his son, Hunter Biden": Joe
    Biden's), and none when that person has none."""
    before = layout.text[max(0, m.start - 40) : m.start]
    match = re.search(r"\b(his|her|their)\s+(\w+),\s*$", before)
    if not match or match.group(2).lower() not in INHERITING_ROLES:
        return []
    sent = sentence_of(doc, m.start, m.end)
    if sent is None:
        return []
    before_m = [
        (absolute_start(layout, span), other)
        for other in refs
        for span in other.mentions
        if sent.start_char <= absolute_start(layout, span) < m.start
    ]
    if not before_m:
        return []
    _, nearest = max(before_m, key=lambda pair: pair[0])
    return [Claim(c.value, layout.span(m.start, m.end)) for c in known.get(nearest.key, ())]


def absolute_start(layout: Layout, span: Span) -> int:
    """Where a mention starts in the article's joined text."""
    index = next(i for i, b in enumerate(layout.article.blocks) if b.id == span.block)
    return layout.starts[index] + span.start
