"""Synthetic derivation benchmark built from real article texts (PolNeAR bodies).

Families: a real article is the root; derived copies are made by reprinting
(house-style changes only), excerpting with edits, light rewrites (sentence
reordering, word substitutions, the rewriter's own paragraph) and heavy
rewrites (sentences dropped too), in chains up to three deep.  Each word of a
derived text remembers which characters of its parent it came from, so the
gold passages are known exactly.  Added: quote-only pairs (two independent
articles quoting the same one or two sentences in different frames: must NOT
be derived) and independent distractors, a quarter of all documents, chosen
as the texts closest in topic to the roots.  Bases are chosen so that no two
of them share wording.  Everything is seeded.
Each outlet applies one house style throughout: quote marks, "US" for
"U.S.", British spellings and "per cent", and a name style (honorifics kept,
undotted or dropped; middle initials dropped; hyphenated names joined or
spaced; every house-style form of a copied word is copied text).  A copy
credits its source 40 % of the time, in one of four forms
("According to the X,", a dateline "(X) —", "Citing the X,", a closing "first
published by the X" line), sometimes naming the story's origin rather than the
outlet it copied.  Each article has a true publication time and shows it in
full, as a bare date, or not at all, so a copy is always later than its
source even when only dates are shown.

Scores (:func:`score`): pair F1 (undirected ancestor pairs), directed-ancestor
F1, direct-parent F1 and passage-character F1 (characters of each gold
edge's target copied from its parent versus the target's spans in the
passages the tool reports as derived between the two, either way round:
direction is scored by the directed figures; ``passage_char_f1_directed``
counts only edges reported parent -> child, as scored before 2026-11-23).
Run ``.venv/bin/python eval/derivations.py [N]``.
"""

from __future__ import annotations

import random
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from newstrace.config import Config
from newstrace.model import Article, Derivation, Provenance
from newstrace.provenance.candidates import pairs_from_shingles, shingles

SHARED = Path(__file__).resolve().parents[2] / "shared"
SYNONYMS = {
    "said": "stated", "says": "states", "big": "large", "began": "started", "help": "assist",
    "show": "demonstrate", "shows": "demonstrates", "about": "around", "buy": "purchase",
    "many": "numerous", "but": "however", "also": "additionally", "told": "informed",
    "people": "individuals", "important": "significant", "get": "obtain", "need": "require",
    "called": "described", "tried": "attempted", "after": "following", "before": "prior to",
    "because": "since", "very": "highly", "new": "fresh", "first": "initial", "end": "close",
}
PLACES = ["Ashford", "Brayton", "Corling", "Dunmore", "Eastvale", "Fairholt", "Glenrock",
          "Harwick", "Ivybridge", "Kelso", "Lanford", "Marston", "Norwell", "Oakridge"]
HEADS = ["Herald", "Gazette", "Times", "Daily News", "Post", "Courier", "Tribune", "Journal"]
SPEAKERS = ["Senator Maria Lopez", "Governor Tom Hale", "Minister Ana Silva", "Mayor Ken Obi"]


@dataclass
class Word:
    text: str
    origin: tuple[int, int] | None  # character range in the parent, None if new


@dataclass
class Doc:
    id: str
    paragraphs: list[list[Word]]
    outlet: str
    published: str | None
    parent: str | None = None
    time: str = ""  # the true publication time; ``published`` is what the text shows
    body: str = ""
    copied: list[tuple[int, int, int, int]] = field(default_factory=list)  # tgt, src ranges


def render(doc: Doc) -> None:
    """Join words into the body; record target ranges of words copied from the parent."""
    parts: list[str] = []
    pos = 0
    doc.copied = []
    for pi, para in enumerate(doc.paragraphs):
        if pi:
            parts.append("\n\n")
            pos += 2
        for wi, w in enumerate(para):
            if wi:
                parts.append(" ")
                pos += 1
            if w.origin is not None:
                # the space between two copied words is copied text too
                glue = int(wi > 0 and para[wi - 1].origin is not None)
                doc.copied.append((pos - glue, pos + len(w.text), *w.origin))
            parts.append(w.text)
            pos += len(w.text)
    doc.body = "".join(parts)


