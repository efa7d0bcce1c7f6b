"""Aligned passages as a reader sees them: an edited sentence is one row, not its copied runs."""

from __future__ import annotations

from newstrace.model import Passage, Span
from newstrace.report.markup import word_diff
from newstrace.report.view import passage_rows

SOURCE = "The ministry said the dam will close on Monday for urgent repairs. Weather follows."
TARGET = "The ministry said the dam would close on Monday for repairs. Sport follows."


def _passage(src: str, tgt: str, kind: str = "verbatim", score: float = 1.0) -> Passage:
    s, t = SOURCE.index(src), TARGET.index(tgt)
    return Passage(Span("a", s, s + len(src)), Span("b", t, t + len(tgt)), kind,  # type: ignore[arg-type]
                   score)


def test_copied_runs_of_one_sentence_become_one_edited_row() -> None:
    runs = [_passage("The ministry said the dam ", "The ministry said the dam "),
            _passage(" close on Monday for ", " close on Monday for "),
            _passage("repairs.", "repairs.")]
    rows = passage_rows(runs)
    assert len(rows) == 1
    row = rows[0]
    assert (row.kind, row.parts) == ("edited", 3)
    assert SOURCE[row.source.start:row.source.end] == (
        "The ministry said the dam will close on Monday for urgent repairs.")
    assert TARGET[row.target.start:row.target.end] == (
        "The ministry said the dam would close on Monday for repairs.")
    left, right = word_diff(SOURCE[row.source.start:row.source.end],
                            TARGET[row.target.start:row.target.end])
    assert 'urgent</del>' in left and '<ins class="chg">would</ins>' in right


def test_far_apart_passages_and_paraphrases_stay_separate() -> None:
    runs = [_passage("The ministry said the dam ", "The ministry said the dam "),
            _passage(" follows.", " follows.")]
    assert [r.parts for r in passage_rows(runs, gap=10)] == [1, 1]
    para = [_passage("The ministry said the dam ", "The ministry said the dam "),
            _passage("close on Monday", "close on Monday", kind="paraphrase", score=0.7)]
    assert [r.kind for r in passage_rows(para)] == ["verbatim", "paraphrase"]


def test_out_of_order_passages_are_not_joined() -> None:
    swapped = [_passage("repairs.", "The ministry said"), _passage("The ministry", "repairs.")]
    assert len(passage_rows(swapped)) == 2
