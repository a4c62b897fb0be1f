"""`dossier review`: the facts of the curated dossier most worth a human look, each with the
curation rule that would correct it, ready to paste into `content/curation.yml`.

Four kinds of finding, each a pattern where the extraction is most often wrong:

- a person named by one word, in one article only: a surname that matched no one (or several
  people), a first name, or not a person at all;
- a person given different countries by different articles;
- a quote whose speaker was found through a pronoun ("he said") whose person is not named in
  the quote's paragraph: the antecedent was looked for in an earlier one;
- an organisation that an article names only by an acronym, joined to an organisation whose name
  is longer: the acronym alone made them one.

Pure: a Dossier in, Findings and Markdown out (the command prints it; nothing is written).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from generator.model import Claim, Dossier, DossierQuote, Organisation, Person, Span
from generator.resolve.ids import name_key
from generator.text import slug

SINGLE_NAME = "single-name"
COUNTRY_CONFLICT = "country-conflict"
PRONOUN_SPEAKER = "pronoun-speaker"
ACRONYM_MERGE = "acronym-merge"

SECTIONS = {
    SINGLE_NAME: "People named by one word, in one article",
    COUNTRY_CONFLICT: "Countries that differ from one article to another",
    PRONOUN_SPEAKER: "Speakers found through a pronoun in another paragraph",
    ACRONYM_MERGE: "Organisations joined on an acronym alone",
}
_ACRONYM = re.compile(r"^[A-Z0-9&]{2,8}$")


@dataclass(frozen=True)
class Fix:
    """A curation rule: the top-level key (`("organisations", "split")` for a nested one) and
    the lines of its list item, as written under that key."""

    key: tuple[str, ...]
    item: tuple[str, ...]

    @property
    def yaml(self) -> str:
        """The rule as a curation file fragment of its own."""
        lines = [f"{'  ' * depth}{key}:" for depth, key in enumerate(self.key)]
        indent = "  " * len(self.key)
        lines += [f"{indent}{'- ' if n == 0 else '  '}{line}" for n, line in enumerate(self.item)]
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Finding:
    kind: str
    subject: str  # the id of the person, quote or organisation
    summary: str
    evidence: tuple[Span, ...]
    fix: Fix
    labels: tuple[str, ...] = ()  # what each piece of evidence gives, when it says more


def review_findings(dossier: Dossier) -> list[Finding]:
    """Every finding, by kind in SECTIONS' order, then by subject."""
    return [
        *single_name_people(dossier),
        *country_conflicts(dossier),
        *pronoun_speakers(dossier),
        *acronym_merges(dossier),
    ]


def single_name_people(dossier: Dossier) -> Iterator[Finding]:
    """People the articles are about who go by one word and appear in one article only. The fix
    merges them into the one person whose surname it is, if there is one, else drops them."""
    subjects = [p for p in dossier.people if p.kind == "subject"]
    surnames: dict[str, list[Person]] = defaultdict(list)
    for person in subjects:
        words = name_key(person.name).split()
        if len(words) > 1:
            surnames[words[-1]].append(person)
    for person in subjects:
        if len(person.name.split()) != 1 or len(person.articles) != 1:
            continue
        namesakes = surnames.get(name_key(person.name), [])
        times = f"{len(person.mentions)} time{'s' if len(person.mentions) != 1 else ''}"
        if namesakes:
            into = namesakes[0]
            others = ", ".join(p.id for p in namesakes[1:])
            summary = f"named {times} in one article; the surname of {into.name}" + (
                f" (and of {others})" if others else ""
            )
            fix = Fix(("merge",), (f"into: {into.id}", f"ids: [{person.id}]"))
        else:
            summary = f"named {times} in one article, by one word; if not a person, drop it"
            fix = Fix(("drop",), (person.id,))
        yield Finding(SINGLE_NAME, person.id, summary, person.mentions[:3], fix)


def country_conflicts(dossier: Dossier) -> Iterator[Finding]:
    """People whose country claims read in different articles disagree. The fix sets the
    country that most articles give (the first read, on a tie)."""
    for person in dossier.people:
        read = [c for c in person.countries if isinstance(c.source, Span)]
        articles = _articles_by_value(read)
        if len(articles) < 2 or len(set().union(*articles.values())) < 2:
            continue
        best = max(articles, key=lambda code: len(articles[code]))
        given = "; ".join(f"{code} by {len(found)} article(s)" for code, found in articles.items())
        yield Finding(
            COUNTRY_CONFLICT,
            person.id,
            f"{person.name}: {given}",
            tuple(c.source for c in read if isinstance(c.source, Span)),
            Fix(("set",), (f"id: {person.id}", f"countries: [{best}]")),
            tuple(c.value for c in read if isinstance(c.source, Span)),
        )


