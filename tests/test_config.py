"""Options: shipped defaults, user overrides, and errors for what does not exist."""

from __future__ import annotations

from pathlib import Path

import pytest

from newstrace.config import Config, ConfigError


def test_every_stage_has_a_section_in_the_shipped_defaults() -> None:
    config = Config()
    for name in ("ingest", "events", "threads", "provenance", "quotes", "entities", "compare",
                 "store"):
        assert config.section(name).values, name


def test_a_user_file_overrides_one_option_and_changes_the_fingerprint(tmp_path: Path) -> None:
    base = Config()
    key, value = next(iter(base.section("events").values.items()))
    user = tmp_path / "mine.toml"
    user.write_text(f"[events]\n{key} = {value!r}\n".replace("'", '"'))
    same = Config.from_file(user)
    assert same.fingerprint() == base.fingerprint()
    changed = base.with_overrides({"ingest": {"min_body_chars": 7}})
    assert changed.section("ingest").int("min_body_chars") == 7
    assert changed.fingerprint() != base.fingerprint()
    assert base.section("ingest").int("min_body_chars") != 7, "the defaults are not mutated"


@pytest.mark.parametrize("text, message", [
    ("[nosuch]\nx = 1\n", "unknown section"),
    ("[ingest]\nnosuch = 1\n", "unknown option"),
    ("[ingest\n", "mine.toml"),
])
def test_bad_user_files_are_clear_errors(tmp_path: Path, text: str, message: str) -> None:
    user = tmp_path / "mine.toml"
    user.write_text(text)
    with pytest.raises(ConfigError, match=message):
        Config.from_file(user)


def test_typed_getters_refuse_wrong_kinds() -> None:
    config = Config().with_overrides({"ingest": {"min_body_chars": 7}})
    section = config.section("ingest")
    with pytest.raises(ConfigError):
        section.bool("min_body_chars")
    with pytest.raises(ConfigError, match="no option"):
        section.int("misspelt")
    with pytest.raises(ConfigError, match="no section"):
        config.section("misspelt")
