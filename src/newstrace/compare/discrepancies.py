"""Discrepancies: where a derived article and its origin disagree about the same fact.

Subtypes: name (spelling of one person), role and affiliation (appositions,
later references), gender (he/she for one person), date (statement dates and
dates in aligned claims), number and place (in aligned claims), attribution
(the same passage credited to different speakers).  Severity is "variant"
for a spelling/transliteration variant of the same thing, else
"contradiction".  Every finding carries the spans of both sides.
"""

from __future__ import annotations

import re
import typing
from typing import TYPE_CHECKING

from rapidfuzz import fuzz

from newstrace.compare.dates import number_value, resolve_date
from newstrace.compare.persons import Person, Ref, squash
from newstrace.model import Finding, Span

if TYPE_CHECKING:
    import datetime as dt

    from newstrace.compare.context import EventContext


def _finding(ctx: EventContext, aid: str, subtype: str, severity: str, statement: str,
             evidence: list[Span], **details: object) -> Finding:
    return Finding("discrepancy", statement, evidence, ctx.event.id, aid, subtype, severity,
                   dict(details))


def _name_tokens(name: str) -> set[str]:
    name = re.sub(r"['’]s?$", "", name.strip())  # a possessive is not part of the name
    return {t for t in re.sub(r"[^\w\s-]", "", name.lower()).split() if t}


def _same_or_short(a: str, b: str) -> bool:
    """Equal but for punctuation ("Jr." / "Jr"), or one a short form of the other
    (a surname alone, a dropped suffix): neither is a spelling difference."""
    ta, tb = _name_tokens(a), _name_tokens(b)
    return len(ta) < 2 or len(tb) < 2 or ta <= tb or tb <= ta


def names(ctx: EventContext) -> list[Finding]:
    """A person's name spelt differently from the origin."""
    out = []
    threshold = ctx.cfg.float("name_variant_ratio")
    for person in ctx.people:
        for aid, oid in ctx.origin_of.items():
            mine, theirs = person.name_in(aid), person.name_in(oid)
            if mine is None or theirs is None or _same_or_short(mine.text, theirs.text):
                continue
            same = squash(mine.text) == squash(theirs.text)
            close = fuzz.ratio(squash(mine.text), squash(theirs.text)) >= threshold
            severity = "variant" if same or close else "contradiction"
            out.append(_finding(
                ctx, aid, "name", severity,
                f"{ctx.label(aid)} spells the name '{mine.text}'; the origin "
                f"({ctx.label(oid)}) spells it '{theirs.text}'",
                [mine.span, theirs.span], person=person.key, form=mine.text,
                origin_form=theirs.text))
    return out


def entity_spellings(ctx: EventContext) -> list[Finding]:
    """Organisations and places spelt differently from the origin (Entity.forms by article).

    Only near-identical spellings count (a letter or two apart): different
    labels for one actor ("Burma" / "Myanmar") are framing, not spelling.
    """
    out = []
    threshold = ctx.cfg.float("entity_variant_ratio")
    for ent in ctx.entities:
        if ent.label == "PERSON":
            continue
        forms: dict[str, dict[str, Span]] = {}
        for m in ent.mentions:
            forms.setdefault(m.span.article_id, {}).setdefault(m.text, m.span)
        for aid, oid in ctx.origin_of.items():
            mine, theirs = forms.get(aid, {}), forms.get(oid, {})
            for text, span in mine.items():
                if len(text) < 5 or any(squash(text) == squash(t) for t in theirs):
                    continue
                close = [(t, s) for t, s in theirs.items()
                         if fuzz.ratio(squash(text), squash(t)) >= threshold]
                if not close:
                    continue
                t, s = close[0]
                out.append(_finding(
                    ctx, aid, "name", "variant",
                    f"{ctx.label(aid)} spells '{text}'; the origin ({ctx.label(oid)}) "
                    f"spells it '{t}'", [span, s], entity=ent.id, form=text, origin_form=t))
    return out


def _unit(affiliation: str) -> str:
    """The innermost unit of an affiliation: "B's A" and "A of B" both give A.

    Written by hand: the organisation chain is expressed by these two English
    constructions, and comparing the innermost unit tells a different body
    from the same body under another label for its parent.
    """
    text = re.sub(r"^(the|a|an)\s+", "", affiliation.strip(), flags=re.I)
    text = re.split(r"\s+of\s+", text, maxsplit=1)[0]
    m = re.search(r"['’]s\s+(.+)$", text)
    if m:
        text = m.group(1)
    return text.lower()


