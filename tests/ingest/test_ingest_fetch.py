"""`newstrace fetch`: only public addresses, checked again after each redirect; capped.

No test touches the network: addresses are IP literals (resolved locally) or
go through a fake resolver, and responses come from ``httpx.MockTransport``.
"""

from __future__ import annotations

import time
from collections.abc import Iterator

import httpx
import pytest

from newstrace.ingest.fetch import Refused, address_problem, check_url, fetch_urls, make_client

PAGE = (
    "<html><head><title>Budget passes</title>"
    '<meta property="article:published_time" content="2024-06-02"></head><body><article>'
    "<p>OSLO, June 2 (NTB) -- Norway's parliament approved a new budget on Thursday after "
    "a long debate about oil revenue and spending on schools.</p>"
    "<p>The finance minister welcomed the vote and said the plan would hold.</p>"
    "</article></body></html>"
)

DNS = {"news.example": ["93.184.216.34"], "intranet.example": ["10.1.2.3"],
       "mixed.example": ["93.184.216.34", "192.168.0.7"], "v6.example": ["2606:4700::1111"],
       "down.example": ["93.184.216.35"]}


def fake_resolver(host: str, port: int) -> list[str]:
    if host in DNS:
        return DNS[host]
    raise Refused(f"host {host!r} does not resolve")


def test_malformed_urls_are_skipped_not_raised(config) -> None:
    transport = httpx.MockTransport(lambda request: httpx.Response(200))
    result = fetch_urls(["http://news.example:99999/", "http://[::1/", "news.example/a"],
                        config, transport=transport, resolver=fake_resolver)
    assert result.articles == []
    assert [s.source for s in result.skipped] == [
        "http://news.example:99999/", "http://[::1/", "news.example/a"]
    assert "malformed URL" in result.skipped[0].reason
    assert "only http and https" in result.skipped[2].reason


@pytest.mark.parametrize("url, why", [
    ("http://127.0.0.1/", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://10.0.0.1/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://0.0.0.0/", "unspecified"),
    ("http://224.0.0.1/", "multicast"),
    ("http://240.0.0.1/", "reserved"),
    ("http://[::ffff:192.168.1.1]/", "private"),
    ("http://[64:ff9b::a00:1]/", "private"),
    ("http://100.64.0.1/", "not a public address"),
    ("http://intranet.example/story", "10.1.2.3 is a private"),
    ("http://mixed.example/", "192.168.0.7 is a private"),
    ("ftp://x/", "only http and https"),
    ("file:///etc/passwd", "only http and https"),
    ("http:///nohost", "no host"),
])
def test_non_public_targets_are_refused_with_the_reason(url: str, why: str) -> None:
    with pytest.raises(Refused, match=why):
        check_url(url, fake_resolver)


def test_public_addresses_pass() -> None:
    assert address_problem("93.184.216.34") is None
    assert address_problem("2606:4700::1111") is None
    target = check_url("https://v6.example:8443/a?b=1", fake_resolver)
    assert (target.host, target.port, target.address) == ("v6.example", 8443, "2606:4700::1111")


def _serve(routes: dict[str, httpx.Response], seen: list[httpx.Request]) -> httpx.MockTransport:
    """Responses by the Host header (requests go to the checked IP address)."""
    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        key = request.headers["host"] + request.url.raw_path.decode()
        return routes.get(key, httpx.Response(404))
    return httpx.MockTransport(handler)


def test_fetched_page_is_read_with_the_url_as_source(config) -> None:
    seen: list[httpx.Request] = []
    transport = _serve({"news.example/a": httpx.Response(
        200, headers={"content-type": "text/html; charset=utf-8"}, content=PAGE.encode())}, seen)
    result = fetch_urls(["https://news.example/a"], config, transport=transport,
                        resolver=fake_resolver)
    assert result.skipped == []
    (art,) = result.articles
    assert art.source == "https://news.example/a" and art.url == "https://news.example/a"
    assert art.title == "Budget passes" and art.published == "2024-06-02"
    assert "oil revenue" in art.body
    robots, req = seen  # the site's robots.txt (404 here: all allowed), then the page
    assert robots.url.path == "/robots.txt" and req.url.path == "/a"
    assert req.url.host == "93.184.216.34"  # connected to the address that was checked
    assert req.extensions["sni_hostname"] == "news.example"
    assert req.headers["accept-encoding"] == "gzip, deflate"
    agent = req.headers["user-agent"]
    assert agent.startswith("newstrace/") and config.section("ingest").str("fetch_contact") in agent


def test_redirect_to_a_private_address_is_refused(config) -> None:
    seen: list[httpx.Request] = []
    transport = _serve({
        "news.example/a": httpx.Response(302, headers={"location": "http://intranet.example/x"}),
        "news.example/b": httpx.Response(301, headers={"location": "http://127.0.0.1:8080/"}),
    }, seen)
    result = fetch_urls(["http://news.example/a", "http://news.example/b"], config,
                        transport=transport, resolver=fake_resolver)
    assert result.articles == []
    first, second = result.skipped
    assert first.source == "http://news.example/a" and "10.1.2.3 is a private" in first.reason
    assert "127.0.0.1 is a loopback" in second.reason
    assert {r.headers["host"] for r in seen} == {"news.example"}  # private ones never asked


def test_redirects_are_followed_up_to_the_limit(config) -> None:
    hops = {f"news.example/{i}": httpx.Response(302, headers={"location": f"/{i + 1}"})
            for i in range(10)}
    hops["news.example/3"] = httpx.Response(200, headers={"content-type": "text/html"},
                                            content=PAGE.encode())
    seen: list[httpx.Request] = []
    result = fetch_urls(["http://news.example/0", "http://news.example/4"], config,
                        transport=_serve(hops, seen), resolver=fake_resolver)
    (art,) = result.articles
    assert art.source == "http://news.example/0" and art.url == "http://news.example/3"
    (skip,) = result.skipped
    assert skip.source == "http://news.example/4" and "more than 5 redirects" in skip.reason


def test_body_over_the_cap_stops_reading(config) -> None:
    sent = []

    def endless() -> Iterator[bytes]:
        for _ in range(10_000):
            sent.append(1)
            yield b"<p>" + b"x" * 65_536 + b"</p>"

    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, headers={"content-type": "text/html"},
                                       content=endless()))
    small = config.with_overrides({"ingest": {"max_fetch_bytes": 1 << 20,
                                              "fetch_obey_robots": False}})
    result = fetch_urls(["http://news.example/big"], small, transport=transport,
                        resolver=fake_resolver)
    (skip,) = result.skipped
    assert "over max_fetch_bytes" in skip.reason
    assert len(sent) < 20  # stopped near 1 MiB, not after 650 MB
    declared = httpx.MockTransport(lambda request: httpx.Response(
        200, headers={"content-type": "text/html", "content-length": str(5 << 20)},
        content=b"x"))
    (skip,) = fetch_urls(["http://news.example/big"], small, transport=declared,
                         resolver=fake_resolver).skipped
    assert f"{5 << 20} > {1 << 20}" in skip.reason


