"""Who said a quotation: the speech verb of its sentence, and the person its subject names.

The subject is read from the parse spaCy already made: a name ("Pezeshkian said"), a pronoun
("he told reporters", resolved to the person last named as the subject of a sentence), a title
("the home secretary said", resolved to the one person in the article who bears that title), an
institution ("the ministry said": no person), or "according to X". Nothing is guessed: a subject
that names no one evident gives `speaker=None`.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from generator.layout import Layout
from generator.model import PersonRef
from generator.people import ORG_WORDS, ROLE_WORDS
from generator.places import gazetteer

# fmt: off
SPEECH_VERBS = frozenset({
    "say", "tell", "add", "urge", "describe", "call", "warn", "insist", "claim", "state",
    "declare", "announce", "explain", "note", "argue", "write", "ask", "reply", "answer",
    "stress", "emphasise", "emphasize", "acknowledge", "admit", "remark", "comment", "suggest",
    "continue", "conclude", "predict", "promise", "vow", "pledge", "accuse", "deny", "confirm",
    "complain", "recall", "observe", "tweet", "post", "label", "dub", "brand", "term", "regard",
    "characterize", "characterise", "recount", "point", "caution", "reiterate", "assert",
    "maintain", "contend", "allege", "testify", "reveal", "disclose", "assure", "remind",
    "demand", "appeal", "plead", "retort", "counter", "respond", "concede", "boast", "joke",
    "quip", "lament", "hail", "praise", "condemn", "criticise", "criticize", "dismiss",
    "reject", "welcome", "shout", "cry", "whisper", "mutter", "exclaim", "interject", "refer",
    "elaborate", "underline", "summarise", "summarize", "believe", "think", "agree",
    "question", "wonder", "threaten", "proclaim", "affirm", "order", "quote",
})
WEAK_VERBS = frozenset({  # attribute a quote only when no other speech verb in its sentence does
    "agree", "believe", "think", "hope", "wonder", "welcome", "reject", "dismiss", "question",
    "continue", "order", "maintain", "respond", "regard", "refer", "praise", "condemn",
})
PERSONAL_PRONOUNS = {"he": "m", "she": "f", "him": "m", "her": "f", "his": "m"}
GROUP_PRONOUNS = {"it", "they", "we", "its", "their"}
TITLE_WORDS = frozenset(ROLE_WORDS | {
    "legislator", "source", "spokesperson", "premier", "monarch", "pontiff", "attorney",
    "counsel", "sheriff", "inspector", "superintendent", "dean", "rector", "pm", "head",
    "president-elect", "vice-chairman", "boss", "manager", "coach", "archbishop", "bishop",
    "cardinal", "pope", "imam", "rabbi", "priest", "reverend", "mufti", "chancellor",
    "secretary-general", "chief", "treasurer", "economist", "scientist", "spokeswoman",
})
INSTITUTION_WORDS = frozenset(ORG_WORDS | {
    "ministry", "statement", "report", "embassy", "administration", "cabinet", "parliament",
    "authorities", "authority", "newspaper", "paper", "agency", "council", "regime", "state",
    "country", "side", "kremlin", "pentagon", "palace", "team",
})
IGNORED_MODIFIERS = frozenset({
    "top", "senior", "new", "then", "current", "visiting", "outgoing", "own", "incoming",
    "veteran", "embattled", "same",
})
ANONYMOUS_ROLES = frozenset({  # "the source said": never the last person named
    "source", "official", "spokesman", "spokeswoman", "spokesperson", "aide", "insider",
    "diplomat", "officer", "analyst", "expert", "member", "observer", "witness", "resident",
})
DESCRIPTIONS = frozenset({  # "the Dutchman said": the person the sentences before are about
    "man", "woman", "dutchman", "irishman", "frenchman", "englishman", "welshman", "scotsman",
    "scot", "briton", "player", "star", "veteran", "youngster", "striker", "midfielder",
    "defender", "winger", "goalkeeper", "keeper", "champion", "winner", "athlete", "runner",
    "sprinter", "actor", "actress", "singer", "musician", "rapper", "comedian", "novelist",
    "artist", "designer", "businessman", "businesswoman", "tycoon", "entrepreneur", "billionaire",
    "millionaire", "skipper",
})
SPEECH_NOUNS = frozenset({  # "Rumsfeld's statement that ...": weak cues, as a last resort
    "statement", "remark", "comment", "warning", "assertion", "pledge", "message", "speech",
    "testimony", "declaration", "announcement",
})
# fmt: on
MALE = re.compile(r"\b(?:Mr|Mister|Sir|Lord|King|Prince|Sheikh|Father|Brother)\.?\s+$")
FEMALE = re.compile(r"\b(?:Mrs|Ms|Miss|Lady|Dame|Queen|Princess|Madam|Sister)\.?\s+$")
SUBJECTS = {"nsubj", "nsubjpass"}
LOOKBACK_SENTENCES = 8


@dataclass(frozen=True)
class Speaker:
    """Who a subject names: a person key (or None), the words, and how they name them."""

    key: str | None
    text: str
    via: str  # name | pronoun | title | none


@dataclass(frozen=True)
class Cue:
    """The speech verb (or "according to") that attributes a quotation, with its speaker."""

    at: int  # offset of the verb in the joined text
    words: str  # "said", "told reporters", "according to"
    speaker: Speaker
    subject: tuple[int, int] = (0, 0)  # offsets of the words that name the speaker, whole phrase
    weak: bool = False  # "agree", "believe": attributes only when no other verb does
    scope: tuple[int, int] = (0, 0)  # for a noun ("X's statement that ..."): the words it covers


@dataclass(frozen=True)
class Scene:
    """What attribution needs to know about one article, computed once."""

    doc: Doc
    layout: Layout
    sentences: tuple[tuple[int, int], ...]  # offsets in the joined text, in order
    quoted: tuple[tuple[int, int], ...]  # the words of every quotation, in order
    token_person: dict[int, str]  # token index -> person key, for names outside quotations
    mention_starts: dict[str, tuple[int, ...]]  # person key -> offsets of their mentions
    titles: dict[str, frozenset[str]]  # person key -> title words ("home", "secretary", "@GB")
    genders: dict[str, str]  # person key -> "m" | "f", where an honorific says so


def article_scene(
    doc: Doc,
    layout: Layout,
    people: Sequence[PersonRef],
    sentences: Sequence[tuple[int, int]],
    quoted: Sequence[tuple[int, int]],
) -> Scene:
    quoted = sorted(quoted)
    mentions = person_offsets(layout, people)
    token_person: dict[int, str] = {}
    starts: dict[str, list[int]] = {}
    for start, end, key in mentions:
        if _inside(quoted, start):
            continue
        starts.setdefault(key, []).append(start)
        span = doc.char_span(start, end, alignment_mode="expand")
        for token in span or ():
            token_person[token.i] = key
    scene = Scene(
        doc,
        layout,
        tuple(sentences),
        tuple(quoted),
        token_person,
        {k: tuple(v) for k, v in starts.items()},
        {},
        {},
    )
    titles = {ref.key: title_words(scene, ref) for ref in people if ref.kind == "subject"}
    genders = {key: g for key in starts if (g := gender_of(layout.text, starts[key]))}
    return Scene(
        doc,
        layout,
        scene.sentences,
        scene.quoted,
        token_person,
        scene.mention_starts,
        titles,
        genders,
    )


def person_offsets(layout: Layout, people: Sequence[PersonRef]) -> list[tuple[int, int, str]]:
    """(start, end, key) of every mention of a subject person, in the joined text."""
    index = {b.id: i for i, b in enumerate(layout.article.blocks)}
    out = []
    for ref in people:
        if ref.kind != "subject":
            continue
        for span in ref.mentions:
            if span.block in index:
                base = layout.starts[index[span.block]]
                out.append((base + span.start, base + span.end, ref.key))
    return sorted(out)


def _inside(quoted: Sequence[tuple[int, int]], offset: int) -> bool:
    """Whether `offset` falls in the words of a quotation (`quoted` is in order, not nested)."""
    at = bisect.bisect_right(quoted, (offset, 1 << 62)) - 1
    return at >= 0 and quoted[at][0] <= offset < quoted[at][1]


def gender_of(text: str, starts: Sequence[int]) -> str:
    """ "m" or "f" when an honorific before a mention says so ("Mr Straw"), else ""."""
    for start in starts:
        before = text[max(0, start - 12) : start]
        if MALE.search(before):
            return "m"
        if FEMALE.search(before):
            return "f"
    return ""


# --- titles ---------------------------------------------------------------------------------


def title_words(scene: Scene, ref: PersonRef) -> frozenset[str]:
    """Every title word the article gives a person: before the name, in apposition, in roles."""
    doc = scene.doc
    words: list[str] = []
    for claim in ref.roles:
        words += claim.value.split()
    for code in {c.value for c in ref.countries}:
        words.append("@" + code)
    for i, key in scene.token_person.items():
        if key != ref.key or (i > 0 and scene.token_person.get(i - 1) == key):
            continue
        words += [t.text for t in _leading_title(doc, i)]
        last = i
        while scene.token_person.get(last + 1) == key:
            last += 1
        trailing = [t for t in _trailing_title(doc, last) if t.i not in scene.token_person]
        if any(_is_title(t) for t in trailing):
            words += [t.text for t in trailing]
    return frozenset(_normal_words(words))


def _leading_title(doc: Doc, first: int) -> list[Token]:
    """ "Home Secretary" in "Home Secretary Charles Clarke", "US President" in "US President X"."""
    out: list[Token] = []
    i = first - 1
    while (
        i >= 0
        and len(out) < 6
        and doc[i].pos_ in {"PROPN", "NOUN", "ADJ", "PART"}
        and not doc[i].is_punct
        and doc[i].text not in {"'", "’"}
    ):
        out.insert(0, doc[i])
        i -= 1
    return out


def _trailing_title(doc: Doc, last: int) -> list[Token]:
    """ ", Russia's deputy foreign minister," and "of Pakistan" after a name."""
    following = doc[last + 1 : last + 16]
    if len(following) > 1 and following[0].text == "(":
        close = next((t.i for t in following if t.text == ")"), None)
        following = doc[close + 1 : close + 16] if close is not None else following
    if len(following) > 1 and following[0].text == ",":
        out = []
        for token in following[1:]:
            if token.is_punct or token.pos_ in {"VERB", "AUX"} or token.lower_ in {"who", "which"}:
                break
            out.append(token)
        return out
    if (
        len(following) > 1
        and following[0].lower_ == "of"
        and following[1].ent_type_ in {"GPE", "NORP"}
    ):
        return [following[1]]
    return []


def _normal_words(words: Sequence[str]) -> set[str]:
    out: set[str] = set()
    cleaned = [
        w
        if w.startswith("@")
        else w.casefold().strip(".,;:’'\"()").removesuffix("’s").removesuffix("'s")
        for w in words
    ]
    cleaned = [w for w in cleaned if w]
    g = gazetteer()
    for i, word in enumerate(cleaned):
        out.add(word)
        for size in (2, 1):
            phrase = " ".join(cleaned[i : i + size])
            code = g.code_of(phrase) if len(phrase) > 1 else None
            if code:
                out.add("@" + code)
    return out


def title_holder(scene: Scene, head: Token, at: int) -> str | None:
    """The one person an article calls by this title ("the Pakistani president"), or None."""
    role = head.lemma_.casefold()
    codes, plain = _modifier_words(head)
    found = []
    for key, words in scene.titles.items():
        if role not in words and head.lower_ not in words:
            continue
        known = {w for w in words if w.startswith("@")}
        if (known and not codes <= known) or any(w not in words for w in plain if w != role):
            continue
        found.append(key)
    return _nearest_before(scene, found, at)


def _modifier_words(head: Token) -> tuple[set[str], list[str]]:
    """The countries ("@PK") and other words ("home") that narrow a title down."""
    words = [t.text for t in _title_modifiers(head)]
    normal = _normal_words(words)
    codes = {w for w in normal if w.startswith("@")}
    g = gazetteer()
    covered: set[str] = set()
    cleaned = [w.casefold() for w in words]
    for i in range(len(cleaned)):
        for size in (2, 1):
            if g.code_of(" ".join(cleaned[i : i + size])):
                covered.update(cleaned[i : i + size])
    plain = [
        w
        for w in normal
        if not w.startswith("@") and w not in covered and w not in IGNORED_MODIFIERS
    ]
    return codes, plain


def _title_modifiers(head: Token) -> list[Token]:
    out = []
    for child in head.children:
        if child.i < head.i and child.dep_ not in {"det", "punct", "case"} and child.pos_ != "PRON":
            out += [
                t
                for t in child.subtree
                if t.dep_ not in {"det", "case", "punct"} and t.pos_ != "PRON"
            ]
        elif child.dep_ == "prep" and child.lower_ in {"of", "for"}:
            out += [t for t in child.subtree if t.ent_type_ in {"GPE", "NORP"}]
    return out


def _nearest_before(scene: Scene, keys: Sequence[str], at: int) -> str | None:
    """Of several people, the one named last before `at`; else the one named first after it."""
    if len(keys) <= 1:
        return keys[0] if keys else None
    before = {
        k: max((s for s in scene.mention_starts.get(k, ()) if s < at), default=-1) for k in keys
    }
    if max(before.values()) >= 0:
        return max(before, key=lambda k: before[k])
    after = {
        k: min((s for s in scene.mention_starts.get(k, ()) if s >= at), default=1 << 30)
        for k in keys
    }
    return min(after, key=lambda k: after[k])


# --- subjects -------------------------------------------------------------------------------


def subject_of(verb: Token, start: int, end: int) -> Token | None:
    """The grammatical subject of a speech verb, climbing to the governing verb when it has none
    ("did not mention ... but said", "he said, describing", "Saying ..., the President stated"),
    but never out of the sentence (`start`..`end`) the verb is in."""
    inverted = _inverted_subject(verb)
    if inverted is not None:
        return inverted
    token = verb
    for _ in range(4):
        subjects = [c for c in token.children if c.dep_ in SUBJECTS and start <= c.idx < end]
        if subjects:
            subject = min(subjects, key=lambda c: abs(c.i - token.i))
            if subject.lower_ in {"who", "that", "which"} and token.dep_ == "relcl":
                return token.head
            quoted = [c for c in token.children if c.dep_ == "dobj"]
            if token.lemma_ == "quote" and subject.dep_ == "nsubj" and quoted:
                return quoted[0]  # "Reuters quoted him as saying": he is the speaker
            if subject.dep_ == "nsubjpass" and token.lemma_ != "quote" and token is verb:
                return _agent(token)  # "he was told", "Mugabe was declared": not the speaker
            return subject
        if token.dep_ == "acl" and token.head.pos_ in {"NOUN", "PROPN"}:
            return token.head
        if token.dep_ == "relcl":
            return token.head
        inside = start <= token.head.idx < end and token.head is not token
        climbs = token.dep_ in {"conj", "xcomp", "advcl", "pcomp", "ccomp"} or (
            token.dep_ == "prep" and token.pos_ == "ADP"  # "quoted ... as saying"
        )
        if not climbs or not inside:
            return _earlier_subject(verb, start) if verb.dep_ in {"conj", "ROOT"} else None
        token = token.head
    return None


def _agent(verb: Token) -> Token | None:
    """X in "was described by X as"."""
    by = next((c for c in verb.children if c.dep_ == "agent"), None)
    return next((c for c in by.children if c.dep_ == "pobj"), None) if by is not None else None


def _inverted_subject(verb: Token) -> Token | None:
    """'"...," confirmed a club spokesman': the parse may call the speaker an object."""
    if verb.i == 0 or any(c.dep_ in SUBJECTS for c in verb.children):
        return None
    before = verb.nbor(-1)
    if before.text not in {'"', "”", "'", "’", "''"}:
        return None
    after = [c for c in verb.rights if c.dep_ in {"dobj", "attr", "npadvmod", "oprd", "dative"}]
    return after[0] if after and after[0].pos_ in {"NOUN", "PROPN"} else None


def _earlier_subject(verb: Token, start: int) -> Token | None:
    """For a verb joined to an earlier one ("X did not mention ... but said"), the subject of the
    nearest verb before it in the sentence."""
    for token in reversed(verb.doc[: verb.i]):
        if token.idx < start:
            return None
        personal = token.pos_ != "PRON" or token.lower_ in PERSONAL_PRONOUNS
        if token.dep_ in SUBJECTS and token.head.i < verb.i and personal:
            return token
    return None


def according_to(token: Token) -> Token | None:
    """X in "according to X"."""
    if token.lower_ != "according":
        return None
    to = next((c for c in token.children if c.lower_ == "to"), None)
    if to is None and token.i + 1 < len(token.doc) and token.nbor().lower_ == "to":
        to = token.nbor()
    if to is None:
        return None
    return next((c for c in to.children if c.dep_ == "pobj"), None)


def speaker_named(scene: Scene, subject: Token, at: int) -> Speaker:
    """Who the subject of a speech verb is."""
    key = _person_at(scene, subject)
    if key:
        return Speaker(key, _phrase(scene, subject), "name")
    if subject.lower_ in PERSONAL_PRONOUNS:
        return Speaker(pronoun_antecedent(scene, subject), subject.text, "pronoun")
    if subject.lower_ in GROUP_PRONOUNS:
        group = group_antecedent(scene, subject)
        if not group:
            return Speaker(None, subject.text, "pronoun")
        return Speaker(None, group, "name" if group[:1].isupper() and " " not in group else "title")
    text = _phrase(scene, subject)
    if subject.pos_ == "PRON":
        return Speaker(None, text, "none")
    if _is_title(subject):
        if _is_indefinite(subject):
            return Speaker(None, text, "title")
        key = title_holder(scene, subject, at) or _described_subject(scene, subject)
        return Speaker(key, text, "title")
    if _is_description(subject):
        return Speaker(_described_subject(scene, subject, strict=False), text, "title")
    proper = subject.pos_ == "PROPN" or subject.ent_type_ in {"ORG", "GPE", "NORP"}
    return Speaker(None, text, "name" if proper else "title")


def _described_subject(
    scene: Scene, head: Token, strict: bool = True, pronouns: bool = True
) -> str | None:
    """ "Michael Howard has denied ... The Tory leader said": a title no one in the article is
    given refers to the person who was the subject just before, if they have no other title
    (`strict`); a description ("the Dutchman", "the 25-year-old") to that person in any case."""
    if head.lemma_.casefold() in ANONYMOUS_ROLES or any(c.dep_ == "prep" for c in head.children):
        return None  # "the head of the medical staff of X" is someone else
    codes, _ = _modifier_words(head)
    for start, end in _sentences_back(scene, head.idx)[:3]:
        for token in sorted(_tokens_between(scene, start, min(end, head.idx)), key=_salience):
            key = scene.token_person.get(token.i)
            if (
                pronouns
                and key is None
                and token.dep_ in SUBJECTS
                and token.lower_ in PERSONAL_PRONOUNS
            ):
                key = pronoun_antecedent(scene, token)
                if key is None:
                    return None
            elif not key or _subject_person(scene, token) != key:
                continue
            if not strict:
                return key
            words = scene.titles.get(key, frozenset())
            titles = {w for w in words if w in TITLE_WORDS and w not in {"head", "chief"}}
            known = {w for w in words if w.startswith("@")}
            if titles - {head.lemma_.casefold(), head.lower_} or (known and not codes <= known):
                return None
            return key
    return None


def _is_description(head: Token) -> bool:
    """ "the Dutchman", "the 25-year-old", "the striker": a person described, not named."""
    word = head.lower_
    if head.tag_ not in {"NN", "NNP"} or _is_indefinite(head):
        return False
    return (
        word in DESCRIPTIONS
        or bool(re.fullmatch(r"(?:\d+|[a-z]+)-year-old", word))
        or gazetteer().kind_of(head.text) == "demonym"
    )


def _person_at(scene: Scene, subject: Token) -> str | None:
    """The person named by the subject's own words: its head, or a name joined to it
    ("co-ordinator Peter Facey", "the spokesman, Matthew Miller"), not "Mr X's spokesman"."""
    if subject.i in scene.token_person:
        return scene.token_person[subject.i]
    for child in subject.children:
        if child.dep_ in {"appos", "compound", "flat", "nmod", "npadvmod", "amod", "punct"}:
            for token in _own_words(child):
                if token.i in scene.token_person:
                    return scene.token_person[token.i]
    for token in subject.subtree:  # "the head of the staff of X, Jim West,"
        first = token.left_edge
        if token.dep_ == "appos" and first.i > subject.i and first.nbor(-1).text == ",":
            key = scene.token_person.get(token.i)
            if key:
                return key
    return None


def _own_words(token: Token) -> list[Token]:
    out = [token]
    for child in token.children:
        if child.dep_ not in {"poss", "prep", "relcl", "acl", "case"}:
            out += _own_words(child)
    return out


def _phrase(scene: Scene, subject: Token) -> str:
    """The words naming the subject, without relative clauses or appositions after it."""
    start = subject.left_edge.i
    end = subject.i
    while (
        end + 1 < len(scene.doc)
        and scene.token_person.get(end + 1) is not None
        and scene.token_person.get(end + 1) == scene.token_person.get(subject.i)
    ):
        end += 1
    return scene.doc[start : end + 1].text


def _is_title(head: Token) -> bool:
    word = head.lower_
    return (
        head.lemma_.casefold() in TITLE_WORDS
        or word in TITLE_WORDS
        or word.split("-")[-1] in TITLE_WORDS
    )


def _is_indefinite(head: Token) -> bool:
    plural = head.tag_ in {"NNS", "NNPS"}
    det = next((c.lower_ for c in head.children if c.dep_ == "det"), "")
    return (
        plural
        or det in {"a", "an", "another", "one", "some", "any"}
        or any(c.lower_ == "one" and c.dep_ == "nummod" for c in head.children)
    )


def _is_institution(head: Token) -> bool:
    return head.ent_type_ in {"ORG", "GPE", "NORP"} or head.lemma_.casefold() in INSTITUTION_WORDS


# --- pronouns -------------------------------------------------------------------------------


def pronoun_antecedent(scene: Scene, pronoun: Token) -> str | None:
    """The person "he" or "she" stands for: the last person who was the subject of a sentence
    before it (a name, or a title that resolves), else the person named nearest before it."""
    gender = PERSONAL_PRONOUNS.get(pronoun.lower_, "")
    reporting = is_speech_verb(pronoun.head)
    for n, (start, end) in enumerate(_sentences_back(scene, pronoun.idx)):
        if n == 0 and reporting:
            continue  # "Mr Blair has failed, he claimed": not Mr Blair
        tokens = _tokens_between(scene, start, min(end, pronoun.idx))
        for token in sorted(tokens, key=_salience):
            if token.lower_ == pronoun.lower_ and token.dep_ == "nsubj" and _is_main_subject(token):
                return pronoun_antecedent(scene, token)  # "he told parliament ... he warned"
            key = _subject_person(scene, token)
            if key and scene.genders.get(key, gender) == gender:
                return key
            if key is None and _is_unnamed_speaker(token):
                return None
    nearest = [
        (i, k)
        for i, k in scene.token_person.items()
        if i < pronoun.i
        and scene.genders.get(k, gender) == gender
        and scene.doc[i].idx >= _paragraph_start(scene, pronoun.idx, back=1)
    ]
    return max(nearest)[1] if nearest else None


def group_antecedent(scene: Scene, pronoun: Token) -> str:
    """The institution an "it" or "they" stands for ("The US government ... it said"), or ""."""
    for start, end in _sentences_back(scene, pronoun.idx)[:3]:
        for token in _tokens_between(scene, start, min(end, pronoun.idx)):
            if (
                token.dep_ in SUBJECTS
                and token.i != pronoun.i
                and token.pos_ != "PRON"
                and token.i not in scene.token_person
                and _is_institution(token)
            ):
                return scene.doc[token.left_edge.i : token.i + 1].text
    return ""


def _salience(token: Token) -> tuple[bool, bool, int]:
    """Main-clause subjects first, active before passive, then in order."""
    return (not _is_main_subject(token), token.dep_ == "nsubjpass", token.i)


def _is_main_subject(token: Token) -> bool:
    """The subject of the sentence's main verb, not of a clause inside it."""
    root = token
    while root.dep_ in {"compound", "flat", "amod"} and root.head.i != root.i:
        root = root.head
    return root.dep_ in SUBJECTS and root.head.dep_ == "ROOT"


