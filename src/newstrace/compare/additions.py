"""Additions and omissions: what a derived article adds to, and leaves out of, its origin.

A claim is carried when its best counterpart scores at least
``carry_threshold``; it is not when it scores under ``unrelated_threshold``;
in between (same topic, other words) it counts as carried unless it names
people, organisations, places or dates the other article never mentions,
the sign of new or dropped information.  Omissions are ranked by their
centrality in the origin (TF-IDF similarity to the rest of the text, to the
title, and position), so the first omission is the most important one.
"""

from __future__ import annotations

import re
import typing
from typing import TYPE_CHECKING

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity

from newstrace.compare.text import embed
from newstrace.model import Finding, Span

if TYPE_CHECKING:
    from newstrace.compare.claims import Claim
    from newstrace.compare.context import EventContext

_NAMED = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "EVENT", "LAW", "WORK_OF_ART"}


def _canonical(ctx: EventContext, text: str) -> str:
    for canon, labels in ctx.lexicon.labels.items():
        if text in labels or re.sub(r"^the\s+", "", text) in labels:
            return canon.lower()
    return re.sub(r"^the\s+", "", text.lower()).rstrip("’'s")


def _known_person(ctx: EventContext, span: Span, other_id: str) -> bool:
    """Whether the person named at ``span`` is also named in the other article."""
    for key, ref_span in ctx.person_refs.get(span.article_id, []):
        if ref_span.overlaps(span) and other_id in ctx.person_articles[key]:
            return True
    return False


def _names(ctx: EventContext, claim: Claim) -> list[tuple[str, str, Span]]:
    doc = ctx.docs[claim.article_id]
    out = []
    for ent in doc[claim.tok_start:claim.tok_end].ents:
        if ent.label_ == "DATE" and not re.search(r"\d", ent.text):
            continue
        if ent.label_ in _NAMED | {"DATE"}:
            out.append((ent.text, ent.label_, Span(claim.article_id, ent.start_char,
                                                   ent.end_char)))
    return out


def novel_names(ctx: EventContext, claim: Claim, other_id: str) -> list[str]:
    """Names and dated days in ``claim`` that the other article never mentions."""
    other = ctx.articles[other_id].body.lower()
    key = ("canon", other_id)
    if key not in ctx.memo:
        ctx.memo[key] = {_canonical(ctx, e.text) for e in ctx.docs[other_id].ents}
    other_canon = typing.cast(set[str], ctx.memo[key])
    out = []
    for text, label, span in _names(ctx, claim):
        bare = re.sub(r"^the\s+", "", text.lower())
        initials = "".join(w[0] for w in re.findall(r"[A-Z][A-Za-z]+", text))
        if label == "PERSON" and (_known_person(ctx, span, other_id) or any(
                len(w) > 3 and re.search(rf"\b{re.escape(w.lower())}\b", other)
                for w in text.split())):
            continue  # the same person, or one sharing a surname with the other text
        if bare in other or _canonical(ctx, text) in other_canon:
            continue
        if len(initials) >= 3 and re.search(rf"\b{initials.lower()}\b", other):
            continue  # the other text uses the acronym
        out.append(text)
    return out


def carried(ctx: EventContext, claim: Claim, score: float, other_id: str) -> bool:
    """Whether a claim has a counterpart in the other article (see module doc)."""
    high, low = ctx.cfg.float("carry_threshold"), ctx.cfg.float("unrelated_threshold")
    if score >= high:
        return True
    if score < low:
        return False
    novel = novel_names(ctx, claim, other_id)
    if not novel:
        return True
    share = len(novel) / max(1, len(_names(ctx, claim)))
    return share < ctx.cfg.float("novel_share") and score >= (high + low) / 2


def _source_named(ctx: EventContext, claim: Claim) -> str | None:
    """The other source a claim cites ("according to X", "citing X"), if any."""
    low = claim.text.lower()
    for cue in ctx.lexicon.source_cues:
        m = re.search(rf"\b{re.escape(cue)}\b", low)
        if not m:
            continue
        start = claim.span.start + m.end()
        doc = ctx.docs[claim.article_id]
        after = doc.char_span(start, claim.span.end, alignment_mode="expand")
        if after is None:
            continue
        for chunk in after.noun_chunks:
            if chunk.root.pos_ in ("PROPN", "NOUN") and chunk.text.lower() not in ("it", "they"):
                return chunk.text
    return None


def _kind(ctx: EventContext, claim: Claim, oid: str) -> tuple[str, str | None]:
    source = _source_named(ctx, claim)
    origin_label = ctx.label(oid).lower()
    if source and origin_label not in source.lower():
        return "other-source", source
    low = claim.text.lower()
    if any(re.search(rf"\b{re.escape(c)}\b", low) for c in ctx.lexicon.analysis_cues):
        return "analysis", None
    return "background", None


def _group(ctx: EventContext, aid: str, idxs: list[int]) -> list[list[int]]:
    """Consecutive added claims of one paragraph form one addition."""
    body = ctx.articles[aid].body
    claims = ctx.claims[aid]
    groups: list[list[int]] = []
    for i in idxs:
        if groups and groups[-1][-1] == i - 1 and \
                "\n" not in body[claims[i - 1].span.end:claims[i].span.start]:
            groups[-1].append(i)
        else:
            groups.append([i])
    return groups


