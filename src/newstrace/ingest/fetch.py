"""Fetching pages by URL (``newstrace fetch``): only public web addresses, capped.

A URL given on the command line may point anywhere, including at services
on the user's own machine or network (a cloud metadata endpoint, a router's
admin page).  So, before every request and again after every redirect, the
host is resolved and *every* address it resolves to must be a public one;
the connection then goes to the address that was checked (the host name
still travels in the ``Host`` header and TLS SNI), so a second DNS answer
cannot swap in a private address between the check and the connection.
Bodies are streamed and cut at ``[ingest] max_fetch_bytes``; connect and
read timeouts and a total deadline bound the time spent on one URL.  Each
site's robots.txt is read first and obeyed (``fetch_obey_robots``).  The
fetched HTML goes through the ordinary HTML reader with the URL as source
(a feed through the feed reader, plain text through the text reader).

Nothing here runs unless a user asks for it; the tests inject an
``httpx.MockTransport`` and a fake resolver and never touch the network.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import socket
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from newstrace import __version__
from newstrace.config import Config
from newstrace.ingest import IngestResult
from newstrace.ingest.decode import NotText, decode
from newstrace.model import Article, Skip

#: Host name and port to the addresses it resolves to (``socket.getaddrinfo`` by default).
Resolver = Callable[[str, int], list[str]]

REDIRECTS = (301, 302, 303, 307, 308)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml")
_XML_TYPES = ("application/xml", "text/xml")
#: IPv6 prefix whose last 32 bits are an IPv4 address reached through NAT64.
_NAT64 = ipaddress.ip_network("64:ff9b::/96")


class Refused(Exception):
    """A URL that will not be fetched; the message says why."""


class HTTPStatus(Refused):
    """The server answered with an error status."""

    def __init__(self, status: int) -> None:
        super().__init__(f"HTTP {status}")
        self.status = status


@dataclass(frozen=True)
class Target:
    """A checked URL: its host, port and the public address to connect to."""

    url: str
    scheme: str
    host: str
    port: int
    address: str


def resolve_host(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (OSError, UnicodeError) as exc:  # socket.gaierror is an OSError
        raise Refused(f"host {host!r} does not resolve ({exc})") from exc
    return sorted({str(info[4][0]) for info in infos})


def address_problem(address: str) -> str | None:
    """Why ``address`` is not a public internet address, or None when it is."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return f"{address!r} is not an IP address"
    if isinstance(ip, ipaddress.IPv6Address):
        # Addresses that carry an IPv4 address inside are judged by that address.
        inner = ip.ipv4_mapped or ip.sixtofour
        if inner is None and ip in _NAT64:
            inner = ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF)
        if inner is None and ip.teredo:
            inner = ip.teredo[1]
        if inner is not None:
            problem = address_problem(str(inner))
            return f"{address} embeds {problem}" if problem else None
    for test, kind in ((ip.is_unspecified, "unspecified"), (ip.is_loopback, "loopback"),
                       (ip.is_link_local, "link-local"), (ip.is_multicast, "multicast"),
                       (ip.is_reserved, "reserved"), (ip.is_private, "private")):
        if test:
            return f"{address} is a {kind} address"
    if not ip.is_global:
        return f"{address} is not a public address"
    return None


