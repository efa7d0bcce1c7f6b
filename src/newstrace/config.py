"""Options passed down to every stage, trafilatura-style.

The shipped ``defaults.toml`` holds every option with its default value and a
comment; a user file (``--config FILE``) overrides any subset of it.  Stages
read their own section through typed getters, so a misspelt key is an error,
never a silent default.
"""

from __future__ import annotations

import builtins
import copy
import hashlib
import json
import tomllib
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any


class ConfigError(ValueError):
    """A configuration file or value is wrong."""


def _load_defaults() -> dict[str, dict[str, Any]]:
    text = resources.files("newstrace").joinpath("defaults.toml").read_text("utf-8")
    return tomllib.loads(text)


@dataclass(frozen=True)
class Section:
    name: str
    values: dict[str, Any]

    def _get(self, key: str) -> Any:
        try:
            return self.values[key]
        except KeyError:
            raise ConfigError(f"no option [{self.name}] {key}") from None

    def float(self, key: str) -> float:
        return float(self._get(key))

    def int(self, key: str) -> int:
        return int(self._get(key))

    def bool(self, key: str) -> bool:
        value = self._get(key)
        if not isinstance(value, bool):
            raise ConfigError(f"[{self.name}] {key} must be true or false")
        return value

    def str(self, key: str) -> str:
        return str(self._get(key))

    def list(self, key: builtins.str) -> builtins.list[Any]:
        value = self._get(key)
        if not isinstance(value, list):
            raise ConfigError(f"[{self.name}] {key} must be a list")
        return value


@dataclass
class Config:
    """All options; ``Config()`` is the shipped defaults."""

    values: dict[str, dict[str, Any]] = field(default_factory=_load_defaults)

    def section(self, name: str) -> Section:
        try:
            return Section(name, self.values[name])
        except KeyError:
            raise ConfigError(f"no section [{name}]") from None

    def with_overrides(self, overrides: dict[str, dict[str, Any]]) -> Config:
        merged = copy.deepcopy(self.values)
        for sec, items in overrides.items():
            if sec not in merged:
                raise ConfigError(f"unknown section [{sec}]")
            for key, value in items.items():
                if key not in merged[sec]:
                    raise ConfigError(f"unknown option [{sec}] {key}")
                merged[sec][key] = value
        return Config(merged)

    @classmethod
    def from_file(cls, path: str | Path | None) -> Config:
        base = cls()
        if path is None:
            return base
        try:
            data = tomllib.loads(Path(path).read_text("utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(f"{path}: {exc}") from exc
        return base.with_overrides(data)

    def fingerprint(self) -> str:
        """Short hash of the effective options, written into every output."""
        blob = json.dumps(self.values, sort_keys=True).encode()
        return hashlib.sha256(blob).hexdigest()[:12]