def test_timeouts_and_deadline_come_from_the_config(config) -> None:
    opts = config.with_overrides({"ingest": {"fetch_connect_timeout": 3.0,
                                             "fetch_read_timeout": 7.0, "fetch_deadline": 0.3,
                                             "fetch_obey_robots": False}})
    client = make_client(opts)
    assert (client.timeout.connect, client.timeout.read) == (3.0, 7.0)
    assert client.follow_redirects is False

    def slow() -> Iterator[bytes]:
        for _ in range(100):
            time.sleep(0.05)
            yield b"<p>drip</p>"

    transport = httpx.MockTransport(
        lambda request: httpx.Response(200, headers={"content-type": "text/html"},
                                       content=slow()))
    t0 = time.perf_counter()
    (skip,) = fetch_urls(["http://news.example/slow"], opts, transport=transport,
                         resolver=fake_resolver).skipped
    assert time.perf_counter() - t0 < 2
    assert "fetch_deadline" in skip.reason


def test_http_errors_and_other_content_types_are_skipped(config) -> None:
    seen: list[httpx.Request] = []
    transport = _serve({
        "news.example/pdf": httpx.Response(200, headers={"content-type": "application/pdf"},
                                           content=b"%PDF-1.4"),
        "news.example/moved": httpx.Response(301, content=PAGE.encode()),  # no Location
    }, seen)
    urls = ["http://news.example/gone", "http://news.example/pdf", "http://news.example/moved"]
    result = fetch_urls(urls, config, transport=transport, resolver=fake_resolver)
    assert [s.reason for s in result.skipped] == [
        "HTTP 404", "not an HTML, feed or text page (content type 'application/pdf')",
        "HTTP 301"]


def test_fetch_command_refuses_a_loopback_url_and_stores_nothing(tmp_path) -> None:
    from click.testing import CliRunner

    from newstrace.cli import cli

    db = tmp_path / "t.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "fetch", "http://127.0.0.1:9/",
                                      "gopher://news.example/"])
    assert result.exit_code != 0
    assert "127.0.0.1 is a loopback address" in result.stderr
    assert "only http and https" in result.stderr
    assert "no article could be read" in result.stderr


