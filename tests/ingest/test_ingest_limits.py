"""Hostile or damaged inputs: read within bounds, and whatever was cut or cleaned is said."""

from __future__ import annotations

import json
import time
from pathlib import Path

from newstrace.ingest import read_paths
from newstrace.model import Article

LEDE = ("OSLO, June 2 (NTB) -- Norway's parliament approved a new budget on Thursday after "
        "a long debate about oil revenue.")
MORE = "The finance minister welcomed the vote and said spending on schools would rise."


def _one(result) -> Article:
    assert result.skipped == [], result.skipped
    (art,) = result.articles
    return art


def test_html_nested_100000_deep_is_read_and_the_lost_part_reported(config, tmp_path) -> None:
    deep = "<div>" * 100_000 + "<p>Hidden deep paragraph text.</p>" + "</div>" * 100_000
    page = f"<html><body><article><p>{LEDE}</p><p>{MORE}</p>{deep}<p>Tail.</p></article>" \
           "</body></html>"
    path = tmp_path / "deep.html"
    path.write_text(page, "utf-8")
    t0 = time.perf_counter()
    art = _one(read_paths([path], config))
    assert time.perf_counter() - t0 < 5
    assert "oil revenue" in art.body and "Hidden deep" not in art.body
    (note,) = [n for n in art.notes if "parser stopped early" in n]
    assert "nested deeper" in note and "not read" in note and "at line 1 column" in note


def test_html_whose_text_is_all_beyond_the_depth_limit_is_skipped(config, tmp_path) -> None:
    page = "<html><body>" + "<div>" * 100_000 + f"<p>{LEDE}</p><p>{MORE}</p>" + \
           "</div>" * 100_000 + "</body></html>"
    path = tmp_path / "abyss.html"
    path.write_text(page, "utf-8")
    result = read_paths([path], config)
    assert result.articles == []
    (skip,) = result.skipped
    assert skip.source == str(path) and "parser stopped early" in skip.reason
    assert skip.offset is not None and skip.offset.startswith("line 1 column ")