def words_of(doc: Doc) -> list[list[Word]]:
    """The rendered doc's words with origins pointing into this doc (for a child)."""
    out, pos = [], 0
    for pi, para in enumerate(doc.paragraphs):
        if pi:
            pos += 2
        row = []
        for wi, w in enumerate(para):
            if wi:
                pos += 1
            row.append(Word(w.text, (pos, pos + len(w.text))))
            pos += len(w.text)
        out.append(row)
    return out


def from_text(text: str) -> list[list[Word]]:
    return [[Word(w, None) for w in p.split()] for p in re.split(r"\n\s*\n", text) if p.split()]


def sentences_of(para: list[Word]) -> list[list[Word]]:
    out, cur = [], []
    for w in para:
        cur.append(w)
        if re.search(r"[.!?][\"”’)]*$", w.text):
            out.append(cur)
            cur = []
    if cur:
        out.append(cur)
    return out


# American -> British spellings a house style may apply (whole words only: a
# blanket "-or" -> "-our" rule would also turn "Senator" into "Senatour").
BRITISH = {"color": "colour", "honor": "honour", "favor": "favour", "labor": "labour",
           "neighbor": "neighbour", "behavior": "behaviour", "harbor": "harbour",
           "rumor": "rumour", "humor": "humour", "vigor": "vigour", "endeavor": "endeavour",
           "organize": "organise", "organized": "organised", "recognize": "recognise",
           "recognized": "recognised", "criticize": "criticise", "criticized": "criticised",
           "apologize": "apologise", "emphasize": "emphasise", "realize": "realise",
           "realized": "realised", "defense": "defence", "center": "centre"}


@dataclass(frozen=True)
class HouseStyle:
    """One outlet's house style, applied consistently to every word it prints.

    Besides typography (quote marks, "US" for "U.S.", British spellings and
    "per cent"), the name style of the outlet: "Mr. Smith", "Mr Smith" or plain
    "Smith"; middle initials kept or dropped ("John Q. Public" / "John
    Public"); hyphenated names kept, joined or spaced ("Jean-Luc" / "Jeanluc"
    / "Jean Luc", as transliterations of one name vary between outlets).
    """

    straight_quotes: bool
    british: bool
    undotted: bool  # "US", "UK" for "U.S.", "U.K."
    honorific: str = "keep"  # keep | undotted | drop
    initials: bool = True  # keep middle initials
    hyphens: str = "keep"  # keep | join | space (hyphenated capitalised names)

    @classmethod
    def pick(cls, rng: random.Random) -> HouseStyle:
        return cls(rng.random() < 0.5, rng.random() < 0.3, rng.random() < 0.5,
                   rng.choice(("keep", "keep", "undotted", "drop")), rng.random() < 0.7,
                   rng.choice(("keep", "keep", "join", "space")))


_HONORIFIC = re.compile(r"^(Mr|Mrs|Ms|Dr|Sen|Gov|Rep)\.$")
_INITIAL = re.compile(r"^[A-Z]\.$")
_HYPHEN_NAME = re.compile(r"^([\"“‘(]*)([A-Z][a-z]+)-([A-Z]?[a-z]+)(\W*)$")


def restyle(words: list[Word], house: HouseStyle) -> list[Word]:
    """``words`` in ``house``'s style; every word keeps the parent characters it came from."""
    out: list[Word] = []
    for k, w in enumerate(words):
        nxt = words[k + 1].text if k + 1 < len(words) else ""
        name_next = nxt[:1].isupper()
        if _HONORIFIC.match(w.text) and name_next and house.honorific != "keep":
            if house.honorific == "undotted":
                out.append(Word(w.text[:-1], _cut(w.origin, 0, len(w.text) - 1)))
            continue
        prev = words[k - 1].text if k else ""
        if (not house.initials and _INITIAL.match(w.text) and prev[:1].isupper()
                and not prev.endswith(".") and name_next):
            continue
        for x in _name_hyphen(style(w, house), house):
            out.extend(_per_cent(x, house))
    return out