def _subject_person(scene: Scene, token: Token) -> str | None:
    """The person a token names as (the head of) a sentence's subject, or as "according to" X."""
    key = scene.token_person.get(token.i)
    root = token
    if key:
        while root.head.i != root.i and scene.token_person.get(root.head.i) == key:
            root = root.head
        if root.dep_ in SUBJECTS or (root.dep_ == "appos" and root.head.dep_ in SUBJECTS):
            return key
        if (
            root.dep_ == "pobj"
            and root.head.lower_ == "to"
            and root.head.head.lower_ == "according"
        ):
            return key
        return None
    if token.dep_ in SUBJECTS and token.pos_ in {"NOUN", "PROPN"} and not _is_indefinite(token):
        if _is_title(token):
            return (
                _person_at(scene, token)
                or title_holder(scene, token, token.idx)
                or _described_subject(scene, token, pronouns=False)
            )
        if _is_description(token):
            return _described_subject(scene, token, strict=False, pronouns=False)
    return None


def subject_people(scene: Scene, start: int, end: int) -> list[str]:
    """The people who are the subjects of the writer's words between `start` and `end`."""
    out = []
    for token in _tokens_between(scene, start, end):
        key = scene.token_person.get(token.i)
        if key and _subject_person(scene, token) == key and key not in out:
            out.append(key)
        elif token.dep_ in SUBJECTS and token.lower_ in PERSONAL_PRONOUNS:
            resolved = pronoun_antecedent(scene, token)
            if resolved and resolved not in out:
                out.append(resolved)
    return out


