"""Attribution discrepancies: the same origin passage credited to different speakers.

The speaker of a quoted passage comes from the quotes stage when it found
one (``Quote.speaker`` / ``speaker_entity``); otherwise from the parse: the
subject of a reporting verb in the sentence, or the object of "according
to", resolved through the people of the event (so "she", "the researcher"
and a full name are one speaker).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from newstrace.compare.persons import person_at, squash
from newstrace.compare.text import quoted_segments
from newstrace.model import Finding, Span

if TYPE_CHECKING:
    from newstrace.compare.claims import Claim
    from newstrace.compare.context import EventContext


@dataclass(frozen=True)
class Speaker:
    key: str
    text: str
    span: Span


def _entity_key(ctx: EventContext, span: Span) -> str | None:
    for ent in ctx.entities:
        for m in ent.mentions:
            if m.span.overlaps(span):
                return ent.id
    return None


def _from_token(ctx: EventContext, aid: str, tok_i: int) -> Speaker:
    doc = ctx.docs[aid]
    tok = doc[tok_i]
    toks = list(tok.subtree)
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
    span = Span(aid, start, end)
    text = ctx.articles[aid].body[start:end]
    person = person_at(ctx.people, aid, tok_i)
    if person is None:  # the name's head token may differ from the subject token
        person = next((p for p in ctx.people for r in p.refs
                       if r.article_id == aid and r.span.overlaps(span)), None)
    if person is not None:
        name = person.display_for(ctx.origin_of.get(aid, aid))
        shown = text if text.lower() not in ("he", "she") else f"{text} ({name})"
        return Speaker(person.key, shown, span)
    key = _entity_key(ctx, span) or "speaker:" + squash(re.sub(r"^the\s+", "", text, flags=re.I))
    return Speaker(key, text, span)


def _from_quotes(ctx: EventContext, claim: Claim) -> Speaker | None:
    for q in ctx.quotes.get(claim.article_id, []):
        if q.speaker is None or not any(c.overlaps(claim.span) for c in q.content):
            continue
        tok = ctx.docs[claim.article_id].char_span(q.speaker.start, q.speaker.end,
                                                   alignment_mode="expand")
        if q.speaker_entity:
            body = ctx.articles[claim.article_id].body
            return Speaker(q.speaker_entity, q.speaker_name or q.speaker.text(body), q.speaker)
        if tok is not None:
            return _from_token(ctx, claim.article_id, tok.root.i)
    return None


def speaker(ctx: EventContext, claim: Claim) -> Speaker | None:
    """Who the article says said this claim, or None when it names no one."""
    found = _from_quotes(ctx, claim)
    if found is not None:
        return found
    doc = ctx.docs[claim.article_id]
    lex = ctx.lexicon
    for tok in doc[claim.tok_start:claim.tok_end]:
        if tok.pos_ in ("VERB", "AUX") and (lex.verb_stance(tok.text) or
                                            tok.lower_ in lex.publication_verbs):
            for child in tok.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return _from_token(ctx, claim.article_id, child.i)
        if tok.lower_ == "according" and tok.i + 1 < len(doc):
            for child in doc[tok.i + 1].children:
                if child.dep_ == "pobj":
                    return _from_token(ctx, claim.article_id, child.i)
    return None


def attributions(ctx: EventContext) -> list[Finding]:
    """Quoted origin passages whose speaker differs between derived articles."""
    threshold = ctx.cfg.float("carry_threshold")
    min_words = ctx.cfg.int("scare_quote_max_words")
    groups: dict[tuple[str, int], list[tuple[str, Claim, Speaker]]] = {}
    for aid, oid in ctx.origin_of.items():
        al = ctx.alignments[aid]
        for claim in ctx.claims[aid]:
            o, score = al.best_origin(claim.index)
            if o < 0 or score < threshold:
                continue
            if not any(q.words > min_words for q in quoted_segments(claim.text)):
                continue  # only quoted passages have a speaker to disagree on
            who = speaker(ctx, claim)
            if who is not None:
                groups.setdefault((oid, o), []).append((aid, claim, who))
    out = []
    for (oid, o), items in groups.items():
        for aid, claim, who in items:
            others = [(a, c, w) for a, c, w in items if a != aid and w.key != who.key]
            if not others:
                continue
            a2, c2, w2 = others[0]
            origin_claim = ctx.claims[oid][o]
            out.append(Finding(
                "discrepancy",
                f"{ctx.label(aid)} attributes '{ctx.quote(claim.text, 70)}' to {who.text}; "
                f"{ctx.label(a2)} attributes it to {w2.text}",
                [who.span, claim.span, w2.span, c2.span, origin_claim.span], ctx.event.id, aid,
                "attribution", "contradiction",
                {"speaker": who.text, "other_speaker": w2.text, "other_article": a2}))
    return out
