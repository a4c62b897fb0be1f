"""The `dossier extract` JSON: one Dossier as the plain data DESIGN.md fixes."""

from __future__ import annotations

from typing import Any

from generator.model import Dossier
from generator.publish.dataset import span_data


def extract_json(dossier: Dossier) -> dict[str, Any]:
    return {
        "articles": [
            {"id": a.id, "title": a.title, "published": a.published or None, "url": a.url or None}
            for a in dossier.articles
        ],
        "people": [
            {
                "id": p.id,
                "name": p.name,
                "aliases": list(p.aliases),
                "kind": p.kind,
                "countries": list(p.country_codes),
                "roles": [c.value for c in p.roles],
                "credit_roles": list(p.credit_roles),
                "organisations": list(p.organisation_ids),
                "mentions": [span_data(s) for s in p.mentions],
            }
            for p in dossier.people
        ],
        "countries": [
            {
                "id": c.id,
                "code": c.code,
                "name": c.name,
                "mentions": [{**span_data(r.span), "via": r.span.text} for r in c.mentions],
            }
            for c in dossier.countries
        ],
        "organisations": [
            {
                "id": o.id,
                "name": o.name,
                "aliases": list(o.aliases),
                "kind": o.kind,
                "countries": list(o.country_codes),
                "mentions": [span_data(s) for s in o.mentions],
            }
            for o in dossier.organisations
        ],
        "quotes": [
            {
                "id": q.id,
                "article": q.quote.span.article,
                "paragraph": q.quote.span.block,
                "start": q.quote.span.start,
                "end": q.quote.span.end,
                "text": q.quote.span.text,
                "speaker": q.quote.speaker,
                "speaker_text": q.quote.speaker_text,
                "speaker_org": q.quote.speaker_org,
                "partial": q.quote.partial,
                "cue": q.quote.cue,
                "source": q.quote.source,
                "date": q.quote.date,
                "via": q.quote.via,
            }
            for q in dossier.quotes
        ],
    }
