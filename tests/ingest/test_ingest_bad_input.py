"""Bad inputs each become a Skip naming the file (and where), and the run goes on."""

from __future__ import annotations

import gzip
import io
import json
import resource
import time
from pathlib import Path

import pytest

from newstrace.ingest import read_paths

GOOD = (
    "OSLO, June 2 (NTB) -- Norway's parliament approved a new budget on Thursday after "
    "a long debate about oil revenue.\n\nThe finance minister welcomed the vote."
)


def _good(tmp_path: Path) -> Path:
    path = tmp_path / "good.txt"
    path.write_text(GOOD, "utf-8")
    return path


def _reasons(result) -> list[str]:
    return [s.reason for s in result.skipped]


def test_missing_path_is_skipped_and_run_goes_on(config, tmp_path) -> None:
    result = read_paths([tmp_path / "nope.txt", _good(tmp_path)], config)
    assert len(result.articles) == 1
    assert result.skipped[0].source.endswith("nope.txt")
    assert "no such file" in result.skipped[0].reason


def test_empty_file(config, tmp_path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blank.txt").write_text("  \n\n \n")
    result = read_paths([tmp_path / "empty.txt", tmp_path / "blank.txt"], config)
    assert result.articles == []
    assert _reasons(result) == ["empty file", "empty file"]


def test_binary_file_even_when_named_html(config, tmp_path) -> None:
    blob = bytes(range(256)) * 64
    (tmp_path / "image.html").write_bytes(blob)
    (tmp_path / "data.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + blob)
    result = read_paths([tmp_path / "image.html", tmp_path / "data.txt"], config)
    assert result.articles == []
    assert all("binary" in r for r in _reasons(result)) and len(result.skipped) == 2


def test_non_utf8_text_is_decoded_by_detection(config, tmp_path) -> None:
    text = ("PARIS, 2 juin (AFP) -- Le gouvernement français a annoncé jeudi une réforme "
            "des retraites très contestée, après des semaines de grèves.\n\n"
            "Les syndicats ont appelé à une nouvelle journée de mobilisation à Paris.")
    path = tmp_path / "latin1.txt"
    path.write_bytes(text.encode("latin-1"))
    result = read_paths([path], config)
    assert result.skipped == []
    art = result.articles[0]
    assert "français" in art.body and "réforme" in art.body
    assert art.encoding and art.encoding.replace("_", "-") not in ("utf-8", "utf8")
    assert art.replaced_chars == 0
    assert art.language == "fr"


def test_bom_and_replacement_count(config, tmp_path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(GOOD.encode("utf-16"))
    art = read_paths([path], config).articles[0]
    assert art.encoding == "utf-16" and art.body.startswith("OSLO")
    bomless = tmp_path / "bomless.txt"
    bomless.write_bytes(GOOD.encode("utf-16-le"))
    art = read_paths([bomless], config).articles[0]
    assert art.encoding == "utf-16-le" and art.body.startswith("OSLO")
    broken = tmp_path / "broken.txt"
    curly = GOOD.replace("Norway's", "Norway’s")
    broken.write_bytes(curly.encode("utf-8").replace(b"parliament", b"parlia\xffment"))
    art = read_paths([broken], config).articles[0]
    assert "Norway’s parlia\ufffdment" in art.body
    assert (art.encoding, art.replaced_chars) == ("utf-8", 1)


def test_folder_with_no_articles(config, tmp_path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "empty.txt").write_bytes(b"")
    result = read_paths([tmp_path], config)
    assert result.articles == []
    assert result.skipped[-1].source == str(tmp_path)
    assert result.skipped[-1].reason == "folder holds no articles"


def test_truncated_jsonl_line_keeps_the_rest(config, tmp_path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = [json.dumps({"text": GOOD}), '{"text": "OSLO, June 3 (NTB) -- cut off',
             json.dumps({"text": GOOD.replace("Thursday", "Friday")})]
    path.write_text("\n".join(lines), "utf-8")
    result = read_paths([path], config)
    assert len(result.articles) == 2
    (skip,) = result.skipped
    assert skip.source == f"{path}#L2" and skip.offset == "line 2"
    assert "invalid JSON" in skip.reason


def test_deeply_nested_json_is_skipped_not_crashing(config, tmp_path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000)
    jl = tmp_path / "deep.jsonl"
    jl.write_text('{"a":' * 100_000 + "1" + "}" * 100_000 + "\n" + json.dumps({"text": GOOD}))
    result = read_paths([path, jl, _good(tmp_path)], config)
    assert [s.reason for s in result.skipped] == ["JSON nested too deep"] * 2
    assert len(result.articles) == 1


def test_file_over_max_size_is_skipped(config, tmp_path) -> None:
    small = config.with_overrides({"ingest": {"max_file_bytes": 100}})
    path = tmp_path / "big.txt"
    path.write_text(GOOD * 3, "utf-8")
    result = read_paths([path], small)
    assert result.articles == []
    assert "max_file_bytes" in result.skipped[0].reason


def _bomb(path: Path, size: int) -> None:
    zeros = b"\0" * (1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as fh:
        for _ in range(size >> 20):
            fh.write(zeros)


@pytest.mark.parametrize("name", ["bomb.txt.gz", "bomb.warc.gz"])
def test_gzip_bomb_stops_at_the_cap_quickly(config, tmp_path, name) -> None:
    path = tmp_path / name
    _bomb(path, 200 << 20)  # 200 MiB of zeros, ~200 KiB on disk
    capped = config.with_overrides({"ingest": {"max_decompressed_bytes": 8 << 20,
                                               "max_file_bytes": 8 << 20}})
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    result = read_paths([path, _good(tmp_path)], capped)
    assert time.perf_counter() - t0 < 2.0
    grown_mib = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) / 1024
    assert grown_mib < 100
    assert len(result.articles) == 1
    assert result.skipped[0].source == str(path)
    assert "over cap" in result.skipped[0].reason


def _warc_record(url: str, html: str, charset: str = "utf-8") -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    http = StatusAndHeaders("200 OK", [("Content-Type", f"text/html; charset={charset}")],
                            protocol="HTTP/1.1")
    rec = writer.create_warc_record(url, "response", payload=io.BytesIO(html.encode(charset)),
                                    http_headers=http)
    writer.write_record(rec)
    return buf.getvalue()


def _page(title: str, body: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in body.split("\n\n"))
    head = f"<html><head><title>{title}</title></head>"
    return f"{head}<body><article>{paras}</article></body></html>"


def test_warc_reads_records_and_reports_truncation(config, tmp_path) -> None:
    first = _warc_record("https://www.reuters.com/a", _page("Budget passes", GOOD * 2))
    second = _warc_record("https://www.bbc.com/b",
                          _page("Other", GOOD.replace("budget", "law") * 2))
    path = tmp_path / "crawl.warc.gz"
    path.write_bytes(first + second[: len(second) // 2])
    result = read_paths([path], config)
    assert len(result.articles) == 1
    art = result.articles[0]
    assert art.url == "https://www.reuters.com/a" and art.outlet == "Reuters"
    assert art.source == f"{path}#1"
    (skip,) = result.skipped
    assert skip.source == str(path) and "truncated" in skip.reason


def test_one_huge_line_is_read_in_reasonable_time(config, tmp_path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text("Word " + "Alpha Beta gamma, Delta said. " * 200_000, "utf-8")  # ~6 MB
    t0 = time.perf_counter()
    result = read_paths([path], config)
    assert time.perf_counter() - t0 < 10
    assert len(result.articles) == 1


def test_warc_record_decoded_with_its_http_charset(config, tmp_path) -> None:
    text = GOOD.replace("Norway's", "Norway’s").replace("debate", "débat") * 2
    path = tmp_path / "latin.warc.gz"
    path.write_bytes(_warc_record("https://example.org/n", _page("Budsjett", text), "cp1252"))
    art = read_paths([path], config).articles[0]
    assert "Norway’s" in art.body and "débat" in art.body and art.replaced_chars == 0
    assert art.encoding == "cp1252"


def test_an_unexpected_reader_error_skips_only_that_file(config, tmp_path, monkeypatch) -> None:
    from newstrace.ingest import sources

    real = sources.read_text

    def flaky(text, source, *args, **kwargs):
        if "bad" in source:
            raise RuntimeError("boom")
        return real(text, source, *args, **kwargs)

    monkeypatch.setattr(sources, "read_text", flaky)
    (tmp_path / "bad.txt").write_text(GOOD + " Bad.", "utf-8")
    _good(tmp_path)
    result = read_paths([tmp_path], config)
    assert [Path(a.source).name for a in result.articles] == ["good.txt"]
    assert result.skipped[0].source.endswith("bad.txt") and "boom" in result.skipped[0].reason
