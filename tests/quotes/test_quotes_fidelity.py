"""Fidelity labels on an invented origin and its rewrites."""

from __future__ import annotations

from newstrace.config import Config
from newstrace.model import Article, Event, Provenance, QuoteCheck
from newstrace.quotes.extract import extract_many
from newstrace.quotes.fidelity import check_event

ORIGIN = (
    "The harbour authority issued a statement on Tuesday.\n\n"
    "The new terminal will open in March and will double the port's capacity for "
    "container ships. Fees will rise by five percent to pay for the dredging of the "
    "main channel. The authority regrets the delay caused by the winter storms.\n\n"
    "Fishermen will keep their berths in the old basin.")


def _checks(derived: str, config: Config) -> tuple[Article, dict[str, QuoteCheck]]:
    origin = Article(id="fid-origin", source="o", body=ORIGIN)
    art = Article(id=f"fid-{abs(hash(derived))}", source="d", body=derived)
    quotes = extract_many([origin, art], config)
    event = Event("fid", [origin.id, art.id])
    checks = check_event(event, Provenance("fid", [origin.id]), quotes,
                         {origin.id: origin, art.id: art}, config)
    return art, {c.quote_id: c for c in checks}


def test_verbatim_modulo_case_punctuation_and_spelling(config: Config) -> None:
    _, checks = _checks(
        '"The new terminal will open in March and will double the port’s capacity for '
        'container ships," the harbor authority said.', config)
    (check,) = checks.values()
    assert check.label == "verbatim"
    assert not check.quoted_but_absent
    assert check.origin_span is not None
    assert ORIGIN[check.origin_span.start:check.origin_span.end].startswith("The new terminal")


def test_spliced_quote_is_trimmed(config: Config) -> None:
    _, checks = _checks(
        '"The new terminal will open in March ... Fees will rise by five percent," '
        "the authority said.", config)
    (check,) = checks.values()
    assert check.label == "trimmed"
    assert not check.quoted_but_absent


def test_reworded_quote_is_paraphrase_and_flagged(config: Config) -> None:
    _, checks = _checks(
        '"Charges are going up five percent so that the main channel can be dredged," '
        "the authority said.", config)
    (check,) = checks.values()
    assert check.label == "paraphrase"
    assert check.quoted_but_absent
    assert check.origin_span is not None
    assert "Fees will rise" in ORIGIN[check.origin_span.start:check.origin_span.end]


def test_invented_quote_is_absent(config: Config) -> None:
    _, checks = _checks(
        '"We will sue the government over the new airport tax next year," '
        "the authority said.", config)
    (check,) = checks.values()
    assert check.label == "absent"
    assert check.origin_span is None
    assert check.quoted_but_absent


def test_reported_speech_with_exact_quoted_phrase_is_not_flagged(config: Config) -> None:
    _, checks = _checks(
        "The authority said fishermen would keep their berths and that it "
        '"regrets the delay caused by the winter storms".', config)
    assert checks
    assert not any(c.quoted_but_absent for c in checks.values())
