"""Framing per outlet: attribution verbs, loaded words adopted or kept at a distance,
labels for each actor, and headline emphasis.

The lexicons (``data/lexicon_*.toml``) seed the analysis; in addition any
word an outlet of the event puts in scare quotes counts as loaded for the
whole event, and each article's use of a loaded word is measured against
the event's other articles (relative frequency), so framing is judged
against the story's own baseline rather than a fixed list alone.
"""

from __future__ import annotations

import functools
import re
import typing
from collections import Counter
from typing import TYPE_CHECKING

import numpy as np

from newstrace.compare.text import (
    dateline_end,
    embed,
    inside_quotes,
    is_scare_quote,
    quoted_segments,
    words,
)
from newstrace.model import Finding, Span

if TYPE_CHECKING:
    from newstrace.compare.context import EventContext

_LONG_ENTS = {"ORG", "FAC", "EVENT", "LAW", "WORK_OF_ART"}


def _f(ctx: EventContext, aid: str, subtype: str, statement: str, evidence: list[Span],
       **details: object) -> Finding:
    return Finding("framing", statement, evidence, ctx.event.id, aid, subtype, "", dict(details))


def verbs(ctx: EventContext) -> list[Finding]:
    """Loaded attribution verbs ("claimed", "slammed") each article uses, against the event."""
    usage: dict[str, list[tuple[str, str, Span]]] = {}
    for aid in ctx.articles:
        for tok in ctx.docs[aid]:
            stance = ctx.lexicon.verb_stance(tok.text) if tok.pos_ == "VERB" else None
            if stance:
                span = Span(aid, tok.idx, tok.idx + len(tok.text))
                usage.setdefault(aid, []).append((stance[0], stance[1], span))
    out = []
    all_used = sum(len(us) for us in usage.values())
    all_loaded = sum(st == "loaded" for us in usage.values() for _, st, _ in us)
    for aid, used in usage.items():
        loaded = [(b, s) for b, st, s in used if st == "loaded"]
        if not loaded:
            continue
        rest_share = (all_loaded - len(loaded)) / max(1, all_used - len(used))
        counts = Counter(b for b, _ in loaded)
        body = ctx.articles[aid].body
        shown = ", ".join(f"'{body[s.start:s.end]}'" for _, s in loaded[:8])
        out.append(_f(
            ctx, aid, "attribution-verb",
            f"{ctx.label(aid)} reports speech with loaded verbs {shown} ({len(loaded)} of "
            f"{len(used)} reporting verbs; the event's other articles: {rest_share:.0%})",
            [s for _, s in loaded], verbs=dict(counts), share=round(len(loaded) / len(used), 3),
            baseline_share=round(rest_share, 3)))
    return out


@functools.lru_cache(maxsize=8192)
def _occurrences(body: str, phrase: str) -> list[tuple[int, int]]:
    """Case-insensitive whole-word occurrences of ``phrase`` (cached: origins repeat)."""
    rx = re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])", re.IGNORECASE)
    return [(m.start(), m.end()) for m in rx.finditer(body)]


def _distanced(ctx: EventContext, aid: str) -> dict[str, tuple[list[Span], str]]:
    """Phrases an article keeps at a distance: scare quotes, or "so-called X"-style markers.

    Returns phrase (lower case) -> (spans, how), how = "quotation marks" or the marker.
    """
    body = ctx.articles[aid].body
    max_words = ctx.cfg.int("scare_quote_max_words")
    found: dict[str, tuple[list[Span], str]] = {}
    for q in quoted_segments(body):
        if is_scare_quote(q, max_words):
            phrase = q.text.strip(" .,")
            span = Span(aid, q.start, q.start + len(q.text.rstrip(" .,")))
            found.setdefault(phrase.lower(), ([], "quotation marks"))[0].append(span)
    for marker in ctx.lexicon.distance_markers:
        rx = re.compile(rf"\b{re.escape(marker)}\s+[\"“‘']?(?:(?:a|an|the)\s+)?"
                        rf"((?:[\w-]+\s+){{0,{max_words - 1}}}[\w-]+)", re.IGNORECASE)
        for m in rx.finditer(body):
            phrase = m.group(1)
            entry = found.setdefault(phrase.lower(), ([], marker))
            if not any(sp.start == m.start(1) for sp in entry[0]):
                entry[0].append(Span(aid, m.start(1), m.end(1)))
    return found