def _role_findings(ctx: EventContext, person: Person, aid: str, oid: str) -> list[Finding]:
    origin_roles = person.of(oid, "role")
    if not origin_roles:
        return []
    base = origin_roles[0]
    known = {r.value for r in origin_roles}
    by_value: dict[str, list[Ref]] = {}
    for ref in person.of(aid, "role") + person.of(aid, "reference"):
        if ref.value not in known:
            by_value.setdefault(ref.value, []).append(ref)
    out = []
    for value, refs in by_value.items():
        shown = "; ".join(f"'{ctx.quote(r.text if r.kind == 'reference' else _role_phrase(r))}'"
                          for r in refs[:3])
        out.append(_finding(
            ctx, aid, "role", "contradiction",
            f"{ctx.label(aid)} calls {person.display_for(oid)} {shown}; the origin "
            f"({ctx.label(oid)}) says '{ctx.quote(_role_phrase(base))}'",
            [r.span for r in refs] + [base.span], person=person.key, role=value,
            origin_role=base.value, how=sorted({r.kind for r in refs})))
    return out


def _role_phrase(ref: Ref) -> str:
    return f"{ref.value} of {ref.affiliation}" if ref.affiliation else ref.value


def _affiliation_findings(ctx: EventContext, person: Person, aid: str,
                          oid: str) -> list[Finding]:
    theirs = [r for r in person.of(oid, "role") if r.affiliation_span]
    mine = [r for r in person.of(aid, "role") if r.affiliation_span]
    if not theirs or not mine:
        return []
    o, d = theirs[0], mine[0]
    if d.affiliation.lower() == o.affiliation.lower():
        return []
    same_unit = fuzz.token_set_ratio(_unit(d.affiliation), _unit(o.affiliation)) >= \
        ctx.cfg.float("affiliation_same_ratio")
    assert d.affiliation_span is not None and o.affiliation_span is not None
    return [_finding(
        ctx, aid, "affiliation", "variant" if same_unit else "contradiction",
        f"{ctx.label(aid)} places {person.display_for(oid)} at '{d.affiliation}'; the origin "
        f"({ctx.label(oid)}) says '{o.affiliation}'",
        [d.affiliation_span, o.affiliation_span], person=person.key,
        affiliation=d.affiliation, origin_affiliation=o.affiliation)]


def roles(ctx: EventContext) -> list[Finding]:
    """Role nouns and affiliations that differ from the origin's for the same person."""
    out = []
    for person in ctx.people:
        for aid, oid in ctx.origin_of.items():
            out += _role_findings(ctx, person, aid, oid)
            out += _affiliation_findings(ctx, person, aid, oid)
        out += _roles_among_derived(ctx, person)
    return out


def _roles_among_derived(ctx: EventContext, person: Person) -> list[Finding]:
    """Where the origin gives a person no role, outlets that give different ones."""
    stated = {aid: person.of(aid, "role") for aid, oid in ctx.origin_of.items()
              if not person.of(oid, "role") and person.of(aid, "role")}
    values = {r.value for refs in stated.values() for r in refs}
    out: list[Finding] = []
    if len(values) < 2:
        return out
    for aid, refs in stated.items():
        mine = {r.value for r in refs}
        others = [(a, r) for a, rs in stated.items() if a != aid for r in rs[:1]
                  if r.value not in mine]
        if not others:
            continue
        shown = "; ".join(f"{ctx.label(a)} says '{_role_phrase(r)}'" for a, r in others)
        out.append(_finding(
            ctx, aid, "role", "contradiction",
            f"{ctx.label(aid)} calls {person.display} '{_role_phrase(refs[0])}'; {shown} "
            f"(the origin gives no role)", [refs[0].span] + [r.span for _, r in others],
            person=person.key, role=refs[0].value, origin_role=None,
            how=["role"]))
    return out


def genders(ctx: EventContext) -> list[Finding]:
    """Articles that refer to the same person with pronouns of different genders."""
    out = []
    for person in ctx.people:
        by_article: dict[str, dict[str, list[Ref]]] = {}
        for ref in person.refs:
            if ref.kind == "pronoun" and ref.article_id in ctx.articles:
                by_article.setdefault(ref.article_id, {}).setdefault(ref.value, []).append(ref)
        # both he and she for one person in one article: the resolution is unsure there
        by_article = {a: v for a, v in by_article.items() if len(v) == 1}
        genders_used = {g for v in by_article.values() for g in v}
        if len(genders_used) < 2:
            continue
        for aid, mine in by_article.items():
            for gender, refs in mine.items():
                others = [(oid, r) for oid, v in by_article.items() if oid != aid
                          for g, rs in v.items() if g != gender for r in rs[:1]]
                if not others:
                    continue
                other_txt = "; ".join(f"{ctx.label(o)} uses '{r.text}'" for o, r in others)
                who = person.display_for(ctx.origin_of.get(aid, aid))
                out.append(_finding(
                    ctx, aid, "gender", "contradiction",
                    f"{ctx.label(aid)} refers to {who} as '{refs[0].text}' "
                    f"({gender}); {other_txt}",
                    [r.span for r in refs] + [r.span for _, r in others],
                    person=person.key, gender=gender))
    return out