def check_url(url: str, resolver: Resolver | None = None) -> Target:
    """The URL's public address to connect to; raises :class:`Refused` with the reason."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise Refused(f"malformed URL ({exc})") from exc
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https"):
        raise Refused(f"only http and https URLs are fetched, not {scheme or 'no scheme'!r}")
    host = (parts.hostname or "").rstrip(".")
    if not host:
        raise Refused("URL has no host")
    if not host.isascii():  # internationalised names travel in their IDNA (punycode) form
        try:
            host = host.encode("idna").decode("ascii")
        except UnicodeError as exc:
            raise Refused(f"invalid host name {host!r} ({exc})") from exc
    port = port or (443 if scheme == "https" else 80)
    addresses = [host] if _is_ip(host) else (resolver or resolve_host)(host, port)
    if not addresses:
        raise Refused(f"host {host!r} resolves to no address")
    for address in addresses:
        problem = address_problem(address)
        if problem:
            where = "" if address == host else f"host {host!r} resolves to "
            raise Refused(f"{where}{problem}; not fetched")
    return Target(url.strip(), scheme, host, port, addresses[0])


def _is_ip(host: str) -> bool:
    try:
        ipaddress.ip_address(host.split("%", 1)[0])
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class Limits:
    """The fetch options of ``[ingest]``."""

    max_bytes: int
    connect: float
    read: float
    deadline: float
    redirects: int
    user_agent: str
    robots: bool

    @classmethod
    def from_config(cls, config: Config) -> Limits:
        sec = config.section("ingest")
        agent = f"newstrace/{__version__} (+{sec.str('fetch_contact')})"
        return cls(sec.int("max_fetch_bytes"), sec.float("fetch_connect_timeout"),
                   sec.float("fetch_read_timeout"), sec.float("fetch_deadline"),
                   sec.int("fetch_max_redirects"), agent, sec.bool("fetch_obey_robots"))


def make_client(config: Config, transport: httpx.BaseTransport | None = None) -> httpx.Client:
    """An httpx client with the configured timeouts and user agent, never following
    redirects by itself (each hop is checked here) and ignoring proxy variables (a
    proxy would connect to addresses this module never saw)."""
    lim = Limits.from_config(config)
    timeout = httpx.Timeout(connect=lim.connect, read=lim.read, write=lim.read, pool=lim.connect)
    # gzip and deflate only: their expansion per network chunk is bounded (about 1000:1),
    # and the body cap counts decoded bytes, so a compression bomb stops at the cap.
    headers = {"User-Agent": lim.user_agent, "Accept-Encoding": "gzip, deflate"}
    return httpx.Client(transport=transport, timeout=timeout, follow_redirects=False,
                        trust_env=False, headers=headers)


def fetch_urls(urls: Sequence[str], config: Config, *,
               transport: httpx.BaseTransport | None = None,
               resolver: Resolver | None = None) -> IngestResult:
    """Fetch and read each URL; refused or failed URLs become Skips naming the URL."""
    result = IngestResult()
    robots: dict[str, RobotFileParser | None] = {}
    with make_client(config, transport) as client:
        for url in urls:
            for item in fetch_one(client, url, config, resolver, robots):
                result.add(item)
    return result


def fetch_one(client: httpx.Client, url: str, config: Config,
              resolver: Resolver | None = None,
              robots: dict[str, RobotFileParser | None] | None = None) -> list[Article | Skip]:
    """One URL to its Article (a feed: one per full-text entry), or a Skip saying why not.

    ``robots`` caches each site's robots.txt across calls (``fetch_obey_robots``).
    """
    lim = Limits.from_config(config)
    deadline = time.monotonic() + lim.deadline
    try:
        check_url(url, resolver)  # a bad or private URL is refused before robots.txt is read
        cache = robots if robots is not None else {}
        if lim.robots and not _robots_allow(client, url, lim, resolver, cache):
            return [Skip(url, "disallowed for newstrace by the site's robots.txt")]
        final, ctype, data = _get(client, url, lim, deadline, resolver)
    except Refused as exc:
        return [Skip(url, str(exc))]
    except httpx.TimeoutException as exc:
        return [Skip(url, f"timed out ({type(exc).__name__})")]
    except httpx.HTTPError as exc:
        return [Skip(url, f"fetch failed ({type(exc).__name__}: {exc})")]
    except (httpx.InvalidURL, ValueError) as exc:
        return [Skip(url, f"malformed URL ({exc})")]
    return _read(data, ctype, url, final, config)


def _get(client: httpx.Client, url: str, lim: Limits, deadline: float,
         resolver: Resolver | None) -> tuple[str, str, bytes]:
    """(final URL, content type, body) after checked redirects; raises Refused."""
    for _hop in range(lim.redirects + 1):
        if time.monotonic() > deadline:
            raise Refused("fetch_deadline passed while following redirects")
        target = check_url(url, resolver)
        request = _pinned(client, target)
        response = client.send(request, stream=True)
        try:
            if response.status_code in REDIRECTS and "location" in response.headers:
                url = urljoin(url, response.headers["location"])
                continue
            if not 200 <= response.status_code < 300:  # errors, and 3xx without a Location
                raise HTTPStatus(response.status_code)
            return url, response.headers.get("content-type", ""), \
                _body(response, lim.max_bytes, deadline)
        finally:
            response.close()
    raise Refused(f"more than {lim.redirects} redirects")


def _robots_allow(client: httpx.Client, url: str, lim: Limits, resolver: Resolver | None,
                  cache: dict[str, RobotFileParser | None]) -> bool:
    """Whether the site's robots.txt lets newstrace fetch ``url`` (RFC 9309: a missing or
    4xx robots.txt allows everything; a 5xx one, or none within the limits, allows
    nothing).  Fetched once per site, through the same checks as any page."""
    parts = urlsplit(url.strip())
    site = f"{parts.scheme.lower()}://{parts.netloc.lower()}"
    if site not in cache:
        small = dataclasses.replace(lim, max_bytes=min(lim.max_bytes, 512 * 1024))
        try:
            _, _, data = _get(client, site + "/robots.txt", small,
                              time.monotonic() + lim.deadline, resolver)
            parser = RobotFileParser()
            parser.parse(data.decode("utf-8", "replace").splitlines())
            cache[site] = parser
        except HTTPStatus as exc:
            cache[site] = None if exc.status < 500 else _deny_all()
        except (Refused, httpx.HTTPError):
            cache[site] = _deny_all()
    rules = cache[site]
    return rules is None or rules.can_fetch("newstrace", url)


def _deny_all() -> RobotFileParser:
    parser = RobotFileParser()
    parser.parse(["User-agent: *", "Disallow: /"])
    return parser


def _pinned(client: httpx.Client, target: Target) -> httpx.Request:
    """A GET to the checked address, with the host name in ``Host`` and TLS SNI."""
    ip = ipaddress.ip_address(target.address.split("%", 1)[0])
    netloc = f"[{ip}]" if ip.version == 6 else str(ip)
    default = 443 if target.scheme == "https" else 80
    host = f"[{target.host}]" if ":" in target.host else target.host  # an IPv6 literal
    host = host if target.port == default else f"{host}:{target.port}"
    parts = urlsplit(target.url)
    url = parts._replace(netloc=f"{netloc}:{target.port}").geturl()
    return client.build_request("GET", url, headers={"Host": host},
                                extensions={"sni_hostname": target.host})


def _body(response: httpx.Response, cap: int, deadline: float) -> bytes:
    """The response body, refusing more than ``cap`` bytes or running past ``deadline``."""
    declared = response.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > cap:
        raise Refused(f"response over max_fetch_bytes ({declared} > {cap})")
    out = bytearray()
    for chunk in response.iter_bytes():
        out += chunk
        if len(out) > cap:
            raise Refused(f"response over max_fetch_bytes (stopped at byte {cap})")
        if time.monotonic() > deadline:
            raise Refused(f"fetch_deadline passed after {len(out)} bytes")
    return bytes(out)


def _read(data: bytes, ctype: str, url: str, final: str, config: Config
          ) -> list[Article | Skip]:
    """The fetched bytes through the HTML, feed or plain-text reader."""
    from newstrace.ingest.archives import iter_feed
    from newstrace.ingest.html import read_html
    from newstrace.ingest.sources import checked
    from newstrace.ingest.text import read_text

    mime, _, params = ctype.partition(";")
    mime = mime.strip().lower()
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    try:
        if mime in _FEED_TYPES or (mime in _XML_TYPES and _is_feed(data)):
            return [checked(item, config) for item in iter_feed(data, url, config)]
        if mime in _HTML_TYPES or (not mime and data.lstrip()[:1] == b"<"):
            item = read_html(data, url, config, url=final, charset=charset)
        elif mime == "text/plain":
            dec = decode(data, charset)
            item = read_text(dec.text, url, config, encoding=dec.encoding,
                             replaced=dec.replaced)
            item.notes.extend(dec.notes)
            item.url = item.url or final
        else:
            return [Skip(url, f"not an HTML, feed or text page (content type "
                              f"{mime or 'missing'!r})")]
    except NotText as exc:
        return [Skip(url, f"binary response, not text ({exc})")]
    if isinstance(item, Article) and final != url:
        item.notes.append(f"fetched from {final} after redirects")
    return [checked(item, config)]


def _is_feed(data: bytes) -> bool:
    """An XML document whose root is an RSS, Atom or RDF feed."""
    head = data[:2048].lower()
    return any(tag in head for tag in (b"<rss", b"<feed", b"<rdf:rdf"))