def _longest_prefix_in(text: str, phrase: str) -> str:
    """The longest leading run of ``phrase``'s words found in ``text`` (one word only if
    it is long enough to be a content word), else ""."""
    parts = phrase.split()
    for k in range(len(parts), 0, -1):
        cand = " ".join(parts[:k])
        if (k > 1 or len(cand) > 4) and _occurrences(text, cand):
            return cand
    return ""


def distance(ctx: EventContext) -> list[Finding]:
    """Words a derived article keeps in scare quotes (or "so-called") that the origin uses."""
    out = []
    for aid, oid in ctx.origin_of.items():
        obody = ctx.articles[oid].body
        oquotes = quoted_segments(obody)
        first = min((c.span.start for c in ctx.claims[oid]), default=0)
        for captured, (spans, how_kept) in _distanced(ctx, aid).items():
            phrase, mine = captured, spans
            if how_kept != "quotation marks":  # "so-called X ...": the longest X the origin has
                phrase = _longest_prefix_in(obody, captured)
                mine = [Span(aid, sp.start, sp.start + len(phrase)) for sp in spans]
            occ = _occurrences(obody, phrase) if phrase else []
            if not occ:
                continue
            occ = [o for o in occ if o[0] >= first] or occ  # prefer the text to a heading
            plain = [o for o in occ if inside_quotes(o[0], oquotes) is None]
            o_start, o_end = (plain or occ)[0]
            shown = obody[max(0, o_start - 30):o_end + 30]
            how = "unquoted" if plain else "in quotation marks too"
            kept = "in quotation marks" if how_kept == "quotation marks" else \
                f"at a distance ('{how_kept} …')"
            out.append(_f(
                ctx, aid, "distance",
                f"{ctx.label(aid)} keeps '{phrase}' {kept}; the origin "
                f"({ctx.label(oid)}) uses it {how} ('…{ctx.quote(shown, 80)}…')",
                [*mine, Span(oid, o_start, o_end)], phrase=phrase, marker=how_kept,
                origin_quoted=not plain, count=len(mine)))
    return out


def loaded_words(ctx: EventContext) -> set[str]:
    """The lexicon's evaluative words plus single words any outlet of the event scare-quotes."""
    found = set(ctx.lexicon.evaluative)
    max_words = ctx.cfg.int("scare_quote_max_words")
    for aid in ctx.articles:
        for q in quoted_segments(ctx.articles[aid].body):
            if is_scare_quote(q, max_words) and q.words == 1 and q.text.strip(" .,").islower():
                found |= set(words(q.text))  # a capitalised word in quotes is a name
    return found


def adopted(ctx: EventContext) -> list[Finding]:
    """Loaded words a derived article uses in its own voice (unquoted), as the origin does."""
    loaded = loaded_words(ctx)
    counts: dict[str, Counter[str]] = {a: Counter(words(ctx.articles[a].body))
                                       for a in ctx.articles}
    everywhere = Counter[str]()
    for c in counts.values():
        everywhere.update(c)
    event_total = sum(everywhere.values())
    out = []
    for aid, oid in ctx.origin_of.items():
        body = ctx.articles[aid].body
        quotes = quoted_segments(body)
        origin_words = counts[oid]
        spans: dict[str, list[Span]] = {}
        for m in re.finditer(r"[A-Za-z][A-Za-z-]*", body):
            w = m.group(0).lower()
            if w in loaded and w in origin_words and inside_quotes(m.start(), quotes) is None:
                spans.setdefault(w, []).append(Span(aid, m.start(), m.end()))
        if not spans:
            continue
        total = sum(counts[aid].values()) or 1
        rest_total = max(1, event_total - total)
        ratio = {w: round((len(s) / total) / ((everywhere[w] - counts[aid][w] + 1)
                                               / rest_total), 2)
                 for w, s in spans.items()}
        o_span = [Span(oid, *_occurrences(ctx.articles[oid].body, w)[0]) for w in spans
                  if _occurrences(ctx.articles[oid].body, w)]
        shown = ", ".join(f"'{w}'" for w in sorted(spans, key=lambda w: -ratio[w]))
        out.append(_f(
            ctx, aid, "adopted",
            f"{ctx.label(aid)} uses the origin's ({ctx.label(oid)}) loaded words {shown} "
            f"in its own voice, without quotation marks",
            [s for ss in spans.values() for s in ss] + o_span, words=sorted(spans),
            relative_frequency=ratio))
    return out