def test_50_mb_text_node_in_html_is_cut_and_reported(config, tmp_path) -> None:
    filler = "The debate went on and on. " * (50_000_000 // 27)
    path = tmp_path / "huge.html"
    run = f"{MORE} {filler}"
    path.write_text(f"<html><head><title>Budget</title></head><body><article><p>{LEDE}</p>"
                    f"<p>{run}</p></article></body></html>", "utf-8")
    cap = config.section("ingest").int("max_text_chars")
    t0 = time.perf_counter()
    art = _one(read_paths([path], config))
    assert time.perf_counter() - t0 < 20
    assert art.body.startswith("OSLO") and "schools" in art.body
    assert len(art.body) <= cap
    (note,) = [n for n in art.notes if "was cut" in n]
    assert f"run of {len(run)} characters" in note and f"max_text_chars = {cap}" in note


def test_50_mb_plain_text_file_is_cut_and_reported(config, tmp_path) -> None:
    path = tmp_path / "huge.txt"
    path.write_text(f"{LEDE}\n\n{MORE}\n\n" + "The debate went on and on.\n" * 1_900_000, "utf-8")
    assert path.stat().st_size > 50_000_000
    cap = config.section("ingest").int("max_text_chars")
    t0 = time.perf_counter()
    art = _one(read_paths([path], config))
    assert time.perf_counter() - t0 < 20
    assert len(art.raw) <= cap and len(art.body) < 1.1 * cap  # body adds blank lines only
    (note,) = [n for n in art.notes if n.startswith("text cut")]
    assert f"of {path.stat().st_size} characters (max_text_chars = {cap})" in note


def test_text_cap_is_an_option_and_cuts_at_a_line_break(config, tmp_path) -> None:
    small = config.with_overrides({"ingest": {"max_text_chars": 300}})
    path = tmp_path / "long.txt"
    path.write_text(f"{LEDE}\n\n{MORE}\n\n" + "Another paragraph about the budget.\n\n" * 50)
    art = _one(read_paths([path], small))
    assert art.raw.endswith("budget.") and len(art.raw) <= 300
    assert any("max_text_chars = 300" in n for n in art.notes)


def test_bom_wins_over_a_contradicting_charset_and_bad_bytes_are_counted(config, tmp_path
                                                                         ) -> None:
    body = f"<p>{LEDE.replace('debate', 'débat')}</p><p>{MORE}</p>".encode()
    broken = body.replace(b"finance", b"fin\xffance")
    page = (b"\xef\xbb\xbf<html><head><meta charset=\"windows-1251\"><title>Budget</title>"
            b"</head><body><article>" + broken + b"</article></body></html>")
    path = tmp_path / "bom.html"
    path.write_bytes(page)
    art = _one(read_paths([path], config))
    assert art.encoding == "utf-8-sig"
    assert "débat" in art.body  # read as UTF-8, not as Cyrillic windows-1251
    assert art.replaced_chars == 1 and "fin\ufffdance" in art.body
    assert any("byte-order mark" in n and "cp1251" in n for n in art.notes)  # windows-1251
    text = tmp_path / "bom16.txt"
    text.write_bytes(f"{LEDE}\n\n{MORE}".encode("utf-16"))
    art = _one(read_paths([text], config))
    assert art.encoding == "utf-16" and art.notes == [
        n for n in art.notes if "byte-order" not in n]


def test_stray_nul_bytes_are_removed_and_counted(config, tmp_path) -> None:
    text = tmp_path / "nul.txt"
    text.write_bytes(f"{LEDE}\n\n{MORE}".encode().replace(b"budget", b"bud\x00get\x00\x00"))
    art = _one(read_paths([text], config))
    assert "\x00" not in art.body + art.raw and "budget" in art.body
    assert "removed 3 NUL character(s) from the text" in art.notes
    page = tmp_path / "nul.html"
    page.write_bytes(f"<html><body><article><p>{LEDE}</p><p>{MORE}</p></article></body></html>"
                     .encode().replace(b"vote", b"vo\x00te"))
    art = _one(read_paths([page], config))
    assert "\x00" not in art.body and "the vote" in art.body
    assert "removed 1 NUL character(s) from the text" in art.notes
    records = tmp_path / "nul.jsonl"
    records.write_text(json.dumps({"text": f"{LEDE}\u0000\n\n{MORE}"}) + "\n", "utf-8")
    art = _one(read_paths([records], config))
    assert "\x00" not in art.raw and "removed 1 NUL character(s) from the text" in art.notes


def test_binary_data_with_nuls_is_still_skipped(config, tmp_path) -> None:
    import random

    rng = random.Random(7)
    blob = bytes(rng.randrange(256) for _ in range(50_000))
    (tmp_path / "photo.txt").write_bytes(blob)
    (tmp_path / "record.txt").write_bytes(b"ID\x00\x00\x00\x01" * 4000)
    result = read_paths([tmp_path / "photo.txt", tmp_path / "record.txt"], config)
    assert result.articles == []
    assert [("binary" in s.reason) for s in result.skipped] == [True, True]


def test_language_is_detected_per_article_in_a_mixed_corpus(config, tmp_path: Path) -> None:
    texts = {
        "fr.txt": "PARIS, 2 juin (AFP) -- Le Parlement a adopté jeudi le budget de l'État "
                  "après un long débat sur les recettes pétrolières.\n\nLe ministre des "
                  "Finances a salué le vote et promis davantage de moyens pour les écoles.",
        "de.txt": "BERLIN, 2. Juni (dpa) -- Der Bundestag hat am Donnerstag nach einer langen "
                  "Debatte über die Einnahmen aus dem Ölgeschäft den Haushalt beschlossen."
                  "\n\nDer Finanzminister begrüßte die Abstimmung und versprach mehr Geld "
                  "für die Schulen.",
        "en.txt": f"{LEDE}\n\n{MORE}",
    }
    for name, text in texts.items():
        (tmp_path / name).write_text(text, "utf-8")
    result = read_paths([tmp_path], config)
    langs = {Path(a.source).name: a.language for a in result.articles}
    assert langs == {"de.txt": "de", "en.txt": "en", "fr.txt": "fr"}
