"""Alignment kernel: verbatim runs, small edits, reordering, trimmed quotes, paraphrase."""

from __future__ import annotations

import pytest

from newstrace.config import Config
from newstrace.model import Article
from newstrace.provenance import crossenc
from newstrace.provenance.align import AlignOptions, align, align_texts

SOURCE = (
    "The city council voted on Tuesday to close the old harbour bridge for repairs "
    "that engineers say will take at least eighteen months to complete. "
    "Residents of the eastern districts will have to use a ferry service during the works. "
    "The mayor said the decision was painful but necessary for the safety of everyone."
)
NO_PARA = AlignOptions(paraphrase=False)


def test_verbatim_copy_is_one_passage_with_exact_offsets() -> None:
    target = "Breaking news. " + SOURCE + " More later."
    (p,) = align_texts(SOURCE, target, NO_PARA)
    assert p.kind == "verbatim"
    assert SOURCE[p.a_start : p.a_end] == target[p.b_start : p.b_end]
    assert p.a_start == 0 and p.a_end == len(SOURCE)  # the closing full stop included


def test_small_edits_are_bridged_into_one_edited_passage() -> None:
    target = SOURCE.replace("Tuesday", "Monday").replace("painful", "hard")
    passages = align_texts(SOURCE, target, NO_PARA)
    assert len(passages) == 1
    assert passages[0].kind == "edited" and passages[0].score > 0.9


def test_house_style_is_not_an_edit() -> None:
    src = 'The U.S. envoy said the "honour" of the nation was at stake in the talks today.'
    tgt = "The US envoy said the “honor” of the nation was at stake in the talks today."
    (p,) = align_texts(src, tgt, NO_PARA)
    assert p.a_end - p.a_start == len(src) and p.b_end - p.b_start == len(tgt)


def test_british_spellings_are_not_edits() -> None:
    src = "Defense spending rose 4 percent, the minister said, and the license fee was frozen."
    tgt = "Defence spending rose 4 per cent, the minister said, and the licence fee was frozen."
    (p,) = align_texts(src, tgt, NO_PARA)
    assert len(p.runs) == 1  # one exact run: no word differs once normalised
    assert (p.b_start, p.b_end) == (0, len(tgt))


def test_short_sentence_moved_on_its_own_is_aligned(config: Config) -> None:
    """A four-word sentence is too short to be a passage of its own by exact runs;
    the sentence-matching step still pairs it with its source sentence."""
    moved = "Officials were worried."
    src = SOURCE + " " + moved
    tgt = moved + " " + SOURCE
    found = align_texts(src, tgt, AlignOptions.from_config(config))
    assert any(tgt[p.b_start : p.b_end] == moved and src[p.a_start : p.a_end] == moved
               for p in found)
    assert not any(tgt[p.b_start : p.b_end] == moved
                   for p in align_texts(src, tgt, NO_PARA))


def test_short_sentence_moved_into_an_edited_passage_is_aligned(config: Config) -> None:
    """A short sentence moved between two copied sentences sits in the gap of the
    edited passage chained across it, which aligns none of its words: it is still
    free to be paired with its source sentence."""
    moved = "Officials were worried."
    first, rest = SOURCE.split(". ", 1)
    src = SOURCE + " " + moved
    tgt = first + ". " + moved + " " + rest
    assert any(p.kind == "edited" and p.b_start < tgt.index(moved) < p.b_end
               for p in align_texts(src, tgt, NO_PARA))
    found = align_texts(src, tgt, AlignOptions.from_config(config))
    assert any(tgt[p.b_start : p.b_end] == moved and src[p.a_start : p.a_end] == moved
               for p in found)


def test_reordered_sentences_align_separately() -> None:
    sents = SOURCE.split(". ")
    target = ". ".join(reversed(sents))
    passages = align_texts(SOURCE, target, NO_PARA)
    assert len(passages) == 3
    for p in passages:
        assert SOURCE[p.a_start : p.a_end].rstrip(".") == target[p.b_start : p.b_end].rstrip(".")


def test_trimmed_quote_aligns_the_kept_part() -> None:
    target = 'Officials said repairs "will take at least eighteen months to complete."'
    (p,) = align_texts(SOURCE, target, NO_PARA)
    # the full stop both texts have is part of the passage; the quotation mark is not
    assert target[p.b_start : p.b_end] == "will take at least eighteen months to complete."


def test_closing_marks_are_included_only_when_both_sides_have_them() -> None:
    src = 'He said the plan "will cut costs for every household in the region."'
    tgt = 'The plan will cut costs for every household in the region, he said.'
    (p,) = align_texts(src, tgt, NO_PARA)
    assert src[p.a_start : p.a_end] == 'the plan "will cut costs for every household in the region'
    assert tgt[p.b_start : p.b_end] == "The plan will cut costs for every household in the region"


def test_unrelated_texts_share_nothing() -> None:
    other = "Heavy snow closed schools across the northern valleys as temperatures fell sharply."
    assert align_texts(SOURCE, other) == []


def test_reworded_sentence_is_a_paraphrase_passage(config: Config) -> None:
    a = Article("a", "a", "The minister resigned on Friday after weeks of pressure over the "
                "failed housing programme, officials confirmed to reporters.")
    b = Article("b", "b", "Officials confirmed that the minister quit on Friday following "
                "weeks of pressure about the failed housing programme.")
    (para,) = [p for p in align(a, b, config) if p.kind == "paraphrase"]
    assert para.source.article_id == "a" and para.target.article_id == "b"
    assert a.text(para.source) == a.body and b.text(para.target) == b.body
    assert 0.5 <= para.score <= 1.0


def test_the_configured_paraphrase_matcher_aligns(config: Config) -> None:
    """``[provenance] paraphrase_model = "minilm"`` reaches the alignment kernel."""
    if not crossenc.available():
        pytest.skip("the [minilm] extra is not installed")
    heavy = config.with_overrides({"provenance": {"paraphrase_model": "minilm"}})
    assert AlignOptions.from_config(heavy).paraphrase_model == "minilm"
    assert AlignOptions.from_config(config).paraphrase_model == "wordllama"
    a = Article("a", "a", "The minister resigned on Friday after weeks of pressure over the "
                "failed housing programme, officials confirmed to reporters.")
    b = Article("b", "b", "Officials confirmed that the minister quit on Friday following "
                "weeks of pressure about the failed housing programme.")
    (para,) = [p for p in align(a, b, heavy) if p.kind == "paraphrase"]
    assert a.text(para.source) == a.body and 0.5 <= para.score <= 1.0