def _label_hits(ctx: EventContext, aid: str, labels: tuple[str, ...]) -> list[tuple[str, Span]]:
    """Where the article uses one of an actor's labels (not inside a longer name)."""
    body = ctx.articles[aid].body
    key = ("long-ents", aid)
    if key not in ctx.memo:
        ctx.memo[key] = [(e.start_char, e.end_char) for e in ctx.docs[aid].ents
                         if e.label_ in _LONG_ENTS]
    long_ents = typing.cast(list[tuple[int, int]], ctx.memo[key])
    hits: list[tuple[str, Span]] = []
    taken: set[int] = set()
    for label in sorted(labels, key=len, reverse=True):
        rx = re.compile(rf"(?<![\w-]){re.escape(label)}(?![\w-])")
        for m in rx.finditer(body):
            if m.start() in taken:
                continue
            if any(s <= m.start() < e and e > m.end() + 1 for s, e in long_ents):
                continue  # part of a longer name ("the North Atlantic ...")
            taken.update(range(m.start(), m.end()))
            hits.append((label, Span(aid, m.start(), m.end())))
    return hits


_ACTOR_LABELS = {"GPE", "ORG", "NORP", "LOC"}


def _actors(ctx: EventContext) -> dict[str, dict[str, list[tuple[str, Span]]]]:
    """actor -> article -> (label, span): the label lexicon plus the resolver's clusters.

    The lexicon finds labels the NER misses ("the North"); the entity
    resolver's clusters (``Entity.mentions``) bring actors no list names.
    """
    ids = [a for a in ctx.event.article_ids if a in ctx.articles]
    actors = {canon: {a: _label_hits(ctx, a, names) for a in ids}
              for canon, names in ctx.lexicon.labels.items()}
    for ent in ctx.entities:
        if ent.label not in _ACTOR_LABELS or len({f.lower() for f in ent.forms}) < 2:
            continue
        canon = next((c for c, labs in ctx.lexicon.labels.items()
                      if any(f in labs for f in [ent.name, *ent.forms])), ent.name)
        hits = actors.setdefault(canon, {a: [] for a in ids})
        for m in ent.mentions:
            aid = m.span.article_id
            if aid not in hits or m.label == "NORP" or any(s.overlaps(m.span)
                                                           for _, s in hits[aid]):
                continue  # demonyms ("Japanese") describe, they do not name the actor
            body = ctx.articles[aid].body
            if m.span.start < dateline_end(body):
                continue  # the dateline place is furniture, not a label
            start = m.span.start - 4 if body[max(0, m.span.start - 4):m.span.start] == "the " \
                else m.span.start
            hits[aid].append((body[start:m.span.end], Span(aid, start, m.span.end)))
    return actors


def _label_keys(labels: set[str]) -> dict[str, str]:
    """Label -> comparison key: an acronym counts as the full name it abbreviates."""
    keys = {lab: lab.removeprefix("the ").replace(".", "") for lab in labels}
    for lab in labels:
        short = keys[lab].replace(".", "")
        if not short.isupper():
            continue
        for full in labels:
            initials = "".join(w[0] for w in re.findall(r"[A-Z][A-Za-z]+", full))
            if keys[full] != keys[lab] and initials == short:
                keys[lab] = keys[full]
    return keys


def _labels_differ(ctx: EventContext, aid: str, kset: dict[str, set[str]]) -> bool:
    """Whether an article labels an actor otherwise than its origin (or, where the origin
    does not name the actor, than another derived article); for an origin: than any
    article derived from it."""
    oid = ctx.origin_of.get(aid)
    if oid is None:
        return any(kset.get(d, set()) not in (set(), kset[aid])
                   for d, o in ctx.origin_of.items() if o == aid)
    if kset.get(oid):
        return kset[aid] != kset[oid]
    return any(kset.get(d, set()) not in (set(), kset[aid])
               for d, o in ctx.origin_of.items() if o == oid and d != aid)


def labels(ctx: EventContext) -> list[Finding]:
    """The label each article uses for each actor, where the event's articles differ."""
    out = []
    for canon, by_article in _actors(ctx).items():
        used = {lab for hits in by_article.values() for lab, _ in hits}
        if len(used) < 2:
            continue
        summary = {a: dict(Counter(lab for lab, _ in hits)) for a, hits in by_article.items()
                   if hits}
        key = _label_keys(used)
        kset = {a: {key[lab] for lab in labs} for a, labs in summary.items()}
        for aid, hits in by_article.items():
            if not hits:
                continue
            mine = summary[aid]
            if not _labels_differ(ctx, aid, kset):
                continue
            others = "; ".join(
                f"{ctx.label(a)}: " + ", ".join(f"'{k}' ×{v}" for k, v in s.items())
                for a, s in summary.items() if a != aid)
            ref = ctx.origin_of.get(aid)
            other_span = [s for _, s in by_article.get(ref, [])[:1]] if ref else []
            out.append(_f(
                ctx, aid, "label",
                f"{ctx.label(aid)} calls {canon} " +
                ", ".join(f"'{k}' ×{v}" for k, v in mine.items()) + f" ({others})",
                [s for _, s in hits] + other_span, actor=canon, labels=mine))
    return out + descriptors(ctx)


