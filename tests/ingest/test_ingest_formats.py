"""Each input format a user may drop on the tool reads into the same cleaned Article."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from newstrace.ingest import ReadOptions, read_paths, read_text
from newstrace.model import Article

STORY = (
    "BERLIN, March 3 (dpa) -- The German government on Friday announced new funding for "
    "rail repairs, saying the network had been neglected for decades.\n\n"
    "The transport minister said work would begin this summer on the busiest lines.\n\n"
    "Opposition parties called the plan too little, too late."
)

HTML = """<!doctype html><html><head><meta charset="windows-1252">
<title>Rail repairs funded | Example</title>
<meta property="og:site_name" content="Deutsche Welle">
<meta property="article:published_time" content="2024-03-03T10:00:00Z">
<meta name="author" content="Anna Schmidt">
</head><body><nav>Home | Politics | Share</nav><article><h1>Rail repairs funded</h1>
<p>BERLIN, March 3 (dpa) -- The German government on Friday announced new funding for rail
repairs, saying the network had been neglected for decades and needed urgent work.</p>
<p>The transport minister said work would begin this summer on the busiest lines in the
country, starting with the main routes between the largest cities.</p>
<figure><img src="x.jpg"><figcaption>A train waits at a station. (dpa)</figcaption></figure>
<p>Opposition parties called the plan too little, too late, and “demanded more”.</p>
</article><footer>Subscribe</footer></body></html>"""


def _one(result) -> Article:
    assert result.skipped == []
    assert len(result.articles) == 1
    return result.articles[0]


def test_read_text_api_reads_dateline(config) -> None:
    art = read_text(STORY, "memo.txt", config)
    assert art.outlet == "dpa"
    assert art.dateline_place == "Berlin"
    assert art.published is None  # "March 3" without any year
    assert any("no year" in n for n in art.notes)
    assert len(art.paragraphs) == 3


def test_html_page_uses_page_metadata_and_text(config, tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(HTML.encode("cp1252"))
    art = _one(read_paths([path], config))
    assert art.title == "Rail repairs funded"
    assert art.outlet == "Deutsche Welle"
    assert art.published == "2024-03-03"
    assert art.author == "Anna Schmidt"
    assert art.dateline_place == "Berlin"
    assert "“demanded more”" in art.body  # decoded from the declared charset
    assert "Subscribe" not in art.body and "Home | Politics" not in art.body
    assert art.captions == ["A train waits at a station. (dpa)"]
    assert not art.body.startswith("Rail repairs funded")


def test_jsonl_with_default_and_custom_fields(config, tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    rows = [
        {"headline": "Rail plan", "content": STORY, "pubDate": "2024-03-03",
         "link": "https://www.dw.com/en/rail", "source": "DW"},
        {"headline": "Other", "content": STORY.replace("rail", "road"), "pubDate": "3 March 2024"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", "utf-8")
    result = read_paths([path], config)
    assert [a.source for a in result.articles] == [f"{path}#L1", f"{path}#L2"]
    first, second = result.articles
    assert first.title == "Rail plan" and first.published == "2024-03-03"
    assert first.outlet == "Deutsche Welle"  # "DW" is a registered alias
    assert first.url == "https://www.dw.com/en/rail"
    assert second.published == "2024-03-03"
    assert second.outlet == "dpa"  # no outlet field, no URL: the dateline's agency
    by_url = tmp_path / "by_url.jsonl"
    by_url.write_text(json.dumps({"text": STORY, "url": "https://www.france24.com/x"}) + "\n")
    assert _one(read_paths([by_url], config)).outlet == "France 24"
    custom = tmp_path / "custom.jsonl"
    custom.write_text(json.dumps({"txt": STORY, "hdr": "Custom title"}) + "\n", "utf-8")
    opts = ReadOptions(text_field="txt", title_field="hdr")
    assert _one(read_paths([custom], config, opts)).title == "Custom title"


def test_json_list_and_csv(config, tmp_path: Path) -> None:
    jpath = tmp_path / "list.json"
    jpath.write_text(json.dumps({"articles": [{"text": STORY, "title": "A"},
                                              {"text": STORY + " More.", "title": "B"}]}))
    result = read_paths([jpath], config)
    assert [a.title for a in result.articles] == ["A", "B"]
    assert result.articles[1].source == f"{jpath}#1"
    cpath = tmp_path / "table.csv"
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(["title", "body", "published", "site_name"])
    writer.writerow(["Row one", STORY, "2024-03-04", "Reuters"])
    cpath.write_text(buf.getvalue(), "utf-8")
    art = _one(read_paths([cpath], config))
    assert (art.title, art.published, art.outlet) == ("Row one", "2024-03-04", "Reuters")
    assert art.source == f"{cpath}#1"


def test_rss_full_text_entries_and_link_only_entries(config, tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")) * 2
    feed = f"""<?xml version="1.0"?><rss version="2.0"
      xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
      <title>Example Wire</title><link>https://example.org</link>
      <item><title>Full story</title><link>https://example.org/a</link>
        <pubDate>Sun, 03 Mar 2024 10:00:00 GMT</pubDate>
        <content:encoded><![CDATA[{body}]]></content:encoded></item>
      <item><title>Teaser</title><link>https://example.org/b</link>
        <description>Short teaser only.</description></item>
    </channel></rss>"""
    path = tmp_path / "feed.rss"
    path.write_text(feed, "utf-8")
    result = read_paths([path], config)
    assert len(result.articles) == 1
    art = result.articles[0]
    assert (art.title, art.published, art.url) == ("Full story", "2024-03-03",
                                                   "https://example.org/a")
    assert art.source == f"{path}#0"
    assert len(art.paragraphs) >= 3
    assert [(s.source, s.reason) for s in result.skipped] == [(f"{path}#1", "link-only entry")]


def test_folder_is_read_recursively_in_sorted_order_and_deduplicated(config, tmp_path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text(STORY + "\n\nA second story line here.", "utf-8")
    (tmp_path / "a.txt").write_text(STORY, "utf-8")
    (tmp_path / "c.txt").write_text(STORY + "\n", "utf-8")  # same text: one article
    result = read_paths([tmp_path], config)
    names = [Path(a.source).relative_to(tmp_path).as_posix() for a in result.articles]
    assert names == ["a.txt", "b/2.txt"]


def test_furniture_captions_credits_and_page_breaks(config) -> None:
    text = (
        "Storm Floods Coastal Towns\n\n"
        "By MARIA LOPEZ\n\n"
        "LISBON (AP) — Heavy rain flooded several coastal towns on Tuesday, forcing "
        "hundreds of residents to leave their\n\n"
        "homes, officials said.\n\n"
        "Advertisement\n\n"
        "Firefighters rescued people stranded on rooftops, the civil protection agency said.\n\n"
        "Residents wade through a flooded street in Lisbon on Tuesday. (AP Photo/Ana Brito)\n\n"
        "The storm is expected to move north on Wednesday. (END)\n\n"
        "Copyright 2024 The Associated Press. All rights reserved."
    )
    art = read_text(text, "storm.txt", config)
    assert art.title == "Storm Floods Coastal Towns"
    assert art.author == "Maria Lopez"
    assert art.outlet == "Associated Press" and art.dateline_place == "Lisbon"
    paras = [art.text(s) for s in art.paragraphs]
    assert paras[0].endswith("forcing hundreds of residents to leave their homes, officials said.")
    assert len(paras) == 3
    assert art.captions == [
        "Residents wade through a flooded street in Lisbon on Tuesday. (AP Photo/Ana Brito)"]
    assert "Advertisement" in art.furniture and "(END)" in art.furniture
    assert "Copyright" not in art.body and "(END)" not in art.body


def test_html_without_metadata_falls_back_to_text_credits_and_gives_no_date(config, tmp_path):
    paras = "".join(f"<p>{p}</p>" for p in STORY.replace("BERLIN, March 3 (dpa) -- ", "")
                    .split("\n\n"))
    page = (f"<html><body><article>{paras}<p>Courtesy: Harbour City Daily News</p>"
            f"</article><footer>© 2031 Example Ltd</footer></body></html>")
    path = tmp_path / "bare.htm"
    path.write_text(page, "utf-8")
    art = _one(read_paths([path], config))
    assert art.outlet == "Harbour City Daily News"
    assert art.outlet_evidence is not None and art.outlet_evidence.how == "credit"
    assert art.published is None  # no date anywhere: never today's, never the copyright year
    assert "Courtesy" not in art.body


def test_epoch_date_field(config, tmp_path: Path) -> None:
    path = tmp_path / "api.jsonl"
    path.write_text(json.dumps({"text": STORY, "timestamp": 1684108800}) + "\n", "utf-8")
    assert _one(read_paths([path], config)).published == "2023-05-15"


def test_tsv_and_single_json_object(config, tmp_path: Path) -> None:
    tsv = tmp_path / "rows.tsv"
    tsv.write_text("headline\tstory\n" + "Tab row\t" + STORY.replace("\n\n", " ") + "\n", "utf-8")
    art = _one(read_paths([tsv], config))
    assert art.title == "Tab row" and art.outlet == "dpa"
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"body": STORY, "headline": "Single"}), "utf-8")
    art = _one(read_paths([one], config))
    assert art.title == "Single" and art.source == str(one)


def test_record_text_in_html_markup_is_read_as_text(config, tmp_path: Path) -> None:
    path = tmp_path / "html.jsonl"
    markup = "".join(f"<p>{p}</p>" for p in STORY.split("\n\n"))
    path.write_text(json.dumps({"content": markup, "title": "Markup"}) + "\n", "utf-8")
    art = _one(read_paths([path], config))
    assert "<p>" not in art.body and len(art.paragraphs) == 3 and art.outlet == "dpa"


def test_atom_feed_with_html_content(config, tmp_path: Path) -> None:
    body = "".join(f"<p>{p}</p>" for p in STORY.split("\n\n")) * 2
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
    <feed xmlns="http://www.w3.org/2005/Atom"><title>Deutsche Welle</title>
      <entry><title>Atom story</title><link href="https://example.net/s1"/>
        <published>2024-03-03T08:00:00Z</published><author><name>Anna Schmidt</name></author>
        <content type="html"><![CDATA[{body}]]></content></entry>
    </feed>"""
    path = tmp_path / "feed.atom"
    path.write_text(feed, "utf-8")
    art = _one(read_paths([path], config))
    assert (art.title, art.published, art.author) == ("Atom story", "2024-03-03", "Anna Schmidt")
    assert art.outlet == "Deutsche Welle"  # the feed's title, a registered outlet
    assert "<p>" not in art.body