def additions(ctx: EventContext) -> list[Finding]:
    """Passages of each derived article with no counterpart in its origin, by kind."""
    out = []
    for aid, oid in ctx.origin_of.items():
        al = ctx.alignments[aid]
        added = []
        for claim in ctx.claims[aid]:
            _, score = al.best_origin(claim.index)
            if not carried(ctx, claim, score, oid):
                added.append(claim.index)
        for group in _group(ctx, aid, added):
            claims = [ctx.claims[aid][i] for i in group]
            kinds = [_kind(ctx, c, oid) for c in claims]
            kind, source = next(((k, s) for k, s in kinds if k == "other-source"), kinds[0])
            new = sorted({n for c in claims for n in novel_names(ctx, c, oid)})
            text = " ".join(c.text for c in claims)
            what = f"citing {source}" if source else kind
            names = f" (new: {', '.join(new[:5])})" if new else ""
            out.append(Finding(
                "addition", f"{ctx.label(aid)} adds ({what}) '{ctx.quote(text)}'{names}; "
                f"the origin ({ctx.label(oid)}) has no counterpart",
                [c.span for c in claims], ctx.event.id, aid, kind, "",
                {"source": source, "new_names": new,
                 "best_score": round(max(al.best_origin(i)[1] for i in group), 3)}))
        out += _captions(ctx, aid, oid)
    return out


def _captions(ctx: EventContext, aid: str, oid: str) -> list[Finding]:
    """Captions are the outlet's own material: always additions.

    A caption lies outside the cleaned body, so its evidence is the body
    sentence it illustrates best (a span a reader can check); the caption
    text and its offset in the raw input are in ``details``.
    """
    art = ctx.articles[aid]
    claims = ctx.claims[aid]
    if not art.captions or not claims:
        return []
    vecs = embed([*art.captions, *(c.text for c in claims)])
    out = []
    for i, cap in enumerate(art.captions):
        best = claims[int(np.argmax(vecs[len(art.captions):] @ vecs[i]))]
        where = art.raw.find(cap) if art.raw else -1
        out.append(Finding(
            "addition", f"{art.label} adds a caption '{ctx.quote(cap)}' (beside "
            f"'{ctx.quote(best.text, 60)}'); the origin ({ctx.label(oid)}) has no such picture",
            [best.span], ctx.event.id, aid, "caption", "",
            {"caption": cap, "raw_offset": where if where >= 0 else None,
             "illustrates": best.index}))
    return out


def centrality(ctx: EventContext, oid: str) -> np.ndarray:
    """How central each origin claim is: TF-IDF similarity to the others and to the title,
    and position (news puts the main point first)."""
    claims = ctx.claims[oid]
    texts = [c.text for c in claims]
    title = ctx.articles[oid].title or ""
    vec = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    try:
        mat = vec.fit_transform([*texts, title])
    except ValueError:  # nothing but stop words: position alone ranks
        return 1.0 - np.arange(len(claims)) / max(1, len(claims))
    sims = cosine_similarity(mat[:-1])
    np.fill_diagonal(sims, 0.0)
    central = sims.mean(axis=1)
    central = central / central.max() if central.max() > 0 else central
    to_title = np.asarray(cosine_similarity(mat[:-1], mat[-1]).ravel())
    position = 1.0 - np.arange(len(claims)) / max(1, len(claims))
    w = ctx.cfg
    return np.asarray(w.float("omission_weight_centrality") * central
                      + w.float("omission_weight_title") * to_title
                      + w.float("omission_weight_position") * position)


def omissions(ctx: EventContext) -> list[Finding]:
    """Origin claims a derived article does not carry, most central first."""
    out = []
    cap = ctx.cfg.int("omission_max")
    cache: dict[str, np.ndarray] = {}
    for aid, oid in ctx.origin_of.items():
        if not ctx.claims[oid]:
            continue
        if oid not in cache:
            cache[oid] = centrality(ctx, oid)
        weight = cache[oid]
        al = ctx.alignments[aid]
        missing = []
        tolerance = ctx.cfg.float("mutual_tolerance")
        for claim in ctx.claims[oid]:
            d, score = al.best_derived(claim.index)
            # a weak match to a sentence that carries another origin sentence better
            # is that other sentence's counterpart, not this one's
            _, rival = al.best_origin(d) if d >= 0 else (-1, 0.0)
            mutual = score >= ctx.cfg.float("carry_threshold") or rival - score <= tolerance
            if not mutual or not carried(ctx, claim, score, aid):
                missing.append((float(weight[claim.index]), claim, score))
        missing.sort(key=lambda t: -t[0])
        for rank, (w, claim, score) in enumerate(missing[:cap] if cap else missing, 1):
            out.append(Finding(
                "omission", f"{ctx.label(aid)} leaves out the origin's ({ctx.label(oid)}) "
                f"'{ctx.quote(claim.text)}' (rank {rank} by centrality)",
                [claim.span], ctx.event.id, aid, "", "",
                {"rank": rank, "centrality": round(w, 3), "best_score": round(score, 3),
                 "origin": oid}))
    return out