def pronoun_speakers(dossier: Dossier) -> Iterator[Finding]:
    """Quotes attributed through a pronoun to someone the quote's paragraph does not name. The
    fix sets the speaker the build chose: correct it, or write null if the text gives none."""
    people = {p.id: p for p in dossier.people}
    order = {(a.id, b.id): n for a in dossier.articles for n, b in enumerate(a.blocks)}
    for item in dossier.quotes:
        quote = item.quote
        if quote.via != "pronoun" or quote.speaker is None or quote.speaker not in people:
            continue
        here = (quote.span.article, quote.span.block)
        mentions = people[quote.speaker].mentions
        if any((m.article, m.block) == here for m in mentions):
            continue
        before = [m for m in mentions if order.get((m.article, m.block), -1) < order.get(here, 0)]
        yield Finding(
            PRONOUN_SPEAKER,
            item.id,
            f"“{_short(quote.span.text)}” ({quote.span.article} #{quote.span.block}): "
            f"“{quote.speaker_text or 'a pronoun'}” taken as {people[quote.speaker].name}, "
            "named in another paragraph",
            tuple(m for m in before if m.article == quote.span.article)[-1:],
            _speaker_fix(item),
        )


def acronym_merges(dossier: Dossier) -> Iterator[Finding]:
    """Organisations that some article names by an acronym only, while their name is no acronym.
    The fix gives those articles' mentions an organisation of their own."""
    for organisation in dossier.organisations:
        if _is_acronym(organisation.name):
            continue
        alone = _acronym_only_articles(organisation)
        if not alone or len(alone) == len(organisation.articles):
            continue
        acronym = next(iter(alone.values()))
        new_id = f"{organisation.id}-{slug(acronym)}"
        yield Finding(
            ACRONYM_MERGE,
            organisation.id,
            f"{organisation.name}: {', '.join(alone)} name it only as {acronym}",
            tuple(m for m in organisation.mentions if m.article in alone)[:3],
            Fix(
                ("organisations", "split"),
                (
                    f"id: {organisation.id}",
                    f"new_id: {new_id}",
                    f"name: {json.dumps(acronym)}",
                    f"articles: [{', '.join(alone)}]",
                ),
            ),
        )


def review_markdown(findings: list[Finding]) -> str:
    """The findings as a Markdown report: a section per kind, then every fix in one fragment."""
    counts = Counter(f.kind for f in findings)
    lines = ["# Review: facts worth a human look", ""]
    if not findings:
        return "\n".join([*lines, "Nothing to review: no finding.", ""])
    lines += [
        ", ".join(f"{counts[kind]} {title.lower()}" for kind, title in SECTIONS.items()) + ".",
        "",
        "Each fix is a rule for `content/curation.yml` (docs/curation.md): check the text, "
        "then paste the item under its key.",
    ]
    for kind, title in SECTIONS.items():
        found = [f for f in findings if f.kind == kind]
        if found:
            lines += ["", f"## {title}", ""]
            lines += [line for f in found for line in _finding_lines(f)]
    lines += ["", "## Every fix in one fragment", "", "```yaml", fragment(findings), "```", ""]
    return "\n".join(lines)


def fragment(findings: Iterable[Finding]) -> str:
    """Every finding's fix in one curation fragment, each key once."""
    items: dict[tuple[str, ...], list[tuple[str, ...]]] = defaultdict(list)
    for finding in findings:
        items[finding.fix.key].append(finding.fix.item)
    lines: list[str] = []
    written: set[tuple[str, ...]] = set()
    for key in sorted(items):
        for depth in range(len(key)):
            if key[: depth + 1] not in written:
                lines.append(f"{'  ' * depth}{key[depth]}:")
                written.add(key[: depth + 1])
        indent = "  " * len(key)
        for item in items[key]:
            lines += [f"{indent}{'- ' if n == 0 else '  '}{line}" for n, line in enumerate(item)]
    return "\n".join(lines)


def _finding_lines(finding: Finding) -> list[str]:
    lines = [f"- `{finding.subject}`: {finding.summary}"]
    labels = finding.labels or ("",) * len(finding.evidence)
    lines += [
        f"    - {f'{label}: ' if label else ''}{s.article} #{s.block}: “{_short(s.text)}”"
        for label, s in zip(labels, finding.evidence, strict=True)
    ]
    fix = finding.fix.yaml.rstrip("\n").splitlines()
    lines += ["", "    ```yaml", *(f"    {line}" for line in fix), "    ```", ""]
    return lines


def _speaker_fix(item: DossierQuote) -> Fix:
    return Fix(("speakers",), (f"quote: {item.id}", f"speaker: {item.quote.speaker}"))


def _articles_by_value(claims: Iterable[Claim]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for claim in claims:
        if isinstance(claim.source, Span):
            found.setdefault(claim.value, set()).add(claim.source.article)
    return found


def _acronym_only_articles(organisation: Organisation) -> dict[str, str]:
    """Article id -> the acronym, for the articles whose every mention of the organisation is
    one acronym."""
    texts: dict[str, set[str]] = defaultdict(set)
    for mention in organisation.mentions:
        texts[mention.article].add(mention.text.replace(".", "").strip())
    return {
        article: next(iter(found))
        for article, found in texts.items()
        if len(found) == 1 and _is_acronym(next(iter(found)))
    }


def _is_acronym(text: str) -> bool:
    return bool(_ACRONYM.match(text.replace(".", "").strip()))


def _short(text: str, size: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= size else text[: size - 1].rstrip() + "…"
