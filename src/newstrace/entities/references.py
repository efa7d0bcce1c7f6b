"""Pronouns and role nouns that refer back to a resolved entity.

After names are clustered, two kinds of reference are linked to them, both
within one article and only where the evidence is local and strong:

* a personal pronoun ("he", "she", "him", "her", "his") joins the person
  named last before it, when that name is in the same or the previous
  sentence and no other person is named between (a hand-written recency
  rule: the small spaCy pipeline has no coreference component);
* a definite role noun ("the actress", "the company", "the agency") joins the
  one entity of the article whose roles (appositions, titles) or name end in
  that noun, or, for organisations, whose name contains it.

References are kept as mentions with label ``PRON`` or ``NOM``; they add no
surface form and never change a name.  The candidate words come from the
per-article parse (``entities.cues``), so linking needs no parse.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from newstrace.entities.names import PERSON_ROLES, name_tokens, plain, role_head
from newstrace.model import PRONOUN, ROLE_NOUN, Entity, EntityCues, Mention, Reference

_ROLE_STOP = frozenset({"the", "a", "an", "of", "for", "with", "at", "in", "and", "on", "to",
                        "its", "his", "her", "their", "who", "which", "that", "former"})


# Nouns that only name a person, which headlines capitalise ('Driver Charged In Fatal
# Crash', 'Actress Dies at 91') and small taggers then take for names.
PERSON_NOUNS = PERSON_ROLES | frozenset({
    "man", "woman", "boy", "girl", "teen", "teenager", "child", "victim", "suspect", "gunman",
    "killer", "shooter", "attacker", "driver", "robber", "thief", "climber", "swimmer",
    "boxer", "fighter", "champion", "star", "host", "athlete", "pilot", "doctor", "nurse",
    "teacher", "student", "worker", "employee", "soldier", "policeman", "deputy",
    "grandmother", "grandfather", "mom", "dad", "pitcher", "quarterback", "rapper",
})


def person_noun_mentions(mentions: dict[str, list[Mention]],
                         common: set[str]) -> dict[str, list[Reference]]:
    """Take out one-word mentions that are a person noun, not a name ('Driver',
    'ACTRESS'), and return them as role-noun references to link like 'the driver'.

    The word must be one the collection also writes in lower case and no part of
    a longer name of the collection ('Minnie Driver' keeps 'Driver' a name).
    """
    in_names = {t for ms in mentions.values() for m in ms if len(m.text.split()) > 1
                for t in name_tokens(m.text)}
    out: dict[str, list[Reference]] = defaultdict(list)
    for aid, ms in mentions.items():
        keep = []
        for m in ms:
            word = plain(m.text)
            if (word in PERSON_NOUNS and word in common and word not in in_names
                    and " " not in word and m.text[:1].isupper()):
                out[aid].append(Reference(m.span, m.text, ROLE_NOUN))
            else:
                keep.append(m)
        ms[:] = keep
    return out


def _by_article(ents: list[Entity]) -> dict[str, list[tuple[int, int, Entity]]]:
    """Each article's mentions as (start, end, entity), in text order (one pass over all)."""
    out: dict[str, list[tuple[int, int, Entity]]] = defaultdict(list)
    for e in ents:
        for m in e.mentions:
            out[m.span.article_id].append((m.span.start, m.span.end, e))
    for spans in out.values():
        spans.sort(key=lambda x: (x[0], x[1]))
    return out


def _pronoun_target(ref: Reference, people: list[tuple[int, int, str]]) -> str | None:
    """The person named last before ``ref`` in this or the previous sentence, if unambiguous."""
    before = [p for p in people if ref.window <= p[0] and p[1] <= ref.span.start]
    if not before:
        return None
    last = before[-1][2]
    # Another person named in the same window makes "he"/"she" ambiguous.
    if any(p[2] != last for p in before):
        return None
    return last


def _role_nouns(present: Iterable[Entity]) -> dict[str, set[str]]:
    """Head nouns naming each entity of one article: role heads ('researcher' of 'a
    researcher at the institute') and the name's last word."""
    out: dict[str, set[str]] = defaultdict(set)
    for e in present:
        for role in e.roles:
            head = role_head(role)
            if head and head not in _ROLE_STOP:
                out[head].add(e.id)
        if e.label in ("ORG", "FAC"):
            for form in e.forms:
                words = plain(form).split()
                if len(words) > 1:
                    out[words[-1]].add(e.id)
    return out


def link_references(ents: list[Entity], cues: dict[str, EntityCues], *, pronouns: bool = True,
                    role_nouns: bool = True) -> None:
    """Add pronoun and role-noun mentions to ``ents`` (in place), from each article's
    referring words (``EntityCues.references``, found by the per-article parse)."""
    by_id = {e.id: e for e in ents}
    spans = _by_article(ents)
    for aid, cue in cues.items():
        here = spans.get(aid, [])
        people = [(a, b, e.id) for a, b, e in here if e.label == "PERSON"]
        nouns = _role_nouns({e.id: e for _, _, e in here}.values()) if role_nouns else {}
        taken = {a for a, _, _ in here}
        for ref in cue.references:
            target = None
            if ref.kind == PRONOUN and pronouns and people:
                target = _pronoun_target(ref, people)
            elif ref.kind == ROLE_NOUN and role_nouns and len(nouns.get(plain(ref.text), ())) == 1:
                target = next(iter(nouns[plain(ref.text)]))
            if target is None or ref.span.start in taken:
                continue
            by_id[target].mentions.append(Mention(ref.span, ref.text, ref.kind,
                                                  entity_id=target))
