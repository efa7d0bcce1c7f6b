"""Ingest throughput: documents/second for plain text, JSONL, HTML and WARC, and peak RSS.

Generates N synthetic documents per format (default 10,000) in a temporary
folder from the bundled seed articles, varied so that no two are identical
(shuffled paragraphs, numbered sentences, shifted dates), then times
``read_paths`` on each format after a small warm-up run.  Wall-clock and CPU
figures are both printed: on a shared machine the CPU rate is the stable one.

    .venv/bin/python bench/ingest.py            # 10,000 documents per format
    .venv/bin/python bench/ingest.py --n 2000 --formats text,jsonl
    .venv/bin/python bench/ingest.py --n 100000 --stream --formats text   # streaming memory
"""

from __future__ import annotations

import argparse
import html
import io
import json
import random
import resource
import tempfile
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from newstrace.config import Config
from newstrace.ingest import iter_paths, read_paths
from newstrace.model import Skip

ROOT = Path(__file__).resolve().parents[1]


def _variants(n: int, seed: int = 7) -> Iterator[str]:
    """``n`` distinct texts built from the seed articles, generated one at a time
    (so the benchmark's own memory does not hide the reader's)."""
    rng = random.Random(seed)
    seeds = [p.read_text("utf-8") for p in sorted((ROOT / "examples").glob("*.txt"))]
    for i in range(n):
        base = seeds[i % len(seeds)]
        paras = [p for p in base.split("\n\n") if p.strip()]
        head, rest = paras[:1], paras[1:]
        rng.shuffle(rest)
        extra = f"Officials counted {i} reports by day {rng.randint(1, 28)}."
        yield "\n\n".join([*head, *rest, extra]) + "\n"


def _write_text(folder: Path, texts: Iterable[str]) -> list[Path]:
    folder.mkdir()
    for i, t in enumerate(texts):
        (folder / f"{i:06d}.txt").write_text(t, "utf-8")
    return [folder]


def _write_jsonl(folder: Path, texts: Iterable[str]) -> list[Path]:
    folder.mkdir()
    path = folder / "batch.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            rec = {"title": f"Story {i}", "text": t, "date": f"2023-05-{i % 28 + 1:02d}",
                   "url": f"https://example.org/{i}"}
            fh.write(json.dumps(rec) + "\n")
    return [path]


def _page(i: int, t: str) -> str:
    paras = "".join(f"<p>{html.escape(p)}</p>\n" for p in t.split("\n\n") if p.strip())
    return (
        f"<!doctype html><html><head><meta charset='utf-8'><title>Story {i} | Site</title>"
        f"<meta property='article:published_time' content='2023-05-{i % 28 + 1:02d}'>"
        f"</head><body><nav><a href='/'>Home</a> | <a href='/w'>World</a></nav>"
        f"<article><h1>Story {i}</h1>{paras}</article>"
        f"<footer>Subscribe | Share</footer></body></html>"
    )


def _write_html(folder: Path, texts: Iterable[str]) -> list[Path]:
    folder.mkdir()
    for i, t in enumerate(texts):
        (folder / f"{i:06d}.html").write_text(_page(i, t), "utf-8")
    return [folder]


def _write_warc(folder: Path, texts: Iterable[str]) -> list[Path]:
    """One .warc.gz of HTTP response records, as a crawler writes them (warcio)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder.mkdir()
    path = folder / "crawl.warc.gz"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=True)
        for i, t in enumerate(texts):
            body = _page(i, t).encode("utf-8")
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                       protocol="HTTP/1.1")
            record = writer.create_warc_record(f"https://example.org/story/{i}", "response",
                                               payload=io.BytesIO(body), http_headers=headers)
            writer.write_record(record)
    return [path]


WRITERS = {"text": _write_text, "jsonl": _write_jsonl, "html": _write_html, "warc": _write_warc}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--n", type=int, default=10_000, help="documents per format")
    ap.add_argument("--formats", default="text,jsonl,html,warc")
    ap.add_argument("--stream", action="store_true",
                    help="iterate with iter_paths, keeping no article (memory of streaming)")
    args = ap.parse_args()
    config = Config()
    with tempfile.TemporaryDirectory() as tmp:
        warm = _write_text(Path(tmp) / "warm", _variants(20))
        read_paths(warm, config)  # loads language model, dateparser, registry
        print(f"ingest benchmark: {args.n} documents per format")
        for fmt in args.formats.split(","):
            paths = WRITERS[fmt](Path(tmp) / fmt, _variants(args.n))
            t0, c0 = time.perf_counter(), time.process_time()
            if args.stream:
                n = skipped = 0
                for item in iter_paths(paths, config):
                    skipped += isinstance(item, Skip)
                    n += not isinstance(item, Skip)
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
