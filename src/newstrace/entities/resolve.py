"""Cross-document entities: one person, organisation or country under many names.

Mentions are joined (union-find) by evidence, never by a shared surname alone:

* aliases (``data/aliases.toml`` + the user's file): capitals as country
  metonyms, abbreviations, nationality adjectives;
* acronyms defined in the text ("Long Name (LN)") or matching the initials of
  a long form seen anywhere in the collection;
* the same name modulo case, periods and a leading article;
* person names equal after romanisation folding, or close by rapidfuzz with a
  shared family name (``names.similar_names``);
* a bare surname joins the full name of the same article; across articles it
  joins a full name only when their roles or titles share words.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable

from newstrace.config import Config
from newstrace.entities.aliases import (
    capital_use,
    load_aliases,
    load_capitals,
)
from newstrace.entities.names import (
    fold_token,
    initials,
    is_acronym,
    name_keys,
    name_tokens,
    nickname_forms,
    org_like,
    paren_acronyms,
    person_role,
    plain,
    similar_names,
    spelling_key,
)
from newstrace.entities.references import link_references, person_noun_mentions
from newstrace.entities.segment import add_known_names, lower_words, resegment
from newstrace.model import ROLE_NOUN, Article, Entity, EntityCues, Mention

ALGORITHM = "entities.v4"

_PLACE = {"GPE", "LOC", "NORP", "FAC"}
_ORGS = {"ORG", "FAC"}
_LOWER = re.compile(r"\b[a-z][a-z'-]+\b")
_NAME_STOP = frozenset({"of", "and", "the", "for", "&", "de", "on", "in", "at", "to"})


# Abbreviations of the generic word of a place name, written out in keys.
_ABBREVIATED = {"mt": "mount", "mtn": "mountain", "ft": "fort", "hwy": "highway",
                "blvd": "boulevard", "ave": "avenue"}


def _name_key(p: str) -> str:
    """Key of a non-person name: spellings, hyphens, abbreviated generic words ('Mt
    Cook') and, in names of three or more words, plurals of inner words folded
    ('Central Elections Commission')."""
    words = [_ABBREVIATED.get(w, w) for w in spelling_key(p).replace("-", " ").split()]
    if len(words) > 2:
        words = [w[:-1] if len(w) > 4 and w.endswith("s") and not w.endswith(("ss", "us", "is"))
                 else w for w in words[:-1]] + words[-1:]
    return " ".join(words)


_INTO_PLACE = frozenset({"at", "in", "into", "from", "inside", "outside", "leaves", "left",
                         "leave", "entered", "enters", "enter", "leaving", "entering"})


def _after_place_word(body: str, start: int) -> bool:
    """The word before ``start`` puts someone in or out of a place ('at', 'Leaves')."""
    line = body.rfind("\n", 0, start) + 1
    words = body[line:start].split()
    return bool(words) and words[-1].lower() in _INTO_PLACE


def _full_name(text: str) -> bool:
    """Two or more words of a person's name: not 'Obama-Biden' (one word, two
    people) nor a name ending in an organisation word."""
    return len(name_tokens(text)) > 1 and len(text.split()) > 1 and not org_like(text)


def _shorter_forms(words: list[str], common: set[str]) -> set[str]:
    """Shorter forms a long organisation name goes by (keys, lower case).

    The head of an English name is its last word, or the words before 'of':
    the name minus leading modifiers ('navy' of 'indian navy') or minus its
    'of' part.  Middle words may go ('marfin bank' of 'marfin investment
    bank'), and trailing common words ('morningside' of 'morningside recovery
    center').  No form starts or ends with a connector.
    """
    if len(words) < 2:
        return set()
    out: set[str] = set()
    if "of" in words[1:]:
        head = words[: words.index("of", 1)]
        out.add(" ".join(head))
    else:
        head = words
        out |= {" ".join(words[j:]) for j in range(1, len(words))}
    # Middle words dropped: 'marfin bank' of 'marfin investment bank'.
    out |= {" ".join(head[:i] + head[k:]) for i in range(1, len(head) - 1)
            for k in range(i + 1, len(head))}
    j = len(head)
    while j > 1 and head[j - 1] in common:
        j -= 1
        out.add(" ".join(head[:j]))
    return {f for f in out if f.split()[0] not in _NAME_STOP and f.split()[-1] not in _NAME_STOP}
_ROLE_STOP = frozenset({"the", "a", "an", "of", "for", "with", "at", "in", "and", "on",
                        "to", "its", "his", "her", "their", "who", "which", "that"})


class _Union:
    """Union-find over mention indices."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def join(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


class _Resolver:
    def __init__(self, mentions: dict[str, list[Mention]], articles: Iterable[Article],
                 cues: dict[str, EntityCues], config: Config) -> None:
        sec = config.section("entities")
        self.aliases = load_aliases(sec.str("aliases_file"))
        self.capitals = load_capitals(sec.str("aliases_file"))
        self.threshold = sec.float("person_similarity")
        self.unique_surname = sec.bool("join_unique_surname")
        self.unique_part = sec.bool("join_unique_part")
        self.arts = {a.id: a for a in articles}
        self.items = [(aid, m) for aid, ms in mentions.items() for m in ms]
        self.uf = _Union(len(self.items))
        self.keys: list[tuple[str, str] | None] = [None] * len(self.items)
        self.labels: list[str] = [m.label for _, m in self.items]
        self.roles: list[list[str]] = [[] for _ in self.items]
        self.named_after: set[int] = set()
        self.role_table = {aid: {(r.start, r.end): r.roles for r in cue.roles}
                           for aid, cue in cues.items()}
        # Nationality words naming one person ('the American'), per the parse.
        self.nationals = {(aid, r.span.start) for aid, cue in cues.items()
                          for r in cue.references if r.kind == ROLE_NOUN}

    # ------------------------------------------------------------------ keys
    def _acronyms(self) -> tuple[dict[str, dict[str, str]], dict[str, set[str]]]:
        local: dict[str, dict[str, str]] = {}
        glob: dict[str, set[str]] = defaultdict(set)
        for aid, art in self.arts.items():
            local[aid] = {plain(s): long for long, s in paren_acronyms(art.body)}
            for s, long in local[aid].items():
                glob[s].add(plain(long))
        for aid, m in self.items:
            if m.label == "PERSON":
                continue
            words = len(m.text.split())
            if words > 2:
                glob[plain(initials(m.text))].add(plain(m.text))
            # A name written after a capital 'The' may keep it in its acronym:
            # 'THR' of 'The Hollywood Reporter' (the mention drops the article).
            body = self.arts[aid].body if aid in self.arts else ""
            if words > 1 and body[max(0, m.span.start - 4):m.span.start] == "The ":
                glob["t" + plain(initials(m.text))].add(plain(m.text))
        return local, glob

    def _person_names(self) -> tuple[set[str], set[tuple[str, ...]]]:
        """Plain full person names, and (article, folded word) and folded-tail keys of them.

        A bare word tagged PERSON somewhere that is also the family name of a
        full person name is keyed ``("*", word)``: tagged ORG or GPE elsewhere
        it is still that person ('Obama' in 'the Obama administration').
        """
        full: set[str] = set()
        words: set[tuple[str, ...]] = set()
        bare: set[str] = set()
        for aid, m in self.items:
            if m.label == "PERSON" and plain(m.text) not in self.aliases:
                toks = name_tokens(m.text)
                if len(toks) == 1:
                    bare.add(fold_token(toks[0]))
                elif _full_name(m.text):
                    full.add(plain(m.text))
                    words |= {(aid, fold_token(t)) for t in toks}
                    folded = tuple(fold_token(t) for t in toks)
                    words |= {folded[k:] for k in range(1, len(folded) - 1)}
                    words.add(("*", folded[-1]))
        words -= {("*", w) for w in {w[1] for w in words if w[0] == "*"} - bare}
        return full, words

    def _is_person(self, aid: str, m: Mention, full: set[str],
                   words: set[tuple[str, ...]]) -> bool:
        """A mention NER labelled otherwise that is a person named elsewhere.

        Small NER models often tag a surname as GPE/ORG/NORP; it is a person
        when its article names a person with that word, the collection has
        that exact full person name, or it ends a longer person name
        ('Boone Isaacs' of 'Cheryl Boone Isaacs').
        """
        if m.label == "PERSON":
            return not org_like(m.text)
        if plain(m.text) in full:
            return True
        toks = name_tokens(m.text)
        if len(toks) > 1:
            return tuple(fold_token(t) for t in toks) in words
        tok = fold_token(toks[0])
        return not is_acronym(m.text) and ((aid, tok) in words or ("*", tok) in words)

    def _label_votes(self, full: set[str]) -> set[str]:
        """Bare words tagged PERSON less often than otherwise and in no full person
        name: 'Quad' once PERSON, twice ORG, is the organisation."""
        in_names = {t for f in full for t in name_tokens(f)}
        votes: dict[str, Counter[bool]] = defaultdict(Counter)
        for _, m in self.items:
            votes[plain(m.text)][m.label == "PERSON"] += 1
        return {p for p, c in votes.items()
                if c[False] >= c[True] and " " not in p and p not in in_names}

    def _roles_of(self, i: int) -> list[str]:
        """Roles the article's parse gave the mention (``EntityCues.roles``)."""
        aid, m = self.items[i]
        return self.role_table.get(aid, {}).get((m.span.start, m.span.end), [])

    def _described_as_person(self, i: int) -> bool:
        return not org_like(self.items[i][1].text) and any(
            person_role(r) for r in self._roles_of(i))

    def _city_use(self) -> set[int]:
        """Mentions of a capital that are the city, not the country: those written as a
        place, and those written unclearly in an article that writes it as a place and
        never as an actor (one sense per article)."""
        uses: dict[int, str] = {}
        per_article: dict[tuple[str, str], set[str]] = defaultdict(set)
        for i, (aid, m) in enumerate(self.items):
            p = plain(m.text)
            if p in self.capitals and aid in self.arts:
                uses[i] = capital_use(self.arts[aid].body, m.span.start, m.span.end,
                                      self.capitals)
                per_article[(aid, p)].add(uses[i])
        return {i for i, use in uses.items() if use == "place" or (
            not use and per_article[(self.items[i][0], plain(self.items[i][1].text))]
            >= {"place"} and "actor" not in per_article[(self.items[i][0],
                                                          plain(self.items[i][1].text))])}

    def _places_named_after(self) -> set[int]:
        """Mentions tagged PERSON of a name that begins an organisation's name of the
        collection, written as a place ('at Betty Ford', 'Leaves Betty Ford' with 'Betty Ford
        Center' known): the organisation, not the person it is named after.  One sense
        per article: the name's other mentions there are the organisation too."""
        prefixes: set[str] = set()
        for _, m in self.items:
            if org_like(m.text):
                words = plain(m.text).split()
                prefixes |= {" ".join(words[:k]) for k in range(1, len(words) - 1 + 1)}
        cands = [(i, aid, plain(m.text)) for i, (aid, m) in enumerate(self.items)
                 if m.label == "PERSON" and plain(m.text) in prefixes
                 and not org_like(m.text) and plain(m.text) not in self.aliases]
        used = {(aid, p) for i, aid, p in cands if aid in self.arts
                and _after_place_word(self.arts[aid].body, self.items[i][1].span.start)}
        return {i for i, aid, p in cands if (aid, p) in used}

    def join_named_after(self) -> None:
        """An organisation named after a person, where its name is cut to the person's
        ('at Betty Ford'), joins the organisation (same article first, else the only one)."""
        orgs = [j for j, k in enumerate(self.keys) if k is not None and self.labels[j] in _ORGS]
        for i in self.named_after:
            prefix = plain(self.items[i][1].text) + " "
            holders = [j for j in orgs if plain(self.items[j][1].text).startswith(prefix)]
            if holders:
                self._attach_part(i, holders)

    def assign_keys(self) -> None:
        local, glob = self._acronyms()
        full, words = self._person_names()
        not_person = self._label_votes(full)
        city_use = self._city_use()
        places = self.named_after = self._places_named_after()
        for i, (aid, m) in enumerate(self.items):
            p = plain(m.text)
            if i in city_use or i in places:
                # The city, not its country; the clinic, not the person it is named after.
                self.keys[i] = ("name", _name_key(p))
                self.labels[i] = "GPE" if i in city_use else "ORG"
                continue
            if p in self.aliases:
                canonical, label = self.aliases[p]
                self.keys[i] = ("alias", canonical)
                self.labels[i] = label
                if (aid, m.span.start) in self.nationals and m.label == "NORP":
                    self.keys[i] = ("national", f"{i}:{canonical}")  # see join_nationals
                continue
            if (self._is_person(aid, m, full, words) and p not in not_person) \
                    or self._described_as_person(i):
                self.labels[i] = "PERSON"
                continue
            if m.label == "PERSON":
                self.labels[i] = "ORG"  # an organisation's name the tagger took for a person
            if is_acronym(m.text):
                long = local.get(aid, {}).get(p)
                # Long forms that are one name but for spelling or plurals
                # ('Central Election(s) Commission') leave the acronym unambiguous.
                if long is None and len({_name_key(f) for f in glob.get(p, ())}) == 1:
                    long = min(glob[p])
                if long is not None:
                    p = plain(long)
                    if p in self.aliases:
                        self.keys[i] = ("alias", self.aliases[p][0])
                        continue
            self.keys[i] = ("name", _name_key(p))

    def join_keys(self) -> None:
        first: dict[tuple[str, str], int] = {}
        for i, key in enumerate(self.keys):
            if key is None:
                continue
            if key in first:
                self.uf.join(first[key], i)
            else:
                first[key] = i

    # ------------------------------------------------------------------ parts
    def join_name_parts(self) -> None:
        """A short organisation name joins the long one it abbreviates.

        'Navy' of 'Indian Navy', 'Angels' of 'Los Angeles Angels' (the end of
        the name, its head), 'Academy' of 'Academy of Motion Picture Arts and
        Sciences' (the head before 'of'), 'Morningside' of 'Morningside
        Recovery Center' (the name without trailing common words).  As with
        surnames: the long form in the same article before it wins; otherwise
        the one long form of the collection (``join_unique_part``).
        """
        orgs = [i for i, k in enumerate(self.keys)
                if k is not None and k[0] == "name" and self.labels[i] in _ORGS]
        common = {w for a in self.arts.values() for w in _LOWER.findall(a.body)}
        holders: dict[str, list[int]] = defaultdict(list)
        for i in orgs:
            key = self.keys[i]
            assert key is not None
            for short in _shorter_forms(key[1].split(), common):
                holders[short].append(i)
        for i in orgs:
            key = self.keys[i]
            assert key is not None
            found = holders.get(key[1], [])
            if found:
                self._attach_part(i, found)

    def _join_in_article(self, i: int, holders: list[int]) -> bool:
        """Join mention ``i`` to the holder in its own article (the last one before it, else
        the last one); False when no holder is in that article."""
        aid, m = self.items[i]
        same = [j for j in holders if self.items[j][0] == aid]
        if not same:
            return False
        before = [j for j in same if self.items[j][1].span.start < m.span.start]
        self.uf.join(i, (before or same)[-1])
        return True

    def _attach_part(self, i: int, holders: list[int]) -> None:
        if self._join_in_article(i, holders):
            return
        roots = {self.uf.find(j) for j in holders}
        if len(roots) == 1 and self.unique_part:
            self.uf.join(i, roots.pop())

    # ------------------------------------------------------------------ people
    def join_people(self) -> None:
        people = [i for i, k in enumerate(self.keys) if k is None]
        for i in people:
            self.roles[i] = self._roles_of(i)
        full = [i for i in people if _full_name(self.items[i][1].text)]
        self._join_full_names(full)
        self._join_middle_names(full)
        tokens = {j: {fold_token(t) for t in name_tokens(self.items[j][1].text)} for j in full}
        holders: dict[str, list[int]] = defaultdict(list)
        for j in full:
            for tok in tokens[j]:
                holders[tok].append(j)
        for i in people:
            if i not in tokens:
                self._attach_single(i, holders.get(fold_token(self.items[i][1].text), []))
        self._attach_tails(full)

    def _folded(self, i: int) -> tuple[str, ...]:
        return tuple(fold_token(t) for t in name_tokens(self.items[i][1].text))

    def _join_middle_names(self, full: list[int]) -> None:
        """'Mark Heller' joins 'Mark Jay Heller' when one middle name is all the collection has.

        Full names sharing first and last name but with two different middle
        names ('George H. W. Bush', 'George W. Bush') are two people, so the
        bare two-word form then stays apart.
        """
        groups: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i in full:
            toks = self._folded(i)
            groups[(toks[0], toks[-1])].append(i)
        for members in groups.values():
            middles = {self._folded(i)[1:-1] for i in members}
            longer = middles - {()}
            if () in middles and len(longer) == 1:
                for a, b in itertools.pairwise(members):
                    self.uf.join(a, b)

    def _attach_tails(self, full: list[int]) -> None:
        """A name that ends a longer person name ('Boone Isaacs' of 'Cheryl Boone Isaacs')
        joins it as a surname would."""
        tails: dict[tuple[str, ...], list[int]] = defaultdict(list)
        for j in full:
            toks = self._folded(j)
            for k in range(1, len(toks) - 1):
                tails[toks[k:]].append(j)
        for i in full:
            holders = tails.get(self._folded(i), [])
            if holders and all(self.uf.find(j) != self.uf.find(i) for j in holders):
                self._attach_single(i, holders)

    def _join_full_names(self, full: list[int]) -> None:
        """Join full names equal after folding, or close with a shared family name.

        Blocking on the folded first/last word keeps the fuzzy comparisons few.
        """
        first_of: dict[str, int] = {}
        by_key: dict[str, int] = {}
        blocks: dict[str, list[str]] = defaultdict(list)
        for i in full:
            text = self.items[i][1].text
            if text in first_of:
                self.uf.join(first_of[text], i)
                continue
            first_of[text] = i
            keys = name_keys(text).union(*(name_keys(f) for f in nickname_forms(text)))
            hit = next((by_key[k] for k in keys if k in by_key), None)
            if hit is None:
                toks = name_tokens(text)
                block = {fold_token(toks[0]), fold_token(toks[-1])}
                cands = {t for b in block for t in blocks[b]}
                hit = next((first_of[t] for t in sorted(cands)
                            if similar_names(t, text, self.threshold)), None)
                for b in block:
                    blocks[b].append(text)
            if hit is not None:
                self.uf.join(hit, i)
            for k in keys:
                by_key.setdefault(k, i)

    def _attach_single(self, i: int, holders: list[int]) -> None:
        if self._join_in_article(i, holders):
            return
        roots = {self.uf.find(j) for j in holders}
        agreeing = {r for r in roots if self._roles_agree(i, r, holders)}
        if len(agreeing) == 1:
            self.uf.join(i, agreeing.pop())
        elif len(roots) == 1 and self.unique_surname:
            # The only person of the collection with this name: weaker evidence,
            # used only when the option allows it.
            self.uf.join(i, roots.pop())

    def _role_words(self, members: Iterable[int]) -> set[str]:
        words: set[str] = set()
        for j in members:
            for role in self.roles[j]:
                words |= {w for w in plain(role).split() if w not in _ROLE_STOP and len(w) > 2}
        return words

    def _roles_agree(self, i: int, root: int, holders: list[int]) -> bool:
        members = [j for j in holders if self.uf.find(j) == root]
        return bool(self._role_words([i]) & self._role_words(members))

    def join_nationals(self) -> None:
        """'The 40-year-old American' joins the one person of its article whose titles
        or roles anywhere in the collection carry that word ('American challenger Tony
        Thompson'); with no such person it stays the country's adjective."""
        words: dict[int, set[str]] = defaultdict(set)
        here: dict[str, set[int]] = defaultdict(set)
        for j, k in enumerate(self.keys):
            if k is None:
                words[self.uf.find(j)] |= self._role_words([j])
                here[self.items[j][0]].add(j)
        first = {k: j for j, k in reversed(list(enumerate(self.keys))) if k is not None}
        for i, k in enumerate(self.keys):
            if k is None or k[0] != "national":
                continue
            word, country = plain(self.items[i][1].text), ("alias", k[1].split(":", 1)[1])
            found = [r for r in {self.uf.find(j) for j in here[self.items[i][0]]}
                     if word in words[r]]
            if len(found) == 1:
                self.uf.join(found[0], i)
                self.keys[i], self.labels[i] = None, "PERSON"
            else:
                self.keys[i] = country
                self.uf.join(first.setdefault(country, i), i)

    def join_bare_names(self) -> None:
        """Bare names (no full form anywhere) join within an article, and across
        articles when roles agree or (``join_unique_surname``) always: with no
        full name in the collection there is no second person to confuse."""
        groups: dict[str, list[int]] = defaultdict(list)
        for i, k in enumerate(self.keys):
            if k is None and self.uf.find(i) == i and len(name_tokens(self.items[i][1].text)) == 1:
                groups[fold_token(self.items[i][1].text)].append(i)
        for members in groups.values():
            for a, b in itertools.combinations(members, 2):
                if (self.unique_surname or self.items[a][0] == self.items[b][0]
                        or self._role_words([a]) & self._role_words([b])):
                    self.uf.join(a, b)

    # ------------------------------------------------------------------ output
    def entities(self) -> list[Entity]:
        clusters: dict[int, list[int]] = defaultdict(list)
        for i in range(len(self.items)):
            clusters[self.uf.find(i)].append(i)
        out: list[Entity] = []
        seen_ids: Counter[str] = Counter()
        for members in sorted(clusters.values()):
            ent = self._entity(members)
            seen_ids[ent.id] += 1
            if seen_ids[ent.id] > 1:
                ent.id = f"{ent.id}-{seen_ids[ent.id]}"
            for j in members:
                self.items[j][1].entity_id = ent.id
            out.append(ent)
        return out

    def _entity(self, members: list[int]) -> Entity:
        mentions = [self.items[j][1] for j in members]
        label = Counter(self.labels[j] for j in members).most_common(1)[0][0]
        if label in _PLACE and any(self.labels[j] == "GPE" for j in members):
            label = "GPE"
        alias = next((k[1] for j in members if (k := self.keys[j]) and k[0] == "alias"), None)
        forms = sorted({m.text for m in mentions})
        name = alias or max(forms, key=lambda f: (not is_acronym(f), len(f.split()) > 1,
                                                  sum(m.text == f for m in mentions), len(f)))
        roles = list(dict.fromkeys(r for j in members for r in self.roles[j]))
        digest = hashlib.sha1(f"{label}:{name}".encode()).hexdigest()[:10]
        return Entity(id=f"ent-{digest}", name=name, label=label, forms=forms,
                      mentions=mentions, roles=roles)


def resolve(mentions: dict[str, list[Mention]], articles: Iterable[Article],
            config: Config, cues: dict[str, EntityCues] | None = None) -> list[Entity]:
    """Merge mentions of one person/organisation/place across articles into entities.

    ``cues`` are what the per-article stage read from each article's parse
    (``entities.cues.cues_of``); resolution itself never parses, so with them
    it runs on plain data however large the collection.  Without them they
    are computed here (one parse of the articles).

    Sets ``Mention.entity_id`` on every mention it keeps (in place) and returns the
    entities.  The caller's lists are not changed: a run-together mention that is cut
    into names is replaced, and names the tagger missed are added, in the entities only.
    """
    arts = list(articles)
    if cues is None:
        from newstrace.entities.cues import extract_cues

        cues = extract_cues([a for a in arts if a.id in mentions], mentions, config)
    mentions = {aid: list(ms) for aid, ms in mentions.items()}
    sec = config.section("entities")
    bodies = {a.id: a.body for a in arts}
    resegment(mentions, bodies, load_aliases(sec.str("aliases_file")))
    add_known_names(mentions, bodies)
    headline_nouns = person_noun_mentions(mentions, lower_words(bodies.values()))
    res = _Resolver(mentions, arts, cues, config)
    res.assign_keys()
    res.join_keys()
    res.join_name_parts()
    res.join_named_after()
    res.join_people()
    res.join_nationals()
    res.join_bare_names()
    ents = res.entities()
    if sec.bool("role_nouns") or sec.bool("pronouns"):
        here = {a.id: cues[a.id] for a in arts if a.id in mentions and a.id in cues}
        for aid, refs in headline_nouns.items():
            if aid in here:
                here[aid] = EntityCues(aid, here[aid].roles,
                                       sorted([*here[aid].references, *refs],
                                              key=lambda r: r.span.start))
        link_references(ents, here, pronouns=sec.bool("pronouns"),
                        role_nouns=sec.bool("role_nouns"))
    return ents