def descriptors(ctx: EventContext) -> list[Finding]:
    """Adjectives an article puts on a named organisation ("state-run") the origin does not."""
    out = []
    loaded = loaded_words(ctx)
    for aid, oid in ctx.origin_of.items():
        origin_adj = {t.lower_ for t in ctx.docs[oid] if t.dep_ == "amod"}
        for ent in ctx.docs[aid].ents:
            if ent.label_ not in ("ORG", "GPE", "NORP"):
                continue
            for tok in ent.root.children:
                if tok.dep_ != "amod" or tok.i >= ent.start or tok.lower_ in origin_adj:
                    continue
                # for places only loaded words: "central Athens" locates, it does not frame
                if ent.label_ != "ORG" and not set(words(tok.text)) & loaded:
                    continue
                s = min(t.idx for t in tok.subtree)
                e = max(t.idx + len(t.text) for t in tok.subtree)
                out.append(_f(
                    ctx, aid, "descriptor",
                    f"{ctx.label(aid)} describes {ent.text} as "
                    f"'{ctx.articles[aid].body[s:e]}'; the origin ({ctx.label(oid)}) does not",
                    [Span(aid, s, e)], actor=ent.text, descriptor=ctx.articles[aid].body[s:e]))
    return out


def _title_focus(ctx: EventContext, aid: str, title: str) -> tuple[int, int] | None:
    """(index, centrality rank) of the origin claim a derived title is closest to."""
    oid = ctx.origin_of.get(aid)
    if oid is None or not ctx.claims[oid]:
        return None
    from newstrace.compare.additions import centrality

    key = ("centrality", oid)
    if key not in ctx.memo:
        ctx.memo[key] = centrality(ctx, oid)
    weight = typing.cast("np.ndarray", ctx.memo[key])
    vecs = embed([title, *(c.text for c in ctx.claims[oid])])
    best = int(np.argmax(vecs[1:] @ vecs[0]))
    rank = int((weight > weight[best]).sum()) + 1
    return best, rank


def headline(ctx: EventContext) -> list[Finding]:
    """What a title puts forward: loaded words, and which origin point it leads with.

    A derived title that leads with a point the origin ranks low (by the
    omission centrality) shifts the story's emphasis; one with loaded words
    colours it.  Either is reported, with the origin claim the title echoes.
    """
    out = []
    loaded = loaded_words(ctx)
    lead_rank = ctx.cfg.int("headline_minor_rank")
    for aid in ctx.event.article_ids:
        art = ctx.articles.get(aid)
        if art is None or not art.title:
            continue
        hot = [w for w in words(art.title)
               if w in loaded or (ctx.lexicon.verb_stance(w) or ("", ""))[1] == "loaded"]
        focus = _title_focus(ctx, aid, art.title)
        minor = focus is not None and focus[1] > lead_rank
        if not hot and not minor:
            continue
        pos = art.body.find(art.title)
        evidence = [Span(aid, pos, pos + len(art.title))] if pos >= 0 else []
        if not evidence:  # title outside the body: point at the body's uses of its words
            evidence = [Span(aid, *o) for w in hot for o in _occurrences(art.body, w)[:2]]
        parts = [", ".join(f"'{w}'" for w in hot)] if hot else []
        details: dict[str, object] = {"words": hot, "title": art.title}
        if focus is not None:
            oid = ctx.origin_of[aid]
            claim = ctx.claims[oid][focus[0]]
            evidence.append(claim.span)
            details.update(origin_claim=focus[0], origin_rank=focus[1])
            if minor:
                parts.append(f"the origin's point '{ctx.quote(claim.text, 70)}', which "
                             f"{ctx.label(oid)} ranks {focus[1]} of {len(ctx.claims[oid])}")
        if not evidence:
            continue  # nothing in the text to show for it
        out.append(_f(ctx, aid, "headline",
                      f"{art.label}'s headline '{ctx.quote(art.title)}' puts forward "
                      + " and ".join(parts), evidence, **details))
    return out