def _statement_dates(ctx: EventContext, aid: str) -> list[tuple[dt.date, Span, str]]:
    """Dates attached to a publication verb ("said Monday", "issued ... on May 14")."""
    key = ("statement-dates", aid)
    if key not in ctx.memo:
        ctx.memo[key] = _find_statement_dates(ctx, aid)
    return typing.cast(list[tuple["dt.date", Span, str]], ctx.memo[key])


def _find_statement_dates(ctx: EventContext, aid: str) -> list[tuple[dt.date, Span, str]]:
    doc, art = ctx.docs[aid], ctx.articles[aid]
    base = ctx.base_date(aid)
    first = min((c.span.start for c in ctx.claims[aid]), default=0)
    out = []
    for ent in doc.ents:
        if ent.label_ != "DATE" or ent.start_char < first or ent.root.dep_ == "poss":
            continue  # "today's X" names no moment of the statement
        # the parse often hangs the date on a nearby word ("said Monday the US is ..."
        # attaches to "is"), so any publication verb among the first ancestors counts
        if not any(a.lower_ in ctx.lexicon.publication_verbs and a.pos_ == "VERB"
                   for a in list(ent.root.ancestors)[:5]):
            continue
        day = resolve_date(ent.text, base)
        if day is not None:
            out.append((day, Span(aid, ent.start_char, ent.end_char), art.body[ent.start_char:
                                                                              ent.end_char]))
    return out


def dates(ctx: EventContext) -> list[Finding]:
    """Statement dates and dates in aligned claims that name a different day."""
    out = []
    for aid, oid in ctx.origin_of.items():
        theirs = _statement_dates(ctx, oid)
        if not theirs:
            continue
        days = {d for d, _, _ in theirs}
        for day, span, text in _statement_dates(ctx, aid):
            if day in days:
                continue
            o_day, o_span, o_text = min(theirs, key=lambda t: abs((t[0] - day).days))
            out.append(_finding(
                ctx, aid, "date", "contradiction",
                f"{ctx.label(aid)} dates the statement '{text}' ({day.isoformat()}); the "
                f"origin ({ctx.label(oid)}) says '{o_text}' ({o_day.isoformat()})",
                [span, o_span], date=day.isoformat(), origin_date=o_day.isoformat(),
                days_apart=(day - o_day).days))
    return out + _aligned_values(ctx, "date")


def _values(ctx: EventContext, aid: str, kind: str, claim_index: int) -> list[tuple[object, Span,
                                                                                    str]]:
    claim = ctx.claims[aid][claim_index]
    out: list[tuple[object, Span, str]] = []
    mentions = {"date": claim.dates, "number": claim.numbers, "place": claim.places}[kind]
    for m in mentions:
        value: object | None
        if kind == "date":
            value = resolve_date(m.text, ctx.base_date(aid))
        elif kind == "number":
            value = number_value(m.text)
        else:
            value = squash(re.sub(r"^the\s+", "", m.text, flags=re.I))
        if value is not None:
            out.append((value, m.span, m.text))
    return out


def _aligned_values(ctx: EventContext, kind: str) -> list[Finding]:
    """Dates, numbers or places that differ between a derived claim and its origin claim."""
    out = []
    threshold = ctx.cfg.float("carry_threshold")
    for aid, oid in ctx.origin_of.items():
        al = ctx.alignments[aid]
        body_o = ctx.articles[oid].body.lower()
        for claim in ctx.claims[aid]:
            o, score = al.best_origin(claim.index)
            if o < 0 or score < threshold:
                continue
            mine, theirs = _values(ctx, aid, kind, claim.index), _values(ctx, oid, kind, o)
            if not mine or not theirs:
                continue
            if {v for v, _, _ in mine} & {v for v, _, _ in theirs}:
                continue
            if kind == "place" and any(t.lower() in body_o for _, _, t in mine):
                continue  # the origin names this place too (e.g. a city within the country)
            out.append(_finding(
                ctx, aid, kind, "contradiction",
                f"{ctx.label(aid)} says '{mine[0][2]}' where the origin ({ctx.label(oid)}) "
                f"says '{theirs[0][2]}' in the same passage",
                [s for _, s, _ in mine] + [s for _, s, _ in theirs], score=round(score, 3),
                value=str(mine[0][0]), origin_value=str(theirs[0][0])))
    return out


def numbers(ctx: EventContext) -> list[Finding]:
    return _aligned_values(ctx, "number")


def places(ctx: EventContext) -> list[Finding]:
    return _aligned_values(ctx, "place")
