"""Background document frequencies, so term rarity does not hinge on collection size.

IDF fitted on the articles at hand means little when there are only a few of
them: in five reports of one story every shared word looks common and every
other word looks rare, whatever the word.  A table of document frequencies
counted once over a general news corpus says how rare a word is in news at
large; :mod:`newstrace.group.features` blends the two, leaning on the
collection as it grows (``[events] background_docs``).

The shipped table (``newstrace/data/events_background.tsv.gz``) is built by
this module's command line from the PolNeAR training texts (840 US political
news articles of 2016, several outlets), a corpus the event gate does not
score on::

    .venv/bin/python -m newstrace.group.background ../shared/data/polnear/train/text

Terms are counted with the same analysers the event features use (content
words; capitalised words and numbers), and only terms in at least two
documents are kept (a term seen once says little and would bloat the file).
"""

from __future__ import annotations

import functools
import gzip
import sys
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from sklearn.feature_extraction.text import TfidfVectorizer

ALGORITHM = "background.v1"
FILE_NAME = "events_background.tsv.gz"
VIEWS = ("words", "names")


@dataclass(frozen=True)
class Background:
    """Document count ``n`` and, per view, document frequency of each term."""

    n: int
    df: dict[str, dict[str, int]] = field(default_factory=dict)


def analysers() -> dict[str, TfidfVectorizer]:
    """The vectorisers whose analysers define the terms of each view."""
    from newstrace.group.features import name_tokens

    return {
        "words": TfidfVectorizer(stop_words="english"),
        "names": TfidfVectorizer(analyzer=name_tokens),
    }


def count(texts: Iterable[str], min_df: int = 2) -> Background:
    """Document frequencies of every term in ``texts`` (kept when ``>= min_df``)."""
    analyse = {view: vec.build_analyzer() for view, vec in analysers().items()}
    counts: dict[str, Counter[str]] = {view: Counter() for view in VIEWS}
    n = 0
    for text in texts:
        n += 1
        for view in VIEWS:
            counts[view].update(set(analyse[view](text)))
    df = {view: {t: c for t, c in counts[view].items() if c >= min_df} for view in VIEWS}
    return Background(n=n, df=df)


def dump(bg: Background, path: Path) -> None:
    """Write ``bg`` as gzipped TSV: a ``#n`` line, then ``view, term, df`` rows."""
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write(f"#n\t{bg.n}\n")
        for view in VIEWS:
            for term, c in sorted(bg.df[view].items()):
                out.write(f"{view}\t{term}\t{c}\n")


def parse(lines: Iterable[str]) -> Background:
    """Read the format :func:`dump` writes."""
    n = 0
    df: dict[str, dict[str, int]] = {view: {} for view in VIEWS}
    for line in lines:
        parts = line.rstrip("\n").split("\t")
        if parts[0] == "#n":
            n = int(parts[1])
        elif len(parts) == 3 and parts[0] in df:
            df[parts[0]][parts[1]] = int(parts[2])
    return Background(n=n, df=df)


@functools.lru_cache(maxsize=1)
def load() -> Background:
    """The shipped table (empty, ``n = 0``, if the data file is missing)."""
    ref = resources.files("newstrace").joinpath("data", FILE_NAME)
    if not ref.is_file():
        return Background(n=0, df={view: {} for view in VIEWS})
    with ref.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as text:
        return parse(text)


def main(argv: list[str]) -> None:
    """Build the table from the ``*.txt`` files of a folder (see the module docstring)."""
    folder = Path(argv[0])
    out = Path(argv[1]) if len(argv) > 1 else (
        Path(__file__).resolve().parents[1] / "data" / FILE_NAME
    )
    paths = sorted(folder.glob("*.txt"))
    bg = count(p.read_text("utf-8", errors="replace") for p in paths)
    dump(bg, out)
    sizes = {view: len(bg.df[view]) for view in VIEWS}
    print(f"{bg.n} documents, terms kept {sizes}, written to {out}")


if __name__ == "__main__":
    main(sys.argv[1:])
