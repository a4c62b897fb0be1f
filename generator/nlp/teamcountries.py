"""A person's country from the national side the sentence puts them in, where the text states
that side's country:

- one of its players listed after it: "the British team of Ann Lee, Bo Hart and Cy Dunn",
  "Britain's squad, Ann Lee and Bo Hart, ...";
- picked for it or playing in it: "Ann Lee has been named in the England squad", "Lee plays
  for the British team", "Lee won her place in the GB side";
- missed by its results: "Britain's last win without Ann Lee" (she plays for Britain);
- named as whom "Britain's opponents" meet in a fixture: "Britain's next opponents, Chile,
  are ready for the match against a trio of Ann Lee, Bo Hart and Cy Dunn".

The side must be owned by a country's name ("Britain's") or qualified by its name or demonym
("the British team"); a team named only by a city, a club or nothing gives no country.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from generator import lexicon
from generator.model import Claim
from generator.nlp.countryclues import country_modifier
from generator.nlp.layout import Layout

SIDE_NOUNS = lexicon.words("countries", "side_nouns")
SIDE_RESULTS = lexicon.words("countries", "side_results")
OPPONENT_NOUNS = lexicon.words("countries", "opponent_nouns")
SPORTS_FIXTURES = lexicon.words("countries", "sports_fixtures")
SELECTION_VERBS = lexicon.words("countries", "side_selection_verbs")
MEMBER_VERBS = lexicon.words("countries", "side_member_verbs")
SIDE_PLACES = lexicon.words("countries", "side_places")
PLACE_VERBS = lexicon.words("countries", "side_place_verbs")
_INTO_SIDE = frozenset({"in", "into", "to", "from", "for", "of"})


def side_country(doc: Doc, layout: Layout, start: int, end: int) -> list[Claim]:
    """The country of the national side the person named at text[start:end] plays in, cited
    from the side's country word to the name."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return []
    first = _first_of_list(span.root)
    for found in (
        _listed_in_side(first),
        _placed_in_side(span.root),
        _missed_by_side(first),
        _faced_by_opponents(first),
    ):
        if found is not None:
            code, word = found
            lo, hi = min(word.idx, start), max(word.idx + len(word), end)
            return [Claim(code, layout.span(lo, hi))]
    return []


def _first_of_list(token: Token) -> Token:
    """The first name of the list a name stands in ("A, B and C": A)."""
    while token.dep_ == "conj" and token.head.i < token.i and token.head.pos_ == "PROPN":
        token = token.head
    return token


def _listed_in_side(token: Token) -> tuple[str, Token] | None:
    """ "the British team of A, B and C", "Britain's squad, A and B": the side's country."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.dep_ == "prep":
        head = head.head
    elif token.dep_ != "appos":
        return None
    return country_modifier(head, SIDE_NOUNS) if head.pos_ == "NOUN" else None


def _placed_in_side(token: Token) -> tuple[str, Token] | None:
    """ "Lee has been named in the England squad", "Rob named Lee in Wales' side", "Lee plays
    for the British team", "Lee, who won his place in the GB team": the side's country. Not
    "Rob named Lee in the England squad" for Rob (the selector), nor "Lee returned to the England
    side as coach" (a side's staff need not be of its country)."""
    verb = _verb_placing(token)
    if verb is None or any(c.dep_ == "prep" and c.lower_ == "as" for c in verb.children):
        return None
    places = [c for c in verb.children if c.lemma_.lower() in SIDE_PLACES]
    if verb.lemma_.lower() not in MEMBER_VERBS | SELECTION_VERBS and not places:
        return None  # "won his place in the side", not "lost to the British team"
    holders = [verb, *places]
    for holder in holders:
        for side in _sides_after(holder):
            found = country_modifier(side, SIDE_NOUNS)
            if found is not None:
                return found
    return None


def _verb_placing(token: Token) -> Token | None:
    """The verb that would put the person of `token` in a side: one of selection with them as
    object or passive subject, or one of playing with them as (relative) subject."""
    token = _first_of_list(token)
    verb = token.head
    lemma = verb.lemma_.lower()
    if token.dep_ in {"dobj", "oprd", "nsubjpass"} and lemma in SELECTION_VERBS:
        return verb
    if token.dep_ == "nsubj" and lemma in MEMBER_VERBS | PLACE_VERBS:
        return verb
    for clause in (c for c in token.children if c.dep_ == "relcl"):
        who = any(c.dep_ == "nsubj" and c.lower_ in {"who", "that"} for c in clause.children)
        if who and clause.lemma_.lower() in MEMBER_VERBS | PLACE_VERBS:
            return clause
    return None


def _sides_after(holder: Token) -> list[Token]:
    """The nouns after the prepositions that put someone in a side ("in", "into", "to", "from",
    "for", "out of"), on `holder`."""
    out = []
    for prep in (c for c in holder.children if c.dep_ == "prep"):
        if prep.lower_ == "out":
            prep = next((c for c in prep.children if c.lower_ == "of"), prep)
        if prep.lower_ in _INTO_SIDE:
            out += [c for c in prep.children if c.dep_ == "pobj" and c.pos_ == "NOUN"]
    return out


def _missed_by_side(token: Token) -> tuple[str, Token] | None:
    """ "Britain's last win without A": the country whose result is had without the person."""
    prep = token.head
    if token.dep_ != "pobj" or prep.lower_ != "without" or prep.head.pos_ != "NOUN":
        return None
    return country_modifier(prep.head, SIDE_RESULTS | SIDE_NOUNS)


def _faced_by_opponents(token: Token) -> tuple[str, Token] | None:
    """ "Britain's next opponents, Chile, face Peru before the match against (a trio of) A, B
    and C": the country whose opponents, the sentence's subject, meet the person in a fixture.
    Not "Britain's rivals lobbied against A" (no fixture), nor "Britain's match against A" (the
    person is the opponent)."""
    against = _preposition_over(token)
    if against is None or against.head.lemma_.lower() not in SPORTS_FIXTURES:
        return None
    subjects = [c for c in token.sent.root.children if c.dep_ in {"nsubj", "nsubjpass"}]
    for subject in subjects:
        found = country_modifier(subject, OPPONENT_NOUNS)
        if found is not None:
            return found
    return None


def _preposition_over(token: Token) -> Token | None:
    """The "against" the name is the object of, directly or as a member of the group after it
    ("against a likely trio of A, B and C")."""
    head = token.head
    if token.dep_ == "pobj" and head.lower_ == "of" and head.head.dep_ == "pobj":
        token, head = head.head, head.head.head
    if token.dep_ == "pobj" and head.lower_ == "against":
        return head
    return None