def _per_cent(w: Word, house: HouseStyle) -> list[Word]:
    """British style prints "percent" as two words."""
    at = w.text.find("percent")
    if not house.british or at < 0 or w.origin is None or w.text.strip(".,;:)") != "percent":
        return [w]
    return [Word(w.text[: at + 3], _cut(w.origin, 0, at + 3)),
            Word(w.text[at + 3 :], _cut(w.origin, at + 3, len(w.text)))]


def _cut(origin: tuple[int, int] | None, start: int, end: int) -> tuple[int, int] | None:
    """The part ``[start, end)`` of a word's origin range."""
    return None if origin is None else (origin[0] + start, origin[0] + end)


def _name_hyphen(w: Word, house: HouseStyle) -> list[Word]:
    m = _HYPHEN_NAME.match(w.text)
    if not m or house.hyphens == "keep" or w.origin is None or len(w.text) != (
            w.origin[1] - w.origin[0]):
        return [w]
    first = len(m.group(1)) + len(m.group(2))
    if house.hyphens == "join":  # "Jean-Luc" -> "Jeanluc": the same word in house style,
        # copied text as "US" for "U.S." is (until 2026-11-23 it counted as new text)
        return [Word(w.text[:first] + w.text[first + 1 :].lower(), w.origin)]
    return [Word(w.text[:first], _cut(w.origin, 0, first)),
            Word(w.text[first + 1 :], _cut(w.origin, first + 1, len(w.text)))]


def style(w: Word, house: HouseStyle) -> Word:
    """House-style change that keeps the word (quotes, dotted acronyms, spelling)."""
    t = w.text
    if house.straight_quotes:
        t = t.replace("“", '"').replace("”", '"').replace("’", "'")
    if house.undotted:
        t = t.replace("U.S.", "US").replace("U.K.", "UK")
    if house.british:
        core = t.strip(".,;:!?\"'“”’()")
        repl = BRITISH.get(core.lower())
        if core and repl:
            t = t.replace(core, repl.capitalize() if core[0].isupper() else repl)
    return Word(t, w.origin)


def edit(w: Word, rng: random.Random, rate: float, filler: list[str]) -> list[Word]:
    """Maybe substitute, drop or change a name variant of one word.

    An edit replaces the word itself and keeps the marks around it: an editor
    who rewords the first word of a quotation keeps its opening quotation mark,
    and a word carrying a quotation mark or ending a sentence is never dropped.
    """
    r = rng.random()
    m = re.match(r"^(\W*)(.*?)(\W*)$", w.text)
    lead, core, trail = (m.group(1), m.group(2), m.group(3)) if m else ("", w.text, "")
    if r < rate * 0.45 and core.lower() in SYNONYMS:
        return [Word(lead + SYNONYMS[core.lower()] + trail, None)]
    if r < rate * 0.7:
        return [Word(lead + rng.choice(filler) + trail, None)]
    if r < rate * 0.85:
        marked = any(c in lead + trail for c in "\"“”‘’'.!?")
        return [w] if marked else []
    if r < rate and "-" in core and core[:1].isupper():
        return [Word(w.text.replace("-", ""), None)]
    return [w]


MODES = ("reprint", "excerpt", "light", "heavy")


