"""Ingest throughput: documents/second for plain text, JSONL and HTML, and peak RSS.

Generates N synthetic documents per format (default 10,000) in a temporary
folder from the bundled seed articles, varied so that no two are identical
(shuffled paragraphs, numbered sentences, shifted dates), then times
``read_paths`` on each format after a small warm-up run.  Wall-clock and CPU
figures are both printed: on a shared machine the CPU rate is the stable one.

    .venv/bin/python bench/ingest.py            # 10,000 documents per format
    .venv/bin/python bench/ingest.py --n 2000 --formats text,jsonl
    .venv/bin/python bench/ingest.py --n 3000 --stream   # memory when streaming
"""

from __future__ import annotations

import argparse
import html
import json
import random
import resource
import tempfile
import time
from pathlib import Path

from newstrace.config import Config
from newstrace.ingest import iter_paths, read_paths
from newstrace.model import Skip

ROOT = Path(__file__).resolve().parents[1]


def _variants(n: int, seed: int = 7) -> list[str]:
    """``n`` distinct texts built from the seed articles."""
    rng = random.Random(seed)
    seeds = [p.read_text("utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    out = []
    for i in range(n):
        base = seeds[i % len(seeds)]
        paras = [p for p in base.split("\n\n") if p.strip()]
        head, rest = paras[:1], paras[1:]
        rng.shuffle(rest)
        extra = f"Officials counted {i} reports by day {rng.randint(1, 28)}."
        out.append("\n\n".join([*head, *rest, extra]) + "\n")
    return out


def _write_text(folder: Path, texts: list[str]) -> list[Path]:
    folder.mkdir()
    for i, t in enumerate(texts):
        (folder / f"{i:06d}.txt").write_text(t, "utf-8")
    return [folder]


def _write_jsonl(folder: Path, texts: list[str]) -> list[Path]:
    folder.mkdir()
    path = folder / "batch.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            rec = {"title": f"Story {i}", "text": t, "date": f"2023-05-{i % 28 + 1:02d}",
                   "url": f"https://example.org/{i}"}
            fh.write(json.dumps(rec) + "\n")
    return [path]


def _write_html(folder: Path, texts: list[str]) -> list[Path]:
    folder.mkdir()
    for i, t in enumerate(texts):
        paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in t.split("\n\n") if p.strip())
        page = (
            f"<!doctype html><html><head><meta charset='utf-8'><title>Story {i} | Site</title>"
            f"<meta property='article:published_time' content='2023-05-{i % 28 + 1:02d}'>"
            f"</head><body><nav><a href='/'>Home</a> | <a href='/w'>World</a></nav>"
            f"<article><h1>Story {i}</h1>{paras}</article>"
            f"<footer>Subscribe | Share</footer></body></html>"
        )
        (folder / f"{i:06d}.html").write_text(page, "utf-8")
    return [folder]


WRITERS = {"text": _write_text, "jsonl": _write_jsonl, "html": _write_html}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="documents per format")
    ap.add_argument("--formats", default="text,jsonl,html")
    ap.add_argument("--stream", action="store_true",
                    help="iterate with iter_paths, keeping no article (memory of streaming)")
    args = ap.parse_args()
    config = Config()
    texts = _variants(args.n)
    with tempfile.TemporaryDirectory() as tmp:
        warm = _write_text(Path(tmp) / "warm", texts[:20])
        read_paths(warm, config)  # loads language model, dateparser, registry
        print(f"ingest benchmark: {args.n} documents per format")
        for fmt in args.formats.split(","):
            paths = WRITERS[fmt](Path(tmp) / fmt, texts)
            t0, c0 = time.perf_counter(), time.process_time()
            if args.stream:
                items = [isinstance(x, Skip) for x in iter_paths(paths, config)]
                n, skipped = items.count(False), items.count(True)
            else:
                result = read_paths(paths, config)
                n, skipped = len(result.articles), len(result.skipped)
            secs, cpu = time.perf_counter() - t0, time.process_time() - c0
            print(f"  {fmt:6s} {n:6d} articles, {skipped} skipped, "
                  f"{secs:7.2f} s wall, {n / secs:7.1f} docs/s; "
                  f"{cpu:7.2f} s CPU, {n / cpu:7.1f} docs/CPU-s")
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak RSS {peak_mib:.0f} MiB")


if __name__ == "__main__":
    main()