def _is_unnamed_speaker(token: Token) -> bool:
    """ "A spokeswoman said ...", "The spokesman said ..." (naming no one): the next "she said"
    is the same unnamed person, not someone named before."""
    return (
        token.dep_ in SUBJECTS
        and token.tag_ == "NN"
        and _is_title(token)
        and is_speech_verb(token.head)
    )


def _sentences_back(scene: Scene, offset: int) -> list[tuple[int, int]]:
    """The sentence holding `offset` and the ones before it, nearest first."""
    out = [s for s in scene.sentences if s[0] <= offset]
    return list(reversed(out))[: LOOKBACK_SENTENCES + 1]


def _tokens_between(scene: Scene, start: int, end: int) -> list[Token]:
    span = scene.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return []
    return [t for t in span if not _inside(scene.quoted, t.idx)]


def _paragraph_start(scene: Scene, offset: int, back: int = 0) -> int:
    index = max(0, scene.layout.block_at(offset) - back)
    return scene.layout.starts[index]


# --- cues -----------------------------------------------------------------------------------


def is_speech_verb(token: Token) -> bool:
    if (
        token.text[:1].isupper()
        and not token.is_sent_start
        and token.i > 0
        and token.nbor(-1).text not in {'"', "“", "'", "‘", "(", "\n\n"}
    ):
        return False  # part of a name: "the North East Says No campaign"
    if token.lemma_ == "put" and any(c.lower_ == "it" and c.dep_ == "dobj" for c in token.children):
        return True  # "as Pentagon spokeswoman Susan Hanson put it"
    return token.lemma_.casefold() in SPEECH_VERBS and (
        token.pos_ == "VERB" or token.tag_.startswith("VB")
    )