def derive(parent: Doc, new_id: str, mode: str, rng: random.Random, filler: list[str],
           extra: list[list[Word]], outlet: str, upstream: str | None = None) -> Doc:
    """A child of ``parent`` made by one transformation ``mode``.

    ``upstream``: the outlet ``parent`` itself copied, if any; a copy that
    credits its source sometimes names that one (the story's origin, as the
    parent credited it) rather than the outlet it copied.
    """
    paras = words_of(parent)
    rate = {"reprint": 0.0, "excerpt": 0.04, "light": 0.1, "heavy": 0.3}[mode]
    if mode in ("excerpt", "heavy") and len(paras) > 3:
        keep = max(2, int(len(paras) * rng.uniform(0.4, 0.8)))
        start = rng.randrange(0, len(paras) - keep + 1)
        paras = paras[start : start + keep]
    out = []
    house = HouseStyle.pick(random.Random(outlet))  # one style per outlet
    for para in paras:
        sents = sentences_of(para)
        quoting = any(c in w.text for w in para for c in ("\"", "“", "”", "''"))
        if mode in ("light", "heavy") and len(sents) > 1 and not quoting:
            rng.shuffle(sents)
        if mode == "heavy" and quoting:  # a quotation is kept or cut whole, marks balanced
            sents = sents if rng.random() < 0.6 else []
        elif mode == "heavy":
            sents = [s for s in sents if rng.random() < 0.6] or sents[:1]
        words = restyle([w for s in sents for w in s], house)
        new = [x for w in words for x in edit(w, rng, rate, filler)]
        if new:
            out.append(new)
    if mode != "reprint":  # the rewriter's own paragraphs: new text the parent lacks
        for para in extra:
            out.insert(rng.randrange(0, len(out) + 1), [Word(w.text, None) for w in para])
    if rng.random() < 0.4 and out:
        named = upstream if upstream and rng.random() < 0.2 else parent.outlet
        _credit(out, named, rng)
    time = _later(parent.time, rng)
    return Doc(new_id, out, outlet, _shown(time, rng), parent=parent.id, time=time)


CREDITS = ("According to the {o},", "{P} ({o}) —", "Citing the {o},",
           "The report was first published by the {o}.")


def _credit(out: list[list[Word]], outlet: str, rng: random.Random) -> None:
    """Name ``outlet`` as the source, in one of the forms news copy uses."""
    form = rng.choice(CREDITS).format(o=outlet, P=rng.choice(PLACES).upper())
    words = [Word(w, None) for w in form.split()]
    if form.endswith("."):
        out.append(words)
    else:
        out[0] = words + out[0]


def _later(time: str, rng: random.Random) -> str:
    """A true publication time 1 to 30 hours after ``time`` (``YYYY-MM-DDTHH:MM``)."""
    hour = int(time[11:13]) + rng.randint(1, 30)
    day = int(time[8:10]) + hour // 24  # bases start by the 20th: chains stay in March
    return f"{time[:8]}{day:02d}T{hour % 24:02d}:{rng.randint(0, 59):02d}"


def _shown(time: str, rng: random.Random) -> str | None:
    """What an article shows of its publication time: nothing for 10 %, the bare
    date for 30 % (often the same day as its source, so no signal), else date and time.
    The true time is kept apart, so a copy of an article showing only its date is
    still later than that article's own source."""
    r = rng.random()
    if r < 0.1:
        return None
    return time[:10] if r < 0.4 else time


