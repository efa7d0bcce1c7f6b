"""Outlet registry: names, aliases and web domains mapped to one canonical outlet.

The shipped ``data/outlets.toml`` covers a few dozen real outlets; a user file
(option ``[ingest] outlet_registry``) with the same layout extends it.  An
outlet a text names that the registry does not know is still reported, as the
text gives it (see :meth:`Registry.canonical`).
"""

from __future__ import annotations

import functools
import re
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...] = ()
    domains: tuple[str, ...] = ()
    country: str = ""
    kind: str = ""


def _key(name: str) -> str:
    """Comparison key: case-folded, punctuation and extra spaces dropped."""
    return " ".join(re.sub(r"[^\w]+", " ", name.casefold()).split())


@dataclass
class Registry:
    outlets: list[Outlet] = field(default_factory=list)
    _by_alias: dict[str, Outlet] = field(default_factory=dict, repr=False)
    _by_domain: dict[str, Outlet] = field(default_factory=dict, repr=False)

    def add(self, outlet: Outlet) -> None:
        self.outlets.append(outlet)
        for alias in (outlet.name, *outlet.aliases):
            self._by_alias[_key(alias)] = outlet
        for dom in outlet.domains:
            self._by_domain[dom.lower().removeprefix("www.")] = outlet

    def lookup(self, name: str) -> Outlet | None:
        """The registered outlet a name or alias stands for, else None."""
        return self._by_alias.get(_key(name))

    def canonical(self, name: str) -> str:
        """Canonical name of a registered outlet; unknown names come back as given."""
        hit = self.lookup(name)
        return hit.name if hit else " ".join(name.split())

    def by_domain(self, url_or_host: str) -> Outlet | None:
        """The outlet owning a URL or host name (sub-domains included)."""
        text = url_or_host.strip()
        host = urlsplit(text if "//" in text else "//" + text).hostname or ""
        host = host.lower().removeprefix("www.")
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            if "." not in host:
                break
            host = host.split(".", 1)[1]
        return None


def _parse(text: str) -> list[Outlet]:
    data = tomllib.loads(text)
    return [
        Outlet(
            name=str(row["name"]),
            aliases=tuple(row.get("aliases", ())),
            domains=tuple(row.get("domains", ())),
            country=str(row.get("country", "")),
            kind=str(row.get("kind", "")),
        )
        for row in data.get("outlet", [])
    ]


@functools.lru_cache(maxsize=8)
def load_registry(extra_path: str = "") -> Registry:
    """The shipped registry, extended by the TOML file at ``extra_path`` if given."""
    reg = Registry()
    shipped = resources.files("newstrace").joinpath("data/outlets.toml").read_text("utf-8")
    for outlet in _parse(shipped):
        reg.add(outlet)
    if extra_path:
        for outlet in _parse(Path(extra_path).read_text("utf-8")):
            reg.add(outlet)
    return reg