def test_fetch_command_stores_fetched_articles(tmp_path, monkeypatch) -> None:
    from click.testing import CliRunner

    from newstrace.cli import cli
    from newstrace.ingest import fetch
    from newstrace.store import open_store

    page = httpx.MockTransport(lambda request: httpx.Response(
        200, headers={"content-type": "text/html"}, content=PAGE.encode()))
    real = fetch.make_client
    monkeypatch.setattr(fetch, "make_client", lambda config, transport=None: real(config, page))
    monkeypatch.setattr(fetch, "resolve_host", fake_resolver)
    db = tmp_path / "t.db"
    result = CliRunner().invoke(cli, ["--db", str(db), "fetch", "https://news.example/a"])
    assert result.exit_code == 0, result.output
    with open_store(str(db)) as store:
        (art,) = store.articles()
    assert art.source == "https://news.example/a" and art.title == "Budget passes"


def test_international_host_names_are_resolved_in_their_idna_form() -> None:
    asked = []

    def resolver(host: str, port: int) -> list[str]:
        asked.append(host)
        return ["10.9.8.7"]

    with pytest.raises(Refused, match=r"10\.9\.8\.7 is a private"):
        check_url("https://nachrichten-öl.example/a", resolver)
    assert asked == ["xn--nachrichten-l-tmb.example"]


def test_a_fetched_feed_gives_its_full_text_entries(config) -> None:
    story = "<p>" + "The finance minister welcomed the vote on the new budget. " * 10 + "</p>"
    feed = (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Example News</title>'
            f"<item><title>Budget passes</title><link>https://news.example/a</link>"
            f"<pubDate>Sun, 02 Jun 2024 10:00:00 GMT</pubDate>"
            f"<description><![CDATA[{story}]]></description></item>"
            f"<item><title>Teaser</title><link>https://news.example/b</link>"
            f"<description>Short teaser.</description></item></channel></rss>")
    transport = httpx.MockTransport(lambda request: httpx.Response(
        200, headers={"content-type": "application/xml; charset=utf-8"}, content=feed.encode()))
    result = fetch_urls(["https://news.example/feed"], config, transport=transport,
                        resolver=fake_resolver)
    (art,) = result.articles
    assert art.source == "https://news.example/feed#0" and art.title == "Budget passes"
    assert art.url == "https://news.example/a" and art.published == "2024-06-02"
    (skip,) = result.skipped
    assert skip.source == "https://news.example/feed#1" and skip.reason == "link-only entry"


def test_a_compressed_body_is_capped_on_its_decoded_size(config) -> None:
    import gzip

    bomb = gzip.compress(b"<p>" + b"\0" * (64 << 20), compresslevel=9)  # 64 MiB from ~64 KiB
    transport = httpx.MockTransport(lambda request: httpx.Response(
        200, headers={"content-type": "text/html", "content-encoding": "gzip"}, content=bomb))
    small = config.with_overrides({"ingest": {"max_fetch_bytes": 1 << 20,
                                              "fetch_obey_robots": False}})
    (skip,) = fetch_urls(["http://news.example/bomb"], small, transport=transport,
                         resolver=fake_resolver).skipped
    assert "over max_fetch_bytes" in skip.reason


def test_robots_txt_is_obeyed_and_read_once_per_site(config) -> None:
    robots = "User-agent: *\nDisallow: /private/\n\nUser-agent: newstrace\nDisallow: /drafts/\n"
    seen: list[httpx.Request] = []
    ok = httpx.Response(200, headers={"content-type": "text/html"}, content=PAGE.encode())
    transport = _serve({"news.example/robots.txt": httpx.Response(200, text=robots),
                        "news.example/a": ok, "news.example/drafts/b": ok,
                        "down.example/robots.txt": httpx.Response(503),
                        "down.example/c": ok}, seen)
    urls = ["http://news.example/a", "http://news.example/drafts/b", "http://down.example/c"]
    result = fetch_urls(urls, config, transport=transport, resolver=fake_resolver)
    assert [a.source for a in result.articles] == ["http://news.example/a"]
    assert [s.source for s in result.skipped] == urls[1:]
    assert all("robots.txt" in s.reason for s in result.skipped)
    paths = [r.headers["host"] + r.url.path for r in seen]
    assert paths == ["news.example/robots.txt", "news.example/a", "down.example/robots.txt"]
    off = config.with_overrides({"ingest": {"fetch_obey_robots": False}})
    result = fetch_urls(urls[1:2], off, transport=transport, resolver=fake_resolver)
    assert len(result.articles) == 1