def load_texts(shared: Path = SHARED) -> list[str]:
    root = shared / "data" / "polnear"
    paths = sorted(root.glob("*/text/*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def independent(texts: list[str], rng: random.Random, need: int) -> list[str]:
    """``need`` texts of 200+ words, no two sharing a 5-word shingle pair."""
    order = list(range(len(texts)))
    rng.shuffle(order)
    sets = {str(i): shingles(texts[i], 5) for i in order if len(texts[i].split()) >= 200}
    clash = pairs_from_shingles(sets, max_df=len(sets), min_shared=2)
    bad: dict[str, set[str]] = {}
    for a, b, _ in clash:
        bad.setdefault(a, set()).add(b)
        bad.setdefault(b, set()).add(a)
    chosen: list[str] = []
    for i in order:
        key = str(i)
        if key in sets and not (bad.get(key, set()) & set(chosen)):
            chosen.append(key)
        if len(chosen) == need:
            break
    return [texts[int(k)] for k in chosen]


def build(families: int, seed: int = 7, shared: Path = SHARED) -> tuple[list[Doc], nx.DiGraph]:
    """Docs and the gold parent graph (edge parent -> child).

    Distractors are a quarter of all documents, chosen among the texts sharing
    no wording with the others as those closest in topic to the families'
    roots (TF-IDF cosine), so a tool cannot tell copies by topic alone.
    """
    rng = random.Random(seed)
    n_quote = max(1, families // 8)
    texts = load_texts(shared)
    pool = independent(texts, rng, len(texts))
    need = 2 * families + 3 * n_quote
    bases, filler_texts, rest = pool[:need], pool[need : need + families], pool[
        need + families :]
    it = iter(bases)
    # a rewriter's stray words; quotation marks stripped so that filler never
    # opens a quotation the rewrite does not have
    filler = [w for w in (x.strip("\"“”‘’'") for x in " ".join(filler_texts).split()) if w]
    outlets = [f"{p} {h}" for p in PLACES for h in HEADS]
    rng.shuffle(outlets)
    docs: list[Doc] = []
    gold = nx.DiGraph()
    roots = []
    for f in range(families):
        time = f"2016-03-{rng.randint(1, 20):02d}T{rng.randint(0, 12):02d}:00"
        roots.append(next(it))
        root = Doc(f"f{f}r", from_text(roots[-1]), outlets[len(docs) % len(outlets)],
                   time if rng.random() < 0.9 else None, time=time)
        _family(root, rng, filler, next(it), outlets, docs, gold)
    for q in range(n_quote):
        _quote_pair(q, next(it), next(it), next(it), rng, outlets, docs, gold)
    for d, text in enumerate(topical(rest, roots, len(docs) // 3)):
        time = _any_time(rng)
        doc = Doc(f"d{d}", from_text(text), rng.choice(outlets), _shown(time, rng), time=time)
        docs.append(doc)
        gold.add_node(doc.id)
    for doc in docs:
        render(doc)
    return docs, gold


def _any_time(rng: random.Random) -> str:
    return f"2016-03-{rng.randint(1, 22):02d}T{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}"


def topical(candidates: list[str], roots: list[str], need: int) -> list[str]:
    """The ``need`` candidates most similar in vocabulary (TF-IDF cosine) to any root."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    if need <= 0 or not candidates:
        return []
    matrix = TfidfVectorizer(stop_words="english", sublinear_tf=True).fit_transform(
        roots + candidates)
    sims = (matrix[len(roots) :] @ matrix[: len(roots)].T).max(axis=1).toarray().ravel()
    order = sorted(range(len(candidates)), key=lambda i: (-sims[i], i))
    return [candidates[i] for i in order[:need]]


def _family(root: Doc, rng: random.Random, filler: list[str], extra_text: str,
            outlets: list[str], docs: list[Doc], gold: nx.DiGraph) -> None:
    extra_paras = from_text(extra_text)
    docs.append(root)
    docs_by = {d.id: d for d in docs}
    gold.add_node(root.id)
    frontier = [(root, 1)]
    count = 0
    while frontier and count < rng.randint(2, 5):
        parent, depth = frontier.pop(rng.randrange(len(frontier)))
        render(parent)
        for _ in range(rng.randint(1, 2)):
            count += 1
            mode = rng.choice(MODES)
            extra = [extra_paras.pop(0)] if extra_paras else []
            upstream = next((docs_by[p].outlet for p in gold.predecessors(parent.id)), None)
            child = derive(parent, f"{root.id[:-1]}c{count}", mode, rng, filler, extra,
                           outlets[(len(docs) * 7) % len(outlets)], upstream)
            render(child)
            docs.append(child)
            docs_by[child.id] = child
            gold.add_edge(parent.id, child.id, mode=mode)
            if depth < 3:
                frontier.append((child, depth + 1))


def _quote_pair(q: int, base1: str, base2: str, speech: str, rng: random.Random,
                outlets: list[str], docs: list[Doc], gold: nx.DiGraph) -> None:
    """Two independent articles quoting the same long statement (one or two sentences),
    each in its own frame, at independent times."""
    sents = [s for s in re.split(r"(?<=[.!?])\s+", speech) if 20 <= len(s.split()) <= 60]
    take = rng.randint(1, 2)
    quote = " ".join(sents[:take]) if sents else " ".join(speech.split()[:40])
    # quotation marks inside the quotation become single ones, as news style has it
    quote = quote.replace("“", "‘").replace("”", "’").replace('"', "'")
    speaker = rng.choice(SPEAKERS)
    frames = [f'{speaker} said: "{quote}"', f'"{quote}" {speaker} told reporters.',
              f'In a statement, {speaker} said: “{quote}”',
              f'“{quote[:-1]},” {speaker} said on Tuesday.']
    for k, (base, frame) in enumerate(zip((base1, base2), rng.sample(frames, 2), strict=True)):
        paras = from_text(base)
        paras.insert(rng.randrange(1, len(paras) + 1), [Word(w, None) for w in frame.split()])
        time = _any_time(rng)
        doc = Doc(f"q{q}{'ab'[k]}", paras, rng.choice(outlets), _shown(time, rng), time=time)
        docs.append(doc)
        gold.add_node(doc.id)


def articles(docs: list[Doc]) -> list[Article]:
    return [Article(id=d.id, source=f"bench/{d.id}", body=d.body, outlet=d.outlet,
                    published=d.published) for d in docs]


def _f1(pred: set, gold: set) -> float:
    tp = len(pred & gold)
    return 2 * tp / max(1, len(pred) + len(gold))


def score(prov: Provenance, docs: list[Doc], gold: nx.DiGraph) -> dict[str, float]:
    """Pair, directed-ancestor, direct-parent and passage-character F1 (the last
    also as it was scored before, counting only edges reported parent -> child)."""
    pred = nx.DiGraph()
    pred.add_nodes_from(gold.nodes)
    derived = [e for e in prov.edges if e.kind == "derived"]
    pred.add_edges_from((e.source, e.target) for e in derived)
    anc_gold = {(a, d) for a in gold.nodes for d in nx.descendants(gold, a)}
    anc_pred = {(a, d) for a in pred.nodes for d in nx.descendants(pred, a)}
    return {
        "pair_f1": _f1({frozenset(p) for p in anc_pred}, {frozenset(p) for p in anc_gold}),
        "ancestor_f1": _f1(anc_pred, anc_gold),
        "parent_f1": _f1(set(pred.edges), set(gold.edges)),
        "passage_char_f1": _passage_chars(derived, docs, gold, directed=False),
        "passage_char_f1_directed": _passage_chars(derived, docs, gold, directed=True),
        "docs": float(len(docs)),
        "gold_edges": float(gold.number_of_edges()),
        "pred_edges": float(len(derived)),
    }


def _passage_chars(derived: list[Derivation], docs: list[Doc], gold: nx.DiGraph,
                   directed: bool) -> float:
    """Character F1 of the copied text of each gold edge's target.

    Truth: the target's characters copied from its parent.  Found: the
    target-side spans of the passages of the derived edge the tool reports
    between the two.  The issue scores passages apart from direction (passim,
    which has none, is scored on them), so by default an edge reported the
    wrong way round still counts its passages (their source side is then the
    gold target); ``directed`` counts only edges reported parent -> child.
    """
    by_id = {d.id: d for d in docs}
    tp = fp = fn = 0
    for parent, child in gold.edges:
        truth = set()
        for ts, te, _, _ in by_id[child].copied:
            truth.update(range(ts, te))
        got = set()
        for e in derived:
            if e.source == parent and e.target == child:
                spans = [(p.target.start, p.target.end) for p in e.passages]
            elif not directed and e.source == child and e.target == parent:
                spans = [(p.source.start, p.source.end) for p in e.passages]
            else:
                continue
            for start, end in spans:
                got.update(range(start, end))
        tp += len(truth & got)
        fp += len(got - truth)
        fn += len(truth - got)
    return 2 * tp / max(1, 2 * tp + fp + fn)


def run(families: int, seed: int = 7, config: Config | None = None) -> dict[str, float]:
    from newstrace.provenance.graph import trace

    docs, gold = build(families, seed)
    prov = trace("bench", articles(docs), config or Config())
    return score(prov, docs, gold)


if __name__ == "__main__":
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 40
    for key, value in run(n).items():
        print(f"{key:25s} {value:.3f}")