def cues_in(scene: Scene, start: int, end: int) -> list[Cue]:
    """Every speech verb with a subject (and every "according to X") in the writer's words of a
    stretch of text, with the speaker it names."""
    out = []
    for token in _tokens_between(scene, start, end):
        if is_speech_verb(token):
            subject = subject_of(token, start, end)
            if subject is None or _inside(scene.quoted, subject.idx):
                continue
            speaker = speaker_named(scene, subject, token.idx)
            weak = token.lemma_.casefold() in WEAK_VERBS
            out.append(Cue(token.idx, cue_words(token), speaker, _extent(subject), weak))
        elif token.lower_ == "according":
            named = according_to(token)
            if named is not None and not _inside(scene.quoted, named.idx):
                speaker = speaker_named(scene, named, token.idx)
                out.append(Cue(token.idx, "according to", speaker, _extent(named)))
        elif token.lemma_.casefold() in SPEECH_NOUNS and token.pos_ == "NOUN":
            owner = next((c for c in token.children if c.dep_ == "poss"), None)
            personal = owner is not None and owner.lower_ not in GROUP_PRONOUNS
            if owner is not None and personal and not _inside(scene.quoted, owner.idx):
                speaker = speaker_named(scene, owner, token.idx)
                right = token.right_edge
                scope = (token.idx, right.idx + len(right.text))
                out.append(Cue(token.idx, token.text, speaker, _extent(owner), True, scope))
    return out


def _extent(token: Token) -> tuple[int, int]:
    """The words of a subject with its relative clauses ("Mr X, who ...,"), and its appositions
    when it follows its verb ('..., says Adam Roberts, editor of "Laws of War."')."""
    deps = {"relcl", "acl", "compound", "flat", "prep"}
    if token.head.i < token.i and is_speech_verb(token.head):
        deps |= {"appos", "conj", "cc", "punct"}
    last = token
    for child in token.rights:
        if child.dep_ in deps:
            last = max(last, child.right_edge, key=lambda t: t.i)
    return token.left_edge.idx, last.idx + len(last.text)


def cue_words(verb: Token) -> str:
    """ "said", "told reporters", "pointed out"."""
    words = [verb.text]
    for child in verb.children:
        if child.dep_ == "prt" or (
            child.dep_ in {"dobj", "dative"}
            and child.i == verb.i + 1
            and child.pos_ in {"NOUN", "PRON"}
            and verb.lemma_ == "tell"
        ):
            words.append(child.text)
    return " ".join(words)
